import Entities
import Foundation
import KabarTestSupport
import Library
import PostgresIndex
import Search
import Testing

@Suite("Team index addresses, text vectors and queries, without a server")
struct DatabaseAddressTests {
    @Test("a postgres:// URL gives host, port, user, password, database and sslmode; gaps come from the environment")
    func urls() throws {
        let full = try DatabaseAddress(
            parsing: "postgres://ayu:s%40cret@db.example:6543/news?sslmode=require", environment: [:])
        #expect(full.host == "db.example")
        #expect(full.port == 6543)
        #expect(full.user == "ayu")
        #expect(full.password == "s@cret")
        #expect(full.database == "news")
        #expect(full.sslMode == .require)
        #expect(full.description == "postgres://ayu:***@db.example:6543/news")
        let socket = try DatabaseAddress(
            parsing: "postgresql:///kabar?host=/run/postgresql", environment: ["PGUSER": "budi", "PGPORT": "5433"])
        #expect(socket.isSocket)
        #expect(socket.socketPath == "/run/postgresql/.s.PGSQL.5433")
        #expect(socket.user == "budi")
        #expect(socket.database == "kabar")
        let keywords = try DatabaseAddress(
            parsing: "host=10.0.0.5 dbname='news archive' user=reader password='it\\'s' sslmode=disable",
            environment: [:])
        #expect(keywords.password == "it's")
        #expect(keywords.host == "10.0.0.5")
        #expect(keywords.database == "news archive")
        #expect(keywords.sslMode == .disable)
        let defaults = try DatabaseAddress(parsing: "postgres://", environment: ["USER": "citra"])
        #expect(defaults.user == "citra")
        #expect(defaults.database == "citra")
        #expect(defaults.host == "localhost")
        #expect(defaults.port == 5432)
        #expect(defaults.password == nil)
    }

    @Test("the password comes from PGPASSWORD or the password file, whose first matching line wins")
    func passwords() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write(
            "pgpass",
            """
            # team
            other.example:5432:*:*:nope
            db.example:*:news:ayu:pass\\:word
            *:*:*:*:fallback
            """)
        let environment = ["PGPASSFILE": file.path]
        #expect(
            try DatabaseAddress(parsing: "postgres://ayu@db.example/news", environment: environment).password
                == "pass:word")
        #expect(
            try DatabaseAddress(parsing: "postgres://budi@db.example/news", environment: environment).password
                == "fallback")
        let given = try DatabaseAddress(
            parsing: "postgres://ayu@db.example/news", environment: environment.merging(["PGPASSWORD": "env"]) { $1 })
        #expect(given.password == "env")
    }

    @Test("a bad address is a clear error that never shows the password")
    func badAddresses() {
        for (text, said) in [
            ("postgres://ayu:hunter2@db.example:99999/news", "port"),
            ("postgres://ayu:hunter2@db.example/news?sslmode=always", "sslmode always"),
            ("mysql://ayu:hunter2@db.example/news", "not a database address"),
            ("host=db password='hunter2", "quote"),
        ] {
            let error = #expect(throws: DatabaseAddress.Problem.self) {
                try DatabaseAddress(parsing: text, environment: [:])
            }
            #expect(error?.description.contains(said) == true, "\(text): \(error?.description ?? "")")
            #expect(error?.description.contains("hunter2") == false, "\(text)")
        }
        #expect(DatabaseAddress.redacted("host=db password=hunter2 user=x") == "host=db password=*** user=x")
        #expect(
            DatabaseAddress.redacted("postgres://ayu:hunter2@db/x?password=hunter2")
                == "postgres://ayu:***@db/x?password=***")
    }

    @Test("words: the title weighs most, a phrase cannot run from the title into the body, every stem is findable")
    func wordVectors() {
        let vector = TextVectors.words(
            title: "Rusia Menandatangani", body: "Pakta pertahanan, ditandatangani.", stemmer: .standard)
        #expect(vector.contains("'rusia':1A"))
        #expect(vector.contains("'menandatangani':2A"))
        // The body starts after a gap of one position.
        #expect(vector.contains("'pakta':4"))
        #expect(vector.contains("'ditandatangani':6"))
        #expect(vector.contains("'~tandatangan'"))
        #expect(vector.components(separatedBy: "'~tandatangan'").count == 2)
    }

    @Test("words: a word met again keeps its first place and gathers its positions, at most 256 of them")
    func repeatedWords() {
        let body = "banjir rob. " + String(repeating: "banjir ", count: 300)
        let vector = TextVectors.words(title: "Banjir Jakarta", body: body, stemmer: .standard)
        let lexemes = vector.split(separator: " ").map(String.init)
        #expect(lexemes.first?.hasPrefix("'banjir':1A,4,6,7,") == true)
        #expect(lexemes.first?.split(separator: ",").count == 256)
        #expect(lexemes.filter { $0.hasPrefix("'jakarta':") } == ["'jakarta':2A"])
        #expect(lexemes.filter { $0.hasPrefix("'rob':") } == ["'rob':5"])
        #expect(Set(lexemes.map { $0.split(separator: ":")[0] }).count == lexemes.count)
    }

    @Test("names: each kind's words apart, with a gap between two names so that a phrase stays in one")
    func nameVectors() {
        let body = "Vladimir Putin bertemu Kim Jong Un di Pyongyang."
        let vector = TextVectors.names(
            body: body,
            entities: [
                EntitySpan(start: 0, end: 14, kind: .person), EntitySpan(start: 23, end: 34, kind: .person),
                EntitySpan(start: 38, end: 47, kind: .place),
            ], quotes: [])
        #expect(vector == "'per:vladimir':1 'per:putin':2 'per:kim':4 'per:jong':5 'per:un':6 'loc:pyongyang':8")
        #expect(TextVectors.names(body: "", entities: [], quotes: []).isEmpty)
    }

    @Test("rows travel as JSON that any JSON reader reads back exactly: quotes, backslashes, controls, nulls")
    func jsonRows() throws {
        let rows: [[String?]] = [
            ["plain", nil, "quote \" and \\ back", "tab\tnew\nline\r\u{01}\u{1F}", "é 日本 🙂", ""], [],
        ]
        let text = DatabaseSession.json(rows)
        let read = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[Any]]
        #expect(read?.count == 2)
        let first = try #require(read?.first)
        #expect(first[0] as? String == "plain")
        #expect(first[1] is NSNull)
        #expect(first[2] as? String == "quote \" and \\ back")
        #expect(first[3] as? String == "tab\tnew\nline\r\u{01}\u{1F}")
        #expect(first[4] as? String == "é 日本 🙂")
        #expect(first[5] as? String == "")
    }
}
