import ArgumentParser
import ArticleFiles
import ArticleIndex
import Articles
import Entities
import Foundation
import Library
import ReaderApp
import Search
import TerminalUI

/// Filter options shared by `list` and `search`.
struct FilterOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Only articles from outlets whose domain starts with this, as outlet: in a query (kompas, genpi.co).",
            valueName: "domain"))
    var outlet: String?

    @Option(help: ArgumentHelp("Only articles published on or after this day.", valueName: "YYYY[-MM[-DD]]"))
    var from: String?

    @Option(help: ArgumentHelp("Only articles published on or before this day.", valueName: "YYYY[-MM[-DD]]"))
    var to: String?

    func filter() throws -> ArticleFilter {
        if let outlet, outlet.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--outlet needs a domain or the start of one")
        }
        do throws(DateRange.ParseError) {
            let from = try self.from.map { text throws(DateRange.ParseError) in try DateRange.parse(text + "..").from }
            let to = try self.to.map { text throws(DateRange.ParseError) in try DateRange.parse(".." + text).to }
            return ArticleFilter(outletPrefix: outlet?.lowercased(), fromDay: from ?? nil, toDay: to ?? nil)
        } catch {
            throw ValidationError(error.message)
        }
    }
}

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the store's articles, newest first: id, date, outlet, title and file, tab-separated.",
        discussion: """
            Fields are escaped so that each article stays on one line: a tab as \\t, a newline as \\n, \
            a backslash as \\\\. Files are named by their path in the store (--absolute for the full \
            path). With --json, one JSON object per line instead: {"id", "path", "outlet", "title", \
            "published"}, and "text" with --text.
            """)

    @Argument(
        help: ArgumentHelp(
            "The store to read (or --store); the bundled sample store when left out.", valueName: "store"))
    var storeArgument: String?

    @Option(help: ArgumentHelp("The store to read; the bundled sample store when left out.", valueName: "path"))
    var store: String?

    @OptionGroup var filterOptions: FilterOptions
    @OptionGroup var listing: ListingOptions
    @OptionGroup var options: StoreOptions
    @OptionGroup var team: TeamOptions

    func validate() throws {
        _ = try filterOptions.filter()
        try team.refuse(store: try OpenStore.path(argument: storeArgument, option: store))
    }

    func run() throws {
        let filter = try filterOptions.filter()
        if let library = try team.library() {
            let listing = ArticleListing(options: listing, library: library)
            try library.forEachArticle(matching: filter) { print(listing.line(for: $0)) }
            return
        }
        let path = try OpenStore.path(argument: storeArgument, option: store)
        let opened = try OpenStore.open(path, options: options, progress: OpenStore.terminalProgress())
        if let outlet = filter.outletPrefix { try opened.noteUnknownOutlet(outlet) }
        let listing = ArticleListing(options: listing, store: opened)
        try opened.index.forEachArticle(matching: filter) { print(listing.line(for: $0)) }
    }
}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print an article's metadata and cleaned text.",
        discussion: """
            ARTICLE is an id from `kabar list`, a path as `kabar list` prints it (relative to the \
            store), or the path of any .txt file (which need not be in the store). Digits alone are \
            an id; write ./12 for a file called 12.
            """)

    @Argument(help: ArgumentHelp("An article id, a path in the store or a file path.", valueName: "article"))
    var article: String

    @Option(
        help: ArgumentHelp("The store the id refers to; the bundled sample store when left out.", valueName: "path"))
    var store: String?

    @OptionGroup var options: StoreOptions
    @OptionGroup var team: TeamOptions

    func validate() throws { try team.refuse(store: store) }

    func run() throws {
        // Digits alone are an id (`./12` names a file called 12); anything else is a path.
        let number = article.allSatisfy { $0.isASCII && $0.isNumber } ? Int64(article) : nil
        if let library = try team.library() {
            // An id, or a path as `kabar list --database` prints it (STORE/PATH).
            guard let id = try number ?? library.articleID(path: article),
                let stored = try library.article(id: id)
            else {
                throw CommandFailure("no article \(article) in the team index \(library.session.address)")
            }
            let summary = stored.summary
            return printArticle(
                outlet: summary.outlet, title: summary.title, published: summary.published, url: summary.url,
                file: summary.path, body: stored.body)
        }
        if number == nil, isReadableFile(article) { return try printFile(article) }
        let opened = try OpenStore.open(store, options: options, progress: OpenStore.terminalProgress())
        let storeName = opened.isSample ? "the sample store" : opened.root.path
        let id: Int64
        if let number {
            id = number
        } else if let found = try opened.index.articleID(path: article) {
            // A path relative to the store, as `kabar list` prints it.
            id = found
        } else {
            throw CommandFailure("\(article): no such file, and no article of that path in \(storeName)")
        }
        guard let stored = try opened.index.article(id: id) else {
            if isReadableFile(article) { return try printFile(article) }
            throw CommandFailure("no article with id \(article) in \(storeName)")
        }
        let summary = stored.summary
        printArticle(
            outlet: summary.outlet, title: summary.title, published: summary.published, url: summary.url,
            file: opened.root.appendingPathComponent(summary.path).path, body: stored.body)
    }

    func isReadableFile(_ path: String) -> Bool { PathKind(of: path) == .file }

    /// Any file, in the store or not, read and cleaned as the index would.
    func printFile(_ path: String) throws {
        let extracted = try configuredExtractor().extract(try ArticleFile.text(at: path), path: path)
        printArticle(
            outlet: extracted.outlet, title: extracted.title, published: extracted.published, url: extracted.url,
            file: path, body: extracted.body)
    }

    func printArticle(
        outlet: String?, title: String?, published: PublishedDate?, url: String?, file: String, body: String
    ) {
        print("Title:  \(title ?? "-")")
        print("Outlet: \(outlet ?? "-")")
        print("Date:   \(published?.iso ?? "-")")
        print("File:   \(file)")
        if let url { print("Web:    \(url)") }
        print("")
        print(body.split(separator: "\n", omittingEmptySubsequences: true).joined(separator: "\n\n"))
    }
}

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search titles and cleaned text; print the best matches with a snippet each.",
        discussion: """
            Words must all match (AND between terms may be written and means the same; lower-case \
            and and or are words); "quoted words" match as a phrase; word* matches a prefix; -word \
            excludes; OR between terms; parentheses group. person:, org: and place: match the names \
            of entities (person:putin, org:"gedung putih"). Filters for the whole query: \
            outlet:kompas (a prefix of the outlet's domain), from:2024-06-01, to:2024-06-30, \
            date:2024-06 (a day, month or year), since:7d (d, w, m or y), sort:new|old|relevance \
            (by default the best matches first when there are at most 2,000, else the newest). Case \
            and diacritics are ignored.

            A query may start with -word (kabar search -putin kim); a word that starts with -- goes \
            after --, which ends the options (kabar search --store news -- --x). Give the store with \
            --store. When it is left out and the first or last word of the query names a folder, \
            that folder is the store (kabar search putin ~/news), as a note on standard error says.

            Each hit is a tab-separated line as `kabar list` prints it, then its snippet indented; \
            the last line counts the matches. With --json, one JSON object per hit and line: {"id", \
            "path", "outlet", "title", "published", "snippet"}, and "text" with --text; the count \
            goes to standard error.
            """)

    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp("The query (quote it for the shell).", valueName: "query"))
    var query: [String] = []

    @Option(help: ArgumentHelp("The store to search; the bundled sample store when left out.", valueName: "path"))
    var store: String?

    @Option(help: "The most results to print.")
    var limit: Int = 20

    @OptionGroup var filterOptions: FilterOptions
    @OptionGroup var listing: ListingOptions
    @OptionGroup var options: StoreOptions
    @OptionGroup var team: TeamOptions

    /// The store and the query's words, with a note for the user when a word was taken as the
    /// store or is a folder's name searched as a word.
    func storeAndQuery() throws -> (store: String?, words: [String], note: String?) {
        // The parser keeps the `--` that ends the options among the words: it is no query word.
        var query = self.query
        let terminator = query.firstIndex(of: "--")
        if let terminator { query.remove(at: terminator) }
        if let option = query[..<(terminator ?? query.count)].first(where: { $0.hasPrefix("--") && $0.count > 2 }) {
            throw ValidationError(
                "unknown option \(option) (a query word that starts with -- goes after --: kabar search -- \(option))")
        }
        let folders = query.indices.filter { Self.namesFolder(query[$0]) }
        if let store {
            guard let first = folders.first else { return (store, query, nil) }
            return (
                store, query,
                "searching \(store) for the word \(query[first]), which is also a folder's name"
            )
        }
        guard let index = folders.first else { return (nil, query, nil) }
        let word = query[index]
        guard folders.count == 1, query.count > 1, index == 0 || index == query.count - 1 else {
            throw ValidationError(
                "\(word) names a folder: give the store with --store and the query apart (kabar search QUERY… --store \(word))"
            )
        }
        var words = query
        words.remove(at: index)
        return (word, words, "searching the store \(word) (a folder) for \(words.joined(separator: " "))")
    }

    /// Whether a word of the query is the path of an existing folder.
    static func namesFolder(_ word: String) -> Bool { PathKind(of: word) == .folder }

    func validate() throws {
        let (store, words, _) = try storeAndQuery()
        try team.refuse(store: store)
        if SearchQuery(words.joined(separator: " ")).isEmpty {
            throw ValidationError(SearchQuery.nothingToSearchFor)
        }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
        _ = try filterOptions.filter()
    }

    func run() throws {
        let filter = try filterOptions.filter()
        let (store, words, note) = try storeAndQuery()
        if let note { FileHandle.standardError.write(Data("kabar: \(note)\n".utf8)) }
        let text = words.joined(separator: " ")
        let parsed = SearchQuery(text)
        if let error = parsed.error {
            let caret = String(repeating: " ", count: DisplayWidth.of(String(text.prefix(error.offset)))) + "^"
            throw CommandFailure(
                "the query does not parse at column \(error.offset + 1): \(error.message)\n  \(text)\n  \(caret)")
        }
        let library: any ArticleLibrary
        let listing: ArticleListing
        let narrowed: ArticleFilter
        if let team = try team.library() {
            (library, listing) = (team, ArticleListing(options: self.listing, library: team))
            narrowed = try TeamState(library: team, user: self.team.user).filter(for: parsed, filter)
        } else {
            let opened = try OpenStore.open(store, options: options, progress: OpenStore.terminalProgress())
            for outlet in parsed.outlets + (filter.outletPrefix.map { [$0] } ?? []) {
                try opened.noteUnknownOutlet(outlet)
            }
            (library, listing) = (opened.index, ArticleListing(options: self.listing, store: opened))
            narrowed = UserState(store: opened.root).filter(for: parsed, filter)
        }
        let results = try library.search(parsed, filter: narrowed, limit: limit)
        // Scripts get every match counted, where the search stopped counting at a bound or
        // estimated the count.
        let total =
            results.countIsAtLeast || results.countIsEstimate
            ? try library.matchCount(parsed, filter: narrowed) : results.totalCount
        let count = "\(total) matching article\(total == 1 ? "" : "s")"
        for hit in results.hits {
            if self.listing.json {
                print(listing.line(for: hit.summary, snippet: hit.snippet))
            } else {
                print(listing.line(for: hit.summary))
                print("    " + hit.snippet.replacingOccurrences(of: "\n", with: " "))
            }
        }
        if self.listing.json {
            FileHandle.standardError.write(Data("kabar: \(count)\n".utf8))
        } else {
            print(count)
        }
    }
}

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print what kabar extracts from article files: outlet, title, date and body lines.",
        discussion: """
            With --json, one JSON object per file: {"file", "outlet", "title", "published", \
            "url", "body_lines"}, body_lines being 1-based line numbers; "outlet" is the outlet the \
            text names, and where it names none, "outlet_by_path" the one the file's folders or name \
            suggest (which the index files the article under). With --output-dir, one \
            <name>.json per file is written into that folder instead.

            Given a folder or several files, kabar first counts the lines their pages share, \
            outlet by outlet (folder by folder where no outlet is found), as the index does: a \
            line that is not prose and recurs on at least half of an outlet's pages (three or \
            more) is taken as page furniture ("template") outside the article's prose. One file \
            alone is read on its own.

            With --label FILE, the page is printed with its line numbers and kabar's judgement of each \
            line, then a key in the gold-label schema to correct and save. With --train DIR... \
            --output FILE, a line model is trained on labelled pages (DIR/raw + DIR/labels, \
            DIR/pages + DIR/labels, or DIR beside DIR-labels); the same pages give the same file, \
            byte for byte.
            """)

    @Argument(help: ArgumentHelp("Article files, or folders searched for .txt files.", valueName: "file"))
    var files: [String] = []

    @Option(help: ArgumentHelp("Print a page numbered, with kabar's guess as a key to correct.", valueName: "file"))
    var label: String?

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp("Train a line model on the labelled pages in these folders.", valueName: "dir"))
    var train: [String] = []

    @Option(help: ArgumentHelp("Where --train writes the model.", valueName: "file"))
    var output: String?

    @Option(
        help: ArgumentHelp(
            "Read the pages with this line model (as --train writes one) instead of kabar's own.", valueName: "file"))
    var model: String?

    @Flag(help: "Print JSON, one object per line.")
    var json = false

    @Option(help: ArgumentHelp("Write one JSON file per article into this folder.", valueName: "dir"))
    var outputDir: String?

    struct Record: Encodable {
        var file: String
        var outlet: String?
        var title: String?
        var published: String?
        var url: String?
        var bodyLines: [Int]
        /// The outlet the file's folders or name suggest, where the text names none.
        var outletByPath: String?

        enum CodingKeys: String, CodingKey {
            case file, outlet, title, published, url
            case bodyLines = "body_lines"
            case outletByPath = "outlet_by_path"
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            try container.encode(outlet, forKey: .outlet)
            if let outletByPath { try container.encode(outletByPath, forKey: .outletByPath) }
            try container.encode(title, forKey: .title)
            try container.encode(published, forKey: .published)
            try container.encode(url, forKey: .url)
            try container.encode(bodyLines, forKey: .bodyLines)
        }
    }

    func validate() throws {
        if !train.isEmpty {
            guard output != nil else { throw ValidationError("--train needs --output FILE") }
        } else if label == nil, files.isEmpty {
            throw ValidationError("name article files, or --label FILE, or --train DIR... --output FILE")
        }
    }

    func run() throws {
        if !train.isEmpty, let output { return try trainModel(output: output) }
        if let label { return try printForLabelling(label) }
        let paths = try textFiles(in: files)
        if let outputDir {
            try FileManager.default.createDirectory(atPath: outputDir, withIntermediateDirectories: true)
        }
        let extractor = try chosenExtractor()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let shared = SharedTemplates(paths: paths, extractor: extractor)
        var reader = ArticleFileReader()
        for path in paths {
            guard let text = reader.text(at: path) else { continue }
            let article = extractor.extract(text, path: path, templates: shared.templates(for: path))
            let record = Record(
                file: path, outlet: article.namedOutlet, title: article.title, published: article.published?.iso,
                url: article.url, bodyLines: article.bodyLineNumbers,
                outletByPath: article.outletByPath ? article.outlet : nil)
            if let outputDir {
                let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent + ".json"
                try encoder.encode(record).write(to: URL(fileURLWithPath: outputDir).appendingPathComponent(name))
            } else if json {
                print(String(decoding: try encoder.encode(record), as: UTF8.self))
            } else {
                print("== \(path)")
                print(
                    "outlet: \(record.outlet ?? record.outletByPath.map { "\($0) (by its path)" } ?? "-")  title: \(record.title ?? "-")  published: \(record.published ?? "-")"
                )
                if let url = record.url { print("url: \(url)") }
                for line in article.lines where line.kind != .blank {
                    let number = String(line.number)
                    let label = line.kind.label
                    print(
                        String(repeating: " ", count: max(0, 4 - number.count)) + number + " "
                            + label + String(repeating: " ", count: max(1, 15 - label.count)) + line.readableText)
                }
            }
        }
        if reader.skipped > 0 { throw CommandFailure("\(reader.skipped) of \(paths.count) files could not be read") }
    }
}

