import Foundation
import ReaderApp

/// The reading state in files of kabar's state folder, never in the store: per store, a file of
/// marks, one of saved searches, one of the search prompt's history and one of notes; and one file
/// naming the theme last chosen with `t`.
public struct ReadingStateFiles: ReadingStateStore {
    /// The store's marks, in the format of `ReadingMarks.serialized`.
    public let marksURL: URL
    /// The theme's name on one line.
    public let themeURL: URL
    /// The store's saved searches (`SavedSearches.serialized`) and search history
    /// (`SearchHistory.serialized`): files of the same name as the marks' in the folders `searches`
    /// and `history` beside the marks' folder.
    public let searchesURL: URL
    public let historyURL: URL
    /// The store's notes (`ArticleNotes.serialized`), in the folder `notes`.
    public let notesURL: URL

    public init(marks: URL, theme: URL) {
        marksURL = marks
        themeURL = theme
        let stateFolder = marks.deletingLastPathComponent().deletingLastPathComponent()
        searchesURL = stateFolder.appendingPathComponent("searches").appendingPathComponent(marks.lastPathComponent)
        historyURL = stateFolder.appendingPathComponent("history").appendingPathComponent(marks.lastPathComponent)
        notesURL = stateFolder.appendingPathComponent("notes").appendingPathComponent(marks.lastPathComponent)
    }

    /// The marks in the file; none when it does not exist yet. Throws when the file is not UTF-8 or
    /// has a line that is not a mark.
    public func loadMarks() throws -> ReadingMarks { try load(marksURL) }

    /// Writes the marks, replacing the file at once (a crash leaves the old file or the new one).
    public func saveMarks(_ marks: ReadingMarks) throws {
        try write(marks.serialized, to: marksURL)
    }

    /// The saved searches in the file; none when it does not exist yet. Throws, naming the line,
    /// when the file cannot be read in full (saving over it would lose searches).
    public func loadSearches() throws -> SavedSearches { try load(searchesURL) }

    public func saveSearches(_ searches: SavedSearches) throws {
        try write(searches.serialized, to: searchesURL)
    }

    public func loadHistory() throws -> SearchHistory { try load(historyURL) }

    public func saveHistory(_ history: SearchHistory) throws {
        try write(history.serialized, to: historyURL)
    }

    public func loadNotes() throws -> ArticleNotes { try load(notesURL) }

    public func saveNotes(_ notes: ArticleNotes) throws {
        try write(notes.serialized, to: notesURL)
    }

    /// A state file's contents; empty when the file does not exist. Throws when it is not UTF-8 or
    /// has a line that cannot be read: saving would drop that line, so the caller must leave such a
    /// file alone.
    private func load<Contents: StateFileContents>(_ url: URL) throws -> Contents {
        guard FileManager.default.fileExists(atPath: url.path) else { return Contents() }
        guard let text = String(data: try Data(contentsOf: url), encoding: .utf8) else {
            throw FileError(url: url, reason: "not UTF-8 text")
        }
        let contents = Contents(parsing: text)
        if let problem = contents.firstProblem { throw FileError(url: url, reason: problem) }
        return contents
    }

    public func rememberedTheme() -> String? {
        guard let text = try? String(contentsOf: themeURL, encoding: .utf8) else { return nil }
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return name.isEmpty ? nil : name
    }

    public func rememberTheme(_ name: String) throws {
        try write(name + "\n", to: themeURL)
    }

    private func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .atomic)
    }

    /// A state file that could not be read, with the reason.
    public struct FileError: Error, CustomStringConvertible {
        public var url: URL
        public var reason: String
        public var description: String { "\(url.path): \(reason)" }
    }
}
