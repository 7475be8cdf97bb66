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

    static func pages() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("pages").path)
            .filter { $0.hasSuffix(".txt") }.sorted()
    }

    @Test("body lines score at least 0.95 F1 and every page has its gold label")
    func bodyScore() throws {
        let extractor = ArticleExtractor()
        var correct = 0
        var predicted = 0
        var gold = 0
        let names = try Self.pages()
        #expect(names.count >= 8)
        for name in names {
            let stem = String(name.dropLast(4))
            let data = try Data(contentsOf: Self.folder.appendingPathComponent("pages/\(name)"))
            let labelData = try Data(contentsOf: Self.folder.appendingPathComponent("labels/\(stem).json"))
            let label = try JSONDecoder().decode(Label.self, from: labelData)
            let article = extractor.extract(ArticleText.decode(data))
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
        let extractor = ArticleExtractor()
        var right = 0
        var total = 0
        for name in try Self.pages() {
            let stem = String(name.dropLast(4))
            let data = try Data(contentsOf: Self.folder.appendingPathComponent("pages/\(name)"))
            let labelData = try Data(contentsOf: Self.folder.appendingPathComponent("labels/\(stem).json"))
            let label = try JSONDecoder().decode(Label.self, from: labelData)
            let article = extractor.extract(ArticleText.decode(data))
            right += article.outlet == label.outlet ? 1 : 0
            right += article.title == label.title ? 1 : 0
            right += article.published?.iso == label.published ? 1 : 0
            total += 3
        }
        #expect(Double(right) / Double(total) >= 0.9, "\(right) of \(total) fields right")
    }
}
