import Foundation
import Testing

@testable import SequenceModels

@Suite("Sequence models")
struct SequenceModelTests {
    /// Every sequence of `length` labels the mask allows.
    func sequences(of length: Int, mask: TransitionMask) -> [[Int]] {
        var all: [[Int]] = [[]]
        for _ in 0..<length {
            all = all.flatMap { prefix in
                (0..<mask.labelCount).filter { mask.allows(prefix.last, $0) }.map { prefix + [$0] }
            }
        }
        return all
    }

    func score(_ labels: [Int], emissions: [Float], transitions: [Float], n: Int) -> Float {
        var total: Float = 0
        for (i, label) in labels.enumerated() {
            total += transitions[(i == 0 ? n : labels[i - 1]) * n + label] + emissions[i * n + label]
        }
        return total
    }

    /// A mask over four labels where label 3 never starts a sequence and never follows label 0.
    let mask = TransitionMask(labelCount: 4) { previous, current in
        current != 3 || (previous != nil && previous != 0)
    }

    @Test("the CRF learns the toy problem perfectly, on sequences it was not trained on")
    func crfLearnsToy() {
        let model = SequenceTrainer.train(Toy.data(200, seed: 1), labelCount: Toy.labelCount)
        for words in Toy.sentences(100, seed: 2) {
            #expect(model.bestLabels(for: Toy.features(of: words)) == Toy.labels(of: words), "\(words)")
        }
    }

    @Test("the averaged perceptron learns the toy problem perfectly too")
    func perceptronLearnsToy() {
        let options = SequenceTrainer.Options(objective: .perceptron, epochs: 8, margin: 4, runs: 2)
        let model = SequenceTrainer.train(Toy.data(200, seed: 1), labelCount: Toy.labelCount, options: options)
        for words in Toy.sentences(100, seed: 2) {
            #expect(model.bestLabels(for: Toy.features(of: words)) == Toy.labels(of: words), "\(words)")
        }
    }

    @Test("a feature's value scales its weights: the sign of one value decides the label")
    func valuedFeatures() {
        var random = SplitMix(seed: 3)
        func sequence() -> LabelledSequence {
            // Between 0.5 and 2 either side of 0.
            let values = (0..<6).map { _ in
                (random.next() % 2 == 0 ? -1 : 1) * (0.5 + Float(random.next() % 150) / 100)
            }
            var features = FeatureSequence()
            for value in values { features.append([(key: FeatureKey.key("length"), value: value)]) }
            return LabelledSequence(features: features, labels: values.map { $0 > 0 ? 1 : 0 })
        }
        let model = SequenceTrainer.train((0..<100).map { _ in sequence() }, labelCount: 2)
        for _ in 0..<50 {
            let test = sequence()
            #expect(model.bestLabels(for: test.features) == test.labels)
        }
    }

    @Test("each position's marginals sum to 1 and the chosen label is the likeliest on the toy problem")
    func marginalsSumToOne() {
        let model = SequenceTrainer.train(Toy.data(200, seed: 1), labelCount: Toy.labelCount)
        for words in Toy.sentences(30, seed: 4) {
            let decoding = model.decode(Toy.features(of: words))
            #expect(decoding.labels == Toy.labels(of: words))
            for (i, position) in decoding.marginals.enumerated() {
                #expect(abs(position.reduce(0, +) - 1) < 1e-9)
                #expect(position.allSatisfy { (0...1).contains($0) })
                #expect(decoding.confidence(at: i) > 0.5)
            }
        }
    }

    @Test("forward–backward gives each label's probability over every sequence the mask allows")
    func marginalsMatchEnumeration() {
        var random = SplitMix(seed: 5)
        func value() -> Float { Float(Int(random.next() % 2000) - 1000) / 500 }
        let n = mask.labelCount
        for length in 1...5 {
            let emissions = (0..<(length * n)).map { _ in value() }
            let transitions = (0..<((n + 1) * n)).map { _ in value() }
            let model = SequenceModel(mask: mask, transitions: transitions, rows: [])
            let marginals = model.marginals(emissions: emissions, count: length)
            let all = sequences(of: length, mask: mask)
            func exactScore(_ labels: [Int]) -> Double {
                labels.indices.reduce(0.0) { total, i in
                    total + Double(transitions[(i == 0 ? n : labels[i - 1]) * n + labels[i]])
                        + Double(emissions[i * n + labels[i]])
                }
            }
            let weights = all.map { Foundation.exp(exactScore($0)) }
            let total = weights.reduce(0, +)
            for i in 0..<length {
                for t in 0..<n {
                    let expected = zip(all, weights).filter { $0.0[i] == t }.map(\.1).reduce(0, +) / total
                    #expect(abs(marginals[i][t] - expected) < 1e-9, "length \(length) position \(i) label \(t)")
                }
            }
            // A label the mask never lets start has no probability there.
            #expect(marginals[0][3] == 0)
        }
    }

