import Foundation

/// The trained weights of the entity tagger: a table from feature key to one weight per tag,
/// stored as 16-bit integers with one scale, and the tag-to-tag transition weights. A tag's weights
/// are kept relative to `outside` (whose weight is then 0): adding the same amount to every tag of
/// a position changes no decision, and a slot of the table (key and six weights) fits 16 bytes.
public final class TaggerModel: Sendable {
    let slots: [WeightSlot]
    let scale: Float
    /// Row `previous` (the last row is the sentence start), column `current`.
    let transitions: [Float]
    let lexicon: Lexicon
    /// What the sentence boundaries add to their neighbours' scores (see `WordScores`).
    let boundaries: (previous: Scores, previous2: Scores, next: Scores, next2: Scores)

    /// One tag's score per lane, lanes 0–5 the tags after `outside`, lanes 6–7 unused.
    typealias Scores = SIMD8<Int32>

    /// A feature key and its weights for the six tags after `outside`.
    struct WeightSlot {
        var key: UInt32
        var w1, w2, w3, w4, w5, w6: Int16
        static let empty = WeightSlot(key: 0, w1: 0, w2: 0, w3: 0, w4: 0, w5: 0, w6: 0)
    }

    /// The slot a key's search starts at: the key scaled onto the table (no power-of-two size needed).
    @inline(__always)
    static func home(of key: UInt32, capacity: Int) -> Int { Int((UInt64(key) &* UInt64(capacity)) >> 32) }

    static let magic: [UInt8] = Array("KNER".utf8)
    static let version: UInt32 = 5

