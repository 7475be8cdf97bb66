import Entities
import Library
import Research
import TerminalUI

/// Who is in the news: the people, organisations and places named in the most articles of a
/// view, each with a sparkline over the view's days; for a chosen one, those named most often in
/// the same articles.
public struct EntitiesTableState: Hashable, Sendable {
    /// The view in words (`the list`, `“putin”`, `story …`) and the view itself.
    public var subject: String
    public var view: ArticleView
    /// The entity whose companions are shown; nil for the view's own table.
    public var cooccurring: NamedEntity?
    /// The tables shown before, with the row chosen in each, to go back to with `←`.
    public var trail: [TrailStep] = []

    public struct TrailStep: Hashable, Sendable {
        public var cooccurring: NamedEntity?
        public var selection: Int
    }
    public var rows: [EntityCount]?
    public var selection = 0
    public var request: Int

    /// Rows asked for at most.
    public static let limit = 50

    public init(subject: String, view: ArticleView, request: Int) {
        self.subject = subject
        self.view = view
        self.request = request
    }

    /// The first and last day any row has, the span every sparkline is drawn over.
    public var span: (first: String, last: String)? {
        let days = (rows ?? []).flatMap { $0.days.map(\.day) }
        guard let first = days.min(), let last = days.max() else { return nil }
        return (first, last)
    }

    enum Outcome: Equatable {
        case stay, close
        /// The table to load again (another entity's companions, or back).
        case reload
        /// Search the store for the articles naming this entity.
        case search(String)
    }

    mutating func handle(_ key: KeyPress, action: Action?) -> Outcome {
        let count = rows?.count ?? 0
        if let next = AppState.moved(selection, by: action, count: count) {
            selection = next
            return .stay
        }
        switch key {
        case .right, .character("l"):
            guard let rows, rows.indices.contains(selection) else { return .stay }
            trail.append(TrailStep(cooccurring: cooccurring, selection: selection))
            let row = rows[selection]
            cooccurring = NamedEntity(kind: row.kind, name: row.name, mentions: 0)
            self.rows = nil
            selection = 0
            return .reload
        case .left, .character("h"):
            guard let previous = trail.popLast() else { return .close }
            cooccurring = previous.cooccurring
            rows = nil
            selection = previous.selection
            return .reload
        case .enter:
            guard let rows, rows.indices.contains(selection) else { return .stay }
            let row = rows[selection]
            return .search(AppState.query(naming: row.kind, row.name))
        default:
            if action == .back || action == .whoIsInTheNews || action == .quit || key == .escape { return .close }
            return .stay
        }
    }
}

/// Draws the entity table: kind, name, articles and a sparkline per row.
enum EntitiesTableView {
    static func draw(_ table: EntitiesTableState, into canvas: inout Canvas) {
        let area = canvas.bounds.droppingTop(1).droppingBottom(1)
        let rect = area.centered(width: min(area.width, 100), height: area.height)
        let title =
            table.cooccurring.map { "Named with \($0.name) in \(table.subject)" } ?? "Who is in \(table.subject)"
        ReaderView.box(&canvas, rect, title: title)
        let inner = rect.inset(by: 1)
        guard inner.height >= 3, inner.width >= 30 else { return }
        canvas.write(
            " Enter searches for it · → names in the same articles · ← back · Esc", x: inner.x, y: inner.maxY - 1,
            role: .dim, maxX: inner.maxX)
        guard let rows = table.rows else {
            canvas.write(" counting…", x: inner.x, y: inner.y, role: .dim, maxX: inner.maxX)
            return
        }
        guard !rows.isEmpty else {
            canvas.write(" No names in these articles.", x: inner.x, y: inner.y, role: .dim, maxX: inner.maxX)
            return
        }
        let sparkWidth = min(24, max(8, inner.width / 4))
        let span = table.span
        if let span {
            canvas.write(
                " \(span.first) … \(span.last), articles per stretch of days", x: inner.x, y: inner.y, role: .dim,
                maxX: inner.maxX)
        }
        let listed = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 2)
        let top = max(0, min(table.selection - listed.height + 1, rows.count - listed.height))
        let nameWidth = max(10, inner.width - sparkWidth - 24)
        for row in 0..<listed.height where rows.indices.contains(top + row) {
            let index = top + row
            let entity = rows[index]
            let selected = index == table.selection
            var line = StyledLine(" ", role: selected ? .listSelected : .text)
            line.append(entity.kind.label.padded(toWidth: 13), role: selected ? .listSelected : .dim)
            line.append(
                entity.name.replacingNewlines().truncated(toWidth: nameWidth - 1).padded(toWidth: nameWidth),
                role: selected ? .listSelected : Highlighter.role(for: entity.kind))
            let count = String(entity.articles)
            line.append(
                String(repeating: " ", count: max(0, 7 - count.count)) + count + "  ",
                role: selected ? .listSelected : .listDate)
            if let span {
                line.append(
                    Timeline.sparkline(
                        Timeline.buckets(entity.days, first: span.first, last: span.last, count: sparkWidth)),
                    role: selected ? .listSelected : .chart)
            }
            canvas.write(line, x: listed.x, y: listed.y + row, maxX: listed.maxX)
        }
    }
}
