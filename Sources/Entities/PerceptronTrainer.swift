/// Trains the tagger: an averaged structured perceptron over the features of `TaggerFeatures`,
/// decoded with Viterbi under IOB2 constraints.
public struct PerceptronTrainer {
    var rowOf: [UInt32: Int] = [:]
    var rowKeys: [UInt32] = []
    var weights: [Float] = []
    var totals: [Float] = []
    var transitions: [Float]
    var transitionTotals: [Float]
    var step: Float = 1

    let profile: CaseProfile

    public init(profile: CaseProfile = CaseProfile()) {
        self.profile = profile
        transitions = [Float](repeating: 0, count: (EntityTag.count + 1) * EntityTag.count)
        transitionTotals = transitions
    }

    /// Runs `epochs` passes over the sentences in an order shuffled the same way every run;
    /// `progress` hears the epoch number after each pass.
    public mutating func train(_ sentences: [TaggedSentence], epochs: Int, progress: (Int) -> Void = { _ in }) {
        let prepared = sentences.filter { !$0.tokens.isEmpty }.map {
            ($0, TaggerFeatures.keys(for: $0.tokens, profile: profile))
        }
        var order = Array(prepared.indices)
        var generator = SplitMix(seed: 0x6B61_6261_72)
        for epoch in 1...max(1, epochs) {
            order.shuffle(using: &generator)
            for index in order {
                let (sentence, keys) = prepared[index]
                learn(sentence.tags, keys: keys)
                step += 1
            }
            progress(epoch)
        }
    }

    mutating func learn(_ gold: [EntityTag], keys: [UInt32]) {
        let n = EntityTag.count
        let per = TaggerFeatures.featuresPerToken
        var emissions = [Float](repeating: 0, count: gold.count * n)
        for i in gold.indices {
            for key in keys[(i * per)..<((i + 1) * per)] {
                guard let row = rowOf[key] else { continue }
                for t in 0..<n { emissions[i * n + t] += weights[row * n + t] }
            }
        }
        let predicted = Viterbi.decode(emissions: emissions, count: gold.count, transitions: transitions)
        guard predicted != gold else { return }
        for i in gold.indices {
            let g = gold[i].rawValue
            let p = predicted[i].rawValue
            if g != p {
                for key in keys[(i * per)..<((i + 1) * per)] {
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

    /// The averaged weights as a model.
    public func model() -> PerceptronModel {
        let n = EntityTag.count
        func averaged(_ value: Float, _ sum: Float) -> Float { value - sum / step }
        var rows: [(key: UInt32, weights: [Float])] = []
        rows.reserveCapacity(rowKeys.count)
        for (row, key) in rowKeys.enumerated() {
            rows.append((key, (0..<n).map { averaged(weights[row * n + $0], totals[row * n + $0]) }))
        }
        let averagedTransitions = transitions.indices.map { averaged(transitions[$0], transitionTotals[$0]) }
        return PerceptronModel(rows: rows, transitions: averagedTransitions, profile: profile)
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
