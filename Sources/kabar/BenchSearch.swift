import ArgumentParser
import ArticleIndex
import Foundation
import Library
import PostgresIndex
import ReaderApp
import Research
import Search
import StateFiles
import TerminalUI

/// `kabar bench search`: the index and search benchmark, S, M and L stores side by side.
struct BenchSearch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Index and search speed, index size and memory on stores of three sizes, with targets.",
        discussion: """
            S is the --source folder itself; M (100,000 articles) and L (1,000,000) are generated from \
            it into --work (see `kabar bench generate`), which also holds the indexes. The source is \
            only read. Every timed operation runs --runs times after a first run, which is reported \
            apart; the table shows the median and the 95th percentile. Build with \
            `swift build -c release` (or `swift run -c release`) for meaningful figures.
            """)

    @Option(help: ArgumentHelp("Folder of real articles: S, and what M and L are made from.", valueName: "path"))
    var source: String

    @Option(help: ArgumentHelp("Folder for the generated stores and the indexes (made if needed).", valueName: "path"))
    var work: String

    @Option(help: "Which stores to measure, of S, M and L.")
    var sizes: String = "S,M"

    @Option(help: "Timed runs of each operation, after the first.")
    var runs: Int = 20

    @Flag(
        help:
            "Measure on the indexes already in --work (and the team index's bench store), brought up to date, instead of building them again (no build or loading figures)."
    )
    var reuse = false

    @Flag(help: "Measure the search rows and the count alone, without the other tools.")
    var queriesOnly = false

    @Option(
        help: ArgumentHelp(
            "Also load each store into this team index (as the store bench-S, bench-M or bench-L, replaced) and time the same queries there.",
            valueName: "url"))
    var database: String?

    func validate() throws {
        if runs < 1 { throw ValidationError("--runs must be at least 1") }
        let wanted = sizes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        if wanted.isEmpty || wanted.contains(where: { !["S", "M", "L"].contains($0) }) {
            throw ValidationError("--sizes takes S, M and L separated by commas, not \(sizes)")
        }
    }

    func run() throws {
        let wanted = Set(sizes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let generator = try CorpusGenerator(sourceFolder: source)
        var columns: [String: [String: Figure]] = [:]
        for (size, count) in [("S", 0), ("M", 100_000), ("L", 1_000_000)] where wanted.contains(size) {
            let store: String
            if size == "S" {
                store = source
            } else {
                store = work + "/" + size.lowercased()
                try BenchGenerate.ensure(generator, count: count, folder: store)
            }
            log("\(size): measuring \(store)")
            columns[size] = try measure(store: store, size: size, generator: generator, generated: count)
        }
        print(BenchTable.render(columns: columns, sizes: ["S", "M", "L"].filter(wanted.contains)))
        let steps = BenchTable.renderSteps(columns: columns, sizes: ["S", "M", "L"].filter(wanted.contains))
        if !steps.isEmpty {
            print()
            print(steps)
        }
        if database != nil {
            print()
            print(TeamBench.render(columns: columns, sizes: ["S", "M", "L"].filter(wanted.contains)))
        }
    }

    func log(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    /// The queries of the table, as the search pane runs them (count, top 50, snippets).
    static let queries: [(row: String, text: String)] = [
        ("common", "yang"),
        ("rare", "anjlok"),
        ("phrase", "\"presiden joko widodo\""),
        ("prefix", "pemerint*"),
        ("filtered", "pemerintah outlet:kumparan from:2017-01-01 to:2017-12-31"),
        ("browse", "outlet:kumparan from:2017-01-01 to:2017-06-30"),
    ]

    func measure(store: String, size: String, generator: CorpusGenerator, generated: Int) throws -> [String: Figure] {
        var figures: [String: Figure] = [:]
        let storeURL = URL(fileURLWithPath: store)
        let indexURL = URL(fileURLWithPath: work).appendingPathComponent("index-\(size.lowercased()).sqlite")
        let reused = reuse && FileManager.default.fileExists(atPath: indexURL.path)
        if !reused {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: indexURL.path + suffix) }
        }

        // Full build. Its peak memory is its own, not that of generating the store before it
        // (where the system lets the peak start again).
        let peakIsTheBuilds = ResidentMemory.resetPeak()
        let buildStart = now()
        var index = try ArticleIndex(url: indexURL, store: storeURL)
        // Loaded into a team index, as `kabar index --database` loads it: with details kept.
        if database != nil { try index.keepDetails() }
        let built = try index.update()
        let buildSeconds = now() - buildStart
        if reused {
            log("\(size): reusing \(indexURL.path), brought up to date in \(String(format: "%.1f", buildSeconds)) s")
        }
        if !reused {
            figures["build"] = Figure(seconds: [buildSeconds], unit: .seconds)
            figures["build"]?.steps = built.steps
            figures["words"] = Figure(seconds: [built.wordsSeconds], unit: .seconds)
            figures["words"]?.note = String(format: "phase 2 %.1f s", built.namesSeconds)
            if let peak = ResidentMemory.peakKilobytes() {
                figures["build-memory"] = Figure(megabytes: Double(peak) / 1024)
                if !peakIsTheBuilds { figures["build-memory"]?.note = "with generating the store before it" }
            }
            log("\(size): built \(built.added) articles in \(String(format: "%.1f", figures["build"]!.median)) s")
            // Story grouping's share of the build: the grouping pass, and the features made on the
            // reading threads (their time spread over the cores that read).
            let cores = Double(max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8)))
            let storyShare = (built.storySeconds + built.storyFeatureSeconds / cores) / max(buildSeconds, 1e-9)
            figures["stories-build"] = Figure(percent: storyShare * 100)
            figures["stories-build"]?.note = String(
                format: "grouping %.1f s, features %.1f s on %.0f cores", built.storySeconds, built.storyFeatureSeconds,
                cores)
            // Quote finding's share, done on the reading threads likewise.
            figures["quotes-build"] = Figure(percent: built.quoteSeconds / cores / max(buildSeconds, 1e-9) * 100)
            figures["quotes-build"]?.note = String(format: "quotes %.1f s on %.0f cores", built.quoteSeconds, cores)
        }
        // Reopen, as a reader would.
        index = try ArticleIndex(url: indexURL, store: storeURL)

        // Size beside the text.
        let textBytes = try textFiles(in: [store]).reduce(Int64(0)) { total, path in
            total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0)
        }
        let indexBytes = ["", "-wal"].reduce(Int64(0)) { total, suffix in
            total + ((try? FileManager.default.attributesOfItem(atPath: indexURL.path + suffix)[.size] as? Int64) ?? 0)
        }
        figures["size"] = Figure(ratio: Double(indexBytes) / Double(max(1, textBytes)), bytes: indexBytes)

        figures["rescan"] = try timed { _ = try index.update() }

        for (row, text) in Self.queries {
            let query = SearchQuery(text)
            var found = 0
            figures[row] = try timed { found = try index.search(query, filter: ArticleFilter(), limit: 50).totalCount }
            figures[row]?.note = "\(found) matches"
        }
        let common = SearchQuery(Self.queries[0].text)
        // The count the status line shows (an estimate past the counting bound), beside the exact one.
        var shown = MatchCount(0)
        figures["count"] = try timed { shown = try index.estimatedMatchCount(common, filter: ArticleFilter()) }
        let exact = try index.matchCount(common, filter: ArticleFilter())
        figures["count"]?.note =
            shown.isEstimate ? "~\(shown.count) shown, \(exact) exact" : "\(exact) exact"

        if let database {
            for (key, figure) in try TeamBench.measure(
                index: index, address: try DatabaseAddress(parsing: database), store: "bench-" + size, reuse: reused,
                bench: self)
            {
                figures[key] = figure
            }
        }

        if queriesOnly { return figures }

        // The Stories pane: count the stories of two outlets or more, load the first page and draw
        // them, as the reader does.
        var storyCount = 0
        let runner = EffectRunner(library: index)
        figures["stories"] = try timed {
            var state = AppState(storeName: "bench", isSampleStore: false, width: 120, height: 40)
            for effect in state.enterStories() {
                let message = runner.perform(effect)
                if case .failed(let text) = message { throw CommandFailure(text) }
                _ = state.update(message)
            }
            storyCount = state.stories.list.count
            _ = ReaderView.render(state)
        }
        figures["stories"]?.note = "\(storyCount) stories"

        // The timeline of the common word: day counts, periods, drawn over the list.
        var periods = 0
        figures["timeline"] = try timed {
            var state = AppState(storeName: "bench", isSampleStore: false, width: 120, height: 40)
            _ = state.openTimeline(query: common, subject: "bench")
            _ = state.update(
                .timelineLoaded(
                    try index.dayCounts(matching: common, filter: ArticleFilter(), byOutlet: false),
                    request: state.timelineRequest))
            if case .timeline(let timeline) = state.overlay { periods = timeline.timeline?.periods.count ?? 0 }
            _ = ReaderView.render(state)
        }
        figures["timeline"]?.note = "\(periods) periods"

        // Twenty saved searches listed with their counts, as L shows them: the benchmark's queries,
        // common and rare words, names and a filter alone.
        let savedQueries =
            Self.queries.map(\.text) + [
                "pemerintah", "jakarta", "presiden", "banjir OR gempa", "\"bank indonesia\"", "person:jokowi",
                "place:jakarta", "org:kpk", "polisi -jakarta", "ekonomi indonesia", "sepak bola", "harga minyak",
                "korupsi", "",
            ]
        var saved = SavedSearches()
        for (number, text) in savedQueries.prefix(20).enumerated() {
            let filter = text.isEmpty ? ArticleFilter(fromDay: "2017-01-01", toDay: "2017-03-31") : ArticleFilter()
            saved.save(SavedSearch(name: "search \(number + 1)", query: text, filter: filter))
        }
        figures["searches"] = try timed {
            var state = AppState(storeName: "bench", isSampleStore: false, width: 120, height: 40)
            state.savedSearches = saved
            guard let effect = state.showSavedSearches().first else { return }
            _ = state.update(runner.perform(effect))
            _ = ReaderView.render(state)
        }
        figures["searches"]?.note = "\(saved.searches.count) searches"

        // Every article exported to JSON lines, in a process of its own for its memory.
        let (exportSeconds, exportMegabytes, exported) = try exportSession(index: indexURL, store: store)
        figures["export"] = Figure(seconds: [exportSeconds], unit: .seconds)
        figures["export"]?.note = "\(exported) articles"
        figures["export-memory"] = Figure(megabytes: exportMegabytes)

        // Open an article: read, clean, find entities, lay out and draw.
        let ids = try index.search(common, filter: ArticleFilter(), limit: 50).hits.map(\.summary.id)
        var next = 0
        figures["open"] = try timed {
            let id = ids[next % max(1, ids.count)]
            next += 1
            var state = AppState(storeName: "bench", isSampleStore: false, width: 120, height: 40)
            state.articleRequest = 1
            _ = state.update(.articleLoaded(try index.article(id: id), query: common, request: 1))
            _ = ReaderView.render(state)
        }

        // Launch to the first list, and memory while browsing and searching, in a process of its own.
        figures["launch"] = try timed { _ = try session(index: indexURL, store: store, browse: false) }
        let memory = try session(index: indexURL, store: store, browse: true)
        figures["memory"] = Figure(megabytes: memory)

        if generated > 0 {
            // 1,000 new files, picked up and searchable; removed again after each run. Dated on any
            // day of the archive (the worst case for stories), then as a day's crawl: the last two days.
            var first = generated + 10_000_000
            let all = CorpusGenerator.allDays
            for (row, days) in [("new", all), ("crawl", (all.upperBound - 2)..<all.upperBound)] {
                var paths: [String] = []
                var storyTimes: [Double] = []
                var searchableTimes: [Double] = []
                var steps: [[UpdateStep]] = []
                figures[row] = try timed(
                    before: {
                        paths = (first..<(first + 1000)).map { generator.page($0, days: days).path }
                        try generator.write(first..<(first + 1000), to: store, days: days)
                        first += 1000
                    },
                    after: {
                        for path in paths { try FileManager.default.removeItem(atPath: store + "/" + path) }
                        _ = try index.update()
                    },
                    body: {
                        let report = try index.update()
                        if report.added != 1000 {
                            throw CommandFailure("expected 1,000 new files, found \(report.added)")
                        }
                        storyTimes.append(report.storySeconds)
                        searchableTimes.append(report.wordsSeconds)
                        steps.append(report.steps)
                    })
                figures["stories-" + row] = Figure(seconds: storyTimes, unit: .milliseconds)
                figures[row]?.steps = BenchTable.medianSteps(steps)
                // The update's phase 1 alone: the new files listed and searchable by words, outlet
                // and date (the row's figure waits for phase 2 too: names, quotes, stories).
                let searchable = Figure(seconds: searchableTimes, unit: .milliseconds).median
                figures[row]?.note = String(format: "phase 1 %.0f ms", searchable * 1000)
            }
        }

        if let rg = Self.executable("rg") {
            for (row, text) in Self.queries.prefix(4) {
                let arguments: [String]
                switch row {
                case "phrase": arguments = ["-l", "-i", "-F", "presiden joko widodo", store]
                case "prefix": arguments = ["-l", "-i", "-w", "pemerint\\w*", store]
                default: arguments = ["-l", "-i", "-w", "-F", text, store]
                }
                let figure = try timed { _ = try Self.runQuietly(rg, arguments) }
                figures[row]?.ripgrep = figure.median
            }
        }
        try measureTantivy(store: store, size: size, textBytes: textBytes, into: &figures)
        return figures
    }

    /// Where Python has tantivy: the same store indexed by it and the same queries run, in a
    /// process of its own (`Resources/tantivy-bench.py`), their figures set beside kabar's.
    func measureTantivy(store: String, size: String, textBytes: Int64, into figures: inout [String: Figure]) throws {
        guard let python = Self.executable("python3"),
            (try? Self.runQuietly(python, ["-c", "import tantivy; print('ok')"], capture: true)) == "ok\n",
            let script = Bundle.module.url(forResource: "tantivy-bench", withExtension: "py")
        else {
            log("\(size): tantivy is not importable in python3 (pip install tantivy): no tantivy figures")
            return
        }
        log("\(size): indexing the same store with tantivy")
        let folder = URL(fileURLWithPath: work).appendingPathComponent("tantivy-\(size.lowercased())").path
        let request: [String: Any] = [
            "store": store, "index": folder, "runs": runs, "queries": Self.queries.prefix(4).map { [$0.row, $0.text] },
        ]
        let input = try JSONSerialization.data(withJSONObject: request)
        let output = try Self.runQuietly(python, [script.path], capture: true, input: input)
        for line in output.split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let row = object["row"] as? String
            else { continue }
            if row == "build", let seconds = (object["seconds"] as? NSNumber)?.doubleValue {
                // Raw text made searchable by words: beside kabar's phase 1.
                figures["words"]?.tantivy = seconds
                if let bytes = (object["bytes"] as? NSNumber)?.doubleValue {
                    figures["size"]?.tantivy = bytes / Double(max(1, textBytes))
                }
            } else if let median = (object["median"] as? NSNumber)?.doubleValue {
                figures[row]?.tantivy = median
            }
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// A child `kabar bench session`: with `browse`, its peak memory in MB; else its run time.
    func session(index: URL, store: String, browse: Bool) throws -> Double {
        let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        var arguments = ["bench", "session", "--index", index.path, "--store", store]
        if browse { arguments.append("--browse") }
        let output = try Self.runQuietly(executable, arguments, capture: true)
        guard browse else { return 0 }
        guard let megabytes = Double(output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw CommandFailure("bench session said: \(output)")
        }
        return megabytes
    }

    /// A child `kabar bench session --export`: its time, peak memory and how many it exported.
    func exportSession(index: URL, store: String) throws -> (Double, Double, Int) {
        let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        let output = try Self.runQuietly(
            executable,
            [
                "bench", "session", "--index", index.path, "--store", store, "--export",
                URL(fileURLWithPath: work).appendingPathComponent("export.jsonl").path,
            ], capture: true)
        let fields = output.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        guard fields.count == 3, let seconds = Double(fields[0]), let megabytes = Double(fields[1]),
            let count = Int(fields[2])
        else { throw CommandFailure("bench session --export said: \(output)") }
        return (seconds, megabytes, count)
    }

    static func executable(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Runs a program with its error output dropped: its output when `capture`, `input` written to
    /// its standard input.
    @discardableResult
    static func runQuietly(
        _ executable: String, _ arguments: [String], capture: Bool = false, input: Data? = nil
    ) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = capture ? pipe : FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let inputPipe = Pipe()
        if input != nil { process.standardInput = inputPipe }
        try process.run()
        if let input {
            inputPipe.fileHandleForWriting.write(input)
            try inputPipe.fileHandleForWriting.close()
        }
        let data = capture ? pipe.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    func timed(_ body: () throws -> Void) throws -> Figure { try timed(body: body) }

    /// A first run, then `runs` timed runs, each between `before` and `after` (not timed).
    func timed(before: () throws -> Void = {}, after: () throws -> Void = {}, body: () throws -> Void) throws
        -> Figure
    {
        var seconds: [Double] = []
        for _ in 0...runs {
            try before()
            let start = now()
            try body()
            seconds.append(now() - start)
            try after()
        }
        return Figure(seconds: seconds, unit: .milliseconds)
    }
}

/// `kabar bench session`: what the benchmark runs in a process of its own.
struct BenchSession: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session", abstract: "Open a store and draw its list (the benchmark's launch).",
        shouldDisplay: false)

    @Option var index: String
    @Option var store: String
    @Flag var browse = false
    /// Export every article to this file instead, printing the seconds, peak MB and count.
    @Option var export: String?

    func run() throws {
        let index = try ArticleIndex(url: URL(fileURLWithPath: index), store: URL(fileURLWithPath: store))
        try index.update()
        if let export {
            let start = DispatchTime.now().uptimeNanoseconds
            let ids = try index.articleIDs(matching: nil, filter: ArticleFilter())
            let exporter = Exporter(
                library: index, storeRoot: index.scanner.root, writer: ExportWriter(format: .jsonl))
            try AtomicFile.write(to: export) { write in try exporter.export(ids: ids, write: write) }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            try? FileManager.default.removeItem(atPath: export)
            guard let peak = ResidentMemory.peakKilobytes() else {
                throw CommandFailure("cannot read this process's peak memory from /proc/self/status")
            }
            print(String(format: "%.2f %.1f %d", seconds, Double(peak) / 1024, ids.count))
            return
        }
        var state = AppState(storeName: "bench", isSampleStore: false, width: 120, height: 40)
        let runner = EffectRunner(library: index)
        // The first page, drawn: the launch.
        var later: [Effect] = []
        for effect in state.start() { later += state.update(runner.perform(effect)) }
        _ = ReaderView.render(state)
        guard browse else { return }
        // What the reader loads behind the first page (the unread count, the days), then the list
        // walked as a reader would: to its end, and two hundred pages back up.
        func settle() {
            while let effect = later.first {
                later.removeFirst()
                later += state.update(runner.perform(effect))
            }
            _ = ReaderView.render(state)
        }
        settle()
        for key in [KeyPress.end] + Array(repeating: KeyPress.pageUp, count: 200) {
            later += state.update(.key(key))
            settle()
        }
        // Browse and search as a reader would: every benchmark query, then fifty articles opened.
        for (_, text) in BenchSearch.queries {
            _ = try index.search(SearchQuery(text), filter: ArticleFilter(), limit: 200)
        }
        for hit in try index.search(SearchQuery("pemerintah"), filter: ArticleFilter(), limit: 50).hits {
            state.articleRequest = 1
            _ = state.update(.articleLoaded(try index.article(id: hit.summary.id), query: nil, request: 1))
            _ = ReaderView.render(state)
        }
        guard let peak = ResidentMemory.peakKilobytes() else {
            throw CommandFailure("cannot read this process's peak memory from /proc/self/status")
        }
        print(String(format: "%.1f", Double(peak) / 1024))
    }
}

