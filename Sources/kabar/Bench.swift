import ArgumentParser
import ArticleFiles
import ArticleIndex
import Articles
import Entities
import Foundation
import SequenceModels

/// `kabar bench …`: measurements that print figures.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure kabar's speed on your own files and print the figures.",
        subcommands: [
            BenchExtract.self, BenchEntities.self, BenchSearch.self, BenchGenerate.self, BenchSession.self,
            BenchCopies.self, BenchStories.self, BenchQuotes.self,
        ])
}

struct BenchExtract: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extraction speed: decode and label every .txt file, on one core.",
        discussion: """
            Files are read into memory first, so only decoding and extraction are timed; then the \
            first look the index takes at each file for the store-wide templates (its outlet and \
            the hashes of its lines). Passes repeat \
            until at least --seconds have gone by; the median pass is reported. Build with \
            `swift build -c release` for meaningful figures.
            """)

    @Argument(help: ArgumentHelp("Folders or files of articles; the sample store when left out.", valueName: "path"))
    var paths: [String] = []

    @Option(help: "Keep measuring for at least this many seconds.")
    var seconds: Double = 3

    @Flag(
        help: """
            Instead of speed: leave-one-outlet-out cross-validation of the line model on labelled pages \
            (the folders' layouts as for `kabar extract --train`).
            """)
    var crossValidate = false

    @Flag(
        help: """
            With --cross-validate, then list every page the held-out model got wrong in some way, one \
            a line, tab-separated: page, body precision, recall, F1, and the title, date and outlet \
            found where they differ from the key (`found -> key`).
            """)
    var pages = false

    @Flag(
        help: """
            With --cross-validate, then list every body line the held-out model read wrong, one a line, \
            tab-separated: page, line number, `extra` (shown but not article text) or `missing`, and the \
            line's text.
            """)
    var lines = false

    @Option(help: .hidden) var epochs: Int?
    @Option(help: .hidden) var l2: Double?
    @Option(help: .hidden) var rate: Double?
    @Option(help: .hidden) var margin: Double?
    @Option(help: .hidden) var optimizer: String?

    func run() throws {
        if crossValidate { return try printCrossValidation() }
        let roots = paths.isEmpty ? [try OpenStore.resolve(nil).0.path] : paths
        // Files the indexer would skip are skipped; the others' bytes are decoded as it does.
        var reader = ArticleFileReader()
        let files = try textFiles(in: roots).compactMap { path -> [UInt8]? in
            guard reader.text(at: path) != nil, let data = FileManager.default.contents(atPath: path) else {
                return nil
            }
            return [UInt8](data)
        }
        guard !files.isEmpty else { throw CommandFailure("no .txt files to measure") }
        let bytes = files.reduce(0) { $0 + $1.count }
        let extractor = ArticleExtractor()
        var bodyLines = 0
        let (passes, median) = timePasses(seconds: seconds) {
            bodyLines = 0
            for data in files {
                guard case .success(let contents) = ArticleContents.decode(data) else { continue }
                bodyLines += extractor.extract(contents.text).bodyLineNumbers.count
            }
        }
        // The first look the index takes at every new file, for the store-wide templates.
        var groups = Set<String>()
        let (_, lookMedian) = timePasses(seconds: seconds / 2) {
            groups = []
            for data in files {
                guard case .success(let contents) = ArticleContents.decode(data) else { continue }
                groups.insert(extractor.look(contents.text).group)
            }
        }
        print("files            \(files.count) (\(String(format: "%.1f", Double(bytes) / 1_048_576)) MiB)")
        print("passes           \(passes), median \(String(format: "%.3f", median)) s")
        print("body lines found \(bodyLines)")
        let rate = Int(Double(files.count) / median)
        print("articles/s       \(rate) (target \(Self.articlesPerSecondTarget) on one core)")
        print("MiB/s            \(String(format: "%.1f", Double(bytes) / 1_048_576 / median))")
        print("first looks/s    \(Int(Double(files.count) / lookMedian)) (\(groups.count) groups)")
    }
}

