import Foundation
import GRDB
import KabarTestSupport
import Library
import Search
import Testing

@testable import ArticleIndex

@Suite("Rows of changed and deleted files taken out of the word tables")
struct GhostPurgeTests {
    /// 60 articles over 20 days; each names a person and quotes him, so both word tables hold
    /// its row. Article 15 alone says `petir`.
    static func store() throws -> TemporaryFolder {
        let store = try TemporaryFolder()
        try writeDailyArticles(days: 20, into: store) { number, _ in
            (
                "\(number).txt", "Berita Nomor \(number) Hari Ini",
                "Jakarta - Menteri Budi Santoso meninjau kabar \(number)\(number == 15 ? " petir" : "") di Bandung.\n\n"
                    + "\"Kami siap bekerja untuk warga nomor \(number),\" kata Budi Santoso kepada wartawan."
            )
        }
        return store
    }

    /// Rewrites articles 0 to 9 and deletes 10 to 19 (15 among them): twenty ghosts.
    static func changeAndDelete(_ store: TemporaryFolder) throws {
        for number in 0..<10 {
            let file = store.url.appendingPathComponent("\(number).txt")
            let text = try String(contentsOf: file, encoding: .utf8)
            try store.write("\(number).txt", text + "\nPembaruan: berita ini diperbarui sore hari.\n")
        }
        for number in 10..<20 {
            try FileManager.default.removeItem(at: store.url.appendingPathComponent("\(number).txt"))
        }
    }

    /// Everything the word tables hold that does not depend on ids: each word's rows and uses,
    /// the row count, the column sizes' totals (FTS5's averages record) and the rows' sizes.
    func contents(_ index: ArticleIndex) throws -> [String] {
        try index.database.writeWithoutTransaction { db in
            var lines: [String] = []
            for table in ArticleIndex.wordTables {
                try db.execute(
                    sql: "CREATE VIRTUAL TABLE temp.v_\(table.name) USING fts5vocab(main, \(table.name), row)")
                lines += try String.fetchAll(
                    db,
                    sql:
                        "SELECT '\(table.name) ' || term || ' ' || doc || ' ' || cnt FROM temp.v_\(table.name) ORDER BY term"
                )
                lines.append(
                    "\(table.name) rows "
                        + String(describing: try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.name)_docsize")))
                lines.append(
                    "\(table.name) totals "
                        + (try Data.fetchOne(db, sql: "SELECT block FROM \(table.name)_data WHERE id = 1")?
                            .base64EncodedString() ?? "none"))
                lines += try String.fetchAll(
                    db, sql: "SELECT '\(table.name) size ' || hex(sz) FROM \(table.name)_docsize ORDER BY sz")
                try db.execute(sql: "DROP TABLE temp.v_\(table.name)")
            }
            return lines
        }
    }

    func ghosts(_ index: ArticleIndex) throws -> Int {
        try index.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM ghost") ?? 0 }
    }

    @Test("the ghosts' rows are forgotten exactly: the word tables are those of an index built afresh")
    func exactlyForgotten() throws {
        let store = try Self.store()
        let index = try ArticleIndex(store: store.url, ghostsPurgedFrom: 1_000_000)
        try index.update()
        try Self.changeAndDelete(store)
        try index.update(full: true)
        #expect(try ghosts(index) == 20)
        let before = try contents(index)

        #expect(try index.purgeGhosts() == 20)
        #expect(try ghosts(index) == 0)
        let fresh = try ArticleIndex(store: store.url)
        try fresh.update()
        let after = try contents(index)
        let expected = try contents(fresh)
        #expect(after.count > 100)
        #expect(after == expected)
        // Before, the tables held the ghosts' rows too.
        #expect(before != expected)
        // Nothing of the deleted article 15 is found; the rewritten ones are found once each.
        #expect(try index.search(SearchQuery("petir"), filter: ArticleFilter(), limit: 10).totalCount == 0)
        let updated = try index.search(SearchQuery("diperbarui"), filter: ArticleFilter(), limit: 50)
        #expect(updated.totalCount == 10 && updated.hits.count == 10)
        #expect(try index.search(SearchQuery("person:budi"), filter: ArticleFilter(), limit: 100).totalCount == 50)
        // The ids taken out can be given again without mixing words: a new article is its own.
        try store.write("baru.txt", "Berita Baru\n2023-01-05T09:00\n\nJakarta - Kabar guntur terbaru.\n")
        try index.update()
        #expect(try index.search(SearchQuery("guntur"), filter: ArticleFilter(), limit: 10).totalCount == 1)
        #expect(try index.search(SearchQuery("petir"), filter: ArticleFilter(), limit: 10).totalCount == 0)
    }

    @Test("a ghost with a word beyond ASCII stays one, and searches still leave it out")
    func wordsBeyondASCIIKept() throws {
        let store = try Self.store()
        try store.write(
            "lodz.txt",
            "Berita Lodz\n2023-01-03T09:00\n\nJakarta - Sebuah kafe di Łódź baru dibuka, kata Budi Santoso.\n")
        let index = try ArticleIndex(store: store.url, ghostsPurgedFrom: 1_000_000)
        try index.update()
        try FileManager.default.removeItem(at: store.url.appendingPathComponent("lodz.txt"))
        try FileManager.default.removeItem(at: store.url.appendingPathComponent("3.txt"))
        try index.update()
        #expect(try ghosts(index) == 2)
        #expect(try index.purgeGhosts() == 1)
        #expect(try ghosts(index) == 1)
        #expect(try index.search(SearchQuery("dibuka"), filter: ArticleFilter(), limit: 10).totalCount == 0)
        #expect(try index.search(SearchQuery("łódź"), filter: ArticleFilter(), limit: 10).hits.isEmpty)
    }

    @Test("an update forgets the ghosts once there are enough of them, and says so in its steps")
    func updateForgets() throws {
        let store = try Self.store()
        let index = try ArticleIndex(store: store.url, ghostsPurgedFrom: 15)
        try index.update()
        // Ten deleted: fewer than the fifteen from which they are forgotten.
        for number in 10..<20 {
            try FileManager.default.removeItem(at: store.url.appendingPathComponent("\(number).txt"))
        }
        var report = try index.update()
        #expect(try ghosts(index) == 10)
        #expect(!report.steps.contains { $0.name == "ghosts forgotten" })
        // Five more: fifteen, a third of the 45 articles left.
        for number in 20..<25 {
            try FileManager.default.removeItem(at: store.url.appendingPathComponent("\(number).txt"))
        }
        report = try index.update()
        #expect(try ghosts(index) == 0)
        #expect(report.steps.contains { $0.name == "ghosts forgotten" })
        #expect(try index.search(SearchQuery("\"nomor 12\""), filter: ArticleFilter(), limit: 10).totalCount == 0)
        #expect(try index.search(SearchQuery("kabar"), filter: ArticleFilter(), limit: 100).totalCount == 45)
    }

    @Test("ghosts are forgotten from a number and a twentieth of the articles")
    func threshold() {
        #expect(!ArticleIndex.shouldPurgeGhosts(999, articles: 10_000, minimum: 1000))
        #expect(ArticleIndex.shouldPurgeGhosts(1000, articles: 20_000, minimum: 1000))
        #expect(!ArticleIndex.shouldPurgeGhosts(1000, articles: 20_001, minimum: 1000))
        #expect(!ArticleIndex.shouldPurgeGhosts(0, articles: 0, minimum: 0))
    }
}