    @Test("Viterbi finds the best-scoring allowed sequence, as trying every one does", arguments: 1...6)
    func viterbiMatchesBruteForce(length: Int) {
        var random = SplitMix(seed: UInt64(10 + length))
        func value() -> Float { Float(Int(random.next() % 2000) - 1000) / 500 }
        let n = mask.labelCount
        for _ in 0..<20 {
            let emissions = (0..<(length * n)).map { _ in value() }
            let transitions = (0..<((n + 1) * n)).map { _ in value() }
            let all = sequences(of: length, mask: mask)
            let best = all.max {
                score($0, emissions: emissions, transitions: transitions, n: n)
                    < score($1, emissions: emissions, transitions: transitions, n: n)
            }!
            let decoded = Viterbi.decode(emissions: emissions, count: length, transitions: transitions, mask: mask)
            #expect(mask.allows(decoded))
            #expect(
                abs(
                    score(decoded, emissions: emissions, transitions: transitions, n: n)
                        - score(best, emissions: emissions, transitions: transitions, n: n)) < 1e-5)
        }
    }

    @Test("a stretch decoded between two known labels scores its neighbours' transitions and keeps to the mask")
    func viterbiStretch() {
        var random = SplitMix(seed: 20)
        func value() -> Float { Float(Int(random.next() % 2000) - 1000) / 500 }
        let n = mask.labelCount
        for _ in 0..<50 {
            let length = Int(random.next() % 4) + 1
            let emissions = (0..<(length * n)).map { _ in value() }
            let transitions = (0..<((n + 1) * n)).map { _ in value() }
            // The stretch follows label 0 and precedes label 3.
            let full = sequences(of: length + 2, mask: mask).filter { $0.first == 0 && $0.last == 3 }
            func stretchScore(_ labels: [Int]) -> Float {
                var total: Float =
                    transitions[labels[0] * n + labels[1]] + transitions[labels[length] * n + labels[length + 1]]
                for i in 1...length {
                    total += emissions[(i - 1) * n + labels[i]]
                    if i > 1 { total += transitions[labels[i - 1] * n + labels[i]] }
                }
                return total
            }
            let best = full.max { stretchScore($0) < stretchScore($1) }!
            var decoded = [Int](repeating: -1, count: length)
            Viterbi.decode(
                emissions: emissions, count: length, transitions: transitions, mask: mask, after: 0, before: 3
            ) {
                decoded[$0] = $1
            }
            let whole = [0] + decoded + [3]
            #expect(zip(whole, whole.dropFirst()).allSatisfy { mask.allows($0, $1) })
            #expect(abs(stretchScore(whole) - stretchScore(best)) < 1e-5)
        }
    }

    @Test("training twice on the same sequences gives byte-identical models; another seed another model")
    func reproducible() {
        let data = Toy.data(100, seed: 6)
        for objective in SequenceTrainer.Objective.allCases {
            let options = SequenceTrainer.Options(objective: objective, epochs: 5)
            let first = SequenceTrainer.train(data, labelCount: 3, options: options).serialized()
            let second = SequenceTrainer.train(data, labelCount: 3, options: options).serialized()
            #expect(first == second)
            var reseeded = options
            reseeded.seed = 99
            #expect(SequenceTrainer.train(data, labelCount: 3, options: reseeded).serialized() != first)
        }
    }

    @Test("a saved model loads back equal, with its label names, and decodes the same")
    func roundTrip() throws {
        var model = SequenceTrainer.train(Toy.data(100, seed: 7), labelCount: 3)
        model.labelNames = ["a", "b", "c-after-b"]
        let loaded = try SequenceModel(data: model.serialized())
        #expect(loaded == model)
        #expect(loaded.serialized() == model.serialized())
        for words in Toy.sentences(20, seed: 8) {
            #expect(loaded.bestLabels(for: Toy.features(of: words)) == model.bestLabels(for: Toy.features(of: words)))
        }
    }

    @Test("16-bit weights keep each weight within half a step and half the size")
    func roundTripSixteenBits() throws {
        let model = SequenceTrainer.train(Toy.data(100, seed: 7), labelCount: 3)
        let data = model.serialized(precision: .int16)
        let loaded = try SequenceModel(data: data)
        let step = SequenceModel.scale(of: model.weights)
        #expect(loaded.keys == model.keys && loaded.transitions == model.transitions)
        #expect(zip(loaded.weights, model.weights).allSatisfy { abs($0 - $1) <= step / 2 * 1.001 })
        #expect(data.count < model.serialized().count)
        for words in Toy.sentences(20, seed: 8) {
            #expect(loaded.bestLabels(for: Toy.features(of: words)) == Toy.labels(of: words))
        }
    }

    @Test("a damaged model file is refused with the reason, never read")
    func damagedFiles() throws {
        let data = SequenceTrainer.train(Toy.data(50, seed: 9), labelCount: 3).serialized()
        func reason(_ bytes: Data) -> String? {
            do {
                _ = try SequenceModel(data: bytes)
                return nil
            } catch { return error.reason }
        }
        #expect(reason(Data("KNER".utf8) + data.dropFirst(4)) == "bad magic")
        var version = data
        version[4] = 9
        #expect(reason(version) == "unknown version 9")
        for cut in [3, 8, 20, data.count / 2, data.count - 1] {
            #expect(reason(data.prefix(cut)) != nil, "cut at \(cut)")
        }
        #expect(reason(data + Data([0])) == "bad length")
        #expect(reason(Data()) == "bad magic")
    }

    @Test("key 0 is no feature, and values stay implicit while every one is 1")
    func featureSequence() {
        var features = FeatureSequence()
        features.append([5, 0, 7])
        features.append([UInt32]())
        #expect(features.count == 2 && features.keys == [5, 7] && features.values == nil)
        #expect(Array(features.keys(at: 0)) == [5, 7] && features.keys(at: 1).isEmpty)
        features.append([(key: 9, value: 0.5), (key: 0, value: 2)])
        #expect(features.values == [1, 1, 0.5] && features.count == 3)
        #expect(
            FeatureKey.key("word=a") == FeatureKey.key("word=a") && FeatureKey.key("word=a") != FeatureKey.key("word=b")
        )
        #expect(FeatureKey.key("") != 0)
    }

    @Test("a right sequence the mask forbids is learnt from, and decoding still keeps to the mask")
    func forbiddenGoldSequence() {
        // Label 3 may not start a sequence, yet the data starts one with it.
        let data = [
            LabelledSequence(features: FeatureSequence([[1], [2]]), labels: [3, 3]),
            LabelledSequence(features: FeatureSequence([[2], [1]]), labels: [1, 3]),
        ]
        for objective in SequenceTrainer.Objective.allCases {
            let options = SequenceTrainer.Options(objective: objective)
            let model = SequenceTrainer.train(data, labelCount: 4, mask: mask, options: options)
            #expect(model.bestLabels(for: FeatureSequence([[2], [1]])) == [1, 3])
            #expect(model.bestLabels(for: FeatureSequence([[1], [2]])).first != 3)
        }
    }

    @Test("decoding never picks a sequence the mask forbids, even when the weights want it")
    func maskHolds() {
        // Label 3 is what every feature wants, but it may not start a sequence nor follow label 0.
        let model = SequenceModel(
            mask: mask, transitions: [Float](repeating: 0, count: 20),
            rows: [(key: UInt32(1), weights: [Float]([0.5, 0, 0, 5]))])
        let labels = model.bestLabels(for: FeatureSequence([[1], [1], [1]]))
        #expect(labels.first != 3 && mask.allows(labels))
        #expect(labels == [1, 3, 3])
    }
}

