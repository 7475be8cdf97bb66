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
        let extractor = try configuredExtractor()
        let shared = SharedTemplates(paths: paths, extractor: extractor)
        var reader = ArticleFileReader()
        var grouping = CopyGroups()
        var members: [Member] = []
        for path in paths {
            guard let text = reader.text(at: path) else { continue }
            let article = extractor.extract(text, path: path, templates: shared.templates(for: path))
            guard let signature = MinHashSignature(shingles: Shingles.hashes(of: article.body)) else { continue }
            grouping.add(signature)
            members.append(
                Member(file: path, outlet: article.outlet, published: article.published?.iso, title: article.title))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for ids in grouping.groups() {
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
