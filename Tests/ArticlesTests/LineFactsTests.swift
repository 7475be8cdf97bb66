import Testing

@testable import Articles

/// What the rules and the line model measure on lines beyond ASCII: letters with accents, curly
/// quotes, dashes, invisible and non-breaking spaces, emoji, replaced bytes. The measures read
/// UTF-8 bytes; these cases hold them to what each character is.
@Suite("Line facts beyond ASCII")
struct LineFactsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var line: String
        /// `LineFacts`: the trimmed line in lower case, and its words.
        var lower: String
        var factWords: Int
        /// `LineShape`: words, characters, shares of stopwords and capitalised words.
        var words: Int
        var characters: Int
        var stops: Int
        var capitalised: (Int, Int)
        var ends: Bool
        var dateline: Bool
        var testDescription: String { line.debugDescription }
    }

    static let cases: [Case] = [
        Case(
            line: "Élysée Menolak Tuduhan Itu di Paris.", lower: "élysée menolak tuduhan itu di paris.", factWords: 6,
            words: 6, characters: 36, stops: 2, capitalised: (5, 6), ends: true, dateline: false),
        Case(
            line: "\u{201C}Kami siap,\u{201D} ujar Ōta.", lower: "\u{201C}kami siap,\u{201D} ujar ōta.", factWords: 4,
            words: 4, characters: 22, stops: 2, capitalised: (2, 4), ends: true, dateline: false),
        Case(
            line: "Jakarta \u{2014} Harga naik lagi di pasar.", lower: "jakarta \u{2014} harga naik lagi di pasar.",
            factWords: 7, words: 7, characters: 35, stops: 2, capitalised: (2, 6), ends: true, dateline: true),
        Case(
            line: "Jakarta (ANTARA) \u{2013} Presiden meresmikan jalan.",
            lower: "jakarta (antara) \u{2013} presiden meresmikan jalan.", factWords: 6, words: 6, characters: 45,
            stops: 1, capitalised: (3, 5), ends: true, dateline: true),
        Case(
            line: "\u{200B}Judul Berita Hari Ini\u{200B}", lower: "judul berita hari ini", factWords: 4, words: 4,
            characters: 23, stops: 1, capitalised: (4, 4), ends: false, dateline: false),
        Case(
            line: "\u{00A0}Şehir dan ąę\u{00A0}", lower: "şehir dan ąę", factWords: 3, words: 3, characters: 12,
            stops: 1, capitalised: (1, 2), ends: false, dateline: false),
        Case(
            line: "Banjir 😀 melanda kota itu.", lower: "banjir 😀 melanda kota itu.", factWords: 5, words: 5,
            characters: 26, stops: 1, capitalised: (1, 4), ends: true, dateline: false),
        Case(
            line: String(decoding: Array("Kata ".utf8) + [0xFF, 0xFE] + Array(" itu rusak.".utf8), as: UTF8.self),
            lower: "kata \u{FFFD}\u{FFFD} itu rusak.", factWords: 4, words: 4, characters: 18, stops: 2,
            capitalised: (1, 3), ends: true, dateline: false),
        Case(
            line: "İstanbul ve İzmir", lower: "i\u{307}stanbul ve i\u{307}zmir", factWords: 3, words: 3, characters: 17,
            stops: 0, capitalised: (2, 3), ends: false, dateline: false),
        Case(
            line: "e\u{301}cole Dan Ecole", lower: "e\u{301}cole dan ecole", factWords: 3, words: 3, characters: 16,
            stops: 1, capitalised: (2, 3), ends: false, dateline: false),
        Case(
            line: "ǅemal Ǳ", lower: "ǆemal ǳ", factWords: 2, words: 2, characters: 7, stops: 0, capitalised: (0, 1),
            ends: false, dateline: false),
        Case(
            line: "\u{201C}État\u{201D} (ant)", lower: "\u{201C}état\u{201D} (ant)", factWords: 2, words: 2,
            characters: 12, stops: 0, capitalised: (1, 2), ends: false, dateline: false),
        Case(
            line: "١٢٣ ²³ Ⅻ angka", lower: "١٢٣ ²³ ⅻ angka", factWords: 4, words: 4, characters: 14, stops: 0,
            capitalised: (0, 1), ends: false, dateline: false),
    ]

    @Test("a line's facts and shape count characters, not bytes, and case beyond ASCII", arguments: cases)
    func facts(of example: Case) {
        let facts = LineFacts(example.line)
        #expect(Array(facts.lower.unicodeScalars) == Array(example.lower.unicodeScalars))
        #expect(facts.wordCount == example.factWords)
        let shape = LineShape(example.line[...])
        #expect(shape.words == example.words)
        #expect(shape.characters == example.characters)
        #expect(shape.stopShare == Double(example.stops) / Double(example.words))
        #expect(shape.capitalShare == Double(example.capitalised.0) / Double(example.capitalised.1))
        #expect(shape.digitShare == 0)
        #expect(shape.endsAsSentence == example.ends)
        #expect(shape.hasDateline == example.dateline)
    }

    @Test(
        "lines are cut at line feeds only, a carriage return before one kept with it",
        arguments: [
            ("a\nb\n\nc", ["a", "b", "", "c"]), ("", [""]), ("é\n\u{301}x\n", ["é", "\u{301}x", ""]),
            ("a\r\nb\rc\n", ["a\r\nb\rc", ""]),
        ])
    func lines(of text: String, expected: [String]) {
        #expect(text.linesQuickly().map { Array($0.unicodeScalars) } == expected.map { Array($0.unicodeScalars) })
    }

    @Test(
        "a scraper's record is read with spaces of any kind around its fields",
        arguments: [
            "kumparan | 2016-08-22 | hiburan | https://kumparan.com/a",
            "kumparan\u{00A0}|\t2016-08-22 |  hiburan\u{2003}| https://kumparan.com/a",
            "kumparan | 2016-08-22 | héburan\u{00A0} | https://kumparan.com/a\u{2003}",
        ])
    func record(_ line: String) throws {
        let found = try #require(ScraperMetadata.parse(line: line))
        #expect(found.url?.host == "kumparan.com")
        #expect(found.date?.iso == "2016-08-22")
        #expect(found.outletName == "kumparan")
    }

    @Test("a title's site suffix is cut at the last separator, ASCII or not")
    func siteSuffix() {
        #expect(
            ArticleExtractor.strippingSiteSuffix("Harga Beras Naik Lagi - Ekonomi - Berita")
                == "Harga Beras Naik Lagi - Ekonomi")
        #expect(
            ArticleExtractor.strippingSiteSuffix("Harga Beras Naik Lagi \u{2014} Ekonomi") == "Harga Beras Naik Lagi")
        #expect(ArticleExtractor.strippingSiteSuffix("Café Baru Dibuka di Kota | Gaya") == "Café Baru Dibuka di Kota")
    }
}
