import Foundation
import SampleStore
import Testing

@testable import Articles

/// The gold key for the five sample articles: outlet, title, date and body lines.
struct SeedLabel: Sendable, CustomTestStringConvertible {
    var file: String
    var outlet: String?
    var title: String?
    var published: String?
    var bodyLines: [Int]

    var testDescription: String { file }
}

let seedLabels: [SeedLabel] = [
    SeedLabel(
        file: "000_1d47c5372f499aee.txt", outlet: "gemalantang.com", title: nil, published: nil,
        bodyLines: [1, 2, 3, 5, 6, 7, 9, 10, 12]),
    SeedLabel(
        file: "001_1c96dbfa7ee8ac16.txt", outlet: "genpi.co",
        title: "Bikin Perjanjian Baru dengan Korea Utara, Rusia Menantang Barat Soal Ukraina",
        published: "2024-06-25T14:40", bodyLines: [5, 7, 9, 13, 15, 19, 21, 25, 27]),
    SeedLabel(
        file: "002_0fa6f1237f5adf34.txt", outlet: "radardetik.id",
        title: "Presiden Rusia Vladimir Putin Teken Kerja Sama Pertahanan Bersama Kim Jong Un di Korea Utara",
        published: "2024-06-20T11:33", bodyLines: [15, 18, 21, 24, 27, 30, 33, 36, 39, 42, 45, 48]),
    SeedLabel(
        file: "003_3b51c1f6be3a65c5.txt", outlet: "samudrafakta.com",
        title: "Putin dan Kim Jong Un Teken Pakta Perjanjian Pertahanan, AS dan Sekutunya Panik",
        published: nil, bodyLines: [7, 9, 11, 13, 17, 19]),
    SeedLabel(
        file: "004_6738c794eb8b6589.txt", outlet: "bdadinfo.com",
        title:
            "Setelah 24 Tahun Terakhir, Kim Jong Un Sambut Hangat Kunjungan Putin Pertama Kali di Korea Utara, AS Kalang Kabut?",
        published: nil, bodyLines: [7, 9, 11, 13, 17, 19, 21, 25, 27, 29, 31, 33]),
]

@Suite("Extraction of the sample articles")
struct SeedExtractionTests {
    func extract(_ file: String) throws -> ExtractedArticle {
        let data = try Data(contentsOf: SampleStore.url.appendingPathComponent(file))
        return ArticleExtractor().extract(ArticleText.decode(data))
    }

    @Test("each sample article gives the gold outlet, title, date and body lines", arguments: seedLabels)
    func matchesGoldKey(label: SeedLabel) throws {
        let article = try extract(label.file)
        #expect(article.outlet == label.outlet)
        #expect(article.title == label.title)
        #expect(article.published?.iso == label.published)
        #expect(article.bodyLineNumbers == label.bodyLines)
    }

    @Test("the cleaned body keeps prose and drops related links")
    func cleanedBodyHasNoRelatedLinks() throws {
        let article = try extract("000_1d47c5372f499aee.txt")
        #expect(article.body.contains("Juru bicara Gedung Putih John Kirby"))
        #expect(!article.body.contains("Baca Juga"))
        #expect(!article.body.contains("Artikel Terkait"))
        #expect(article.body.split(separator: "\n").count == 9)
    }

    @Test("boilerplate lines are kept with their kind so the reader can show them")
    func boilerplateIsLabelled() throws {
        let article = try extract("001_1c96dbfa7ee8ac16.txt")
        let kinds = Dictionary(uniqueKeysWithValues: article.lines.map { ($0.number, $0.kind) })
        #expect(kinds[11] == .relatedLink)
        #expect(kinds[29] == .promo)
        #expect(kinds[31] == .credit)
        #expect(kinds[33] == .relatedHeader)
        #expect(kinds[37] == .copyright)
        #expect(kinds[3] == .dateLine)
        #expect(kinds[1] == .title)
    }
}
