import Articles
import Foundation
import GRDB
import KabarTestSupport
import Library
import Search
import Testing

@testable import ArticleIndex

@Suite("Store-wide templates in the index")
struct TemplateIndexTests {
    static let footer = "Tentang Kami Pedoman Media Siber"

    /// A page of one outlet (its dateline names it) with the outlet's footer line, or another one.
    static func page(_ number: Int, footer: String = footer) -> String {
        """
        Harga Beras Naik di Pasar Induk Kota Nomor \(number)

        Jakarta, CNN Indonesia -- Harga beras di pasar induk naik lagi pekan ini menurut para pedagang \(number).

        Pedagang mengatakan pasokan dari daerah berkurang karena musim hujan yang panjang tahun ini.

        \(footer)
        """
    }

    /// The counts the index keeps, checked against a count made afresh from each file's hashes.
    static func counts(_ index: ArticleIndex) throws -> (pages: Int, footer: Int) {
        try index.database.read { db in
            let group = try #require(
                try Int64.fetchOne(db, sql: "SELECT id FROM template_group WHERE name = 'cnnindonesia.com'"))
            var recount: [Int64: Int] = [:]
            for blob in try Data.fetchAll(db, sql: "SELECT hashes FROM template_page WHERE grp = ?", arguments: [group])
            {
                for hash in ArticleIndex.hashes(fromBlob: blob) { recount[Int64(bitPattern: hash), default: 0] += 1 }
            }
            let stored = try Row.fetchAll(
                db, sql: "SELECT hash, pages FROM template_line WHERE grp = ?", arguments: [group])
            #expect(stored.count == recount.count)
            for row in stored { #expect(recount[row["hash"]] == row["pages"]) }
            let pages =
                try Int.fetchOne(db, sql: "SELECT pages FROM template_group WHERE id = ?", arguments: [group]) ?? 0
            let pageRows =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM template_page WHERE grp = ?", arguments: [group]) ?? 0
            #expect(pages == pageRows)
            let footer = recount[Int64(bitPattern: PageTemplates.hash(of: Self.footer)!)] ?? 0
            return (pages, footer)
        }
    }