    public struct FormatError: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { "not an entity model: \(reason)" }
    }

    init(slots: [WeightSlot], scale: Float, transitions: [Float], lexicon: Lexicon) {
        self.slots = slots
        self.scale = scale
        self.transitions = transitions
        self.lexicon = lexicon
        var keys: [UInt32] = []
        boundaries = (
            Self.emissions(of: { TaggerFeatures.previousKeys(.boundaryStart, into: &$0) }, slots: slots, buffer: &keys),
            Self.emissions(
                of: { TaggerFeatures.previous2Keys(.boundaryStart, into: &$0) }, slots: slots, buffer: &keys),
            Self.emissions(of: { TaggerFeatures.nextKeys(.boundaryEnd, into: &$0) }, slots: slots, buffer: &keys),
            Self.emissions(of: { TaggerFeatures.next2Keys(.boundaryEnd, into: &$0) }, slots: slots, buffer: &keys)
        )
    }

    /// Builds the table from averaged weights, dropping features whose weights round to zero.
    convenience init(rows: [(key: UInt32, weights: [Float])], transitions: [Float], lexicon: Lexicon) {
        let relative = rows.map { row in (row.key, row.weights.dropFirst().map { $0 - row.weights[0] }) }
        let largest = relative.lazy.flatMap(\.1).map(abs).max() ?? 1
        let scale = max(largest, .leastNonzeroMagnitude) / 32767
        var kept: [(UInt32, [Int16])] = []
        for (key, weights) in relative {
            let quantised = weights.map { Int16(($0 / scale).rounded()) }
            // Features whose every weight is within a rounding step or two of zero change no decision.
            if quantised.contains(where: { abs(Int($0)) > 2 }) { kept.append((key, quantised)) }
        }
        // A quarter of the slots stay empty, so that a search for a missing key ends soon.
        let capacity = max(1024, kept.count * 4 / 3)
        var slots = [WeightSlot](repeating: .empty, count: capacity)
        for (key, w) in kept {
            var slot = Self.home(of: key, capacity: capacity)
            while slots[slot].key != 0 { slot = slot + 1 == capacity ? 0 : slot + 1 }
            slots[slot] = WeightSlot(key: key, w1: w[0], w2: w[1], w3: w[2], w4: w[3], w5: w[4], w6: w[5])
        }
        self.init(slots: slots, scale: scale, transitions: transitions, lexicon: lexicon)
    }

    public convenience init(data: Data) throws {
        let bytes = [UInt8](data)
        var cursor = 0
        func read<T: FixedWidthInteger>(_: T.Type) throws -> T {
            let size = MemoryLayout<T>.size
            guard cursor + size <= bytes.count else { throw FormatError(reason: "truncated") }
            var value: T = 0
            for i in 0..<size { value |= T(bytes[cursor + i]) << (8 * i) }
            cursor += size
            return value
        }
        guard bytes.count >= 4, Array(bytes[0..<4]) == Self.magic else { throw FormatError(reason: "bad magic") }
        cursor = 4
        guard try read(UInt32.self) == Self.version else { throw FormatError(reason: "unknown version") }
        let capacity = Int(try read(UInt32.self))
        let tagCount = Int(try read(UInt32.self))
        guard tagCount == EntityTag.count, capacity > 0, capacity < 1 << 28 else {
            throw FormatError(reason: "bad dimensions")
        }
        let scale = Float(bitPattern: try read(UInt32.self))
        var transitions: [Float] = []
        for _ in 0..<((tagCount + 1) * tagCount) { transitions.append(Float(bitPattern: try read(UInt32.self))) }
        let needed = capacity * 4 + capacity * tagCount * 2
        guard bytes.count - cursor >= needed else { throw FormatError(reason: "bad length") }
        var slots = [WeightSlot](repeating: .empty, count: capacity)
        bytes.withUnsafeBytes { raw in
            let start = cursor + capacity * 4
            for slot in 0..<capacity {
                func weight(_ t: Int) -> Int16 {
                    raw.loadUnaligned(fromByteOffset: start + (slot * tagCount + t) * 2, as: Int16.self)
                }
                slots[slot] = WeightSlot(
                    key: raw.loadUnaligned(fromByteOffset: cursor + slot * 4, as: UInt32.self), w1: weight(1),
                    w2: weight(2), w3: weight(3), w4: weight(4), w5: weight(5), w6: weight(6))
            }
        }
        // The file is little-endian, as are the machines kabar runs on.
        cursor += needed
        /// A word-hash table: its size, then each hash with its value, in hash order.
        func readTable<Value: FixedWidthInteger>(_: Value.Type) throws -> [UInt64: Value] {
            let count = Int(try read(UInt32.self))
            var table: [UInt64: Value] = [:]
            table.reserveCapacity(count)
            for _ in 0..<count {
                let hash = try read(UInt64.self)
                table[hash] = try read(Value.self)
            }
            return table
        }
        let buckets = try readTable(UInt8.self)
        let classes = try readTable(UInt32.self)
        let names = try readTable(UInt8.self)
        guard cursor == bytes.count else { throw FormatError(reason: "bad length") }
        self.init(
            slots: slots, scale: scale, transitions: transitions,
            lexicon: Lexicon(
                cases: CaseProfile(buckets: buckets), clusters: WordClusters(classes: classes),
                names: Gazetteer(entries: names)))
    }

    public func serialized() -> Data {
        var data = Data(Self.magic)
        func write<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
        }
        write(Self.version)
        write(UInt32(slots.count))
        write(UInt32(EntityTag.count))
        write(scale.bitPattern)
        for value in transitions { write(value.bitPattern) }
        for slot in slots { write(slot.key) }
        for slot in slots {
            // `outside`'s weight, always 0, then the others.
            for weight in [0, slot.w1, slot.w2, slot.w3, slot.w4, slot.w5, slot.w6] { write(weight) }
        }
        func writeTable<Value: FixedWidthInteger>(_ table: [UInt64: Value]) {
            write(UInt32(table.count))
            for (hash, value) in table.sorted(by: { $0.key < $1.key }) {
                write(hash)
                write(value)
            }
        }
        writeTable(lexicon.cases.buckets)
        writeTable(lexicon.clusters.classes)
        writeTable(lexicon.names.entries)
        return data
    }

    /// The summed weights of the given features.
    @inline(__always)
    static func emissions(_ featureKeys: ArraySlice<UInt32>, slots: [WeightSlot]) -> Scores {
        var sum = Scores()
        let capacity = slots.count
        slots.withUnsafeBufferPointer { slots in
            for key in featureKeys {
                var index = home(of: key, capacity: capacity)
                while true {
                    let slot = slots[index]
                    if slot.key == key {
                        sum &+= Scores(
                            Int32(slot.w1), Int32(slot.w2), Int32(slot.w3), Int32(slot.w4), Int32(slot.w5),
                            Int32(slot.w6), 0, 0)
                        break
                    }
                    if slot.key == 0 { break }
                    index = index + 1 == capacity ? 0 : index + 1
                }
            }
        }
        return sum
    }

    /// The summed weights of the features `add` writes, written into `buffer` (emptied first).
    static func emissions(
        of add: (inout [UInt32]) -> Void, slots: [WeightSlot], buffer: inout [UInt32]
    ) -> Scores {
        buffer.removeAll(keepingCapacity: true)
        add(&buffer)
        return emissions(buffer[...], slots: slots)
    }

    /// A word's features, and the summed weights of those that look at the word alone.
    func wordScores(_ token: String) -> WordScores {
        let view = TokenView(token, lexicon: lexicon)
        var keys: [UInt32] = []
        keys.reserveCapacity(TaggerFeatures.featuresPerToken)
        func sum(_ add: (inout [UInt32]) -> Void) -> Scores { Self.emissions(of: add, slots: slots, buffer: &keys) }
        let own = sum { TaggerFeatures.wordKeys(view, into: &$0) }
        return WordScores(
            view: view,
            inside: own &+ sum { TaggerFeatures.placementKeys(view, isFirst: false, into: &$0) },
            first: own &+ sum { TaggerFeatures.placementKeys(view, isFirst: true, into: &$0) },
            asPrevious: sum { TaggerFeatures.previousKeys(view, into: &$0) },
            asPrevious2: sum { TaggerFeatures.previous2Keys(view, into: &$0) },
            asNext: sum { TaggerFeatures.nextKeys(view, into: &$0) },
            asNext2: sum { TaggerFeatures.next2Keys(view, into: &$0) })
    }

    /// The best valid IOB2 tag sequence for a sentence.
    public func tags(for tokens: [String]) -> [EntityTag] {
        guard !tokens.isEmpty else { return [] }
        let scores = scores(for: tokens)
        let n = EntityTag.count
        var emissions = [Float](repeating: 0, count: tokens.count * n)
        for i in scores.indices {
            for t in 1..<n { emissions[i * n + t] = Float(scores[i][t - 1]) * scale }
        }
        return Viterbi.decode(emissions: emissions, count: tokens.count, transitions: transitions)
    }

    /// Each token's summed feature weights.
    func scores(for tokens: [String]) -> [Scores] {
        let cache = WordCache.current(for: self)
        var words: [WordScores] = []
        words.reserveCapacity(tokens.count)
        for token in tokens {
            if let known = cache.scores[token] {
                words.append(known)
            } else {
                let scores = wordScores(token)
                cache.remember(token, scores)
                words.append(scores)
            }
        }
        var views = words.map(\.view)
        for (i, name) in lexicon.names.matches(in: tokens).enumerated() { views[i].name = name }
        let count = tokens.count
        var result: [Scores] = []
        result.reserveCapacity(count)
        var keys: [UInt32] = []
        keys.reserveCapacity(TaggerFeatures.featuresPerToken)
        for i in 0..<count {
            var scores = i == 0 ? words[i].first : words[i].inside
            scores &+= i >= 1 ? words[i - 1].asPrevious : boundaries.previous
            scores &+= i >= 2 ? words[i - 2].asPrevious2 : boundaries.previous2
            scores &+= i + 1 < count ? words[i + 1].asNext : boundaries.next
            scores &+= i + 2 < count ? words[i + 2].asNext2 : boundaries.next2
            scores &+= Self.emissions(
                of: {
                    TaggerFeatures.jointKeys(
                        previous2: i >= 2 ? views[i - 2] : .boundaryStart,
                        previous: i >= 1 ? views[i - 1] : .boundaryStart, here: views[i],
                        next: i + 1 < count ? views[i + 1] : .boundaryEnd,
                        next2: i + 2 < count ? views[i + 2] : .boundaryEnd, into: &$0)
                }, slots: slots, buffer: &keys)
            result.append(scores)
        }
        return result
    }
}

