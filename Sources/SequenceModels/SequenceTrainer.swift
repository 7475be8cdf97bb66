/// A sequence with the right label of each position, to learn from.
public struct LabelledSequence: Sendable, Hashable {
    public var features: FeatureSequence
    /// The right label of each position.
    public var labels: [Int]

    public init(features: FeatureSequence, labels: [Int]) {
        precondition(features.count == labels.count, "one label per position")
        self.features = features
        self.labels = labels
    }
}

/// Learns a `SequenceModel` from labelled sequences: a linear-chain conditional random field (the
/// default) or an averaged structured perceptron. The same sequences and options give the same
/// model, bit for bit, every time.
public enum SequenceTrainer {
    public struct Options: Sendable, Hashable {
        public var objective: Objective
        /// Passes over the data.
        public var epochs: Int
        /// CRF: the L2 penalty (the sum of squared weights is multiplied by this).
        public var l2: Double
        /// CRF: the first step size.
        public var learningRate: Double
        /// While training, wrong labels start this far ahead of the right ones (softmax-margin for
        /// the CRF, a margin for the perceptron), so that the right ones must win clearly.
        public var margin: Double
        /// CRF: how the weights are sought.
        public var optimizer: Optimizer
        /// Perceptron: runs over differently shuffled data, averaged into one model.
        public var runs: Int
        /// The seed of the order the sequences are visited in.
        public var seed: UInt64

        public init(
            objective: Objective = .crf, epochs: Int = 15, l2: Double = 10, learningRate: Double = 0.1,
            margin: Double = 1, runs: Int = 1, seed: UInt64 = 0x6B61_6261_72, optimizer: Optimizer = .sgd
        ) {
            self.optimizer = optimizer
            self.objective = objective
            self.epochs = epochs
            self.l2 = l2
            self.learningRate = learningRate
            self.margin = margin
            self.runs = runs
            self.seed = seed
        }
    }

    public enum Objective: String, Sendable, Hashable, CaseIterable {
        /// Averaged structured perceptron: fast, mistake-driven.
        case perceptron
        /// Linear-chain conditional random field: the likelihood of the right labels, with an L2 penalty.
        case crf
    }

    /// How a CRF's weights are sought.
    public enum Optimizer: String, Sendable, Hashable, CaseIterable {
        /// Stochastic gradient descent, one sequence at a time, with a decaying step; the weights
        /// after the last step.
        case sgd
        /// The same steps, the model the average of the weights after every step from the second
        /// pass on (Polyak averaging, kept densely: for models of up to some hundred thousand weights).
        case averagedSGD = "averaged-sgd"
        /// Limited-memory BFGS over all the sequences at once, `epochs` its most iterations.
        case lbfgs
    }

    /// Trains a model over `labelCount` labels, every transition allowed unless `mask` says
    /// otherwise (a right label sequence the mask forbids still teaches its features; the
    /// transitions it breaks are never decoded). `progress` hears each finished pass as
    /// (run, epoch), run 1 for the CRF.
    public static func train(
        _ sequences: [LabelledSequence], labelCount: Int, mask: TransitionMask? = nil,
        options: Options = Options(), progress: (_ run: Int, _ epoch: Int) -> Void = { _, _ in }
    ) -> SequenceModel {
        let mask = mask ?? .all(labelCount: labelCount)
        precondition(mask.labelCount == labelCount, "the mask is for \(mask.labelCount) labels")
        let sequences = sequences.filter { !$0.labels.isEmpty }
        for sequence in sequences {
            precondition(sequence.labels.allSatisfy { (0..<labelCount).contains($0) }, "a label out of range")
        }
        switch options.objective {
        case .crf where options.optimizer == .lbfgs:
            return LBFGSTrainer.train(sequences, mask: mask, options: options, progress: progress)
        case .crf: return CRFTrainer.train(sequences, mask: mask, options: options, progress: progress)
        case .perceptron: return PerceptronTrainer.train(sequences, mask: mask, options: options, progress: progress)
        }
    }
}

extension LabelledSequence {
    /// The sequences with every feature key seen in fewer than `minimum` positions left out: a
    /// feature seen once says more about its sequence than about the task.
    public static func keepingFeatures(seenAtLeast minimum: Int, in sequences: [LabelledSequence])
        -> [LabelledSequence]
    {
        var seen: [UInt32: Int] = [:]
        for sequence in sequences { for key in sequence.features.keys { seen[key, default: 0] += 1 } }
        return sequences.map { sequence in
            let features = sequence.features
            var kept = FeatureSequence()
            for i in 0..<features.count {
                let range = features.bounds[i]..<features.bounds[i + 1]
                if let values = features.values {
                    kept.append(
                        range.lazy.filter { seen[features.keys[$0]]! >= minimum }.map {
                            (key: features.keys[$0], value: values[$0])
                        })
                } else {
                    kept.append(features.keys[range].lazy.filter { seen[$0]! >= minimum })
                }
            }
            return LabelledSequence(features: kept, labels: sequence.labels)
        }
    }
}
