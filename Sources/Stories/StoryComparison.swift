import Foundation

/// Two articles of a story set side by side, sentence by sentence: each sentence of one is paired
/// with the sentence of the other that says most nearly the same (by the words they share), and
/// sentences with no such partner are the ones only that article has: what one outlet added, the
/// other left out.
public struct StoryComparison: Hashable, Sendable {
    /// One row of the comparison: a sentence of either article or both.
    public struct Row: Hashable, Sendable {
        public var left: String?
        public var right: String?
        /// How alike the two sentences are (0 to 1); 0 when one side is empty.
        public var similarity: Double

        public init(left: String?, right: String?, similarity: Double) {
            self.left = left
            self.right = right
            self.similarity = similarity
        }

        /// Whether only one article has the sentence.
        public var isUnique: Bool { left == nil || right == nil }
    }

    public var rows: [Row]

    /// Share of the words (Dice coefficient over distinct words) from which two sentences are the
    /// same sentence, reworded or not.
    public static let threshold = 0.5

    /// Compares two cleaned article bodies (paragraphs separated by newlines).
    public init(left: String, right: String) {
        let a = Self.sentences(of: left)
        let b = Self.sentences(of: right)
        let wordsA = a.map { Set(StoryFeatures.words(of: $0)) }
        let wordsB = b.map { Set(StoryFeatures.words(of: $0)) }
        // Pairs best first, each sentence taken once.
        var scored: [(Double, Int, Int)] = []
        for i in a.indices {
            for j in b.indices {
                let shared = wordsA[i].intersection(wordsB[j]).count
                guard shared > 0 else { continue }
                let score = 2 * Double(shared) / Double(wordsA[i].count + wordsB[j].count)
                if score >= Self.threshold { scored.append((score, i, j)) }
            }
        }
        scored.sort { ($0.0, -$0.1, -$0.2) > ($1.0, -$1.1, -$1.2) }
        var partnerOfA = [Int?](repeating: nil, count: a.count)
        var takenB = Set<Int>()
        var score = [Int: Double]()
        for (value, i, j) in scored where partnerOfA[i] == nil && !takenB.contains(j) {
            partnerOfA[i] = j
            takenB.insert(j)
            score[i] = value
        }
        // In the left article's order; the right's own sentences where they stand in the right
        // article, after the last pair before them.
        var rows: [Row] = []
        var nextB = 0
        func flushB(upTo limit: Int) {
            while nextB < limit {
                if !takenB.contains(nextB) { rows.append(Row(left: nil, right: b[nextB], similarity: 0)) }
                nextB += 1
            }
        }
        for i in a.indices {
            if let j = partnerOfA[i] {
                if j >= nextB { flushB(upTo: j) }
                rows.append(Row(left: a[i], right: b[j], similarity: score[i] ?? 0))
                nextB = max(nextB, j + 1)
            } else {
                rows.append(Row(left: a[i], right: nil, similarity: 0))
            }
        }
        flushB(upTo: b.count)
        self.rows = rows
    }

    /// Sentences only the left article has, and only the right.
    public var leftOnly: [String] { rows.filter { $0.right == nil }.compactMap(\.left) }
    public var rightOnly: [String] { rows.filter { $0.left == nil }.compactMap(\.right) }

    /// A text's sentences: its paragraphs cut after `.`, `!` or `?` (and a closing quote) where a
    /// capital, a digit or a quote begins the next; not after a lone capital (`H. Ahmad`) or a
    /// title's abbreviation (`Dr.`, `No.`).
    public static func sentences(of text: String) -> [String] {
        var result: [String] = []
        for paragraph in text.split(separator: "\n") {
            let characters = Array(paragraph)
            var start = 0
            var index = 0
            while index < characters.count {
                let character = characters[index]
                if ".!?".contains(character) {
                    var end = index + 1
                    while end < characters.count, "\"”’')".contains(characters[end]) { end += 1 }
                    var next = end
                    while next < characters.count, characters[next] == " " { next += 1 }
                    if next > end, next < characters.count,
                        characters[next].isUppercase || characters[next].isNumber || "\"“'".contains(characters[next]),
                        !isAbbreviation(characters[start..<index])
                    {
                        let sentence = String(characters[start..<end]).trimmingCharacters(in: .whitespaces)
                        if !sentence.isEmpty { result.append(sentence) }
                        start = next
                        index = next
                        continue
                    }
                }
                index += 1
            }
            let rest = String(characters[start...]).trimmingCharacters(in: .whitespaces)
            if !rest.isEmpty { result.append(rest) }
        }
        return result
    }

    static let abbreviations: Set<String> = [
        "dr", "drs", "ir", "prof", "no", "st", "jl", "h", "hj", "kh", "tbk", "mr", "mrs", "ms", "sdr", "bpk", "kec",
        "kab",
    ]

    private static func isAbbreviation(_ before: ArraySlice<Character>) -> Bool {
        let word = String(before.reversed().prefix { $0.isLetter }.reversed()).lowercased()
        return word.count == 1 || abbreviations.contains(word)
    }
}