    @Test("the counts follow files as they are added, changed and removed")
    func countsFollowTheStore() throws {
        let folder = try TemporaryFolder()
        for number in 0..<4 { try folder.write("news/\(number).txt", Self.page(number)) }
        let index = try ArticleIndex(store: folder.url)
        try index.update()
        #expect(try Self.counts(index) == (4, 4))

        try folder.write("news/4.txt", Self.page(4))
        try folder.write("news/1.txt", Self.page(1, footer: "Ruang Redaksi Kami"))
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("news/2.txt"))
        let report = try index.update()
        #expect(report.added == 1 && report.updated == 1 && report.removed == 1)
        #expect(try Self.counts(index) == (4, 3))

        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("news"))
        try index.update()
        #expect(try index.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM template_line") } == 0)
        #expect(try index.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM template_group") } == 0)
    }

    @Test("a line most pages of an outlet share is left out of the articles' text and searches")
    func furnitureNotIndexed() throws {
        let folder = try TemporaryFolder()
        for number in 0..<4 { try folder.write("news/\(number).txt", Self.page(number)) }
        let index = try ArticleIndex(store: folder.url)
        try index.update()
        #expect(try index.search(SearchQuery("pedoman"), filter: ArticleFilter(), limit: 10).totalCount == 0)
        let id = try #require(try index.articleID(path: "news/0.txt"))
        let article = try #require(try index.article(id: id))
        #expect(!article.body.contains("Pedoman"))
        #expect(article.strippedLines.contains { $0.kind == .template && $0.text == Self.footer })
    }

    @Test("when an outlet's pages grow past what its articles were read with, its articles are read again")
    func groupReadAgain() throws {
        let folder = try TemporaryFolder()
        for number in 0..<2 { try folder.write("news/\(number).txt", Self.page(number)) }
        let index = try ArticleIndex(store: folder.url)
        try index.update()
        // Two pages say nothing of furniture: the footer is text.
        #expect(try index.search(SearchQuery("pedoman"), filter: ArticleFilter(), limit: 10).totalCount == 2)

        for number in 2..<6 { try folder.write("news/\(number).txt", Self.page(number)) }
        let report = try index.update()
        #expect(report.added == 4)
        #expect(report.reread == 2)
        #expect(report.updated == 0 && report.unchanged == 2)
        #expect(try index.count() == 6)
        #expect(try index.search(SearchQuery("pedoman"), filter: ArticleFilter(), limit: 10).totalCount == 0)
        #expect(try index.search(SearchQuery("pedagang"), filter: ArticleFilter(), limit: 10).totalCount == 6)

        // One more page is not a quarter more: nothing is read again.
        try folder.write("news/6.txt", Self.page(6))
        #expect(try index.update().reread == 0)
        #expect(try index.search(SearchQuery("pedoman"), filter: ArticleFilter(), limit: 10).totalCount == 0)
    }

    @Test(
        "a group is read again when it crosses three pages or its page count moves by a quarter",
        arguments: [
            (2, 0, false), (3, 0, true), (3, 2, true), (2, 3, true), (4, 3, true), (4, 4, false), (12, 10, false),
            (13, 10, true), (7, 10, true), (8, 10, false), (0, 0, false),
        ])
    func materialChange(pages: Int, extractedPages: Int, expected: Bool) {
        #expect(ArticleIndex.hasChangedMaterially(pages: pages, extractedPages: extractedPages) == expected)
    }

    @Test("an article opened alone is read with its own lines' counts, as with its group's whole templates")
    func ownLinesReadAsTheWholeGroup() throws {
        let folder = try TemporaryFolder()
        for number in 0..<6 { try folder.write("news/\(number).txt", Self.page(number)) }
        for number in 6..<8 {
            try folder.write("news/\(number).txt", Self.page(number, footer: "Hubungi Redaksi Kami Sekarang Juga"))
        }
        let index = try ArticleIndex(store: folder.url)
        try index.update()
        let summaries = try index.articles(matching: ArticleFilter())
        #expect(summaries.count == 8)
        // Opened one by one first, while no group's templates are kept.
        var opened: [Int64: String] = [:]
        var own: [String: PageTemplates] = [:]
        for summary in summaries {
            let text = try String(contentsOf: folder.url.appendingPathComponent(summary.path), encoding: .utf8)
            own[summary.path] = try #require(try index.templates(forPath: summary.path, lines: text))
            opened[summary.id] = try #require(try index.article(id: summary.id)).body
        }
        let otherFooter = try #require(PageTemplates.hash(of: "Hubungi Redaksi Kami Sekarang Juga"))
        for summary in summaries {
            let text = try String(contentsOf: folder.url.appendingPathComponent(summary.path), encoding: .utf8)
            let whole = try #require(try index.templates(forPath: summary.path))
            let mine = try #require(own[summary.path])
            #expect(mine.pageCount == 8 && whole.pageCount == 8)
            for line in text.split(separator: "\n") {
                #expect(mine.pages(containing: line) == whole.pages(containing: line), "\(summary.path): \(line)")
            }
            // Only the file's own lines were read; the group holds lines of other pages too.
            #expect(Set(mine.pagesByLine.keys).isSubset(of: PageTemplates.lineHashes(of: text)))
            #expect(whole.pages(containingHash: otherFooter) == 2)
            let body = index.extractor.extract(text, path: summary.path, templates: whole).body
            #expect(opened[summary.id] == body, "\(summary.path)")
            #expect(body.contains("pedagang") && !body.contains("Pedoman Media"))
        }
        #expect(try #require(own["news/0.txt"]).pages(containingHash: otherFooter) == 0)
        // Many at once: the groups' templates read whole, the same articles.
        let many = index.articles(ids: summaries.map(\.id) + Array(repeating: summaries[0].id, count: 16))
        for summary in summaries {
            #expect(try many[summary.id]?.get()?.body == opened[summary.id])
        }
    }

    @Test("phase 2 names the text phase 1 read, its outlet's furniture left out, from its own lines' counts")
    func namesOfTheTextWithoutFurniture() throws {
        let folder = try TemporaryFolder()
        let footer = "Pemimpin Redaksi Budi Santoso | Kantor Redaksi Jalan Merdeka Bandung"
        let days = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"]
        let goods = ["beras", "cabai", "bawang", "gula", "minyak", "telur"]
        for (number, day) in days.enumerated() {
            let good = goods[number]
            try folder.write(
                "news/\(number).txt",
                """
                Harga \(good.capitalized) Naik pada Hari \(day) di Pasar Induk

                Jakarta, CNN Indonesia -- Harga \(good) di pasar induk naik lagi pada hari \(day) menurut Gubernur Ridwan Kamil.

                Pedagang \(good) mengatakan pasokan dari daerah berkurang sejak \(day) lalu karena hujan. Baca juga: Harga Emas Melonjak Tajam Di Pasar Senen

                \(footer)
                """)
        }
        let index = try ArticleIndex(store: folder.url)
        try index.update()
        let plain = try index.database.read { db in try Int.fetchAll(db, sql: "SELECT plain FROM article") }
        #expect(plain.count == 6 && plain.allSatisfy { $0 == 0 }, "the texts are not their files' lines: \(plain)")
        let ids = try index.articles(matching: ArticleFilter()).map(\.id)
        let kept = try index.entities(ofArticles: ids)
        for id in ids {
            let article = try #require(try index.article(id: id))
            #expect(!article.body.contains("Budi Santoso") && article.body.contains("Ridwan Kamil"))
            #expect(kept[id] == NamedEntity.entities(in: article.body, spans: article.entities))
            #expect(kept[id]?.contains { $0.name == "Ridwan Kamil" } == true)
            #expect(kept[id]?.contains { $0.name.contains("Budi") } == false)
        }
        #expect(try index.search(SearchQuery("person:budi"), filter: ArticleFilter(), limit: 10).totalCount == 0)
    }

    @Test("an article opened again is read with the templates as they are now, after this index or another wrote")
    func templatesKeptBetweenOpens() throws {
        let folder = try TemporaryFolder()
        let home = try TemporaryFolder()
        let file = home.url.appendingPathComponent("index.sqlite")
        for number in 0..<2 { try folder.write("news/\(number).txt", Self.page(number)) }
        let index = try ArticleIndex(url: file, store: folder.url)
        try index.update()
        let id = try #require(try index.articles(matching: ArticleFilter()).first?.id)
        // Two pages share the footer: not yet furniture, so it is read as the article's text.
        let before = try #require(try index.templates(forPath: "news/1.txt"))
        #expect(try index.templates(forPath: "news/1.txt") == before)
        for number in 2..<6 { try folder.write("news/\(number).txt", Self.page(number)) }
        try index.update()
        let after = try #require(try index.templates(forPath: "news/1.txt"))
        #expect(after != before)
        #expect(after.pageCount == 6)
        // Another connection writes: this one reads the templates again.
        let other = try ArticleIndex(url: file, store: folder.url)
        for number in 6..<9 { try folder.write("news/\(number).txt", Self.page(number)) }
        try other.update()
        #expect(try index.templates(forPath: "news/1.txt")?.pageCount == 9)
        #expect(try index.body(id: id) == (try other.body(id: id)))
    }
}
