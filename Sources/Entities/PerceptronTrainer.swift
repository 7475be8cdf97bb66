/// An averaged structured perceptron over the features of `TaggerFeatures`, decoded with Viterbi
/// under IOB2 constraints, with a margin (wrong tags start ahead by `margin` while training, so that
/// the right ones must win clearly) and several runs over differently shuffled data averaged into
/// one model.
struct PerceptronTrainer {
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

    /// The averaged perceptron's weights, averaged again over `options.runs` runs.
    static func weights(
        _ data: TrainingData, options: TaggerTrainer.Options, progress: (Int, Int) -> Void
    ) -> LearntWeights {
        let prepared = data.prepared
        let auxiliaryKeys = data.auxiliaryKeys
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
        return LearntWeights(
            rows: sums.mapValues { $0.map { $0 / Float(runs) } }, transitions: transitionSums.map { $0 / Float(runs) })
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
