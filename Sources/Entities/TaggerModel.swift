import Foundation

/// The trained weights of the entity tagger: a table from feature key to one weight per tag,
/// stored as 16-bit integers with one scale, and the tag-to-tag transition weights.
public final class TaggerModel: Sendable {
    let keys: [UInt32]
    let weights: [Int16]
    let scale: Float
    /// Row `previous` (the last row is the sentence start), column `current`.
    let transitions: [Float]
    let lexicon: Lexicon

    /// The slot a key's search starts at: the key scaled onto the table (no power-of-two size needed).
    @inline(__always)
    static func home(of key: UInt32, capacity: Int) -> Int { Int((UInt64(key) &* UInt64(capacity)) >> 32) }

    static let magic: [UInt8] = Array("KNER".utf8)
    static let version: UInt32 = 4

    public struct FormatError: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { "not an entity model: \(reason)" }
    }

    init(keys: [UInt32], weights: [Int16], scale: Float, transitions: [Float], lexicon: Lexicon) {
        self.keys = keys
        self.weights = weights
        self.scale = scale
        self.transitions = transitions
        self.lexicon = lexicon
    }

    /// Builds the table from averaged weights, dropping features whose weights round to zero.
    convenience init(rows: [(key: UInt32, weights: [Float])], transitions: [Float], lexicon: Lexicon) {
        let largest = rows.lazy.flatMap(\.weights).map(abs).max() ?? 1
        let scale = max(largest, .leastNonzeroMagnitude) / 32767
        var kept: [(UInt32, [Int16])] = []
        for row in rows {
            let quantised = row.weights.map { Int16(($0 / scale).rounded()) }
            // Features whose every weight is within a rounding step or two of zero change no decision.
            if quantised.contains(where: { abs(Int($0)) > 2 }) { kept.append((row.key, quantised)) }
        }
        // A quarter of the slots stay empty, so that a search for a missing key ends soon.
        let capacity = max(1024, kept.count * 4 / 3)
        var keys = [UInt32](repeating: 0, count: capacity)
        var weights = [Int16](repeating: 0, count: capacity * EntityTag.count)
        for (key, row) in kept {
            var slot = Self.home(of: key, capacity: capacity)
            while keys[slot] != 0 { slot = slot + 1 == capacity ? 0 : slot + 1 }
            keys[slot] = key
            for t in 0..<EntityTag.count { weights[slot * EntityTag.count + t] = row[t] }
        }
        self.init(keys: keys, weights: weights, scale: scale, transitions: transitions, lexicon: lexicon)
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
        var keys = [UInt32](repeating: 0, count: capacity)
        var weights = [Int16](repeating: 0, count: capacity * tagCount)
        bytes.withUnsafeBytes { raw in
            keys.withUnsafeMutableBytes {
                $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[cursor..<(cursor + capacity * 4)]))
            }
            let start = cursor + capacity * 4
            weights.withUnsafeMutableBytes {
                $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start..<(start + capacity * tagCount * 2)]))
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
            keys: keys, weights: weights, scale: scale, transitions: transitions,
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
        write(UInt32(keys.count))
        write(UInt32(EntityTag.count))
        write(scale.bitPattern)
        for value in transitions { write(value.bitPattern) }
        keys.withUnsafeBytes { data.append(contentsOf: $0) }
        weights.withUnsafeBytes { data.append(contentsOf: $0) }
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

    /// Adds each tag's weight for the given features to `scores`.
    @inline(__always)
    func addEmissions(_ featureKeys: ArraySlice<UInt32>, into scores: inout [Int32]) {
        let capacity = keys.count
        keys.withUnsafeBufferPointer { keys in
            weights.withUnsafeBufferPointer { weights in
                for key in featureKeys {
                    var slot = Self.home(of: key, capacity: capacity)
                    while true {
                        let found = keys[slot]
                        if found == key {
                            let base = slot * EntityTag.count
                            for t in 0..<EntityTag.count { scores[t] &+= Int32(weights[base + t]) }
                            break
                        }
                        if found == 0 { break }
                        slot = slot + 1 == capacity ? 0 : slot + 1
                    }
                }
            }
        }
    }

    /// The best valid IOB2 tag sequence for a sentence.
    public func tags(for tokens: [String]) -> [EntityTag] {
        guard !tokens.isEmpty else { return [] }
        let cache = WordCache.current(for: self)
        let n = EntityTag.count
        var views: [TokenView] = []
        views.reserveCapacity(tokens.count)
        var unigram: [Int32] = []
        unigram.reserveCapacity(tokens.count * n)
        var keys: [UInt32] = []
        keys.reserveCapacity(TaggerFeatures.keysPerToken)
        var scores = [Int32](repeating: 0, count: n)
        for token in tokens {
            if let entry = cache.entries[token] {
                views.append(entry.view)
                unigram += entry.scores
                continue
            }
            // A word seen for the first time: its features, and the weights of those that look at it alone.
            let view = TokenView(token, lexicon: lexicon)
            keys.removeAll(keepingCapacity: true)
            TaggerFeatures.keys(at: 0, in: [view], into: &keys, templates: .word)
            TaggerFeatures.addDomainKeys(&keys, from: 0)
            for t in 0..<n { scores[t] = 0 }
            addEmissions(keys[...], into: &scores)
            cache.remember(token, WordCache.Entry(view: view, scores: scores))
            views.append(view)
            unigram += scores
        }
        for (i, name) in lexicon.names.matches(in: tokens).enumerated() { views[i].name = name }
        var emissions = [Float](repeating: 0, count: tokens.count * n)
        for i in tokens.indices {
            for t in 0..<n { scores[t] = unigram[i * n + t] }
            keys.removeAll(keepingCapacity: true)
            TaggerFeatures.keys(at: i, in: views, into: &keys, templates: .context)
            TaggerFeatures.addDomainKeys(&keys, from: 0)
            addEmissions(keys[...], into: &scores)
            for t in 0..<n { emissions[i * n + t] = Float(scores[t]) * scale }
        }
        return Viterbi.decode(emissions: emissions, count: tokens.count, transitions: transitions)
    }
}

/// Per thread and model: each word's features and the summed weights of those that look at the
/// word alone, so a word is worked out once however often it comes.
final class WordCache {
    struct Entry {
        var view: TokenView
        var scores: [Int32]
    }
    var entries: [String: Entry] = [:]
    /// Words kept at most; the cache starts again when full.
    static let limit = 50_000

    func remember(_ token: String, _ entry: Entry) {
        if entries.count >= Self.limit { entries.removeAll(keepingCapacity: true) }
        entries[token] = entry
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
