import ArticleIndex
import Foundation
import Library
import ReaderApp
import Search
import StateFiles

/// The reader's state kept for a store (marks, notes), as commands for scripts read it.
struct UserState {
    let files: ReadingStateFiles

    init(store root: URL, environment: [String: String] = ProcessInfo.processInfo.environment) {
        files = ReadingStateFiles(
            marks: IndexLocation.readingStateURL(forStore: root, environment: environment),
            theme: IndexLocation.themeStateURL(environment: environment))
    }

    /// The marks; none, with a note on standard error, when they cannot be read.
    func marks(purpose: String) -> ReadingMarks {
        Self.kept(files.loadMarks, or: "\(purpose) without read and starred marks")
    }

    /// The notes; none, with a note on standard error, when they cannot be read.
    func notes(purpose: String) -> ArticleNotes { Self.kept(files.loadNotes, or: "\(purpose) without notes") }

    /// What a state file keeps; nothing, with `fallback` and the reason on standard error, when
    /// it cannot be read.
    static func kept<Contents: StateFileContents>(_ load: () throws -> Contents, or fallback: String) -> Contents {
        do {
            return try load()
        } catch {
            FileHandle.standardError.write(Data("kabar: \(fallback): \(error)\n".utf8))
            return Contents()
        }
    }

    /// The filter a query is answered with: `note:` narrows it to the files whose notes match.
    func filter(for query: SearchQuery?, _ filter: ArticleFilter) -> ArticleFilter {
        guard let query, !query.noteWords.isEmpty else { return filter }
        return notes(purpose: "searching notes").narrowing(filter, for: query)
    }
}
