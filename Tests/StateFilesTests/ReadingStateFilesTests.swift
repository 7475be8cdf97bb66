import Foundation
import KabarTestSupport
import ReaderApp
import StateFiles
import Testing

@Suite("Reading state in files")
struct ReadingStateFilesTests {
    @Test("the state file is written whole and read back; an unreadable one, or one with a bad line, is refused")
    func stateFile() throws {
        let folder = try TemporaryFolder()
        let files = ReadingStateFiles(
            marks: folder.url.appendingPathComponent("state/reading/store.txt"),
            theme: folder.url.appendingPathComponent("state/theme"))
        #expect(try files.loadMarks() == ReadingMarks())
        var marks = ReadingMarks()
        marks.set(.star, true, on: ["x.txt"])
        try files.saveMarks(marks)
        #expect(try files.loadMarks().starred == ["x.txt"])
        try Data([0xFF, 0xFE, 0x00]).write(to: files.marksURL)
        #expect(throws: ReadingStateFiles.FileError.self) { try files.loadMarks() }
        // A line that is not a mark would be lost on saving: the file is refused whole.
        try Data("# kabar reading state 1\nread\tok.txt\nseen\tx.txt\n".utf8).write(to: files.marksURL)
        #expect(throws: ReadingStateFiles.FileError.self) { try files.loadMarks() }
    }

    @Test("the theme chosen with t is kept on a line of its own and read back trimmed")
    func theme() throws {
        let folder = try TemporaryFolder()
        let files = ReadingStateFiles(
            marks: folder.url.appendingPathComponent("state/reading/store.txt"),
            theme: folder.url.appendingPathComponent("state/theme"))
        #expect(files.rememberedTheme() == nil)
        try files.rememberTheme("high-contrast")
        #expect(try String(contentsOf: files.themeURL, encoding: .utf8) == "high-contrast\n")
        #expect(files.rememberedTheme() == "high-contrast")
        try Data("  \n".utf8).write(to: files.themeURL)
        #expect(files.rememberedTheme() == nil)
    }
}
