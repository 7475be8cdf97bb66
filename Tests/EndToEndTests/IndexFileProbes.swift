import Foundation
import GRDB

/// How many articles an index file holds, read as another process sees it while kabar writes it;
/// nil while the file or its article table does not exist yet.
func indexedArticleCount(_ path: String) -> Int? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    var configuration = Configuration()
    configuration.readonly = true
    configuration.busyMode = .timeout(5)
    guard let database = try? DatabaseQueue(path: path, configuration: configuration) else { return nil }
    return try? database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM article") }
}

/// How far the two phases of indexing have got in an index file: the articles listed and
/// searchable by words (phase 1), and those of them whose names, quotes and stories are found
/// (phase 2); nil while there is no file or no table yet.
func indexedPhases(_ path: String) -> (words: Int, names: Int)? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    var configuration = Configuration()
    configuration.readonly = true
    configuration.busyMode = .timeout(5)
    guard let database = try? DatabaseQueue(path: path, configuration: configuration) else { return nil }
    return try? database.read { db in
        let words = try Int.fetchOne(db, sql: "SELECT count(*) FROM article") ?? 0
        let unnamed = try Int.fetchOne(db, sql: "SELECT count(*) FROM unnamed") ?? 0
        return (words, words - unnamed)
    }
}

/// The rows of the stories' table in an index file: one per article phase 2 has read.
func indexedStoryRows(_ path: String) -> Int? {
    var configuration = Configuration()
    configuration.readonly = true
    guard let database = try? DatabaseQueue(path: path, configuration: configuration) else { return nil }
    return try? database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM story_article") }
}

/// Holds an index file's write lock while `body` runs, as another writer would: kabar's writes to
/// it wait meanwhile (for up to its busy timeout, 10 s), so what it has written stays as it is.
func holdingWrites<T>(to path: String, _ body: () throws -> T) throws -> T {
    var configuration = Configuration()
    configuration.busyMode = .timeout(10)
    let database = try DatabaseQueue(path: path, configuration: configuration)
    return try database.inDatabase { db in
        try db.execute(sql: "BEGIN IMMEDIATE")
        defer { try? db.execute(sql: "ROLLBACK") }
        return try body()
    }
}

/// Polls until `condition` holds; false when `timeoutSeconds` pass first.
func waitUntil(timeoutSeconds: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeoutSeconds)
    while !condition() {
        guard Date() < deadline else { return false }
        usleep(10_000)
    }
    return true
}
