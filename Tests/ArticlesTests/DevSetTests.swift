import Foundation
import Testing

@testable import Articles

/// Scores the extractor on the labelled development set of real scraped pages
/// (`Tests/ExtractionDevSet`), with the line-level measure of the seed labels.
@Suite("Development set of scraped pages")
struct DevSetTests {
    struct Label: Decodable {
        var outlet: String?
        var title: String?
        var published: String?
        var bodyLines: [Int]

        enum CodingKeys: String, CodingKey {
            case outlet, title, published
            case bodyLines = "body_lines"
        }
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("ExtractionDevSet")

    /// Every page of the set with its gold label and what the extractor makes of it.
    static func cases() throws -> [(label: Label, article: ExtractedArticle)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("pages").path)
            .filter { $0.hasSuffix(".txt") }.sorted()
        let extractor = ArticleExtractor()
        return try names.map { name in
            let stem = String(name.dropLast(4))
            let data = try Data(contentsOf: folder.appendingPathComponent("pages/\(name)"))
            let labelData = try Data(contentsOf: folder.appendingPathComponent("labels/\(stem).json"))
            return (try JSONDecoder().decode(Label.self, from: labelData), extractor.extract(ArticleText.decode(data)))
        }
    }

    @Test("body lines score at least 0.95 F1 and every page has its gold label")
    func bodyScore() throws {
        var correct = 0
        var predicted = 0
        var gold = 0
        let cases = try Self.cases()
        #expect(cases.count >= 8)
        for (label, article) in cases {
            let mine = Set(article.bodyLineNumbers)
            let theirs = Set(label.bodyLines)
            correct += mine.intersection(theirs).count
            predicted += mine.count
            gold += theirs.count
        }
        let precision = Double(correct) / Double(max(predicted, 1))
        let recall = Double(correct) / Double(max(gold, 1))
        let f1 = 2 * precision * recall / max(precision + recall, .leastNonzeroMagnitude)
        #expect(f1 >= 0.95, "body F1 \(f1) (P \(precision), R \(recall))")
    }

    @Test("outlet, title and date match the labels on most pages")
    func metadata() throws {
        var right = 0
        var total = 0
        for (label, article) in try Self.cases() {
            right += article.outlet == label.outlet ? 1 : 0
            right += article.title == label.title ? 1 : 0
            right += article.published?.iso == label.published ? 1 : 0
            total += 3
        }
        #expect(Double(right) / Double(total) >= 0.9, "\(right) of \(total) fields right")
    }
}
