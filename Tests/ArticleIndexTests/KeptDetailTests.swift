import Articles
import Entities
import Foundation
import GRDB
import KabarTestSupport
import Library
import Quotes
import SampleStore
import Testing

@testable import ArticleIndex

@Suite("Kept details: an article whole again without cleaning or tagging it twice")
struct KeptDetailTests {
    /// A whole page with menus, a related list, a paragraph glued to a related link (cleaned
    /// within) and a quote; with Windows line ends.
    static let wholePage = [
        "Beranda", "Nasional", "Ekonomi", "",
        "Menteri Keuangan Sri Mulyani Tinjau Pelabuhan Tanjung Priok",
        "Kamis, 20 Juni 2024 09:15 WIB", "",
        "Jakarta - Menteri Keuangan Sri Mulyani Indrawati meninjau Pelabuhan Tanjung Priok pada Kamis pagi bersama Direktur Jenderal Bea dan Cukai.",
        "",
        "Baca Juga: Tim Hukum Datangi Gedung KPK Terkait Pelimpahan BerkasPadahal, Sri Mulyani mengungkapkan pihaknya telah menyiapkan aturan baru untuk mempercepat pemeriksaan barang impor di pelabuhan.",
        "",
        "\"Kami ingin barang tidak tertahan lebih dari tiga hari,\" kata Sri Mulyani kepada wartawan di Jakarta.",
        "",
        "Berita Terpopuler", "Harga Emas Antam Hari Ini Naik Lagi", "Jadwal Kereta Api Lebaran Sudah Dibuka",
        "", "Tentang Kami | Pedoman Media Siber | Kontak",
    ].joined(separator: "\r\n")

    /// A copy of the sample store and the whole page, indexed twice: once keeping details, once not.
    func indexes() throws -> (TemporaryFolder, kept: ArticleIndex, plain: ArticleIndex) {
        let folder = try TemporaryFolder()
        try folder.copyContents(of: SampleStore.url, into: "2024/06")
        try folder.write("pages/priok.txt", Self.wholePage)
        let kept = try ArticleIndex(store: folder.url)
        try kept.keepDetails()
        try kept.update()
        let plain = try ArticleIndex(store: folder.url)
        try plain.update()
        return (folder, kept, plain)
    }

    @Test("an article given from its kept details is the article cleaned and tagged afresh, quotes and all")
    func sameArticle() throws {
        let (folder, kept, plain) = try indexes()
        defer { withExtendedLifetime(folder) {} }
        #expect(try kept.keepsDetails() && !(try plain.keepsDetails()))
        let summaries = try kept.articles(matching: ArticleFilter())
        #expect(summaries.count == 6)
        var withStripped = 0
        for summary in summaries {
            let fromDetails = try #require(try kept.keptArticle(summary.id), "\(summary.path)")
            #expect(try plain.keptArticle(summary.id) == nil)
            let afresh = try #require(try plain.article(id: summary.id))
            #expect(fromDetails == afresh, "\(summary.path)")
            #expect(try kept.article(id: summary.id) == afresh)
            withStripped += fromDetails.strippedLines.isEmpty ? 0 : 1
        }
        // The whole page's parts were kept: a line cleaned within, stripped lines, names, a quote.
        let page = try #require(summaries.first { $0.path == "pages/priok.txt" })
        let article = try #require(try kept.keptArticle(page.id))
        #expect(article.body.contains("Padahal, Sri Mulyani") && !article.body.contains("Baca Juga"))
        #expect(article.strippedLines.contains { $0.text == "Berita Terpopuler" })
        #expect(article.entities.contains { $0.text(in: article.body) == "Sri Mulyani Indrawati" })
        #expect(article.quotes.contains { $0.kind == .direct && $0.speaker == "Sri Mulyani Indrawati" })
        #expect(withStripped >= 1)
        // Read together, as a load into the team index reads them: the same articles.
        let together = kept.articles(ids: summaries.map(\.id) + [999_999])
        #expect(together.count == 7)
        for summary in summaries {
            #expect(try together[summary.id]?.get() == (try plain.article(id: summary.id)), "\(summary.path)")
        }
        #expect(try together[999_999]?.get() == nil)
    }

