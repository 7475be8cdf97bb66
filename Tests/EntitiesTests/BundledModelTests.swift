import BundledFiles
import Foundation
import Testing

@testable import Entities

@Suite("The tagger's bundled files")
struct BundledModelTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kabar-model-\(UUID().uuidString)")

    @Test("the bundled model and list of known names load and are not empty")
    func bundledFilesLoad() throws {
        #expect(NewsTagger.loadProblems.isEmpty, "\(NewsTagger.loadProblems)")
        #expect(NewsTagger.bundledFiles.map(\.name) == ["ner.model", "known-names.tsv"])
        #expect(NewsTagger.bundledFiles.allSatisfy { $0.presenceProblem() == nil })
        let tagger = try #require(NewsTagger.standard as? NewsTagger)
        #expect(tagger.model.lexicon.names.count > 1000)
        #expect(NewsTagger.knownNames.count > 100)
    }

    @Test("a model looked for where there is none is missing, and the problem names the path")
    func missingModel() {
        let file = BundledFile(
            name: "ner.model", purpose: "entity model", url: folder.appendingPathComponent("ner.model"))
        let problem = NewsTagger.load(file).problem
        #expect(problem?.reason == .missing)
        #expect(file.presenceProblem()?.reason == .missing)
        #expect(
            problem?.description
                == "the entity model ner.model is missing: looked for at \(folder.path)/ner.model")
    }

    @Test("a model file that is not a model is damaged; a list of known names without a name is empty")
    func damagedModelAndEmptyNames() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("ner.model")
        try Data("not a model".utf8).write(to: model)
        let damaged = NewsTagger.load(BundledFile(name: "ner.model", purpose: "entity model", url: model)).problem
        guard case .damaged = damaged?.reason else {
            Issue.record("expected a damaged model, got \(String(describing: damaged))")
            return
        }
        let names = folder.appendingPathComponent("known-names.tsv")
        try Data("# only a comment\nXYZ\tNowhere\n".utf8).write(to: names)
        let empty = NewsTagger.loadKnownNames(BundledFile(name: "known-names.tsv", purpose: "names", url: names))
        #expect(empty.problem?.reason == .empty)
    }
}
