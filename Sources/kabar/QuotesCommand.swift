import ArgumentParser
import ArticleFiles
import ArticleIndex
import Articles
import Entities
import Foundation
import Quotes

/// `kabar quotes`: who said what.
struct QuotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotes",
        abstract: "List quotes with their speakers, from a store or article files, or tag tokens with --conll.",
        discussion: """
            The quotes of the store's articles (the bundled sample store when no --store is given), \
            newest first, or of the given article files (every .txt file of a folder), one a line: \
            speaker<TAB>role<TAB>cue<TAB>kind<TAB>quote<TAB>file<TAB>outlet<TAB>published; `-` \
            where the text does not tell; the quote is its beginning for a store (its first 160 \
            characters), whole for files; tabs, newlines and backslashes in a field written as \\t, \
            \\n and \\\\; files relative to the store. With --json, one object a line with the same \
            fields. --speaker keeps the quotes of speakers whose name has these words.

            With --conll, tokens are read from standard input, one a line (anything after a tab \
            or space ignored; a blank line ends a sentence; the input is one running text), and each is \
            written back once, in order, as token<TAB>tag: B-QUOTE/I-QUOTE the tokens of a direct \
            quote with its marks, B-SPEAKER/I-SPEAKER its speaker as the text names it, B-CUE/I-CUE \
            its speech word, O the rest. A token with a quote mark or punctuation written against \
            its word (such as "Kami or siap,") is read as its pieces and tagged as its first \
            tagged piece.
            """)

    @Argument(help: ArgumentHelp("Article files or folders, read directly (not the store's index).", valueName: "file"))
    var files: [String] = []

    @Option(help: ArgumentHelp("The store to read; the bundled sample store when left out.", valueName: "path"))
    var store: String?

    @Option(help: ArgumentHelp("Only quotes of speakers whose name has these words.", valueName: "name"))
    var speaker: String?

    @Flag(help: "Print JSON, one object per line.")
    var json = false

    @Flag(help: "Tag tokens read from standard input (see below).")
    var conll = false

    @OptionGroup var filterOptions: FilterOptions
    @OptionGroup var options: StoreOptions

    func validate() throws {
        if conll && (!files.isEmpty || store != nil) {
            throw ValidationError("--conll reads standard input, not files or a store")
        }
        if !files.isEmpty && store != nil { throw ValidationError("give article files or --store, not both") }
        _ = try filterOptions.filter()
    }

    func run() throws {
        if conll { return tagTokens(tagger: try bundledTagger()) }
        if files.isEmpty { return try listStore() }
        let tagger = try bundledTagger()
        let extractor = try configuredExtractor()
        // A file or folder that is not there is named, and the others still read.
        var paths: [String] = []
        var missing = 0
        for file in files {
            do { paths += try textFiles(in: [file]) } catch {
                FileHandle.standardError.write(Data("kabar: \(error)\n".utf8))
                missing += 1
            }
        }
        var reader = ArticleFileReader()
        let wanted = speaker.map(EntityDirectory.normalisedWords) ?? []
        for path in paths {
            guard let file = reader.text(at: path) else { continue }
            let article = extractor.extract(file, path: path)
            let quotes = QuoteFinder().quotes(in: article.body, entities: tagger.entities(in: article.body))
            for quote in quotes {
                if !wanted.isEmpty {
                    let words = Set(EntityDirectory.normalisedWords(quote.speaker ?? ""))
                    guard wanted.allSatisfy(words.contains) else { continue }
                }
                let record = QuoteRecord(
                    speaker: quote.speaker, role: quote.role, cue: Quote.slice(quote.cue, of: article.body),
                    kind: quote.kind.rawValue, quote: quote.words(in: article.body), file: path, outlet: article.outlet,
                    published: article.published?.iso)
                try write(record)
            }
        }
        if reader.skipped + missing > 0 {
            throw CommandFailure("\(reader.skipped + missing) of \(paths.count + missing) files could not be read")
        }
    }

    func write(_ record: QuoteRecord) throws {
        if json {
            print(String(decoding: try ArticleListing.encoder.encode(record), as: UTF8.self))
        } else {
            let fields = [
                record.speaker, record.role, record.cue, record.kind, record.quote, record.file, record.outlet,
                record.published,
            ]
            print(fields.map { ArticleListing.escaped($0 ?? "-") }.joined(separator: "\t"))
        }
    }

    /// The quotes the store's index holds, newest first.
    func listStore() throws {
        let filter = try filterOptions.filter()
        let opened = try OpenStore.open(store, options: options, progress: OpenStore.terminalProgress())
        if let outlet = filter.outletPrefix { try opened.noteUnknownOutlet(outlet) }
        for quote in try opened.index.quotes(bySpeaker: speaker, filter: filter, limit: nil) {
            try write(
                QuoteRecord(
                    speaker: quote.speaker, role: quote.role, cue: quote.cue, kind: quote.kind.rawValue,
                    quote: quote.excerpt, file: quote.article.path, outlet: quote.article.outlet,
                    published: quote.article.published?.iso))
        }
    }

    struct QuoteRecord: Encodable {
        var speaker: String?
        var role: String?
        var cue: String?
        var kind: String
        var quote: String
        var file: String
        var outlet: String?
        var published: String?
    }

    /// `--conll`: every token line written back with its tag; blank lines kept.
    func tagTokens(tagger: NewsTagger) {
        let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        let (tokens, starts, layout) = Self.readTokens(input)
        let tags = QuoteTags.tags(tokens: tokens, sentenceStarts: starts, recognizer: tagger)
        var output = ""
        var next = 0
        for line in layout {
            if line {
                output += tokens[next] + "\t" + tags[next] + "\n"
                next += 1
            } else {
                output += "\n"
            }
            if output.utf8.count > 1 << 16 {
                FileHandle.standardOutput.write(Data(output.utf8))
                output = ""
            }
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }

    /// The tokens of CoNLL-style input (the text before any tab or space of each line), the indices of those
    /// that begin a sentence, and the input's lines as token (true) or blank (false).
    static func readTokens(_ input: String) -> (tokens: [String], starts: Set<Int>, layout: [Bool]) {
        // "\r\n" is one Character: lines are split on scalars, a "\r" before "\n" dropped below.
        var lines = input.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
            Substring(String($0))
        }
        if lines.last == "" { lines.removeLast() }
        var tokens: [String] = []
        var starts: Set<Int> = []
        var layout: [Bool] = []
        var newSentence = true
        for raw in lines {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.allSatisfy(\.isWhitespace) && !line.contains("\t") {
                layout.append(false)
                newSentence = true
                continue
            }
            // The token is the line up to a tab or space; gold columns after it are ignored.
            let token = line.drop { $0 == " " }.prefix { $0 != "\t" && $0 != " " }
            if newSentence { starts.insert(tokens.count) }
            newSentence = false
            tokens.append(String(token))
            layout.append(true)
        }
        return (tokens, starts, layout)
    }
}
