import ArgumentParser
import Entities
import Foundation
import Quotes

/// `kabar bench quotes`: quote finding scored against hand-annotated articles.
struct BenchQuotes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotes",
        abstract: "Score quote finding against annotated articles: token precision, recall and F1.",
        discussion: """
            ANNOTATIONS is a file of one JSON object a line: {"id", "source", "split", "bytes", \
            "quotes": [{"kind": "direct"|"indirect", "parts": [[start, end], …], "cue", "speaker", \
            "attribution": [start, end] or null, "name", "role"}]}, offsets in UTF-8 bytes of the \
            article's text. The text is rebuilt from --data (line ends made "\\n"): for `indosum-dev/OUTLET/FILE` the \
            file's first line and its non-empty lines after the second, for `stories-dev/N` line N \
            (from 0) of stories-dev/articles.jsonl, its title and its body's non-empty lines. \
            Each text is split into sentences and tokens and tagged as `kabar quotes --conll` tags \
            them; tokens without a letter or digit are left out of the scores. Then the share of \
            direct quotes whose speaker kabar resolves to the annotated name.
            """)

    @Argument(help: ArgumentHelp("The annotations (Tests/QuoteDevSet/quotes.jsonl).", valueName: "annotations"))
    var annotations: String

    @Option(help: ArgumentHelp("The folder holding corpus/indosum-dev and stories-dev.", valueName: "path"))
    var data: String

    @Option(help: ArgumentHelp("Only articles of this split (dev or test).", valueName: "split"))
    var split: String?

    @Flag(help: "Then list the tokens tagged wrongly, with their neighbours.")
    var errors = false

    struct Annotated: Decodable {
        struct Item: Decodable {
            var kind: String
            var parts: [[Int]]
            var cue: [Int]?
            var speaker: [Int]?
            var name: String?
        }
        var id: String
        var source: String
        var split: String
        var bytes: Int
        var quotes: [Item]
    }

    func run() throws {
        guard let text = try? String(contentsOfFile: annotations, encoding: .utf8) else {
            throw CommandFailure("\(annotations): cannot be read")
        }
        let tagger = try bundledTagger()
        var stories: [String]?
        var score = QuoteScore()
        var texts = 0
        var direct = 0
        var reported = 0
        var named = 0
        var namedRight = 0
        var seconds = 0.0
        var findSeconds = 0.0
        for (number, line) in text.split(separator: "\n").enumerated() {
            let record: Annotated
            do { record = try JSONDecoder().decode(Annotated.self, from: Data(line.utf8)) } catch {
                throw CommandFailure("\(annotations): line \(number + 1) is not an annotated article")
            }
            if let split, record.split != split { continue }
            let article = try articleText(record.source, stories: &stories)
            guard article.utf8.count == record.bytes else {
                throw CommandFailure(
                    "\(record.id): the text of \(record.source) is \(article.utf8.count) bytes, not \(record.bytes)")
            }
            texts += 1
            let (tokens, starts) = Self.tokens(of: article)
            let gold = Self.goldTags(record, tokens: tokens)
            let start = DispatchTime.now().uptimeNanoseconds
            let predicted = QuoteTags.tags(
                tokens: tokens.map(\.text), sentenceStarts: starts, recognizer: tagger)
            seconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            score.add(tokens: tokens.map(\.text), gold: gold, predicted: predicted)
            if errors {
                for index in tokens.indices
                where QuoteScore.kind(of: gold[index]) != QuoteScore.kind(of: predicted[index]) {
                    let context = tokens[max(0, index - 5)..<min(tokens.count, index + 6)].map(\.text)
                    print(
                        "\(record.id)\t\(tokens[index].text)\tgold \(gold[index])\tkabar \(predicted[index])\t\(context.joined(separator: " "))"
                    )
                }
            }
            // Speakers resolved to names, on the text as the reader finds them.
            let sentences = NewsTokenizer.sentences(in: article)
            let entities = tagger.entities(in: article, sentences: sentences)
            let findStart = DispatchTime.now().uptimeNanoseconds
            let found = QuoteFinder().quotes(in: article, entities: entities, sentences: sentences)
            findSeconds += Double(DispatchTime.now().uptimeNanoseconds - findStart) / 1e9
            for item in record.quotes {
                if item.kind == "direct" { direct += 1 } else { reported += 1 }
                guard item.kind == "direct", let name = item.name, let first = item.parts.first, first.count == 2 else {
                    continue
                }
                named += 1
                let match = found.first { quote in
                    quote.kind == .direct && quote.parts.contains { $0.overlaps(first[0]..<first[1]) }
                }
                if let speaker = match?.speaker, Self.sameName(speaker, name) {
                    namedRight += 1
                } else if errors {
                    print("\(record.id)\tspeaker\tgold \(name)\tkabar \(match.map { $0.speaker ?? "-" } ?? "no quote")")
                }
            }
        }
        print("\(texts) articles, \(direct) direct quotes, \(reported) reported")
        print("tokens    precision  recall  F1")
        for kind in QuoteScore.kinds {
            let counts = score.counts[kind] ?? .init()
            print(
                kind.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + String(format: "%.3f      %.3f   %.3f", counts.precision, counts.recall, counts.f1))
        }
        print(
            String(
                format: "speakers resolved to the annotated name: %.3f (%d of %d direct quotes)",
                named == 0 ? 0 : Double(namedRight) / Double(named), namedRight, named))
        print(
            String(
                format:
                    "tagging tokens %.0f µs an article (entities included); finding quotes in a text %.0f µs, given its sentences and entities",
                seconds / Double(max(1, texts)) * 1e6, findSeconds / Double(max(1, texts)) * 1e6))
    }

    static func sameName(_ a: String, _ b: String) -> Bool {
        EntityDirectory.normalisedWords(a) == EntityDirectory.normalisedWords(b)
    }

    /// An annotated article's text, rebuilt from the data folder.
    func articleText(_ source: String, stories: inout [String]?) throws -> String {
        let root = URL(fileURLWithPath: data)
        if source.hasPrefix("stories-dev/"), let number = Int(source.dropFirst("stories-dev/".count)) {
            if stories == nil {
                let path = root.appendingPathComponent("stories-dev/articles.jsonl").path
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw CommandFailure("\(path): cannot be read")
                }
                stories = text.split(separator: "\n").map(String.init)
            }
            guard let lines = stories, number >= 0, number < lines.count,
                let object = try JSONSerialization.jsonObject(with: Data(lines[number].utf8)) as? [String: Any],
                let title = object["title"] as? String, let body = object["body"] as? String
            else { throw CommandFailure("\(source): no such article in stories-dev") }
            let paragraphs = Self.lines(body).filter { !$0.allSatisfy(\.isWhitespace) }
            return ([title.trimmingCharacters(in: .whitespaces)] + paragraphs).joined(separator: "\n") + "\n"
        }
        let path = root.appendingPathComponent("corpus/" + source).path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CommandFailure("\(path): cannot be read")
        }
        let lines = Self.lines(text)
        guard let title = lines.first else { throw CommandFailure("\(path): empty") }
        let body = lines.dropFirst(2).filter { !$0.allSatisfy(\.isWhitespace) }
        return ([title] + body).joined(separator: "\n") + "\n"
    }

    /// A text's lines, any of "\r\n", "\r" and "\n" ending one.
    static func lines(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .components(separatedBy: "\n")
    }

    /// A text's tokens and the indices of those that begin a sentence; a closing quote mark written
    /// against the sentence's last full stop stays in that sentence.
    static func tokens(of text: String) -> ([TextToken], Set<Int>) {
        var tokens: [TextToken] = []
        var starts: Set<Int> = []
        for sentence in NewsTokenizer.sentences(in: text) {
            guard let first = sentence.first else { continue }
            let closesPrevious =
                ["\"", "”", "“"].contains(first.text) && tokens.last?.end == first.start
                && [".", "!", "?"].contains(tokens.last?.text ?? "")
            if !closesPrevious {
                starts.insert(tokens.count)
            } else if sentence.count > 1 {
                starts.insert(tokens.count + 1)
            }
            tokens += sentence
        }
        return (tokens, starts)
    }

    /// The annotation as tags of the tokens: a token takes the tag of the span it overlaps.
    static func goldTags(_ record: Annotated, tokens: [TextToken]) -> [String] {
        var tags = [String](repeating: "O", count: tokens.count)
        func tag(_ range: [Int]?, _ kind: String, continuing: Bool = false) {
            guard let range, range.count == 2 else { return }
            var first = !continuing
            for (index, token) in tokens.enumerated()
            where token.start < range[1] && token.end > range[0] && tags[index] == "O" {
                tags[index] = (first ? "B-" : "I-") + kind
                first = false
            }
        }
        for item in record.quotes where item.kind == "direct" {
            for (index, part) in item.parts.enumerated() { tag(part, "QUOTE", continuing: index > 0) }
            tag(item.cue, "CUE")
            tag(item.speaker, "SPEAKER")
        }
        return tags
    }
}
