import Foundation
import KabarTestSupport
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
