import Foundation
import SequenceModels

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
    /// This model's word cache in each thread's dictionary.
    let cacheKey = "kabar.tagger." + UUID().uuidString
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

    static let tags = EntityTag.allCases
    static let magic: [UInt8] = Array("KNER".utf8)
    static let version: UInt32 = 6

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
        var input = ByteReader(data)
        func read<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
            guard let value = input.read(type) else { throw FormatError(reason: "truncated") }
            return value
        }
        guard input.read(bytes: 4).map(Array.init) == Self.magic else { throw FormatError(reason: "bad magic") }
        guard try read(UInt32.self) == Self.version else { throw FormatError(reason: "unknown version") }
        let capacity = Int(try read(UInt32.self))
        let tagCount = Int(try read(UInt32.self))
        guard tagCount == EntityTag.count, capacity > 0, capacity < 1 << 28 else {
            throw FormatError(reason: "bad dimensions")
        }
        let scale = Float(bitPattern: try read(UInt32.self))
        var transitions: [Float] = []
        for _ in 0..<((tagCount + 1) * tagCount) { transitions.append(Float(bitPattern: try read(UInt32.self))) }
        // The file is little-endian, as are the machines kabar runs on.
        guard input.remaining >= capacity * 4 + capacity * tagCount * 2,
            let keys = input.read(UInt32.self, count: capacity),
            let weights = input.read(Int16.self, count: capacity * tagCount)
        else { throw FormatError(reason: "bad length") }
        var slots = [WeightSlot](repeating: .empty, count: capacity)
        for slot in 0..<capacity {
            func weight(_ t: Int) -> Int16 { weights[slot * tagCount + t] }
            slots[slot] = WeightSlot(
                key: keys[slot], w1: weight(1), w2: weight(2), w3: weight(3), w4: weight(4), w5: weight(5),
                w6: weight(6))
        }
        /// A word-hash table: its size, then each hash with its value, in hash order.
        func readTable<Value: FixedWidthInteger>(_: Value.Type) throws -> HashTable<Value> {
            let count = Int(try read(UInt32.self))
            guard count <= input.remaining / 9 else { throw FormatError(reason: "bad length") }
            var table = HashTable<Value>(minimumCapacity: count)
            for _ in 0..<count {
                let hash = try read(UInt64.self)
                table[hash] = try read(Value.self)
            }
            return table
        }
        let buckets = try readTable(UInt8.self)
        let classes = try readTable(UInt32.self)
        let names = try readTable(UInt8.self)
        guard input.isAtEnd else { throw FormatError(reason: "bad length") }
        self.init(
            slots: slots, scale: scale, transitions: transitions,
            lexicon: Lexicon(
                cases: CaseProfile(buckets: buckets), clusters: WordClusters(classes: classes),
                names: Gazetteer(entries: names)))
    }

    public func serialized() -> Data {
        var out = ByteWriter()
        out.write(Self.magic)
        out.write(Self.version)
        out.write(UInt32(slots.count))
        out.write(UInt32(EntityTag.count))
        out.write(scale)
        for value in transitions { out.write(value) }
        for slot in slots { out.write(slot.key) }
        for slot in slots {
            // `outside`'s weight, always 0, then the others.
            for weight in [0, slot.w1, slot.w2, slot.w3, slot.w4, slot.w5, slot.w6] { out.write(weight) }
        }
        func writeTable<Value: FixedWidthInteger>(_ table: HashTable<Value>) {
            out.write(UInt32(table.count))
            for (hash, value) in table.sorted {
                out.write(hash)
                out.write(value)
            }
        }
        writeTable(lexicon.cases.buckets)
        writeTable(lexicon.clusters.classes)
        writeTable(lexicon.names.entries)
        return out.data
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
            view: view, quiet: isQuiet(token, caseBucket: view.caseBucket),
            inside: own &+ sum { TaggerFeatures.placementKeys(view, isFirst: false, into: &$0) },
            first: own &+ sum { TaggerFeatures.placementKeys(view, isFirst: true, into: &$0) },
            asPrevious: sum { TaggerFeatures.previousKeys(view, into: &$0) },
            asPrevious2: sum { TaggerFeatures.previous2Keys(view, into: &$0) },
            asNext: sum { TaggerFeatures.nextKeys(view, into: &$0) },
            asNext2: sum { TaggerFeatures.next2Keys(view, into: &$0) })
    }

    /// The best valid IOB2 tag sequence for a sentence.
    ///
    /// A quiet token (see `isQuiet`) between two others is taken to be outside any name, and the
    /// stretches between such tokens are decoded on their own: most of a news text lies in such
    /// quiet runs, and a name almost never does. The features of the words that are scored
    /// still see the whole sentence; `allTags(for:)` decodes every position.
    public func tags(for tokens: [String]) -> [EntityTag] {
        tags(for: tokens, cache: WordCache.current(for: self))
    }

    /// The tags of a sentence, with the calling thread's word cache (see `WordCache.current`).
    func tags(for tokens: [String], cache: WordCache) -> [EntityTag] {
        let count = tokens.count
        guard count > 0 else { return [] }
        let sentence = SentenceScorer(model: self, tokens: tokens, cache: cache)
        var open = [Bool](repeating: false, count: count)
        for i in 0..<count {
            open[i] =
                !(sentence.quiet(i) && (i == 0 || sentence.quiet(i - 1)) && (i + 1 == count || sentence.quiet(i + 1)))
        }
        var path = [EntityTag](repeating: .outside, count: count)
        guard open.contains(true) else { return path }
        var keys: [UInt32] = []
        keys.reserveCapacity(TaggerFeatures.featuresPerToken)
        var start = 0
        while start < count {
            guard open[start] else {
                start += 1
                continue
            }
            var end = start
            while end < count, open[end] { end += 1 }
            let n = EntityTag.count
            var emissions = [Float](repeating: 0, count: (end - start) * n)
            for i in start..<end {
                let scores = sentence.scores(at: i, keys: &keys)
                for t in 1..<n { emissions[(i - start) * n + t] = Float(scores[t - 1]) * scale }
            }
            // A stretch after the first token follows an `outside` one; one that ends early precedes one.
            Viterbi.decode(
                emissions: emissions, count: end - start, transitions: transitions, mask: EntityTag.transitionMask,
                after: start > 0 ? EntityTag.outside.rawValue : nil,
                before: end < count ? EntityTag.outside.rawValue : nil
            ) { position, tag in path[start + position] = Self.tags[tag] }
            start = end
        }
        return path
    }

    /// Every position decoded, with no quiet runs taken as outside.
    func allTags(for tokens: [String]) -> [EntityTag] {
        guard !tokens.isEmpty else { return [] }
        let scores = scores(for: tokens)
        let n = EntityTag.count
        var emissions = [Float](repeating: 0, count: tokens.count * n)
        for i in scores.indices {
            for t in 1..<n { emissions[i * n + t] = Float(scores[i][t - 1]) * scale }
        }
        return Viterbi.decode(
            emissions: emissions, count: tokens.count, transitions: transitions, mask: EntityTag.transitionMask
        ).map { Self.tags[$0] }
    }

    /// Whether a token is one that names leave alone: punctuation, or a word written all in lower
    /// case that running text seldom capitalises (`indonesia` in a text written all in lower case
    /// and `detikFinance` are not quiet).
    func isQuiet(_ token: String, caseBucket: UInt64) -> Bool {
        var hasLetter = false
        for scalar in token.unicodeScalars {
            let v = scalar.value
            if v < 128 {
                if (v >= 65 && v <= 90) || (v >= 48 && v <= 57) { return false }
                if v >= 97 && v <= 122 { hasLetter = true }
                continue
            }
            let properties = scalar.properties
            if properties.isUppercase || properties.numericType != nil { return false }
            if properties.isAlphabetic { hasLetter = true }
        }
        // Bucket 1: capitalised under 5% of the time where a sentence does not force it.
        return !hasLetter || caseBucket == 1
    }

    /// Each token's summed feature weights.
    func scores(for tokens: [String]) -> [Scores] {
        let sentence = SentenceScorer(model: self, tokens: tokens, cache: WordCache.current(for: self))
        var keys: [UInt32] = []
        return tokens.indices.map { sentence.scores(at: $0, keys: &keys) }
    }
}

