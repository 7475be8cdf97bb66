import Foundation
import Library
import Search

/// A passage of an article the user marked, with what they wrote about it. It belongs to the file
/// (its path in the store) and the passage's words, not to the index: it survives rebuilding the
/// index and the passage moving within the file; when the passage is gone from the article the
/// note is kept and shown as orphaned.
public struct ArticleNote: Hashable, Sendable {
    public var path: String
    /// The marked text, as the article's cleaned text has it.
    public var passage: String
    /// What the user wrote; empty for a passage only highlighted.
    public var text: String
    /// The article's title when the note was made, to name it in the Notes view.
    public var title: String
    /// When the note was made or last changed: `YYYY-MM-DDTHH:MM` in UTC.
    public var written: String

    public init(path: String, passage: String, text: String, title: String, written: String) {
        self.path = path
        self.passage = passage
        self.text = text
        self.title = title
        self.written = written
    }

    /// Where the passage is in a cleaned text, as UTF-8 offsets; nil when it is not there.
    public func range(in body: String) -> Range<Int>? { Self.range(of: passage, in: body) }

    /// Where a passage first is in a cleaned text, as UTF-8 offsets; nil when it is not there.
    public static func range(of passage: String, in body: String) -> Range<Int>? {
        guard let found = body.range(of: passage) else { return nil }
        let start = body.utf8.distance(from: body.utf8.startIndex, to: found.lowerBound)
        return start..<(start + passage.utf8.count)
    }

    /// `YYYY-MM-DDTHH:MM` in UTC for a moment.
    public static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return
            "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))T\(pad(parts.hour, 2)):\(pad(parts.minute, 2))"
    }
}

/// The notes of one store, oldest first, with the file format kabar keeps them in.
public struct ArticleNotes: Hashable, Sendable {
    public private(set) var notes: [ArticleNote] = []
    public private(set) var problems: [StateFileProblem] = []

    public init(_ notes: [ArticleNote] = []) { self.notes = notes }

    /// The notes on one file, in the order they were made.
    public func notes(on path: String) -> [ArticleNote] { notes.filter { $0.path == path } }

    /// Keeps a note; one on the same passage of the same file is replaced where it was.
    public mutating func save(_ note: ArticleNote) {
        if let index = notes.firstIndex(where: { $0.path == note.path && $0.passage == note.passage }) {
            notes[index] = note
        } else {
            notes.append(note)
        }
    }

    public mutating func remove(_ note: ArticleNote) {
        notes.removeAll { $0.path == note.path && $0.passage == note.passage }
    }

    /// The files with a note whose text or passage has all these folded words.
    public func paths(withWords words: [String]) -> Set<String> {
        Set(
            notes.filter { note in
                let folded = Set(SearchQuery.foldedWords(in: note.text + " " + note.passage).map(\.word))
                return words.allSatisfy(folded.contains)
            }.map(\.path))
    }

    /// The filter a query is answered with: its `note:` words narrow the filter to the files whose
    /// notes have them all (within the files it names already, if any).
    public func narrowing(_ filter: ArticleFilter, for query: SearchQuery?) -> ArticleFilter {
        guard let query, !query.noteWords.isEmpty else { return filter }
        var narrowed = filter
        let paths = paths(withWords: query.noteWords)
        narrowed.paths = filter.paths.map { $0.intersection(paths) } ?? paths
        return narrowed
    }

    /// A saved search with its `note:` words answered from these notes.
    public func resolving(_ search: SavedSearch) -> SavedSearch {
        let query = SearchQuery(search.query)
        var resolved = search
        resolved.filter = narrowing(search.filter, for: query.isEmpty ? nil : query)
        return resolved
    }

    static let header = "# kabar notes 1"

    /// A header line, then one note per line: `path<TAB>passage<TAB>note<TAB>title<TAB>written`,
    /// backslash, tab, newline and carriage return written `\\`, `\t`, `\n` and `\r`.
    public var serialized: String {
        var lines = [Self.header]
        for note in notes {
            lines.append(
                [note.path, note.passage, note.text, note.title, note.written].map(StateFileText.escape)
                    .joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public init(parsing text: String) {
        var problems: [StateFileProblem] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(StateFileText.unescape)
            guard fields.count == 5, let path = fields[0], !path.isEmpty, let passage = fields[1], !passage.isEmpty,
                let note = fields[2], let title = fields[3], let written = fields[4]
            else {
                problems.append(
                    StateFileProblem(
                        line: index + 1,
                        reason: "expected a path, a passage, a note, a title and a time, separated by tabs"))
                continue
            }
            save(ArticleNote(path: path, passage: passage, text: note, title: title, written: written))
        }
        self.problems = problems
    }
}
