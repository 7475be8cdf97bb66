import Dispatch
import Foundation
import Library
import Synchronization

/// Writes articles of a library in an export format, a batch at a time: their metadata, cleaned
/// text (read from the store on every core), names and the user's marks.
public struct Exporter: Sendable {
    public let library: any ArticleLibrary
    /// Whether the user has read and starred an article, by its path in the store.
    public let marks: @Sendable (String) -> (read: Bool, starred: Bool)
    /// The user's notes on an article, by its path in the store.
    public let notes: @Sendable (String) -> [ExportNote]
    /// The store's folder, to give each file's full path.
    public let storeRoot: URL?
    public let writer: ExportWriter

    public init(
        library: any ArticleLibrary, storeRoot: URL?, writer: ExportWriter,
        marks: @escaping @Sendable (String) -> (read: Bool, starred: Bool) = { _ in (false, false) },
        notes: @escaping @Sendable (String) -> [ExportNote] = { _ in [] }
    ) {
        self.library = library
        self.storeRoot = storeRoot
        self.writer = writer
        self.marks = marks
        self.notes = notes
    }

    /// Articles read and written at a time: enough that a library can share the work of reading
    /// them (the outlets' page templates), few enough to keep memory small.
    public static let batchSize = 1024

    /// The export was stopped before its end; nothing of it was kept.
    public struct Cancelled: Error {
        public init() {}
    }

    /// The records of `ids`, in order, handed to `write` batch by batch; `progress` hears how many
    /// are done after each. Stops with `Cancelled` when `isCancelled` says so between batches.
    public func export(
        ids: [Int64], write: (String) throws -> Void, progress: (Int, Int) -> Void = { _, _ in },
        isCancelled: () -> Bool = { false }
    ) throws {
        try write(writer.header(count: ids.count))
        var done = 0
        for start in stride(from: 0, to: ids.count, by: Self.batchSize) {
            if isCancelled() { throw Cancelled() }
            let batch = Array(ids[start..<min(ids.count, start + Self.batchSize)])
            let summaries = try library.summaries(ids: batch)
            let entities = try library.entities(ofArticles: batch)
            // Articles whose file cannot be read now are exported with what the index knows.
            let texts = try library.bodies(ids: batch)
            // The records written out on every core, then joined in order.
            let written = Mutex([String](repeating: "", count: summaries.count))
            DispatchQueue.concurrentPerform(iterations: summaries.count) { index in
                let summary = summaries[index]
                let (read, starred) = marks(summary.path)
                let record = ExportRecord(
                    summary: summary, file: file(of: summary), body: texts[summary.id] ?? "",
                    entities: entities[summary.id] ?? [], isRead: read, isStarred: starred, notes: notes(summary.path))
                let text = writer.text(of: record)
                written.withLock { $0[index] = text }
            }
            try write(written.withLock { $0.joined() })
            done += batch.count
            progress(done, ids.count)
        }
    }

    public func file(of summary: ArticleSummary) -> String {
        guard let storeRoot, !summary.path.hasPrefix("/") else { return summary.path }
        return storeRoot.appendingPathComponent(summary.path).path
    }
}