    @Test("details are kept only when asked for, and forgotten with their article")
    func keptOnlyWhenAsked() throws {
        let (folder, kept, plain) = try indexes()
        defer { withExtendedLifetime(folder) {} }
        func rows(_ index: ArticleIndex) throws -> (lines: Int, found: Int) {
            try index.database.read { db in
                (
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM article_detail") ?? -1,
                    try Int.fetchOne(db, sql: "SELECT count(found) FROM article_detail") ?? -1
                )
            }
        }
        #expect(try rows(plain) == (0, 0))
        #expect(try rows(kept) == (6, 6))
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("pages/priok.txt"))
        #expect(try kept.update().removed == 1)
        #expect(try rows(kept) == (5, 5))
    }

    @Test("a file changed since it was read, or damaged details, are read afresh, not from the details")
    func staleOrDamaged() throws {
        let (folder, kept, plain) = try indexes()
        defer { withExtendedLifetime(folder) {} }
        let page = try #require(try kept.articles(matching: ArticleFilter()).first { $0.path == "pages/priok.txt" })
        // Damaged bytes: the article as cleaned afresh.
        try kept.database.write { db in
            try db.execute(sql: "UPDATE article_detail SET lines = x'05ff' WHERE article = ?", arguments: [page.id])
        }
        #expect(try kept.keptArticle(page.id) == nil)
        #expect(try kept.article(id: page.id) == (try plain.article(id: page.id)))
        // A file changed since: its new text, not the old lines' numbers.
        let other = try #require(try kept.articles(matching: ArticleFilter()).first { $0.path != page.path })
        let url = folder.url.appendingPathComponent(other.path)
        try ("Judul Lain Sama Sekali\n\n" + (try String(contentsOf: url, encoding: .utf8))).write(
            to: url, atomically: false, encoding: .utf8)
        #expect(try kept.keptArticle(other.id) == nil)
        let reread = try #require(try kept.article(id: other.id))
        #expect(reread.strippedLines.contains { $0.text == "Judul Lain Sama Sekali" } || reread.body.hasPrefix("Judul"))
        // Read together: the changed and the damaged afresh, a file gone as the error reading it.
        let third = try #require(
            try kept.articles(matching: ArticleFilter()).first { $0.path != page.path && $0.path != other.path })
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent(third.path))
        let together = kept.articles(ids: [page.id, other.id, third.id])
        #expect(try together[page.id]?.get() == (try plain.article(id: page.id)))
        #expect(try together[other.id]?.get() == reread)
        #expect(throws: (any Error).self) { try together[third.id]?.get() }
    }

    @Test("lines and names survive their bytes; bytes that do not fit the page or the body are refused")
    func codec() {
        let page = "Judul\n\nParagraf satu oleh Joko Widodo.\r\nMenu"
        let lines = [
            LabelledLine(number: 1, text: "Judul", kind: .title, confidence: 0.75),
            LabelledLine(number: 3, text: "Paragraf satu oleh Joko Widodo.", kind: .body, confidence: 0.9),
            LabelledLine(number: 4, text: "Menu", kind: .navigation),
        ]
        let encoded = KeptDetail.encodeLines(lines, page: page)
        #expect(KeptDetail.decodeLines(encoded, page: page) == lines)
        // Another page with fewer lines: refused; a truncated blob: refused.
        #expect(KeptDetail.decodeLines(encoded, page: "Judul") == nil)
        #expect(KeptDetail.decodeLines(encoded.dropLast(2), page: page) == nil)
        #expect(KeptDetail.decodeLines(encoded + [0], page: page) == nil)

        let spans = [EntitySpan(start: 20, end: 31, kind: .person)]
        let quotes = [
            Quote(kind: .indirect, parts: [0..<10, 12..<18], cue: 10..<12, mention: 20..<24, speaker: "Joko Widodo"),
            Quote(kind: .direct, parts: [1..<5], role: "Presiden"),
        ]
        let found = KeptDetail.encodeFound(entities: spans, quotes: quotes)
        let decoded = KeptDetail.decodeFound(found, bodyLength: 31)
        #expect(decoded?.entities == spans && decoded?.quotes == quotes)
        #expect(KeptDetail.decodeFound(found, bodyLength: 30) == nil)
        #expect(KeptDetail.decodeFound(found.dropLast(), bodyLength: 31) == nil)
        #expect(KeptDetail.decodeFound(Data([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]), bodyLength: 31) == nil)
    }

    @Test("an index of format 20 gains the table of details in place, keeping its articles")
    func movesForward() throws {
        let (folder, _) = try indexedSampleCopy()
        defer { withExtendedLifetime(folder) {} }
        let indexFolder = try TemporaryFolder()
        let url = indexFolder.url.appendingPathComponent("index.sqlite")
        try ArticleIndex(url: url, store: folder.url).update()
        let queue = try DatabaseQueue(path: url.path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TABLE article_detail; PRAGMA user_version = 20")
        }
        try queue.close()
        let reopened = try ArticleIndex(url: url, store: folder.url)
        #expect(try reopened.count() == 5)
        // And the index of articles by folder, made again with their files' names, sizes and times.
        #expect(try reopened.indexedColumns("article_folder") == ["folder", "path", "size", "mtime"])
        try reopened.keepDetails()
        let report = try reopened.update()
        #expect(report.added == 0 && !report.rebuilt)
        // Articles read before keep no details; they are given as before.
        let first = try #require(try reopened.articles(matching: ArticleFilter()).first)
        #expect(try reopened.keptArticle(first.id) == nil)
        #expect(try reopened.article(id: first.id) != nil)
    }
}
