import Entities

/// A token as quote finding sees it: its text, where it is, and where paragraphs and sentences
/// begin.
public struct QuoteToken: Hashable, Sendable {
    public var text: String
    public var start: Int
    public var end: Int
    /// The first token of a paragraph (of a sentence, where the text has no paragraphs).
    public var paragraphStart: Bool
    public var sentenceStart: Bool

    public init(text: String, start: Int, end: Int, paragraphStart: Bool = false, sentenceStart: Bool = false) {
        self.text = text
        self.start = start
        self.end = end
        self.paragraphStart = paragraphStart
        self.sentenceStart = sentenceStart
    }
}

/// A quote found among tokens: token indices, not text offsets.
struct TokenQuote: Hashable, Sendable {
    var kind: QuoteKind
    var parts: [ClosedRange<Int>]
    var cue: ClosedRange<Int>?
    var mention: ClosedRange<Int>?
    var speaker: String?
    var role: String?
}

/// Finds quotes in news text, with their cue and speaker: direct quotes between quote marks (over
/// several paragraphs, a missing closing mark at a paragraph's end and the next paragraph's
/// reopening one taken as one quote) and reported speech (`Budi mengatakan, …`, `menurut Budi, …`).
/// The speaker is found next to the quote (`"…," kata Budi`, `Budi mengatakan, "…"`, `"…,"
/// ujarnya`) and resolved to a name with the text's people (`dia` and `-nya` to the person last
/// named, `Roland` to `Roland Manurung`); a title or role beside the name is kept apart.
public struct QuoteFinder: Sendable {
    public init() {}

    /// The quotes of a text, given the entities found in it, in order of position; `sentences`
    /// are the text's as `NewsTokenizer.sentences(in:)` makes them, when the caller has them.
    public func quotes(in text: String, entities: [EntitySpan], sentences: [[TextToken]]? = nil) -> [Quote] {
        let tokens = Self.tokens(of: text, sentences: sentences ?? NewsTokenizer.sentences(in: text))
        let people = Self.tokenRanges(of: entities.filter { $0.kind == .person }, in: tokens)
        let others = Self.tokenRanges(of: entities.filter { $0.kind != .person }, in: tokens)
        return find(tokens: tokens, people: people, others: others).map { quote in
            Quote(
                kind: quote.kind, parts: quote.parts.map { tokens[$0.lowerBound].start..<tokens[$0.upperBound].end },
                cue: quote.cue.map { tokens[$0.lowerBound].start..<tokens[$0.upperBound].end },
                mention: quote.mention.map { tokens[$0.lowerBound].start..<tokens[$0.upperBound].end },
                speaker: quote.speaker, role: quote.role)
        }
    }

    /// The tokens of a text, with the paragraphs (lines) and sentences they begin.
    public static func tokens(of text: String, sentences: [[TextToken]]? = nil) -> [QuoteToken] {
        let bytes = Array(text.utf8)
        var tokens: [QuoteToken] = []
        for sentence in sentences ?? NewsTokenizer.sentences(in: text) {
            for (index, token) in sentence.enumerated() {
                let previousEnd = tokens.last?.end ?? 0
                let paragraphStart = tokens.isEmpty || bytes[previousEnd..<token.start].contains(0x0A)
                tokens.append(
                    QuoteToken(
                        text: token.text, start: token.start, end: token.end, paragraphStart: paragraphStart,
                        sentenceStart: index == 0))
            }
        }
        return tokens
    }

    /// The token index ranges the spans cover.
    static func tokenRanges(of spans: [EntitySpan], in tokens: [QuoteToken]) -> [ClosedRange<Int>] {
        var ranges: [ClosedRange<Int>] = []
        var i = 0
        for span in spans.sorted(by: { $0.start < $1.start }) {
            while i < tokens.count && tokens[i].end <= span.start { i += 1 }
            var j = i
            while j < tokens.count && tokens[j].start < span.end { j += 1 }
            if j > i { ranges.append(i...(j - 1)) }
        }
        return ranges
    }

    // MARK: - Finding

    func find(
        tokens: [QuoteToken], people: [ClosedRange<Int>], others: [ClosedRange<Int>] = [], spaced: Bool = true
    ) -> [TokenQuote] {
        let context = Context(tokens: tokens, people: people, others: others, spaced: spaced)
        let direct = context.directQuotes().compactMap { context.attribute($0) }
        let indirect = context.reportedSpeech(outside: direct)
        return context.resolve((direct + indirect).sorted { $0.parts[0].lowerBound < $1.parts[0].lowerBound })
    }
}
