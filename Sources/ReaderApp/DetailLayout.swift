import Entities
import Library
import Search
import TerminalUI

/// Lays out an open article as lines for the article pane.
public enum DetailLayout {
    /// The article's lines at a given pane width: header, body with highlights, boilerplate.
    public static func lines(for detail: DetailState, width: Int) -> [StyledLine] {
        let textWidth = max(1, width - 2)
        let article = detail.article
        let summary = article.summary
        var lines: [StyledLine] = []
        func indent(_ wrapped: [StyledLine]) -> [StyledLine] {
            wrapped.map { StyledLine([StyledRun(" ")] + $0.runs) }
        }

        if let title = summary.title {
            lines += indent(StyledLine(title, role: .title).wrapped(toWidth: textWidth))
        } else {
            lines += indent(StyledLine("(the page has no headline)", role: .dim).wrapped(toWidth: textWidth))
        }
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
        lines.append(StyledLine(String(repeating: "─", count: max(0, width)), role: .border))

        let matches = detail.query?.matches(in: article.body) ?? []
        var offset = 0
        var first = true
        for paragraph in article.body.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { offset += paragraph.utf8.count + 1 }
            if paragraph.allSatisfy({ $0 == " " }) { continue }
            if !first { lines.append("") }
            first = false
            let styled = Highlighter.styled(paragraph, baseOffset: offset, entities: article.entities, matches: matches)
            lines += indent(styled.wrapped(toWidth: textWidth))
        }

        lines.append("")
        let removed = article.boilerplate
        if detail.showsBoilerplate {
            lines += indent(
                StyledLine("Removed as boilerplate (\(removed.count) lines)", role: .heading).wrapped(
                    toWidth: textWidth))
            for line in removed {
                let styled = StyledLine([
                    StyledRun("\(line.number)".padded(toWidth: 4), role: .dim),
                    StyledRun(line.kind.label.padded(toWidth: 15), role: .dim),
                    StyledRun(line.text, role: .boilerplate),
                ])
                lines += indent(styled.wrapped(toWidth: textWidth))
            }
        } else if !removed.isEmpty {
            lines += indent(
                StyledLine("\(removed.count) lines removed as boilerplate (x shows them)", role: .dim)
                    .wrapped(toWidth: textWidth))
        }
        return lines
    }
}
