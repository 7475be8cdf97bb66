import ArgumentParser
import ArticleFiles
import Articles
import Foundation
import Stories

/// `kabar bench copies`: how well copies are found on a generated store, whose list of sources
/// says which pages are copies of one article.
struct BenchCopies: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copies",
        abstract: "Measure how copies are grouped on a store made by `kabar bench generate`.",
        discussion: """
            Reads every page the generator listed in FOLDER/.kabar-sources.tsv as `kabar copies` reads it, \
            groups copies by MinHash over word shingles of the cleaned body, and prints pairwise \
            precision and recall against the generator's list (pages of one source are copies), \
            beside their targets, and the time per article.
            """)

    @Argument(help: ArgumentHelp("A folder made by `kabar bench generate`.", valueName: "folder"))
    var folder: String

    func run() throws {
        let listPath = folder + "/" + BenchGenerate.sourcesFile
        guard let list = try? String(contentsOfFile: listPath, encoding: .utf8) else {
            throw CommandFailure("\(listPath): no list of sources; make the folder with `kabar bench generate`")
        }
        var pages: [(path: String, source: Int)] = []
        for (number, line) in list.split(separator: "\n").enumerated().dropFirst() {
            let fields = line.split(separator: "\t")
            guard fields.count == 2, let source = Int(fields[1]) else {
                throw CommandFailure("\(listPath): line \(number + 1) is not `path<TAB>source`")
            }
            pages.append((String(fields[0]), source))
        }
        var sourceOf: [String: Int] = [:]
        for page in pages { sourceOf[folder + "/" + page.path] = page.source }
        var reader = ArticleFileReader()
        var finder = CopyFinder()
        var sources: [Int] = []
        finder.read(pages.map { folder + "/" + $0.path }, extractor: try configuredExtractor(), reader: &reader) {
            path, _ in sources.append(sourceOf[path] ?? -1)
        }
        let found = finder.groups.groups()
        let score = PairScore(groups: found, sources: sources)
        let perArticle = { (seconds: Double) in String(format: "%.1f µs", seconds / Double(max(1, sources.count)) * 1e6)
        }
        print("copies of \(sources.count) pages from \(Set(sources).count) sources")
        print("groups found  \(found.count), of \(found.reduce(0) { $0 + $1.count }) pages")
        print(String(format: "pairwise precision  %.4f (target 0.99)", score.precision))
        print(String(format: "pairwise recall     %.4f (target 0.95)", score.recall))
        print("signature per article  \(perArticle(finder.signing))")
        print("grouping per article   \(perArticle(finder.grouping))")
    }
}

/// Pairwise precision and recall of groups against the true classes of their members.
struct PairScore {
    var precision: Double
    var recall: Double

    /// `groups` hold indices into `sources`, each member's true class; members in no group are alone.
    init(groups: [[Int]], sources: [Int]) {
        func pairs(_ n: Int) -> Int { n * (n - 1) / 2 }
        var found = 0
        var right = 0
        for group in groups {
            found += pairs(group.count)
            var bySource: [Int: Int] = [:]
            for member in group { bySource[sources[member], default: 0] += 1 }
            right += bySource.values.reduce(0) { $0 + pairs($1) }
        }
        var classes: [Int: Int] = [:]
        for source in sources { classes[source, default: 0] += 1 }
        let truth = classes.values.reduce(0) { $0 + pairs($1) }
        precision = found == 0 ? 1 : Double(right) / Double(found)
        recall = truth == 0 ? 1 : Double(right) / Double(truth)
    }
}
