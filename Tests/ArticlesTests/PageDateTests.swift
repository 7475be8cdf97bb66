import Testing

@testable import Articles

@Suite("Publication date from the whole page")
struct PageDateTests {
    let extractor = ArticleExtractor(lineModel: nil)

    static let lede = "Jakarta - Pemerintah kota meresmikan taman baru di tepi sungai pada pagi hari ini."
    static let paragraphs = [
        "Wali kota mengatakan taman itu dibuka untuk umum setiap hari tanpa biaya masuk.",
        "Warga sekitar menyambut baik taman tersebut karena kawasan itu dulu kumuh dan gelap.",
    ]

    @Test(
        "date lines and bylines with a date date the page",
        arguments: [
            ("Rabu, 3 Mar 2021 08:15 WIB", "2021-03-03T08:15"),
            ("Oleh Budi Santoso pada 3 Mar 2021, 08:15 WIB", "2021-03-03T08:15"),
            ("DAERAH | 4 Mei 2021 17:20 Reporter : Sari Dewi", "2021-05-04T17:20"),
            ("Selasa, 6 April 2021 10:05 Editor : Andi Wijaya", "2021-04-06T10:05"),
            ("Warta.com - 12/08/2024, 09:45 WIB", "2024-08-12T09:45"),
            ("<p><em>Tanggal asli: Jumat 2 Feb 2024, 11:11 WIB</em></p>", "2024-02-02T11:11"),
            ("9 Mei 2025 Tim Redaksi Periksa Fakta 0", "2025-05-09"),
        ])
    func dateEvidence(line: String, iso: String) {
        #expect(ArticleExtractor.dateEvidence(in: LineFacts(line).trimmed)?.match.date.iso == iso)
    }

    @Test(
        "a sentence or a headline that mentions a date does not date the page",
        arguments: [
            "Rapat itu digelar pada 3 Maret 2021 di gedung dewan untuk membahas anggaran kota.",
            "Jadwal Pertandingan Liga Pekan Ini Dimulai Sabtu 3 Maret 2021 di Stadion Utama Kota",
        ])
    func notDateEvidence(line: String) {
        #expect(ArticleExtractor.dateEvidence(in: line) == nil)
    }

    @Test("a date line that a list header at the top of the page runs into is still the page's date")
    func dateInsideARelatedList() {
        let text =
            ([
                "Terpopuler", "Kabar", "Olahraga", "Taman Baru Dibuka di Tepi Sungai Kota", "Reporter Satu - warta",
                "Sabtu, 8 Juni 2024 07:16 WIB", Self.lede,
            ] + Self.paragraphs).joined(separator: "\n")
        #expect(extractor.extract(text).published?.iso == "2024-06-08T07:16")
    }

    @Test("the date by the headline wins over the site header's date of the day the page was saved")
    func headlineDateOverHeaderDate() {
        let menu = ["Berita", "Olahraga", "Hiburan", "Gaya Hidup", "Otomotif", "Teknologi", "Video"]
        let text =
            (["19 Oktober 2023"] + menu
            + ["Taman Baru Dibuka di Tepi Sungai Kota", "Senin, 10 Juli 2023 | 21:03 WIB", Self.lede]
            + Self.paragraphs).joined(separator: "\n")
        #expect(extractor.extract(text).published?.iso == "2023-07-10T21:03")
    }

    @Test("the stamps of a list of latest headlines do not date the page")
    func listStampsAreNotThePagesDate() {
        let list = [
            "Harga Cabai Naik Jelang Lebaran", "1 Juli 2024 10:00 WIB", "Banjir Rendam Tiga Desa",
            "1 Juli 2024 09:40 WIB", "Tim Kota Juara Turnamen Pelajar", "1 Juli 2024 09:10 WIB",
        ]
        let text = (list + ["Taman Baru Dibuka di Tepi Sungai Kota", Self.lede] + Self.paragraphs)
            .joined(separator: "\n")
        #expect(extractor.extract(text).published == nil)
    }

    @Test(
        "among the header's stamps, the publication: the earliest, not an update",
        arguments: [
            (["Tue, 17 Feb 2026 14:18:00 +0700", "Tanggal asli: Rabu 11 Feb 2026, 13:03 WIB"], "2026-02-11T13:03"),
            (["Oleh Budi Santoso pada 3 Mar 2021, 08:15 WIB", "Diperbarui 3 Mar 2021, 15:49 WIB"], "2021-03-03T08:15"),
        ])
    func headerStamps(stamps: [String], iso: String) {
        let text = (["Taman Baru Dibuka di Tepi Sungai Kota"] + stamps + [Self.lede] + Self.paragraphs)
            .joined(separator: "\n")
        #expect(extractor.extract(text).published?.iso == iso)
    }

    @Test("a line that opens with a date dates the page only by the headline")
    func openingStampOnlyByTheHeadline() {
        let stamp = "9 Mei 2025 Tim Redaksi Periksa Fakta 0"
        let byHeadline = (["Taman Baru Dibuka di Tepi Sungai Kota", stamp, Self.lede] + Self.paragraphs)
        #expect(extractor.extract(byHeadline.joined(separator: "\n")).published?.iso == "2025-05-09")
        let below = byHeadline.filter { $0 != stamp } + ["Kabar Lain", stamp]
        #expect(extractor.extract(below.joined(separator: "\n")).published == nil)
    }

    @Test(
        "the stamp by the headline wins over a scraper's record of a later day, not of the same or an earlier one",
        arguments: [
            ("2024-03-09", "2024-03-05T10:00", "2024-03-05T10:00"),
            ("2024-03-05", "2024-03-05T10:00", "2024-03-05T10:00"),
            ("2024-03-05", "2024-03-09T10:00", "2024-03-05"),
        ])
    func recordAgainstHeadlineStamp(recorded: String, stamp: String, expected: String) {
        let text =
            [
                "Judul | \(recorded) | kota | https://wartaku.com/kota/taman-baru",
                "Taman Baru Dibuka di Tepi Sungai Kota",
                "Senin, \(stamp.prefix(10)) \(stamp.suffix(5)) WIB", Self.lede,
            ] + Self.paragraphs
        #expect(extractor.extract(text.joined(separator: "\n")).published?.iso == expected)
    }
}
