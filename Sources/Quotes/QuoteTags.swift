import Entities

/// Quotes as token tags, the scoring interface: `B-QUOTE`/`I-QUOTE` the tokens of a direct quote
/// (its marks included), `B-SPEAKER`/`I-SPEAKER` its speaker as the text names it,
/// `B-CUE`/`I-CUE` its speech word, `O` the rest.
public enum QuoteTags {
    /// The tags of a running text given as tokens, `sentenceStarts` holding the indices of tokens
    /// that begin a sentence; people are found with `recognizer` when given.
    public static func tags(
        tokens words: [String], sentenceStarts: Set<Int>, recognizer: (any EntityRecognizer)?
    ) -> [String] {
        guard !words.isEmpty else { return [] }
        // The tokens as one text, a sentence a line, for the entity tagger.
        var text = ""
        var tokens: [QuoteToken] = []
        for (index, word) in words.enumerated() {
            if index > 0 { text += sentenceStarts.contains(index) ? "\n" : " " }
            let start = text.utf8.count
            text += word
            tokens.append(
                QuoteToken(
                    text: word, start: start, end: text.utf8.count, paragraphStart: index == 0,
                    sentenceStart: index == 0 || sentenceStarts.contains(index)))
        }
        let spans = recognizer?.entities(in: text) ?? []
        let people = QuoteFinder.tokenRanges(of: spans.filter { $0.kind == .person }, in: tokens)
        let others = QuoteFinder.tokenRanges(of: spans.filter { $0.kind != .person }, in: tokens)
        var tags = [String](repeating: "O", count: words.count)
        func mark(_ range: ClosedRange<Int>, _ name: String, continuing: Bool = false) {
            for i in range where i < tags.count {
                tags[i] = (i == range.lowerBound && !continuing ? "B-" : "I-") + name
            }
        }
        for quote in QuoteFinder().find(tokens: tokens, people: people, others: others, spaced: false)
        where quote.kind == .direct {
            for (index, part) in quote.parts.enumerated() { mark(part, "QUOTE", continuing: index > 0) }
            if let cue = quote.cue { mark(cue, "CUE") }
            if let mention = quote.mention { mark(mention, "SPEAKER") }
        }
        return tags
    }
}
