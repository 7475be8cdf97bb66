import Articles
import Foundation
import GRDB
import KabarTestSupport
import Library
import SampleStore
import Search
import Testing

@testable import ArticleIndex

/// A copy of the sample store in a temporary folder, indexed in memory.
func indexedSampleCopy() throws -> (TemporaryFolder, ArticleIndex) {
    let folder = try TemporaryFolder()
    try folder.copyContents(of: SampleStore.url, into: "2024/06")
    let index = try ArticleIndex(store: folder.url)
    try index.update()
    return (folder, index)
}

extension ArticleIndex {
    /// The columns an index of the database covers, in order.
    func indexedColumns(_ index: String) throws -> [String] {
        try database.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno", arguments: [index])
        }
    }
}

@Suite("Index of a store")
struct ArticleIndexTests {
    func sampleCopy() throws -> (TemporaryFolder, ArticleIndex) { try indexedSampleCopy() }

    @Test("the sample store indexes to five articles, newest first, undated last")
    func sampleStoreArticles() throws {
        let (store, index) = try sampleCopy()
        defer { withExtendedLifetime(store) {} }
        let articles = try index.articles(matching: ArticleFilter())
        #expect(articles.count == 5)
        #expect(articles.map { $0.published?.iso } == ["2024-06-25T14:40", "2024-06-20T11:33", nil, nil, nil])
        #expect(articles[0].outlet == "genpi.co")
        #expect(articles[0].path == "2024/06/001_1c96dbfa7ee8ac16.txt")
    }

    @Test("every article passing a filter is handed over in the list's order, as the whole list gives them")
    func forEachArticle() throws {
        let (store, index) = try sampleCopy()
        defer { withExtendedLifetime(store) {} }
        for filter in [
            ArticleFilter(), ArticleFilter(outletPrefix: "ge"),
            ArticleFilter(fromDay: "2024-06-21"), ArticleFilter(fromDay: "2024-06-01", includeUndated: true),
            ArticleFilter(outletPrefix: "none"),
        ] {
            // Pages of 2 (and one page): across page ends as within one.
            for pageSize in [2, 5000] {
                var seen: [ArticleSummary] = []
                try index.forEachArticle(matching: filter, pageSize: pageSize) { seen.append($0) }
                #expect(seen == (try index.articles(matching: filter)))
            }
        }
        // What is handed over may read the index (as `kabar list --text` reads each text).
        var texts = 0
        try index.forEachArticle(matching: ArticleFilter(), pageSize: 2) {
            if try index.article(id: $0.id)?.body.isEmpty == false { texts += 1 }
        }
        #expect(texts == 5)
        var count = 0
        try index.forEachArticle(matching: ArticleFilter()) { _ in count += 1 }
        #expect(count == 5)
    }

