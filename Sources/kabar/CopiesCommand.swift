import ArgumentParser
import ArticleFiles
import Articles
import Foundation
import Stories

/// `kabar copies`: the groups of articles that are copies of one text.
struct CopiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copies",
        abstract: "List the articles that are copies of one text: wire stories, re-posts, pages saved twice.",
        discussion: """
            Reads the files as `kabar extract` does (a folder's files with the lines they share) and \
            groups those whose cleaned texts share most of their five-word runs (MinHash over word \
            shingles, numbers alike: a copy with its figures changed is still a copy). Each group \
            is printed as `== N copies` and one line per article, earliest first: \
            published<TAB>outlet<TAB>title<TAB>file, tabs, newlines and backslashes in a field \
            written as \\t, \\n and \\\\. With --json, one object per group and line: \
            {"articles": [{"file", "outlet", "published", "title"}]}. Articles with no copy are not \
            listed.
            """)

    @Argument(help: ArgumentHelp("Article files, or folders searched for .txt files.", valueName: "file"))
    var files: [String]

    @Flag(help: "Print JSON, one object per group and line.")
    var json = false

    struct Member: Encodable {
        var file: String
        var outlet: String?
        var published: String?
        var title: String?
    }

    struct Group: Encodable {
        var articles: [Member]
    }

    func run() throws {
        let paths = try textFiles(in: files)
        var reader = ArticleFileReader()
        var finder = CopyFinder()
        var members: [Member] = []
        finder.read(paths, extractor: try configuredExtractor(), reader: &reader) { path, article in
            members.append(
                Member(file: path, outlet: article.outlet, published: article.published?.iso, title: article.title))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for ids in finder.groups.groups() {
            // Earliest first (undated last), then by file: the original above its copies.
            let articles = ids.map { members[$0] }.sorted {
                ($0.published ?? "~", $0.file) < ($1.published ?? "~", $1.file)
            }
            if json {
                print(String(decoding: try encoder.encode(Group(articles: articles)), as: UTF8.self))
            } else {
                print("== \(articles.count) copies")
                for article in articles {
                    let fields = [article.published ?? "-", article.outlet ?? "-", article.title ?? "-", article.file]
                    print(fields.map(ArticleListing.escaped).joined(separator: "\t"))
                }
            }
        }
        if reader.skipped > 0 { throw CommandFailure("\(reader.skipped) of \(paths.count) files could not be read") }
    }
}

/// Reads article files as `kabar extract` does (with the lines the files share) and groups the
/// copies among them, timing the signatures and the grouping.
struct CopyFinder {
    var groups = CopyGroups()
    /// Seconds spent making signatures, and grouping them.
    private(set) var signing = 0.0
    private(set) var grouping = 0.0

    /// Reads `paths`, skipping (and naming) the files that cannot be read; `added` is told each
    /// article that joins the grouping, in the order of their numbers there.
    mutating func read(
        _ paths: [String], extractor: ArticleExtractor, reader: inout ArticleFileReader,
        added: (String, ExtractedArticle) -> Void
    ) {
        let shared = SharedTemplates(paths: paths, extractor: extractor)
        for path in paths {
            guard let text = reader.text(at: path) else { continue }
            let article = extractor.extract(text, path: path, templates: shared.templates(for: path))
            let start = DispatchTime.now().uptimeNanoseconds
            guard let signature = MinHashSignature(shingles: Shingles.hashes(of: article.body)) else { continue }
            let middle = DispatchTime.now().uptimeNanoseconds
            groups.add(signature)
            signing += Double(middle - start) / 1e9
            grouping += Double(DispatchTime.now().uptimeNanoseconds - middle) / 1e9
            added(path, article)
        }
    }
}
