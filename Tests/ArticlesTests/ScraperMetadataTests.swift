import Testing

@testable import Articles

@Suite("What a scraper saved beside the text")
struct ScraperMetadataTests {
    let extractor = ArticleExtractor()

    /// A scraped record: title, the scraper's metadata line, then the text.
    func record(_ metadataLine: String, lede: String = "Kepolisian Malaysia bekerja sama dengan beberapa universitas.")
        -> String
    {
        [
            "Malaysia awasi ketat mahasiswa yang diduga terpengaruh isis", metadataLine, lede,
            "Langkah itu diambil setelah beberapa mahasiswa ditangkap pekan lalu di Kuala Lumpur.",
        ].joined(separator: "\n")
    }

    @Test("a record line gives the date, the outlet and the address, and is not body")
    func recordLine() {
        let line =
            "cnn indonesia | 2016-08-22 | tajuk utama | http://www.cnnindonesia.com/internasional/20160822115846-106-152964/malaysia/"
        let article = extractor.extract(record(line))
        // The day from the record, the time from the address (`20160822115846`).
        #expect(article.published?.iso == "2016-08-22T11:58")
        #expect(article.outlet == "cnnindonesia.com")
        #expect(article.url == "http://www.cnnindonesia.com/internasional/20160822115846-106-152964/malaysia/")
        #expect(article.lines[1].kind == .metadata)
        #expect(!article.body.contains("tajuk utama"))
        #expect(article.title == "Malaysia awasi ketat mahasiswa yang diduga terpengaruh isis")
    }

    @Test("a record with an empty date field still gives the outlet and the address, and no date")
    func recordWithoutDate() {
        let line = "antaranews |  | tajuk utama | http://www.antaranews.com/berita/581598/polda-metro-tilang"
        let article = extractor.extract(record(line))
        #expect(article.published == nil)
        #expect(article.outlet == "antaranews.com")
        #expect(article.url == "http://www.antaranews.com/berita/581598/polda-metro-tilang")
    }

    @Test("the record's date wins over a date in the text, whose time is kept when the day agrees")
    func recordDateAndTextTime() {
        let sameDay = extractor.extract(
            record("suara | 2016-08-19 | otomotif | http://www.suara.com/otomotif/x")
                + "\nJumat, 19 Agustus 2016 11:03 WIB")
        #expect(sameDay.published?.iso == "2016-08-19T11:03")
        let otherDay = extractor.extract(
            record("suara | 2016-08-19 | otomotif | http://www.suara.com/otomotif/x")
                + "\nSenin, 1 Agustus 2016 11:03 WIB")
        #expect(otherDay.published?.iso == "2016-08-19")
    }

    @Test(
        "the outlet of a record is the domain or brand it names, else the domain of its address",
        arguments: [
            ("juara.net |  | olahraga | http://juara.bolasport.com/read/balap/f1/183285-raikkonen", "juara.net"),
            ("dailysocial.id |  | teknologi | https://dailysocial.id/post/nikah-id", "dailysocial.id"),
            ("merdeka |  | tajuk utama | http://m.merdeka.com/peristiwa/hina.html", "merdeka.com"),
            ("poskotanews | 2016-08-29 | tajuk utama | http://poskotanews.com/2016/08/29/ketua/", "poskotanews.com"),
            ("goal indonesia | 2016-09-07 | olahraga | http://www.goal.com/id-ID/news/1365/", "goal.com"),
            ("beritaku | 2016-09-07 | olahraga | http://www.poskota.co.id/2016/09/07/x", "poskota.co.id"),
        ])
    func recordOutlet(line: String, outlet: String) {
        #expect(extractor.extract(record(line)).outlet == outlet)
    }

    @Test("a bare address line and a `Sumber:` address are metadata; the address's path gives the day")
    func addressLines() {
        let bare = extractor.extract(
            record("https://techno.okezone.com/read/2025/08/29/57/3166258/vivo-v60-resmi-diluncurkan"))
        #expect(bare.lines[1].kind == .metadata)
        #expect(bare.outlet == "okezone.com")
        #expect(bare.published?.isoDay == "2025-08-29")
        #expect(bare.url == "https://techno.okezone.com/read/2025/08/29/57/3166258/vivo-v60-resmi-diluncurkan")

        let source = extractor.extract(
            record("Kepolisian Malaysia bekerja sama dengan beberapa universitas.", lede: "Mahasiswa diawasi ketat.")
                + "\nSumber: https://www.kompas.com/read/2016/08/22/10000001/malaysia")
        #expect(source.lines.last?.kind == .metadata)
        #expect(source.url == "https://www.kompas.com/read/2016/08/22/10000001/malaysia")
        #expect(source.outlet == "kompas.com")
        #expect(!source.body.contains("Sumber"))
    }

    @Test("a social-media address is metadata but names neither the outlet nor the page")
    func platformAddress() {
        let article = extractor.extract(record("https://www.instagram.com/p/C8abc/"))
        #expect(article.lines[1].kind == .metadata)
        #expect(article.url == nil)
        #expect(article.outlet == nil)
    }

