import BundledFiles
import Foundation
import Testing

@testable import Articles

@Suite("The bundled outlet table")
struct BundledOutletTableTests {
    @Test("the outlet table loads and names outlets")
    func bundledTableLoads() {
        #expect(OutletDirectory.loadProblems.isEmpty, "\(OutletDirectory.loadProblems)")
        #expect(OutletDirectory.bundledFiles.map(\.name) == ["outlets.tsv"])
        #expect(OutletDirectory.bundled.domain(forBrand: "CNN Indonesia") == "cnnindonesia.com")
        #expect(OutletDirectory.bundled.domain(forBrand: "detikFinance") == "detik.com")
    }

    @Test("a table looked for where there is none is missing; a bad table is damaged, naming the line")
    func problems() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kabar-outlets-\(UUID().uuidString)")
        let missing = BundledFile(
            name: "outlets.tsv", purpose: "table of outlets", url: folder.appendingPathComponent("x"))
        #expect(OutletDirectory.load(missing).problem?.reason == .missing)

        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("outlets.tsv")
        try Data("# brands\nkompas\tkompas.com\nbrand without domain\n".utf8).write(to: bad)
        let problem = OutletDirectory.load(BundledFile(name: "outlets.tsv", purpose: "table of outlets", url: bad))
            .problem
        #expect(problem?.reason == .damaged("line 3: expected `brand<TAB>domain`"))
    }
}
