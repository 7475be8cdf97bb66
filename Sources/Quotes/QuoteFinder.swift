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

struct Context {
    let tokens: [QuoteToken]
    let lower: [String]
    /// The classes of each token's word, looked up once.
    let classes: [WordClass]
    let people: [ClosedRange<Int>]
    /// Whether the tokens' offsets show the text's own spacing (not tokens joined by spaces).
    let spaced: Bool
    /// For each token, the person span it is in.
    let peopleAt: [ClosedRange<Int>?]

    func personAt(_ i: Int) -> ClosedRange<Int>? { i >= 0 && i < peopleAt.count ? peopleAt[i] : nil }
    /// What is worked out once a text when first needed.
    final class Cache {
        var candidates: [(range: ClosedRange<Int>, words: Set<String>)]?
    }
    let cache = Cache()
    /// Runs of two or more capitalised words that are not roles, ranks or sentence openers: names
    /// the tagger may have missed (`Stefano Pioli`).
    let names: [ClosedRange<Int>]
    /// Each token's sentence, counted from 0.
    let sentence: [Int]
    /// Where the second paragraph begins: the first line is the headline, its words all
    /// capitalised, so no names are read from it.
    let bodyStart: Int?

    func inTitle(_ i: Int) -> Bool { bodyStart.map { i < $0 } ?? false }

    init(tokens: [QuoteToken], people: [ClosedRange<Int>], others: [ClosedRange<Int>], spaced: Bool) {
        self.tokens = tokens
        self.spaced = spaced
        lower = tokens.map { Context.lowercased($0.text) }
        classes = zip(tokens, lower).map { token, word in
            QuoteWords.classes[word] ?? Context.gluedCue(token.text)
        }
        self.people = people
        var at = [ClosedRange<Int>?](repeating: nil, count: tokens.count)
        for range in people { for i in range where i < tokens.count { at[i] = range } }
        peopleAt = at
        // The first line is a headline when it is short, ends without a full stop and capitalises
        // most of its words.
        let secondParagraph = tokens.indices.first { $0 > 0 && tokens[$0].paragraphStart }
        let headline = secondParagraph.map { end -> Bool in
            let words = tokens[0..<end].filter { $0.text.first?.isLetter == true }
            let capitals = words.count { Context.isCapitalisedWord($0.text) }
            return end <= 30 && tokens[end - 1].text != "." && capitals * 10 >= words.count * 7
        }
        let bodyStart = headline == true ? secondParagraph : nil
        self.bodyStart = bodyStart
        var organisations = [Bool](repeating: false, count: tokens.count)
        for range in others { for i in range where i < tokens.count { organisations[i] = true } }
        var runs: [ClosedRange<Int>] = []
        var start: Int?
        for i in 0...tokens.count {
            let notName: WordClass = [.roles, .titles, .openers, .clauseWords, .dayNames, .functionWords, .roleParts]
            let fits =
                i < tokens.count && Context.isCapitalisedWord(tokens[i].text)
                && classes[i].intersection(notName).isEmpty && !(bodyStart.map { i < $0 } ?? false)
                && !organisations[i]
            if fits {
                if start == nil { start = i }
            } else if let first = start {
                if i - first >= 2 { runs.append(first...(i - 1)) }
                start = nil
            }
        }
        names = runs
        var count = -1
        sentence = tokens.map { token in
            if token.sentenceStart || token.paragraphStart || count < 0 { count += 1 }
            return count
        }
    }

    /// The class of a speech word a scraper glued to the next word (`kataMenkomdigi`,
    /// `ujarKapolres`): the speech word's, else none.
    static func gluedCue(_ text: String) -> WordClass {
        // Most words are lower-case throughout or capitalised: seen in a pass over their bytes.
        let utf8 = text.utf8
        guard let first = utf8.first, first >= 0x61 && first <= 0x7A,
            utf8.dropFirst(2).contains(where: { $0 >= 0x41 && $0 <= 0x5A || $0 >= 0x80 })
        else { return [] }
        let scalars = Array(text.unicodeScalars)
        guard scalars.count > 3, scalars[0].properties.isLowercase,
            let joint = scalars.indices.first(where: { $0 > 1 && scalars[$0].properties.isUppercase })
        else { return [] }
        let head = String(String.UnicodeScalarView(scalars[..<joint]))
        return (QuoteWords.classes[head] ?? []).intersection([.sayings, .verbs])
    }

