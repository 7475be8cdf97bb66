import Articles
import Foundation
import GRDB
import KabarTestSupport
import Library
import Search
import Testing

@testable import ArticleIndex

@Suite("Index storage: stems, id order, folders, changed files")
struct IndexStorageTests {
    static func page(_ outlet: String, _ title: String, _ date: String, _ body: String) -> String {
        "\(outlet)\n\n\(title)\n\n\(date)\n\n\(body)\n\nBaca Juga: Berita Lain Yang Tidak Dicari\n"
    }

    /// Three articles that say "sign" three ways, dated a day apart.
    func signingStore() throws -> (TemporaryFolder, ArticleIndex) {
        let folder = try TemporaryFolder()
        try folder.write(
            "a/1.txt",
            Self.page(
                "kompas.com", "Presiden Menandatangani Perjanjian Dagang", "Senin, 3 Juni 2024 | 10:00 WIB",
                "Presiden menandatangani perjanjian dagang dengan negara tetangga di Jakarta pada hari Senin."))
        try folder.write(
            "a/2.txt",
            Self.page(
                "detik.com", "Perjanjian Dagang Resmi Berlaku", "Selasa, 4 Juni 2024 | 10:00 WIB",
                "Perjanjian yang ditandatangani kedua negara itu resmi berlaku mulai pekan depan, kata menteri."))
        try folder.write(
            "b/3.txt",
            Self.page(
                "kompas.com", "Warga Kumpulkan Tanda Tangan Petisi", "Rabu, 5 Juni 2024 | 10:00 WIB",
                "Ratusan warga mengumpulkan tanda tangan untuk petisi penolakan tambang di desa mereka."))
        let index = try ArticleIndex(store: folder.url)
        try index.update()
        return (folder, index)
    }

    @Test(
        "an affixed word and its root find each other, compounds written apart included",
        arguments: ["menandatangani", "ditandatangani", "tanda tangan", "penandatanganan", "Tandatangan"])
    func stemsFindEachOther(query: String) throws {
        let (folder, index) = try signingStore()
        defer { withExtendedLifetime(folder) {} }
        let results = try index.search(SearchQuery(query), filter: ArticleFilter(), limit: 10)
        #expect(results.totalCount == 3, "\(query)")
        #expect(try index.matchCount(SearchQuery(query), filter: ArticleFilter()) == 3)
        // The snippet marks the form the article uses.
        let marked = results.hits.flatMap { hit in
            hit.snippetMatches.map { String(decoding: Array(hit.snippet.utf8)[$0], as: UTF8.self).lowercased() }
        }
        #expect(Set(marked).isSuperset(of: ["menandatangani", "ditandatangani"]), "\(marked)")
    }

    @Test("a quoted phrase stays exact, and an unrelated word is not found through a stem")
    func phrasesStayExact() throws {
        let (folder, index) = try signingStore()
        defer { withExtendedLifetime(folder) {} }
        #expect(try index.search(SearchQuery("\"tanda tangan\""), filter: ArticleFilter(), limit: 10).totalCount == 1)
        #expect(try index.search(SearchQuery("tangan"), filter: ArticleFilter(), limit: 10).totalCount == 1)
        #expect(try index.search(SearchQuery("berlaku"), filter: ArticleFilter(), limit: 10).totalCount == 1)
    }