/// `kabar bench generate`: the benchmark's generated store on its own.
struct BenchGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a store of article pages from a folder of real ones, for benchmarks.",
        discussion: """
            Each page is a source article with numbers changed and a few words swapped, a date in \
            2016–2025, one of fifty outlets and the boilerplate of a scraped page, written to \
            FOLDER/outlet/YYYY/MM/NNNNNNN.txt. The same source and count give the same files. \
            FOLDER/.kabar-sources.tsv lists each page with the number of its source article: pages \
            of one source are copies (what `kabar bench copies` measures).
            """)

    @Option(help: ArgumentHelp("Folder of real articles to generate from.", valueName: "path"))
    var source: String

    @Option(help: "How many pages to generate.")
    var count: Int = 100_000

    @Argument(help: ArgumentHelp("Where to write the pages.", valueName: "folder"))
    var folder: String

    func run() throws {
        try Self.ensure(try CorpusGenerator(sourceFolder: source), count: count, folder: folder)
    }

    /// The list of each generated page's source, in the generated folder.
    static let sourcesFile = ".kabar-sources.tsv"

    /// Generates `count` pages into `folder` unless it already holds exactly those.
    static func ensure(_ generator: CorpusGenerator, count: Int, folder: String) throws {
        let marker = folder + "/.kabar-generated"
        let signature =
            "\(count) pages from \(generator.sources.count) sources, seed \(generator.seed), sources listed\n"
        if (try? String(contentsOfFile: marker, encoding: .utf8)) == signature { return }
        if FileManager.default.fileExists(atPath: folder) {
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            guard contents.isEmpty || FileManager.default.fileExists(atPath: marker) else {
                throw CommandFailure("\(folder) holds other files; give an empty or new folder")
            }
            try FileManager.default.removeItem(atPath: folder)
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let start = DispatchTime.now().uptimeNanoseconds
        let step = 10_000
        var manifest = "path\tsource\n"
        for lower in stride(from: 0, to: count, by: step) {
            manifest += try generator.write(lower..<min(count, lower + step), to: folder)
            FileHandle.standardError.write(Data("\rgenerating \(min(count, lower + step))/\(count)…".utf8))
        }
        // Which pages share a source, for measuring how copies are found (not an article file).
        try manifest.write(toFile: folder + "/" + sourcesFile, atomically: true, encoding: .utf8)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        FileHandle.standardError.write(
            Data("\rgenerated \(count) pages in \(String(format: "%.0f", seconds)) s\n".utf8))
        try signature.write(toFile: marker, atomically: true, encoding: .utf8)
    }
}

