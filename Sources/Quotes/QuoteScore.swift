/// Token-level precision, recall and F1 of quote tags against gold tags, per kind of tag (`QUOTE`,
/// `SPEAKER`, `CUE`; `B-` and `I-` count alike), tokens without a letter or digit left out.
public struct QuoteScore: Sendable {
    public struct Counts: Sendable, Equatable {
        public var right = 0
        public var wrong = 0
        public var missed = 0

        public init() {}

        public var precision: Double { right + wrong == 0 ? 1 : Double(right) / Double(right + wrong) }
        public var recall: Double { right + missed == 0 ? 1 : Double(right) / Double(right + missed) }
        public var f1: Double {
            precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        }
    }

    public static let kinds = ["QUOTE", "SPEAKER", "CUE"]
    public private(set) var counts: [String: Counts] = Dictionary(uniqueKeysWithValues: kinds.map { ($0, Counts()) })

    public init() {}

    /// Adds one text's tokens with their gold and predicted tags.
    public mutating func add(tokens: [String], gold: [String], predicted: [String]) {
        for (index, token) in tokens.enumerated() where index < gold.count && index < predicted.count {
            guard
                token.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil })
            else { continue }
            let truth = Self.kind(of: gold[index])
            let guess = Self.kind(of: predicted[index])
            for kind in Self.kinds {
                if truth == kind && guess == kind {
                    counts[kind]?.right += 1
                } else if guess == kind {
                    counts[kind]?.wrong += 1
                } else if truth == kind {
                    counts[kind]?.missed += 1
                }
            }
        }
    }

    /// The kind a tag marks: `QUOTE` for `B-QUOTE` and `I-QUOTE`.
    public static func kind(of tag: String) -> String {
        tag.hasPrefix("B-") || tag.hasPrefix("I-") ? String(tag.dropFirst(2)) : tag
    }
}
