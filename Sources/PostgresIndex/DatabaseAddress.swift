import Foundation

/// Where the team index is and who connects to it: a `postgres://` URL (or a libpq-style
/// `key=value` string), with what the URL leaves out taken from the environment (`PGHOST`,
/// `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`, `PGSSLMODE`) and the password file
/// (`PGPASSFILE`, else `~/.pgpass`), as PostgreSQL's own tools do.
public struct DatabaseAddress: Hashable, Sendable, CustomStringConvertible {
    /// A host name or address, or the folder of a Unix socket (starting with `/`).
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var sslMode: SSLMode

    /// How the connection is encrypted, as libpq's `sslmode` says it.
    public enum SSLMode: String, Hashable, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    /// Why an address cannot be used, in words (the password never shown).
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// Whether the host is the folder of a Unix socket.
    public var isSocket: Bool { host.hasPrefix("/") }

    /// The Unix socket's file: `.s.PGSQL.<port>` in the host folder.
    public var socketPath: String { host + (host.hasSuffix("/") ? "" : "/") + ".s.PGSQL.\(port)" }

    /// The address as it may be shown: a URL without its password.
    public var description: String {
        let who = user.isEmpty ? "" : Self.escaped(user) + (password == nil ? "" : ":***") + "@"
        if isSocket {
            return "postgres://\(who)/\(Self.escaped(database))?host=\(host)&port=\(port)"
        }
        return "postgres://\(who)\(host.contains(":") ? "[\(host)]" : host):\(port)/\(Self.escaped(database))"
    }

    public init(
        host: String, port: Int = 5432, user: String, password: String? = nil, database: String,
        sslMode: SSLMode = .prefer
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.sslMode = sslMode
    }