/// One measured figure: run times, a ratio, or megabytes.
struct Figure {
    enum Unit { case milliseconds, seconds }
    var values: [Double] = []
    var unit: Unit = .milliseconds
    var ratio: Double?
    var bytes: Int64?
    var megabytes: Double?
    var percent: Double?
    var note: String?
    /// Where an index update's time went, step by step (the median of each step over the runs).
    var steps: [UpdateStep]?
    /// The same operation by other tools on the same store, in the same run: tantivy's figure
    /// (seconds, or a ratio for the size) and ripgrep's median (seconds).
    var tantivy: Double?
    var ripgrep: Double?

    /// The other tools' figures beside this one: `tantivy 1.5 ms (kabar ×2.1); rg 640 ms (×0.01)`.
    var alternatives: String {
        func amount(_ value: Double) -> String {
            if ratio != nil { return String(format: "%.2f×", value) }
            if unit == .seconds { return String(format: "%.1f s", value) }
            let ms = value * 1000
            return ms < 10 ? String(format: "%.2f ms", ms) : String(format: "%.0f ms", ms)
        }
        let own = ratio ?? median
        var parts: [String] = []
        for (name, value) in [("tantivy", tantivy), ("rg", ripgrep)] {
            guard let value else { continue }
            parts.append("\(name) \(amount(value)) (kabar ×" + String(format: "%.2g", own / max(value, 1e-12)) + ")")
        }
        return parts.isEmpty ? "—" : parts.joined(separator: "; ")
    }

