/// Trains a linear-chain conditional random field: the weights that make the right label sequences
/// most likely, each sequence's likelihood computed exactly over every sequence the mask allows
/// (forward–backward), with an L2 penalty on the feature weights. Optimised by stochastic gradient
/// descent with a decaying step (Bottou's schedule, as CRFsuite's `l2sgd`), the penalty applied
/// lazily through one scale factor. With a margin, wrong labels start ahead while training
/// (softmax-margin, Gimpel and Smith 2010).
enum CRFTrainer {
    /// A sequence with its features as rows of the weight table.
    struct Prepared {
        var labels: [Int]
        var rows: [Int32]
        var values: [Double]?
        var bounds: [Int]
    }

    /// The sequences with their features as rows of the weight table, every key given a row
    /// numbered as first seen, and the key of each row.
    static func prepare(_ sequences: [LabelledSequence]) -> (prepared: [Prepared], rowKeys: [UInt32]) {
        var rowOf: [UInt32: Int32] = [:]
        var rowKeys: [UInt32] = []
        var prepared: [Prepared] = []
        prepared.reserveCapacity(sequences.count)
        for sequence in sequences {
            let features = sequence.features
            var rows = [Int32](repeating: 0, count: features.keys.count)
            for (k, key) in features.keys.enumerated() {
                if let row = rowOf[key] {
                    rows[k] = row
                } else {
                    let row = Int32(rowKeys.count)
                    rowOf[key] = row
                    rowKeys.append(key)
                    rows[k] = row
                }
            }
            prepared.append(
                Prepared(
                    labels: sequence.labels, rows: rows, values: features.values?.map(Double.init),
                    bounds: features.bounds))
        }
        return (prepared, rowKeys)
    }

    static func train(
        _ sequences: [LabelledSequence], mask: TransitionMask, options: SequenceTrainer.Options,
        progress: (Int, Int) -> Void
    ) -> SequenceModel {
        let n = mask.labelCount
        let (prepared, rowKeys) = prepare(sequences)
        var weights = [Double](repeating: 0, count: rowKeys.count * n)
        var transitions = [Double](repeating: 0, count: (n + 1) * n)
        var decay = 1.0
        let lambda = 2 * options.l2 / Double(max(1, prepared.count))
        let rate = options.learningRate
        let margin = options.margin
        var step = 0.0
        var lattice = Lattice(mask: mask)
        var order = Array(prepared.indices)
        var generator = SplitMix(seed: options.seed)
        let averaging = options.optimizer == .averagedSGD
        var weightSums = averaging ? [Double](repeating: 0, count: weights.count) : []
        var transitionSums = averaging ? [Double](repeating: 0, count: transitions.count) : []
        var summed = 0.0
        for epoch in 1...max(1, options.epochs) {
            order.shuffle(using: &generator)
            for index in order {
                let sequence = prepared[index]
                let gold = sequence.labels
                let rows = sequence.rows
                let bounds = sequence.bounds
                let values = sequence.values
                let eta = rate / (1 + rate * lambda * step)
                step += 1
                decay *= 1 - eta * lambda
                if decay < 1e-9 {
                    for i in weights.indices { weights[i] *= decay }
                    decay = 1
                }
                let count = gold.count
                lattice.reset(count: count)
                weights.withUnsafeBufferPointer { w in
                    for i in 0..<count {
                        for k in bounds[i]..<bounds[i + 1] {
                            let row = Int(rows[k])
                            if let values {
                                let value = values[k]
                                for t in 0..<n { lattice.emissions[i * n + t] += w[row * n + t] * value }
                            } else {
                                for t in 0..<n { lattice.emissions[i * n + t] += w[row * n + t] }
                            }
                        }
                        for t in 0..<n {
                            lattice.emissions[i * n + t] *= decay
                            if t != gold[i] { lattice.emissions[i * n + t] += margin }
                        }
                    }
                }
                lattice.marginals(transitions: transitions)
                // Gradient of the log-likelihood: what the right labels use minus what the model expects.
                let scaled = eta / decay
                weights.withUnsafeMutableBufferPointer { w in
                    for i in 0..<count {
                        for k in bounds[i]..<bounds[i + 1] {
                            let row = Int(rows[k])
                            let value = values?[k] ?? 1
                            for t in 0..<n {
                                let expected = lattice.unary[i * n + t]
                                w[row * n + t] += scaled * ((t == gold[i] ? 1 : 0) - expected) * value
                            }
                        }
                    }
                }
                for i in 0..<count {
                    let goldPrevious = i == 0 ? n : gold[i - 1]
                    transitions[goldPrevious * n + gold[i]] += eta
                }
                for t in 0..<n { transitions[n * n + t] -= eta * lattice.unary[t] }
                if count > 1 {
                    for i in 1..<count {
                        for p in 0..<n {
                            for t in 0..<n {
                                transitions[p * n + t] -= eta * lattice.pairs[(i - 1) * n * n + p * n + t]
                            }
                        }
                    }
                }
                if averaging && (epoch > 1 || options.epochs == 1) {
                    for i in weights.indices { weightSums[i] += weights[i] * decay }
                    for i in transitions.indices { transitionSums[i] += transitions[i] }
                    summed += 1
                }
            }
            progress(1, epoch)
        }
        if averaging && summed > 0 {
            // The average of the weights after every step of the passes after the first.
            weights = weightSums.map { $0 / summed }
            transitions = transitionSums.map { $0 / summed }
            decay = 1
        }
        return SequenceModel(
            mask: mask, transitions: transitions.map { Float($0) },
            rows: rowKeys.enumerated().map { row, key in
                (key: key, weights: (0..<n).map { Float(weights[row * n + $0] * decay) })
            })
    }
}