/// The lines several files share, outlet by outlet (folder by folder where no outlet is found), as
/// the index gathers them: each file's store-wide evidence when several are read together.
struct SharedTemplates {
    private var groups: [String: String] = [:]
    private var templates: [String: PageTemplates] = [:]

    /// One file alone is read on its own: no evidence.
    init(paths: [String], extractor: ArticleExtractor) {
        guard paths.count > 1 else { return }
        for path in paths {
            guard let text = try? ArticleFile.text(at: path) else { continue }
            let look = extractor.look(text, path: path)
            groups[path] = look.group
            templates[look.group, default: PageTemplates()].add(pageWithLineHashes: look.lineHashes)
        }
    }

    func templates(for path: String) -> PageTemplates? { groups[path].flatMap { templates[$0] } }
}

/// What a path names on disk: a folder or a file (anything that is not a folder).
enum PathKind {
    case file, folder

    /// Nil when nothing is there.
    init?(of path: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        self = isDirectory.boolValue ? .folder : .file
    }
}

/// Files as given, with folders replaced by the .txt files under them.
extension Extract {
    /// Trains the line model on labelled pages and writes it to `output`.
    func trainModel(output: String) throws {
        let pages = try GoldPages.load(train)
        let sequences = pages.map { LineModel.trainingSequence(for: $0) }
        let epochs = LineModel.trainingOptions.epochs
        let model = LineModel.train(sequences) { epoch in
            FileHandle.standardError.write(Data("\rkabar: training, pass \(epoch) of \(epochs)".utf8))
        }
        FileHandle.standardError.write(Data("\n".utf8))
        do {
            try model.serialized().write(to: URL(fileURLWithPath: output))
        } catch {
            throw CommandFailure("\(output): cannot be written (\(error.localizedDescription))")
        }
        print("\(pages.count) pages, \(model.model.keys.count) features: \(output)")
    }

