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
        do {
            return try files.loadMarks()
        } catch {
            FileHandle.standardError.write(Data("kabar: \(purpose) without read and starred marks: \(error)\n".utf8))
            return ReadingMarks()
        }
    }

    /// The notes; none, with a note on standard error, when they cannot be read.
    func notes(purpose: String) -> ArticleNotes {
        do {
            return try files.loadNotes()
        } catch {
            FileHandle.standardError.write(Data("kabar: \(purpose) without notes: \(error)\n".utf8))
            return ArticleNotes()
        }
    }

    /// The filter a query is answered with: `note:` narrows it to the files whose notes match.
    func filter(for query: SearchQuery?, _ filter: ArticleFilter) -> ArticleFilter {
        guard let query, !query.noteWords.isEmpty else { return filter }
        var narrowed = filter
        narrowed.paths = notes(purpose: "searching notes").paths(withWords: query.noteWords)
        return narrowed
    }
}
