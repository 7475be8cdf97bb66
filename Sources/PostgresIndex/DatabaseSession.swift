import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// What went wrong with the team index, in words that name the database without its password.
public struct TeamIndexError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }

    /// A server's error, or a connection's, said plainly.
    static func from(_ error: any Error, address: DatabaseAddress) -> TeamIndexError {
        if let error = error as? TeamIndexError { return error }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let detail = error.serverInfo?[.detail].map { " (\($0))" } ?? ""
                return TeamIndexError("\(address): \(message)\(detail)")
            }
            switch error.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .unexpectedBackendMessage:
                return TeamIndexError("\(address): the connection to the server was lost")
            default:
                if let underlying = error.underlying {
                    return TeamIndexError("\(address): cannot connect (\(underlying))")
                }
                return TeamIndexError("\(address): \(error.code)")
            }
        }
        return TeamIndexError("\(address): \(error)")
    }

    /// Whether the error means the server could not be reached or went away (so trying again later
    /// may work), not that a statement was wrong.
    static func isConnectionLost(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return error is IOError || error is ChannelError }
        switch error.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection: return true
        default:
            // The server shutting down: admin_shutdown, crash_shutdown, cannot_connect_now.
            let state = error.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("57P") || state.hasPrefix("08")
        }
    }
}

/// One connection to the team index, used from any thread (statements run one at a time). A
/// connection that was lost is opened again on the next statement.
public final class DatabaseSession: @unchecked Sendable {
    public let address: DatabaseAddress
    let logger: Logger
    private let lock = NSLock()
    private var connection: PostgresConnection?
    /// Inside `transaction`: a lost connection then ends the transaction with an error, as the
    /// statements before it on that connection are gone.
    private var inTransaction = false
    /// Statements run on each new connection (session settings), before any other.
    let settings: [String]

    public init(address: DatabaseAddress, settings: [String] = []) {
        self.address = address
        self.settings = settings
        var logger = Logger(label: "kabar.team-index")
        logger.logLevel = .critical
        self.logger = logger
    }

    deinit {
        try? connection?.close().wait()
    }

    /// Opens the connection now, so that a wrong address or password is said at once.
    public func connect() throws {
        try lock.withLock { _ = try openConnection() }
    }

