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
