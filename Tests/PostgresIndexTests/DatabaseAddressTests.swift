import Entities
import Foundation
import KabarTestSupport
import Library
import NIOCore
import Search
import Testing

@testable import PostgresIndex

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
            title: "Rusia Menandatangani", body: "Pakta pertahanan, ditandatangani.", stemmer: .standard
        ).literal
        #expect(vector.contains("'rusia':1A"))
        #expect(vector.contains("'menandatangani':2A"))
        // The body starts after a gap of one position.
        #expect(vector.contains("'pakta':4"))
        #expect(vector.contains("'ditandatangani':6"))
        #expect(vector.contains("'~tandatangan'"))
        #expect(vector.components(separatedBy: "'~tandatangan'").count == 2)
        // A word that is its own stem is found by its own lexeme: no `~` lexeme repeats it.
        #expect(!vector.contains("'~pakta'") && !vector.contains("'~rusia'"))
        #expect(vector.split(separator: " ").filter { $0.hasPrefix("'~") }.count == 2)
    }

    @Test("words: a word met again keeps its first place and gathers its positions, at most 256 of them")
    func repeatedWords() {
        let body = "banjir rob. " + String(repeating: "banjir ", count: 300)
        let vector = TextVectors.words(title: "Banjir Jakarta", body: body, stemmer: .standard).literal
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
        #expect(
            vector.literal == "'loc:pyongyang':8 'per:jong':5 'per:kim':4 'per:putin':2 'per:un':6 'per:vladimir':1")
        #expect(TextVectors.names(body: "", entities: [], quotes: []).entries.isEmpty)
    }

    @Test("a vector's lexemes are sorted by their bytes and merged; one the server cannot hold is left out")
    func vectorEntries() {
        let vector = TextVector([
            .init(lexeme: "zebra", positions: [7]), .init(lexeme: "é", positions: [2]),
            .init(lexeme: "abcdefghij", positions: [5]), .init(lexeme: "abcdefgh", positions: [9]),
            .init(lexeme: "zebra", positions: [3, 7 | TextVector.weightA]), .init(lexeme: "", positions: [1]),
            .init(lexeme: String(repeating: "x", count: 3000), positions: []), .init(lexeme: "a\u{0}b", positions: []),
        ])
        #expect(vector.entries.map(\.lexeme) == ["abcdefgh", "abcdefghij", "zebra", "é"])
        // A position met twice is kept once (the first seen); positions rise.
        #expect(vector.literal == "'abcdefgh':9 'abcdefghij':5 'zebra':3,7 'é':2")
        var positions: [UInt16] = []
        for position: UInt16 in [1, 1, 3, 2] + Array(4...400) { TextVector.append(position, to: &positions) }
        #expect(positions.count == 256 && positions.prefix(3) == [1, 3, 4])
    }

    @Test("a vector's binary form is the one tsvector_recv reads, in network byte order")
    func vectorBinary() {
        let vector = TextVector([
            .init(lexeme: "ab", positions: [1 | TextVector.weightA, 300]), .init(lexeme: "~c", positions: []),
        ])
        var buffer = ByteBufferAllocator().buffer(capacity: 32)
        vector.write(to: &buffer)
        #expect(buffer.readableBytes == vector.binaryLength)
        #expect(
            Array(buffer.readableBytesView) == [
                0, 0, 0, 2, 0x61, 0x62, 0, 0, 2, 0xC0, 1, 0x01, 0x2C, 0x7E, 0x63, 0, 0, 0,
            ])
    }
}