    /// A token lower-cased; most are already, and ASCII is done byte by byte.
    static func lowercased(_ text: String) -> String {
        var hasUpper = false
        for byte in text.utf8 {
            if byte >= 0x80 { return text.lowercased() }
            if byte >= 0x41 && byte <= 0x5A { hasUpper = true }
        }
        guard hasUpper else { return text }
        return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    static func isCapitalisedWord(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return first.properties.isUppercase
    }

    /// Whether a mention reads as a person's name: capitalised words, none a role or rank.
    func isName(_ range: ClosedRange<Int>) -> Bool {
        range.allSatisfy {
            isCapitalised($0) && !on($0, .roles) && !on($0, .titles)
                || on($0, .connectors)
        }
    }

    /// The person the text names right after the role: `Presiden Joko Widodo` for `Presiden`.
    func person(withRole role: ClosedRange<Int>) -> String? {
        let words = role.map { lower[$0] }
        guard !words.isEmpty else { return nil }
        var i = 0
        while i + words.count < tokens.count {
            if (0..<words.count).allSatisfy({ lower[i + $0] == words[$0] }) {
                var n = i + words.count
                while n < tokens.count && n < i + words.count + 8
                    && (on(n, .titles) || lower[n] == "." || lower[n] == ","
                        || (isCapitalised(n) && personAt(n) == nil && !names.contains(where: { $0.lowerBound == n })))
                {
                    n += 1
                }
                if let person = personAt(n), person.lowerBound == n { return fullest(stripped(person)) }
                if let run = names.first(where: { $0.lowerBound == n }) { return fullest(run) }
            }
            i += 1
        }
        return nil
    }

    func isMark(_ i: Int) -> Bool { on(i, .marks) }

    /// Whether token `i` is a word of the class (`.verbs`, `.titles`, …).
    func on(_ i: Int, _ wordClass: WordClass) -> Bool {
        i >= 0 && i < classes.count && classes[i].contains(wordClass)
    }

    func isWord(_ i: Int) -> Bool {
        guard i >= 0, i < tokens.count, let first = tokens[i].text.unicodeScalars.first else { return false }
        return first.properties.isAlphabetic || first.properties.numericType != nil
    }

    func isCapitalised(_ i: Int) -> Bool {
        guard i >= 0, i < tokens.count, let first = tokens[i].text.unicodeScalars.first else { return false }
        return first.properties.isUppercase
    }

    func isSentenceEnd(_ i: Int) -> Bool {
        i >= 0 && i < tokens.count && [".", "!", "?", "…"].contains(tokens[i].text)
    }

    func wordCount(_ range: ClosedRange<Int>) -> Int { range.count { isWord($0) } }

    // MARK: Direct quotes

    /// Pairs quote marks into quotes: one part a paragraph.
    func directQuotes() -> [[ClosedRange<Int>]] {
        var quotes: [[ClosedRange<Int>]] = []
        var parts: [ClosedRange<Int>] = []
        var open: Int?
        func finish(_ end: Int) {
            guard let start = open else { return }
            if end >= start { parts.append(start...end) }
            if !parts.isEmpty { quotes.append(parts) }
            parts = []
            open = nil
        }
        for i in tokens.indices {
            if let start = open, i > start, tokens[i].paragraphStart {
                if isMark(i) && isWord(i + 1) {
                    // The quote goes on in this paragraph: its last one lacked the closing mark.
                    parts.append(start...(i - 1))
                    open = i
                    continue
                }
                finish(i - 1)
            }
            guard isMark(i) else { continue }
            if let start = open {
                if i > start + 1 && opensAgain(i) {
                    // An opening mark while a quote is open: that one lacked its closing mark. Where
                    // it ran up to this mark the quote goes on (its paragraph ended without the
                    // mark); where the writer's words came between, they are two quotes.
                    let end = unclosedEnd(from: start, before: i)
                    if end == (lastSentenceEnd(before: i, after: start) ?? i - 1) && !spaced {
                        parts.append(start...end)
                    } else {
                        finish(end)
                    }
                    open = i
                } else {
                    finish(i)
                }
            } else if isWord(i + 1) || (i + 1 < tokens.count && ["…", "(", "["].contains(tokens[i + 1].text)) {
                open = i
            }
        }
        if let start = open { finish(lastSentenceEnd(before: tokens.count, after: start) ?? tokens.count - 1) }
        return quotes
    }

    /// Whether a quote mark met while a quote is open opens another: it follows `:` (`Budi
    /// menambahkan: "…`), or it begins a sentence and a capitalised word follows, written apart from
    /// the word before it where the text's spacing is known (`… selesai. "Kami …`), while a closing
    /// mark is followed by a speech word, a lower-case word or punctuation.
    func opensAgain(_ i: Int) -> Bool {
        guard isWord(i + 1), !tokens[i + 1].sentenceStart, !tokens[i + 1].paragraphStart,
            !on(i + 1, .sayings), !on(i + 1, .verbs)
        else {
            return false
        }
        if lower[i - 1] == ":" { return true }
        guard isCapitalised(i + 1), isSentenceEnd(i - 1) || tokens[i].sentenceStart else { return false }
        if spaced { return tokens[i - 1].end < tokens[i].start && tokens[i].end == tokens[i + 1].start }
        return tokens[i].sentenceStart
    }

    /// Where a quote opened at `start` and never closed ends, an opening mark coming at `next`:
    /// where the text's paragraphs are not known, before the first sentence that reads as the
    /// writer's (`Rencananya, kata Argo, …`), else at the last sentence end.
    func unclosedEnd(from start: Int, before next: Int) -> Int {
        let last = lastSentenceEnd(before: next, after: start) ?? next - 1
        guard !spaced else { return last }
        var end = start + 1
        while end < last {
            if isSentenceEnd(end) {
                var k = end + 1
                while k < next && !isSentenceEnd(k) {
                    if on(k, .sayings) && !lower[k].hasSuffix("nya") && isCapitalised(k + 1)
                        || on(k, .verbs)
                            && (isCapitalised(k - 1) || on(k - 1, .pronouns))
                    {
                        return end
                    }
                    k += 1
                }
            }
            end += 1
        }
        return last
    }

    func lastSentenceEnd(before i: Int, after start: Int) -> Int? {
        var j = i - 1
        while j > start {
            if isSentenceEnd(j) { return j }
            j -= 1
        }
        return nil
    }

    /// The quote with its cue and speaker as written, when the text gives them.
    func attribute(_ parts: [ClosedRange<Int>]) -> TokenQuote? {
        var quote = TokenQuote(kind: .direct, parts: parts)
        let first = parts[0].lowerBound
        let last = parts[parts.count - 1].upperBound
        let closed = isMark(last)
        let words = parts.reduce(0) { $0 + wordCount($1) }
        // Just before: `Budi mengatakan, "…"`, `Menurut Budi, "…"`.
        if let found = cueBefore(first, near: true) {
            (quote.cue, quote.mention) = found
        } else if closed, let found = cueAfter(last) {
            (quote.cue, quote.mention) = found
        } else if let found = cueBefore(first, near: false) {
            // A word or two set off inside a sentence (`menyebut tradisi itu "ngabuburit"`) is the
            // writer's, not a quote.
            let ended =
                isSentenceEnd(last - 1) || isSentenceEnd(last + 1) || last + 1 >= tokens.count
                || tokens[last + 1].paragraphStart
            if words <= 2 && !ended { return nil }
            (quote.cue, quote.mention) = found
        }
        // Unattributed short quotes are words set off (`istilah "ngabuburit"`), not speech.
        if quote.cue == nil, quote.mention == nil, words <= 3 { return nil }
        return quote
    }

    /// The cue and speaker after a closing mark: `"…," kata Budi`, `"…," ujarnya`, `"…," Budi
    /// menambahkan`.
    func cueAfter(_ mark: Int) -> (ClosedRange<Int>?, ClosedRange<Int>?)? {
        var k = mark + 1
        if k < tokens.count && !tokens[k].paragraphStart && [",", "."].contains(tokens[k].text) && lower[k] == "," {
            k += 1
        }
        guard k < tokens.count, !tokens[k].paragraphStart else { return nil }
        if (on(k, .sayings) || on(k, .verbs)) && !isCapitalised(k) && !isIdiom(k) {
            return (k...k, speakerAfter(k))
        }
        // `"…," demikian pernyataan Mattel`, `"…," demikian isi kicauan McLaughlin`.
        if lower[k] == "demikian" || lower[k] == "bunyi" {
            var end = k
            while end < k + 3 && end + 1 < tokens.count && on(end + 1, .statements) { end += 1 }
            return (k...end, speakerAfter(end, anyWord: false))
        }
        // `"…," Budi menambahkan`, `"…," wanita berusia 31 tahun itu menegaskan`; not after a
        // quote that ended its sentence (`…." Dia mengatakan …` starts a sentence of its own).
        guard !isSentenceEnd(mark - 1) else { return nil }
        var j = k
        while j < tokens.count && j < k + 8 && !tokens[j].paragraphStart
            && (mayName(j) || on(j, .pronouns) || on(j, .adverbs)
                || on(j, .demonstratives))
        {
            if on(j, .verbs) || on(j, .sayings) { break }
            j += 1
        }
        if j > k, j < tokens.count, on(j, .verbs) || on(j, .sayings) {
            return (j...j, speakerBefore(j, limit: k))
        }
        return nil
    }

    /// The cue and speaker before an opening mark in its sentence; `near`: only right before it
    /// (`Budi mengatakan, "…"`, `Budi mengatakan bahwa "…"`, `kata Budi: "…"`).
    func cueBefore(_ mark: Int, near: Bool) -> (ClosedRange<Int>?, ClosedRange<Int>?)? {
        guard !tokens[mark].paragraphStart || !near else { return nil }
        var start = mark
        while start > 0 && !tokens[start].paragraphStart && !(tokens[start].sentenceStart && start < mark - 1) {
            start -= 1
        }
        if tokens[mark].paragraphStart { return nil }
        let low = max(start, mark - (near ? 16 : 30))
        var c = mark - 1
        while c >= low {
            if isMark(c) { return nil }
            let word = lower[c]
            // A capitalised speech word inside a sentence is a headline's (`Milla Puji Penampilan …`).
            let titled =
                isCapitalised(c) && !tokens[c].sentenceStart && !tokens[c].paragraphStart || isIdiom(c)
            if on(c, .verbs) && !titled {
                if near && !onlyLinks((c + 1)..<mark) { return nil }
                let speaker = speakerBefore(c, limit: start)
                if speaker != nil || word.hasSuffix("nya") { return (c...c, speaker) }
                if near { return (c...c, nil) }
            } else if (on(c, .according) || on(c, .sayings)) && !titled {
                if word.hasSuffix("nya") {
                    if near && !onlyLinks((c + 1)..<mark) { return nil }
                    return (c...c, nil)
                }
                if let speaker = speakerAfter(c), speaker.upperBound < mark {
                    if near && !onlyLinks((speaker.upperBound + 1)..<mark) { return nil }
                    return (c...c, speaker)
                }
            }
            if near && c < mark - 4 && !mayName(c) && !onlyLinks(c..<(c + 1)) { return nil }
            c -= 1
        }
        return nil
    }

    /// Whether a speech word is part of a phrase that reports no one: `dengan kata lain` (in
    /// other words), `kata kunci`, `kata sandi`.
    func isIdiom(_ c: Int) -> Bool {
        guard lower[c] == "kata" else { return false }
        return c > 0 && lower[c - 1] == "dengan"
            || c + 1 < tokens.count && !isCapitalised(c + 1)
                && ["lain", "kunci", "sandi", "demi"].contains(lower[c + 1])
    }

    /// Whether the tokens only link an attribution to its quote: `,`, `:`, `bahwa`.
    func onlyLinks(_ range: Range<Int>) -> Bool {
        range.allSatisfy { [",", ":", "bahwa", "-", "—"].contains(lower[$0]) }
    }

    /// Whether a token may stand in a speaker's mention: a capitalised word, a number (`Densus
    /// 88`), a role word (`pelatih`), a word that joins names (`bin`).
    func mayName(_ i: Int) -> Bool {
        let word = lower[i]
        return isCapitalised(i) && isWord(i) || QuoteWords.roles.contains(word) || QuoteWords.connectors.contains(word)
            || QuoteWords.describing.contains(word) || (isWord(i) && word.first?.isNumber == true)
    }

    /// The speaker's mention after a cue, role and name: `kata Budi`, `kata dia`, `kata Kapolres
    /// AKBP Budi`, `ujar pelatih Persib, Bojan Hodak`, `ujar mantan pelatih Lazio itu`; nil for
    /// `ujarnya`.
    func speakerAfter(_ cue: Int, anyWord: Bool = true) -> ClosedRange<Int>? {
        if lower[cue].hasSuffix("nya") && lower[cue] != "tanya" && !on(cue, .verbs) {
            return nil
        }
        let k = cue + 1
        guard k < tokens.count, !tokens[k].paragraphStart, !tokens[k].sentenceStart || !spaced else { return nil }
        if on(k, .pronouns) { return k...k }
        var j = k
        // `kata perusahaan`, `ucap perekam video`: a noun of who spoke.
        if anyWord && isWord(k) && !isCapitalised(k) && !mayName(k) && !on(k, .clauseWords)
            && !on(k, .functionWords) && lower[k].first?.isNumber != true
        {
            j += 1
        }
        var commas = 0
        while j < tokens.count && j < k + 18 && (j == k || !tokens[j].paragraphStart && !tokens[j].sentenceStart) {
            let word = lower[j]
            if isMark(j) { break }
            if mayName(j) {
                j += 1
            } else if ["di", "dan", "&", "of", "/"].contains(word) && j > k && isCapitalised(j + 1) && isWord(j + 1)
                && !on(j + 1, .dayNames) && !personInRun(k..<j)
            {
                // `Dirjen PBB di Jenewa Michael Moller`, `Direktur Teknologi dan Informasi BPJS …`.
                j += 1
            } else if word == "(", let close = (j + 1..<min(j + 7, tokens.count)).first(where: { lower[$0] == ")" }),
                j > k
            {
                // `(WAE)`, `(35)`: an acronym or an age.
                j = close + 1
            } else if word == "," && j > k && commas < 2 && j + 1 < tokens.count && isCapitalised(j + 1)
                && isWord(j + 1) && !on(j + 1, .dayNames)
                && !(j + 2 < tokens.count && lower[j + 2] == "(")
            {
                commas += 1
                j += 1
            } else if word == "." && j > k && (on(j - 1, .titles) || isInitial(j - 1)) && isCapitalised(j + 1) {
                // `dr. Roro`, `Randy R. Murdoko`.
                j += 1
            } else if isWord(j) && !isCapitalised(j) && !on(j, .clauseWords) && !on(j, .functionWords)
                && j < k + 3 && j + 1 < tokens.count,
                let person = (j + 1...min(j + 3, tokens.count - 1)).first(where: { personAt($0) != nil }),
                (j + 1..<person).allSatisfy({ isWord($0) && !isCapitalised($0) && !on($0, .clauseWords) })
            {
                // `kata perancang busana Hitomi Komaki`: lower-case words of a role, then the name.
                j = person
            } else {
                break
            }
        }
        // `tambah pemain yang kini memperkuat Persib Bandung itu`: a description up to its demonstrative.
        if !isCapitalised(k) || on(k, .roles), let end = describedUntil(from: k), end >= j { return k...end }
        // `kata kader PDIP sekaligus advokat, Wiradarma Harefa`: a description, a comma, a name.
        if let name = appositiveName(after: j, from: k) { return k...name }
        while j > k && [",", ".", "("].contains(lower[j - 1]) { j -= 1 }
        // A description ends with its demonstrative: `ujar pria 31 tahun itu`.
        if j > k, j < tokens.count, on(j, .demonstratives), !isCapitalised(k) { j += 1 }
        return j > k ? k...(j - 1) : nil
    }

    /// The end of a person's name written after a comma a few words on from `from` (the mention
    /// so far ending before `stop`), when nothing between starts a clause.
    func appositiveName(after stop: Int, from: Int) -> Int? {
        var j = stop
        while j < tokens.count && j < from + 24 {
            // `dari` and `di` may stand in the description (`spesialis gigi dari RSCM`).
            if isMark(j) || isSentenceEnd(j) || tokens[j].paragraphStart || tokens[j].sentenceStart && j > from
                || on(j, .clauseWords) && !["dari", "di"].contains(lower[j])
            {
                return nil
            }
            if lower[j] == "," {
                var n = j + 1
                var ranked = false
                while n < tokens.count && n < j + 4 && (on(n, .titles) || lower[n] == ".") {
                    ranked = ranked || on(n, .ranks) || on(n, .titles)
                    n += 1
                }
                if n < tokens.count, let person = personAt(n), person.lowerBound >= j + 1 { return person.upperBound }
                // A name the tagger missed: a run of capitalised words, or one after a rank (`AKBP Budiyanto`).
                if n < tokens.count, let run = names.first(where: { $0.lowerBound == n }) { return run.upperBound }
                if ranked, n < tokens.count, isCapitalised(n), isWord(n), !on(n, .roles) {
                    return n
                }
            }
            if lower[j] == "," && j > stop { return nil }
            j += 1
        }
        return nil
    }

    func personInRun(_ range: Range<Int>) -> Bool { range.contains { personAt($0) != nil } }

    /// A capitalised word that is no role, rank or office: part of a name.
    func isNameWord(_ i: Int) -> Bool {
        isCapitalised(i) && isWord(i) && !on(i, [.roles, .titles, .roleParts, .openers, .clauseWords])
    }

    /// A single capital letter: an initial (`R.` in `Randy R. Murdoko`).
    func isInitial(_ i: Int) -> Bool { tokens[i].text.count == 1 && isCapitalised(i) }

    /// The demonstrative that ends a description of the speaker begun at `start` (`pemain yang kini
    /// memperkuat Persib Bandung itu`), when one ends it within a dozen words, before the sentence
    /// or a clause of place and time goes on.
    func describedUntil(from start: Int) -> Int? {
        var j = start
        while j < tokens.count && j < start + 12 {
            if j > start && (tokens[j].sentenceStart || tokens[j].paragraphStart) || isMark(j) || isSentenceEnd(j)
                || lower[j] == "," || on(j, .pronouns)
                || on(j, .clauseWords) && !["yang", "dengan", "di", "dari"].contains(lower[j])
            {
                return nil
            }
            if on(j, .demonstratives) && j > start {
                let next = j + 1
                // Not before a comma and a name: that is the speaker (`CEO … produk ini, Azar Talibzade`).
                let appositive = next + 1 < tokens.count && lower[next] == "," && isCapitalised(next + 1)
                let ends =
                    next >= tokens.count || isSentenceEnd(next) || lower[next] == "," && !appositive
                    || isMark(next) || tokens[next].sentenceStart || tokens[next].paragraphStart
                return ends ? j : nil
            }
            j += 1
        }
        return nil
    }

    /// The speaker's mention before a speech verb: `Budi mengatakan`, `Kapolres AKBP Budi pun
    /// mengatakan`, `Dia menjelaskan`, `wanita berusia 31 tahun itu menegaskan`.
    func speakerBefore(_ cue: Int, limit: Int) -> ClosedRange<Int>? {
        var end = cue - 1
        var skipped = 0
        while end >= limit && skipped < 3 && (on(end, .adverbs) || lower[end] == ",") {
            end -= 1
            skipped += 1
        }
        guard end >= limit else { return nil }
        if on(end, .pronouns) { return end...end }
        while end > limit && on(end, .demonstratives) { end -= 1 }
        var start = end
        var commas = 0
        while start >= limit {
            let word = lower[start]
            if mayName(start) {
                start -= 1
            } else if word == ")", start > limit,
                let open = stride(from: start - 1, through: max(limit, start - 6), by: -1).first(where: {
                    lower[$0] == "("
                })
            {
                start = open - 1
            } else if word == "," && start > limit && start < end && commas < 2 && isCapitalised(start - 1) {
                commas += 1
                start -= 1
            } else if word == "." && start > limit && on(start - 1, .titles) {
                start -= 1
            } else {
                break
            }
        }
        start += 1
        // `Di Washington, Menteri Luar Negeri AS, Antony Blinken mengatakan`: a sentence's opening
        // phrase is not the speaker.
        if start < end, on(start, .clauseWords) || on(start, .openers) {
            start = ((start + 1)...end).first { lower[$0] == "," }.map { $0 + 1 } ?? start + 1
        }
        while start <= end && [",", ".", ")"].contains(lower[start]) { start += 1 }
        guard start <= end,
            isCapitalised(start) || on(start, .roles)
                || on(start, .describing)
        else { return nil }
        return start...end
    }

    /// A mention split into the speaker's name and the role written beside it: the person the
    /// entity tagger finds in it (the last one), else the part after a comma (`Kepala Humas,
    /// Budi`), else the words after a rank (`Kombes Budi`), else the whole mention (`Kapolres`).
    func nameAndRole(_ mention: ClosedRange<Int>) -> (name: ClosedRange<Int>, role: String?) {
        var segments: [ClosedRange<Int>] = []
        var start = mention.lowerBound
        for i in mention where lower[i] == "," {
            if i > start { segments.append(start...(i - 1)) }
            start = i + 1
        }
        if start <= mention.upperBound { segments.append(start...mention.upperBound) }
        func role(before name: ClosedRange<Int>) -> String? {
            let text = trimmedRole(mention.lowerBound..<name.lowerBound)
            if !text.isEmpty { return text }
            // An appositive after the name: `Budi, Ketua RT`.
            guard name.upperBound < mention.upperBound else { return nil }
            let after = trimmedRole((name.upperBound + 1)..<(mention.upperBound + 1))
            return after.isEmpty ? nil : after
        }
        // The person named last, unless after `di` (`kata Rony Parulian di Studio Entek City, Daan
        // Mogot`: a place).
        let venue = mention.first { lower[$0] == "di" }
        let named = people.filter { mention.contains($0.lowerBound) }
        // A mention that opens with a name gives its role after it (`Hafid Hadeli, Wakil Direktur
        // Adira Finance`); one that opens with a lower-case role and a comma names the speaker after
        // the comma (`kakak Alyssa Daguise, Alexandra`).
        let opening = stripped(mention).lowerBound
        if let first = named.first, first.lowerBound == opening,
            !first.contains(where: { on($0, [.roles, .roleParts]) })
        {
            let name = stripped(first.lowerBound...min(first.upperBound, mention.upperBound))
            return (name, role(before: name))
        }
        if !isCapitalised(mention.lowerBound), segments.count > 1, let last = segments.last,
            isCapitalised(stripped(last).lowerBound)
        {
            let name = stripped(last)
            return (name, role(before: name))
        }
        if let person = named.last(where: { venue == nil || $0.lowerBound < venue! }) ?? named.last {
            let name = stripped(person.lowerBound...min(person.upperBound, mention.upperBound))
            return (name, role(before: name))
        }
        if segments.count > 1, let last = segments.last,
            isCapitalised(last.lowerBound) || on(last.lowerBound, .titles)
        {
            let name = stripped(last)
            return (name, role(before: name))
        }
        if let rank = mention.last(where: { on($0, .titles) && $0 < mention.upperBound }),
            rank > mention.lowerBound
        {
            let name = stripped(rank...mention.upperBound)
            return (name, role(before: name))
        }
        // `Menaker Hanif`, `Yuni (31) warga Cempaka Putih`: past the role words, the capitalised
        // words up to a parenthesis or a lower-case word.
        let notName: WordClass = [.roles, .titles, .roleParts]
        if let first = mention.first(where: { !on($0, notName) }), isCapitalised(first), isWord(first) {
            var last = first
            while last < mention.upperBound && isCapitalised(last + 1) && isWord(last + 1) && !on(last + 1, notName) {
                last += 1
            }
            if first > mention.lowerBound || last < mention.upperBound {
                let name = first...last
                return (name, role(before: name))
            }
        }
        return (stripped(mention), nil)
    }

    // MARK: Reported speech

    /// `Budi mengatakan, …`, `Budi mengatakan bahwa …`, `Menurut Budi, …` in sentences without
    /// quote marks.
    func reportedSpeech(outside quotes: [TokenQuote]) -> [TokenQuote] {
        var taken = [Bool](repeating: false, count: tokens.count)
        for quote in quotes {
            for part in quote.parts { for i in part { taken[i] = true } }
            if let cue = quote.cue { for i in cue { taken[i] = true } }
        }
        var found: [TokenQuote] = []
        var start = 0
        while start < tokens.count {
            var end = start
            while end + 1 < tokens.count && !tokens[end + 1].sentenceStart && !tokens[end + 1].paragraphStart {
                end += 1
            }
            // A quote's closing mark may begin the sentence after it (`…siapkan." Dia mengatakan …`).
            var first = start
            while first < end && taken[first] { first += 1 }
            if !(first...end).contains(where: { isMark($0) || taken[$0] }),
                let quote = reported(in: first...end)
            {
                found.append(quote)
            }
            start = end + 1
        }
        return found
    }

    func reported(in sentence: ClosedRange<Int>) -> TokenQuote? {
        var last = sentence.upperBound
        while last > sentence.lowerBound && !isWord(last) { last -= 1 }
        if lower[sentence.lowerBound] == "menurut", let mention = speakerAfter(sentence.lowerBound) {
            var comma = mention.upperBound + 1
            while comma < last && lower[comma] != "," { comma += 1 }
            guard comma + 1 < last, comma - mention.upperBound < 12 else { return nil }
            return TokenQuote(
                kind: .indirect, parts: [(comma + 1)...last], cue: sentence.lowerBound...sentence.lowerBound,
                mention: mention)
        }
        for c in sentence where c < sentence.lowerBound + 16 && on(c, .verbs) {
            guard let mention = speakerBefore(c, limit: sentence.lowerBound),
                mention.lowerBound == sentence.lowerBound
                    || [",", "-", "–", "—"].contains(lower[mention.lowerBound - 1])
            else { continue }
            var k = c + 1
            // `mengatakan kepada wartawan di Jakarta, Rabu (24/8), …`: after such a phrase the content
            // follows `bahwa` or the first comma; else it follows the verb.
            if k < last && (on(k, .clauseWords) || lower[k] == "," || lower[k] == ":") {
                while k < last && k < c + 14 && lower[k] != "," && lower[k] != "bahwa" { k += 1 }
                guard k < last, k < c + 14 else { return nil }
            }
            while k < last && [",", "bahwa", ":", ")"].contains(lower[k]) { k += 1 }
            guard last - k >= 3 else { return nil }
            return TokenQuote(kind: .indirect, parts: [k...last], cue: c...c, mention: mention)
        }
        return nil
    }

    // MARK: Resolving speakers

    /// Each quote's speaker: the name its mention stands for, with the role beside it; for `dia`
    /// and `-nya`, the speaker of the quote just before when nothing else came between, else the
    /// subject of the nearest sentence before that names a person; a quote without a cue goes on
    /// the words of the quote just before it, or has no speaker.
    func resolve(_ quotes: [TokenQuote]) -> [TokenQuote] {
        var result: [TokenQuote] = []
        var inQuote = [Bool](repeating: false, count: tokens.count)
        for quote in quotes where quote.kind == .direct {
            for part in quote.parts { for i in part { inQuote[i] = true } }
        }
        // People written as saying something: `Budi menjelaskan kasus itu masih diselidiki.`
        // People written as saying something (`Budi menjelaskan kasus itu masih diselidiki.`),
        // looked for once a pronoun needs them.
        var heardSpeakers: [(at: Int, name: String)]?
        func speakers() -> [(at: Int, name: String)] {
            if let heardSpeakers { return heardSpeakers }
            var found: [(at: Int, name: String)] = []
            for c in tokens.indices where on(c, .verbs) && !inQuote[c] {
                var start = c
                while start > 0 && !tokens[start].sentenceStart && !tokens[start].paragraphStart { start -= 1 }
                if let mention = speakerBefore(c, limit: start),
                    let person = people.last(where: { mention.contains($0.lowerBound) })
                {
                    found.append((c, fullest(stripped(person))))
                }
            }
            heardSpeakers = found
            return found
        }
        for var quote in quotes {
            let at = quote.parts[0].lowerBound
            let previous = result.last
            /// The previous quote's speaker when only its attribution lies between it and `index`.
            func continued(before index: Int) -> String? {
                guard let previous,
                    let end = [
                        previous.parts.last?.upperBound, previous.cue?.upperBound,
                        previous.mention?.upperBound,
                    ].compactMap({ $0 }).max(), end < index
                else { return nil }
                let between = (end + 1)..<index
                let narrative = between.count { isWord($0) && !inQuote[$0] }
                return narrative <= 2 ? previous.speaker : nil
            }
            /// Who `dia` or `-nya` at `index` is: the last one heard speaking in the few sentences
            /// before (a quote's speaker, or a person written as saying something), else the
            /// subject of the nearest sentence before that names a person.
            func pronoun(at index: Int) -> String? {
                if let said = continued(before: index) { return said }
                var heard = speakers().last { $0.at < index }
                if let previous, let speaker = previous.speaker,
                    let end = [previous.parts.last?.upperBound, previous.cue?.upperBound].compactMap({ $0 }).max(),
                    index > end, end > heard?.at ?? -1
                {
                    heard = (end, speaker)
                }
                if let heard, sentence[index] - sentence[heard.at] <= 3 { return heard.name }
                return subject(before: index, inQuote: inQuote)
            }
            if let mention = quote.mention {
                if mention.count == 1 && on(mention.lowerBound, .pronouns) {
                    quote.speaker = pronoun(at: min(at, mention.lowerBound))
                } else if mention.count > 1, on(mention.upperBound, .demonstratives),
                    !isCapitalised(mention.lowerBound) || on(mention.lowerBound, .roles)
                {
                    // `suami Mulan Jameela itu`: someone already named, described; the name inside is
                    // another's.
                    quote.speaker = pronoun(at: min(at, mention.lowerBound)) ?? text(mention)
                } else {
                    let (name, role) = nameAndRole(mention)
                    quote.mention = name
                    quote.role = role
                    if people.contains(where: { name.contains($0.lowerBound) }) || isName(name) {
                        quote.speaker = fullest(name)
                    } else if on(name.upperBound, .demonstratives) {
                        // `pelatih berusia 54 tahun itu`: a description of someone already named.
                        quote.speaker = pronoun(at: min(at, name.lowerBound)) ?? text(name)
                    } else if !isCapitalised(name.lowerBound) {
                        quote.speaker = text(name)
                    } else {
                        // `Presiden`, `Kapolres`: the person the text names with that role.
                        quote.speaker = person(withRole: name) ?? text(name)
                    }
                }
            } else if let cue = quote.cue {
                quote.speaker = pronoun(at: min(at, cue.lowerBound))
            } else {
                quote.speaker = continued(before: at)
            }
            result.append(quote)
        }
        return result
    }

    /// The person a pronoun before `index` stands for: the first person named, outside quotes, in
    /// the nearest sentence before it that names one (the sentence's subject, as Indonesian puts
    /// it first), in its fullest form.
    func subject(before index: Int, inQuote: [Bool]) -> String? {
        guard let last = people.last(where: { $0.upperBound < index && !inQuote[$0.lowerBound] }) else { return nil }
        var start = last.lowerBound
        while start > 0 && !tokens[start].sentenceStart && !tokens[start].paragraphStart { start -= 1 }
        let first = people.first { $0.lowerBound >= start && $0.upperBound < index && !inQuote[$0.lowerBound] } ?? last
        return fullest(stripped(first))
    }

    func text(_ range: ClosedRange<Int>) -> String {
        range.map { tokens[$0].text }.joined(separator: " ").replacingOccurrences(of: " ,", with: ",")
            .replacingOccurrences(of: " .", with: ".")
    }

    func trimmedRole(_ range: Range<Int>) -> String {
        var range = range
        // Ranks and honorifics end the role (`Kapolres AKBP` → `Kapolres`); offices are the role.
        while let last = range.last, [",", "."].contains(lower[last]) || on(last, .titles) && !on(last, .roles) {
            range = range.lowerBound..<last
        }
        return range.isEmpty ? "" : text(range.lowerBound...(range.upperBound - 1))
    }

    /// A name without the ranks and titles before it (`AKP Roland Manurung` → `Roland Manurung`).
    func stripped(_ range: ClosedRange<Int>) -> ClosedRange<Int> {
        // `Sumut Kombes Ferry Walintukan` (a role run into the name): the name follows the rank.
        var start = range.lowerBound
        if let rank = range.last(where: { on($0, .ranks) }), rank < range.upperBound {
            start = rank
        }
        while start < range.upperBound
            && (on(start, .titles) || lower[start] == "." || lower[start] == ",")
        {
            start += 1
        }
        return start...range.upperBound
    }

    /// Names a short form may stand for: the tagger's people first, then runs of capitalised words
    /// the tagger missed, each with its words; worked out once a text.
    func nameCandidates() -> [(range: ClosedRange<Int>, words: Set<String>)] {
        if let known = cache.candidates { return known }
        let candidates = (people.map(stripped) + names).filter { $0.count <= 5 && !inTitle($0.lowerBound) }.map {
            (range: $0, words: Set($0.map { lower[$0] }))
        }
        cache.candidates = candidates
        return candidates
    }

    /// The fullest form the text gives of a name: the longest person name that has all its words.
    func fullest(_ range: ClosedRange<Int>) -> String {
        let words = Set(range.map { lower[$0] }.filter { $0 != "." })
        var best = text(range)
        var bestCount = range.count
        for candidate in nameCandidates() where candidate.range.count > bestCount {
            if candidate.range.count <= range.count + 2 && words.isSubset(of: candidate.words) {
                best = text(candidate.range)
                bestCount = candidate.range.count
            }
        }
        return best
    }

}
