import ArgumentParser
import ArticleFiles
import ArticleIndex
import Articles
import Entities
import Foundation
import Library
import Stories

/// `kabar stories`: the store's stories, or two articles compared sentence by sentence.
struct StoriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stories",
        abstract: "List the stories of a store (articles of several outlets on one event), or compare two articles.",
        discussion: """
            Each story is printed as a line `== STORY  first..last  N outlets  M articles  headline`, \
            then one line per article, earliest first: published<TAB>outlet<TAB>title<TAB>file \
            (the file relative to the store), tabs, newlines and backslashes in a field written as \
            \\t, \\n and \\\\. Newest stories first. With --json, one object per story and line: \
            {"id", "first", "last", "outlets", "headline", "names", "articles": [{"file", "outlet", \
            "published", "title"}]}.

            With --compare FILE FILE, the two articles' sentences side by side: `=` a sentence both \
            have (the second article's wording after `~` when it differs), `<` one only the first \
            has, `>` one only the second has; then the names each mentions that the other does \
            not. --json prints the same as one object.
            """)

    @Argument(
        help: ArgumentHelp(
            "The store to read (or --store); the bundled sample store when left out.", valueName: "store"))
    var storeArgument: String?

    @Option(help: ArgumentHelp("The store to read; the bundled sample store when left out.", valueName: "path"))
    var store: String?

    @Option(help: ArgumentHelp("Only stories carried by at least this many outlets.", valueName: "n"))
    var minOutlets = 2

    @Option(
        name: .customLong("compare"), parsing: .upToNextOption,
        help: ArgumentHelp("Compare two article files sentence by sentence.", valueName: "file"))
    var compared: [String] = []

    @Flag(help: "Print JSON, one object per line.")
    var json = false

    @Option(
        name: .customLong("count-words"), parsing: .upToNextOption,
        help: ArgumentHelp("Count how many articles use each word, over these files or folders.", visibility: .hidden))
    var countWords: [String] = []

    @Option(help: ArgumentHelp("Where --count-words writes its table.", visibility: .hidden))
    var output: String?

    @OptionGroup var filterOptions: FilterOptions
    @OptionGroup var options: StoreOptions

    func validate() throws {
        if !compared.isEmpty && compared.count != 2 {
            throw ValidationError("--compare takes two article files, not \(compared.count)")
        }
        if !countWords.isEmpty && output == nil { throw ValidationError("--count-words needs --output FILE") }
        if minOutlets < 1 { throw ValidationError("--min-outlets must be 1 or more") }
        _ = try filterOptions.filter()
        _ = try OpenStore.path(argument: storeArgument, option: store)
    }

    func run() throws {
        if !countWords.isEmpty { return try writeWordTable() }
        if compared.count == 2 { return try compare(compared[0], compared[1]) }
        let filter = try filterOptions.filter()
        let path = try OpenStore.path(argument: storeArgument, option: store)
        let opened = try OpenStore.open(path, options: options, progress: OpenStore.terminalProgress())
        if let outlet = filter.outletPrefix { try opened.noteUnknownOutlet(outlet) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for story in try opened.index.stories(matching: nil, filter: filter, minimumOutlets: minOutlets, limit: nil) {
            let articles = try opened.index.articles(ofStory: story.id)
            if json {
                let record = StoryRecord(
                    id: story.id, first: story.first?.iso, last: story.last?.iso, outlets: story.outletCount,
                    headline: story.headline, names: story.names,
                    articles: articles.map {
                        .init(file: $0.path, outlet: $0.outlet, published: $0.published?.iso, title: $0.title)
                    })
                print(String(decoding: try encoder.encode(record), as: UTF8.self))
            } else {
                let span = [story.first, story.last].map { $0?.iso ?? "-" }.joined(separator: "..")
                print(
                    "== \(story.id)  \(span)  \(story.outletCount) outlets  \(story.articleCount) articles  "
                        + ArticleListing.escaped(story.headline))
                for article in articles {
                    let fields = [
                        article.published?.iso ?? "-", article.outlet ?? "-", article.displayTitle, article.path,
                    ]
                    print(fields.map(ArticleListing.escaped).joined(separator: "\t"))
                }
            }
        }
    }

    struct StoryRecord: Encodable {
        struct Member: Encodable {
            var file: String
            var outlet: String?
            var published: String?
            var title: String?
        }
        var id: Int64
        var first: String?
        var last: String?
        var outlets: Int
        var headline: String
        var names: [String]
        var articles: [Member]
    }

    struct ComparedArticle: Encodable {
        var file: String
        var outlet: String?
        var published: String?
        var title: String?
        /// Names this article mentions and the other does not.
        var ownNames: [String]
    }

    struct ComparisonRecord: Encodable {
        struct Row: Encodable {
            var first: String?
            var second: String?
            var similarity: Double
        }
        var first: ComparedArticle
        var second: ComparedArticle
        var rows: [Row]
    }

    func compare(_ firstPath: String, _ secondPath: String) throws {
        let extractor = try configuredExtractor()
        let shared = SharedTemplates(paths: [firstPath, secondPath], extractor: extractor)
        let articles = try [firstPath, secondPath].map { path in
            extractor.extract(try ArticleFile.text(at: path), path: path, templates: shared.templates(for: path))
        }
        let names = articles.map { article in
            Set(
                NewsTagger.standard.entities(in: article.body).map { span in
                    String(decoding: Array(article.body.utf8)[span.start..<span.end], as: UTF8.self)
                })
        }
        let comparison = StoryComparison(left: articles[0].body, right: articles[1].body)
        let described = [firstPath, secondPath].enumerated().map { index, path in
            ComparedArticle(
                file: path, outlet: articles[index].outlet, published: articles[index].published?.iso,
                title: articles[index].title, ownNames: names[index].subtracting(names[1 - index]).sorted())
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let record = ComparisonRecord(
                first: described[0], second: described[1],
                rows: comparison.rows.map { .init(first: $0.left, second: $0.right, similarity: $0.similarity) })
            print(String(decoding: try encoder.encode(record), as: UTF8.self))
            return
        }
        for (mark, article) in zip(["<", ">"], described) {
            let fields = [article.published ?? "-", article.outlet ?? "-", article.title ?? "-", article.file]
            print("\(mark)= " + fields.map(ArticleListing.escaped).joined(separator: "\t"))
        }
        for row in comparison.rows {
            switch (row.left, row.right) {
            case (let left?, let right?):
                print("= " + ArticleListing.escaped(left))
                if left != right { print("~ " + ArticleListing.escaped(right)) }
            case (let left?, nil): print("< " + ArticleListing.escaped(left))
            case (nil, let right?): print("> " + ArticleListing.escaped(right))
            case (nil, nil): break
            }
        }
        for (mark, article) in zip(["<", ">"], described) where !article.ownNames.isEmpty {
            print("\(mark) names: " + article.ownNames.map(ArticleListing.escaped).joined(separator: ", "))
        }
    }

    /// Writes the word table story grouping weighs words with, counted over the given corpus.
    func writeWordTable() throws {
        let extractor = try configuredExtractor()
        var reader = ArticleFileReader()
        let texts = try textFiles(in: countWords).lazy.compactMap { path -> String? in
            guard let text = reader.text(at: path) else { return nil }
            let article = extractor.extract(text, path: path)
            return (article.title.map { $0 + "\n" } ?? "") + article.body
        }
        let table = WordRarity.counting(texts)
        guard let output else { return }
        try table.encoded().write(to: URL(fileURLWithPath: output))
        print("\(table.documents) articles counted; table written to \(output)")
    }
}
