import Foundation
import GRDB
import KabarTestSupport
import SampleStore
import Testing

@Suite("kabar stem, bench and doctor")
struct MaintenanceCommandTests {
    let home: TemporaryFolder

    init() throws {
        home = try TemporaryFolder()
    }

    func kabar(_ arguments: [String]) throws -> CommandResult {
        try runKabar(
            arguments, home: home,
            environment: [
                "XDG_CACHE_HOME": home.url.appendingPathComponent("cache").path,
                "XDG_STATE_HOME": home.url.appendingPathComponent("state").path,
            ])
    }

    static let article =
        "Judul Berita Yang Cukup Panjang\n\n12 Maret 2025 10:00\n\nJakarta - Isi berita yang cukup panjang.\n"

    @Test("stem prints each word's stem as search uses it")
    func stem() throws {
        let result = try kabar(["stem", "menandatangani", "makanan", "Dimakan!"])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output == "menandatangani → tandatangan\nmakanan → makan\nDimakan! → makan\n")
    }

    @Test("stem --derive-roots writes the roots of a folder's words, leaving out their affixed forms")
    func deriveRoots() throws {
        let text = try TemporaryFolder()
        try text.write(
            "a.txt", "Kami makan makanan. Mereka makan makanan enak dan dimakan lagi.\n")
        try text.write("more/b.txt", "Adik memakan kue, kue dimakan, makanan memakan waktu.\n")
        let output = home.url.appendingPathComponent("roots.txt").path
        let result = try kabar(["stem", "--derive-roots", text.url.path, "--output", output])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.contains("from 12 distinct words in 2 files → \(output)"), "\(result.output)")
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        #expect(lines.first?.hasPrefix("# Root words for kabar's stemmer") == true)
        #expect(lines.contains("makan") && lines.contains("kue"), "\(lines)")
        #expect(!lines.contains("makanan") && !lines.contains("dimakan") && !lines.contains("memakan"), "\(lines)")
        // Seen once: not a root.
        #expect(!lines.contains("kami"), "\(lines)")
    }

    @Test("bench extract measures the sample store and prints its figures")
    func benchExtract() throws {
        let result = try kabar(["bench", "extract", "--seconds", "0"])
        #expect(result.status == 0, "\(result.errorOutput)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(
            lines.map { String($0.prefix(17)) } == [
                "files            ", "passes           ", "body lines found ", "articles/s       ", "MiB/s            ",
                "first looks/s    ",
            ], "\(result.output)")
        #expect(lines[0].hasPrefix("files            5 ("), "\(result.output)")
        #expect(lines.allSatisfy { $0.dropFirst(17).first?.isNumber == true }, "\(result.output)")
        #expect(lines[3].hasSuffix("(target 5000 on one core)"), "\(result.output)")
    }

    @Test("bench extract --cross-validate --pages scores every outlet and lists the pages it got wrong, one a line")
    func crossValidatePages() throws {
        let devSet = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ExtractionDevSet").path
        let result = try kabar(["bench", "extract", "--cross-validate", "--pages", "--epochs", "2", devSet])
        #expect(result.status == 0, "\(result.errorOutput)")
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("leave-one-outlet-out, 8 pages, 7 outlets"), "\(result.output)")
        #expect(lines[1].hasPrefix("body lines  P "))
        let header = try #require(lines.firstIndex(of: "page\tP\tR\tF1\ttitle\tdate\toutlet"), "\(result.output)")
        let misses = lines[(header + 1)...].filter { !$0.isEmpty }
        for miss in misses {
            let fields = miss.split(separator: "\t", omittingEmptySubsequences: false)
            #expect(fields.count == 7, "\(miss)")
            #expect(fields[0].hasSuffix(".txt") && Double(fields[3]) != nil, "\(miss)")
        }
        let plain = try kabar(["bench", "extract", "--cross-validate", "--epochs", "2", devSet])
        #expect(!plain.output.contains("page\tP\tR"))
    }

    @Test("bench entities measures the bundled model on the sample store and prints its figures")
    func benchEntities() throws {
        let result = try kabar(["bench", "entities", "--seconds", "0"])
        #expect(result.status == 0, "\(result.errorOutput)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(
            lines.map { String($0.prefix(17)) } == [
                "model            ", "model load       ", "sentences        ", "passes           ", "tokens/s         ",
            ], "\(result.output)")
        #expect(lines.allSatisfy { $0.dropFirst(17).first?.isNumber == true }, "\(result.output)")
    }

    @Test("bench search measures the sample store and prints each figure beside its target")
    func benchSearch() throws {
        let work = home.url.appendingPathComponent("work").path
        let result = try kabar([
            "bench", "search", "--source", SampleStore.url.path, "--work", work, "--sizes", "S", "--runs", "1",
        ])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.errorOutput.contains("S: built 5 articles"), "\(result.errorOutput)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(
            lines.first == "| operation | S | target | other tools on the same store, same run (S) |",
            "\(result.output)")
        // Each row: the operation, the figure measured, the target for S.
        for (operation, figure, target) in [
            (
                "launch to first usable list, existing index", #"[0-9.]+ ms \(p95 [0-9.]+, first [0-9.]+\) [✓✗]"#,
                "≤ 100 ms"
            ),
            ("re-scan with nothing changed", #"[0-9.]+ ms .* [✓✗]"#, "≤ 20 ms"),
            (
                "full build, phase 1: listed and searchable by words, outlet, date",
                #"[0-9.]+ s \[phase 2 [0-9.]+ s\] [✓✗]"#, "≤ 1 s"
            ),
            ("full build, phase 2 done: names, quotes, stories", #"[0-9.]+ s [✓✗]"#, "≤ 2 s"),
            ("very common word, top 50 with snippets", #"[0-9.]+ ms .* \[5 matches\] [✓✗]"#, "≤ 2 ms"),
            ("match count for the status line", #"[0-9.]+ ms .* [✓✗]"#, "≤ 1 ms"),
            ("open an article: read, clean, highlight, draw", #"[0-9.]+ ms .* [✓✗]"#, "≤ 16 ms"),
            ("index size on disk, beside the text", #"[0-9.]+× \([0-9]+ MB\)"#, "—"),
            ("peak memory while browsing and searching", #"[0-9]+ MB [✓✗]"#, "≤ 50 MB"),
            ("1,000 new files picked up and searchable", "—", "—"),
        ] {
            let pattern =
                "^\\| " + NSRegularExpression.escapedPattern(for: operation) + " \\| " + figure + " \\| "
                + NSRegularExpression.escapedPattern(for: target) + " \\| "
            #expect(lines.contains { $0.range(of: pattern, options: .regularExpression) != nil }, "\(operation)")
        }
        #expect(
            lines.contains { $0.hasPrefix("Targets missed: ") || $0 == "Every target measured is met." },
            "\(result.output)")
        // Where the build's time went, step by step, in the order the steps ran.
        let steps = lines.first { $0.hasPrefix("S full build, phase 2 done: names, quotes, stories, step by step: ") }
        let stepNames = (steps ?? "").components(separatedBy: "step by step: ").last.map {
            $0.components(separatedBy: " · ").map {
                $0.replacingOccurrences(of: #" [0-9.]+ m?s$"#, with: "", options: .regularExpression)
            }
        }
        #expect(
            stepNames
                == [
                    "settings and folders", "scan", "deleted files", "templates", "read, clean, write",
                    "end of phase 1",
                    "names, quotes, story features", "look-up indexes", "stories", "checkpoint",
                ], "\(result.output)")
        // Other tools, measured in the same run where they are installed, else said to be missing.
        let common = lines.first { $0.hasPrefix("| very common word") } ?? ""
        let hasTantivy =
            (try? runCommand("/usr/bin/env", ["python3", "-c", "import tantivy"], environment: [:]))?
            .status == 0
        if hasTantivy {
            #expect(
                common.range(of: #"tantivy [0-9.]+ ms \(kabar ×[0-9.e+]+\)"#, options: .regularExpression) != nil,
                "\(common)")
            let build = lines.first { $0.hasPrefix("| full build, phase 1") } ?? ""
            #expect(build.contains("tantivy "), "\(build)")
        } else {
            #expect(result.errorOutput.contains("tantivy is not importable"), "\(result.errorOutput)")
        }
        let hasRipgrep = ["/usr/bin/rg", "/usr/local/bin/rg", "/bin/rg"].contains {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        #expect(common.contains("rg ") == hasRipgrep, "\(common)")
    }

    @Test("bench generate writes the pages asked for, the same ones again on a second run")
    func benchGenerate() throws {
        let folder = home.url.appendingPathComponent("generated")
        let result = try kabar(["bench", "generate", "--source", SampleStore.url.path, "--count", "12", folder.path])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.errorOutput.contains("generated 12 pages"), "\(result.errorOutput)")
        func pages() throws -> [String: Data] {
            var pages: [String: Data] = [:]
            let enumerator = FileManager.default.enumerator(atPath: folder.path)
            while let path = enumerator?.nextObject() as? String {
                if path.hasSuffix(".txt") { pages[path] = try Data(contentsOf: folder.appendingPathComponent(path)) }
            }
            return pages
        }
        let first = try pages()
        #expect(first.count == 12)
        #expect(
            first.keys.allSatisfy {
                $0.range(of: #"^[a-z.]+/20[12][0-9]/[01][0-9]/[0-9]{7}\.txt$"#, options: .regularExpression) != nil
            },
            "\(first.keys.sorted())")
        let listed = try kabar(["list", folder.path])
        #expect(listed.output.split(separator: "\n").count == 12, "\(listed.output)\(listed.errorOutput)")
        try FileManager.default.removeItem(at: folder)
        #expect(
            try kabar(["bench", "generate", "--source", SampleStore.url.path, "--count", "12", folder.path]).status == 0
        )
        #expect(try pages() == first)
    }

    @Test("bench generate lists each page's source; bench copies groups the copies of each source")
    func benchCopies() throws {
        let folder = home.url.appendingPathComponent("copies")
        #expect(
            try kabar(["bench", "generate", "--source", SampleStore.url.path, "--count", "30", folder.path]).status == 0
        )
        let list = try String(contentsOf: folder.appendingPathComponent(".kabar-sources.tsv"), encoding: .utf8)
        let rows = list.split(separator: "\n").dropFirst().map { $0.split(separator: "\t") }
        #expect(rows.count == 30)
        // Five sample articles: page n is made from source n mod 5.
        #expect(rows.enumerated().allSatisfy { $0.element.count == 2 && $0.element[1] == "\($0.offset % 5)" })
        let result = try kabar(["bench", "copies", folder.path])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.contains("copies of 30 pages from 5 sources"), "\(result.output)")
        #expect(result.output.contains("pairwise precision  1.0000 (target 0.99)"), "\(result.output)")
        #expect(result.output.contains("pairwise recall     1.0000 (target 0.95)"), "\(result.output)")
        // A folder the generator did not make says so.
        let other = try kabar(["bench", "copies", home.url.path])
        #expect(other.status != 0)
        #expect(other.errorOutput.contains("no list of sources"), "\(other.errorOutput)")
    }

    @Test("doctor lists a file longer than 4 MiB as truncated, and is healthy")
    func doctorTruncated() throws {
        let store = try TemporaryFolder()
        try store.write("short.txt", Self.article)
        // 1,002 bytes a paragraph: 6.2 MiB in all.
        let paragraph = String(repeating: "Isi berita yang cukup panjang untuk paragraf ini. ", count: 20) + "\n\n"
        try store.write(
            "folder/long.txt", "Judul Berita Yang Sangat Panjang\n\n" + String(repeating: paragraph, count: 6500))
        let result = try kabar(["doctor", store.url.path])
        #expect(result.status == 0, "\(result.output)\(result.errorOutput)")
        #expect(result.output.contains("2 articles"), "\(result.output)")
        #expect(
            result.output.contains("\nTruncated 1 file longer than 4 MiB: only the beginning is indexed\n"),
            "\(result.output)")
        #expect(result.output.contains("\n          folder/long.txt (6 MB)\n"), "\(result.output)")
        #expect(!result.output.contains("short.txt"), "\(result.output)")
        #expect(result.output.hasSuffix("Healthy.\n"), "\(result.output)")
    }

    @Test("doctor exits with 1 when the reading state cannot be read, and leaves it as it is")
    func doctorUnreadableState() throws {
        let store = try TemporaryFolder()
        try store.write("a.txt", Self.article)
        let healthy = try kabar(["doctor", store.url.path])
        #expect(healthy.status == 0, "\(healthy.output)")
        let line = try #require(healthy.output.split(separator: "\n").first { $0.hasPrefix("Reading   ") })
        let state = String(line.dropFirst("Reading   ".count))
        try FileManager.default.createDirectory(
            atPath: (state as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "read\ta.txt\nnot a mark\n".write(toFile: state, atomically: true, encoding: .utf8)
        let result = try kabar(["doctor", store.url.path])
        #expect(result.status == 1, "\(result.output)\(result.errorOutput)")
        #expect(result.output.contains("          cannot be read: "), "\(result.output)")
        #expect(result.output.hasSuffix("Problems found.\n"), "\(result.output)")
        #expect(try String(contentsOfFile: state, encoding: .utf8) == "read\ta.txt\nnot a mark\n")
    }

    @Test("doctor exits with 1 when the index fails its integrity check, and says how to rebuild it")
    func doctorDamagedIndex() throws {
        let store = try TemporaryFolder()
        try store.copyContents(of: SampleStore.url)
        let index = home.url.appendingPathComponent("index.sqlite").path
        #expect(try kabar(["doctor", store.url.path, "--index", index]).status == 0)
        // An index whose entries no longer match its declared column: readable, but not sound.
        let database = try DatabaseQueue(path: index)
        try database.writeWithoutTransaction { db in
            try db.execute(
                sql: """
                    PRAGMA writable_schema = ON;
                    UPDATE sqlite_master SET sql = 'CREATE INDEX article_outlet ON article(folder)'
                        WHERE name = 'article_outlet';
                    PRAGMA writable_schema = OFF;
                    """)
        }
        try database.close()
        let result = try kabar(["doctor", store.url.path, "--index", index])
        #expect(result.status == 1, "\(result.output)\(result.errorOutput)")
        #expect(result.output.contains("integrity check: "), "\(result.output)")
        #expect(!result.output.contains("integrity check: ok"), "\(result.output)")
        #expect(result.output.contains("delete the index file to have it rebuilt"), "\(result.output)")
        #expect(result.output.hasSuffix("Problems found.\n"), "\(result.output)")
    }
}
