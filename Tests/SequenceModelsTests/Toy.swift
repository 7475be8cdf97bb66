import SequenceModels

/// A three-label problem with words `a`, `b`, `c`: `a` is always label 0 and `b` label 1; `c` is
/// label 1 right after a 0 and label 2 otherwise, so both the features and the transitions matter.
enum Toy {
    static let labelCount = 3

    static func labels(of words: [String]) -> [Int] {
        var labels: [Int] = []
        for word in words {
            switch word {
            case "a": labels.append(0)
            case "b": labels.append(1)
            default: labels.append(labels.last == 0 ? 1 : 2)
            }
        }
        return labels
    }

    static func features(of words: [String]) -> FeatureSequence {
        var features = FeatureSequence()
        for word in words { features.append(names: ["word=" + word, "bias"]) }
        return features
    }

    /// `count` random sentences of 1 to 8 words.
    static func sentences(_ count: Int, seed: UInt64) -> [[String]] {
        var random = SplitMix(seed: seed)
        return (0..<count).map { _ in
            (0...(random.next() % 8)).map { _ in ["a", "b", "c"][Int(random.next() % 3)] }
        }
    }

    static func data(_ count: Int, seed: UInt64) -> [LabelledSequence] {
        sentences(count, seed: seed).map { LabelledSequence(features: features(of: $0), labels: labels(of: $0)) }
    }
}
