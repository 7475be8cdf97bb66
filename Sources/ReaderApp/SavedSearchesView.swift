import Library
import TerminalUI

/// Draws the saved searches: name, what they search, their matches now and how many are new
/// since they were last opened.
enum SavedSearchesView {
    static func draw(_ state: AppState, _ list: SavedSearchesList, into canvas: inout Canvas) {
        let searches = state.savedSearches.searches
        let area = canvas.bounds.droppingTop(1).droppingBottom(1)
        let rect = area.centered(width: min(area.width, 100), height: min(area.height, max(1, searches.count) + 4))
        let title = searches.isEmpty ? "No saved searches" : "Saved searches (\(searches.count))"
        ReaderView.box(&canvas, rect, title: title)
        let inner = rect.inset(by: 1)
        guard inner.height >= 2 else { return }
        if searches.isEmpty {
            canvas.write(
                " Search (/) or filter (o, d), then S saves it under a name.", x: inner.x, y: inner.y, role: .dim,
                maxX: inner.maxX)
        }
        let rows = max(0, inner.height - 2)
        let top = max(0, min(list.selection - rows + 1, searches.count - rows))
        let countWidth = 30
        let nameWidth = min(28, max(10, inner.width / 3))
        for row in 0..<rows where searches.indices.contains(top + row) {
            let index = top + row
            let search = searches[index]
            let selected = index == list.selection
            var line = StyledLine(" ", role: selected ? .listSelected : .text)
            line.append(
                search.name.replacingNewlines().truncated(toWidth: nameWidth - 1).padded(toWidth: nameWidth),
                role: selected ? .listSelected : .listTitle)
            let what = [search.query, search.filter.summary].filter { !$0.isEmpty }.joined(separator: " · ")
            let whatWidth = max(1, inner.width - nameWidth - countWidth - 2)
            line.append(
                what.replacingNewlines().truncated(toWidth: whatWidth - 1).padded(toWidth: whatWidth),
                role: selected ? .listSelected : .dim)
            var counted = "counting…"
            if let counts = list.counts, counts.indices.contains(index) {
                let now = counts[index]
                let new = max(0, now.matches - search.seenCount)
                counted = "\(now.matches) · \(now.unread) unread" + (new > 0 ? " · \(new) new" : "")
            }
            let text = String(repeating: " ", count: max(0, countWidth - DisplayWidth.of(counted))) + counted
            line.append(text, role: selected ? .listSelected : .listDate)
            canvas.write(line, x: inner.x, y: inner.y + row, maxX: inner.maxX)
        }
        canvas.write(
            " Enter runs it · D removes it · unread: not marked read · new: since last run · Esc", x: inner.x,
            y: inner.maxY - 1, role: .dim, maxX: inner.maxX)
    }
}
