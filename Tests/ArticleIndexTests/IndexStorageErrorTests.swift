import Foundation
import GRDB
import KabarTestSupport
import Testing

@testable import ArticleIndex

@Suite("Index storage failures: told in the index's own words, the store read all the same")
struct IndexStorageErrorTests {
    static let article =
        "Judul Berita Yang Cukup Panjang\n\n12 Maret 2025 10:00\n\nJakarta - Isi berita yang cukup panjang.\n"

    @Test("an index that cannot be made where asked throws a storage error with the system's reason")
    func notWritable() throws {
        let store = try TemporaryFolder()
        do {
            _ = try ArticleIndex(url: URL(fileURLWithPath: "/dev/null/kabar/index.sqlite"), store: store.url)
            Issue.record("an index under /dev/null was made")
        } catch {
            guard case .notWritable(let message) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(message.contains("/dev/null/kabar: Not a directory"), "\(message)")
            #expect(error.allowsIndexInMemory)
        }
    }

    @Test("a store whose index cannot be kept is read into an index in memory, with a note saying why")
    func inMemory() throws {
        let store = try TemporaryFolder()
        try store.write("a.txt", Self.article)
        let url = URL(fileURLWithPath: "/dev/null/kabar/index.sqlite")
        let (index, notes) = try ArticleIndex.openKeepingStore(url: url, store: store.url)
        #expect(index.url == nil)
        #expect(
            notes == [
                "cannot keep the index at /dev/null/kabar/index.sqlite (/dev/null/kabar: Not a directory); using one in memory for this session"
            ])
        let (updated, report) = try index.updateKeepingStore(fallingBack: { Issue.record("fell back again: \($0)") })
        #expect(updated === index)
        #expect(report.added == 1)
    }

    @Test("an index that can be kept is opened where asked, without a note")
    func kept() throws {
        let store = try TemporaryFolder()
        try store.write("a.txt", Self.article)
        let cache = try TemporaryFolder()
        let url = cache.url.appendingPathComponent("index.sqlite")
        let (index, notes) = try ArticleIndex.openKeepingStore(url: url, store: store.url)
        #expect(index.url == url)
        #expect(notes.isEmpty)
        #expect(try index.updateKeepingStore(fallingBack: { Issue.record("fell back: \($0)") }).1.added == 1)
    }

    @Test(
        "SQLite's failures of the disk are storage errors; a damaged file is one the memory cannot stand in for",
        arguments: [
            (ResultCode.SQLITE_FULL, IndexStorageError.diskFull("database or disk is full")),
            (.SQLITE_READONLY, .notWritable("attempt to write a readonly database")),
            (.SQLITE_IOERR, .inputOutput("disk I/O error")),
            (.SQLITE_CORRUPT, .damaged("database disk image is malformed")),
        ])
    func classified(code: ResultCode, expected: IndexStorageError) throws {
        let error = IndexStorageError(DatabaseError(resultCode: code))
        #expect(error == expected)
        #expect(error?.allowsIndexInMemory == (code != .SQLITE_CORRUPT))
        #expect(IndexStorageError(DatabaseError(resultCode: .SQLITE_CONSTRAINT)) == nil)
    }
}
