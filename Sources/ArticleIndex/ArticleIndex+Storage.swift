import Articles
import Foundation
import GRDB
import Library

extension ArticleIndex {
    /// Opens (creating if needed) the index at `url`; when it cannot be kept there, an index in
    /// memory of the same store, built again on every start. `notes` tell the user what that took:
    /// a damaged file moved aside, or why the index is kept in memory.
    public static func openKeepingStore(url: URL, store: URL, extractor: ArticleExtractor = ArticleExtractor())
        throws -> (ArticleIndex, notes: [String])
    {
        do {
            let index = try ArticleIndex(url: url, store: store, extractor: extractor)
            return (index, index.recoveryNote.map { [$0] } ?? [])
        } catch {
            let note = "cannot keep the index at \(url.path) (\(error.message)); using one in memory for this session"
            return (try ArticleIndex(store: store, extractor: extractor), [note])
        }
    }

    /// Brings the index up to date. When the disk under it stops taking writes (a full disk, a
    /// cache that went read-only), tells `fallingBack` why and reads the store into an index in
    /// memory instead, which it returns.
    public func updateKeepingStore(
        full: Bool = false, waiting: () -> Void = {}, fallingBack: (String) -> Void,
        progress: (IndexProgress) -> Void = { _ in }
    ) throws -> (ArticleIndex, UpdateReport) {
        do {
            return (self, try update(full: full, waiting: waiting, progress: progress))
        } catch let error as IndexStorageError where url != nil && error.allowsIndexInMemory {
            fallingBack("cannot write the index (\(error.message)); using one in memory for this session")
            let memory = try ArticleIndex(store: scanner.root, extractor: extractor)
            return (memory, try memory.update(full: true, progress: progress))
        }
    }
}

extension Database {
    /// Runs a statement kept prepared between calls (`cachedStatement`): for the statements an
    /// update runs once a file or an article, which SQLite would otherwise parse every time.
    func run(_ sql: String, _ arguments: StatementArguments) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
