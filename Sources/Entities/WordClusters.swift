import Foundation

/// Words grouped by the company they keep, learnt from plain text without labels: words that
/// stand in the same places (`Jokowi`, `Prabowo`; `Jepang`, `Rusia`; `kementerian`, `badan`) share
/// a cluster. The tagger reads a word's cluster, so a name its training sentences never had still
/// looks like the names they had. Two granularities: `coarse` and `fine` clusters per word.
public struct WordClusters: Sendable {
    /// Word hash (of the lower-cased word) to `coarse << 16 | fine`.
    var classes: HashTable<UInt32>

    public init() { classes = HashTable() }

    init(classes: HashTable<UInt32>) { self.classes = classes }

    static func hash(_ lowered: String) -> UInt64 { TokenView.fnv(lowered.utf8, seed: 0xC1A5) }

    /// The clusters of a word, `(coarse, fine)`; `nil` for a word too rare to have been clustered.
    func clusters(ofLowered lowered: String) -> (coarse: UInt16, fine: UInt16)? {
        guard let packed = classes[Self.hash(lowered)] else { return nil }
        return (UInt16(packed >> 16), UInt16(packed & 0xFFFF))
    }

    public var wordCount: Int { classes.count }

    /// Clusters the words seen at least `minimum` times in `sentences` with the exchange algorithm
    /// (a two-sided class bigram model, each word moved to the class that best predicts its
    /// neighbours), once into `coarse` and once into `fine` classes. Deterministic. Rarer words are
    /// left out: a few dozen sightings are too few to place a word, and a name put among ordinary
    /// words (`Putin` among `pemerintah`, `polisi`) is then read as one of them.
    public static func learn(
        from sentences: [[String]], coarse: Int = 48, fine: Int = 320, minimum: Int = 30, passes: Int = 8,
        progress: (String) -> Void = { _ in }
    ) -> WordClusters {
        var counts: [String: Int] = [:]
        let lowered = sentences.map { $0.map { $0.lowercased() } }
        for sentence in lowered { for word in sentence { counts[word, default: 0] += 1 } }
        let vocabulary = counts.filter { $0.value >= minimum }.sorted {
            $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
        }.map(\.key)
        guard !vocabulary.isEmpty else { return WordClusters() }
        var id: [String: Int32] = [:]
        for (i, word) in vocabulary.enumerated() { id[word] = Int32(i) }
        let rare = Int32(vocabulary.count)
        let boundary = rare + 1
        var pairs: [UInt64: Int32] = [:]
        for sentence in lowered {
            var previous = boundary
            for word in sentence {
                let current = id[word] ?? rare
                pairs[UInt64(UInt32(previous)) << 32 | UInt64(UInt32(current)), default: 0] += 1
                previous = current
            }
            pairs[UInt64(UInt32(previous)) << 32 | UInt64(UInt32(boundary)), default: 0] += 1
        }
        let bigrams = Bigrams(words: vocabulary.count, pairs: pairs)
        progress("clustering \(vocabulary.count) words into \(coarse) classes")
        let coarseClasses = exchange(bigrams, classes: coarse, passes: passes)
        progress("clustering \(vocabulary.count) words into \(fine) classes")
        let fineClasses = exchange(bigrams, classes: fine, passes: passes)
        var classes: [UInt64: UInt32] = [:]
        for (i, word) in vocabulary.enumerated() {
            classes[hash(word)] = UInt32(coarseClasses[i]) << 16 | UInt32(fineClasses[i])
        }
        return WordClusters(classes: HashTable(classes.map { ($0.key, $0.value) }))
    }

    /// Bigram counts between word ids; ids past the vocabulary stand for rare words and sentence
    /// boundaries, which keep classes of their own.
    struct Bigrams {
        let words: Int
        /// Per word: (neighbour, count) of the words after it and before it, self pairs apart.
        var after: [[(Int32, Int32)]]
        var before: [[(Int32, Int32)]]
        var selfPairs: [Int32]