    private func openConnection() throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        connection = nil
        // A transaction's statements went with its connection: a new one must not go on without them.
        if inTransaction { throw TeamIndexError("\(address): the connection to the server was lost") }
        var configuration: PostgresConnection.Configuration
        if address.isSocket {
            configuration = .init(
                unixSocketPath: address.socketPath, username: address.user, password: address.password,
                database: address.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            switch address.sslMode {
            case .disable, .allow: tls = .disable
            case .prefer, .require, .verifyCA, .verifyFull:
                var settings = TLSConfiguration.makeClientConfiguration()
                if address.sslMode != .verifyCA && address.sslMode != .verifyFull {
                    settings.certificateVerification = .none
                } else if address.sslMode == .verifyCA {
                    settings.certificateVerification = .noHostnameVerification
                }
                let context = try NIOSSLContext(configuration: settings)
                tls = address.sslMode == .prefer ? .prefer(context) : .require(context)
            }
            configuration = .init(
                host: address.host, port: address.port, username: address.user, password: address.password,
                database: address.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(5)
        do {
            let opened = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1, logger: logger
            ).wait()
            for setting in settings {
                _ = try opened.query(PostgresQuery(unsafeSQL: setting), logger: logger).wait()
            }
            connection = opened
            return opened
        } catch {
            throw TeamIndexError.from(error, address: address)
        }
    }

    /// Runs one statement and returns its rows. A statement that finds the connection lost is run
    /// again once on a new connection (statements kabar sends are safe to repeat); when the
    /// server is still away, the error says so.
    @discardableResult
    public func query(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws -> [PostgresRow] {
        try lock.withLock {
            var attempt = 0
            while true {
                do {
                    let connection = try openConnection()
                    let result = try connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
                        .wait()
                    return Array(result.rows)
                } catch {
                    let lost =
                        TeamIndexError.isConnectionLost(error) || (error as? TeamIndexError) != nil
                        || connection?.isClosed == true
                    if lost && attempt == 0 && !inTransaction {
                        attempt += 1
                        connection = nil
                        continue
                    }
                    if lost { connection = nil }
                    throw TeamIndexError.from(error, address: address)
                }
            }
        }
    }

    /// Runs `body` inside a transaction on this session's connection, committing when it
    /// returns and rolling back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try query("BEGIN")
        lock.withLock { inTransaction = true }
        defer { lock.withLock { inTransaction = false } }
        do {
            let result = try body()
            try query("COMMIT")
            return result
        } catch {
            _ = try? query("ROLLBACK")
            throw error
        }
    }

    /// Inserts rows into `table` (`columns` with their SQL types), a few thousand to a statement:
    /// each column goes as one array parameter in PostgreSQL's binary form, text cast by the
    /// server to its column's type, and the statement reads them back as rows (`unnest`). The
    /// columns typed `tsvector` take their values from `vectors` (one array per row, in the
    /// columns' order), the others from `rows`. `suffix` follows the insert (`ON CONFLICT …`).
    /// (Not `COPY`: PostgresNIO's `COPY` runs only in Swift's concurrency, which a caller waiting
    /// on one of its few shared threads can starve, and sends text only, which the server reads
    /// more slowly than these arrays.)
    public func insert(
        into table: String, columns: [(name: String, type: String)], rows: [[String?]],
        vectors: [[TextVector]] = [], suffix: String = ""
    ) throws {
        for start in stride(from: 0, to: rows.count, by: Self.rowsPerInsert) {
            let chunk = start..<min(rows.count, start + Self.rowsPerInsert)
            let encoded = Self.encode(
                columns: columns, rows: Array(rows[chunk]), vectors: vectors.isEmpty ? [] : Array(vectors[chunk]))
            try insert(into: table, columns: columns, encoded: encoded, suffix: suffix)
        }
    }

    /// Rows made ready for one insert (`encode`), which a caller may make on another thread.
    public struct EncodedRows: Sendable {
        let arrays: [BinaryArray]
        public let count: Int
    }

    /// The rows' columns as arrays in PostgreSQL's binary form, for `insert(into:columns:encoded:)`.
    public static func encode(columns: [(name: String, type: String)], rows: [[String?]], vectors: [[TextVector]])
        -> EncodedRows
    {
        var arrays: [BinaryArray] = []
        var text = 0
        var vector = 0
        for column in columns {
            if column.type == "tsvector" {
                arrays.append(BinaryArray(vectors: vectors.map { $0[vector] }))
                vector += 1
            } else {
                arrays.append(BinaryArray(texts: rows.map { $0[text] }))
                text += 1
            }
        }
        return EncodedRows(arrays: arrays, count: rows.count)
    }

    /// Inserts rows made ready by `encode` for the same columns.
    public func insert(
        into table: String, columns: [(name: String, type: String)], encoded: EncodedRows, suffix: String = ""
    ) throws {
        guard encoded.count > 0 else { return }
        let names = columns.indices.map { "c\($0)" }
        let sql = """
            INSERT INTO \(table)(\(columns.map(\.name).joined(separator: ", ")))
            SELECT \(columns.indices.map { "r.\(names[$0])::\(columns[$0].type)" }.joined(separator: ", "))
            FROM unnest(\(encoded.arrays.indices.map { "$\($0 + 1)::\(encoded.arrays[$0].elementName)[]" }.joined(separator: ", ")))
                AS r(\(names.joined(separator: ", "))) \(suffix)
            """
        var bindings = PostgresBindings(capacity: encoded.arrays.count)
        for array in encoded.arrays { bindings.append(array) }
        try query(sql, bindings)
    }

    /// Rows sent in one statement at most.
    static let rowsPerInsert = 5000

    /// Closes the connection.
    public func close() {
        lock.withLock {
            try? connection?.close().wait()
            connection = nil
        }
    }
}

extension PostgresBindings {
    /// Bindings of these values in order: strings, integers, doubles, string and integer arrays,
    /// booleans, and nil for NULL.
    public static func of(_ values: [(any Sendable)?]) -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .none: bindings.appendNull()
            case let value as String: bindings.append(value)
            case let value as Int: bindings.append(Int64(value))
            case let value as Int64: bindings.append(value)
            case let value as Int32: bindings.append(value)
            case let value as Double: bindings.append(value)
            case let value as Bool: bindings.append(value)
            case let value as [String]: bindings.append(value)
            case let value as [Int64]: bindings.append(value)
            case let value as [Int]: bindings.append(value.map(Int64.init))
            default: preconditionFailure("no binding for \(type(of: value))")
            }
        }
        return bindings
    }
}

/// A one-dimensional array in PostgreSQL's binary form, of text or of `tsvector`s, as a
/// statement's parameter.
struct BinaryArray: PostgresDynamicTypeEncodable, Sendable {
    let psqlType: PostgresDataType
    /// The elements' type as SQL names it.
    var elementName: String { psqlType == .tsvectorArray ? "tsvector" : "text" }
    var psqlFormat: PostgresFormat { .binary }
    let buffer: ByteBuffer

    /// The header `array_recv` reads: one dimension (none when empty), whether any element is
    /// NULL, the elements' type, then the dimension's length and lower bound.
    private static func header(count: Int, hasNull: Bool, element: PostgresDataType, capacity: Int) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: capacity + 20)
        buffer.writeInteger(Int32(count == 0 ? 0 : 1))
        buffer.writeInteger(Int32(hasNull ? 1 : 0))
        buffer.writeInteger(element.rawValue)
        if count > 0 {
            buffer.writeInteger(Int32(count))
            buffer.writeInteger(Int32(1))
        }
        return buffer
    }

    init(texts: [String?]) {
        var buffer = Self.header(
            count: texts.count, hasNull: texts.contains(nil), element: .text,
            capacity: texts.reduce(0) { $0 + 4 + ($1?.utf8.count ?? 0) })
        for text in texts {
            if let text {
                buffer.writeInteger(Int32(text.utf8.count))
                buffer.writeString(text)
            } else {
                buffer.writeInteger(Int32(-1))
            }
        }
        self.psqlType = .textArray
        self.buffer = buffer
    }

    init(vectors: [TextVector]) {
        let lengths = vectors.map(\.binaryLength)
        var buffer = Self.header(
            count: vectors.count, hasNull: false, element: .tsvector, capacity: lengths.reduce(0) { $0 + 4 + $1 })
        for (vector, length) in zip(vectors, lengths) {
            buffer.writeInteger(Int32(length))
            vector.write(to: &buffer)
        }
        self.psqlType = .tsvectorArray
        self.buffer = buffer
    }

    func encode<JSONEncoder: PostgresJSONEncoder>(
        into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        byteBuffer.writeImmutableBuffer(buffer)
    }
}
