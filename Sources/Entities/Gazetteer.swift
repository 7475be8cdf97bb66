/// Names the training sentences tag, with the kinds they were tagged as and how often the same
/// words were a name at all: `Bank Indonesia` is an organisation, `Indonesia` mostly a place.
/// The tagger reads, for each token, the longest known name it falls in. Only hashes are kept.
public struct Gazetteer: Sendable {
    /// Hash of a name's tokens to its entry: bits 0–2 the kinds (PER, ORG, LOC) it was tagged as
    /// at least a third of the time, bits 3–4 how often its occurrences were tagged at all.
    var entries: [UInt64: UInt8]

    static let longest = 6

    public init() { entries = [:] }

    init(entries: [UInt64: UInt8]) { self.entries = entries }

    public var count: Int { entries.count }

    static func extend(_ hash: UInt64, with token: String) -> UInt64 {
        TokenView.fnv(token.utf8, seed: (hash ^ 0x1F) &* 0x100_0000_01b3)
    }

    static let emptyHash: UInt64 = 0x9A2E_7710_5C3B_D001

    /// Per token, the entry of the longest name starting at or covering it and the token's place in
    /// that name (1 only token, 2 first, 3 inside, 4 last), packed as `entry << 8 | place`; 0 for none.
    func matches(in tokens: [String]) -> [UInt64] {
        var result = [UInt64](repeating: 0, count: tokens.count)
        guard !entries.isEmpty else { return result }
        var i = 0
        while i < tokens.count {
            var hash = Self.emptyHash
            var best: (length: Int, entry: UInt8)?
            for j in i..<min(tokens.count, i + Self.longest) {
                hash = Self.extend(hash, with: tokens[j])
                if let entry = entries[hash] { best = (j - i + 1, entry) }
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
        var list = [TaggedSentence]()
        for sentence in sentences {
            list.append(sentence)
            for chunk in EntityChunk.chunks(of: sentence.tags) where chunk.end - chunk.start <= longest {
                var hash = emptyHash
                for token in sentence.tokens[chunk.start..<chunk.end] { hash = extend(hash, with: token) }
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
                    hash = extend(hash, with: sentence.tokens[j])
                    if kinds[hash] != nil { seen[hash, default: 0] += 1 }
                }
            }
        }
        var entries: [UInt64: UInt8] = [:]
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
