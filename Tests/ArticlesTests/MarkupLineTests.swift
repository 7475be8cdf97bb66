import Testing

@testable import Articles

/// Pages whose scraper kept the page's tags, one element a line: the rules read each line's words
/// without its markup, and show the line as the page gives it.
@Suite("Lines with markup")
struct MarkupLineTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var line: String
        /// What the rules read: the words, how many, whether they are prose, and the kind by wording.
        var wording: String
        var words: Int
        var prose: Bool
        var kind: LineKind
        var testDescription: String { line }
    }

    static let cases: [Case] = [
        Case(
            line: "<p>Untuk bisa mendapatkan bantuan, warga harus memenuhi syarat berikut:</p>",
            wording: "Untuk bisa mendapatkan bantuan, warga harus memenuhi syarat berikut:", words: 9, prose: true,
            kind: .body),
        Case(
            line: "<p class=\"lead\">Warga setempat mengatakan banjir itu sudah surut sejak pagi.</p>",
            wording: "Warga setempat mengatakan banjir itu sudah surut sejak pagi.", words: 9, prose: true,
            kind: .body),
        Case(
            line: "<h3>Komponen Kesehatan</h3>", wording: "Komponen Kesehatan", words: 2, prose: false, kind: .body),
        Case(
            line: "<p>Data DTKS harus sinkron dengan data Dukcapil</p>",
            wording: "Data DTKS harus sinkron dengan data Dukcapil", words: 7, prose: false, kind: .body),
        Case(
            line: "<p><strong>Baca juga:</strong> Harga Emas Antam Naik Lagi</p>",
            wording: "Baca juga: Harga Emas Antam Naik Lagi", words: 7, prose: false, kind: .relatedLink),
        Case(line: "<p>Iklan</p>", wording: "Iklan", words: 1, prose: false, kind: .advert),
        Case(
            line: "<h3>Awal Mula Ketua BEM Diteror, Justru Makin Kuat!</h3>",
            wording: "Awal Mula Ketua BEM Diteror, Justru Makin Kuat!", words: 8, prose: false, kind: .body),
        Case(
            line: "<p><img src=\"https://example.com/a.jpg\" alt=\"Banjir\"></p>",
            wording: "<p><img src=\"https://example.com/a.jpg\" alt=\"Banjir\"></p>", words: 3, prose: false,
            kind: .picture),
        Case(
            line: "Suhu turun < 20 derajat di puncak.", wording: "Suhu turun < 20 derajat di puncak.", words: 7,
            prose: true, kind: .body),
    ]

    @Test("the rules read a line's words without its tags, and keep the line as given", arguments: cases)
    func wording(of example: Case) {
        let facts = LineFacts(example.line)
        #expect(facts.trimmed == example.wording)
        #expect(facts.original == example.line)
        #expect(facts.wordCount == example.words)
        #expect(facts.isProse == example.prose)
        #expect(ArticleExtractor.kindByWording(of: facts) == example.kind)
    }

    @Test("a page of tagged lines: the headline without its tags, a subhead between paragraphs stays body")
    func taggedPage() {
        let page = """
            <h1>Syarat Mendapatkan Bansos PKH 2024</h1>
            <p>Untuk bisa mendapatkan bantuan, warga harus memenuhi syarat berikut:</p>
            <h3>Komponen Kesehatan</h3>
            <p>Ibu hamil dan anak usia dini termasuk dalam komponen kesehatan penerima bantuan.</p>
            <p>Data DTKS harus sinkron dengan data Dukcapil</p>
            """
        let article = ArticleExtractor(lineModel: nil).extract(page)
        #expect(article.title == "Syarat Mendapatkan Bansos PKH 2024")
        #expect(article.lines.map(\.kind) == [.title, .body, .body, .body, .body])
        #expect(article.lines[2].text == "<h3>Komponen Kesehatan</h3>")
    }
}