    init(seconds: [Double], unit: Unit) {
        values = seconds
        self.unit = unit
    }
    init(ratio: Double, bytes: Int64) {
        self.ratio = ratio
        self.bytes = bytes
    }
    init(megabytes: Double) { self.megabytes = megabytes }
    init(percent: Double) { self.percent = percent }

    /// Timed runs after the first.
    var warm: [Double] { values.count > 1 ? Array(values.dropFirst()).sorted() : values }
    var median: Double { warm.isEmpty ? 0 : warm[warm.count / 2] }
    var p95: Double { warm.isEmpty ? 0 : warm[min(warm.count - 1, Int((Double(warm.count) * 0.95).rounded(.up)) - 1)] }

    /// The figure compared with a target: in milliseconds, seconds, ratio or MB as the row has it.
    var comparable: Double {
        if let ratio { return ratio }
        if let megabytes { return megabytes }
        if let percent { return percent }
        return unit == .seconds ? median : median * 1000
    }

    var text: String {
        if let ratio { return String(format: "%.2f× (%.0f MB)", ratio, Double(bytes ?? 0) / 1_048_576) }
        if let megabytes { return String(format: "%.0f MB", megabytes) }
        if let percent { return String(format: "%.1f %%", percent) }
        if unit == .seconds { return String(format: "%.1f s", median) }
        func ms(_ seconds: Double) -> String {
            let value = seconds * 1000
            return value < 10 ? String(format: "%.2f", value) : String(format: "%.0f", value)
        }
        return "\(ms(median)) ms (p95 \(ms(p95)), first \(ms(values.first ?? 0)))"
    }
}

