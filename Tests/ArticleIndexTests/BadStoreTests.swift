import Entities
import Foundation
import GRDB
import KabarTestSupport
import Library
import Search
import Testing

@testable import ArticleIndex

/// The reliability cases of a store: every kind of file and folder a scraper can leave behind.
@Suite("Bad stores: every file is indexed or skipped with a reason")
struct BadStoreTests {
    static let article =
        "Judul Berita Yang Cukup Panjang\n\n5 Maret 2025 10:00\n\nJakarta - Isi berita yang cukup panjang."

    func reasons(_ report: UpdateReport) -> [String: String] {
        Dictionary(report.skipped.map { ($0.path, $0.reason) }, uniquingKeysWith: { first, _ in first })
    }

    @Test("empty, blank and binary files are skipped; every encoding and line end is read")
    func encodingsAndEmptyFiles() throws {
        let store = try TemporaryFolder()
        try store.write("empty.txt", "")
        try store.write("blank.txt", " \n\r\n\t \n")
        try store.write("binary.txt", Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x01]))
        try store.write("nul.txt", Data(Array(Self.article.utf8) + [0] + Array("sisa".utf8)))
        try store.write(
            "latin1.txt",
            Data(Array("Menteri Keuangan Bicara\n\nJakarta - Jos".utf8) + [0xE9] + Array(" bertemu warga.".utf8)))
        try store.write(
            "cp1252.txt",
            Data(
                Array("Judul Dengan Kutipan Panjang\n\nJakarta - ".utf8) + [0x93] + Array("Kami siap".utf8) + [0x94]
                    + Array(" kata warga.".utf8)))
        let utf16 = "Judul UTF-16 Yang Panjang\r\n\r\nJakarta - Isi berita dua byte."
        try store.write("utf16.txt", Data([0xFF, 0xFE] + utf16.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
        try store.write(
            "bom.txt", Data([0xEF, 0xBB, 0xBF] + Array("Judul Dengan BOM Yang Panjang\n\nJakarta - Isi.".utf8)))
        try store.write("crlf.txt", "Judul Baris Windows Panjang\r\n\r\nJakarta - Isi berita.\r\n")
        try store.write("cr.txt", "Judul Baris Mac Lama Panjang\r\rJakarta - Isi berita.\r")
        try store.write(
            "invalid.txt",
            Data(Array("Judul Rusak Yang Panjang\n\nJakarta - Isi ".utf8) + [0xC3, 0x28] + Array(" rusak.".utf8)))
        try store.write(
            "long-line.txt", "Judul Satu Baris Panjang\n\nJakarta - " + String(repeating: "kata ", count: 1_000_000))
        let index = try ArticleIndex(store: store.url)
        let report = try index.update()
        let reasons = reasons(report)
        #expect(reasons["empty.txt"] == "empty file")
        #expect(reasons["blank.txt"] == "only whitespace")
        #expect(reasons["binary.txt"] == "binary file (contains NUL bytes)")
        #expect(reasons["nul.txt"] == "binary file (contains NUL bytes)")
        #expect(report.skipped.count == 4)
        #expect(try index.count() == 8)
        let titles = Set(try index.articles(matching: ArticleFilter()).compactMap(\.title))
        for title in [
            "Menteri Keuangan Bicara", "Judul Dengan Kutipan Panjang", "Judul UTF-16 Yang Panjang",
            "Judul Dengan BOM Yang Panjang", "Judul Baris Windows Panjang", "Judul Baris Mac Lama Panjang",
            "Judul Rusak Yang Panjang", "Judul Satu Baris Panjang",
        ] {
            #expect(titles.contains(title), "\(title) in \(titles)")
        }
        // Decoded text is searchable as text: the Latin-1 é, the Windows-1252 quotes' words.
        #expect(try index.search(SearchQuery("josé"), filter: ArticleFilter(), limit: 5).totalCount == 1)
        #expect(try index.search(SearchQuery("\"kami siap\""), filter: ArticleFilter(), limit: 5).totalCount == 1)
    }

    @Test("names with spaces, newlines and bytes that are not UTF-8; 50 folders deep; links never followed")
    func namesFoldersAndLinks() throws {
        let store = try TemporaryFolder()
        try store.write("with space.txt", Self.article)
        try store.write("with\nnewline.txt", Self.article)
        let deep = (1...50).map { "d\($0)" }.joined(separator: "/")
        try store.write(deep + "/deep.txt", Self.article)
        // A name with a byte that is not UTF-8 (Latin-1 é), made through the system call.
        let bad = store.url.path + "/caf\u{E9}.txt"
        var badBytes = Array(store.url.path.utf8) + Array("/caf".utf8) + [0xE9] + Array(".txt".utf8) + [0]
        let descriptor = badBytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                open($0, O_WRONLY | O_CREAT, 0o644)
            }
        }
        #expect(descriptor >= 0, "\(bad)")
        close(descriptor)
        // A link loop, a link out of the store, a link to a folder of the store.
        try FileManager.default.createSymbolicLink(
            atPath: store.url.path + "/loop.txt", withDestinationPath: "loop.txt")
        let outside = try TemporaryFolder()
        try outside.write("secret.txt", Self.article)
        try FileManager.default.createSymbolicLink(
            atPath: store.url.path + "/out.txt", withDestinationPath: outside.url.path + "/secret.txt")
        try FileManager.default.createSymbolicLink(
            atPath: store.url.path + "/again", withDestinationPath: store.url.path + "/d1")
        let index = try ArticleIndex(store: store.url)
        let report = try index.update()
        let paths = Set(try index.articles(matching: ArticleFilter()).map(\.path))
        #expect(paths == ["with space.txt", "with\nnewline.txt", deep + "/deep.txt"])
        let reasons = reasons(report)
        #expect(reasons["caf\u{FFFD}.txt"] == "its name is not UTF-8 text; rename it to have it indexed")
        for link in ["loop.txt", "out.txt", "again"] {
            #expect(reasons[link] == "symbolic link; kabar does not follow links", "\(link): \(reasons)")
        }
        // The skipped files are kept in the index, for the reader's list and `kabar doctor`.
        #expect(Set(try index.skippedFiles().map(\.path)) == Set(reasons.keys))
    }

    @Test("10,000 files in one folder are all indexed")
    func manyFilesInOneFolder() throws {
        let store = try TemporaryFolder()
        for number in 0..<10_000 {
            try store.write("\(number).txt", "Judul Nomor \(number) Yang Panjang\n\nJakarta - Isi \(number).")
        }
        let index = try ArticleIndex(store: store.url)
        let report = try index.update(recognizer: NoNames())
        #expect(report.added == 10_000)
        #expect(report.skipped.isEmpty)
        #expect(try index.count() == 10_000)
    }

    @Test("files deleted between the two phases of indexing: no names, nothing waits, the next update removes them")
    func filesDeletedBeforeTheirNames() throws {
        let store = try TemporaryFolder()
        try store.write("a.txt", Self.article)
        try store.write("b.txt", Self.article)
        // Both are listed by phase 1; as phase 2 tags the first, both go.
        let saboteur = Saboteur {
            for name in ["a.txt", "b.txt"] {
                try? FileManager.default.removeItem(at: store.url.appendingPathComponent(name))
            }
        }
        let index = try ArticleIndex(store: store.url)
        let report = try index.update(recognizer: saboteur)
        #expect(report.added == 2)
        #expect(try index.count() == 2)
        #expect(try index.unnamedCount() == 0)
        let again = try index.update()
        #expect(again.removed == 2)
        #expect(try index.count() == 0)
        #expect(try index.unnamedCount() == 0)
    }

    @Test("files deleted, emptied or rewritten while they are being indexed: skipped or caught up next time")
    func filesChangingDuringIndexing() throws {
        let store = try TemporaryFolder()
        try store.write("a.txt", Self.article)
        try store.write("b.txt", Self.article)
        try store.write("c.txt", Self.article)
        try store.write("z.txt", Self.article)
        // The files are listed and looked at; before they are read, three change under the indexer.
        var sabotaged = false
        let index = try ArticleIndex(store: store.url)
        let report = try index.update(
            recognizer: NoNames(),
            progress: { progress in
                guard progress.phase == .words, progress.done == 0, !sabotaged else { return }
                sabotaged = true
                try? FileManager.default.removeItem(at: store.url.appendingPathComponent("a.txt"))
                try? Data().write(to: store.url.appendingPathComponent("b.txt"))
                try? Data("Judul Baru Setelah Ditulis Ulang\n\nJakarta - Isi baru yang lebih panjang sekali.".utf8)
                    .write(to: store.url.appendingPathComponent("c.txt"))
            })
        #expect(sabotaged)
        let reasons = reasons(report)
        #expect(reasons["a.txt"]?.hasPrefix("cannot be read (No such file") == true, "\(reasons)")
        #expect(reasons["b.txt"] == "empty file")
        let paths = try index.articles(matching: ArticleFilter()).map(\.path)
        #expect(Set(paths) == ["c.txt", "z.txt"])
        // The next update sees the rewritten file as changed and reads it again; nothing is lost.
        try store.write("b.txt", Self.article)
        let again = try index.update()
        #expect(again.skipped.isEmpty)
        let titles = Dictionary(
            uniqueKeysWithValues: try index.articles(matching: ArticleFilter()).map { ($0.path, $0.title ?? "") })
        #expect(titles["c.txt"] == "Judul Baru Setelah Ditulis Ulang")
        #expect(titles.keys.sorted() == ["b.txt", "c.txt", "z.txt"])
        #expect(try index.skippedFiles().isEmpty)
    }

    @Test("a damaged or cut-short index file is moved aside and rebuilt, with a note")
    func damagedIndex() throws {
        let store = try TemporaryFolder()
        try store.write("a.txt", Self.article)
        let cache = try TemporaryFolder()
        let url = cache.url.appendingPathComponent("index.sqlite")
        do {
            let index = try ArticleIndex(url: url, store: store.url)
            try index.update()
            #expect(index.recoveryNote == nil)
        }
        // Garbage over the header.
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: Data(repeating: 0x5A, count: 4096))
        try handle.close()
        let reopened = try ArticleIndex(url: url, store: store.url)
        #expect(
            reopened.recoveryNote?.hasPrefix("the index was damaged") == true,
            "\(String(describing: reopened.recoveryNote))")
        try reopened.update()
        #expect(try reopened.count() == 1)
        let aside = try FileManager.default.contentsOfDirectory(atPath: cache.url.path).filter {
            $0.contains(".damaged-")
        }
        #expect(aside.count == 1)
        // Cut short to its first page.
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
        #expect(size > 4096)
        try FileHandle(forWritingTo: url).truncate(atOffset: 4096)
        let cut = try ArticleIndex(url: url, store: store.url)
        #expect(cut.recoveryNote?.hasPrefix("the index was damaged") == true)
        try cut.update()
        #expect(try cut.count() == 1)
        #expect(try cut.integrityProblems().isEmpty)
    }

    @Test("two openings of one new index at the same moment both succeed, whatever locks the other holds")
    func concurrentOpenings() throws {
        let store = try TemporaryFolder()
        try store.write("a.txt", Self.article)
        let cache = try TemporaryFolder()
        let root = store.url
        for round in 0..<20 {
            let url = cache.url.appendingPathComponent("index-\(round).sqlite")
            let failures = FailureList()
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                do {
                    try ArticleIndex(url: url, store: root).update()
                } catch {
                    failures.add("\(error)")
                }
            }
            #expect(failures.all.isEmpty, "round \(round): \(failures.all)")
            #expect(try ArticleIndex(url: url, store: store.url).count() == 1)
        }
    }

    @Test("an index of an older format says it is rebuilt")
    func olderFormat() throws {
        let store = try TemporaryFolder()
        try store.write("a.txt", Self.article)
        let cache = try TemporaryFolder()
        let url = cache.url.appendingPathComponent("index.sqlite")
        try ArticleIndex(url: url, store: store.url).update()
        try DatabaseQueue(path: url.path).writeWithoutTransaction { try $0.execute(sql: "PRAGMA user_version = 3") }
        let reopened = try ArticleIndex(url: url, store: store.url)
        #expect(
            reopened.recoveryNote == "the index was made by another version of kabar (format 3); it is being rebuilt")
        try reopened.update()
        #expect(try reopened.count() == 1)
    }
}

/// Finds no names: the cheapest recognizer, for tests about files rather than entities.
struct NoNames: EntityRecognizer {
    func entities(in text: String) -> [EntitySpan] { [] }
}

/// A recognizer that changes the store the first time it is called, then finds nothing.
final class Saboteur: EntityRecognizer, @unchecked Sendable {
    private var action: (() -> Void)?
    private let lock = NSLock()

    init(_ action: @escaping () -> Void) { self.action = action }

    func entities(in text: String) -> [EntitySpan] {
        lock.lock()
        let pending = action
        action = nil
        lock.unlock()
        pending?()
        return []
    }
}

/// Errors gathered from several threads.
final class FailureList: @unchecked Sendable {
    private let lock = NSLock()
    private var failures: [String] = []

    func add(_ failure: String) {
        lock.lock()
        failures.append(failure)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return failures
    }
}
