import Foundation
import KabarTestSupport
import Library
import ReaderApp
import StateFiles
import Testing

@Suite("Files written whole")
struct AtomicFileTests {
    struct Stop: Error {}

    @Test("a file appears whole; an error half-way leaves the earlier file and no partial file")
    func wholeOrNothing() throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("out.csv").path
        try AtomicFile.write(to: path) { write in
            try write("a,b\r\n")
            try write("1,2\r\n")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,b\r\n1,2\r\n")
        #expect(throws: Stop.self) {
            try AtomicFile.write(to: path) { write in
                try write("half")
                throw Stop()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,b\r\n1,2\r\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["out.csv"])
    }

    @Test("a folder, or a path in a folder that does not exist, is refused with the path and the reason")
    func unwritable() throws {
        let folder = try TemporaryFolder()
        let missing = folder.url.appendingPathComponent("no/such/out.jsonl").path
        let error = try #require(throws: AtomicFile.WriteError.self) { try AtomicFile.write(to: missing) { _ in } }
        #expect(error.description.hasPrefix(missing + ": cannot be written"))
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write(to: folder.url.path) { _ in } }
    }
}

@Suite("Saved searches and history in files")
struct SearchStateFilesTests {
    @Test("searches and history are kept beside the marks; a damaged file is refused with its line, never overwritten")
    func files() throws {
        let folder = try TemporaryFolder()
        let files = ReadingStateFiles(
            marks: folder.url.appendingPathComponent("state/reading/store-1.txt"),
            theme: folder.url.appendingPathComponent("state/theme"))
        #expect(files.searchesURL.path.hasSuffix("state/searches/store-1.txt"))
        #expect(files.historyURL.path.hasSuffix("state/history/store-1.txt"))
        #expect(try files.loadSearches() == SavedSearches())
        #expect(try files.loadHistory() == SearchHistory())
        var searches = SavedSearches()
        searches.save(
            SavedSearch(name: "putin", query: "putin", filter: ArticleFilter(fromDay: "2024-06-01"), seenCount: 2))
        try files.saveSearches(searches)
        try files.saveHistory(SearchHistory(["putin", "kim"]))
        #expect(try files.loadSearches() == searches)
        #expect(try files.loadHistory().entries == ["putin", "kim"])
        let damaged = "# kabar saved searches 1\nputin\tputin\t\t2\nbroken line\n"
        try Data(damaged.utf8).write(to: files.searchesURL)
        let error = try #require(throws: ReadingStateFiles.FileError.self) { try files.loadSearches() }
        #expect(error.description.contains("searches/store-1.txt: line 3"))
        try Data([0xFF, 0xFE]).write(to: files.historyURL)
        #expect(throws: ReadingStateFiles.FileError.self) { try files.loadHistory() }
    }
}
