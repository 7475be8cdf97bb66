import Foundation
import Testing

@testable import Articles

/// The one-pass readings of a line's bytes give what the plain searches they stand for give, on
/// lines where a byte-level reading could go wrong: phrases at either end, cut short, overlapping,
/// in capitals, next to letters beyond ASCII, and lines too short for any phrase.
@Suite("Byte searches")
struct ByteSearchTests {
    static let lines = [
        "", "f", "fo", "foto", "foto:", "Foto: Antara", "FOTO: ANTARA", "(foto", "sumber foto :", "dok.",
        "Pondok. Dokumen", "(ist)", "ilustrasi:", "ilustrasi", "photo", "PHOTO BY", "getty images", "©",
        "\u{A9} 2025", "(c) 2025", "(C)", "(c", "©Reuters", "Hak cipta \u{00C2}\u{00A9}", "ﬁoto:", "FÖTO:",
        "tanpa iklan", "baca tanpa iklanmu", "sedikit ikla", "bebas iklan.", "share:", "sshare:", "share",
        "bagikan:", "bagikan ke facebook", "0 komentar", "10 komentar", "salin link", "salin lin",
        "ikuti kami di google news", "google new", "whatsapp channel", "saluran whatsapp", "subscribe",
        "subscrib", "newsletter", "newslette", "berlangganan newsletter", "gulir ke bawah untuk", "saksikan live",
        "ikuti juga ikuti kami", "ikuti berita terkini", "ikutikuti kami", "followw us", "follow us",
        "unduh aplikasi sekarang", "download aplikasi", "telegram channel", "kanal whatsapp",
        "scroll ke bawah", "scroll ke baw", "follow instagram", "ikuti instagram", "klik berlangganan",
        "\u{201C}foto:\u{201D} é", "élysée foto: ōta", "ss", "sss", "\u{0}\u{0}", "getty", "gettyimages",
    ]

    @Test("the phrase table finds each list where the lists' phrases are searched one by one", arguments: lines)
    func phraseTable(line: String) {
        let lists = [
            ArticleExtractor.captionMarkers, ArticleExtractor.adFreePhrases, ArticleExtractor.widgetPhrases,
            ArticleExtractor.promoPhrases,
        ]
        var expected: UInt32 = 0
        for (index, list) in lists.enumerated() where list.contains(where: { line.containsBytes($0) }) {
            expected |= 1 << UInt32(index)
        }
        #expect(ArticleExtractor.wordingPhrases.lists(in: line) == expected)
        #expect(ArticleExtractor.wordingPhrases.lists(in: line[...]) == expected)
        #expect(ArticleExtractor.captionPhrases.lists(in: line) == expected & 1)
        #expect(PhraseTable([["ss", "sss"], ["s\u{0}"]]).lists(in: line) == (line.containsBytes("ss") ? 1 : 0))
    }

    @Test("a credit mark is found in place as in a lower-cased copy", arguments: lines)
    func creditMark(line: String) {
        #expect(LineFeatures.containsCreditMark(line) == LineFeatures.containsCreditMarkByCopy(line))
        #expect(
            LineFeatures.containsCreditMark(line.dropFirst()) == LineFeatures.containsCreditMarkByCopy(line.dropFirst())
        )
    }

    @Test(
        "letters, capitals and separators are counted on bytes as on characters",
        arguments: lines + [
            "Home » Berita › Politik", "Home / Berita", "Home/Berita", "a > b", "a>b", "|", "ÉLYSÉE ÖTA", "Ōta ǅ ß ẞ",
            "\u{201C}Kami\u{201D} \u{00A0}/ x", "日本語 テキスト", "emoji 🎉 > ok", " /", "\u{00BB}\u{203A}\u{2039}",
            "e\u{0301} E\u{0301}", "\u{10400}\u{10428}",
        ])
    func lettersAndSeparators(line: String) {
        for text in [line[...], line.dropFirst()] {
            let bytes = LineFeatures.lettersAndSeparators(text)
            let scalars = LineFeatures.lettersAndSeparatorsByScalars(text)
            #expect(bytes.letters == scalars.letters)
            #expect(bytes.upper == scalars.upper)
            #expect(bytes.separator == scalars.separator)
        }
    }

    @Test("a byte is found as in the string's bytes", arguments: lines)
    func containsByte(line: String) {
        for byte: UInt8 in [0x00, 0x3C, 0x66, 0xA9, 0xC2] {
            #expect(line.containsByte(byte) == line.utf8.contains(byte))
            #expect(line.dropFirst().containsByte(byte) == line.dropFirst().utf8.contains(byte))
        }
    }

    @Test(
        "trimming a set's scalars gives what Foundation's trimming of that character set gives",
        arguments: [
            "", ",", ",,--", "(Warta.com)-", "\u{201C}Warta\u{201D}", "–Kabar—", "\"'x'\"", "a,b", ".\u{301}x.",
            "x.\u{301}", "\u{1F600}.", "(é)", "Foto:", "WARTA.CO.ID-", "[x]|!?",
        ])
    func trimmingScalars(word: String) {
        for characters in [",-–—():\"\u{201C}\u{201D}'", ".,;:()[]\"'|!?", ")", ".,:", ""] {
            let expected = word.trimmingCharacters(in: CharacterSet(charactersIn: characters))
            #expect(word.trimmingScalars(in: characters) == expected)
            #expect(word[...].trimmingScalars(in: characters) == expected)
        }
    }

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
