import Foundation
import KabarTestSupport
import SampleStore
import Testing

@Suite("kabar for scripts: output formats and file errors")
struct ScriptOutputTests {
    let cache: TemporaryFolder
    let store: TemporaryFolder

    init() throws {
        cache = try TemporaryFolder()
        store = try TemporaryFolder()
    }

    func kabar(_ arguments: String...) throws -> CommandResult { try runKabar(arguments, home: cache) }

    /// A JSON object per line of `output`.
    func objects(_ output: String) throws -> [[String: Any]] {
        try output.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], "\($0)")
        }
    }

    @Test("list and search escape tabs, newlines and backslashes in file names, one article a row")
    func tabSeparatedFieldsAreEscaped() throws {
        try store.write("tab\there\nnewline.txt", zulkifliArticle)
        try store.write("back\\slash.txt", zulkifliArticle.replacingOccurrences(of: "Menteri Zulkifli", with: "Wakil"))
        let listed = try kabar("list", store.url.path)
        #expect(listed.status == 0, "\(listed.errorOutput)")
        let rows = listed.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(rows.count == 2, "\(listed.output)")
        #expect(rows.allSatisfy { $0.count == 5 }, "\(rows)")
        #expect(Set(rows.map { $0[4] }) == ["tab\\there\\nnewline.txt", "back\\\\slash.txt"])
        let found = try kabar("search", "pasar", "--store", store.url.path)
        let hitRows = found.output.split(separator: "\n").filter { !$0.hasPrefix("    ") }.dropLast()
        #expect(hitRows.count == 2, "\(found.output)")
        #expect(hitRows.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 5 })
    }

    @Test("--absolute prints each file's full path")
    func absolutePaths() throws {
        try store.write("berita/pasar.txt", zulkifliArticle)
        let listed = try kabar("list", store.url.path, "--absolute")
        let path = try #require(listed.output.split(separator: "\n").first?.split(separator: "\t").last)
        #expect(path.hasPrefix("/") && path.hasSuffix("/berita/pasar.txt"), "\(path)")
        #expect(FileManager.default.fileExists(atPath: String(path)))
        let relative = try kabar("list", store.url.path)
        #expect(relative.output.hasSuffix("\tberita/pasar.txt\n"))
    }

    @Test("list --json prints one object per article and line, with the cleaned text on request")
    func listJSON() throws {
        let listed = try kabar("list", "--json")
        #expect(listed.status == 0, "\(listed.errorOutput)")
        let records = try objects(listed.output)
        #expect(records.count == 5)
        let first = try #require(records.first)
        #expect(Set(first.keys) == ["id", "path", "outlet", "title", "published", "url"])
        #expect(first["outlet"] as? String == "genpi.co")
        #expect(first["published"] as? String == "2024-06-25T14:40")
        #expect(first["path"] as? String == "001_1c96dbfa7ee8ac16.txt")
        #expect(records.contains { $0["published"] is NSNull })
        let withText = try objects(try kabar("list", "--json", "--text").output)
        let text = try #require(withText.first?["text"] as? String)
        #expect(text.contains("Presiden Rusia Vladimir Putin bersedia menantang"))
        #expect(!text.contains("BACA JUGA"))
    }

    @Test("search --json prints one object per hit with its snippet; the count goes to standard error")
    func searchJSON() throws {
        let found = try kabar("search", "kirby", "--json")
        #expect(found.status == 0, "\(found.errorOutput)")
        let records = try objects(found.output)
        #expect(records.count == 1)
        #expect(records[0]["outlet"] as? String == "gemalantang.com")
        #expect((records[0]["snippet"] as? String)?.contains("John Kirby") == true)
        #expect(records[0]["text"] == nil)
        #expect(found.errorOutput.contains("1 matching article"))
        let noJSON = try kabar("list", "--text")
        #expect(noJSON.status == 2)
        #expect(noJSON.errorOutput.contains("--text goes with --json"))
    }

    @Test("show and extract refuse a binary file with the indexer's reason")
    func binaryFilesAreRefused() throws {
        let path = try store.write("gambar.txt", Data("JFIF\0\0\u{1}binary".utf8)).path
        for arguments in [["show", path], ["extract", path]] {
            let result = try runCommand(
                kabarBinary, arguments, environment: ["XDG_CACHE_HOME": cache.url.path, "LANG": "C.UTF-8"])
            #expect(result.status == 1, "\(arguments): \(result.output)")
            #expect(result.errorOutput.contains("binary file (contains NUL bytes)"), "\(result.errorOutput)")
        }
    }

    @Test("extract given a folder names the symbolic links it passes over, as the index does, and reads the rest")
    func folderSkipsAreNamed() throws {
        let article = try store.write("pasar.txt", zulkifliArticle)
        try FileManager.default.createSymbolicLink(
            atPath: store.url.appendingPathComponent("tautan.txt").path, withDestinationPath: article.path)
        let result = try kabar("extract", "--json", store.url.path)
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(try objects(result.output).count == 1, "\(result.output)")
        #expect(
            result.errorOutput.contains("tautan.txt: symbolic link; kabar does not follow links"),
            "\(result.errorOutput)")
    }

    @Test("copies groups an article with its copy under another name, escapes file names, and says what it skipped")
    func copies() throws {
        try store.write("pasar.txt", zulkifliArticle)
        // The same text re-posted with a figure changed, under a name holding a tab and a newline.
        try store.write("salinan\tke\ndua.txt", zulkifliArticle.replacingOccurrences(of: "dua jam", with: "3 jam"))
        try store.write(
            "lain.txt",
            """
            Harga Cabai di Pasar Naik Menjelang Lebaran

            Jakarta - Harga cabai rawit di sejumlah pasar tradisional naik tajam menjelang Lebaran karena \
            pasokan dari daerah sentra produksi berkurang akibat hujan.
            """)
        let result = try kabar("copies", store.url.path)
        #expect(result.status == 0, "\(result.errorOutput)")
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        #expect(lines.count == 3, "\(result.output)")
        #expect(lines.first == "== 2 copies")
        #expect(lines.contains { $0.hasSuffix("salinan\\tke\\ndua.txt") }, "\(result.output)")
        #expect(lines.contains { $0.hasSuffix("/pasar.txt") && $0.contains("\tMenteri Zulkifli Hasan") })
        #expect(!result.output.contains("lain.txt"))
        let json = try kabar("copies", "--json", store.url.path)
        let groups = try objects(json.output)
        #expect(groups.count == 1)
        #expect((groups.first?["articles"] as? [[String: Any]])?.count == 2, "\(json.output)")
        // A binary file is named with the reason and skipped; the copies are still listed.
        try store.write("gambar.txt", Data("JFIF\0\0\u{1}binary".utf8))
        let skipping = try kabar("copies", store.url.path)
        #expect(skipping.status == 1)
        #expect(skipping.errorOutput.contains("binary file (contains NUL bytes)"), "\(skipping.errorOutput)")
        #expect(skipping.output.hasPrefix("== 2 copies"), "\(skipping.output)")
    }

    @Test("entities takes folders as extract does, and names a missing file as missing")
    func entitiesOfAFolder() throws {
        try store.write("pasar.txt", zulkifliArticle)
        try store.write("dalam/lagi.txt", zulkifliArticle)
        let result = try kabar("entities", store.url.path)
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.components(separatedBy: "== ").count == 3, "\(result.output)")
        #expect(result.output.contains("PER\t1\tZulkifli Hasan"), "\(result.output)")
        for arguments in [
            ["entities", "/nonexistent/article.txt"], ["entities", "--evaluate", "/nonexistent/gold.conll"],
            ["extract", "/nonexistent/article.txt"],
        ] {
            let missing = try runCommand(kabarBinary, arguments, environment: ["LANG": "C.UTF-8"])
            #expect(missing.status == 1)
            #expect(missing.errorOutput.contains(": no such file or directory"), "\(missing.errorOutput)")
        }
    }
}
