/// Trains the tagger: an averaged structured perceptron over the features of `TaggerFeatures`,
/// decoded with Viterbi under IOB2 constraints, with a margin (wrong tags start ahead by `margin`
/// while training, so that the right ones must win clearly), and several runs over differently
/// shuffled data averaged into one model.
public struct PerceptronTrainer {
    var rowOf: [UInt32: Int] = [:]
    var rowKeys: [UInt32] = []
    var weights: [Float] = []
    var totals: [Float] = []
    var transitions: [Float]
    var transitionTotals: [Float]
    var step: Float = 1
    var margin: Float = 0

    init() {
        transitions = [Float](repeating: 0, count: (EntityTag.count + 1) * EntityTag.count)
        transitionTotals = transitions
    }

    public struct Options: Sendable {
        public var epochs: Int
        public var margin: Float
        public var runs: Int
        public init(epochs: Int = 8, margin: Float = 4, runs: Int = 1) {
            self.epochs = epochs
            self.margin = margin
            self.runs = runs
        }
    }

    /// Trains a model. `sentences` are news, tagged the way the model should tag; each set of
    /// `auxiliary` sentences is another kind of text or another annotation habit (`Israel` a place
    /// in every sentence, or only where it is a location): the model learns what all sets agree on,
    /// and what only the news does, from features it keeps apart per set (Daumé III, "Frustratingly
    /// Easy Domain Adaptation", 2007). The same data and options give the same model every time;
    /// `progress` hears each finished pass as (run, epoch).
    public static func train(
        _ sentences: [TaggedSentence], auxiliary: [[TaggedSentence]] = [], lexicon: Lexicon,
        options: Options = Options(), progress: (Int, Int) -> Void = { _, _ in }
    ) -> PerceptronModel {
        // The names each sentence sees are learnt from the other folds of the data, so that the
        // weights learn how far a known name can be trusted on text it was not learnt from.
        let folds = 5
        let sets = [sentences] + auxiliary
        let all = sets.joined().filter { !$0.tokens.isEmpty }
        let foldNames = (0..<folds).map { fold in
            Gazetteer.learn(from: all.enumerated().lazy.filter { $0.offset % folds != fold }.map(\.element))
        }
        var prepared: [(TaggedSentence, [UInt32])] = []
        // The auxiliary sets' own features shape training but are never read when tagging news.
        var auxiliaryKeys = Set<UInt32>()
        let per = TaggerFeatures.featuresPerToken
        for (domain, set) in sets.enumerated() {
            for sentence in set where !sentence.tokens.isEmpty {
                var foldLexicon = lexicon
                foldLexicon.names = foldNames[prepared.count % folds]
                let keys = TaggerFeatures.keys(for: sentence.tokens, lexicon: foldLexicon, domain: UInt64(domain))
                if domain > 0 {
                    for i in sentence.tokens.indices {
                        auxiliaryKeys.formUnion(keys[(i * 2 * per + per)..<((i + 1) * 2 * per)])
                    }
                }
                prepared.append((sentence, keys))
            }
        }
        // A feature seen once says more about its sentence than about the language: not learnt.
        var seen: [UInt32: Int32] = [:]
        for (_, keys) in prepared { for key in keys { seen[key, default: 0] += 1 } }
        prepared = prepared.map { sentence, keys in (sentence, keys.map { seen[$0]! > 1 ? $0 : 0 }) }
        var finalLexicon = lexicon
        finalLexicon.names = Gazetteer.learn(from: all)

        let runs = max(1, options.runs)
        var sums: [UInt32: [Float]] = [:]
        var transitionSums = [Float](repeating: 0, count: (EntityTag.count + 1) * EntityTag.count)
        for run in 0..<runs {
            var trainer = PerceptronTrainer()
            trainer.margin = options.margin
            var order = Array(prepared.indices)
            var generator = SplitMix(seed: 0x6B61_6261_72 &+ UInt64(run))
            for epoch in 1...max(1, options.epochs) {
                order.shuffle(using: &generator)
                for index in order {
                    let (sentence, keys) = prepared[index]
                    trainer.learn(sentence.tags, keys: keys)
                    trainer.step += 1
                }
                progress(run + 1, epoch)
            }
            let (rows, averagedTransitions) = trainer.averaged()
            for (key, row) in rows where !auxiliaryKeys.contains(key) {
                if var sum = sums[key] {
                    for t in row.indices { sum[t] += row[t] }
                    sums[key] = sum
                } else {
                    sums[key] = row
                }
            }
            for t in transitionSums.indices { transitionSums[t] += averagedTransitions[t] }
        }
        let rows = sums.sorted { $0.key < $1.key }.map { (key: $0.key, weights: $0.value.map { $0 / Float(runs) }) }
        return PerceptronModel(
            rows: rows, transitions: transitionSums.map { $0 / Float(runs) }, lexicon: finalLexicon)
    }

    mutating func learn(_ gold: [EntityTag], keys: [UInt32]) {
        let n = EntityTag.count
        let per = TaggerFeatures.keysPerToken
        var emissions = [Float](repeating: 0, count: gold.count * n)
        for i in gold.indices {
            for key in keys[(i * per)..<((i + 1) * per)] {
                guard let row = rowOf[key] else { continue }
                for t in 0..<n { emissions[i * n + t] += weights[row * n + t] }
            }
        }
        // Wrong tags get a head start, so that training goes on until the right ones win by a margin.
        if margin > 0 {
            for i in gold.indices { for t in 0..<n where t != gold[i].rawValue { emissions[i * n + t] += margin } }
        }
        let predicted = Viterbi.decode(emissions: emissions, count: gold.count, transitions: transitions)
        guard predicted != gold else { return }
        for i in gold.indices {
            let g = gold[i].rawValue
            let p = predicted[i].rawValue
            if g != p {
                for key in keys[(i * per)..<((i + 1) * per)] where key != 0 {
                    let row = self.row(for: key)
                    weights[row * n + g] += 1
                    totals[row * n + g] += step
                    weights[row * n + p] -= 1
                    totals[row * n + p] -= step
                }
            }
            let goldPrevious = i == 0 ? n : gold[i - 1].rawValue
            let predictedPrevious = i == 0 ? n : predicted[i - 1].rawValue
            if goldPrevious != predictedPrevious || g != p {
                transitions[goldPrevious * n + g] += 1
                transitionTotals[goldPrevious * n + g] += step
                transitions[predictedPrevious * n + p] -= 1
                transitionTotals[predictedPrevious * n + p] -= step
            }
        }
    }

    mutating func row(for key: UInt32) -> Int {
        if let row = rowOf[key] { return row }
        let row = rowKeys.count
        rowOf[key] = row
        rowKeys.append(key)
        weights.append(contentsOf: repeatElement(0, count: EntityTag.count))
        totals.append(contentsOf: repeatElement(0, count: EntityTag.count))
        return row
    }

    /// The averaged weights and transitions.
    func averaged() -> (rows: [(UInt32, [Float])], transitions: [Float]) {
        let n = EntityTag.count
        func averaged(_ value: Float, _ sum: Float) -> Float { value - sum / step }
        var rows: [(UInt32, [Float])] = []
        rows.reserveCapacity(rowKeys.count)
        for (row, key) in rowKeys.enumerated() {
            rows.append((key, (0..<n).map { averaged(weights[row * n + $0], totals[row * n + $0]) }))
        }
        return (rows, transitions.indices.map { averaged(transitions[$0], transitionTotals[$0]) })
    }
}

/// A small seeded generator, so that training gives the same model every time.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