    @Test("ids follow publication time: newest first is id order, days are id ranges")
    func idsInPublicationOrder() throws {
        let (folder, index) = try signingStore()
        defer { withExtendedLifetime(folder) {} }
        let articles = try index.articles(matching: ArticleFilter())
        #expect(articles.map(\.path) == ["b/3.txt", "a/2.txt", "a/1.txt"])
        #expect(articles.map(\.id) == articles.map(\.id).sorted(by: >))
        let june4 = try index.articles(matching: ArticleFilter(fromDay: "2024-06-04", toDay: "2024-06-04"))
        #expect(june4.map(\.path) == ["a/2.txt"])
        let query = SearchQuery("perjanjian from:2024-06-04")
        #expect(try index.search(query, filter: ArticleFilter(), limit: 10).hits.map(\.summary.path) == ["a/2.txt"])
        #expect(
            try index.search(SearchQuery("outlet:kompas sort:old"), filter: ArticleFilter(), limit: 10).hits.map(
                \.summary.path) == ["a/1.txt", "b/3.txt"])
        #expect(ArticleKey.range(fromDay: "2024-06-05", toDay: "2024-06-04")?.isEmpty == true)
    }

    /// One day's articles at times out of file order, one with the day alone, and two undated.
    func sameDayStore() throws -> (TemporaryFolder, ArticleIndex) {
        let folder = try TemporaryFolder()
        let times = [("a.txt", "18:17"), ("b.txt", "16:18"), ("c.txt", "20:04"), ("d.txt", "11:32")]
        for (name, time) in times {
            try folder.write(
                "day/\(name)",
                Self.page(
                    "kompas.com", "Berita Pukul \(time) Hari Ini", "Senin, 3 Juni 2024 | \(time) WIB",
                    "Isi berita yang diterbitkan pada pukul \(time) di Jakarta pada hari Senin itu."))
        }
        try folder.write(
            "day/e.txt",
            Self.page(
                "kompas.com", "Berita Tanpa Jam Terbit", "Senin, 3 Juni 2024",
                "Isi berita yang hanya menyebut harinya tanpa jam terbit di Jakarta."))
        for name in ["f.txt", "g.txt"] {
            try folder.write(
                "undated/\(name)",
                "Berita Tanpa Tanggal \(name)\n\nIsi berita yang tidak menyebut tanggal terbitnya sama sekali.\n")
        }
        let index = try ArticleIndex(store: folder.url)
        try index.update()
        return (folder, index)
    }

    @Test("within a day the list is newest first by time of day, the day alone after its times, undated last")
    func newestFirstWithinADay() throws {
        let (folder, index) = try sameDayStore()
        defer { withExtendedLifetime(folder) {} }
        let articles = try index.articles(matching: ArticleFilter())
        #expect(
            articles.map { $0.published?.iso }
                == [
                    "2024-06-03T20:04", "2024-06-03T18:17", "2024-06-03T16:18", "2024-06-03T11:32", "2024-06-03",
                    nil, nil,
                ])
        #expect(articles.map(\.id) == articles.map(\.id).sorted(by: >))
        let day = try index.articles(matching: ArticleFilter(fromDay: "2024-06-03", toDay: "2024-06-03"))
        #expect(day.count == 5)
        let oldest = try index.search(SearchQuery("berita sort:old"), filter: ArticleFilter(), limit: 10)
        #expect(oldest.hits.map { $0.summary.published?.iso }.prefix(2) == ["2024-06-03", "2024-06-03T11:32"])
        #expect(oldest.hits.suffix(2).allSatisfy { $0.summary.published == nil })
    }

    @Test("every id is a plain positive number, undated articles' below every dated one")
    func idsArePositive() throws {
        let (folder, index) = try sameDayStore()
        defer { withExtendedLifetime(folder) {} }
        let articles = try index.articles(matching: ArticleFilter())
        #expect(articles.allSatisfy { $0.id > 0 })
        let undated = articles.filter { $0.published == nil }.map(\.id)
        let dated = articles.filter { $0.published != nil }.map(\.id)
        #expect(undated.count == 2)
        #expect(undated.max()! < dated.min()!)
        // Far dates keep their order and stay positive too.
        let slots = ["1900-01-01", "1950-07-15T08:00", "2200-12-31T23:59"].map {
            ArticleKey.firstID(ofSlot: ArticleKey.slot(of: PublishedDate(iso: $0))!)
        }
        #expect(slots == slots.sorted() && slots.allSatisfy { $0 >= ArticleKey.firstDatedID })
    }

    @Test(
        "a date range can let undated articles through, and counts those it hides; articles without outlet can be chosen"
    )
    func undatedAndUnknownOutlet() throws {
        let (folder, index) = try sameDayStore()
        defer { withExtendedLifetime(folder) {} }
        let june3 = ArticleFilter(fromDay: "2024-06-03", toDay: "2024-06-03")
        #expect(try index.articles(matching: june3).count == 5)
        #expect(try index.undatedCount(matching: june3) == 2)
        var withUndated = june3
        withUndated.includeUndated = true
        let listed = try index.articles(matching: withUndated)
        #expect(listed.count == 7)
        #expect(listed.suffix(2).allSatisfy { $0.published == nil })
        #expect(try index.search(SearchQuery("berita"), filter: withUndated, limit: 10).totalCount == 7)
        #expect(try index.search(SearchQuery("berita"), filter: june3, limit: 10).totalCount == 5)
        let unknown = ArticleFilter(withoutOutlet: true)
        #expect(try index.articles(matching: unknown).map(\.path) == ["undated/f.txt", "undated/g.txt"])
        #expect(try index.search(SearchQuery("berita"), filter: unknown, limit: 10).totalCount == 2)
        #expect(try index.undatedCount(matching: ArticleFilter(outlet: "kompas.com")) == 0)
        #expect(try index.outlets().contains(OutletCount(outlet: nil, count: 2)))
    }

    @Test("newest first reads the article table in id order, with no sorting step")
    func newestFirstNeedsNoSort() throws {
        let (folder, index) = try sameDayStore()
        defer { withExtendedLifetime(folder) {} }
        let plan = try index.database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    EXPLAIN QUERY PLAN SELECT \(ArticleIndex.summaryColumns) FROM article a \(ArticleIndex.summaryJoin)
                    WHERE a.id >= 0 AND a.id < 9000000000000 ORDER BY a.id DESC LIMIT 500
                    """
            ).map { $0["detail"] as String? ?? "" }.joined(separator: "\n")
        }
        #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
    }

    @Test("a changed folder's files are read from the folder index alone, in a new index and in one of format 21")
    func folderFilesFromTheirIndex() throws {
        let (folder, index) = try signingStore()
        defer { withExtendedLifetime(folder) {} }
        func plan(_ index: ArticleIndex) throws -> String {
            try index.database.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + ArticleIndex.folderFiles, arguments: [1])
                    .map { $0["detail"] as String? ?? "" }.joined(separator: "\n")
            }
        }
        let newPlan = try plan(index)
        #expect(newPlan.contains("COVERING INDEX article_folder"), "\(newPlan)")
        // An index of format 21 (its folder index of folder ids alone) is brought forward in place.
        let indexFolder = try TemporaryFolder()
        let url = indexFolder.url.appendingPathComponent("index.sqlite")
        try ArticleIndex(url: url, store: folder.url).update()
        let queue = try DatabaseQueue(path: url.path)
        try queue.writeWithoutTransaction { db in
            try db.execute(
                sql:
                    "DROP INDEX article_folder; CREATE INDEX article_folder ON article(folder); PRAGMA user_version = 21"
            )
        }
        try queue.close()
        let reopened = try ArticleIndex(url: url, store: folder.url)
        #expect(try reopened.indexedColumns("article_folder") == ["folder", "path", "size", "mtime"])
        #expect(try plan(reopened).contains("COVERING INDEX article_folder"))
        #expect(try reopened.count() == 3)
        // Nothing to read again, and a new file in a known folder is found beside the others.
        try folder.write(
            "a/9.txt",
            Self.page(
                "kompas.com", "Warga Menandatangani Petisi Baru", "Rabu, 5 Juni 2024 | 10:00 WIB",
                "Ratusan warga menandatangani petisi baru di balai kota pada hari Rabu pagi."))
        let report = try reopened.update()
        #expect(report.added == 1 && report.updated == 0 && report.removed == 0 && !report.rebuilt)
        #expect(try reopened.count() == 4)
    }

    @Test(
        "a file's article, and the articles of chosen files, are found through the folder index, at the root and in folders"
    )
    func articlesOfFilesFromTheFolderIndex() throws {
        let (folder, index) = try signingStore()
        defer { withExtendedLifetime(folder) {} }
        try folder.write(
            "4.txt",
            Self.page(
                "detik.com", "Menteri Meninjau Pelabuhan", "Kamis, 6 Juni 2024 | 10:00 WIB",
                "Menteri meninjau pelabuhan baru di pantai utara pada hari Kamis bersama gubernur."))
        try folder.write(
            "b/c/5.txt",
            Self.page(
                "kompas.com", "Nelayan Menunggu Cuaca", "Jumat, 7 Juni 2024 | 10:00 WIB",
                "Para nelayan menunggu cuaca membaik sebelum melaut lagi, kata ketua kelompok nelayan."))
        try index.update()
        let all = try index.articles(matching: ArticleFilter())
        #expect(all.count == 5)
        for summary in all {
            #expect(try index.articleID(path: summary.path) == summary.id, "\(summary.path)")
        }
        #expect(try index.articleID(path: "b/4.txt") == nil)
        #expect(try index.articleID(path: "c/5.txt") == nil)
        #expect(try index.articleID(path: "nowhere/1.txt") == nil)
        let chosen: Set<String> = ["4.txt", "b/c/5.txt", "a/1.txt", "a/9.txt"]
        let listed = try index.articles(matching: ArticleFilter(paths: chosen)).map(\.path)
        #expect(listed == ["b/c/5.txt", "4.txt", "a/1.txt"])
        let found = try index.search(SearchQuery("nelayan OR menteri"), filter: ArticleFilter(paths: chosen), limit: 10)
        #expect(found.hits.map(\.summary.path) == ["b/c/5.txt", "4.txt"])
        #expect(try index.articles(matching: ArticleFilter(paths: [])).isEmpty)
        let plans = try index.database.read { db in
            try [
                (ArticleIndex.idOfPath, StatementArguments(["a", "a/1.txt"])),
                (ArticleIndex.idsOfPaths, StatementArguments([ArticleIndex.pathsAndFolders(["a/1.txt", "4.txt"])])),
            ].map { sql, arguments in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
                    .map { $0["detail"] as String? ?? "" }.joined(separator: "\n")
            }
        }
        for plan in plans {
            #expect(plan.contains("COVERING INDEX article_folder (folder=? AND path=?)"), "\(plan)")
            #expect(!plan.contains("SCAN article") && !plan.contains("SCAN x"), "\(plan)")
        }
    }

    @Test("a query of filters alone lists articles without reading their files; one with words shows a snippet")
    func filtersAloneReadNoFiles() throws {
        let (folder, index) = try signingStore()
        defer { withExtendedLifetime(folder) {} }
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("a/1.txt"))
        let listed = try index.search(SearchQuery("outlet:kompas"), filter: ArticleFilter(), limit: 10)
        #expect(listed.hits.map(\.summary.path) == ["b/3.txt", "a/1.txt"])
        #expect(listed.hits.map(\.snippet) == ["", ""])
        let found = try index.search(SearchQuery("petisi outlet:kompas"), filter: ArticleFilter(), limit: 10)
        #expect(found.hits.first?.snippet.hasPrefix("Ratusan warga") == true)
    }

    @Test("an update's larger page cache and rarer checkpoints last only while it runs")
    func updateSettingsRestored() throws {
        let folder = try TemporaryFolder()
        try folder.write("a/1.txt", Self.page("kompas.com", "Banjir Rob", "Senin, 1 Juli 2024 | 10:00 WIB", "Banjir."))
        let index = try ArticleIndex(
            url: folder.url.appendingPathComponent("index.sqlite"), store: folder.url.appendingPathComponent("a"))
        func settings() throws -> [Int] {
            try index.database.read { db in
                [
                    try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? 0,
                    try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? 0,
                ]
            }
        }
        let before = try settings()
        try index.update()
        #expect(try index.count() == 1)
        #expect(try settings() == before)
        #expect(before != [-16384, 16384])
    }

    @Test("a page of many hits, its snippets read on every core, gives each hit its own article's snippet, in order")
    func manySnippetsEachItsOwn() throws {
        let folder = try TemporaryFolder()
        let numbers = ["satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh"]
        for (day, number) in numbers.enumerated() {
            for hour in 0..<3 {
                try folder.write(
                    "\(number)-\(hour).txt",
                    Self.page(
                        "kompas.com", "Banjir Rob Hari Ke\(number.capitalized) Jam \(hour)",
                        "Senin, \(day + 1) Juli 2024 | \(10 + hour):00 WIB",
                        "Warga desa \(number)\(hour) mengungsi karena banjir rob yang datang sejak pagi."))
            }
        }
        let index = try ArticleIndex(store: folder.url)
        try index.update()
        let found = try index.search(SearchQuery("banjir sort:newest"), filter: ArticleFilter(), limit: 50)
        #expect(found.hits.count == 30)
        for hit in found.hits {
            let name = (hit.summary.path as NSString).deletingPathExtension.replacingOccurrences(of: "-", with: "")
            #expect(hit.snippet.contains("desa \(name) mengungsi"), "\(hit.summary.path): \(hit.snippet)")
            let marked = hit.snippetMatches.map { String(decoding: Array(hit.snippet.utf8)[$0], as: UTF8.self) }
            #expect(marked == ["banjir"])
        }
        let dates = found.hits.compactMap { $0.summary.published?.iso }
        #expect(dates.count == 30 && dates == dates.sorted(by: >))
    }

    @Test("a re-scan lists only folders whose time changed; a full one finds files rewritten in place")
    func foldersWithTheSameTimeAreNotListed() throws {
        let (folder, index) = try signingStore()
        defer { withExtendedLifetime(folder) {} }
        let file = folder.url.appendingPathComponent("a/1.txt")
        let folderPath = folder.url.appendingPathComponent("a").path
        var before = stat()
        stat(folderPath, &before)
        try Self.page(
            "kompas.com", "Judul Baru Sama Sekali", "Senin, 3 Juni 2024 | 10:00 WIB", "Isi baru tentang gajah."
        )
        .write(to: file, atomically: false, encoding: .utf8)
        // Writing in place leaves the folder's time alone.
        var after = stat()
        stat(folderPath, &after)
        #expect(after.st_mtim.tv_nsec == before.st_mtim.tv_nsec && after.st_mtim.tv_sec == before.st_mtim.tv_sec)
        let quick = try index.update()
        #expect(quick.added + quick.updated == 0 && quick.unchanged == 3)
        let full = try index.update(full: true)
        #expect(full.updated == 1)
        // The old words of the rewritten article are gone from results and counts.
        #expect(try index.search(SearchQuery("gajah"), filter: ArticleFilter(), limit: 10).totalCount == 1)
        #expect(try index.matchCount(SearchQuery("menandatangani"), filter: ArticleFilter()) == 2)
        #expect(try index.search(SearchQuery("menandatangani"), filter: ArticleFilter(), limit: 10).hits.count == 2)
        // A new file makes its folder's time change, so a quick re-scan finds it.
        try folder.write(
            "b/4.txt", Self.page("tempo.co", "Berita Keempat Hari Ini", "Kamis, 6 Juni 2024", "Isi keempat."))
        #expect(try index.update().added == 1)
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("b"))
        let removed = try index.update()
        #expect(removed.removed == 2)
        #expect(try index.count() == 2)
    }

    @Test("an article whose file went away since indexing gives an error naming the file")
    func missingFileIsNamed() throws {
        let (folder, index) = try signingStore()
        defer { withExtendedLifetime(folder) {} }
        let id = try #require(try index.articleID(path: "a/2.txt"))
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("a/2.txt"))
        #expect {
            _ = try index.article(id: id)
        } throws: { error in
            "\(error)".contains("a/2.txt") && "\(error)".contains("cannot be read")
        }
        // Search still answers, with the title where the text is gone.
        let results = try index.search(SearchQuery("perjanjian"), filter: ArticleFilter(), limit: 10)
        #expect(results.totalCount == 2)
    }

    @Test("body line numbers are kept as runs")
    func lineRanges() {
        for numbers in [[], [3], [3, 4, 5, 7, 9, 10], [1, 2, 3, 4]] {
            #expect(LineRanges.decode(LineRanges.encode(numbers)) == numbers)
        }
        #expect(LineRanges.encode([3, 4, 5, 7, 9, 10]) == "3-5,7,9-10")
        #expect(LineRanges.decode("x,5-2,8") == [8])
    }
}
