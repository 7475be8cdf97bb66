import Foundation
import GRDB
import KabarTestSupport
import Library
import Search
import Testing

@testable import ArticleIndex

@Suite("Large match counts estimated from a sample of days")
struct CountEstimateTests {
    /// 240 days of three articles each, from 2023-01-01, and 30 undated ones. Every article says
    /// `umum`; every fourth `jarang`; 25 articles of days 20 to 28 `sesaat`.
    static func store() throws -> TemporaryFolder {
        let store = try TemporaryFolder()
        try writeDailyArticles(days: 240, into: store) { number, day in
            var words = "umum"
            if number % 4 == 0 { words += " jarang" }
            if (20...28).contains(day) && number % 27 < 25 { words += " sesaat" }
            return ("dated/\(number).txt", "Berita Nomor \(number) Hari Ini", "Jakarta - Isi \(words) kabar \(number).")
        }
        for undated in 0..<30 {
            try store.write(
                "undated/\(undated).txt", "Berita Tanpa Tanggal \(undated)\n\nJakarta - Isi umum kabar lain.\n")
        }
        return store
    }

    static let sampling = CountSampling(strata: 6, window: 12, fewestMatches: 10, archiveShare: 2)

    func dayCounts(_ index: ArticleIndex) throws -> (kept: [Int64: Int], counted: [Int64: Int]) {
        try index.database.read { db in
            let kept = try Row.fetchAll(db, sql: "SELECT day, articles FROM article_day WHERE articles != 0")
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM article")
            return (
                Dictionary(uniqueKeysWithValues: kept.map { ($0["day"] as Int64, $0["articles"] as Int) }),
                Dictionary(grouping: ids, by: ArticleKey.bucket(of:)).mapValues(\.count)
            )
        }
    }

    @Test("a bucket holds the ids of its day, or of its block of undated ids")
    func buckets() {
        let day = ArticleKey.daysSinceEpoch(year: 2024, month: 6, day: 20)
        let first = ArticleKey.firstID(ofDay: day)
        #expect(ArticleKey.bucket(of: first) == day)
        #expect(ArticleKey.bucket(of: ArticleKey.firstID(ofDay: day + 1) - 1) == day)
        #expect(ArticleKey.ids(ofBucket: day) == first..<ArticleKey.firstID(ofDay: day + 1))
        #expect(ArticleKey.bucket(of: 1) == -1 && ArticleKey.bucket(of: 4096) == -2)
        #expect(ArticleKey.ids(ofBucket: -1) == 1..<4096)
        #expect(ArticleKey.ids(ofBucket: -2) == 4096..<8192)
        #expect(ArticleKey.bucket(of: ArticleKey.firstDatedID - 1) == -(1 << 20))
        #expect(ArticleKey.ids(ofBucket: -(1 << 20)).upperBound == ArticleKey.firstDatedID)
    }

    @Test("estimates are rounded to two figures")
    func rounding() {
        #expect(MatchCount.estimate(983_592) == MatchCount(980_000, isEstimate: true))
        #expect(MatchCount.estimate(23_456) == MatchCount(23_000, isEstimate: true))
        #expect(MatchCount.estimate(1_049) == MatchCount(1_000, isEstimate: true))
        #expect(MatchCount.estimate(150) == MatchCount(150, isEstimate: true))
        #expect(MatchCount.estimate(99.4) == MatchCount(99, isEstimate: true))
        var results = SearchResults(hits: [], totalCount: 980_000)
        results.countIsEstimate = true
        #expect(results.countText == "~980000")
    }

    @Test("the articles per day follow every change of the store, and clearing")
    func articlesPerDay() throws {
        let store = try Self.store()
        let index = try ArticleIndex(store: store.url)
        try index.update()
        var (kept, counted) = try dayCounts(index)
        #expect(kept == counted)
        #expect(kept.values.reduce(0, +) == 750)
        #expect(kept[-1] == 30)
        // Deleted, moved to another day, made undated.
        try FileManager.default.removeItem(at: store.url.appendingPathComponent("dated/5.txt"))
        try FileManager.default.removeItem(at: store.url.appendingPathComponent("undated/3.txt"))
        try store.write("dated/7.txt", "Berita Pindah\n2023-12-25T08:00\n\nJakarta - Isi umum kabar pindah.\n")
        try store.write("dated/8.txt", "Berita Kini Tanpa Tanggal\n\nJakarta - Isi umum kabar tanpa tanggal.\n")
        try index.update()
        (kept, counted) = try dayCounts(index)
        #expect(kept == counted)
        #expect(kept.values.reduce(0, +) == 748)
        #expect(kept[-1] == 30)
        #expect(kept[ArticleKey.daysSinceEpoch(year: 2023, month: 12, day: 25)] == 1)
        try index.clear()
        #expect(try dayCounts(index).kept.isEmpty)
    }