@Suite("Training data")
struct TrainingDataTests {
    @Test("features seen in fewer positions than asked are left out, the others keep their values")
    func rareFeaturesLeftOut() {
        var first = FeatureSequence()
        first.append([(key: 1, value: 2), (key: 2, value: 1)])
        first.append([(key: 1, value: 3), (key: 3, value: 1)])
        var second = FeatureSequence()
        second.append([UInt32(3)])
        let kept = LabelledSequence.keepingFeatures(
            seenAtLeast: 2,
            in: [LabelledSequence(features: first, labels: [0, 1]), LabelledSequence(features: second, labels: [1])])
        #expect(kept[0].features.keys == [1, 1, 3] && kept[0].features.values == [2, 3, 1])
        #expect(kept[0].features.count == 2 && kept[0].labels == [0, 1])
        #expect(kept[1].features.keys == [3] && kept[1].features.values == nil)
    }
}

@Suite("Sequence models: optimisers")
struct OptimiserTests {
    @Test(
        "averaged SGD and L-BFGS learn the toy problem perfectly too",
        arguments: [SequenceTrainer.Optimizer.averagedSGD, .lbfgs])
    func learnsToy(optimizer: SequenceTrainer.Optimizer) {
        let options = SequenceTrainer.Options(epochs: 30, optimizer: optimizer)
        let model = SequenceTrainer.train(Toy.data(200, seed: 1), labelCount: Toy.labelCount, options: options)
        for words in Toy.sentences(100, seed: 2) {
            #expect(model.bestLabels(for: Toy.features(of: words)) == Toy.labels(of: words), "\(words)")
        }
    }

