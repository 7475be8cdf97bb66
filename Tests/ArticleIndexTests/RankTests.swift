import Foundation
import GRDB
import KabarTestSupport
import Library
import Search
import Testing

@testable import ArticleIndex

@Suite("Ranking by relevance with weights estimated, not counted by bm25")
struct RankTests {
    /// 200 days of three articles each: every article says `umum`, every fourth `jarang` (twice in
    /// the title of every eighth), every tenth `langka`.
    static func index() throws -> (TemporaryFolder, ArticleIndex) {
        let store = try TemporaryFolder()
        try writeDailyArticles(days: 200, into: store) { number, _ in
            var title = "Berita Nomor \(number)"
            var body = "Jakarta - Isi umum kabar \(number) hari ini."
            if number % 4 == 0 { body += " Ada jarang di sini." }
            if number % 8 == 0 { title += " Jarang Jarang" }
            if number % 10 == 0 { body += String(repeating: " langka", count: 1 + number % 3) }
            return ("\(number).txt", title, body)
        }
        let index = try ArticleIndex(store: store.url)
        try index.update()
        return (store, index)
    }

    /// Rewrites the newest 60 files (a line added, the `time`th time) and updates the index.
    static func rewriteNewest(_ store: TemporaryFolder, _ index: ArticleIndex, _ time: Int) throws {
        for number in 540..<600 {
            let file = store.url.appendingPathComponent("\(number).txt")
            let text = try String(contentsOf: file, encoding: .utf8)
            // Written aside and renamed over, as a scraper saving it again would.
            try Data((text + "Diperbarui \(time).\n").utf8).write(to: file, options: .atomic)
        }
        try index.update()
    }

    func plan(_ text: String, _ index: ArticleIndex) throws -> SearchPlan {
        try index.database.read { db in try index.plan(SearchQuery(text), filter: ArticleFilter(), in: db).0 }
    }

    @Test("the phrases of a MATCH expression in FTS5's order, grouped by the word they search for")
    func phrases() throws {
        let parsed = try #require(
            SearchPlan.phrases(
                of:
                    "{title body} : (\"pemerintah\" OR \"perintah\") AND {title body} : \"joko widodo\" AND (outlet : ^\"kompas\" + \"c\"*) NOT {title body} : \"say \"\"hi\"\"\""
            ))
        #expect(
            parsed.map(\.text) == [
                "\"pemerintah\"", "\"perintah\"", "\"joko widodo\"", "\"kompas\" + \"c\"*", "\"say \"\"hi\"\"\"",
            ])
        #expect(parsed.map(\.group) == [0, 0, 1, 2, 3])
        #expect(parsed.map(\.inText) == [true, true, true, false, true])
        #expect(SearchPlan.phrases(of: "{title body} : \"open") == nil)
    }

    @Test("with every count under the limit, the scores are bm25's")
    func sameAsBM25() throws {
        let (store, index) = try Self.index()
        defer { withExtendedLifetime(store) {} }
        for text in ["jarang", "langka", "jarang langka", "umum langka", "\"ada jarang\"", "jarang -langka"] {
            let plan = try plan(text, index)
            let (match, weights) = try index.database.read { db in (plan.match, try plan.rankWeights(in: db)) }
            let rows = try index.database.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT bm25(fts, 4.0, 1.0, 0.0) AS a, kabar_rank(fts, ?) AS b FROM fts WHERE fts MATCH ?",
                    arguments: [weights, match])
            }
            #expect(!rows.isEmpty, "\(text)")
            for row in rows {
                let (a, b): (Double, Double) = (row["a"], row["b"])
                #expect(abs(a - b) < 1e-9 * max(1, abs(a)), "\(text): \(a) \(b)")
            }
        }
    }

    @Test("past the limit, a word's weight is estimated from how far back its newest articles reach")
    func estimatedWeights() throws {
        let (store, index) = try Self.index()
        defer { withExtendedLifetime(store) {} }
        func weight(_ text: String, limit: Int) throws -> Double {
            let plan = try plan(text, index)
            let argument = try index.database.read { db in try plan.rankWeights(in: db, countingUpTo: limit) }
            let phrases = try #require(argument?.split(separator: ";").last?.split(separator: ","))
            return try #require(Double(phrases[0]))
        }
        for word in ["jarang", "langka"] {
            let exact = try weight(word, limit: 10_000)
            let estimated = try weight(word, limit: 20)
            #expect(abs(exact - estimated) < 0.15 * exact, "\(word): \(estimated) against \(exact)")
        }
        // A word of every article weighs next to nothing, estimated or counted.
        #expect(try weight("umum", limit: 20) < 0.01)
        // The newest files rewritten three times: their old rows stay in the FTS table, and are
        // not counted.
        for time in 1...3 { try Self.rewriteNewest(store, index, time) }
        let ghosts = try index.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM ghost") }
        #expect(ghosts == 180, "\(String(describing: ghosts))")
        let exact = try weight("jarang", limit: 10_000)
        let estimated = try weight("jarang", limit: 20)
        #expect(abs(exact - estimated) < 0.15 * exact, "jarang with ghosts: \(estimated) against \(exact)")
    }

    @Test("a ranked page holds live articles alone, whatever rows rewritten files left in the word index")
    func rankedPageOfLiveArticles() throws {
        let (store, index) = try Self.index()
        defer { withExtendedLifetime(store) {} }
        // The newest files rewritten: their old rows stay in the FTS table, with their old ids.
        try Self.rewriteNewest(store, index, 1)
        let ghosts = try index.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM ghost") }
        #expect(ghosts == 60)
        let plan = try plan("jarang", index)
        let live = try index.database.read { db in
            try Int64.fetchAll(
                db,
                sql: """
                    SELECT rowid FROM fts WHERE fts MATCH ? AND rowid IN (SELECT id FROM article)
                    ORDER BY bm25(fts, 4.0, 1.0, 0.0), rowid DESC
                    """, arguments: [plan.match])
        }
        #expect(live.count == 150)
        let all = try index.search(SearchQuery("jarang"), filter: ArticleFilter(), limit: 200)
        #expect(all.totalCount == 150)
        #expect(all.hits.map(\.summary.id) == live)
        // A page shorter than the matches: the best of them, no old row taking a place.
        for limit in [10, 40] {
            let page = try index.search(SearchQuery("jarang"), filter: ArticleFilter(), limit: limit)
            #expect(page.hits.map(\.summary.id) == Array(live.prefix(limit)), "\(limit)")
        }
    }

    @Test("a search ranks by them: in bm25's order while the counts are under the limit, titles first")
    func searchRanks() throws {
        let (store, index) = try Self.index()
        defer { withExtendedLifetime(store) {} }
        for text in ["jarang", "langka", "jarang umum"] {
            let hits = try index.search(SearchQuery(text), filter: ArticleFilter(), limit: 200).hits.map(\.summary.id)
            let plan = try plan(text, index)
            let byBM25 = try index.database.read { db in
                try Int64.fetchAll(
                    db, sql: "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, 4.0, 1.0, 0.0), rowid DESC",
                    arguments: [plan.match])
            }
            #expect(!hits.isEmpty && hits == byBM25, "\(text)")
        }
        // Every eighth article has the word twice in its title: those 75 come first.
        let hits = try index.search(SearchQuery("jarang"), filter: ArticleFilter(), limit: 200).hits
        #expect(hits.count == 150)
        #expect(hits.prefix(75).allSatisfy { $0.summary.title?.contains("Jarang Jarang") == true })
    }
}
