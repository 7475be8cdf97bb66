import SequenceModels

/// Trains the tagger over the features of `TaggerFeatures`, decoded with Viterbi under IOB2
/// constraints: a linear-chain CRF (the default) or an averaged structured perceptron, both the
/// shared `SequenceTrainer`'s.
public enum TaggerTrainer {
    public struct Options: Sendable {
        public var objective: Objective
        /// Passes over the data.
        public var epochs: Int
        /// While training, wrong tags start this far ahead of the right ones.
        public var margin: Float
        /// Perceptron: runs over differently shuffled data, averaged into one model.
        public var runs: Int
        /// CRF: the L2 penalty (the sum of squared weights is multiplied by this).
        public var l2: Double
        /// CRF: the first step size.
        public var learningRate: Double

        /// The settings that scored best on held-out news, for either objective.
        public init(objective: Objective = .crf, epochs: Int? = nil, runs: Int = 1, l2: Double = 10) {
            self.objective = objective
            switch objective {
            case .perceptron:
                self.epochs = epochs ?? 8
                margin = 4
            case .crf:
                self.epochs = epochs ?? 15
                margin = 1
            }
            self.runs = runs
            self.l2 = l2
            learningRate = 0.1
        }

        /// The same settings for the shared trainer.
        var sequenceOptions: SequenceTrainer.Options {
            SequenceTrainer.Options(
                objective: objective == .crf ? .crf : .perceptron, epochs: epochs, l2: l2,
                learningRate: learningRate, margin: Double(margin), runs: runs)
        }
    }

    public enum Objective: String, Sendable, CaseIterable {
        /// Averaged structured perceptron: fast, mistake-driven.
        case perceptron
        /// Linear-chain conditional random field: the likelihood of the right tags, with an L2 penalty.
        case crf
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
    ) -> TaggerModel {
        let data = TrainingData(sentences, auxiliary: auxiliary, lexicon: lexicon)
        let learnt = SequenceTrainer.train(
            data.sequences, labelCount: EntityTag.count, mask: EntityTag.transitionMask,
            options: options.sequenceOptions, progress: progress)
        let n = EntityTag.count
        var rows: [UInt32: [Float]] = [:]
        rows.reserveCapacity(learnt.keys.count)
        for (row, key) in learnt.keys.enumerated() where !data.auxiliaryKeys.contains(key) {
            rows[key] = Array(learnt.weights[(row * n)..<((row + 1) * n)])
        }
        return TaggerModel(
            rows: folded(rows, newsKeys: data.newsKeys).sorted { $0.key < $1.key }.map {
                (key: $0.key, weights: $0.value)
            },
            transitions: learnt.transitions,
            lexicon: data.lexicon)
    }

    /// The weights with each feature's news copy added into its shared key, the news copies gone:
    /// news is tagged with the sum of both, so the tagger looks each feature up once.
    static func folded(_ rows: [UInt32: [Float]], newsKeys: Set<UInt32>) -> [UInt32: [Float]] {
        var merged: [UInt32: [Float]] = [:]
        merged.reserveCapacity(rows.count)
        for (key, weights) in rows where !newsKeys.contains(key) {
            var sum = weights
            if let copy = rows[TaggerFeatures.domainKey(key)] {
                for t in sum.indices { sum[t] += copy[t] }
            }
            merged[key] = sum
        }
        return merged
    }
}

/// The training sentences with their feature keys, ready for either objective.
struct TrainingData {
    /// Each sentence's tags and the keys of each token (those seen once left out).
    var sequences: [LabelledSequence]
    /// Keys of the auxiliary sets' own copies of the features: learnt from, never kept.
    var auxiliaryKeys: Set<UInt32>
    /// Keys of the news copies of the features, folded into the shared keys when the model is made.
    var newsKeys: Set<UInt32>
    /// The lexicon the model keeps, its names learnt from all the sentences.
    var lexicon: Lexicon

    init(_ sentences: [TaggedSentence], auxiliary: [[TaggedSentence]], lexicon: Lexicon) {
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
        var newsKeys = Set<UInt32>()
        let per = TaggerFeatures.featuresPerToken
        for (domain, set) in sets.enumerated() {
            for sentence in set where !sentence.tokens.isEmpty {
                var foldLexicon = lexicon
                foldLexicon.names = foldNames[prepared.count % folds]
                let keys = TaggerFeatures.keys(for: sentence.tokens, lexicon: foldLexicon, domain: UInt64(domain))
                for i in sentence.tokens.indices {
                    let copies = keys[(i * 2 * per + per)..<((i + 1) * 2 * per)]
                    if domain > 0 { auxiliaryKeys.formUnion(copies) } else { newsKeys.formUnion(copies) }
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
        let keysPerToken = TaggerFeatures.keysPerToken
        sequences = prepared.map { sentence, keys in
            var features = FeatureSequence()
            for i in sentence.tokens.indices {
                features.append(keys[(i * keysPerToken)..<((i + 1) * keysPerToken)])
            }
            return LabelledSequence(features: features, labels: sentence.tags.map(\.rawValue))
        }
        self.auxiliaryKeys = auxiliaryKeys
        self.newsKeys = newsKeys
        self.lexicon = finalLexicon
    }
}
