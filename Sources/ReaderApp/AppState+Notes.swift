import Foundation
import Library
import Search
import TerminalUI

/// The Notes view's state: every note, newest first, with its article found once checked.
public struct NotesList: Hashable, Sendable {
    public var selection = 0
    /// For each note of `AppState.notesNewestFirst`, once checked.
    public var checks: [NoteCheck]?
    public var request: Int
    /// Enter was pressed before the articles were found: the chosen one opens when they are.
    public var opensWhenChecked = false

    public init(request: Int) { self.request = request }
}

/// A note's article (its id, nil when the file is no longer in the index) and whether its passage
/// is no longer in the article's text.
public struct NoteCheck: Hashable, Sendable {
    public var article: Int64?
    public var isOrphaned: Bool

    public init(article: Int64?, isOrphaned: Bool) {
        self.article = article
        self.isOrphaned = isOrphaned
    }
}

/// Notes and highlights: `V` chooses lines, `i` attaches a note to them (or to the current match,
/// or to the paragraph at the top), `'` lists every note.
extension AppState {
    /// Every note, the latest written first (one not saved yet counts as the latest).
    var notesNewestFirst: [ArticleNote] {
        notes.notes.enumerated().sorted {
            let (a, b) = (
                $0.element.written.isEmpty ? "~" : $0.element.written,
                $1.element.written.isEmpty ? "~" : $1.element.written
            )
            return a != b ? a > b : $0.offset > $1.offset
        }.map(\.element)
    }

    /// The filter a query is answered with: `note:` words narrow it to the files whose notes have them.
    func filter(for query: SearchQuery?, _ base: ArticleFilter) -> ArticleFilter {
        notes.narrowing(base, for: query)
    }

    /// The open article's note passages found in its text, for highlighting.
    mutating func refreshNoteRanges() {
        guard var detail else { return }
        let ranges = notes.notes(on: detail.article.summary.path).compactMap { $0.range(in: detail.article.body) }
        guard ranges != detail.noteRanges else { return }
        detail.noteRanges = ranges
        self.detail = detail
        relayoutDetail()
    }

    // MARK: - Choosing a passage

    /// `V`: starts choosing lines at the top line of the article's text in view.
    mutating func startLineSelection() -> [Effect] {
        guard var detail, !detail.showsRawPage else {
            message = "Open an article (and leave the raw page) to choose lines for a note."
            return []
        }
        guard let first = detail.bodyLines.first(where: { $0.line >= detail.scroll }) ?? detail.bodyLines.last else {
            message = "This article has no text to note."
            return []
        }
        detail.selection = LineSelection(anchor: first.line, cursor: first.line)
        self.detail = detail
        message = "Choose lines: j k extend · i or Enter attaches a note · Esc cancels"
        return []
    }

    /// Keys while lines are being chosen.
    mutating func handleLineSelection(_ key: KeyPress, _ selection: LineSelection) -> [Effect] {
        guard var detail else { return [] }
        let action = keymap.action(for: key)
        var moved = selection
        switch action {
        case .moveDown: moved.cursor = min(detail.lines.count - 1, selection.cursor + 1)
        case .moveUp: moved.cursor = max(0, selection.cursor - 1)
        case .pageDown: moved.cursor = min(detail.lines.count - 1, selection.cursor + max(1, detailRows - 1))
        case .pageUp: moved.cursor = max(0, selection.cursor - max(1, detailRows - 1))
        case .back:
            detail.selection = nil
            self.detail = detail
            message = nil
            return []
        case .open, .note:
            detail.selection = nil
            self.detail = detail
            guard let passage = passage(in: selection.lines) else {
                message = "The lines chosen hold none of the article's text."
                return []
            }
            return askForNote(on: passage)
        default:
            return []
        }
        detail.selection = moved
        // The cursor stays in view.
        if moved.cursor < detail.scroll { detail.scroll = moved.cursor }
        if moved.cursor >= detail.scroll + detailRows { detail.scroll = moved.cursor - detailRows + 1 }
        self.detail = detail
        return []
    }

    /// The article's text on the drawn lines `lines`, from the first body line among them to the
    /// end of the last; nil when they hold no body text.
    func passage(in lines: ClosedRange<Int>) -> String? {
        guard let detail else { return nil }
        let body = detail.article.body
        let starts = detail.bodyLines
        guard let first = starts.firstIndex(where: { lines.contains($0.line) }) else { return nil }
        let last = starts.lastIndex { lines.contains($0.line) } ?? first
        let start = starts[first].offset
        let end = last + 1 < starts.count ? starts[last + 1].offset : body.utf8.count
        return Self.text(of: body, bytes: start..<end)
    }

