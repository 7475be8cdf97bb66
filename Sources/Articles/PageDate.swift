/// Picking the publication date among the lines of a whole page.
///
/// A page holds many dates: the site header's date of the day it was saved, the article's own
/// stamp by its headline, an update stamp, bylines, and the stamps of every headline in a list of
/// latest news. The article's stamp is the one that sits with the headline, between it and the lede.
extension ArticleExtractor {
    /// A line that may date the page, and the date it gives.
    struct DateEvidence: Equatable {
        var index: Int
        var date: PublishedDate
        /// The line calls its date an update (`Diperbarui …`), not the publication.
        var isUpdate: Bool
        /// The line opens with its date and goes on with other words (`29 Mei 2025 Nama Rubrik 0`):
        /// the stamp of a headline, but only the page's own when it sits by the page's headline.
        var isOpeningStamp = false
    }

    /// Words that introduce the writer or the editor on a byline: `Oleh …`, `Reporter : …`.
    static let bylineWords: Set<String> = [
        "oleh", "by", "reporter", "editor", "penulis", "pewarta", "redaktur", "penyunting", "kontributor",
        "wartawan", "author", "writer",
    ]

    /// The date a line gives the page, when the line is a date line or a byline with a date:
    /// `Sabtu, 10 Des 2022 07:16 WIB`, `Kompas.com - 28/05/2025, 13:30 WIB`,
    /// `Oleh Nama Penulis pada 23 Jan 2021, 13:30 WIB`, `NEWS | 10 Juni 2021 18:50 Reporter : Nama`.
    /// A sentence that mentions a date (an event's) does not date the page. `text` is a line's
    /// words without the markup a scraper kept (`LineFacts.trimmed`).
    /// `known` is the first date of `text` when it has been looked for already (`.some(nil)`: none).
    static func dateEvidence(
        in text: String, known: DateScanner.Match?? = nil
    ) -> (match: DateScanner.Match, isOpeningStamp: Bool)? {
        // Counted on the bytes in ASCII text, where each character is one byte (elsewhere a
        // combining mark may join a space to the next letter): most prose lines stop here.
        let isASCII = text.isASCIIText
        let wordCount =
            isASCII
            ? wordCount(text, upTo: 26) : text.split(whereSeparator: { $0 == " " || $0 == "\t" }).count
        guard (1...25).contains(wordCount) else { return nil }
        let found: DateScanner.Match?
        if let known { found = known } else { found = DateScanner.firstMatch(in: text) }
        guard let match = found else { return nil }
        if let last = text.last, ".!?\"”".contains(last), wordCount >= 6 { return nil }
        if match.otherWords <= 3 { return (match, false) }
        guard match.otherWords <= 10 else { return nil }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        let isByline = words.contains { word in
            bylineWords.contains(String(word.lowercased().filter(\.isLetter)))
        }
        if isByline { return (match, false) }
        return opensWithDate(text) ? (match, true) : nil
    }

