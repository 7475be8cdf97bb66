import Entities

/// Quotes as token tags, the scoring interface: `B-QUOTE`/`I-QUOTE` the tokens of a direct quote
/// (its marks included), `B-SPEAKER`/`I-SPEAKER` its speaker as the text names it,
/// `B-CUE`/`I-CUE` its speech word, `O` the rest.
public enum QuoteTags {
    /// The tags of a running text given as tokens, `sentenceStarts` holding the indices of tokens
    /// that begin a sentence; people are found with `recognizer` when given. A token with quote
    /// marks or punctuation written against its word (`"Kami`, `siap,"`, `Santoso.`) is read as
    /// its pieces and tagged as its first tagged piece.
    public static func tags(
        tokens words: [String], sentenceStarts: Set<Int>, recognizer: (any EntityRecognizer)?
    ) -> [String] {
        guard !words.isEmpty else { return [] }
        // The pieces as one text, a sentence a line, for the entity tagger; each piece with the
        // token it came from.
        var text = ""
        var tokens: [QuoteToken] = []
        var origin: [Int] = []
        for (index, word) in words.enumerated() {
            for (number, piece) in pieces(of: word).enumerated() {
                if !tokens.isEmpty { text += sentenceStarts.contains(index) && number == 0 ? "\n" : " " }
                let start = text.utf8.count
                text += piece
                tokens.append(
                    QuoteToken(
                        text: piece, start: start, end: text.utf8.count, paragraphStart: tokens.isEmpty,
                        sentenceStart: tokens.isEmpty || number == 0 && sentenceStarts.contains(index)))
                origin.append(index)
            }
        }
        let spans = recognizer?.entities(in: text) ?? []
        let people = QuoteFinder.tokenRanges(of: spans.filter { $0.kind == .person }, in: tokens)
        let others = QuoteFinder.tokenRanges(of: spans.filter { $0.kind != .person }, in: tokens)
        // Each piece's tag, and whether a span begins there: a quote at its first part's first
        // piece (its other parts go on it), a cue and a mention at theirs.
        var pieceTags = [String?](repeating: nil, count: tokens.count)
        var begins = [Bool](repeating: false, count: tokens.count)
        func mark(_ range: ClosedRange<Int>, _ kind: String, opening: Bool) {
            for i in range where i < tokens.count {
                pieceTags[i] = kind
                begins[i] = opening && i == range.lowerBound
            }
        }
        for quote in QuoteFinder().find(tokens: tokens, people: people, others: others, spaced: false)
        where quote.kind == .direct {
            for (index, part) in quote.parts.enumerated() { mark(part, "QUOTE", opening: index == 0) }
            if let cue = quote.cue { mark(cue, "CUE", opening: true) }
            if let mention = quote.mention { mark(mention, "SPEAKER", opening: true) }
        }
        // Each token takes its first tagged piece's tag, beginning a span where that piece does.
        var tags = [String](repeating: "O", count: words.count)
        var tagged = [Bool](repeating: false, count: words.count)
        for (i, kind) in pieceTags.enumerated() where !tagged[origin[i]] {
            guard let kind else { continue }
            tagged[origin[i]] = true
            tags[origin[i]] = (begins[i] ? "B-" : "I-") + kind
        }
        return tags
    }

    static func isMark(_ text: String) -> Bool { QuoteWords.marks.contains(text) }

    /// Marks and brackets a token may open with, and the punctuation and marks it may end with.
    static let leading: Set<Character> = ["\"", "“", "”", "„", "«", "»", "(", "'", "‘"]
    static let trailing: Set<Character> = ["\"", "“", "”", "„", "«", "»", ")", "'", "’", ",", ".", ";", ":", "!", "?"]

    /// A token cut into its leading marks and brackets, its word, and the punctuation and marks
    /// written after it; a token of punctuation alone, or a word alone, stays whole.
    static func pieces(of token: String) -> [String] {
        let characters = Array(token)
        guard characters.contains(where: { $0.isLetter || $0.isNumber }) else {
            // `,”`, `.”`: punctuation and a quote mark together are read one by one.
            let marked = characters.count > 1 && characters.contains { isMark(String($0)) }
            return marked ? characters.map { String($0) } : [token]
        }
        var start = 0
        while start < characters.count && leading.contains(characters[start]) { start += 1 }
        var end = characters.count
        while end > start && trailing.contains(characters[end - 1]) { end -= 1 }
        // `S.`, `dr.`, `Ny.`: an initial's or a title's own full stop stays with it.
        if end == characters.count - 1 && characters[end] == "." && start == 0 {
            let word = String(characters[0..<end]).lowercased()
            let titled =
                QuoteWords.titles.contains(word) || QuoteWords.ranks.contains(word)
                || QuoteWords.degrees.contains(word)
            if end == 1 || titled { return [token] }
        }
        var result: [String] = characters[0..<start].map { String($0) }
        result.append(String(characters[start..<end]))
        result += characters[end...].map { String($0) }
        return result
    }
}