enum BenchTable {
    /// Rows: key, operation, targets for S, M, L (nil: none), unit of the targets.
    static let rows: [(String, String, [Double?], String)] = [
        ("launch", "launch to first usable list, existing index", [100, 150, 300], "ms"),
        ("rescan", "re-scan with nothing changed", [20, 250, 1500], "ms"),
        ("new", "1,000 new files picked up and searchable", [nil, 1500, 3000], "ms"),
        ("stories-new", "stories of 1,000 new files, beyond indexing them", [nil, 50, 50], "ms"),
        ("crawl", "1,000 new files of a day's crawl, picked up and searchable", [nil, 1500, 3000], "ms"),
        ("stories-crawl", "stories of a day's crawl of 1,000 files, beyond indexing them", [nil, 50, 50], "ms"),
        ("words", "full build, phase 1: listed and searchable by words, outlet, date", [1, 20, nil], "s"),
        ("build", "full build, phase 2 done: names, quotes, stories", [2, 40, 480], "s"),
        ("build-memory", "peak memory while building", [nil, 300, 300], "MB"),
        ("common", "very common word, top 50 with snippets", [2, 8, 16], "ms"),
        ("rare", "rare word, top 50 with snippets", [1, 2, 16], "ms"),
        ("phrase", "phrase, top 50 with snippets", [2, 5, 16], "ms"),
        ("prefix", "prefix as typed (pemerint*)", [5, 20, 16], "ms"),
        ("filtered", "words + outlet + date range, top 50", [2, 10, 16], "ms"),
        ("browse", "browse outlet + date range, no words", [1, 1, 16], "ms"),
        ("count", "match count for the status line", [1, 5, 16], "ms"),
        ("stories-build", "story grouping's share of the full build", [nil, 15, 15], "%"),
        ("quotes-build", "quote finding's share of the full build", [10, 10, 10], "%"),
        ("stories", "Stories pane: count the stories, load the first page, draw", [50, 50, 50], "ms"),
        ("open", "open an article: read, clean, highlight, draw", [16, 16, 16], "ms"),
        ("timeline", "timeline of a very common word: count per day, draw", [50, 50, nil], "ms"),
        ("searches", "saved searches: list 20 with their counts, draw", [100, 100, nil], "ms"),
        ("export", "export every article to JSON lines (text, names, marks)", [nil, 20, nil], "s"),
        ("export-memory", "peak memory while exporting every article", [150, 150, 150], "MB"),
        ("size", "index size on disk, beside the text", [nil, 0.7, 0.7], "×"),
        ("memory", "peak memory while browsing and searching", [50, 100, 150], "MB"),
    ]

