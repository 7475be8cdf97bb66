import Foundation
import KabarTestSupport
import SampleStore
import Testing

@Suite("kabar quotes")
struct QuotesCommandTests {
    let cache: TemporaryFolder
    let folder: TemporaryFolder

    init() throws {
        cache = try TemporaryFolder()
        folder = try TemporaryFolder()
    }

    func kabar(_ arguments: String...) throws -> CommandResult { try runKabar(arguments, home: cache) }

    /// Runs kabar through the shell with `input` on its standard input.
    func kabar(_ arguments: String, input: String) throws -> CommandResult {
        let path = folder.url.appendingPathComponent("input").path
        try input.write(toFile: path, atomically: true, encoding: .utf8)
        let command = shellQuoted(kabarBinary) + " " + arguments + " < " + shellQuoted(path)
        return try runCommand(
            "/bin/sh", ["-c", command],
            environment: [
                "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": cache.url.path, "HOME": cache.url.path,
            ])
    }

    @Test("--conll writes every token back once, in order, with its tag; blank lines stay; odd tokens pass through")
    func conll() throws {
        let long = String(repeating: "x", count: 4000)
        let input = [
            "\n",  // a blank line first
            "\"\tO\nKami\nsiap\n,\n\"\nkata\nKapolres\nAKBP\nBudi\nSantoso\n.\n\n",
            "🙂\n\(long)\n“\r\n\t\n-\n",  // an emoji, a long token, a CRLF line, an empty token
            "Selesai",  // no newline at the end
        ].joined()
        let result = try kabar("quotes --conll", input: input)
        #expect(result.status == 0, "\(result.errorOutput)")
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let rows = lines.filter { !$0.isEmpty }.map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(rows.allSatisfy { $0.count == 2 }, "\(rows)")
        #expect(
            rows.map { String($0[0]) } == [
                "\"", "Kami", "siap", ",", "\"", "kata", "Kapolres", "AKBP", "Budi", "Santoso", ".", "🙂", long, "“", "",
                "-", "Selesai",
            ])
        let tags = rows.map { String($0[1]) }
        #expect(
            tags.prefix(11) == [
                "B-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "B-CUE", "O", "O", "B-SPEAKER", "I-SPEAKER", "O",
            ])
        let valid: Set = ["O", "B-QUOTE", "I-QUOTE", "B-SPEAKER", "I-SPEAKER", "B-CUE", "I-CUE"]
        #expect(tags.allSatisfy(valid.contains))
        // The blank lines come back where they were.
        #expect(lines.first == "")
        #expect(lines[12] == "")
        // Nothing at all in, nothing out.
        #expect(try kabar("quotes --conll", input: "").output.isEmpty)
    }

    @Test("--conll reads tokens with marks and punctuation written against their words, and gives each one tag")
    func conllGlued() throws {
        let result = try kabar(
            "quotes --conll", input: "\"Kami\nsiap\nberangkat,\"\nkata\nKapolres\nAKBP\nBudi\nSantoso.\n")
        #expect(result.status == 0, "\(result.errorOutput)")
        let rows = result.output.split(separator: "\n").map {
            $0.split(separator: "\t", omittingEmptySubsequences: false)
        }
        #expect(
            rows.map { String($0[0]) } == [
                "\"Kami", "siap", "berangkat,\"", "kata", "Kapolres", "AKBP", "Budi", "Santoso.",
            ])
        #expect(
            rows.map { String($0[1]) } == [
                "B-QUOTE", "I-QUOTE", "I-QUOTE", "B-CUE", "O", "O", "B-SPEAKER", "I-SPEAKER",
            ])
    }

    @Test("a store's quotes, one a line, fields escaped; --speaker, --json and filters narrow them")
    func storeQuotes() throws {
        let store = try TemporaryFolder()
        try store.copyContents(of: SampleStore.url, into: "juni")
        // A report under a name holding a tab and a newline.
        try FileManager.default.moveItem(
            at: store.url.appendingPathComponent("juni/003_3b51c1f6be3a65c5.txt"),
            to: store.url.appendingPathComponent("juni/dua\tbaris\nx.txt"))
        let all = try kabar("quotes", "--store", store.url.path)
        #expect(all.status == 0, "\(all.errorOutput)")
        let rows = all.output.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(rows.count >= 10)
        #expect(rows.allSatisfy { $0.count == 8 }, "\(all.output)")
        #expect(rows.contains { $0[0] == "Antony Blinken" && $0[3] == "direct" && $0[5] == "juni/dua\\tbaris\\nx.txt" })
        let blinken = try kabar("quotes", "--store", store.url.path, "--speaker", "blinken", "--json")
        let objects = try blinken.output.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.count == 2)
        #expect(
            objects.allSatisfy { $0["speaker"] as? String == "Antony Blinken" && $0["kind"] as? String == "direct" })
        #expect(objects.contains { ($0["quote"] as? String)?.hasPrefix("Korea Utara menyediakan amunisi") == true })
        // The Blinken article is undated: a date range leaves it out.
        #expect(
            try kabar("quotes", "--store", store.url.path, "--speaker", "blinken", "--from", "2024-06-01").output
                .isEmpty)
        #expect(try kabar("quotes", "--store", store.url.path, "--speaker", "nobody at all").output.isEmpty)
    }

    @Test("article files are read directly; a file that cannot be read is named, the rest still listed")
    func files() throws {
        let good = folder.url.appendingPathComponent("good.txt")
        try "Judul\n\n\"Kami siap bertanding besok,\" kata Budi Santoso kepada wartawan.\n".write(
            to: good, atomically: true, encoding: .utf8)
        let binary = folder.url.appendingPathComponent("binary.txt")
        try Data([0x00, 0x01, 0xFF, 0xFE]).write(to: binary)
        let result = try kabar("quotes", good.path, binary.path, folder.url.appendingPathComponent("missing.txt").path)
        #expect(result.status != 0)
        #expect(
            result.output.contains("Budi Santoso\t-\tkata\tdirect\tKami siap bertanding besok,"), "\(result.output)")
        #expect(result.errorOutput.contains("binary.txt"), "\(result.errorOutput)")
        #expect(result.errorOutput.contains("missing.txt"), "\(result.errorOutput)")
    }

    @Test("--conll with files or a store, and files with --store, are refused with a reason")
    func refused() throws {
        let withFile = try kabar("quotes", "--conll", "x.txt")
        #expect(withFile.status != 0 && withFile.errorOutput.contains("--conll reads standard input"))
        let both = try kabar("quotes", "--store", "/tmp", "x.txt")
        #expect(both.status != 0 && both.errorOutput.contains("not both"))
    }
}
