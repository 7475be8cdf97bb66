import Articles
import Library
import TerminalUI

/// How list rows show an article: date, outlet and title in fixed columns.
public enum ListLayout {
    static let dateWidth = 16
    static let outletWidth = 18
    /// The outlet column narrows down to this width to fit beside the title, else is left out.
    static let narrowestOutlet = 12
    /// The title keeps at least this many columns: the outlet column gives way first.
    static let minimumTitleWidth = 26

    /// The widths of the date, outlet (0 when left out) and title columns of a row.
    static func columns(width: Int) -> (date: Int, outlet: Int, title: Int) {
        let date = width >= 60 ? dateWidth : 10
        let room = width - 1 - date - 1 - 1 - minimumTitleWidth
        let outlet = room >= narrowestOutlet ? min(outletWidth, room) : 0
        let title = max(0, width - 1 - date - 1 - (outlet > 0 ? outlet + 1 : 0))
        return (date, outlet, title)
    }

    /// A date as lists show it: `2024-06-25 14:40`, or the day alone.
    public static func display(_ date: PublishedDate) -> String {
        guard let hour = date.hour, let minute = date.minute else { return date.isoDay }
        return date.isoDay + " " + (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    /// The headline, or the first words of the text where the page has none.
    public static func headline(of summary: ArticleSummary) -> (String, Role) {
        (summary.displayTitle, summary.hasHeadline ? .listTitle : .dim)
    }

    /// One row of the list, `width` columns wide.
    /// Unread titles are drawn in the `list.unread` role; a star marks starred articles.
    public static func row(
        _ summary: ArticleSummary, width: Int, selected: Bool, read: Bool = true, starred: Bool = false
    ) -> StyledLine {
        let mark = starred ? "*" : " "
        let (dateWidth, outletWidth, titleWidth) = columns(width: width)
        // Narrow rows show the day alone rather than a cut time.
        let date = summary.published.map { dateWidth < Self.dateWidth ? $0.isoDay : display($0) } ?? "—"
        let outlet = summary.outlet ?? "—"
        let (title, titleRole) = headline(of: summary)
        // How many other outlets carry the article's story.
        let others = summary.storyOutlets > 1 ? "+\(summary.storyOutlets - 1) " : ""
        if selected {
            var text = mark + date.padded(toWidth: dateWidth) + " "
            if outletWidth > 0 { text += outlet.padded(toWidth: outletWidth) + " " }
            text += (others + title).padded(toWidth: titleWidth)
            return StyledLine(text.padded(toWidth: width), role: .listSelected)
        }
        var line = StyledLine(mark, role: .listStar)
        line.append(date.padded(toWidth: dateWidth) + " ", role: summary.published == nil ? .dim : .listDate)
        if outletWidth > 0 {
            line.append(outlet.padded(toWidth: outletWidth) + " ", role: summary.outlet == nil ? .dim : .listOutlet)
        }
        line.append(others, role: .listStar)
        line.append(
            title.truncated(toWidth: max(0, titleWidth - DisplayWidth.of(others))),
            role: read || titleRole == .dim ? titleRole : .listUnread)
        return line
    }

    /// The column header above the list.
    public static func header(width: Int) -> StyledLine {
        let (dateWidth, outletWidth, _) = columns(width: width)
        var text = " " + "Date".padded(toWidth: dateWidth) + " "
        if outletWidth > 0 { text += "Outlet".padded(toWidth: outletWidth) + " " }
        text += "Title"
        return StyledLine(text.truncated(toWidth: width), role: .heading)
    }
}
