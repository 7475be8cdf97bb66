/// An averaged structured perceptron decoded with Viterbi under the mask, with a margin (wrong
/// labels start ahead by `margin` while training, so that the right ones must win clearly) and
/// several runs over differently shuffled data averaged into one model.
struct PerceptronTrainer {
    let mask: TransitionMask
    var rowOf: [UInt32: Int] = [:]
    var rowKeys: [UInt32] = []
    var weights: [Float] = []
    var totals: [Float] = []
    var transitions: [Float]
    var transitionTotals: [Float]
    var step: Float = 1
    var margin: Float = 0

    init(mask: TransitionMask) {
        self.mask = mask
        transitions = [Float](repeating: 0, count: (mask.labelCount + 1) * mask.labelCount)
        transitionTotals = transitions
    }

    /// The averaged perceptron's weights, averaged again over `options.runs` runs.
    static func train(
        _ sequences: [LabelledSequence], mask: TransitionMask, options: SequenceTrainer.Options,
        progress: (Int, Int) -> Void
    ) -> SequenceModel {
        let n = mask.labelCount
        let runs = max(1, options.runs)
        var sums: [UInt32: [Float]] = [:]
        var transitionSums = [Float](repeating: 0, count: (n + 1) * n)
        for run in 0..<runs {
            var trainer = PerceptronTrainer(mask: mask)
            trainer.margin = Float(options.margin)
            var order = Array(sequences.indices)
            var generator = SplitMix(seed: options.seed &+ UInt64(run))
            for epoch in 1...max(1, options.epochs) {
                order.shuffle(using: &generator)
                for index in order {
                    trainer.learn(sequences[index])
                    trainer.step += 1
                }
                progress(run + 1, epoch)
            }
            let (rows, averagedTransitions) = trainer.averaged()
            for (key, row) in rows {
                if var sum = sums[key] {
                    for t in row.indices { sum[t] += row[t] }
                    sums[key] = sum
                } else {
                    sums[key] = row
                }
            }
            for t in transitionSums.indices { transitionSums[t] += averagedTransitions[t] }
        }
        return SequenceModel(
            mask: mask, transitions: transitionSums.map { $0 / Float(runs) },
            rows: sums.map { (key: $0.key, weights: $0.value.map { $0 / Float(runs) }) })
    }

    mutating func learn(_ sequence: LabelledSequence) {
        let n = mask.labelCount
        let gold = sequence.labels
        let features = sequence.features
        var emissions = [Float](repeating: 0, count: gold.count * n)
        for i in gold.indices {
            for k in features.bounds[i]..<features.bounds[i + 1] {
                guard let row = rowOf[features.keys[k]] else { continue }
                let value = features.values?[k] ?? 1
                for t in 0..<n { emissions[i * n + t] += weights[row * n + t] * value }
            }
        }
        // Wrong labels get a head start, so that training goes on until the right ones win by a margin.
        if margin > 0 {
            for i in gold.indices { for t in 0..<n where t != gold[i] { emissions[i * n + t] += margin } }
        }
        let predicted = Viterbi.decode(emissions: emissions, count: gold.count, transitions: transitions, mask: mask)
        guard predicted != gold else { return }
        for i in gold.indices {
            let g = gold[i]
            let p = predicted[i]
            if g != p {
                for k in features.bounds[i]..<features.bounds[i + 1] {
                    let row = self.row(for: features.keys[k])
                    let value = features.values?[k] ?? 1
                    weights[row * n + g] += value
                    totals[row * n + g] += step * value
                    weights[row * n + p] -= value
                    totals[row * n + p] -= step * value
                }
            }
            let goldPrevious = i == 0 ? n : gold[i - 1]
            let predictedPrevious = i == 0 ? n : predicted[i - 1]
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
        weights.append(contentsOf: repeatElement(0, count: mask.labelCount))
        totals.append(contentsOf: repeatElement(0, count: mask.labelCount))
        return row
    }

    /// The averaged weights and transitions.
    func averaged() -> (rows: [(UInt32, [Float])], transitions: [Float]) {
        let n = mask.labelCount
        func averaged(_ value: Float, _ sum: Float) -> Float { value - sum / step }
        var rows: [(UInt32, [Float])] = []
        rows.reserveCapacity(rowKeys.count)
        for (row, key) in rowKeys.enumerated() {
            rows.append((key, (0..<n).map { averaged(weights[row * n + $0], totals[row * n + $0]) }))
        }
        return (rows, transitions.indices.map { averaged(transitions[$0], transitionTotals[$0]) })
    }
}
