import Foundation
import KabarTestSupport
import SampleStore
import Testing

@Suite("kabar for scripts")
struct CommandLineTests {
    let cache: TemporaryFolder

    init() throws {
        cache = try TemporaryFolder()
    }

    func kabar(_ arguments: String...) throws -> CommandResult { try runKabar(arguments, home: cache) }

    @Test("list prints the sample store newest first, tab-separated")
    func list() throws {
        let result = try kabar("list")
        #expect(result.status == 0)
        let rows = result.output.split(separator: "\n").map {
            $0.split(separator: "\t", omittingEmptySubsequences: false)
        }
        #expect(rows.count == 5)
        #expect(rows[0][1] == "2024-06-25T14:40")
        #expect(rows[0][2] == "genpi.co")
        #expect(rows[0][3] == "Bikin Perjanjian Baru dengan Korea Utara, Rusia Menantang Barat Soal Ukraina")
        #expect(rows.allSatisfy { $0.count == 5 })
    }

    @Test("list filters by outlet and date")
    func listFilters() throws {
        #expect(try kabar("list", "--outlet", "genpi.co").output.split(separator: "\n").count == 1)
        #expect(try kabar("list", "--from", "2024-06-21").output.split(separator: "\n").count == 1)
        #expect(try kabar("list", "--from", "2024-06", "--to", "2024-06").output.split(separator: "\n").count == 2)
    }

    @Test("search finds Kirby in one article")
    func search() throws {
        let result = try kabar("search", "Kirby")
        #expect(result.status == 0)
        #expect(result.output.contains("gemalantang.com"))
        #expect(result.output.contains("John Kirby"))
        #expect(result.output.hasSuffix("1 matching article\n"))
    }

    @Test("search takes person:, org: and place: fields")
    func searchEntityFields() throws {
        let result = try kabar("search", "person:kirby")
        #expect(result.status == 0)
        #expect(result.output.contains("gemalantang.com"))
        #expect(result.output.hasSuffix("1 matching article\n"))
    }

    @Test("show prints the cleaned text by id or by path")
    func show() throws {
        let id = try #require(try kabar("list").output.split(separator: "\n").first?.split(separator: "\t").first)
        let byID = try kabar("show", String(id))
        #expect(byID.status == 0)
        #expect(byID.output.contains("Title:  Bikin Perjanjian Baru"))
        #expect(byID.output.contains("Presiden Rusia Vladimir Putin bersedia menantang"))
        #expect(!byID.output.contains("BACA JUGA"))
        let path = SampleStore.url.appendingPathComponent("003_3b51c1f6be3a65c5.txt").path
        let byPath = try kabar("show", path)
        #expect(byPath.status == 0)
        #expect(byPath.output.contains("Outlet: samudrafakta.com"))
        #expect(!byPath.output.contains("Leave a Comment"))
    }

    @Test("every id list prints is a plain number show accepts, undated articles' too; so is a path in the store")
    func showTakesEveryListedID() throws {
        let rows = try kabar("list").output.split(separator: "\n").map { $0.split(separator: "\t") }
        #expect(rows.count == 5)
        for row in rows {
            let id = String(row[0])
            #expect(id.allSatisfy { $0.isNumber }, "\(id)")
            let shown = try kabar("show", id)
            #expect(shown.status == 0, "\(id): \(shown.errorOutput)")
            #expect(shown.output.contains("File:   ") && shown.output.contains(String(row[4])), "\(id)")
        }
        let relative = try kabar("show", "003_3b51c1f6be3a65c5.txt")
        #expect(relative.status == 0, "\(relative.errorOutput)")
        #expect(relative.output.contains("Outlet: samudrafakta.com"))
        let missing = try kabar("show", "no/such/file.txt")
        #expect(missing.status == 1)
        #expect(missing.errorOutput.contains("no/such/file.txt: no such file"))
    }

    @Test("extract --json prints the scorer's schema, one object per file")
    func extractJSON() throws {
        let path = SampleStore.url.appendingPathComponent("001_1c96dbfa7ee8ac16.txt").path
        let result = try kabar("extract", path, "--json")
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(object["file"] as? String == path)
        #expect(object["outlet"] as? String == "genpi.co")
        #expect(object["published"] as? String == "2024-06-25T14:40")
        #expect(object["body_lines"] as? [Int] == [5, 7, 9, 13, 15, 19, 21, 25, 27])
        #expect(object.keys.contains("title"))
    }

