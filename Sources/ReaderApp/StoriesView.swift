import Articles
import Library
import TerminalUI

/// Draws the Stories pane: the list of stories, a story's articles, or two articles compared.
public enum StoriesView {
    /// From this width on, compared articles stand side by side; below it, one above the other.
    public static let sideBySideWidth = 100

    static func draw(_ state: AppState, in area: Rect, into canvas: inout Canvas) {
        if let comparison = state.stories.comparison {
            drawComparison(comparison, in: area, into: &canvas)
        } else if let open = state.stories.open {
            drawStory(open, state: state, in: area, into: &canvas)
        } else {
            drawList(state, in: area, into: &canvas)
        }
    }

    /// `2024-06-19..06-25`, or one day.
    static func span(_ first: PublishedDate?, _ last: PublishedDate?) -> String {
        guard let first, let last else { return "—" }
        if first.isoDay == last.isoDay { return first.isoDay }
        let end = first.year == last.year ? String(last.isoDay.dropFirst(5)) : last.isoDay
        return first.isoDay + ".." + end
    }

    static func drawList(_ state: AppState, in area: Rect, into canvas: inout Canvas) {
        let stories = state.stories
        let minimum = stories.minimumOutlets
        var header = " Stories of \(minimum)+ outlet\(minimum == 1 ? "" : "s")"
        if let query = stories.loadedQuery { header += " matching “\(query.text)”" }
        if !stories.isLoading { header += " · \(stories.list.count)" }
        header += " · Enter opens · +/- outlets"
        canvas.write(StyledLine(header.truncated(toWidth: area.width), role: .heading), x: area.x, y: area.y)
        let rows = area.droppingTop(1)
        guard !stories.list.isEmpty else {
            let text =
                stories.isLoading
                ? "Loading stories…"
                : state.filter.isEmpty && stories.loadedQuery == nil
                    ? "No story of \(minimum) or more outlets: no two articles here report the same event."
                    : "No story of \(minimum) or more outlets passes the filter and the search; c clears the filter."
            canvas.write(" " + text, x: rows.x, y: rows.y, role: .dim, maxX: rows.maxX)
            return
        }
        let spanWidth = 17
        let wide = rows.width >= 100
        for row in 0..<rows.height {
            let index = stories.top + row
            guard stories.list.indices.contains(index) else { break }
            guard let story = stories.list[index] else {
                // A row whose page is on its way.
                canvas.write(
                    StyledLine(
                        " …".padded(toWidth: rows.width), role: index == stories.selection ? .listSelected : .dim),
                    x: rows.x, y: rows.y + row, maxX: rows.maxX)
                continue
            }
            let counts =
                wide
                ? "\(story.outletCount) outlets \(story.articleCount) articles".padded(toWidth: 22)
                : "\(story.outletCount)o \(story.articleCount)a".padded(toWidth: 8)
            let lead = " " + span(story.first, story.last).padded(toWidth: spanWidth) + " " + counts + " "
            // The headline first; the names keep at least a third of the room when they need it.
            let room = max(0, rows.width - DisplayWidth.of(lead))
            var names = story.names.isEmpty ? "" : " · " + story.names.joined(separator: ", ")
            let headline = story.headline.truncated(
                toWidth: max(0, room - min(DisplayWidth.of(names), room / 3)))
            names = names.truncated(toWidth: max(0, room - DisplayWidth.of(headline)))
            if index == stories.selection {
                canvas.write(
                    StyledLine((lead + headline + names).padded(toWidth: rows.width), role: .listSelected),
                    x: rows.x, y: rows.y + row, maxX: rows.maxX)
                continue
            }
            var line = StyledLine(lead, role: .listDate)
            line.append(headline, role: .listTitle)
            line.append(names, role: .dim)
            canvas.write(line.truncated(toWidth: rows.width), x: rows.x, y: rows.y + row)
        }
    }