    @Test("a brand named only in a `Sumber:` credit is not the outlet")
    func sourceCreditIsNotTheOutlet() {
        let article = extractor.extract(record("Mahasiswa diawasi ketat oleh polisi setempat.") + "\nSumber: Antara")
        #expect(article.lines.last?.kind == .credit)
        #expect(article.outlet == nil)
        let editor = extractor.extract(record("Mahasiswa diawasi ketat oleh polisi setempat.") + "\nFoto: Antara")
        #expect(editor.outlet == "antaranews.com")
    }

    @Test(
        "a table row with a date stays body, at the top or inside the text",
        arguments: [
            ("1 | Budi Santoso | 2016-08-22 | Kuala Lumpur", 2), ("Budi Santoso | 2016-08-22 | Kuala Lumpur", 4),
        ])
    func tableRowInText(row: String, position: Int) {
        var lines = record("Mahasiswa diawasi ketat oleh polisi setempat.").split(separator: "\n").map(String.init)
        lines += ["Polisi akan terus memantau kegiatan kampus.", "Pihak kampus menyatakan siap membantu.", "Selesai."]
        lines.insert(row, at: position)
        let article = extractor.extract(lines.joined(separator: "\n"))
        #expect(article.lines[position].kind != .metadata)
        #expect(article.published == nil)
    }

    @Test(
        "a folder named after the outlet gives it when the text does not",
        arguments: [
            ("dailysocial-id/a.txt", "dailysocial.id"), ("juara-net/a.txt", "juara.net"),
            ("cnn-indonesia/a.txt", "cnnindonesia.com"), ("poskotanews/a.txt", "poskotanews.com"),
            ("2016/okezonenews/a.txt", "okezone.com"), ("kumparan/2017/a.txt", "kumparan.com"),
            ("Liputan6.com/a.txt", "liputan6.com"),
        ])
    func folderNames(path: String, outlet: String) {
        let text =
            "Judul berita tanpa nama media di dalamnya\nIsi berita yang panjang tanpa menyebut nama media apa pun."
        #expect(extractor.extract(text, path: path).outlet == outlet)
    }

    @Test("folders that name no outlet give none")
    func plainFolders() {
        let text =
            "Judul berita tanpa nama media di dalamnya\nIsi berita yang panjang tanpa menyebut nama media apa pun."
        for path in ["news/a.txt", "data/scraped-2024/a.txt", "indosum-dev/a.txt", "a.txt"] {
            #expect(extractor.extract(text, path: path).outlet == nil, "\(path)")
        }
    }

    @Test(
        "addresses: the registrable domain and the day their path spells",
        arguments: [
            ("https://jatim.jpnn.com/news/x", "jpnn.com", nil),
            ("http://www.poskota.co.id/2016/09/07/x", "poskota.co.id", "2016-09-07"),
            ("http://rimanews.com/teknologi/software/read/20160805/296786/Bisa", "rimanews.com", "2016-08-05"),
            ("https://news.detik.com/berita/d-7000000/judul", "detik.com", nil),
            ("http://www.suara.com/otomotif/2016/08/19/110340/belum", "suara.com", "2016-08-19"),
            ("http://www.cnnindonesia.com/a/20160822115846-106-152964/b/", "cnnindonesia.com", "2016-08-22T11:58"),
            ("https://example.com/2016/13/45/x", "example.com", nil),
            ("https://example.com/2016/08/5/x", "example.com", "2016-08-05"),
            ("https://example.com/2016/08/x5/x?d=2016/09/09", "example.com", nil),
            ("https://example.com/kabar/berita-ünïcode/2016/08/29#2017/01/01", "example.com", "2016-08-29"),
        ] as [(String, String, String?)])
    func addresses(text: String, domain: String, day: String?) throws {
        let address = try #require(WebAddress(text))
        #expect(address.registrableDomain == domain)
        #expect(address.pathDate?.iso == day)
    }

    @Test(
        "text that is not one http address is not an address",
        arguments: ["ftp://a.com/x", "http://", "see https://a.com", "https://a"])
    func notAddresses(text: String) {
        #expect(WebAddress(text) == nil)
    }
}

@Suite("Outlets named in the text")
struct TextOutletTests {
    @Test(
        "a domain the text names gives its registrable domain: a section's host is its outlet's",
        arguments: [
            (
                "jatim.jpnn.com\nJudul Berita Yang Cukup Panjang Sekali\nIsi berita yang cukup panjang di sini untuk paragraf.",
                "jpnn.com"
            ),
            (
                "Judul Berita Yang Cukup Panjang Sekali\nMEGAPOLITAN.KOMPAS.COM - Isi berita yang cukup panjang di sini.",
                "kompas.com"
            ),
            (
                "Judul Berita Yang Cukup Panjang Sekali\nLiputan6.com, Jakarta - Isi berita yang cukup panjang di sini.",
                "liputan6.com"
            ),
            (
                "Judul Berita Yang Cukup Panjang Sekali\nJakarta - Isi berita yang cukup panjang di sini.\nCopyright news.republika.co.id",
                "republika.co.id"
            ),
        ] as [(String, String)])
    func registrableOutlet(text: String, outlet: String) {
        #expect(ArticleExtractor(lineModel: nil).extract(text).outlet == outlet)
    }
}