/// A word's features and the summed weights of its features that do not depend on where it stands:
/// its own (`inside` a sentence, or `first`), and what it adds to the scores of the words one and
/// two after it (`asPrevious`, `asPrevious2`) and before it (`asNext`, `asNext2`).
struct WordScores {
    var view: TokenView
    var inside, first, asPrevious, asPrevious2, asNext, asNext2: TaggerModel.Scores
}

/// Per thread and model: each word's scores, so a word is worked out once however often it comes.
final class WordCache {
    var scores: [String: WordScores] = [:]
    /// Words kept at most; the cache starts again when full.
    static let limit = 50_000

    func remember(_ token: String, _ word: WordScores) {
        if scores.count >= Self.limit { scores.removeAll(keepingCapacity: true) }
        scores[token] = word
    }

    static func current(for model: TaggerModel) -> WordCache {
        let key = "kabar.tagger.\(ObjectIdentifier(model).hashValue)"
        let dictionary = Thread.current.threadDictionary
        if let cache = dictionary[key] as? WordCache { return cache }
        let cache = WordCache()
        dictionary[key] = cache
        return cache
    }
}

enum Viterbi {
    static let tags = EntityTag.allCases

    /// Best path over `count` positions given per-position tag scores and transition weights.
    static func decode(emissions: [Float], count: Int, transitions: [Float]) -> [EntityTag] {
        let n = EntityTag.count
        let start = n  // the start row of the transition table
        var best = [Float](repeating: -.infinity, count: count * n)
        var back = [Int](repeating: 0, count: count * n)
        for t in 0..<n where tags[t].mayFollow(nil) {
            best[t] = emissions[t] + transitions[start * n + t]
        }
        if count > 1 {
            for i in 1..<count {
                for t in 0..<n {
                    var bestScore = -Float.infinity
                    var bestPrevious = 0
                    for p in 0..<n where best[(i - 1) * n + p] > -.infinity && tags[t].mayFollow(tags[p]) {
                        let score = best[(i - 1) * n + p] + transitions[p * n + t]
                        if score > bestScore {
                            bestScore = score
                            bestPrevious = p
                        }
                    }
                    best[i * n + t] = bestScore + emissions[i * n + t]
                    back[i * n + t] = bestPrevious
                }
            }
        }
        var last = 0
        for t in 1..<n where best[(count - 1) * n + t] > best[(count - 1) * n + last] { last = t }
        var path = [EntityTag](repeating: .outside, count: count)
        for i in stride(from: count - 1, through: 0, by: -1) {
            path[i] = tags[last]
            last = back[i * n + last]
        }
        return path
    }
}