/// The words of one sentence as the tagger sees them.
struct SentenceScorer {
    let model: TaggerModel
    /// Each token's place in `words`.
    let indices: [Int]
    let words: [WordScores]
    var views: [TokenView]
    let count: Int

    init(model: TaggerModel, tokens: [String], cache: WordCache) {
        self.model = model
        count = tokens.count
        cache.makeRoom(for: count)
        var hashes: [UInt64] = []
        hashes.reserveCapacity(count)
        var indices: [Int] = []
        indices.reserveCapacity(count)
        for token in tokens {
            // The word cache and the names share the token's hash.
            let hash = Gazetteer.hash(of: token)
            hashes.append(hash)
            indices.append(cache.index(of: token, hash: hash) ?? cache.add(token, hash: hash, model.wordScores(token)))
        }
        self.indices = indices
        words = cache.words
        var views: [TokenView] = []
        views.reserveCapacity(count)
        for index in indices { views.append(words[index].view) }
        for (i, name) in model.lexicon.names.matches(inHashes: hashes).enumerated() where name != 0 {
            views[i].name = name
        }
        self.views = views
    }

    func quiet(_ i: Int) -> Bool { words[indices[i]].quiet }

    /// The summed weights of every feature of position `i`; `keys` is scratch space.
    func scores(at i: Int, keys: inout [UInt32]) -> TaggerModel.Scores {
        let boundaries = model.boundaries
        var scores = i == 0 ? words[indices[i]].first : words[indices[i]].inside
        scores &+= i >= 1 ? words[indices[i - 1]].asPrevious : boundaries.previous
        scores &+= i >= 2 ? words[indices[i - 2]].asPrevious2 : boundaries.previous2
        scores &+= i + 1 < count ? words[indices[i + 1]].asNext : boundaries.next
        scores &+= i + 2 < count ? words[indices[i + 2]].asNext2 : boundaries.next2
        keys.removeAll(keepingCapacity: true)
        TaggerFeatures.jointKeys(
            previous2: i >= 2 ? views[i - 2] : .boundaryStart, previous: i >= 1 ? views[i - 1] : .boundaryStart,
            here: views[i], next: i + 1 < count ? views[i + 1] : .boundaryEnd,
            next2: i + 2 < count ? views[i + 2] : .boundaryEnd, into: &keys)
        return scores &+ TaggerModel.emissions(keys[...], slots: model.slots)
    }
}