    @Test(
        "the list's articles per day are read from the kept counts, as counted over the rows, whole or in a date range, after every change"
    )
    func listDaysFromKeptCounts() throws {
        let store = try Self.store()
        let index = try ArticleIndex(store: store.url)
        try index.update()
        // Every file named, the days are counted over the article rows instead.
        func check(_ label: String) throws {
            let paths = Set(try index.articles(matching: ArticleFilter()).map(\.path))
            let filters = [
                ArticleFilter(), ArticleFilter(fromDay: "2023-02-01"), ArticleFilter(toDay: "2023-01-10"),
                ArticleFilter(fromDay: "2023-03-01", toDay: "2023-03-31", includeUndated: true),
                ArticleFilter(fromDay: "2023-03-31", toDay: "2023-03-01"), ArticleFilter(toDay: "1800-01-01"),
            ]
            for filter in filters {
                var counted = filter
                counted.paths = paths
                let kept = try index.dayCounts(matching: nil, filter: filter, byOutlet: false)
                #expect(
                    kept == (try index.dayCounts(matching: nil, filter: counted, byOutlet: false)), "\(label) \(filter)"
                )
            }
        }
        let days = try index.dayCounts(matching: nil, filter: ArticleFilter(), byOutlet: false)
        #expect(days.count == 240 && days.allSatisfy { $0.count == 3 })
        #expect(days.first?.day == "2023-01-01" && days == days.sorted { $0.day < $1.day })
        #expect(
            try index.dayCounts(
                matching: nil, filter: ArticleFilter(fromDay: "2023-02-01", toDay: "2023-02-03"), byOutlet: false
            ).map(\.day) == ["2023-02-01", "2023-02-02", "2023-02-03"])
        try check("indexed")
        try FileManager.default.removeItem(at: store.url.appendingPathComponent("dated/5.txt"))
        try store.write("dated/7.txt", "Berita Pindah\n2023-12-25T08:00\n\nJakarta - Isi umum kabar pindah.\n")
        try store.write("dated/8.txt", "Berita Kini Tanpa Tanggal\n\nJakarta - Isi umum kabar tanpa tanggal.\n")
        try index.update()
        let dated = try index.dayCounts(matching: nil, filter: ArticleFilter(), byOutlet: false)
        #expect(dated.reduce(0) { $0 + $1.count } == 718)
        try check("changed")
    }

    @Test("past the counting bound a count is estimated from a sample of days, near the true count")
    func estimates() throws {
        let store = try Self.store()
        let index = try ArticleIndex(store: store.url, countingUpTo: 20, countSampling: Self.sampling)
        try index.update()
        func check(_ text: String, _ filter: ArticleFilter = ArticleFilter(), within tolerance: Double) throws {
            let query = SearchQuery(text)
            let exact = try index.matchCount(query, filter: filter)
            let shown = try index.estimatedMatchCount(query, filter: filter)
            #expect(exact > 20, "\(text): \(exact)")
            #expect(shown.isEstimate, "\(text)")
            #expect(
                abs(Double(shown.count - exact)) <= tolerance * Double(exact), "\(text): ~\(shown.count) of \(exact)")
        }
        // Every article: each window's rate is 1, so the estimate is the count of the days (to
        // two figures).
        try check("umum", within: 0.02)
        try check("jarang", within: 0.25)
        // Dates of the query, of the filter, and the filter's undated articles.
        try check("umum from:2023-03-01 to:2023-05-31", within: 0.02)
        try check("jarang from:2023-03-01 to:2023-05-31", within: 0.3)
        try check("umum", ArticleFilter(fromDay: "2023-02-01", toDay: "2023-06-30"), within: 0.02)
        var withUndated = ArticleFilter(fromDay: "2023-02-01", toDay: "2023-06-30")
        withUndated.includeUndated = true
        try check("umum", withUndated, within: 0.1)
        // A filter alone (no words) is estimated the same way.
        try check("from:2023-01-15 to:2023-07-15", within: 0.02)
        // Files saved again leave their old rows in the FTS table: the windows leave them out.
        for number in stride(from: 0, to: 720, by: 4) {
            let file = store.url.appendingPathComponent("dated/\(number).txt")
            let text = try String(contentsOf: file, encoding: .utf8)
            try Data((text + "Diperbarui.\n").utf8).write(to: file, options: .atomic)
        }
        try index.update()
        #expect(try index.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM ghost") } == 180)
        try check("umum", within: 0.02)
        try check("jarang", within: 0.25)
    }

    @Test(
        "a sample far past the bound is the count; one that may be past it only because its matches fall in the windows is counted"
    )
    func sampleFarPastTheBound() throws {
        let store = try Self.store()
        let sampling = CountSampling(strata: 6, window: 12, fewestMatches: 10, archiveShare: 2, probe: 5)
        let index = try ArticleIndex(store: store.url, countingUpTo: 40, countSampling: sampling)
        try index.update()
        let (windows, paths) = try index.database.read { db in
            let buckets = try Row.fetchAll(
                db, sql: "SELECT day, articles FROM article_day WHERE articles > 0 ORDER BY day"
            )
            .map { (day: $0["day"] as Int64, articles: $0["articles"] as Int) }
            let paths = try Row.fetchAll(db, sql: "SELECT id, path FROM article").map {
                (id: $0["id"] as Int64, path: $0["path"] as String)
            }
            return (ArticleIndex.sampleWindows(buckets, sampling: sampling), paths)
        }
        // Six parts of the 750 articles; each window is whole days from its part's middle on.
        #expect(windows.count == 6)
        #expect(windows.allSatisfy { $0.articles >= 12 && $0.partArticles >= 5 * $0.articles })
        // A word in every article of three windows, and in no other: each window's rate is 1, so
        // the sample says ten times as many matches as there are.
        func add(_ word: String, toWindows count: Int) throws -> Int {
            var written = 0
            for (id, path) in paths where windows.prefix(count).contains(where: { $0.ids.contains(id) }) {
                let file = store.url.appendingPathComponent(path)
                let text = try String(contentsOf: file, encoding: .utf8)
                // Saved as scrapers save (a new file renamed over the old): its folder's time changes.
                try Data(text.replacingOccurrences(of: "Isi ", with: "Isi \(word) ").utf8).write(
                    to: file, options: .atomic)
                written += 1
            }
            return written
        }
        #expect(try add("kilat", toWindows: 3) == 36)
        try index.update()
        let windowed = try index.matchCount(SearchQuery("kilat"), filter: ArticleFilter())
        #expect(windowed == windows.prefix(3).reduce(0) { $0 + $1.articles }, "\(windowed) \(windows)")
        #expect(windowed <= 40)
        // At or under the bound, the count is exact however far the sample overshoots.
        #expect(try index.estimatedMatchCount(SearchQuery("kilat"), filter: ArticleFilter()) == MatchCount(windowed))
        // Past the bound and past what any overshoot explains: the sample's estimate.
        let every = try index.estimatedMatchCount(SearchQuery("umum"), filter: ArticleFilter())
        #expect(every.isEstimate && abs(every.count - 750) <= 15, "\(every)")
        // Between the probe and the bound, with a sample that misses them: counted.
        #expect(try index.estimatedMatchCount(SearchQuery("sesaat"), filter: ArticleFilter()) == MatchCount(25))
        #expect(
            try index.estimatedMatchCount(SearchQuery("jarang from:2023-01-01 to:2023-01-20"), filter: ArticleFilter())
                == MatchCount(15))
    }

    @Test(
        "a phrase in more articles than are ranked is listed newest first at once, counted only that far; its count follows"
    )
    func phraseCountedAsFarAsRankingNeeds() throws {
        let store = try TemporaryFolder()
        // 2,280 articles over 760 days: every tenth has the two words apart, the rest the phrase.
        try writeDailyArticles(days: 760, into: store) { number, _ in
            let words = number % 10 == 0 ? "cepat naik kereta" : "kereta cepat melaju"
            return (
                "\(number / 500)/\(number).txt", "Berita Nomor \(number)", "Jakarta - Isi \(words) kabar \(number)."
            )
        }
        let index = try ArticleIndex(store: store.url)
        try index.update()
        let phrase = try index.search(SearchQuery("\"kereta cepat\""), filter: ArticleFilter(), offset: 0, limit: 20)
        #expect(phrase.totalCount == ArticleIndex.rankingLimit && phrase.countIsAtLeast)
        #expect(phrase.countText == "2000+")
        let ids = phrase.hits.map(\.summary.id)
        #expect(ids.count == 20 && ids == ids.sorted(by: >))
        // The newest articles with the phrase: the newest of all but every tenth.
        #expect(phrase.hits.first?.summary.path == "4/2279.txt")
        #expect(!phrase.hits.contains { $0.summary.path.hasSuffix("0.txt") })
        // The whole count, as the reader asks for it next.
        #expect(
            try index.estimatedMatchCount(SearchQuery("\"kereta cepat\""), filter: ArticleFilter()) == MatchCount(2052))
        // Ranked whole, a phrase is counted whole; words alone are counted to the usual bound.
        let ranked = try index.search(
            SearchQuery("\"kereta cepat\" sort:relevance"), filter: ArticleFilter(), offset: 0, limit: 20)
        #expect(ranked.totalCount == 2052 && !ranked.countIsAtLeast)
        let words = try index.search(SearchQuery("kereta cepat"), filter: ArticleFilter(), offset: 0, limit: 20)
        #expect(words.totalCount == 2280 && !words.countIsAtLeast)
    }

    @Test("rows of deleted files are never counted or listed, whether the bound is passed or just reached")
    func ghostsAroundTheBound() throws {
        let store = try TemporaryFolder()
        // 51 of 200 articles say `kilat`.
        try writeDailyArticles(days: 67, into: store) { number, _ in
            (
                "\(number).txt", "Berita Nomor \(number)",
                "Jakarta - Isi \(number < 51 ? "kilat" : "umum") kabar \(number)."
            )
        }
        let index = try ArticleIndex(store: store.url, countingUpTo: 30)
        try index.update()
        func search() throws -> SearchResults {
            try index.search(SearchQuery("kilat"), filter: ArticleFilter(), offset: 0, limit: 60)
        }
        // 20 deleted: their rows stay in the FTS table, and 31 are left, one past the bound.
        for number in 0..<20 {
            try FileManager.default.removeItem(at: store.url.appendingPathComponent("\(number).txt"))
        }
        try index.update()
        let (ghosts, articles) = try index.database.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM ghost"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM article")
            )
        }
        #expect(ghosts == 20, "\(String(describing: ghosts)) \(String(describing: articles))")
        var results = try search()
        #expect(results.totalCount == 30 && results.countIsAtLeast)
        #expect(results.hits.count == 31)
        #expect(results.hits.allSatisfy { Int($0.summary.path.dropLast(4))! >= 20 })
        // One more deleted: 30 left with 21 rows of deleted files, exactly the bound.
        try FileManager.default.removeItem(at: store.url.appendingPathComponent("20.txt"))
        try index.update()
        results = try search()
        #expect(results.totalCount == 30 && !results.countIsAtLeast)
        #expect(results.hits.count == 30)
        #expect(try index.estimatedMatchCount(SearchQuery("kilat"), filter: ArticleFilter()) == MatchCount(30))
    }

    @Test("few matches, a sample that misses them, or a small archive: counted, not estimated")
    func counted() throws {
        let store = try Self.store()
        let index = try ArticleIndex(store: store.url, countingUpTo: 20, countSampling: Self.sampling)
        try index.update()
        let few = try index.estimatedMatchCount(
            SearchQuery("jarang from:2023-01-01 to:2023-01-20"), filter: ArticleFilter())
        #expect(few == MatchCount(15))
        // 25 matches within nine days, which no window of the sample reaches.
        let burst = try index.estimatedMatchCount(SearchQuery("sesaat"), filter: ArticleFilter())
        #expect(burst == MatchCount(try index.matchCount(SearchQuery("sesaat"), filter: ArticleFilter())))
        #expect(burst.count == 25)
        // Dates that leave too few articles to sample.
        let narrow = try index.estimatedMatchCount(
            SearchQuery("umum from:2023-01-01 to:2023-01-20"), filter: ArticleFilter())
        #expect(narrow == MatchCount(60))
    }
}