extension BenchExtract {
    /// The targets the figures are held to.
    static let target = 0.95
    static let articlesPerSecondTarget = 5000

    func printCrossValidation() throws {
        guard !paths.isEmpty else { throw CommandFailure("--cross-validate needs folders of labelled pages") }
        let labelled = try GoldPages.load(paths)
        var options = LineModel.trainingOptions
        options.epochs = epochs ?? options.epochs
        options.l2 = l2 ?? options.l2
        options.learningRate = rate ?? options.learningRate
        options.margin = margin ?? options.margin
        if let optimizer {
            guard let chosen = SequenceTrainer.Optimizer(rawValue: optimizer) else {
                throw CommandFailure("--optimizer: one of \(SequenceTrainer.Optimizer.allCases.map(\.rawValue))")
            }
            options.optimizer = chosen
        }
        var misses: [String] = []
        var wrongLines: [String] = []
        let groups = LineModel.crossValidate(
            labelled, options: options,
            progress: { group in
                FileHandle.standardError.write(Data("\rkabar: holding out \(group)\u{1B}[K".utf8))
            },
            read: { page, article in
                if let miss = Self.miss(page, article) { misses.append(miss) }
                if lines { wrongLines += Self.wrongLines(page, article) }
            })
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        var pooled = ExtractionScore()
        for (_, score) in groups { pooled.add(score) }
        func figure(_ value: Double) -> String { String(format: "%.3f", value) }
        print("leave-one-outlet-out, \(pooled.pages) pages, \(groups.count) outlets (target \(figure(Self.target)))")
        print("body lines  P \(figure(pooled.precision))  R \(figure(pooled.recall))  F1 \(figure(pooled.f1))")
        print(
            "title right \(figure(pooled.titleShare))  date right \(figure(pooled.dateShare))  "
                + "outlet right \(figure(pooled.outletShare))")
        print("")
        print("outlet                          pages  P      R      F1     title  date   outlet")
        for (group, score) in groups.sorted(by: { ($0.score.f1, $0.group) < ($1.score.f1, $1.group) }) {
            let cells = [score.precision, score.recall, score.f1, score.titleShare, score.dateShare, score.outletShare]
            print(
                group.padding(toLength: 32, withPad: " ", startingAt: 0)
                    + String(score.pages).padding(toLength: 7, withPad: " ", startingAt: 0)
                    + cells.map { figure($0) }.joined(separator: "  "))
        }
        if pages {
            print("")
            print("page\tP\tR\tF1\ttitle\tdate\toutlet")
            for miss in misses.sorted() { print(miss) }
        }
        if lines {
            print("")
            print("page\tline\tread\ttext")
            for line in wrongLines { print(line) }
        }
    }

    /// The page's body lines read wrong, in page order: `extra` for a line shown that the key leaves
    /// out, `missing` for a key line left out; fields escaped for a tab-separated line.
    static func wrongLines(_ page: GoldPage, _ article: ExtractedArticle) -> [String] {
        let found = Set(article.bodyLineNumbers)
        let expected = Set(page.label.bodyLines)
        let text = page.text.split(separator: "\n", omittingEmptySubsequences: false)
        return found.symmetricDifference(expected).sorted().map { number in
            let line = number >= 1 && number <= text.count ? String(text[number - 1]) : ""
            let fields = [page.name, String(number), found.contains(number) ? "extra" : "missing", line]
            return fields.map(ArticleListing.escaped).joined(separator: "\t")
        }
    }

