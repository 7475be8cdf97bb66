import Foundation
import KabarTestSupport
import Testing

/// How a test file is written.
enum TestFileKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case windows1252 = "Windows-1252"
    case utf16 = "UTF-16"
    case binary

    var testDescription: String { rawValue }

    static let article = "Presiden Joko Widodo tiba di Bandung. “Kopi kopi enak,” kata Joko Widodo di Bandung.\n"

    var bytes: Data {
        switch self {
        case .windows1252: Self.article.data(using: .windowsCP1252)!
        case .utf16: Data([0xFF, 0xFE]) + Self.article.data(using: .utf16LittleEndian)!
        case .binary: Data("Judul\0\u{1} kopi kopi enak\n".utf8)
        }
    }
}

@Suite("Commands read article files as the indexer reads them")
struct FileReadingCommandTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    /// A folder holding one file of `kind`, and the file's path.
    func store(_ kind: TestFileKind) throws -> (folder: String, file: String) {
        let file = try folder.write("\(kind)/article.txt", kind.bytes)
        return (file.deletingLastPathComponent().path, file.path)
    }

    func kabar(_ arguments: [String]) throws -> CommandResult { try runKabar(arguments, home: folder) }

    static let readable: [TestFileKind] = [.windows1252, .utf16]

    @Test("a Windows-1252 or UTF-16 file: entities finds its names", arguments: readable)
    func entities(kind: TestFileKind) throws {
        let result = try kabar(["entities", try store(kind).file])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.contains("PER\t2\tJoko Widodo"), "\(result.output)")
    }

    @Test("a Windows-1252 or UTF-16 file: extract prints its text", arguments: readable)
    func extract(kind: TestFileKind) throws {
        let result = try kabar(["extract", try store(kind).file])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.contains("“Kopi kopi enak,” kata Joko Widodo"), "\(result.output)")
    }

    @Test("a Windows-1252 or UTF-16 file: stem --derive-roots counts its words", arguments: readable)
    func deriveRoots(kind: TestFileKind) throws {
        let output = folder.url.appendingPathComponent("\(kind).roots").path
        let result = try kabar(["stem", "--derive-roots", try store(kind).folder, "--output", output])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.errorOutput.isEmpty, "\(result.errorOutput)")
        #expect(result.output.contains("in 1 files →"), "\(result.output)")
        let roots = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        #expect(roots.contains("kopi"), "\(roots)")
    }

    @Test("a Windows-1252 or UTF-16 file: the benchmarks measure it", arguments: readable)
    func benchmarks(kind: TestFileKind) throws {
        let folder = try store(kind).folder
        let extract = try kabar(["bench", "extract", folder, "--seconds", "0"])
        #expect(extract.status == 0, "\(extract.errorOutput)")
        #expect(extract.output.contains("files            1 "), "\(extract.output)")
        #expect(extract.output.contains("body lines found 1\n"), "\(extract.output)")
        let entities = try kabar(["bench", "entities", folder, "--seconds", "0"])
        #expect(entities.status == 0, "\(entities.errorOutput)")
        #expect(entities.output.contains("entities 4\n"), "\(entities.output)")
    }

    @Test(
        "a binary file is refused by every command with the indexer's reason",
        arguments: [
            ["entities", "{file}"], ["entities", "--plain", "{file}"], ["extract", "{file}"], ["show", "{file}"],
            ["stem", "--derive-roots", "{folder}", "--output", "{roots}"], ["bench", "extract", "{folder}"],
            ["bench", "entities", "{folder}"],
            ["entities", "--train", "{conll}", "--plain-text", "{folder}", "--cross-validate", "2", "--epochs", "1"],
        ])
    func binary(arguments: [String]) throws {
        let (folder, file) = try store(.binary)
        let roots = self.folder.url.appendingPathComponent("binary.roots").path
        let conll = try self.folder.write("train.conll", "Joko B-PER\ntiba O\n\nWidodo B-PER\ntiba O\n")
        let result = try kabar(
            arguments.map {
                $0.replacingOccurrences(of: "{file}", with: file).replacingOccurrences(of: "{folder}", with: folder)
                    .replacingOccurrences(of: "{roots}", with: roots).replacingOccurrences(
                        of: "{conll}", with: conll.path)
            })
        #expect(
            result.errorOutput.contains("kabar: skipping \(file): binary file (contains NUL bytes)")
                || result.errorOutput.contains("kabar: \(file): binary file (contains NUL bytes)"),
            "\(result.errorOutput)")
        #expect(!result.output.contains("kopi") && !result.output.contains("Judul"), "\(result.output)")
        if arguments[0] == "stem" {
            // The list is still written, from the files that could be read.
            #expect(result.status == 0, "\(result.errorOutput)")
            #expect(result.output.contains("in 0 files (1 skipped)"), "\(result.output)")
            #expect(!(try String(contentsOfFile: roots, encoding: .utf8)).contains("kopi"))
        } else if arguments.contains("--plain-text") {
            // Training goes on without the file.
            #expect(result.status == 0, "\(result.errorOutput)")
            #expect(result.output.contains("== all 2 folds"), "\(result.output)")
        } else {
            #expect(result.status == 1, "\(result.errorOutput)")
        }
    }
}
