import Foundation
import KabarTestSupport
import SampleStore
import Testing

@Suite("kabar export and kabar timeline")
struct ResearchCommandTests {
    let cache: TemporaryFolder
    let store: TemporaryFolder
    let output: TemporaryFolder

    /// The sample store, one of its files renamed with a tab, a newline, a comma and a quote.
    static let oddName = "odd\tname,\n\"quoted\".txt"

    init() throws {
        cache = try TemporaryFolder()
        store = try TemporaryFolder()
        output = try TemporaryFolder()
        try store.copyContents(of: SampleStore.url)
        try FileManager.default.moveItem(
            at: store.url.appendingPathComponent("003_3b51c1f6be3a65c5.txt"),
            to: store.url.appendingPathComponent(Self.oddName))
    }

    func kabar(_ arguments: String...) throws -> CommandResult { try runKabar(arguments, home: cache) }

    /// Runs a Python program (Python 3 as `.ci/run` installs it) with the arguments given; its output.
    func python(_ program: String, _ arguments: String...) throws -> String {
        let candidates =
            ["/usr/bin/python3", "/usr/local/bin/python3"]
            + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/python3" }
        let binary = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) })
        let result = try runCommand(binary, ["-c", program] + arguments, environment: ["LANG": "C.UTF-8"])
        #expect(result.status == 0, "\(result.errorOutput)")
        return result.output
    }

    /// The store's files as `kabar list --json` names them.
    func listedPaths() throws -> Set<String> {
        let listed = try kabar("list", "--json", store.url.path)
        return Set(
            try listed.output.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["path"] as? String
                    ?? ""
            })
    }

    @Test("the store exported to CSV reads back with Python's csv module: one row per article, names intact")
    func csvReadsBack() throws {
        let path = output.url.appendingPathComponent("seeds.csv").path
        let result = try kabar("export", "--store", store.url.path, "--format", "csv", "--bom", "--output", path)
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.errorOutput.contains("5 articles written to \(path)"))
        let read = try python(
            """
            import csv, json, sys
            with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
                rows = list(csv.DictReader(f))
            print(json.dumps([[r["file"], r["title"], r["people"], r["body"][:40], len(r)] for r in rows]))
            """, path)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(read.utf8)) as? [[Any]])
        #expect(rows.count == 5)
        let files = Set(rows.compactMap { $0[0] as? String })
        #expect(files == Set(try listedPaths().map { store.url.appendingPathComponent($0).path }))
        #expect(files.contains(store.url.appendingPathComponent(Self.oddName).path))
        #expect(rows.allSatisfy { ($0[4] as? Int) == 14 })
        #expect(rows.contains { ($0[2] as? String)?.contains("Vladimir Putin (") == true })
        #expect(rows.allSatisfy { !(($0[3] as? String) ?? "").isEmpty })
    }

    @Test("the store exported to JSON lines reads back with Python's json module, one object per line")
    func jsonLinesReadBack() throws {
        let path = output.url.appendingPathComponent("seeds.jsonl").path
        let result = try kabar("export", "putin", "--store", store.url.path, "--output", path)
        #expect(result.status == 0, "\(result.errorOutput)")
        let read = try python(
            """
            import json, sys
            rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
            print(json.dumps([[r["path"], r["outlet"], [e["name"] for e in r["entities"]], len(r["body"])] for r in rows]))
            """, path)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(read.utf8)) as? [[Any]])
        let search = try kabar("search", "putin", "--store", store.url.path)
        let count = try #require(search.output.split(separator: "\n").last.flatMap { Int($0.split(separator: " ")[0]) })
        #expect(rows.count == count)
        #expect(rows.allSatisfy { (($0[3] as? Int) ?? 0) > 200 })
        #expect(rows.allSatisfy { (($0[2] as? [String]) ?? []).contains { $0.contains("Putin") } })
        // Without --output the records go to standard output, the same ones.
        let printed = try kabar("export", "putin", "--store", store.url.path)
        #expect(printed.output == (try String(contentsOfFile: path, encoding: .utf8)))
    }

    @Test("the Markdown digest has a heading per article and cites its outlet")
    func markdownDigest() throws {
        let result = try kabar("export", "--store", store.url.path, "--format", "md", "outlet:genpi")
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.hasPrefix("# outlet:genpi\n\n1 article."))
        #expect(result.output.components(separatedBy: "\n## ").count == 2)
        #expect(result.output.contains("*genpi.co*, 2024-06-25T14:40"))
    }

    @Test(
        "bad export requests are refused with the reason, and no file is left",
        arguments: [
            (["--format", "xml"], "--format must be jsonl, csv or md", 2),
            (["--format", "jsonl", "--bom"], "--bom goes with --format csv", 2),
            (["--output", "/nonexistent-folder/x.csv"], "/nonexistent-folder/x.csv: cannot be written", 1),
            (["\"unclosed"], "the query does not parse", 1),
        ])
    func refused(arguments: [String], message: String, status: Int32) throws {
        let result = try runKabar(["export", "--store", store.url.path] + arguments, home: cache)
        #expect(result.status == status)
        #expect(result.errorOutput.contains(message), "\(result.errorOutput)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.url.path).isEmpty)
    }

    @Test("timeline counts the dated matches per day, by outlet when asked, and says how many are undated")
    func timeline() throws {
        let result = try kabar("timeline", "--store", store.url.path)
        #expect(result.status == 0, "\(result.errorOutput)")
        let rows = result.output.split(separator: "\n").map {
            $0.split(separator: "\t", omittingEmptySubsequences: false)
        }
        #expect(
            rows.map { String($0[0]) } == [
                "2024-06-20", "2024-06-21", "2024-06-22", "2024-06-23", "2024-06-24", "2024-06-25",
            ])
        #expect(rows.map { Int($0[3]) } == [1, 0, 0, 0, 0, 1])
        #expect(result.errorOutput.contains("3 undated articles not counted"))
        let weeks = try kabar("timeline", "putin", "--store", store.url.path, "--by", "week", "--by-outlet")
        #expect(
            weeks.output == """
                period\tfirst\tlast\tcount\tgenpi.co\tradardetik.id
                2024-W25\t2024-06-17\t2024-06-23\t1\t0\t1
                2024-W26\t2024-06-24\t2024-06-30\t1\t1\t0

                """)
        let json = try kabar("timeline", "--store", store.url.path, "--by", "month", "--json", "--by-outlet")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(object["period"] as? String == "2024-06")
        #expect(object["count"] as? Int == 2)
        #expect(object["outlets"] as? [String: Int] == ["genpi.co": 1, "radardetik.id": 1])
        let bad = try kabar("timeline", "--by", "year")
        #expect(bad.status == 2)
        #expect(bad.errorOutput.contains("--by must be day, week or month"))
    }

    @Test("kabar entities --store lists who is in the store, of a query's articles, and the names with one")
    func entitiesOfStore() throws {
        let result = try kabar("entities", "--store", store.url.path, "--top", "5")
        #expect(result.status == 0, "\(result.errorOutput)")
        let rows = result.output.split(separator: "\n").map {
            $0.split(separator: "\t", omittingEmptySubsequences: false)
        }
        #expect(rows.count == 5)
        #expect(rows.allSatisfy { $0.count == 4 && ["PER", "ORG", "LOC"].contains(String($0[0])) })
        let counts = rows.compactMap { Int($0[1]) }
        #expect(counts == counts.sorted(by: >))
        #expect(rows.contains { $0[2] == "Vladimir Putin" })
        let kirby = try kabar("entities", "--store", store.url.path, "kirby", "--json")
        let objects = try kirby.output.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.allSatisfy { ($0["articles"] as? Int) == 1 })
        #expect(objects.contains { $0["name"] as? String == "John Kirby" && $0["kind"] as? String == "person" })
        let with = try kabar("entities", "--store", store.url.path, "--with", "vladimir putin")
        #expect(with.status == 0, "\(with.errorOutput)")
        #expect(!with.output.contains("\tVladimir Putin\t"))
        #expect(with.output.contains("Kim Jong Un"))
        let unknown = try kabar("entities", "--store", store.url.path, "--with", "atlantis")
        #expect(unknown.status == 1)
        #expect(unknown.errorOutput.contains("no person, organisation or place named atlantis"))
        let misused = try kabar("entities", "--json", "x.txt")
        #expect(misused.status == 2)
    }
}