        init(words: Int, pairs: [UInt64: Int32]) {
            self.words = words
            after = Array(repeating: [], count: words + 2)
            before = Array(repeating: [], count: words + 2)
            selfPairs = Array(repeating: 0, count: words + 2)
            for (key, count) in pairs.sorted(by: { $0.key < $1.key }) {
                let u = Int32(truncatingIfNeeded: key >> 32)
                let v = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)
                if u == v {
                    selfPairs[Int(u)] += count
                } else {
                    after[Int(u)].append((v, count))
                    before[Int(v)].append((u, count))
                }
            }
        }
    }

    /// `x log x`, with `0 log 0 = 0`.
    @inline(__always)
    static func xlogx(_ x: Int32, _ table: UnsafeBufferPointer<Double>) -> Double {
        if x < table.count { return table[Int(x)] }
        let d = Double(x)
        return d * log(d)
    }

    static func exchange(_ bigrams: Bigrams, classes requested: Int, passes: Int) -> [Int] {
        let words = bigrams.words
        let c = max(2, min(requested, words))
        let k = c + 2  // the last two classes hold the rare words and the sentence boundaries
        var classOf = (0..<(words + 2)).map { $0 < words ? $0 % c : c + ($0 - words) }
        var m = [Int32](repeating: 0, count: k * k)
        var leftTotal = [Int32](repeating: 0, count: k)  // pairs whose first word is in the class
        var rightTotal = [Int32](repeating: 0, count: k)
        for u in 0..<(words + 2) {
            for (v, n) in bigrams.after[u] {
                m[classOf[u] * k + classOf[Int(v)]] += n
                leftTotal[classOf[u]] += n
                rightTotal[classOf[Int(v)]] += n
            }
            let n = bigrams.selfPairs[u]
            m[classOf[u] * k + classOf[u]] += n
            leftTotal[classOf[u]] += n
            rightTotal[classOf[u]] += n
        }
        let table = (0..<65_536).map { $0 == 0 ? 0 : Double($0) * log(Double($0)) }
        var left = [Int32](repeating: 0, count: k)  // classes of the words before w
        var right = [Int32](repeating: 0, count: k)
        var leftClasses: [Int] = []
        var rightClasses: [Int] = []
        table.withUnsafeBufferPointer { table in
            for _ in 0..<passes {
                var moved = 0
                for w in 0..<words {
                    let a = classOf[w]
                    leftClasses.removeAll(keepingCapacity: true)
                    rightClasses.removeAll(keepingCapacity: true)
                    var firstTotal: Int32 = bigrams.selfPairs[w]
                    var secondTotal: Int32 = bigrams.selfPairs[w]
                    for (u, n) in bigrams.before[w] {
                        let cu = classOf[Int(u)]
                        if left[cu] == 0 { leftClasses.append(cu) }
                        left[cu] += n
                        secondTotal += n
                    }
                    for (v, n) in bigrams.after[w] {
                        let cv = classOf[Int(v)]
                        if right[cv] == 0 { rightClasses.append(cv) }
                        right[cv] += n
                        firstTotal += n
                    }
                    let selfCount = bigrams.selfPairs[w]
                    // Take w out of its class.
                    for cu in leftClasses { m[cu * k + a] -= left[cu] }
                    for cv in rightClasses { m[a * k + cv] -= right[cv] }
                    m[a * k + a] -= selfCount
                    leftTotal[a] -= firstTotal
                    rightTotal[a] -= secondTotal
                    // The gain of putting it into each class; keep the best.
                    var best = a
                    var bestGain = -Double.infinity
                    m.withUnsafeBufferPointer { m in
                        for b in 0..<c {
                            var gain = 0.0
                            for cu in leftClasses where cu != b {
                                let old = m[cu * k + b]
                                gain += xlogx(old + left[cu], table) - xlogx(old, table)
                            }
                            for cv in rightClasses where cv != b {
                                let old = m[b * k + cv]
                                gain += xlogx(old + right[cv], table) - xlogx(old, table)
                            }
                            let diagonal = m[b * k + b]
                            gain += xlogx(diagonal + left[b] + right[b] + selfCount, table) - xlogx(diagonal, table)
                            gain -= xlogx(leftTotal[b] + firstTotal, table) - xlogx(leftTotal[b], table)
                            gain -= xlogx(rightTotal[b] + secondTotal, table) - xlogx(rightTotal[b], table)
                            if gain > bestGain + 1e-9 || (b == a && gain >= bestGain - 1e-9) {
                                bestGain = gain
                                best = b
                            }
                        }
                    }
                    // Put it into the best class.
                    for cu in leftClasses { m[cu * k + best] += left[cu] }
                    for cv in rightClasses { m[best * k + cv] += right[cv] }
                    m[best * k + best] += selfCount
                    leftTotal[best] += firstTotal
                    rightTotal[best] += secondTotal
                    if best != a {
                        classOf[w] = best
                        moved += 1
                    }
                    for cu in leftClasses { left[cu] = 0 }
                    for cv in rightClasses { right[cv] = 0 }
                }
                if moved == 0 { break }
            }
        }
        return Array(classOf[0..<words])
    }
}
