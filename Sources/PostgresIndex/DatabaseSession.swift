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
    /// the rows go as one JSON parameter, an array of arrays of strings and nulls, and each field
    /// is cast to its column's type by the server. `suffix` follows the insert (`ON CONFLICT …`).
    /// (Not `COPY`: PostgresNIO's `COPY` runs only in Swift's concurrency, which a caller waiting
    /// on one of its few shared threads can starve.)
    public func insert(
        into table: String, columns: [(name: String, type: String)], rows: [[String?]], suffix: String = ""
    ) throws {
        let fields = columns.enumerated().map { index, column in "(r->>\(index))::\(column.type)" }
        let sql = """
            INSERT INTO \(table)(\(columns.map(\.name).joined(separator: ", ")))
            SELECT \(fields.joined(separator: ", ")) FROM jsonb_array_elements($1::jsonb) r \(suffix)
            """
        for start in stride(from: 0, to: rows.count, by: Self.rowsPerInsert) {
            let chunk = Array(rows[start..<min(rows.count, start + Self.rowsPerInsert)])
            try query(sql, .of([Self.json(chunk)]))
        }
    }

    /// Rows sent in one statement at most.
    static let rowsPerInsert = 5000

    /// Rows as a JSON array of arrays of strings and nulls, escaped byte by byte (the rows are
    /// large: Foundation's encoder took longer than the server's insert).
    public static func json(_ rows: [[String?]]) -> String {
        var writer = RowJSON.Writer()
        writer.bytes.reserveCapacity(rows.reduce(2) { $0 + $1.reduce(4) { $0 + ($1?.utf8.count ?? 4) + 3 } })
        writer.array(rows) { writer, row in
            writer.array(row) { writer, field in
                if let field { writer.string(field) } else { writer.raw("null") }
            }
        }
        return writer.text
    }

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
