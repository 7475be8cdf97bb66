import Foundation
import KabarTestSupport
import SampleStore
import Testing

@Suite("kabar stories: the story list and the comparison")
struct StoriesCommandTests {
    let cache: TemporaryFolder
    let store: TemporaryFolder

    init() throws {
        cache = try TemporaryFolder()
        store = try TemporaryFolder()
    }

    func kabar(_ arguments: String...) throws -> CommandResult { try runKabar(arguments, home: cache) }

    @Test("the sample store's five articles are one story of five outlets, listed earliest first, file names escaped")
    func sampleStory() throws {
        try store.copyContents(of: SampleStore.url, into: "juni")
        // One report under a name holding a tab and a newline.
        let name = "004_6738c794eb8b6589.txt"
        try FileManager.default.moveItem(
            at: store.url.appendingPathComponent("juni/" + name),
            to: store.url.appendingPathComponent("juni/dua\tbaris\nx.txt"))
        let result = try kabar("stories", store.url.path)
        #expect(result.status == 0, "\(result.errorOutput)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 6, "\(result.output)")
        #expect(lines[0].hasPrefix("== "))
        #expect(lines[0].contains("2024-06-19..2024-06-25  5 outlets  5 articles  "), "\(lines[0])")
        let rows = lines.dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(rows.allSatisfy { $0.count == 4 }, "\(rows)")
        #expect(
            Set(rows.map { String($0[1]) }) == [
                "genpi.co", "radardetik.id", "gemalantang.com", "samudrafakta.com", "bdadinfo.com",
            ])
        #expect(rows.contains { $0[3] == "juni/dua\\tbaris\\nx.txt" })
        #expect(rows.last?[1] == "genpi.co")  // published last, on 25 June
        let json = try kabar("stories", "--json", "--store", store.url.path)
        let objects = try json.output.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.count == 1)
        #expect(objects[0]["outlets"] as? Int == 5)
        #expect((objects[0]["articles"] as? [[String: Any]])?.count == 5)
        #expect(objects[0]["first"] as? String == "2024-06-19")
        // No story of six outlets.
        #expect(try kabar("stories", "--min-outlets", "6", store.url.path).output.isEmpty)
    }

    @Test("--compare prints each article's own sentences and names, and names a file it cannot read")
    func compare() throws {
        let first = SampleStore.url.appendingPathComponent("001_1c96dbfa7ee8ac16.txt").path
        let second = SampleStore.url.appendingPathComponent("002_0fa6f1237f5adf34.txt").path
        let result = try kabar("stories", "--compare", first, second)
        #expect(result.status == 0, "\(result.errorOutput)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("<= 2024-06-25T14:40\tgenpi.co\t"))
        #expect(lines[1].hasPrefix(">= 2024-06-20T11:33\tradardetik.id\t"))
        #expect(lines.contains { $0.hasPrefix("< GenPI.co - Dalam konfrontasi") })
        #expect(lines.contains { $0.hasPrefix("> ") && $0.contains("Kemitraan Strategis Komprehensif") })
        #expect(lines.contains { $0.hasPrefix("< names: ") && $0.contains("AP News") })
        let json = try kabar("stories", "--compare", first, second, "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.contains { $0["first"] != nil && $0["second"] == nil })
        #expect(rows.contains { $0["second"] != nil && $0["first"] == nil })
        let missing = try kabar("stories", "--compare", first, "/nonexistent/b.txt")
        #expect(missing.status == 1)
        #expect(missing.errorOutput.contains("/nonexistent/b.txt"), "\(missing.errorOutput)")
        let binary = try store.write("gambar.txt", Data("JFIF\0\0\u{1}binary".utf8))
        let refused = try kabar("stories", "--compare", first, binary.path)
        #expect(refused.status == 1)
        #expect(refused.errorOutput.contains("gambar.txt: binary file"), "\(refused.errorOutput)")
        let one = try kabar("stories", "--compare", first)
        #expect(one.status == 2)
        #expect(one.errorOutput.contains("--compare takes two article files"), "\(one.errorOutput)")
    }

    @Test("bench stories scores the grouping against labels, and names a labels file it cannot use")
    func benchStories() throws {
        try store.copyContents(of: SampleStore.url, into: "juni")
        let labels = try cache.write(
            "labels.tsv",
            """
            juni/000_1d47c5372f499aee.txt	pakta
            juni/001_1c96dbfa7ee8ac16.txt	pakta
            juni/002_0fa6f1237f5adf34.txt	pakta
            juni/003_3b51c1f6be3a65c5.txt	lain

            """)
        let result = try kabar("bench", "stories", store.url.path, "--events", labels.path)
        #expect(result.status == 0, "\(result.errorOutput)")
        // The four labelled articles are grouped together: three right pairs of three, three wrong.
        #expect(result.output.contains("5 articles read, 4 labelled; 1 stories of 2+ articles"), "\(result.output)")
        #expect(result.output.contains("pairwise  precision 0.500  recall 1.000"), "\(result.output)")
        let bad = try cache.write("bad.tsv", "juni/000_1d47c5372f499aee.txt\n")
        let refused = try kabar("bench", "stories", store.url.path, "--events", bad.path)
        #expect(refused.status == 1)
        #expect(refused.errorOutput.contains("bad.tsv: line 1 is not `file<TAB>event`"), "\(refused.errorOutput)")
    }
}
