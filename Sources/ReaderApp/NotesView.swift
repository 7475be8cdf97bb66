import TerminalUI

/// Draws every note of the store, newest first: its article and when it was written, then the
/// passage and the note; a note whose passage is gone from its article says so.
enum NotesView {
    static func draw(_ state: AppState, _ list: NotesList, into canvas: inout Canvas) {
        let notes = state.notesNewestFirst
        let area = canvas.bounds.droppingTop(1).droppingBottom(1)
        let rect = area.centered(width: min(area.width, 110), height: min(area.height, max(1, notes.count) * 2 + 4))
        ReaderView.box(
            &canvas, rect,
            title: notes.isEmpty ? "No notes" : "\(notes.count) note\(notes.count == 1 ? "" : "s"), newest first")
        let inner = rect.inset(by: 1)
        guard inner.height >= 2 else { return }
        if notes.isEmpty {
            canvas.write(
                " In an article, V chooses lines and i attaches a note (i alone notes the paragraph at the top).",
                x: inner.x, y: inner.y, role: .dim, maxX: inner.maxX)
        }
        let rows = max(0, (inner.height - 2) / 2)
        let top = max(0, min(list.selection - rows + 1, notes.count - rows))
        for row in 0..<rows where notes.indices.contains(top + row) {
            let index = top + row
            let note = notes[index]
            let selected = index == list.selection
            let y = inner.y + row * 2
            var head = StyledLine(" ", role: selected ? .listSelected : .text)
            head.append(
                note.written.replacingOccurrences(of: "T", with: " ") + "  ", role: selected ? .listSelected : .listDate
            )
            if let check = list.checks?[safe: index], check.isOrphaned {
                head.append(
                    check.article == nil ? "(file gone) " : "(passage no longer in the article) ",
                    role: selected ? .listSelected : .error)
            }
            head.append(note.title.replacingNewlines(), role: selected ? .listSelected : .listTitle)
            canvas.write(head, x: inner.x, y: y, maxX: inner.maxX)
            var body = StyledLine("   “", role: .dim)
            body.append(note.passage.replacingNewlines().truncated(toWidth: max(8, inner.width / 2)), role: .highlight)
            body.append("” ", role: .dim)
            body.append(note.text.replacingNewlines(), role: .text)
            canvas.write(body, x: inner.x, y: y + 1, maxX: inner.maxX)
        }
        canvas.write(
            " Enter opens the article at the passage · D removes the note · note:WORDS searches notes · Esc",
            x: inner.x, y: inner.maxY - 1, role: .dim, maxX: inner.maxX)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
