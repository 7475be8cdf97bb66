import ArgumentParser
import ArticleFiles
import ArticleIndex
import Articles
import Foundation
import Library

/// How `list` and `search` print articles: options shared by both.
struct ListingOptions: ParsableArguments {
    @Flag(help: "Print one JSON object per article and line (JSON Lines) instead of tab-separated lines.")
    var json = false

    @Flag(help: "With --json: add each article's cleaned text (paragraphs separated by a blank line).")
    var text = false

    @Flag(help: "Print each file's absolute path instead of its path in the store.")
    var absolute = false

    func validate() throws {
        if text && !json { throw ValidationError("--text goes with --json") }
    }
}

/// Articles as lines for scripts: tab-separated `id, date, outlet, title, file` with tabs,
/// newlines and backslashes escaped, or JSON Lines.
struct ArticleListing {
    let options: ListingOptions
    /// A file's full path from its path as the library gives it.
    let fullPath: (String) -> String
    /// An article's cleaned text; nil (after a note on standard error) when it cannot be had.
    let cleanedText: (ArticleSummary) -> String?

    /// Articles of a store's own index, whose text is read again from the store's files.
    init(options: ListingOptions, store: OpenStore) {
        self.options = options
        let index = store.index
        fullPath = { index.scanner.url(of: $0).path }
        cleanedText = { summary in
            switch ArticleFile.read(path: index.scanner.url(of: summary.path).path) {
            case .success(let contents):
                let templates = try? index.templates(forPath: summary.path)
                let body = index.extractor.extract(contents.text, path: summary.path, templates: templates ?? nil).body
                return Self.paragraphs(body)
            case .failure(let problem):
                FileHandle.standardError.write(Data("kabar: \(Self.escaped(summary.path)): \(problem.reason)\n".utf8))
                return nil
            }
        }
    }

    /// Articles of a library that keeps their text (the team index): paths are as it gives them.
    init(options: ListingOptions, library: any ArticleLibrary) {
        self.options = options
        fullPath = { $0 }
        cleanedText = { summary in
            do {
                return try library.body(id: summary.id).map(Self.paragraphs)
            } catch {
                FileHandle.standardError.write(Data("kabar: \(Self.escaped(summary.path)): \(error)\n".utf8))
                return nil
            }
        }
    }

    /// The article's line: a TSV row, or a JSON object with the snippet when one is given.
    func line(for summary: ArticleSummary, snippet: String? = nil) -> String {
        let path = options.absolute ? fullPath(summary.path) : summary.path
        guard options.json else {
            return [
                String(summary.id), summary.published?.iso ?? "-", summary.outlet ?? "-",
                summary.displayTitle, path,
            ].map(Self.escaped).joined(separator: "\t")
        }
        let record = Record(
            id: summary.id, path: path, outlet: summary.outlet, title: summary.title,
            published: summary.published?.iso, url: summary.url, snippet: snippet,
            text: options.text ? cleanedText(summary) : nil,
            includesText: options.text)
        return String(decoding: (try? Self.encoder.encode(record)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// Paragraphs separated by a blank line.
    static func paragraphs(_ body: String) -> String {
        body.split(separator: "\n", omittingEmptySubsequences: true).joined(separator: "\n\n")
    }

    /// A field for a tab-separated line (`TabSeparated`).
    static func escaped(_ field: String) -> String { TabSeparated.escaped(field) }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// One article in JSON: unknown values as null; `snippet` for search results only, `text`
    /// when asked for.
    struct Record: Encodable {
        var id: Int64
        var path: String
        var outlet: String?
        var title: String?
        var published: String?
        var url: String?
        var snippet: String?
        var text: String?
        var includesText: Bool

        enum CodingKeys: String, CodingKey {
            case id, path, outlet, title, published, url, snippet, text
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(path, forKey: .path)
            try container.encode(outlet, forKey: .outlet)
            try container.encode(title, forKey: .title)
            try container.encode(published, forKey: .published)
            try container.encode(url, forKey: .url)
            if let snippet { try container.encode(snippet, forKey: .snippet) }
            if includesText { try container.encode(text, forKey: .text) }
        }
    }
}
