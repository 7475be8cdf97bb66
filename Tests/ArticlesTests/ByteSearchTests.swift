import Testing

@testable import Articles

/// The one-pass readings of a line's bytes give what the plain searches they stand for give, on
/// lines where a byte-level reading could go wrong: phrases at either end, cut short, overlapping,
/// in capitals, next to letters beyond ASCII, and lines too short for any phrase.
@Suite("Byte searches")
struct ByteSearchTests {
    /// Date lines with and without markup, past and within the word limit, beyond ASCII.
    static let dateLines = [
        "Sabtu, 10 Des 2022 07:16 WIB", "<p>Sabtu, 10 Des 2022</p>", "Oleh Nama Penulis pada 23 Jan 2021, 13:30 WIB",
        "29 Mei 2025 Nama Rubrik 0", "Rapat digelar pada 10 Desember 2022 di Jakarta untuk membahas anggaran.",
        "Kompas.com - 28/05/2025, 13:30 WIB", "Jum\u{2019}at, 10\u{00A0}Des 2022 07:16 WIB",
        "a b c d e f g h i j k l m n o p q r s t u v w x y z 10 Des 2022",
        "a b c d e f g h i j k l m n o p q r s t u v w x 10 Des 2022", "10 Des 2022 \u{0301}a b", "2022",
        " \u{0301}10 Des 2022",
    ]

    @Test(
        "in ASCII text, words counted on bytes are the words split at spaces and tabs",
        arguments: [
            "", " ", "a", " a ", "a  b\tc", "\t\ta\t", "a\r\nb c", "a\r\n b", "-- - --",
            "x" + String(repeating: " y", count: 30),
            String(repeating: "k ", count: 25), String(repeating: "k ", count: 26),
        ])
    func asciiWordCount(line: String) {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).count
        #expect(ArticleExtractor.wordCount(line, upTo: 26) == min(words, 26))
    }

    @Test("the date a line gives is the same when its first date was found before", arguments: dateLines)
    func knownDate(line: String) {
        let fresh = ArticleExtractor.dateEvidence(in: line)
        let known = ArticleExtractor.dateEvidence(in: line, known: .some(DateScanner.firstMatch(in: line)))
        #expect(fresh?.match.date == known?.match.date)
        #expect(fresh?.match.otherWords == known?.match.otherWords)
        #expect(fresh?.isOpeningStamp == known?.isOpeningStamp)
    }
}