    /// The toy problem with one label in eight changed at random: no weights fit it exactly.
    func noisyData() -> [LabelledSequence] {
        var random = SplitMix(seed: 11)
        return Toy.data(300, seed: 12).map { sequence in
            LabelledSequence(
                features: sequence.features,
                labels: sequence.labels.map { random.next() % 8 == 0 ? Int(random.next() % 3) : $0 })
        }
    }

    /// The penalised negative log-likelihood of `model` over `data`, and its gradient's length.
    func objective(of model: SequenceModel, over data: [LabelledSequence], l2: Double) -> (value: Double, slope: Double)
    {
        let n = model.labelCount
        let (prepared, rowKeys) = CRFTrainer.prepare(data)
        var x = [Double](repeating: 0, count: rowKeys.count * n + (n + 1) * n)
        for (row, key) in rowKeys.enumerated() {
            let stored = model.keys.firstIndex(of: key)!
            for t in 0..<n { x[row * n + t] = Double(model.weights[stored * n + t]) }
        }
        for (i, weight) in model.transitions.enumerated() { x[rowKeys.count * n + i] = Double(weight) }
        var function = LBFGSTrainer.Objective(
            prepared: prepared, mask: model.mask, featureCount: rowKeys.count * n,
            options: SequenceTrainer.Options(l2: l2, margin: 0))
        var gradient = x
        let value = function.evaluate(x, gradient: &gradient)
        return (value, LBFGSTrainer.dot(gradient, gradient).squareRoot())
    }

    @Test("L-BFGS stops where the penalised likelihood is flat: its gradient there is near zero")
    func lbfgsFindsTheOptimum() {
        let data = noisyData()
        let options = SequenceTrainer.Options(epochs: 200, l2: 1, margin: 0, optimizer: .lbfgs)
        let model = SequenceTrainer.train(data, labelCount: Toy.labelCount, options: options)
        let onePass = objective(
            of: SequenceTrainer.train(data, labelCount: Toy.labelCount, options: .init(epochs: 1, l2: 1, margin: 0)),
            over: data, l2: 1)
        let found = objective(of: model, over: data, l2: 1)
        #expect(found.value < onePass.value)
        #expect(found.slope < 0.01 * onePass.slope, "gradient \(found.slope), after one SGD pass \(onePass.slope)")
    }

    @Test("averaged SGD lands nearer the optimum than the last step of the same SGD on noisy labels")
    func averagingHelps() {
        let data = noisyData()
        let plain = SequenceTrainer.Options(epochs: 10, l2: 1, learningRate: 1, margin: 0)
        var averaged = plain
        averaged.optimizer = .averagedSGD
        let last = objective(
            of: SequenceTrainer.train(data, labelCount: Toy.labelCount, options: plain), over: data, l2: 1)
        let mean = objective(
            of: SequenceTrainer.train(data, labelCount: Toy.labelCount, options: averaged), over: data, l2: 1)
        #expect(mean.value < last.value, "averaged \(mean.value), last step \(last.value)")
    }
}
