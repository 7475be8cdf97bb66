/// How often each word is written with a capital letter where a sentence does not force one,
/// learnt from plain text. Names keep their capital everywhere; ordinary words lose it; the
/// tagger reads the difference even for words its training sentences never had.
public struct CaseProfile: Sendable {
    /// Word hash (of the lower-cased word) to bucket: 1 rarely capitalised … 5 always; 6 all capitals.
    var buckets: HashTable<UInt8>

    public init() { buckets = HashTable() }

    init(buckets: HashTable<UInt8>) { self.buckets = buckets }

    static func hash(_ lowered: String) -> UInt64 { TokenView.fnv(lowered.utf8, seed: 0x5A17) }

    /// The bucket of a word; 0 when the word was seen too seldom to say.
    func bucket(ofLowered lowered: String) -> UInt8 { buckets[Self.hash(lowered)] ?? 0 }

    /// Counts capitalisation in sentences of tokens, skipping each sentence's first token and
    /// tokens after quotes or colons; keeps words seen at least `minimum` times.
    public static func learn(from sentences: [[String]], minimum: Int = 3) -> CaseProfile {
        var counts: [UInt64: (capital: Int32, lower: Int32, allCaps: Int32)] = [:]
        for sentence in sentences {
            for (i, token) in sentence.enumerated() where i > 0 {
                guard let first = token.first, first.isLetter else { continue }
                let previous = sentence[i - 1]
                if [".", "\"", "“", ":", "!", "?", "(", "-"].contains(previous) { continue }
                let key = hash(token.lowercased())
                var entry = counts[key] ?? (0, 0, 0)
                if first.isUppercase {
                    entry.capital += 1
                    if token.count > 1 && token.allSatisfy({ !$0.isLetter || $0.isUppercase }) { entry.allCaps += 1 }
                } else {
                    entry.lower += 1
                }
                counts[key] = entry
            }
        }
        var buckets: [UInt64: UInt8] = [:]
        for (key, entry) in counts {
            let total = Int(entry.capital) + Int(entry.lower)
            guard total >= minimum else { continue }
            let ratio = Double(entry.capital) / Double(total)
            let bucket: UInt8
            if Double(entry.allCaps) / Double(total) > 0.8 {
                bucket = 6
            } else if ratio < 0.05 {
                bucket = 1
            } else if ratio < 0.4 {
                bucket = 2
            } else if ratio < 0.7 {
                bucket = 3
            } else if ratio < 0.95 {
                bucket = 4
            } else {
                bucket = 5
            }
            buckets[key] = bucket
        }
        return CaseProfile(buckets: HashTable(buckets.map { ($0.key, $0.value) }))
    }
}

/// What the tagger knows about words beyond its weights: how they are capitalised and which words
/// keep the same company (from plain text), and which names its training sentences tagged.
public struct Lexicon: Sendable {
    public var cases: CaseProfile
    public var clusters: WordClusters
    public var names: Gazetteer

    public init(
        cases: CaseProfile = CaseProfile(), clusters: WordClusters = WordClusters(), names: Gazetteer = Gazetteer()
    ) {
        self.cases = cases
        self.clusters = clusters
        self.names = names
    }
}
