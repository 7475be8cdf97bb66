/// What kind of reported speech a quote is.
public enum QuoteKind: String, Hashable, Sendable, Codable {
    /// The speaker's own words between quote marks.
    case direct
    /// Speech reported in the writer's words: `X mengatakan, …`, `menurut X, …`.
    case indirect
}

/// A quote in a text, located by UTF-8 byte offsets into it.
public struct Quote: Hashable, Sendable, Codable {
    public var kind: QuoteKind
    /// The quoted words, one range a paragraph: for a direct quote from its opening mark to its
    /// closing mark (or the paragraph's end where the mark is missing).
    public var parts: [Range<Int>]
    /// The speech word (`kata`, `ujarnya`, `mengatakan`, `menurut`), when the text gives one.
    public var cue: Range<Int>?
    /// The speaker as the attribution writes it (`Roland`, `dia`, `Kapolres`), when it does.
    public var mention: Range<Int>?
    /// Who spoke: the fullest form of the person's name the text gives (`Roland Manurung` for
    /// `Roland`, and for `dia` or `ucapnya` the person last named), or the role when no person is
    /// named; nil when the text does not tell.
    public var speaker: String?
    /// The speaker's title or role as the text gives it beside the name (`Kepala Unit Reserse
    /// Kriminal Polsek Medan Baru`).
    public var role: String?

    public init(
        kind: QuoteKind, parts: [Range<Int>], cue: Range<Int>? = nil, mention: Range<Int>? = nil,
        speaker: String? = nil, role: String? = nil
    ) {
        self.kind = kind
        self.parts = parts
        self.cue = cue
        self.mention = mention
        self.speaker = speaker
        self.role = role
    }

    /// Where the quote starts.
    public var start: Int { parts.first?.lowerBound ?? 0 }

    /// How long an excerpt of a quote's words is at most, in characters.
    public static let excerptLength = 160

    /// The quote's words in `text`, cut to `excerptLength` characters with `…` when longer: what
    /// lists of quotes show.
    public func excerpt(in text: String) -> String {
        let words = words(in: text)
        return words.count <= Self.excerptLength ? words : String(words.prefix(Self.excerptLength - 1)) + "…"
    }

    /// The quoted words in `text` (the text the offsets were computed on), paragraphs joined by a
    /// space, quote marks and the spaces around them left out.
    public func words(in text: String) -> String {
        let marks: Set<Character> = ["\"", "“", "”"]
        return parts.compactMap { Self.slice($0, of: text) }.map { part -> String in
            var part = Substring(part)
            while let first = part.first, marks.contains(first) || first.isWhitespace { part.removeFirst() }
            while let last = part.last, marks.contains(last) || last.isWhitespace { part.removeLast() }
            return String(part)
        }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The text of a range of `text`, or nil.
    public static func slice(_ range: Range<Int>?, of text: String) -> String? {
        guard let range, range.lowerBound >= 0, range.upperBound <= text.utf8.count else { return nil }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let end = utf8.index(start, offsetBy: range.count)
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }
}
