import Foundation
import PostgresIndex
import Testing

/// A database of its own for one test, on the server `.ci/run` starts (`KABAR_TEST_DATABASE`, an
/// address of a superuser); dropped when the test ends.
final class TestDatabase {
    /// The server's address, when tests against PostgreSQL run here.
    static let server: DatabaseAddress? = {
        guard let text = ProcessInfo.processInfo.environment["KABAR_TEST_DATABASE"], !text.isEmpty else { return nil }
        return try? DatabaseAddress(parsing: text)
    }()

    /// Whether there is a server to test against (`.ci/run` starts one).
    static var isAvailable: Bool { server != nil }

    /// Whether the server takes TLS connections (`.ci/postgres` gives it a certificate of its own
    /// when openssl is at hand).
    static let serverHasTLS: Bool = {
        guard let server else { return false }
        let session = DatabaseSession(address: server)
        defer { session.close() }
        return (try? session.query("SHOW ssl").first?.decode(String.self)) == "on"
    }()

    let admin: DatabaseSession
    let address: DatabaseAddress
    var url: String { "postgres://\(address.user)@/\(address.database)?host=\(address.host)&port=\(address.port)" }

    init() throws {
        guard let server = Self.server else { throw TeamIndexError("KABAR_TEST_DATABASE is not set") }
        admin = DatabaseSession(address: server)
        var address = server
        address.database = "kabar_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try admin.query("CREATE DATABASE \(address.database)")
        self.address = address
    }

    deinit {
        _ = try? admin.query("DROP DATABASE IF EXISTS \(address.database) WITH (FORCE)")
        admin.close()
    }

    /// The address of another role on this test's database.
    func address(user: String, password: String? = nil) -> DatabaseAddress {
        var other = address
        other.user = user
        other.password = password
        return other
    }
}