    /// Each step's median over several updates, as the table's figures take it (`Figure.median`:
    /// the first run left out), in the order the steps ran.
    static func medianSteps(_ runs: [[UpdateStep]]) -> [UpdateStep] {
        var names: [String] = []
        for run in runs {
            for step in run where !names.contains(step.name) { names.append(step.name) }
        }
        return names.map { name in
            let values = runs.map { run in run.first { $0.name == name }?.seconds ?? 0 }
            return UpdateStep(name: name, seconds: Figure(seconds: values, unit: .seconds).median)
        }
    }

    /// Where the updates' time went, one line per measured update: `M full build, …, step by
    /// step: scan 610 ms · templates 5.3 s · …` (milliseconds below a second).
    static func renderSteps(columns: [String: [String: Figure]], sizes: [String]) -> String {
        var lines: [String] = []
        for size in sizes {
            for (key, name, _, _) in rows {
                guard let figure = columns[size]?[key], let steps = figure.steps, !steps.isEmpty else { continue }
                let parts = steps.map { step in
                    step.name
                        + (step.seconds >= 1
                            ? String(format: " %.1f s", step.seconds) : String(format: " %.0f ms", step.seconds * 1000))
                }
                lines.append("\(size) \(name), step by step: " + parts.joined(separator: " · "))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func render(columns: [String: [String: Figure]], sizes: [String]) -> String {
        let sizeIndex = ["S": 0, "M": 1, "L": 2]
        var header = "| operation |"
        var rule = "|---|"
        for size in sizes {
            header += " \(size) | target |"
            rule += "---|---|"
        }
        header += " other tools on the same store, same run (\(sizes.last ?? "")) |"
        rule += "---|"
        var lines = [header, rule]
        var misses: [String] = []
        for (key, name, targets, unit) in rows {
            var line = "| \(name) |"
            for size in sizes {
                let target = targets[sizeIndex[size]!]
                let targetText = target.map { "≤ \(format($0)) \(unit)" } ?? "—"
                if let figure = columns[size]?[key] {
                    var mark = ""
                    if let target {
                        let met = figure.comparable <= target
                        mark = met ? " ✓" : " ✗"
                        if !met { misses.append("\(size) \(name)") }
                    }
                    let note = figure.note.map { " [\($0)]" } ?? ""
                    line += " \(figure.text)\(note)\(mark) | \(targetText) |"
                } else {
                    line += " — | \(targetText) |"
                }
            }
            lines.append(line + " \(sizes.last.flatMap { columns[$0]?[key]?.alternatives } ?? "—") |")
        }
        lines.append("")
        lines.append(
            misses.isEmpty ? "Every target measured is met." : "Targets missed: " + misses.joined(separator: "; "))
        if BenchSearch.executable("rg") == nil { lines.append("ripgrep (rg) is not on the PATH: no ripgrep ratios.") }
        return lines.joined(separator: "\n")
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
