import BundledFiles
import Foundation
import Testing

@testable import Search

@Suite("The stemmer's bundled word lists")
struct BundledWordListTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kabar-words-\(UUID().uuidString)")

    @Test("the root-word list and the compound roots load and are not empty")
    func bundledListsLoad() throws {
        #expect(Stemmer.loadProblems.isEmpty, "\(Stemmer.loadProblems)")
        #expect(Stemmer.bundledFiles.map(\.name) == ["roots.txt", "compounds.txt"])
        #expect(Stemmer.standard.roots.count > 10000)
        #expect(Stemmer.standard.compounds["tandatangan"] == ["tanda", "tangan"])
        #expect(try Stemmer.loadWords(Stemmer.rootsFile).get().allSatisfy { !$0.hasPrefix("#") && !$0.isEmpty })
    }

    @Test("a list looked for where there is none is missing; a folder cannot be read; comments alone are empty")
    func problems() throws {
        let missing = BundledFile(
            name: "roots.txt", purpose: "root list", url: folder.appendingPathComponent("roots.txt"))
        #expect(Stemmer.loadWords(missing).problem?.reason == .missing)
        #expect(Stemmer.loadWords(missing).problem?.description.hasSuffix("looked for at \(missing.url.path)") == true)

        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let asFolder = BundledFile(name: "kabar", purpose: "root list", url: folder)
        #expect(Stemmer.loadWords(asFolder).problem?.reason == .unreadable("it is a folder"))

        let comments = folder.appendingPathComponent("compounds.txt")
        try Data("# a comment\n\n".utf8).write(to: comments)
        let empty = BundledFile(name: "compounds.txt", purpose: "compounds", url: comments)
        #expect(Stemmer.loadWords(empty).problem?.reason == .empty)
        #expect(empty.presenceProblem() == nil)
    }
}