    /// Parses `text` (`postgres://user:password@host:port/database?sslmode=require&host=/run/postgresql`,
    /// `postgresql://…`, or `host=… dbname=… user=…`), filling gaps from `environment` and the
    /// password file.
    public init(parsing text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        var fields: [String: String] = [:]
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://") {
            fields = try Self.urlFields(trimmed)
        } else if trimmed.contains("=") {
            fields = try Self.keywordFields(trimmed)
        } else {
            throw Problem(
                description:
                    "\(Self.redacted(trimmed)) is not a database address: give postgres://user@host/database or host=… dbname=…"
            )
        }
        let user = fields["user"] ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        let host = fields["host"] ?? environment["PGHOST"] ?? "localhost"
        let portText = fields["port"] ?? environment["PGPORT"] ?? "5432"
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw Problem(description: "\(Self.redacted(trimmed)): the port \(portText) is not a port number")
        }
        let database = fields["dbname"] ?? environment["PGDATABASE"] ?? user
        let modeText = fields["sslmode"] ?? environment["PGSSLMODE"] ?? "prefer"
        guard let mode = SSLMode(rawValue: modeText) else {
            throw Problem(
                description:
                    "\(Self.redacted(trimmed)): sslmode \(modeText) is not one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        self.init(host: host, port: port, user: user, database: database, sslMode: mode)
        password =
            fields["password"] ?? environment["PGPASSWORD"]
            ?? Self.passwordFile(environment).flatMap { PasswordFile(text: $0).password(for: self) }
    }

    /// The fields of a `postgres://` URL, percent-decoded.
    static func urlFields(_ text: String) throws -> [String: String] {
        guard let components = URLComponents(string: text) else {
            throw Problem(description: "\(redacted(text)) is not a well-formed URL")
        }
        var fields: [String: String] = [:]
        if let user = components.user, !user.isEmpty { fields["user"] = user.removingPercentEncoding ?? user }
        if let password = components.password { fields["password"] = password.removingPercentEncoding ?? password }
        if let host = components.host, !host.isEmpty {
            fields["host"] = (host.removingPercentEncoding ?? host).trimmingCharacters(
                in: CharacterSet(charactersIn: "[]"))
        }
        if let port = components.port { fields["port"] = String(port) }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        if !path.isEmpty { fields["dbname"] = path.removingPercentEncoding ?? path }
        for item in components.queryItems ?? [] {
            guard let value = item.value else { continue }
            fields[item.name == "database" ? "dbname" : item.name] = value
        }
        return fields
    }

    /// The fields of a `key=value key='quoted value'` string.
    static func keywordFields(_ text: String) throws -> [String: String] {
        var fields: [String: String] = [:]
        var characters = Substring(text)
        while true {
            characters = characters.drop { $0 == " " }
            guard !characters.isEmpty else { break }
            guard let equals = characters.firstIndex(of: "=") else {
                throw Problem(description: "\(redacted(text)): \(characters.prefix(20)) has no value")
            }
            let key = characters[..<equals].trimmingCharacters(in: .whitespaces)
            characters = characters[characters.index(after: equals)...].drop { $0 == " " }
            var value = ""
            if characters.first == "'" {
                characters = characters.dropFirst()
                var closed = false
                while let next = characters.first {
                    characters = characters.dropFirst()
                    if next == "\\", let escaped = characters.first {
                        value.append(escaped)
                        characters = characters.dropFirst()
                    } else if next == "'" {
                        closed = true
                        break
                    } else {
                        value.append(next)
                    }
                }
                guard closed else { throw Problem(description: "\(redacted(text)): a quote is not closed") }
            } else {
                let end = characters.firstIndex(of: " ") ?? characters.endIndex
                value = String(characters[..<end])
                characters = characters[end...]
            }
            fields[key] = value
        }
        return fields
    }

    /// The password file's text: `PGPASSFILE`, else `~/.pgpass`; nil when there is none.
    static func passwordFile(_ environment: [String: String]) -> String? {
        let path =
            environment["PGPASSFILE"]
            ?? environment["HOME"].map { $0 + "/.pgpass" }
        guard let path, let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// `text` with any password in it replaced by `***`, for messages.
    public static func redacted(_ text: String) -> String {
        var result = text
        // postgres://user:secret@host → postgres://user:***@host
        if let scheme = result.range(of: "://"), let at = result[scheme.upperBound...].firstIndex(of: "@"),
            let colon = result[scheme.upperBound..<at].firstIndex(of: ":")
        {
            result.replaceSubrange(result.index(after: colon)..<at, with: "***")
        }
        // password=secret (or quoted) in a keyword string or a URL's query
        while let range = result.range(of: "password=", options: .caseInsensitive),
            !result[range.upperBound...].hasPrefix("***")
        {
            let rest = result[range.upperBound...]
            let end: String.Index
            if rest.first == "'" {
                end = rest.dropFirst().firstIndex(of: "'").map { result.index(after: $0) } ?? result.endIndex
            } else {
                end = rest.firstIndex { $0 == " " || $0 == "&" } ?? result.endIndex
            }
            result.replaceSubrange(range.upperBound..<end, with: "***")
        }
        return result
    }

    static func escaped(_ text: String) -> String {
        text.addingPercentEncoding(
            withAllowedCharacters: .urlUserAllowed.subtracting(CharacterSet(charactersIn: ":@/")))
            ?? text
    }
}

/// A `.pgpass` file: lines of `host:port:database:user:password`, `*` matching anything, `\`
/// escaping `:` and `\`.
struct PasswordFile {
    var entries: [[String]] = []

    init(text: String) {
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            var fields: [String] = [""]
            var escaping = false
            for character in line {
                if escaping {
                    fields[fields.count - 1].append(character)
                    escaping = false
                } else if character == "\\" {
                    escaping = true
                } else if character == ":" && fields.count < 5 {
                    fields.append("")
                } else {
                    fields[fields.count - 1].append(character)
                }
            }
            if fields.count == 5 { entries.append(fields) }
        }
    }

    /// The first entry's password that matches the address.
    func password(for address: DatabaseAddress) -> String? {
        let host = address.isSocket ? "localhost" : address.host
        let wanted = [host, String(address.port), address.database, address.user]
        return entries.first { entry in zip(entry, wanted).allSatisfy { $0 == "*" || $0 == $1 } }?[4]
    }
}
