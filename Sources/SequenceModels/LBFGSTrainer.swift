import Foundation

/// Trains a linear-chain conditional random field by limited-memory BFGS over the whole data at
/// once: each step computes the exact objective (the negative log-likelihood of the right labels
/// plus the L2 penalty on the feature weights) and its gradient over every sequence, and moves
/// along the direction the last few steps' curvature suggests (Nocedal's two-loop recursion, six
/// pairs kept), with a backtracking line search that asks for sufficient decrease. It stops after
/// `epochs` iterations, or sooner when ten iterations improved the objective by less than a
/// hundred-thousandth. Deterministic: the sequences are summed in their given order.
enum LBFGSTrainer {
    static let memory = 6

    static func train(
        _ sequences: [LabelledSequence], mask: TransitionMask, options: SequenceTrainer.Options,
        progress: (Int, Int) -> Void
    ) -> SequenceModel {
        let n = mask.labelCount
        let (prepared, rowKeys) = CRFTrainer.prepare(sequences)
        let featureCount = rowKeys.count * n
        let dimension = featureCount + (n + 1) * n
        var objective = Objective(prepared: prepared, mask: mask, featureCount: featureCount, options: options)
        var x = [Double](repeating: 0, count: dimension)
        var gradient = [Double](repeating: 0, count: dimension)
        var value = objective.evaluate(x, gradient: &gradient)
        var steps: [[Double]] = []
        var changes: [[Double]] = []
        var history: [Double] = [value]
        var direction = [Double](repeating: 0, count: dimension)
        var candidate = x
        var candidateGradient = gradient
        iterations: for iteration in 1...max(1, options.epochs) {
            // The direction: minus the gradient, shaped by the remembered curvature.
            for i in 0..<dimension { direction[i] = -gradient[i] }
            var alphas = [Double](repeating: 0, count: steps.count)
            for k in stride(from: steps.count - 1, through: 0, by: -1) {
                let rho = 1 / dot(changes[k], steps[k])
                alphas[k] = rho * dot(steps[k], direction)
                for i in 0..<dimension { direction[i] -= alphas[k] * changes[k][i] }
            }
            if let s = steps.last, let y = changes.last {
                let scale = dot(s, y) / dot(y, y)
                for i in 0..<dimension { direction[i] *= scale }
            } else {
                let norm = dot(gradient, gradient).squareRoot()
                if norm == 0 { break }
                for i in 0..<dimension { direction[i] /= norm }
            }
            for k in 0..<steps.count {
                let rho = 1 / dot(changes[k], steps[k])
                let beta = rho * dot(changes[k], direction)
                for i in 0..<dimension { direction[i] += (alphas[k] - beta) * steps[k][i] }
            }
            var slope = dot(gradient, direction)
            if slope >= 0 {
                // Not a descent direction: start again from the gradient.
                steps.removeAll()
                changes.removeAll()
                let norm = dot(gradient, gradient).squareRoot()
                for i in 0..<dimension { direction[i] = -gradient[i] / max(norm, 1e-12) }
                slope = dot(gradient, direction)
            }
            // Backtracking until the objective falls enough (Armijo).
            var length = 1.0
            var newValue = value
            var found = false
            for _ in 0..<40 {
                for i in 0..<dimension { candidate[i] = x[i] + length * direction[i] }
                newValue = objective.evaluate(candidate, gradient: &candidateGradient)
                if newValue <= value + 1e-4 * length * slope {
                    found = true
                    break
                }
                length *= 0.5
            }
            guard found else { break iterations }
            var s = [Double](repeating: 0, count: dimension)
            var y = [Double](repeating: 0, count: dimension)
            for i in 0..<dimension {
                s[i] = candidate[i] - x[i]
                y[i] = candidateGradient[i] - gradient[i]
            }
            if dot(s, y) > 1e-10 {
                steps.append(s)
                changes.append(y)
                if steps.count > memory {
                    steps.removeFirst()
                    changes.removeFirst()
                }
            }
            swap(&x, &candidate)
            swap(&gradient, &candidateGradient)
            value = newValue
            history.append(value)
            progress(1, iteration)
            if history.count > 10 {
                let past = history[history.count - 11]
                if (past - value) / max(abs(value), 1e-12) < 1e-5 { break }
            }
        }
        return SequenceModel(
            mask: mask, transitions: x[featureCount...].map { Float($0) },
            rows: rowKeys.enumerated().map { row, key in
                (key: key, weights: (0..<n).map { Float(x[row * n + $0]) })
            })
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for i in a.indices { sum += a[i] * b[i] }
        return sum
    }

    /// The objective over every sequence: the feature weights first, then the transitions.
    struct Objective {
        let prepared: [CRFTrainer.Prepared]
        let mask: TransitionMask
        let featureCount: Int
        let l2: Double
        let margin: Double
        var lattice: Lattice

        init(prepared: [CRFTrainer.Prepared], mask: TransitionMask, featureCount: Int, options: SequenceTrainer.Options)
        {
            self.prepared = prepared
            self.mask = mask
            self.featureCount = featureCount
            l2 = options.l2
            margin = options.margin
            lattice = Lattice(mask: mask)
        }

        mutating func evaluate(_ x: [Double], gradient: inout [Double]) -> Double {
            let n = mask.labelCount
            for i in gradient.indices { gradient[i] = 0 }
            let transitions = Array(x[featureCount...])
            var total = 0.0
            for sequence in prepared {
                let gold = sequence.labels
                let count = gold.count
                lattice.reset(count: count)
                var goldScore = 0.0
                for i in 0..<count {
                    for k in sequence.bounds[i]..<sequence.bounds[i + 1] {
                        let row = Int(sequence.rows[k])
                        let value = sequence.values?[k] ?? 1
                        for t in 0..<n { lattice.emissions[i * n + t] += x[row * n + t] * value }
                    }
                    goldScore += lattice.emissions[i * n + gold[i]]
                    goldScore += transitions[(i == 0 ? n : gold[i - 1]) * n + gold[i]]
                    for t in 0..<n where t != gold[i] { lattice.emissions[i * n + t] += margin }
                }
                lattice.marginals(transitions: transitions)
                total += lattice.logPartition - goldScore
                for i in 0..<count {
                    for k in sequence.bounds[i]..<sequence.bounds[i + 1] {
                        let row = Int(sequence.rows[k])
                        let value = sequence.values?[k] ?? 1
                        for t in 0..<n {
                            gradient[row * n + t] += (lattice.unary[i * n + t] - (t == gold[i] ? 1 : 0)) * value
                        }
                    }
                    gradient[featureCount + (i == 0 ? n : gold[i - 1]) * n + gold[i]] -= 1
                }
                for t in 0..<n { gradient[featureCount + n * n + t] += lattice.unary[t] }
                if count > 1 {
                    for i in 1..<count {
                        for p in 0..<n {
                            for t in 0..<n {
                                gradient[featureCount + p * n + t] += lattice.pairs[(i - 1) * n * n + p * n + t]
                            }
                        }
                    }
                }
            }
            for i in 0..<featureCount {
                total += l2 * x[i] * x[i]
                gradient[i] += 2 * l2 * x[i]
            }
            return total
        }
    }
}
