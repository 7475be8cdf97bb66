import Foundation
import GRDB
import KabarTestSupport
import Library
import Search
import Testing

@testable import ArticleIndex

@Suite("Prefix searches: the indexed words a prefix starts, found as FTS5 finds them")
struct PrefixSearchTests {
    static let texts = [
        "Pemerintah Daerah Memberi Bantuan\n\nPemerintah daerah memberi bantuan kepada warga pada 2024.",
        "Pemerintahan Baru\n\nPemerintahan baru dilantik; pemerintahnya berjanji\u{00A0}membantu—rakyat.",
        "Bjørn Datang\n\nBjørn Larsen datang ke Jakarta bersama tim élite dan pelatih naïve.",
        "Angka Aneh\n\nNilai abc²def dan G20 serta COVID19 muncul di pemerintan desa.",
        "Москва\n\nBerita dari Москва dan Ängelholm, juga Pemerintah Kota.",
    ]

    func indexed() throws -> (TemporaryFolder, ArticleIndex) {
        let store = try TemporaryFolder()
        for (number, text) in Self.texts.enumerated() { try store.write("\(number).txt", text) }
        let index = try ArticleIndex(store: store.url)
        _ = try index.update()
        return (store, index)
    }

    func found(_ text: String, _ index: ArticleIndex) throws -> Set<Int64> {
        Set(try index.search(SearchQuery(text), filter: ArticleFilter(), limit: 50).hits.map(\.summary.id))
    }

    @Test("every prefix of every word finds what FTS5's own prefix search finds")
    func sameAsFTS5() throws {
        let (store, index) = try indexed()
        defer { withExtendedLifetime(store) {} }
        var prefixes = Set<String>()
        for text in Self.texts {
            for word in SearchQuery.foldedWords(in: text).map(\.word) {
                for length in 1...word.count { prefixes.insert(String(word.prefix(length))) }
            }
        }
        prefixes.formUnion(["bjo", "nai", "naiv", "eli", "abcd", "ang", "mos", "zzz"])
        var nonEmpty = 0
        for prefix in prefixes.sorted() {
            let expanded = try found(prefix + "*", index)
            let native = try Expander.$expandsPrefixes.withValue(false) { try found(prefix + "*", index) }
            #expect(expanded == native, "\(prefix)*")
            if !native.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty > 40, "\(nonEmpty)")
        // In a query with other words and exclusions too.
        let query = "pemerint* -bantu*"
        let native = try Expander.$expandsPrefixes.withValue(false) { try found(query, index) }
        #expect(try found(query, index) == native)
        #expect(native.count == 3)
    }

    @Test("a prefix is searched as its words when they are all known, else left to FTS5")
    func expansion() throws {
        let (store, index) = try indexed()
        defer { withExtendedLifetime(store) {} }
        let terms = { (prefix: String) in
            try index.database.read { db in try Expander(db: db, stemmer: .standard).terms(startingWith: prefix) }
        }
        #expect(try terms("pemerint") == ["pemerintah", "pemerintahan", "pemerintahnya", "pemerintan"])
        #expect(try terms("covid") == ["covid19"])
        // A word that goes on outside ASCII may start with these: FTS5 looks them up.
        #expect(try terms("bj") == nil)
        #expect(try terms("bjo") == nil)
        #expect(try terms("e") == nil)
        #expect(try terms("nai") == nil)
        // Beginning with a digit, or not ASCII: not expanded.
        #expect(try terms("20") == nil)
        #expect(try terms("мос") == nil)
        #expect(try terms("zzz") == [])
    }
}
