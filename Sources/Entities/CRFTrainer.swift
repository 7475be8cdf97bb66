import Foundation

/// Trains the tagger as a linear-chain conditional random field: the weights that make the right
/// tag sequences most likely, each sentence's likelihood computed exactly over every valid IOB2
/// sequence (forward–backward), with an L2 penalty on the weights. Optimised by stochastic gradient
/// descent with a decaying step (Bottou's schedule, as CRFsuite's `l2sgd`), the penalty applied
/// lazily through one scale factor. With a margin, wrong tags start ahead while training
/// (softmax-margin, Gimpel and Smith 2010), as for the perceptron.
enum CRFTrainer {
    static func weights(
        _ data: TrainingData, options: TaggerTrainer.Options, progress: (Int, Int) -> Void
    ) -> LearntWeights {
        let n = EntityTag.count
        let per = TaggerFeatures.keysPerToken
        // Every key gets a row; sentences are kept as row numbers (-1: no feature).
        var rowOf: [UInt32: Int32] = [:]
        var rowKeys: [UInt32] = []
        var sentences: [(tags: [Int], rows: [Int32])] = []
        sentences.reserveCapacity(data.prepared.count)
        for (sentence, keys) in data.prepared {
            var rows = [Int32](repeating: -1, count: keys.count)
            for (k, key) in keys.enumerated() where key != 0 {
                if let row = rowOf[key] {
                    rows[k] = row
                } else {
                    let row = Int32(rowKeys.count)
                    rowOf[key] = row
                    rowKeys.append(key)
                    rows[k] = row
                }
            }
            sentences.append((sentence.tags.map(\.rawValue), rows))
        }
        var weights = [Double](repeating: 0, count: rowKeys.count * n)
        var transitions = [Double](repeating: 0, count: (n + 1) * n)
        var decay = 1.0
        let lambda = 2 * options.l2 / Double(max(1, sentences.count))
        let rate = options.learningRate
        var step = 0.0
        var lattice = Lattice()
        var order = Array(sentences.indices)
        var generator = SplitMix(seed: 0x6B61_6261_72)
        for epoch in 1...max(1, options.epochs) {
            order.shuffle(using: &generator)
            for index in order {
                let (gold, rows) = sentences[index]
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
                        for k in (i * per)..<((i + 1) * per) {
                            let row = Int(rows[k])
                            guard row >= 0 else { continue }
                            for t in 0..<n { lattice.emissions[i * n + t] += w[row * n + t] }
                        }
                        for t in 0..<n {
                            lattice.emissions[i * n + t] *= decay
                            if t != gold[i] { lattice.emissions[i * n + t] += Double(options.margin) }
                        }
                    }
                }
                lattice.marginals(transitions: transitions)
                // Gradient of the log-likelihood: what the gold tags use minus what the model expects.
                let scaled = eta / decay
                weights.withUnsafeMutableBufferPointer { w in
                    for i in 0..<count {
                        for k in (i * per)..<((i + 1) * per) {
                            let row = Int(rows[k])
                            guard row >= 0 else { continue }
                            for t in 0..<n {
                                let expected = lattice.unary[i * n + t]
                                w[row * n + t] += scaled * ((t == gold[i] ? 1 : 0) - expected)
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
            }
            progress(1, epoch)
        }
        var rows: [UInt32: [Float]] = [:]
        for (row, key) in rowKeys.enumerated() where !data.auxiliaryKeys.contains(key) {
            rows[key] = (0..<n).map { Float(weights[row * n + $0] * decay) }
        }
        return LearntWeights(rows: rows, transitions: transitions.map { Float($0) })
    }
}

/// One sentence's tag lattice: emission scores in, each position's and each adjacent pair's tag
/// probabilities out, over the valid IOB2 sequences only.
struct Lattice {
    var count = 0
    var emissions: [Double] = []
    var alpha: [Double] = []
    var beta: [Double] = []
    var unary: [Double] = []
    var pairs: [Double] = []

    static let tags = EntityTag.allCases
    /// `allowed[p * n + t]`: tag t may follow tag p; row n is the sentence start.
    static let allowed: [Bool] = {
        let n = EntityTag.count
        var allowed = [Bool](repeating: false, count: (n + 1) * n)
        for p in 0...n {
            for t in 0..<n { allowed[p * n + t] = tags[t].mayFollow(p == n ? nil : tags[p]) }
        }
        return allowed
    }()

    mutating func reset(count: Int) {
        let n = EntityTag.count
        self.count = count
        if emissions.count < count * n {
            emissions = [Double](repeating: 0, count: count * n)
            alpha = emissions
            beta = emissions
            unary = emissions
            pairs = [Double](repeating: 0, count: count * n * n)
        } else {
            for i in 0..<(count * n) { emissions[i] = 0 }
        }
    }

    @inline(__always)
    static func logSum(_ values: UnsafeMutableBufferPointer<Double>, _ count: Int) -> Double {
        var top = -Double.infinity
        for i in 0..<count where values[i] > top { top = values[i] }
        guard top > -.infinity else { return -.infinity }
        var sum = 0.0
        for i in 0..<count { sum += Foundation.exp(values[i] - top) }
        return top + Foundation.log(sum)
    }

    /// Fills `unary` and `pairs` (`pairs[(i - 1) * n * n + p * n + t]`: tag p at i - 1 and t at i).
    mutating func marginals(transitions: [Double]) {
        let n = EntityTag.count
        let allowed = Self.allowed
        var terms = [Double](repeating: 0, count: n)
        terms.withUnsafeMutableBufferPointer { terms in
            for t in 0..<n {
                alpha[t] = allowed[n * n + t] ? emissions[t] + transitions[n * n + t] : -.infinity
            }
            if count > 1 {
                for i in 1..<count {
                    for t in 0..<n {
                        for p in 0..<n {
                            terms[p] =
                                allowed[p * n + t] ? alpha[(i - 1) * n + p] + transitions[p * n + t] : -.infinity
                        }
                        alpha[i * n + t] = Self.logSum(terms, n) + emissions[i * n + t]
                    }
                }
            }
            for t in 0..<n { beta[(count - 1) * n + t] = 0 }
            if count > 1 {
                for i in stride(from: count - 2, through: 0, by: -1) {
                    for p in 0..<n {
                        for t in 0..<n {
                            terms[t] =
                                allowed[p * n + t]
                                ? transitions[p * n + t] + emissions[(i + 1) * n + t] + beta[(i + 1) * n + t]
                                : -.infinity
                        }
                        beta[i * n + p] = Self.logSum(terms, n)
                    }
                }
            }
            for t in 0..<n { terms[t] = alpha[(count - 1) * n + t] }
            let total = Self.logSum(terms, n)
            for i in 0..<count {
                for t in 0..<n {
                    let score = alpha[i * n + t] + beta[i * n + t] - total
                    unary[i * n + t] = score > -.infinity ? Foundation.exp(score) : 0
                }
            }
            if count > 1 {
                for i in 1..<count {
                    for p in 0..<n {
                        for t in 0..<n {
                            let index = (i - 1) * n * n + p * n + t
                            if allowed[p * n + t] {
                                let score =
                                    alpha[(i - 1) * n + p] + transitions[p * n + t] + emissions[i * n + t]
                                    + beta[i * n + t] - total
                                pairs[index] = score > -.infinity ? Foundation.exp(score) : 0
                            } else {
                                pairs[index] = 0
                            }
                        }
                    }
                }
            }
        }
    }
}