    @Test("extract over a folder first counts the lines its outlets' pages share; one file alone is read on its own")
    func extractUsesTemplates() throws {
        let store = try TemporaryFolder()
        for number in 0..<4 {
            try store.write(
                "news/\(number).txt",
                """
                Harga Beras Naik di Pasar Induk Kota Nomor \(number)

                Jakarta, CNN Indonesia -- Harga beras di pasar induk naik lagi pekan ini menurut pedagang \(number).

                Pedagang mengatakan pasokan dari daerah berkurang karena musim hujan yang panjang tahun ini.

                Tentang Kami Pedoman Media Siber
                """)
        }
        let folder = try kabar("extract", store.url.appendingPathComponent("news").path, "--json")
        #expect(folder.status == 0, "\(folder.errorOutput)")
        let objects = try folder.output.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.count == 4)
        #expect(objects.allSatisfy { $0["body_lines"] as? [Int] == [3, 5] })
        let single = try kabar("extract", store.url.appendingPathComponent("news/0.txt").path, "--json")
        #expect(single.output.contains("\"body_lines\":[3,5,7]"), "\(single.output)")
        let shown = try kabar("extract", store.url.appendingPathComponent("news").path)
        #expect(shown.output.contains("   7 template       Tentang Kami Pedoman Media Siber"), "\(shown.output)")
    }

    @Test("extract --json gives the outlet the text names, and apart the one only the file's name suggests")
    func extractOutletByPath() throws {
        let store = try TemporaryFolder()
        let page = """
            Harga Beras Naik di Pasar Induk Kota

            Harga beras di pasar induk naik lagi pekan ini menurut para pedagang di sana.

            Pedagang mengatakan pasokan dari daerah berkurang karena musim hujan yang panjang.
            """
        try store.write("wartaku.com_1.txt", page)
        try store.write("wartaku.com_2.txt", "WARTAKITA.COM - " + page)
        let plain = try kabar("extract", store.url.appendingPathComponent("wartaku.com_1.txt").path, "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(plain.output.utf8)) as? [String: Any])
        #expect(object["outlet"] is NSNull)
        #expect(object["outlet_by_path"] as? String == "wartaku.com")
        let named = try kabar("extract", store.url.appendingPathComponent("wartaku.com_2.txt").path, "--json")
        let namedObject = try #require(
            try JSONSerialization.jsonObject(with: Data(named.output.utf8)) as? [String: Any])
        #expect(namedObject["outlet"] as? String == "wartakita.com")
        #expect(namedObject["outlet_by_path"] == nil)
        let shown = try kabar("extract", store.url.appendingPathComponent("wartaku.com_1.txt").path)
        #expect(shown.output.contains("outlet: wartaku.com (by its path)"), "\(shown.output)")
    }

    @Test("extract --model reads with a model of one's own; a file that is not one is refused by name")
    func extractWithModel() throws {
        let folder = try TemporaryFolder()
        try folder.write("bad.model", "not a model at all")
        let page = SampleStore.url.appendingPathComponent("001_1c96dbfa7ee8ac16.txt").path
        let bad = try kabar("extract", page, "--model", folder.url.appendingPathComponent("bad.model").path)
        #expect(bad.status == 1)
        #expect(bad.errorOutput.contains("bad.model: not a"), "\(bad.errorOutput)")
        let missing = try kabar("extract", page, "--model", folder.url.appendingPathComponent("none.model").path)
        #expect(missing.status == 1)
        #expect(missing.errorOutput.contains("none.model: cannot be read"), "\(missing.errorOutput)")
        // A model trained on one labelled page reads pages.
        let lines = (1...14).map {
            $0 == 1
                ? "Judul Berita Hari Ini Tentang Kota"
                : $0 > 12
                    ? "Menu \($0)" : "Paragraf \($0) berisi kalimat yang cukup panjang untuk dibaca sebagai isi berita."
        }
        try folder.write("pages/raw/kota.txt", lines.joined(separator: "\n"))
        try folder.write(
            "pages/labels/kota.json",
            #"{"outlet": null, "title": "Judul Berita Hari Ini Tentang Kota", "published": null, "body_lines": [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]}"#
        )
        let model = folder.url.appendingPathComponent("own.model").path
        let trained = try kabar(
            "extract", "--train", folder.url.appendingPathComponent("pages").path, "--output", model)
        #expect(trained.status == 0, "\(trained.errorOutput)")
        let own = try kabar(
            "extract", folder.url.appendingPathComponent("pages/raw/kota.txt").path, "--json", "--model", model)
        #expect(own.status == 0, "\(own.errorOutput)")
        #expect(own.output.contains("\"body_lines\":[2,3,4,5,6,7,8,9,10,11,12]"), "\(own.output)")
    }

    @Test("extract --output-dir writes one JSON file per article, nulls included")
    func extractToFolder() throws {
        let output = try TemporaryFolder()
        let result = try kabar("extract", SampleStore.url.path, "--output-dir", output.url.path)
        #expect(result.status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: output.url.path).sorted()
        #expect(names.count == 5)
        let first = try String(
            contentsOf: output.url.appendingPathComponent("000_1d47c5372f499aee.json"), encoding: .utf8)
        #expect(first.contains("\"title\":null"))
        #expect(first.contains("\"published\":null"))
    }

    @Test(
        "runtime errors exit 1 and name the problem",
        arguments: [
            (["show", "99999"], "no article with id 99999"),
            (["list", "--store", "/nonexistent/store"], "store not found: /nonexistent/store"),
            (["/nonexistent/store"], "store not found: /nonexistent/store"),
            (["extract", "/nonexistent/file.txt"], "/nonexistent/file.txt: no such file or directory"),
        ])
    func runtimeErrors(arguments: [String], message: String) throws {
        let result = try runCommand(
            kabarBinary, arguments, environment: ["XDG_CACHE_HOME": cache.url.path, "LANG": "C.UTF-8"])
        #expect(result.status == 1)
        #expect(result.errorOutput.contains(message), "\(result.errorOutput)")
    }

    @Test(
        "usage errors exit 2",
        arguments: [
            ["--bogus"], ["list", "--from", "2024-13"], ["search"], ["extract"], ["show"],
            ["search", "--limit", "0", "x"],
        ])
    func usageErrors(arguments: [String]) throws {
        let result = try runCommand(kabarBinary, arguments, environment: ["XDG_CACHE_HOME": cache.url.path])
        #expect(result.status == 2, "\(arguments): \(result.errorOutput)")
        #expect(result.errorOutput.hasPrefix("kabar: "))
    }

    @Test(
        "--help works on every command",
        arguments: [
            "", "read", "list", "show", "search", "extract", "entities", "stem", "doctor", "bench", "bench extract",
            "bench entities", "bench search", "bench generate", "copies", "stories", "bench copies", "bench stories",
        ])
    func help(command: String) throws {
        let arguments = command.split(separator: " ").map(String.init) + ["--help"]
        let result = try runCommand(kabarBinary, arguments, environment: [:])
        #expect(result.status == 0)
        #expect(result.output.contains("USAGE: kabar"))
    }

    @Test("a query with nothing to search for is refused in the reader's words", arguments: ["*", "\"\"", " "])
    func nothingToSearchFor(query: String) throws {
        let result = try kabar("search", query)
        #expect(result.status == 2)
        // The reader says the same under its search input.
        let message = "nothing to search for: the query has no word, phrase or filter"
        #expect(result.errorOutput.contains(message), "\(result.errorOutput)")
    }

    @Test("an empty store path is refused by the team indexer before it connects, with exit code 2")
    func emptyStorePath() throws {
        let result = try kabar("index", "--database", "postgres://nobody@127.0.0.1:1/none", "")
        #expect(result.status == 2)
        #expect(result.errorOutput.contains("a store's path is empty"))
    }

    @Test("the reader refuses to run without a terminal, with exit code 1")
    func readerNeedsTerminal() throws {
        let result = try kabar()
        #expect(result.status == 1)
        #expect(result.errorOutput.contains("needs a terminal"))
    }
}