    @Test("a filter on the start of outlets' domains lists and searches every outlet so named, case ignored")
    func outletPrefixFilter() throws {
        let (store, index) = try sampleCopy()
        defer { withExtendedLifetime(store) {} }
        let filter = ArticleFilter(outletPrefix: "GE")
        let listed = try index.articles(matching: filter)
        #expect(Set(listed.compactMap(\.outlet)) == ["genpi.co", "gemalantang.com"])
        #expect(listed.allSatisfy { filter.admits(outlet: $0.outlet, published: $0.published) })
        #expect(!filter.admits(outlet: "bdadinfo.com", published: nil))
        #expect(try index.articles(matching: ArticleFilter(outletPrefix: "genpi.co")).count == 1)
        #expect(try index.articles(matching: ArticleFilter(outletPrefix: "g_")).isEmpty)
        #expect(try index.search(SearchQuery("putin"), filter: filter, limit: 50).totalCount == 2)
        #expect(
            try index.search(SearchQuery("kirby"), filter: ArticleFilter(outletPrefix: "genpi"), limit: 50).totalCount
                == 0)
    }

    @Test("searching Kirby finds the one article that names him, with a marked snippet")
    func searchFindsKirby() throws {
        let (store, index) = try sampleCopy()
        defer { withExtendedLifetime(store) {} }
        let results = try index.search(SearchQuery("Kirby"), filter: ArticleFilter(), limit: 50)
        #expect(results.totalCount == 1)
        let hit = try #require(results.hits.first)
        #expect(hit.summary.outlet == "gemalantang.com")
        let bytes = Array(hit.snippet.utf8)
        #expect(hit.snippetMatches.map { String(decoding: bytes[$0], as: UTF8.self) } == ["Kirby"])
    }

    @Test("person:, org: and place: find the articles that mention such an entity, alone or with words")
    func entityFieldSearch() throws {
        let (store, index) = try sampleCopy()
        defer { withExtendedLifetime(store) {} }
        let kirby = try index.search(SearchQuery("person:kirby"), filter: ArticleFilter(), limit: 50)
        #expect(kirby.totalCount == 1)
        #expect(kirby.hits.first?.summary.outlet == "gemalantang.com")
        let putin = try index.search(SearchQuery("person:putin"), filter: ArticleFilter(), limit: 50)
        #expect(putin.totalCount >= 3)
        let narrowed = try index.search(SearchQuery("person:putin Kirby"), filter: ArticleFilter(), limit: 50)
        #expect(narrowed.totalCount == 1)
        #expect(try index.search(SearchQuery("place:kirby"), filter: ArticleFilter(), limit: 50).totalCount == 0)
        #expect(try index.search(SearchQuery("person:%"), filter: ArticleFilter(), limit: 50).totalCount == 0)
        let places = try index.search(SearchQuery("place:\"korea utara\""), filter: ArticleFilter(), limit: 50)
        #expect(places.totalCount >= 2)
    }

    @Test("the index keeps each article's quotes: by speaker, newest first, counted per person, gone with the file")
    func quotes() throws {
        let (store, index) = try sampleCopy()
        defer { withExtendedLifetime(store) {} }
        let blinken = try index.quotes(bySpeaker: "blinken", filter: ArticleFilter(), limit: nil)
        #expect(blinken.count == 2)
        #expect(blinken.allSatisfy { $0.speaker == "Antony Blinken" && $0.kind == .direct })
        #expect(blinken.map(\.start) == blinken.map(\.start).sorted())
        #expect(blinken.first?.excerpt.hasPrefix("dalam keputusasaan") == true)
        let all = try index.quotes(bySpeaker: nil, filter: ArticleFilter(), limit: nil)
        let dated = all.compactMap { $0.article.published?.iso }
        #expect(dated == dated.sorted(by: >))
        let counts = try index.quoteCounts(speakers: ["Antony Blinken", "Vladimir Putin", "Nobody Here"])
        #expect(counts["Antony Blinken"] == 2)
        #expect((counts["Vladimir Putin"] ?? 0) >= 2)
        #expect(counts["Nobody Here"] == nil)
        // LIKE's own characters in a name are plain letters.
        #expect(try index.quotes(bySpeaker: "%", filter: ArticleFilter(), limit: nil).isEmpty)
        #expect(try index.quoteCounts(speakers: ["_"]).isEmpty)
        // The article's file removed: its quotes go with it.
        try FileManager.default.removeItem(at: store.url.appendingPathComponent("2024/06/003_3b51c1f6be3a65c5.txt"))
        _ = try index.update()
        #expect(try index.quotes(bySpeaker: "blinken", filter: ArticleFilter(), limit: nil).isEmpty)
    }

    @Test("every query finds exactly the articles the query language says it admits")
    func searchAgreesWithMeaning() throws {
        let (store, index) = try sampleCopy()
        defer { withExtendedLifetime(store) {} }
        let articles = try index.articles(matching: ArticleFilter()).compactMap { try index.article(id: $0.id) }
        #expect(articles.count == 5)
        let today = QueryMeaningCases.sampleToday
        let queries = QueryMeaningCases.sampleQueries
        var partial = 0
        var stemmed = 0
        for text in queries {
            let query = SearchQuery(text, today: today)
            #expect(query.error == nil, "\(text)")
            let expected = Set(articles.filter { query.admits($0, stemmer: .standard) }.map(\.summary.id))
            if expected != Set(articles.filter { query.admits($0) }.map(\.summary.id)) { stemmed += 1 }
            let results = try index.search(query, filter: ArticleFilter(), limit: 50)
            #expect(Set(results.hits.map(\.summary.id)) == expected, "\(text)")
            #expect(results.totalCount == expected.count, "\(text)")
            if (1..<articles.count).contains(expected.count) { partial += 1 }
        }
        // The queries tell the articles apart: most find some of them, not none or all.
        #expect(partial >= 12, "\(partial)")
        // Some queries find articles only through other forms of their words.
        #expect(stemmed >= 4, "\(stemmed)")
        // Newest first, or oldest first, on request.
        let old = try index.search(SearchQuery("sort:old korea", today: today), filter: ArticleFilter(), limit: 50)
        let dated = old.hits.compactMap { $0.summary.published?.iso }
        #expect(dated == dated.sorted())
        let new = try index.search(SearchQuery("sort:new korea", today: today), filter: ArticleFilter(), limit: 50)
        #expect(new.hits.compactMap { $0.summary.published?.iso } == dated.reversed())
        // A query that does not parse finds nothing and raises nothing.
        #expect(try index.search(SearchQuery("(putin"), filter: ArticleFilter(), limit: 50).totalCount == 0)
    }

    @Test("search ignores case and diacritics, ranks titles first and counts every match")
    func searchRanking() throws {
        let (store, index) = try sampleCopy()
        defer { withExtendedLifetime(store) {} }
        let results = try index.search(SearchQuery("PUTIN"), filter: ArticleFilter(), limit: 2)
        #expect(results.totalCount == 5)
        #expect(results.hits.count == 2)
        #expect(results.hits.allSatisfy { $0.summary.title?.contains("Putin") == true })
    }

    @Test("search pages follow one another: every match once, in the order of one long page")
    func searchPages() throws {
        let (store, index) = try sampleCopy()
        defer { withExtendedLifetime(store) {} }
        for text in ["putin", "sort:new putin", "sort:old putin", "korea"] {
            let query = SearchQuery(text)
            let whole = try index.search(query, filter: ArticleFilter(), limit: 50)
            var paged: [Int64] = []
            for offset in stride(from: 0, to: whole.totalCount + 2, by: 2) {
                let page = try index.search(query, filter: ArticleFilter(), offset: offset, limit: 2)
                #expect(page.totalCount == whole.totalCount, "\(text)")
                paged += page.hits.map(\.summary.id)
            }
            #expect(whole.totalCount > 2, "\(text)")
            #expect(paged == whole.hits.map(\.summary.id), "\(text)")
        }
    }

    @Test("boilerplate is not searchable")
    func boilerplateIsNotIndexed() throws {
        let (store, index) = try sampleCopy()
        defer { withExtendedLifetime(store) {} }
        // "Zodiak" appears only in a BACA JUGA link of the GenPI article.
        #expect(try index.search(SearchQuery("Zodiak"), filter: ArticleFilter(), limit: 10).totalCount == 0)
    }

    @Test("filters narrow by outlet and by date range")
    func filters() throws {
        let (store, index) = try sampleCopy()
        defer { withExtendedLifetime(store) {} }
        #expect(try index.articles(matching: ArticleFilter(outlet: "genpi.co")).map(\.outlet) == ["genpi.co"])
        let june20 = try index.articles(matching: ArticleFilter(fromDay: "2024-06-20", toDay: "2024-06-20"))
        #expect(june20.map(\.outlet) == ["radardetik.id"])
        let june = try index.articles(matching: ArticleFilter(fromDay: "2024-06-01", toDay: "2024-06-30"))
        #expect(june.count == 2)
        #expect(try index.articles(matching: ArticleFilter(toDay: "2024-06-19")).isEmpty)
        let filtered = try index.search(SearchQuery("putin"), filter: ArticleFilter(outlet: "bdadinfo.com"), limit: 10)
        #expect(filtered.totalCount == 1)
        #expect(filtered.hits.map(\.summary.outlet) == ["bdadinfo.com"])
    }

    @Test("outlets come with their article counts")
    func outletCounts() throws {
        let (store, index) = try sampleCopy()
        defer { withExtendedLifetime(store) {} }
        let outlets = try index.outlets()
        #expect(outlets.count == 5)
        #expect(outlets.allSatisfy { $0.count == 1 })
        #expect(
            Set(outlets.compactMap(\.outlet)) == [
                "gemalantang.com", "genpi.co", "radardetik.id", "samudrafakta.com", "bdadinfo.com",
            ])
    }

    @Test("an opened article has its cleaned body, entities and the boilerplate it lost")
    func storedArticle() throws {
        let (store, index) = try sampleCopy()
        defer { withExtendedLifetime(store) {} }
        let id = try #require(try index.articleID(path: "2024/06/000_1d47c5372f499aee.txt"))
        let article = try #require(try index.article(id: id))
        #expect(article.body.split(separator: "\n").count == 9)
        #expect(article.strippedLines.map(\.number) == [4, 8, 11, 13, 14, 15, 16, 17])
        #expect(article.bodyLineNumbers == [1, 2, 3, 5, 6, 7, 9, 10, 12])
        #expect(article.rawLines.map(\.line.number) == Array(1...17))
        let names = Set(article.entities.map { $0.text(in: article.body) })
        #expect(names.contains("Vladimir Putin"))
        #expect(names.contains("John Kirby"))
        #expect(try index.article(id: 9999) == nil)
    }

    @Test("a second update reads only new and changed files and forgets deleted ones")
    func incrementalUpdate() throws {
        let (folder, index) = try sampleCopy()
        let again = try index.update()
        #expect(again.added == 0 && again.updated == 0 && again.removed == 0 && again.unchanged == 5)

        try folder.write(
            "new/extra.txt",
            "Judul Artikel Baru Tentang Kirby\n\nJakarta - Isi artikel yang cukup panjang tentang Kirby dan hal lain.")
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("2024/06/004_6738c794eb8b6589.txt"))
        let changed = folder.url.appendingPathComponent("2024/06/003_3b51c1f6be3a65c5.txt")
        try String(contentsOf: changed, encoding: .utf8).replacingOccurrences(of: "Putin", with: "Kirby")
            .write(
                to: changed, atomically: false, encoding: .utf8)
        let report = try index.update()
        #expect(report.added == 1)
        #expect(report.updated == 1)
        #expect(report.removed == 1)
        #expect(report.unchanged == 3)
        #expect(try index.count() == 5)
        #expect(try index.search(SearchQuery("Kirby"), filter: ArticleFilter(), limit: 10).totalCount == 3)
    }

    @Test("only .txt files are articles; other files are ignored")
    func onlyTextFiles() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.txt", "Judul Yang Cukup Panjang\n\nIsi berita yang cukup panjang untuk disebut paragraf.")
        try folder.write("notes.md", "# not an article")
        try folder.write("image.jpg", Data([0xFF, 0xD8, 0xFF]))
        try folder.write(
            "deep/er/b.TXT", "Judul Lain Yang Panjang\n\nIsi berita lain yang cukup panjang untuk paragraf.")
        let index = try ArticleIndex(store: folder.url)
        let report = try index.update()
        #expect(report.added == 2)
        #expect(try index.count() == 2)
    }

    @Test("empty, binary and unreadable files are skipped with a reason, and the rest is indexed")
    func badFilesAreSkipped() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "good.txt", "Judul Yang Cukup Panjang\n\nIsi berita yang cukup panjang untuk disebut paragraf.")
        try folder.write("empty.txt", "")
        try folder.write("binary.txt", Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x01]))
        let locked = try folder.write("locked.txt", "Judul\n\nIsi.")
        chmod(locked.path, 0o000)
        let index = try ArticleIndex(store: folder.url)
        let report = try index.update()
        // Root reads any file, so the locked one is indexed there.
        #expect(try index.count() == (getuid() == 0 ? 2 : 1))
        let reasons = Dictionary(uniqueKeysWithValues: report.skipped.map { ($0.path, $0.reason) })
        #expect(reasons["empty.txt"] == "empty file")
        #expect(reasons["binary.txt"]?.contains("binary") == true)
        if getuid() != 0 {
            #expect(reasons["locked.txt"]?.contains("cannot be read") == true)
        }
        #expect(try index.skippedFiles().map(\.path).contains("empty.txt"))
    }

    @Test("a store that does not exist or is a file gives a clear error")
    func badStorePaths() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("a.txt", "x")
        #expect(throws: StoreError.notFound(folder.url.appendingPathComponent("missing").path)) {
            try StoreScanner(root: folder.url.appendingPathComponent("missing")).scan()
        }
        #expect(throws: StoreError.notADirectory(file.path)) {
            try StoreScanner(root: file).scan()
        }
    }

    @Test("a file's absolute path is its URL's path, whatever the store's and the file's names hold")
    func filePaths() {
        let roots = ["/", "/srv/news", "/srv/news/", "/srv/berita terkini", "/srv/100% arsip", "/srv/kabar#1/..//x"]
        let paths = ["a.txt", "kompas.com/2024/06/Putin & Kim.txt", "berita/ñandú–é.txt", "x/%20y?.txt"]
        for root in roots {
            let scanner = StoreScanner(root: URL(fileURLWithPath: root, isDirectory: true))
            for path in paths {
                #expect(scanner.path(of: path) == scanner.url(of: path).path, "\(root) + \(path)")
            }
        }
    }

    @Test("indexing and reading never change a file of the store")
    func storeIsNeverWritten() throws {
        let folder = try TemporaryFolder()
        try folder.copyContents(of: SampleStore.url, into: "sample")
        try folder.write(
            "odd/crlf.txt", Data("Judul Dengan CRLF Panjang\r\n\r\nIsi paragraf yang cukup panjang.\r\n".utf8))
        try folder.write("odd/empty.txt", "")
        let before = try folder.fingerprint()
        // Let any write show up as a newer modification time.
        usleep(20_000)
        let indexFolder = try TemporaryFolder()
        let index = try ArticleIndex(url: indexFolder.url.appendingPathComponent("index.sqlite"), store: folder.url)
        try index.update()
        for summary in try index.articles(matching: ArticleFilter()) {
            _ = try index.article(id: summary.id)
        }
        _ = try index.search(SearchQuery("putin"), filter: ArticleFilter(), limit: 50)
        try index.update(full: true)
        let after = try folder.fingerprint()
        #expect(after == before)
        #expect(after.count == before.count)
    }

    @Test("the index lives in the XDG cache folder, one file per store")
    func indexLocation() {
        let a = IndexLocation.defaultURL(
            forStore: URL(fileURLWithPath: "/data/news"),
            environment: ["XDG_CACHE_HOME": "/tmp/cache", "HOME": "/home/u"])
        let b = IndexLocation.defaultURL(
            forStore: URL(fileURLWithPath: "/other/news"), environment: ["XDG_CACHE_HOME": "/tmp/cache"])
        let home = IndexLocation.defaultURL(
            forStore: URL(fileURLWithPath: "/data/news"), environment: ["HOME": "/home/u"])
        #expect(a.path.hasPrefix("/tmp/cache/kabar/indexes/news-"))
        #expect(a.pathExtension == "sqlite")
        #expect(a != b)
        #expect(home.path.hasPrefix("/home/u/.cache/kabar/indexes/news-"))
    }

    @Test(
        """
        an index of an older format version is emptied and built again: before stories weighed words by \
        their rarity in the days around (19), before stories took their anchors from the tagger's names (18), \
        before the line model (8) or long before (5)
        """,
        arguments: [5, 8, 18, 19])
    func olderExtractionIsRedone(version: Int) throws {
        let (folder, _) = try sampleCopy()
        defer { withExtendedLifetime(folder) {} }
        let indexFolder = try TemporaryFolder()
        let url = indexFolder.url.appendingPathComponent("index.sqlite")
        try ArticleIndex(url: url, store: folder.url).update()
        let queue = try DatabaseQueue(path: url.path)
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA user_version = \(version)") }
        try queue.close()
        let reopened = try ArticleIndex(url: url, store: folder.url)
        #expect(try reopened.count() == 0)
        #expect(try reopened.update().added == 5)
        #expect(try reopened.count() == 5)
    }

    @Test("an index made by another way of reading pages is built again, and only once")
    func otherExtractionIsRedone() throws {
        let (folder, _) = try sampleCopy()
        defer { withExtendedLifetime(folder) {} }
        let indexFolder = try TemporaryFolder()
        let url = indexFolder.url.appendingPathComponent("index.sqlite")
        let rulesAlone = ArticleExtractor(lineModel: nil)
        let first = try ArticleIndex(url: url, store: folder.url, extractor: rulesAlone).update()
        #expect(first.added == 5 && !first.rebuilt)
        let same = try ArticleIndex(url: url, store: folder.url, extractor: rulesAlone).update()
        #expect(same.unchanged == 5 && same.added == 0 && !same.rebuilt)

        let withModel = ArticleExtractor()
        #expect(withModel.identity != rulesAlone.identity)
        let redone = try ArticleIndex(url: url, store: folder.url, extractor: withModel).update()
        #expect(redone.rebuilt)
        #expect(redone.added == 5)
        let reopened = try ArticleIndex(url: url, store: folder.url, extractor: withModel)
        #expect(try reopened.count() == 5)
        let again = try reopened.update()
        #expect(again.unchanged == 5 && !again.rebuilt)
    }

    @Test("an index file reopens with its articles")
    func reopens() throws {
        let (folder, _) = try sampleCopy()
        defer { withExtendedLifetime(folder) {} }
        let indexFolder = try TemporaryFolder()
        let url = indexFolder.url.appendingPathComponent("sub/index.sqlite")
        try ArticleIndex(url: url, store: folder.url).update()
        let reopened = try ArticleIndex(url: url, store: folder.url)
        #expect(try reopened.count() == 5)
        #expect(try reopened.update().unchanged == 5)
    }
}
