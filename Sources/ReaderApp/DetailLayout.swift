import Articles
import Entities
import Library
import Quotes
import Search
import TerminalUI

/// Lays out an open article as lines for the article pane.
public enum DetailLayout {
    /// Columns of the raw page's margin: line number and kind.
    static let rawMarginWidth = 20
    /// Below this confidence the line model's judgement of a line is marked `?` in the raw page.
    static let unsureConfidence: Float = 0.8

    /// The page line by line as the file has it: body lines as text, stripped lines dimmed with
    /// their kind in the margin.
    static func rawPage(_ article: StoredArticle, matches: [Range<Int>], width: Int) -> [StyledLine] {
        var lines: [StyledLine] = []
        let textWidth = max(1, width - rawMarginWidth - 1)
        var highlights = Highlights(entities: article.entities, matches: matches)
        for (line, bodyOffset) in article.rawLines {
            let styled: StyledLine
            if let bodyOffset {
                let (entities, matches) = highlights.touching(bodyOffset..<(bodyOffset + line.text.utf8.count))
                styled = Highlighter.styled(
                    Substring(line.text), baseOffset: bodyOffset, entities: entities, matches: matches)
            } else {
                styled = StyledLine(line.text, role: .boilerplate)
            }
            for (index, wrapped) in styled.wrapped(toWidth: textWidth).enumerated() {
                var margin = StyledLine(" ")
                if index == 0 {
                    margin.append(String(line.number).padded(toWidth: 5), role: .dim)
                    let unsure = line.confidence.map { $0 < unsureConfidence } ?? false
                    let kind = (line.kind == .body ? "" : line.kind.label) + (unsure ? "?" : "")
                    margin.append(
                        kind.padded(toWidth: rawMarginWidth - 6), role: line.kind == .body ? .dim : .metaLabel)
                } else {
                    margin.append(String(repeating: " ", count: rawMarginWidth - 1), role: .dim)
                }
                margin.append("│", role: .border)
                lines.append(StyledLine(margin.runs + wrapped.runs))
            }
        }
        return lines
    }

    /// The article's lines at a given pane width: header, body with highlights, boilerplate.
    public static func lines(for detail: DetailState, width: Int) -> [StyledLine] {
        layout(for: detail, width: width).lines
    }

    /// The lines, and where body text starts on them.
    public static func layout(for detail: DetailState, width: Int) -> (lines: [StyledLine], bodyLines: [BodyLine]) {
        let textWidth = max(1, width - 2)
        let article = detail.article
        let summary = article.summary
        var lines: [StyledLine] = []
        func indent(_ wrapped: [StyledLine]) -> [StyledLine] {
            wrapped.map { StyledLine([StyledRun(" ")] + $0.runs) }
        }

        // The same title as the list's: the headline, else the body's first words, dimmed.
        let (title, role) = ListLayout.headline(of: summary)
        lines += indent(StyledLine(title, role: summary.hasHeadline ? .title : role).wrapped(toWidth: textWidth))
        lines.append("")
        func meta(_ label: String, _ value: String, role: Role = .metaValue) {
            var line = StyledLine(label.padded(toWidth: 8), role: .metaLabel)
            line.append(value, role: role)
            lines += indent(line.wrapped(toWidth: textWidth))
        }
        meta("Outlet", summary.outlet ?? "not named in the text", role: summary.outlet == nil ? .dim : .metaValue)
        meta(
            "Date", summary.published.map(ListLayout.display) ?? "no publication date in the text",
            role: summary.published == nil ? .dim : .metaValue)
        meta("File", summary.path)
        if let url = summary.url { meta("Web", url) }
        lines.append(StyledLine(String(repeating: "─", count: max(0, width)), role: .border))

        let matches = (detail.query?.matches(in: article.body) ?? []) + detail.findMatches
        if detail.showsRawPage {
            lines += rawPage(article, matches: matches, width: width)
            return (lines, [])
        }
        var bodyLines: [BodyLine] = []
        var highlights = Highlights(entities: article.entities, matches: matches)
        let quoted = article.quotes.filter { $0.kind == .direct }.flatMap(\.parts)
        var offset = 0
        var first = true
        for paragraph in article.body.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { offset += paragraph.utf8.count + 1 }
            if paragraph.allSatisfy({ $0 == " " }) { continue }
            if !first { lines.append("") }
            first = false
            let (entities, paragraphMatches) = highlights.touching(offset..<(offset + paragraph.utf8.count))
            let styled = Highlighter.styled(
                paragraph, baseOffset: offset, entities: entities, matches: paragraphMatches,
                focus: detail.focusRange, quotes: quoted, marked: detail.noteRanges)
            // Each wrapped line is the paragraph's text from some point on, less the spaces at the break.
            var cursor = paragraph.startIndex
            for wrapped in styled.wrapped(toWidth: textWidth) {
                let text = wrapped.text
                if !text.isEmpty, let found = paragraph[cursor...].range(of: text) {
                    bodyLines.append(
                        BodyLine(
                            line: lines.count,
                            offset: offset + paragraph.utf8.distance(from: paragraph.startIndex, to: found.lowerBound)))
                    cursor = found.upperBound
                }
                lines += indent([wrapped])
            }
        }

        lines.append("")
        if article.isTruncated {
            lines += indent(
                StyledLine(
                    "The file is longer than \(ArticleContents.byteLimit >> 20) MiB: only its beginning was read.",
                    role: .error
                ).wrapped(toWidth: textWidth))
        }
        let stripped = article.strippedLines.count
        if stripped > 0 {
            lines += indent(
                StyledLine("\(stripped) lines stripped from the page (r shows the raw page)", role: .dim)
                    .wrapped(toWidth: textWidth))
        }
        return (lines, bodyLines)
    }
}

/// An article's entities and matches in order, handed out a paragraph at a time: the cursors only
/// move forward, so laying out a long article does not compare every paragraph with every range.
struct Highlights {
    private let entities: [EntitySpan]
    private let matches: [Range<Int>]
    private var firstEntity = 0
    private var firstMatch = 0

    init(entities: [EntitySpan], matches: [Range<Int>]) {
        self.entities = entities.sorted { $0.start < $1.start }
        self.matches = matches.sorted { $0.lowerBound < $1.lowerBound }
    }

    /// The entities and matches that may touch `bytes`; asked for in increasing order.
    mutating func touching(_ bytes: Range<Int>) -> ([EntitySpan], [Range<Int>]) {
        while firstEntity < entities.count && entities[firstEntity].end <= bytes.lowerBound { firstEntity += 1 }
        while firstMatch < matches.count && matches[firstMatch].upperBound <= bytes.lowerBound { firstMatch += 1 }
        var entityEnd = firstEntity
        while entityEnd < entities.count && entities[entityEnd].start < bytes.upperBound { entityEnd += 1 }
        var matchEnd = firstMatch
        while matchEnd < matches.count && matches[matchEnd].lowerBound < bytes.upperBound { matchEnd += 1 }
        return (Array(entities[firstEntity..<entityEnd]), Array(matches[firstMatch..<matchEnd]))
    }
}
