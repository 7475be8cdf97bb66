import Foundation
import GRDB
import GRDBSQLite
import Stories
import Testing

@testable import ArticleIndex

@Suite("Raw rows: story grouping's queries stepped with SQLite's own column functions")
struct RawRowTests {
    static func database() throws -> DatabaseQueue {
        let database = try DatabaseQueue()
        try database.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE item(id INTEGER PRIMARY KEY, name TEXT, size INTEGER, features BLOB);
                    INSERT INTO item VALUES (1, 'satu', 10, NULL), (2, NULL, NULL, x'01'), (3, '', -7, x'');
                    INSERT INTO item VALUES (4, 'empat ✓' || char(9) || 'baris', 9223372036854775807, NULL);
                    """)
        }
        return database
    }

    @Test("numbers, NULLs, texts of any kind and the arguments bound come through as stored")
    func values() throws {
        let database = try Self.database()
        var seen: [(Int64, String?, Int64?)] = []
        try database.read { db in
            try db.makeStatement(sql: "SELECT id, name, size FROM item WHERE id >= ? ORDER BY id").forEachRawRow([2]) {
                seen.append(($0.int64(0), $0.optionalText(1), $0.optionalInt64(2)))
            }
        }
        #expect(seen.map(\.0) == [2, 3, 4])
        #expect(seen.map(\.1) == [nil, "", "empat ✓\tbaris"])
        #expect(seen.map(\.2) == [nil, -7, Int64.max])
    }

    @Test("story features read where SQLite holds them are those stored; bytes that are none read as none")
    func features() throws {
        let database = try Self.database()
        let features = StoryFeatures(
            title: "Putin dan Kim Jong Un Teken Pakta Pertahanan di Pyongyang",
            body: "Presiden Rusia Vladimir Putin dan pemimpin Korea Utara Kim Jong Un menandatangani pakta.")
        #expect(!features.words.isEmpty)
        try database.write { db in
            try db.execute(sql: "UPDATE item SET features = ? WHERE id = 1", arguments: [features.encoded()])
        }
        var read: [StoryFeatures] = []
        try database.read { db in
            try db.makeStatement(sql: "SELECT features FROM item ORDER BY id").forEachRawRow {
                read.append($0.storyFeatures(0))
            }
        }
        let none = StoryFeatures(words: [], weights: [], titleDays: [])
        #expect(read == [features, none, none, none])
        #expect(features.encoded().withUnsafeBytes { StoryFeatures(encoded: $0) } == features)
    }

    @Test("a statement is reset however stepping ends: run again, it starts from its first row")
    func reset() throws {
        let database = try Self.database()
        struct Stop: Error {}
        try database.read { db in
            let statement = try db.cachedStatement(sql: "SELECT id FROM item ORDER BY id")
            var first: [Int64] = []
            #expect(throws: Stop.self) {
                try statement.forEachRawRow {
                    first.append($0.int64(0))
                    if first.count == 2 { throw Stop() }
                }
            }
            #expect(first == [1, 2])
            // Not left in the middle of its rows (which would hold its read open).
            #expect(sqlite3_stmt_busy(statement.sqliteStatement) == 0)
            var again: [Int64] = []
            try statement.forEachRawRow { again.append($0.int64(0)) }
            #expect(again == [1, 2, 3, 4])
        }
    }

    @Test("an error while stepping is thrown with SQLite's message, not taken for the end of the rows")
    func stepError() throws {
        let database = try Self.database()
        try database.read { db in
            var rows = 0
            let overflow = try db.makeStatement(sql: "SELECT abs(-9223372036854775807 - 1)")
            do {
                try overflow.forEachRawRow { _ in rows += 1 }
                Issue.record("an overflow should throw")
            } catch let error as DatabaseError {
                #expect(error.message?.contains("integer overflow") == true)
            }
            #expect(rows == 0)
            // Arguments are bound to every parameter, or the statement is not run.
            let two = try db.makeStatement(sql: "SELECT id FROM item WHERE id BETWEEN ? AND ?")
            #expect(throws: DatabaseError.self) { try two.forEachRawRow([1]) { _ in rows += 1 } }
            #expect(throws: DatabaseError.self) { try two.forEachRawRow([1, 2, 3]) { _ in rows += 1 } }
            #expect(rows == 0)
            try two.forEachRawRow([2, 3]) { _ in rows += 1 }
            #expect(rows == 2)
        }
    }
}