    /// A body's text between UTF-8 offsets, trimmed of spaces and line breaks; nil when empty.
    static func text(of body: String, bytes: Range<Int>) -> String? {
        let utf8 = Array(body.utf8)
        let clamped = max(0, min(bytes.lowerBound, utf8.count))..<max(0, min(bytes.upperBound, utf8.count))
        let text = String(decoding: utf8[clamped], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// `i` in the article: a note on the lines chosen, else on the current match or mention, else
    /// on the paragraph at the top of the view.
    mutating func noteHere() -> [Effect] {
        guard let detail, pane == .article || detail.selection != nil else {
            message = "Open an article to note a passage of it."
            return []
        }
        if let range = detail.focusRange, let passage = Self.text(of: detail.article.body, bytes: range) {
            return askForNote(on: passage)
        }
        guard let top = detail.bodyLines.first(where: { $0.line >= detail.scroll }) else {
            message = "This article has no text to note."
            return []
        }
        let body = detail.article.body
        let bytes = Array(body.utf8)
        var start = top.offset
        while start > 0 && bytes[start - 1] != 0x0A { start -= 1 }
        var end = top.offset
        while end < bytes.count && bytes[end] != 0x0A { end += 1 }
        guard let passage = Self.text(of: body, bytes: start..<end) else { return [] }
        return askForNote(on: passage)
    }

    mutating func askForNote(on passage: String) -> [Effect] {
        guard let path = detail?.article.summary.path else { return [] }
        let existing = notes.notes(on: path).first { $0.passage == passage }
        overlay = .notePrompt(input: LineInput(text: existing?.text ?? ""), passage: passage)
        return []
    }

    mutating func handle(_ key: KeyPress, inNotePrompt input: LineInput, passage: String) -> [Effect] {
        if let edited = input.edited(with: key) {
            overlay = .notePrompt(input: edited, passage: passage)
            return []
        }
        switch key {
        case .escape:
            overlay = nil
        case .enter:
            overlay = nil
            guard let summary = detail?.article.summary else { return [] }
            notes.save(
                ArticleNote(
                    path: summary.path, passage: passage, text: input.value, title: summary.displayTitle, written: ""))
            refreshNoteRanges()
            guard keepsNotes else {
                message = "Noted for this session only: the notes file could not be read, so it is left alone"
                return []
            }
            message = input.value.isEmpty ? "Passage highlighted (' lists notes)" : "Note kept (' lists notes)"
            return [.saveNotes(notes)]
        default:
            break
        }
        return []
    }

    // MARK: - The Notes view

    mutating func showNotes() -> [Effect] {
        notesRequest += 1
        overlay = .notes(NotesList(request: notesRequest))
        return [.checkNotes(notesNewestFirst, request: notesRequest)]
    }

    mutating func handle(_ key: KeyPress, inNotes list: NotesList) -> [Effect] {
        var list = list
        let listed = notesNewestFirst
        let action = keymap.action(for: key)
        if let next = Self.moved(list.selection, by: action, count: listed.count) {
            list.selection = next
            overlay = .notes(list)
            return []
        }
        if key == .character("D") || key == .delete {
            guard listed.indices.contains(list.selection) else { return [] }
            notes.remove(listed[list.selection])
            list.checks?.remove(at: list.selection)
            list.selection = min(list.selection, max(0, listed.count - 2))
            overlay = .notes(list)
            message = "Note removed"
            refreshNoteRanges()
            return keepsNotes ? [.saveNotes(notes)] : []
        }
        switch action {
        case .open:
            return openChosenNote(list)
        case .back, .notesView, .quit:
            overlay = nil
        default:
            break
        }
        return []
    }

    /// Opens the chosen note's article at its passage, once the notes' articles are found.
    mutating func openChosenNote(_ list: NotesList) -> [Effect] {
        var list = list
        let listed = notesNewestFirst
        guard listed.indices.contains(list.selection) else { return [] }
        guard let checks = list.checks else {
            list.opensWhenChecked = true
            overlay = .notes(list)
            return []
        }
        guard let id = checks[safe: list.selection]?.article else {
            message = "That file is no longer in the store."
            return []
        }
        overlay = nil
        let effects = open(id, query: nil, from: pane == .article ? articleOpenedFrom : pane)
        pendingPassage = listed[list.selection].passage
        return effects
    }

    mutating func receiveNotes(_ message: Message) -> [Effect] {
        switch message {
        case .notesSaved(let saved):
            // The times given on saving; notes changed meanwhile stay as they are now.
            for note in saved.notes {
                if let current = notes.notes.first(where: { $0.path == note.path && $0.passage == note.passage }),
                    current.written.isEmpty, current.text == note.text
                {
                    notes.save(note)
                }
            }
        case .notesChecked(let checks, let request):
            guard case .notes(var list) = overlay, list.request == request else { return [] }
            list.checks = checks
            let opens = list.opensWhenChecked
            list.opensWhenChecked = false
            overlay = .notes(list)
            if opens { return openChosenNote(list) }
        default:
            break
        }
        return []
    }

    /// The index changed under the Notes view: its articles are found again.
    mutating func recheckNotes() -> [Effect] {
        guard case .notes(var list) = overlay else { return [] }
        notesRequest += 1
        list.request = notesRequest
        overlay = .notes(list)
        return [.checkNotes(notesNewestFirst, request: notesRequest)]
    }
}
