import ArgumentParser
import ArticleFiles
import ArticleIndex
import Articles
import Foundation
import Stories

/// `kabar bench stories`: story grouping scored against hand-labelled events.
struct BenchStories: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stories",
        abstract: "Score story grouping against hand-labelled events: pairwise and B-cubed precision and recall.",
        discussion: """
            Reads every .txt file of FOLDER as the index reads it (the people and places it names \
            included), groups them into stories as the index does (in order of publication, each \
            article joining the story it resembles most on average within five days), and scores \
            the grouping of the labelled files against --events, a file of `file<TAB>event` lines \
            (the file relative to FOLDER): files with one event label report one event. The \
            unlabelled files take part in the grouping, as an archive's other articles would.
            """)

    @Argument(help: ArgumentHelp("A folder of articles.", valueName: "folder"))
    var folder: String

    @Option(help: ArgumentHelp("Hand labels: file<TAB>event per line.", valueName: "path"))
    var events: String

    @Option(help: "The least mean similarity for an article to join a story.")
    var threshold = Double(StoryGrouper.defaultThreshold)

    @Flag(help: "Then list the pairs grouped wrongly and the labelled pairs missed, by title.")
    var errors = false

    func run() throws {
        guard let text = try? String(contentsOfFile: events, encoding: .utf8) else {
            throw CommandFailure("\(events): cannot be read")
        }
        var label: [String: String] = [:]
        for (number, line) in text.split(separator: "\n").enumerated() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                throw CommandFailure("\(events): line \(number + 1) is not `file<TAB>event`")
            }
            label[String(fields[0])] = String(fields[1])
        }
        let root = URL(fileURLWithPath: folder).standardizedFileURL.path
        let paths = try textFiles(in: [folder])
        let extractor = try configuredExtractor()
        let shared = SharedTemplates(paths: paths, extractor: extractor)
        var reader = ArticleFileReader()
        let tagger = try bundledTagger()
        var articles: [(file: String, title: String, minute: Int64, features: StoryFeatures)] = []
        var featureSeconds = 0.0
        var saved: [Int64] = []
        var folderOf: [String] = []
        for path in paths {
            guard let text = reader.text(at: path) else { continue }
            let article = extractor.extract(text, path: path, templates: shared.templates(for: path))
            // The people and places the index's naming pass finds (not timed: the index tags every
            // article whatever stories it makes).
            let names = tagger.entities(in: article.body).filter { $0.kind != .organization }
                .map { $0.text(in: article.body) }
            let start = DispatchTime.now().uptimeNanoseconds
            let features = StoryFeatures(
                title: article.title, body: article.body, published: article.published.map { ($0.month, $0.day) },
                outlet: article.outlet, names: names)
            let savedDate =
                (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? Date()
            let savedNanos = Int64(savedDate.timeIntervalSince1970 * 1e9)
            let minute = ArticleIndex.storyMinute(
                published: article.published, body: article.body, page: text, savedNanos: savedNanos)
            featureSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            let relative = absolute.hasPrefix(root + "/") ? String(absolute.dropFirst(root.count + 1)) : path
            articles.append((relative, article.title ?? String(article.body.prefix(60)), minute, features))
            saved.append(savedNanos)
            folderOf.append(URL(fileURLWithPath: absolute).deletingLastPathComponent().path)
        }
        // Articles that tell no date take the days of the articles saved with them, as the index does.
        for indices in Dictionary(grouping: articles.indices, by: { folderOf[$0] }).values {
            let ordered = indices.sorted { (saved[$0], $0) < (saved[$1], $1) }
            let anchored = ArticleIndex.anchoringUndated(
                saved: ordered.map { saved[$0] }, minutes: ordered.map { articles[$0].minute })
            for (position, index) in ordered.enumerated() { articles[index].minute = anchored[position] }
        }
        let start = DispatchTime.now().uptimeNanoseconds
        var grouper = StoryGrouper(threshold: Float(threshold))
        for (number, article) in articles.enumerated().sorted(by: {
            ($0.element.minute, $0.offset) < ($1.element.minute, $1.offset)
        }) {
            grouper.add(id: Int64(number), minute: article.minute, features: article.features)
        }
        grouper.finish()
        let groupingSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        var story: [Int: Int64] = [:]
        for (article, placed) in grouper.placed { story[Int(article)] = grouper.current(placed) }
        let labelled = articles.indices.filter { label[articles[$0].file] != nil }
        let missing = Set(label.keys).subtracting(articles.map(\.file))
        if !missing.isEmpty {
            FileHandle.standardError.write(
                Data("kabar: \(missing.count) labelled files are not in \(folder), e.g. \(missing.sorted()[0])\n".utf8))
        }
        let score = StoryScore(
            items: labelled, predicted: { story[$0] ?? Int64(-1 - $0) }, truth: { label[articles[$0].file]! })
        let stories = Dictionary(grouping: story.keys, by: { story[$0]! }).values.filter { $0.count > 1 }
        print("\(articles.count) articles read, \(labelled.count) labelled; \(stories.count) stories of 2+ articles")
        print(
            String(
                format: "pairwise  precision %.3f  recall %.3f  (%d pairs labelled, %d grouped, %d right)",
                score.pairPrecision, score.pairRecall, score.truePairs, score.foundPairs, score.rightPairs))
        print(String(format: "B-cubed   precision %.3f  recall %.3f", score.cubedPrecision, score.cubedRecall))
        print(
            String(
                format: "features %.0f µs, grouping %.0f µs an article",
                featureSeconds / Double(max(1, articles.count)) * 1e6,
                groupingSeconds / Double(max(1, articles.count)) * 1e6))
        guard errors else { return }
        for (a, b) in score.wrongPairs { print("grouped apart-events\t\(articles[a].title)\t\(articles[b].title)") }
        for (a, b) in score.missedPairs { print("missed\t\(articles[a].title)\t\(articles[b].title)") }
    }
}

/// Pairwise and B-cubed precision and recall of a grouping against true classes.
struct StoryScore {
    var truePairs = 0
    var foundPairs = 0
    var rightPairs = 0
    var cubedPrecision = 0.0
    var cubedRecall = 0.0
    var wrongPairs: [(Int, Int)] = []
    var missedPairs: [(Int, Int)] = []

    var pairPrecision: Double { foundPairs == 0 ? 1 : Double(rightPairs) / Double(foundPairs) }
    var pairRecall: Double { truePairs == 0 ? 1 : Double(rightPairs) / Double(truePairs) }

    init(items: [Int], predicted: (Int) -> Int64, truth: (Int) -> String) {
        for (i, a) in items.enumerated() {
            for b in items[(i + 1)...] {
                let same = truth(a) == truth(b)
                let grouped = predicted(a) == predicted(b)
                if same { truePairs += 1 }
                if grouped { foundPairs += 1 }
                if same && grouped { rightPairs += 1 }
                if grouped && !same { wrongPairs.append((a, b)) }
                if same && !grouped { missedPairs.append((a, b)) }
            }
        }
        let byStory = Dictionary(grouping: items, by: predicted)
        let byEvent = Dictionary(grouping: items, by: truth)
        for item in items {
            let story = byStory[predicted(item)]!
            let event = byEvent[truth(item)]!
            let shared = Double(story.filter { truth($0) == truth(item) }.count)
            cubedPrecision += shared / Double(story.count)
            cubedRecall += shared / Double(event.count)
        }
        cubedPrecision /= Double(max(1, items.count))
        cubedRecall /= Double(max(1, items.count))
    }
}
