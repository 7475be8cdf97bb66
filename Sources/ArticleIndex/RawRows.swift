import GRDB
import GRDBSQLite
import Stories

/// A row of a statement stepped with SQLite's own column functions: for the queries that read
/// many small rows (story grouping), where GRDB's rows cost more than the reading. Valid only
/// inside the `forEachRawRow` call that gives it.
struct RawRow {
    let statement: OpaquePointer

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

    /// The column's integer, or nil when it is NULL.
    func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }

    /// The column's text, or nil when it is NULL.
    func optionalText(_ column: Int32) -> String? {
        guard !isNull(column) else { return nil }
        guard let text = sqlite3_column_text(statement, column) else { return "" }
        return String(
            decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column))),
            as: UTF8.self)
    }

    /// Story features decoded from the column's bytes where SQLite holds them, not copied first.
    func storyFeatures(_ column: Int32) -> StoryFeatures {
        let bytes = sqlite3_column_blob(statement, column)
        let count = Int(sqlite3_column_bytes(statement, column))
        return StoryFeatures(stored: UnsafeRawBufferPointer(start: bytes, count: bytes == nil ? 0 : count))
    }
}

extension Statement {
    /// Steps the statement with `arguments` (integers, one for each of its parameters, bound
    /// straight to it) through its rows, handing each to `body`; resets it after, however it
    /// ends. Meant for statements used only so: GRDB's own record of their arguments is left
    /// as it was.
    func forEachRawRow(_ arguments: [Int64] = [], _ body: (RawRow) throws -> Void) throws {
        let handle = sqliteStatement
        sqlite3_reset(handle)
        guard sqlite3_bind_parameter_count(handle) == Int32(arguments.count) else {
            throw DatabaseError(
                resultCode: .SQLITE_MISUSE,
                message: "\(arguments.count) arguments for \(sqlite3_bind_parameter_count(handle)) parameters", sql: sql
            )
        }
        for (index, value) in arguments.enumerated() {
            let code = sqlite3_bind_int64(handle, Int32(index + 1), value)
            guard code == SQLITE_OK else { throw error(code, handle) }
        }
        defer { sqlite3_reset(handle) }
        while true {
            switch sqlite3_step(handle) {
            case SQLITE_ROW: try body(RawRow(statement: handle))
            case SQLITE_DONE: return
            case let code: throw error(code, handle)
            }
        }
    }

    private func error(_ code: Int32, _ handle: OpaquePointer) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))),
            sql: sql)
    }
}