    /// The number of words between spaces and tabs, counted up to `limit`.
    static func wordCount(_ text: String, upTo limit: Int) -> Int {
        var count = 0
        var inWord = false
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x09 {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
                if count >= limit { return count }
            }
        }
        return count
    }

    /// Whether the line's first words are a date (after a weekday, say), with others after it.
    static func opensWithDate(_ text: String) -> Bool {
        let tokens = DateScanner.tokens(of: text)
        var start = 0
        while start < tokens.count {
            switch tokens[start] {
            case .symbol: start += 1
            case .word(let word) where DateScanner.vocabulary.contains(word): start += 1
            default: return DateScanner.date(in: tokens, at: start) != nil
            }
        }
        return false
    }

    /// Every line of the page that may date it, in page order; stamps of a list of other articles
    /// (three or more dated lines, each pair with other lines between and few lines apart) left out.
    /// `known` holds each line's first date where it has been looked for already (see
    /// `dateEvidence(in:known:)`).
    static func dateEvidence(
        lines: [LabelledLine], facts: [LineFacts], known: [DateScanner.Match??]? = nil
    ) -> [DateEvidence] {
        var found: [DateEvidence] = []
        for i in lines.indices where lines[i].kind != .blank && lines[i].kind != .metadata {
            // A quick test first: every date has a digit.
            guard facts[i].trimmed.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { continue }
            let cached: DateScanner.Match??
            if let known { cached = known[i] } else { cached = nil }
            if let (match, isOpeningStamp) = dateEvidence(in: facts[i].trimmed, known: cached) {
                found.append(
                    DateEvidence(
                        index: i, date: match.date, isUpdate: match.isUpdateStamp, isOpeningStamp: isOpeningStamp))
            }
        }
        return withoutListStamps(found, lines: lines)
    }

    /// Leaves out runs of dated list items: three or more dates whose lines are at most
    /// `listStampGap` non-blank lines apart, each pair with another line between them (a headline).
    /// Dates on adjacent lines (a stamp and its update) are the header's, not a list's.
    static func withoutListStamps(_ evidence: [DateEvidence], lines: [LabelledLine]) -> [DateEvidence] {
        guard evidence.count >= 3 else { return evidence }
        func linesBetween(_ a: Int, _ b: Int) -> Int {
            (a + 1..<b).count(where: { lines[$0].kind != .blank })
        }
        var kept: [DateEvidence] = []
        var run: [DateEvidence] = []
        func closeRun() {
            if run.count < 3 { kept += run }
            run = []
        }
        for item in evidence {
            if let last = run.last {
                let between = linesBetween(last.index, item.index)
                if !(1...listStampGap).contains(between) { closeRun() }
            }
            run.append(item)
        }
        closeRun()
        return kept
    }

    /// The most lines between two stamps of one list of other articles (a headline, a section
    /// name, a teaser).
    static let listStampGap = 4

    /// The page's publication date among its date lines: the one between the headline and the
    /// lede, the earliest there (publication comes before updates and the day the page was
    /// saved); else the one nearest to them, above before below.
    static func publicationDate(
        among evidence: [DateEvidence], title: Int?, firstBody: Int?
    ) -> PublishedDate? {
        headlineDate(among: evidence, title: title, firstBody: firstBody)
            ?? nearestDate(among: evidence, title: title, firstBody: firstBody)
    }

    /// The date between the headline and the lede, the earliest there.
    static func headlineDate(among evidence: [DateEvidence], title: Int?, firstBody: Int?) -> PublishedDate? {
        guard let anchor = title ?? firstBody else { return nil }
        let end = max(anchor, firstBody ?? anchor)
        let header = evidence.filter { (anchor...end).contains($0.index) }
        let published = header.filter { !$0.isUpdate }
        return earliest(published.isEmpty ? header : published)
    }

    /// Without a date between the headline and the lede, the one nearest to them.
    static func nearestDate(
        among evidence: [DateEvidence], title: Int?, firstBody: Int?
    ) -> PublishedDate? {
        guard let anchor = title ?? firstBody else {
            let evidence = evidence.filter { !$0.isOpeningStamp }
            return (evidence.first { !$0.isUpdate } ?? (evidence.count == 1 ? evidence.first : nil))?.date
        }
        let end = max(anchor, firstBody ?? anchor)
        let evidence = evidence.filter { !$0.isOpeningStamp }
        guard !evidence.isEmpty else { return nil }
        // Below the article's start counts double: a page's stamp sits above its text.
        func distance(_ item: DateEvidence) -> Int {
            item.index < anchor ? anchor - item.index : 2 * (item.index - end)
        }
        let published = evidence.filter { !$0.isUpdate }
        return (published.isEmpty ? evidence : published).min { distance($0) < distance($1) }?.date
    }

    /// The earliest day among the dates, with its time when one of that day's dates gives one.
    static func earliest(_ evidence: [DateEvidence]) -> PublishedDate? {
        guard let day = evidence.map(\.date.isoDay).min() else { return nil }
        let sameDay = evidence.filter { $0.date.isoDay == day }
        return (sameDay.first { $0.date.hour != nil } ?? sameDay.first)?.date
    }
}