    static func drawStory(_ open: OpenStory, state: AppState, in area: Rect, into canvas: inout Canvas) {
        let outlets = Set(open.articles.map { $0.outlet ?? "" }).count
        let header =
            " Story of \(outlets) outlet\(outlets == 1 ? "" : "s"), \(open.articles.count) articles (C compares two): "
            + open.headline
        canvas.write(StyledLine(header.truncated(toWidth: area.width), role: .heading), x: area.x, y: area.y)
        let rows = area.droppingTop(1)
        let all = open.rows
        for row in 0..<rows.height {
            let index = open.top + row
            guard all.indices.contains(index) else { break }
            let (article, isCopy) = all[index]
            var summary = article
            // The count of other outlets says nothing here: every row is the same story.
            summary.storyOutlets = 0
            if isCopy { summary.title = "⤷ copy: " + summary.displayTitle }
            let line = ListLayout.row(
                summary, width: rows.width, selected: index == open.selection, read: state.marks.isRead(article.path),
                starred: state.marks.isStarred(article.path))
            canvas.write(line, x: rows.x, y: rows.y + row, maxX: rows.maxX)
            // The article chosen to be compared.
            if open.marked == article.id { canvas.write("◆", x: rows.x, y: rows.y + row, role: .searchHit) }
        }
    }

    /// A compared article's header: outlet, date and headline.
    static func label(_ summary: ArticleSummary) -> String {
        (summary.outlet ?? "outlet not named") + ", " + (summary.published.map(ListLayout.display) ?? "undated")
            + ": " + summary.displayTitle
    }

    /// The comparison laid out for a width: side by side when wide, else one sentence under another.
    /// Sentences only one article has are drawn in the `search.hit` role.
    public static func comparisonLines(_ comparison: ComparisonState, width: Int) -> [StyledLine] {
        var lines: [StyledLine] = []
        if width >= sideBySideWidth {
            let column = (width - 3) / 2
            func wrap(_ text: String?, unique: Bool) -> [StyledLine] {
                guard let text else { return [] }
                return StyledLine(text, role: unique ? .searchHit : .text).wrapped(toWidth: column)
            }
            for row in comparison.rows {
                let left = wrap(row.left, unique: row.isUnique)
                let right = wrap(row.right, unique: row.isUnique)
                for index in 0..<max(left.count, right.count) {
                    var line = index < left.count ? left[index] : StyledLine("")
                    line.append(String(repeating: " ", count: max(0, column - line.displayWidth)))
                    line.append(" │ ", role: .border)
                    if index < right.count { for run in right[index].runs { line.append(run.text, role: run.role) } }
                    lines.append(line)
                }
                lines.append(StyledLine(""))
            }
        } else {
            // The second article's label: the header line holds only the first's.
            lines += StyledLine(" > " + label(comparison.right), role: .heading).wrapped(toWidth: width)
            for row in comparison.rows {
                switch (row.left, row.right) {
                case (let left?, let right?):
                    lines += StyledLine("= " + left).wrapped(toWidth: width)
                    if left != right { lines += StyledLine("~ " + right, role: .dim).wrapped(toWidth: width) }
                case (let left?, nil): lines += StyledLine("< " + left, role: .searchHit).wrapped(toWidth: width)
                case (nil, let right?): lines += StyledLine("> " + right, role: .searchHit).wrapped(toWidth: width)
                case (nil, nil): break
                }
            }
            lines.append(StyledLine(""))
        }
        for (mark, names) in [("< only: ", comparison.leftNames), ("> only: ", comparison.rightNames)] {
            var line = StyledLine(mark, role: .metaLabel)
            line.append(names.isEmpty ? "no name the other lacks" : names.joined(separator: ", "), role: .entityPerson)
            lines += line.wrapped(toWidth: width)
        }
        return lines
    }

    static func drawComparison(_ comparison: ComparisonState, in area: Rect, into canvas: inout Canvas) {
        var header = StyledLine(" < " + label(comparison.left), role: .heading)
        if area.width >= sideBySideWidth {
            header = StyledLine((" < " + label(comparison.left)).padded(toWidth: (area.width - 3) / 2), role: .heading)
            header.append(" │ > " + label(comparison.right), role: .heading)
        }
        canvas.write(header.truncated(toWidth: area.width), x: area.x, y: area.y)
        let lines = comparisonLines(comparison, width: area.width)
        let rows = area.droppingTop(1)
        for row in 0..<rows.height {
            let index = comparison.scroll + row
            guard lines.indices.contains(index) else { break }
            canvas.write(lines[index], x: rows.x, y: rows.y + row, maxX: rows.maxX)
        }
    }
}