/// A word's features and the summed weights of its features that do not depend on where it stands:
/// its own (`inside` a sentence, or `first`), and what it adds to the scores of the words one and
/// two after it (`asPrevious`, `asPrevious2`) and before it (`asNext`, `asNext2`).
struct WordScores {
    var view: TokenView
    /// See `TaggerModel.isQuiet`.
    var quiet: Bool
    var inside, first, asPrevious, asPrevious2, asNext, asNext2: TaggerModel.Scores
}

/// Per thread and model: each word's scores, so a word is worked out once however often it comes.
/// An open-addressing table on the words' FNV hashes (the words themselves are compared too).
final class WordCache {
    private(set) var words: [WordScores] = []
    private var tokens: [String] = []
    /// Per slot, the word's hash and its place in `words` plus one (0: empty).
    private var hashes: [UInt64]
    private var places: [Int32]
    /// Words kept at most between sentences; the cache starts again when full. (One sentence of
    /// more distinct words than that grows the table.)
    static let limit = 50_000
    private var mask = 131_071

    init() {
        hashes = [UInt64](repeating: 0, count: mask + 1)
        places = [Int32](repeating: 0, count: mask + 1)
    }

    /// Empties the cache unless `count` more words fit.
    func makeRoom(for count: Int) {
        guard words.count + count > Self.limit else { return }
        words.removeAll(keepingCapacity: true)
        tokens.removeAll(keepingCapacity: true)
        for i in places.indices { places[i] = 0 }
    }

    @inline(__always)
    private func home(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask }

    /// The place in `words` of `token`, whose FNV hash is `hash`.
    func index(of token: String, hash: UInt64) -> Int? {
        var slot = home(hash)
        while true {
            let place = places[slot]
            if place == 0 { return nil }
            if hashes[slot] == hash && tokens[Int(place) - 1] == token { return Int(place) - 1 }
            slot = (slot + 1) & mask
        }
    }

    /// Adds a word (there must be room: see `makeRoom`) and returns its place in `words`.
    func add(_ token: String, hash: UInt64, _ word: WordScores) -> Int {
        if (words.count + 1) * 2 > mask + 1 { grow() }
        words.append(word)
        tokens.append(token)
        place(words.count - 1, hash: hash)
        return words.count - 1
    }

    private func place(_ index: Int, hash: UInt64) {
        var slot = home(hash)
        while places[slot] != 0 { slot = (slot + 1) & mask }
        hashes[slot] = hash
        places[slot] = Int32(index + 1)
    }

    private func grow() {
        let old = zip(hashes, places).filter { $0.1 != 0 }
        mask = mask * 2 + 1
        hashes = [UInt64](repeating: 0, count: mask + 1)
        places = [Int32](repeating: 0, count: mask + 1)
        for (hash, place) in old { self.place(Int(place) - 1, hash: hash) }
    }

    static func current(for model: TaggerModel) -> WordCache {
        let dictionary = Thread.current.threadDictionary
        if let cache = dictionary[model.cacheKey] as? WordCache { return cache }
        let cache = WordCache()
        dictionary[model.cacheKey] = cache
        return cache
    }
}