    /// The configured extractor, reading with the line model of `--model` when one is named.
    func chosenExtractor() throws -> ArticleExtractor {
        var extractor = try configuredExtractor()
        guard let model else { return extractor }
        guard let data = FileManager.default.contents(atPath: model) else {
            throw CommandFailure("\(model): cannot be read")
        }
        do {
            extractor.lineModel = try LineModel(data: data)
        } catch {
            throw CommandFailure("\(model): \(error)")
        }
        return extractor
    }

    /// Prints the page numbered with kabar's judgement of each line, then a key to correct.
    func printForLabelling(_ path: String) throws {
        let text = try ArticleFile.text(at: path)
        let article = try chosenExtractor().extract(text, path: path)
        for line in article.lines {
            let number = String(line.number)
            let kind = line.kind == .blank ? "" : line.kind.label + (line.confidence.map { $0 < 0.8 ? "?" : "" } ?? "")
            print(
                String(repeating: " ", count: max(0, 4 - number.count)) + number + " "
                    + kind.padding(toLength: 16, withPad: " ", startingAt: 0) + line.text)
        }
        let key = GoldLabel(
            outlet: article.namedOutlet, title: article.title, published: article.published?.iso,
            bodyLines: article.bodyLineNumbers)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(key), as: UTF8.self))
    }
}

/// The article files the paths name: files as given, and the `.txt` files of folders as the index
/// finds them; what a folder holds that the index passes over (a symbolic link, an unreadable
/// folder) is named on standard error with the reason.
func textFiles(in paths: [String]) throws -> [String] {
    var result: [String] = []
    for path in paths {
        guard let kind = PathKind(of: path) else { throw CommandFailure("\(path): no such file or directory") }
        if kind == .folder {
            let (files, skipped) = try StoreScanner(root: URL(fileURLWithPath: path)).scan()
            for file in skipped {
                let skippedPath = (path as NSString).appendingPathComponent(file.path)
                FileHandle.standardError.write(Data("kabar: skipping \(skippedPath): \(file.reason)\n".utf8))
            }
            result += files.map { (path as NSString).appendingPathComponent($0.path) }
        } else {
            result.append(path)
        }
    }
    return result
}