    /// A page's line in the list of misses (nil when the page was read entirely right): its name,
    /// body precision, recall and F1, then `found -> key` for each of title, date and outlet that
    /// differ, fields escaped for a tab-separated line.
    static func miss(_ page: GoldPage, _ article: ExtractedArticle) -> String? {
        var score = ExtractionScore()
        score.add(article, gold: page.label)
        let bodyRight = score.rightBodyLines == score.goldBodyLines && score.foundBodyLines == score.goldBodyLines
        guard !bodyRight || score.rightTitles + score.rightDates + score.rightOutlets < 3 else { return nil }
        func compared(_ found: String?, _ key: String?, right: Int) -> String {
            right == 1 ? "" : "\(found ?? "(none)") -> \(key ?? "(none)")"
        }
        let fields = [
            page.name, String(format: "%.3f", score.precision), String(format: "%.3f", score.recall),
            String(format: "%.3f", score.f1),
            compared(article.title, page.label.title, right: score.rightTitles),
            compared(article.published?.iso, page.label.published, right: score.rightDates),
            compared(article.namedOutlet, page.label.outlet, right: score.rightOutlets),
        ]
        return fields.map(ArticleListing.escaped).joined(separator: "\t")
    }
}

struct BenchEntities: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entities",
        abstract: "Entity tagger: model load time, model size and tagging speed in tokens/s, on one core.",
        discussion: """
            The texts are split into sentences and tokens first; only tagging is timed. Passes repeat \
            until at least --seconds have gone by; the median pass is reported. Build with \
            `swift build -c release` for meaningful figures.
            """)

    @Argument(help: ArgumentHelp("Folders or files of text; the sample store when left out.", valueName: "path"))
    var paths: [String] = []

    @Option(help: "Keep measuring for at least this many seconds.")
    var seconds: Double = 3

    @Option(help: ArgumentHelp("Measure this model file instead of the bundled one.", valueName: "path"))
    var model: String?

    func run() throws {
        let url: URL
        if let model {
            url = URL(fileURLWithPath: model)
        } else if let problem = NewsTagger.modelFile.presenceProblem() {
            throw CommandFailure("\(problem)")
        } else {
            url = NewsTagger.modelFile.url
        }
        guard let data = try? Data(contentsOf: url) else { throw CommandFailure("\(url.path): cannot be read") }
        var loads: [Double] = []
        var loaded: TaggerModel?
        for _ in 0..<5 {
            let loadStart = DispatchTime.now().uptimeNanoseconds
            let fileData = try Data(contentsOf: url)
            do { loaded = try TaggerModel(data: fileData) } catch { throw CommandFailure("\(url.path): \(error)") }
            loads.append(Double(DispatchTime.now().uptimeNanoseconds - loadStart) / 1e6)
        }
        let tagger = NewsTagger(model: loaded!)
        var sentences: [[String]] = []
        let roots = paths.isEmpty ? [try OpenStore.resolve(nil).0.path] : paths
        var reader = ArticleFileReader()
        for file in try textFiles(in: roots) {
            guard let text = reader.text(at: file) else { continue }
            sentences += NewsTokenizer.sentences(in: text).map { $0.map(\.text) }
        }
        let tokens = sentences.reduce(0) { $0 + $1.count }
        guard tokens > 0 else { throw CommandFailure("no text to measure") }
        var entities = 0
        let (passes, median) = timePasses(seconds: seconds) {
            entities = 0
            for sentence in sentences { entities += EntityChunk.chunks(of: tagger.tags(for: sentence)).count }
        }
        print("model            \(String(format: "%.1f", Double(data.count) / 1_048_576)) MiB")
        print("model load       \(String(format: "%.1f", loads.sorted()[loads.count / 2])) ms (median of 5)")
        print("sentences        \(sentences.count), tokens \(tokens), entities \(entities)")
        print("passes           \(passes), median \(String(format: "%.3f", median)) s")
        print("tokens/s         \(Int(Double(tokens) / median))")
    }
}

/// Runs `pass` at least three times and until `seconds` have gone by; returns the number of passes
/// and the median pass in seconds.
func timePasses(seconds: Double, _ pass: () -> Void) -> (count: Int, median: Double) {
    var passes: [Double] = []
    let start = DispatchTime.now().uptimeNanoseconds
    repeat {
        let passStart = DispatchTime.now().uptimeNanoseconds
        pass()
        passes.append(Double(DispatchTime.now().uptimeNanoseconds - passStart) / 1e9)
    } while Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < seconds || passes.count < 3
    return (passes.count, passes.sorted()[passes.count / 2])
}
