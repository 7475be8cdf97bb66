/// Names the training sentences tag, with the kinds they were tagged as and how often the same
/// words were a name at all: `Bank Indonesia` is an organisation, `Indonesia` mostly a place.
/// The tagger reads, for each token, the longest known name it falls in. Only hashes are kept.
public struct Gazetteer: Sendable {
    /// Hash of a name's tokens to its entry: bits 0–2 the kinds (PER, ORG, LOC) it was tagged as
    /// at least a third of the time, bits 3–4 how often its occurrences were tagged at all. Every
    /// first part of a name that is no name itself has the entry 0, so a search for a name can stop
    /// at the first run of words no name starts with.
    var entries: HashTable<UInt8>

    static let longest = 6

    public init() { entries = HashTable() }

    init(entries: HashTable<UInt8>) { self.entries = entries }

    /// How many names it knows.
    public var count: Int { entries.count { $0 != 0 } }

    /// The hash of a token (its `TokenView.exact`).
    static func hash(of token: String) -> UInt64 { TokenView.fnv(token.utf8) }

    /// The hash of a name extended by one token's hash.
    @inline(__always)
    static func extend(_ hash: UInt64, with token: UInt64) -> UInt64 {
        var h = (hash ^ token) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        return h
    }

    static let emptyHash: UInt64 = 0x9A2E_7710_5C3B_D001

    /// The hash of a name made of `tokens`.
    static func hash(of tokens: some Sequence<String>) -> UInt64 {
        tokens.reduce(emptyHash) { extend($0, with: hash(of: $1)) }
    }

    /// The entry of the name `tokens` make, if it is one.
    func entry(of tokens: some Sequence<String>) -> UInt8? {
        entries[Self.hash(of: tokens)].flatMap { $0 == 0 ? nil : $0 }
    }

    func matches(in tokens: [String]) -> [UInt64] { matches(inHashes: tokens.map(Self.hash(of:))) }

    /// Per token (given by its hash), the entry of the longest name starting at or covering it and
    /// the token's place in that name (1 only token, 2 first, 3 inside, 4 last), packed as
    /// `entry << 8 | place`; 0 for none.
    func matches(inHashes tokens: [UInt64]) -> [UInt64] {
        var result = [UInt64](repeating: 0, count: tokens.count)
        guard entries.count > 0 else { return result }
        var i = 0
        while i < tokens.count {
            var hash = Self.emptyHash
            var best: (length: Int, entry: UInt8)?
            for j in i..<min(tokens.count, i + Self.longest) {
                hash = Self.extend(hash, with: tokens[j])
                guard let entry = entries[hash] else { break }
                if entry != 0 { best = (j - i + 1, entry) }
            }
            guard let (length, entry) = best else {
                i += 1
                continue
            }
            for k in 0..<length {
                let place: UInt64 = length == 1 ? 1 : (k == 0 ? 2 : (k == length - 1 ? 4 : 3))
                result[i + k] = UInt64(entry) << 8 | place
            }
            i += length
        }
        return result
    }

    /// Learns the names of `sentences`: every entity span, how often each kind tagged it, and how
    /// often the same words stood in a sentence without being tagged as a name.
    public static func learn(from sentences: some Sequence<TaggedSentence>) -> Gazetteer {
        var kinds: [UInt64: [Int]] = [:]
        var prefixes = Set<UInt64>()
        var list = [TaggedSentence]()
        for sentence in sentences {
            list.append(sentence)
            for chunk in EntityChunk.chunks(of: sentence.tags) where chunk.end - chunk.start <= longest {
                var hash = emptyHash
                for token in sentence.tokens[chunk.start..<chunk.end] {
                    if hash != emptyHash { prefixes.insert(hash) }
                    hash = extend(hash, with: Self.hash(of: token))
                }
                let index = [EntityKind.person, .organization, .place].firstIndex(of: chunk.kind)!
                kinds[hash, default: [0, 0, 0]][index] += 1
            }
        }
        // Every occurrence of those words, tagged or not.
        var seen: [UInt64: Int] = [:]
        for sentence in list {
            for i in sentence.tokens.indices {
                var hash = emptyHash
                for j in i..<min(sentence.tokens.count, i + longest) {
                    hash = extend(hash, with: Self.hash(of: sentence.tokens[j]))
                    if kinds[hash] != nil { seen[hash, default: 0] += 1 }
                }
            }
        }
        var entries = HashTable<UInt8>(minimumCapacity: kinds.count + prefixes.count)
        for hash in prefixes where kinds[hash] == nil { entries[hash] = 0 }
        for (hash, counts) in kinds {
            let tagged = counts.reduce(0, +)
            var bits: UInt8 = 0
            for (index, count) in counts.enumerated() where count * 3 >= tagged { bits |= 1 << index }
            let share = Double(tagged) / Double(max(tagged, seen[hash] ?? tagged))
            let often: UInt8 = share >= 0.9 ? 3 : (share >= 0.5 ? 2 : 1)
            entries[hash] = bits | often << 3
        }
        return Gazetteer(entries: entries)
    }
}
