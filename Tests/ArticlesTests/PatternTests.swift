import Testing

@testable import Articles

/// A short page around one pattern: a headline, a date, prose, and the line under test.
func page(with line: String, at position: Int = 2) -> String {
    var lines = [
        "Pemerintah Umumkan Kebijakan Baru Soal Harga Beras Nasional",
        "Senin, 1 Juli 2024 10:00 WIB",
        "Jakarta - Pemerintah mengumumkan kebijakan baru soal harga beras pada Senin pagi di Istana.",
        "Menteri mengatakan kebijakan itu berlaku mulai bulan depan untuk seluruh wilayah Indonesia.",
        "Para pedagang menyambut baik keputusan tersebut karena harga akan lebih stabil.",
    ]
    lines.insert(line, at: position)
    return lines.joined(separator: "\n")
}

@Suite("Extraction patterns")
struct PatternTests {
    let extractor = ArticleExtractor(lineModel: nil)

    func kind(of line: String, at position: Int = 3) -> LineKind? {
        extractor.extract(page(with: line, at: position)).lines.first { $0.text == line }?.kind
    }

    @Test("a deck the lede repeats after its dateline is a duplicate; the lede stays")
    func deckRepeatedByLede() {
        let deck = "Petugas sudah mencari jemaah haji asal Palembang itu ke segala penjuru kota sejak pekan lalu."
        let text = [
            "Petugas Cari Jemaah Haji yang Hilang", "Senin, 1 Juli 2024 10:00 WIB", deck,
            "Wartaku.com - " + deck + " Namun hingga kini belum ada kabar.",
            "Keluarga berharap jemaah itu segera ditemukan dalam keadaan sehat dan selamat.",
        ].joined(separator: "\n")
        let kinds = extractor.extract(text).lines.map(\.kind)
        #expect(kinds[2] == .duplicate && kinds[3] == .body && kinds[4] == .body)
    }

    @Test("a site's name alone below the lede credits a picture; above it, it names the site")
    func siteNameBelowLede() {
        #expect(kind(of: "seriouseats.com", at: 4) == .caption)
        #expect(kind(of: "miraclemushrooms.co.za", at: 4) == .caption)
        #expect(kind(of: "wartaku.com", at: 0) == .siteName)
    }

    @Test(
        "related links in every spelling are stripped",
        arguments: [
            "Baca juga: Harga Cabai Naik Jelang Lebaran", "Baca Juga : Harga Cabai Naik", "BACA JUGA: Harga Cabai",
            "Lihat juga: Video Harga Cabai", "Baca juga", "BACA JUGA", "Simak juga: Daftar Harga Pangan",
        ])
    func relatedLinks(line: String) {
        #expect(kind(of: line) == .relatedLink)
    }

    @Test("a related link glued inside prose is cut out and the prose kept")
    func gluedRelatedLink() {
        let line =
            "Harga beras naik sejak pekan lalu. Baca juga: Harga Cabai Naik Jelang Lebaran Di Pasar Induk Pedagang mengeluhkan sepinya pembeli di pasar itu."
        let article = extractor.extract(page(with: line, at: 3))
        let body = article.body
        #expect(body.contains("Harga beras naik sejak pekan lalu."))
        #expect(body.contains("Pedagang mengeluhkan sepinya pembeli di pasar itu."))
        #expect(!body.contains("Baca juga"))
        #expect(!body.contains("Harga Cabai"))
        #expect(article.bodyLineNumbers.contains(4))
    }

    @Test(
        "related-list headers and the headlines under them are stripped",
        arguments: [
            "Artikel Terkait", "Berita Terkait", "Berita Lainnya", "Terkini Lainnya", "BERITA TERPOPULER",
            "Rekomendasi",
        ])
    func relatedLists(header: String) {
        let text =
            page(with: header, at: 5) + "\nHarga Cabai Naik Jelang Lebaran\n2 Juli 2024\nPasar Induk Sepi Pembeli"
        let kinds = extractor.extract(text).lines.suffix(4).map(\.kind)
        #expect(kinds == [.relatedHeader, .relatedItem, .relatedItem, .relatedItem])
    }

    @Test(
        "a related list's header is read from its words: a list noun and a qualifier, then a word of time",
        arguments: [
            "Berita Populer Hari Ini", "Artikel Pilihan", "Video Terkait Lainnya", "BERITA TERKINI UPDATE:",
            "Link Teman", "Terpopuler Minggu Ini", "Tulisan Menarik Lainnya", "Rekomendasi Untuk Anda",
        ])
    func relatedHeaderWords(header: String) {
        #expect(kind(of: header, at: 5) == .relatedHeader)
    }

    @Test(
        "lines that only share a header's words are not headers",
        arguments: [
            "Update", "Hari Ini", "Berita Hari Ini Update Lainnya Lagi", "Sahabat Lama",
            "Berita terkait banjir itu dibantah kepala desa pada Senin sore.",
        ])
    func notRelatedHeaders(line: String) {
        #expect(!ArticleExtractor.isRelatedHeader(line.lowercased()))
        #expect(kind(of: line, at: 5) != .relatedHeader)
    }

    @Test(
        "credits and bylines are stripped",
        arguments: [
            "Penulis: Budi Santoso", "Editor: Rina", "Redaktur: Dewi Lestari", "Pewarta: Ahmad",
            "Reporter : Sinta", "Sumber: Antara", "Laporan wartawan Tribunnews, Budi",
        ])
    func credits(line: String) {
        #expect(kind(of: line, at: 5) == .credit)
    }

    @Test(
        "sign-offs alone are stripped; glued to prose they stay body",
        arguments: ["(hal/rrd)", "(*)", "(ant)", "(dmk/ags)"])
    func signOffs(line: String) {
        #expect(kind(of: line, at: 5) == .signOff)
        let glued = "Para pedagang menyambut baik keputusan tersebut. \(line)"
        #expect(kind(of: glued, at: 5) == .body)
    }

    @Test(
        "captions and photo credits are stripped",
        arguments: [
            "Suasana pasar induk pada Senin pagi. Foto: Budi/Detik",
            "Suasana pasar induk pada Senin pagi. (Foto: Budi/Okezone)",
            "\"Suasana pasar induk pada Senin pagi\"/Foto : BBC",
            "Suasana pasar induk pada Senin pagi. (ist)",
            "Suasana pasar induk pada Senin pagi. Dok. Humas",
            "Presiden disambut warga setibanya di pasar. (ANTARA/Budi)",
        ])
    func captions(line: String) {
        #expect(kind(of: line, at: 3) == .caption)
    }

    @Test(
        "ads, widgets, prompts and page furniture are stripped",
        arguments: [
            ("ADVERTISEMENT", LineKind.advert), ("SCROLL TO CONTINUE WITH CONTENT", .advert),
            ("Advertisement", .advert),
            ("Iklan", .advert), ("Bagikan artikel ini", .navigation), ("Share this:", .navigation),
            ("Tulis komentar", .navigation), ("Bagaimana reaksi anda?", .navigation),
            ("Ikuti kami di Google News", .promo), ("Gabung saluran WhatsApp kami", .promo),
            ("Daftar newsletter harian kami", .promo), ("Copyright © 2024 Kompas.com", .copyright),
            ("Dibaca 1.234 kali", .navigation), ("Tags: beras, harga, pangan", .navigation),
            ("Notification", .navigation), ("×", .navigation), ("Load More", .navigation),
            ("SCROLL TO RESUME CONTENT", .advert), ("2 dari 5 halaman", .navigation),
            ("Halaman 3 dari 10", .navigation), ("1 dari 2 Halaman", .navigation), ("Loading...", .navigation),
            ("Lihat Foto", .navigation), ("Halaman Selanjutnya", .navigation), ("Perbesar", .navigation),
            ("View this post on Instagram", .embed),
            ("A post shared by Klub Bola (@klubbola) on Oct 5, 2020 at 7:47am PDT", .embed),
            ("Gol yang indah sekali 🔥 pic.twitter.com/AbCdEf123", .embed),
            ("— Penggemar Bola (@penggemar_bola) December 20, 2021", .embed),
            ("(credit: instagram.com/namaartis)", .caption), ("credit via twitter.com/grupmusik", .caption),
            ("<p><img src=\"https://example.com/foto.jpg\"></p>", .picture),
            (
                "WARTANEWS | Kamis 18 Jun 2015, 06:13 WIB Seorang korban yang selamat dari peristiwa itu masih dirawat.",
                .relatedItem
            ),
            ("[Gambas:Video 20detik]", .embed), ("[Gambas:Instagram]", .embed), ("***", .navigation),
            ("--------", .navigation), ("1", .navigation), ("2 3", .navigation), ("Selanjutnya :", .navigation),
            ("Artikel ini telah naik di detikJabar.", .promo),
            ("Artikel ini telah tayang di Wartaku.com dengan judul Taman Baru Dibuka", .promo),
        ])
    func furniture(line: String, kind expected: LineKind) {
        #expect(kind(of: line, at: 5) == expected)
    }

    @Test(
        "a scraper's record opens with its headline over the date line, however the headline ends",
        arguments: [
            "MU Ogah Pinjamkan Pemain Muda Itu Lagi!", "KPPU Awasi Harga Beras agar Stabil Menjelang Ramadan.",
            "'Pemain Muda Itu Akan Jadi Rekrutan Penting'",
        ])
    func recordHeadline(headline: String) {
        let record = [
            headline, "2025-06-18T20:30",
            "Pemerintah mengumumkan kebijakan baru soal harga beras pada Senin pagi di Istana.",
            "Menteri mengatakan kebijakan itu berlaku mulai bulan depan untuk seluruh wilayah.",
        ]
        let article = extractor.extract(record.joined(separator: "\n"))
        #expect(article.title == headline)
        #expect(article.bodyLineNumbers == [3, 4])
        // Without a date line under it, a line ending as a sentence is prose.
        let prose = extractor.extract(([headline] + record.dropFirst(2)).joined(separator: "\n"))
        #expect(prose.title == nil || !headline.hasSuffix("."))
    }

    @Test(
        "a record's date written in figures alone is its date line, under the headline, whatever the headline ends with",
        arguments: ["18/06/2025 14:05", "2025-06-18 14:05:00", "18-06-2025"])
    func figuresDateLine(dateLine: String) {
        for headline in ["Harga Emas Antam Naik Lagi Hari Ini!", "Harga Emas Antam Naik Lagi, Cek Daftarnya"] {
            let record = [
                headline, dateLine,
                "Harga emas batangan naik Rp 5.000 per gram pada perdagangan hari ini di Butik Emas Logam Mulia.",
                "Harga buyback juga naik menjadi Rp 1,75 juta per gram, menurut situs resmi Logam Mulia.",
            ]
            let article = extractor.extract(record.joined(separator: "\n"))
            #expect(article.title == headline)
            #expect(article.published?.isoDay == "2025-06-18")
            #expect(article.bodyLineNumbers == [3, 4])
        }
        // A line of figures that is no date is still furniture.
        #expect(kind(of: "12 345", at: 5) == .navigation)
    }

    @Test(
        "a record's headline is found under its address, over its writer's name (dated or not), and without its label",
        arguments: [
            [
                "https://finance.detik.com/berita/d-123/harga-emas", "Harga Emas Antam Naik Lagi Hari Ini!",
                "2025-06-18T14:05",
            ],
            ["Harga Emas Antam Naik Lagi Hari Ini!", "Penulis: Budi Santoso", "Rabu, 18 Jun 2025 14:05 WIB"],
            ["Harga Emas Antam Naik Lagi Hari Ini!", "Budi Santoso - detikFinance", "Rabu, 18 Jun 2025 14:05 WIB"],
            ["Judul: Harga Emas Antam Naik Lagi Hari Ini!", "Tanggal: 2025-06-18 14:05"],
            ["title: Harga Emas Antam Naik Lagi Hari Ini!", "date: 2025-06-18T14:05"],
            ["Harga Emas Antam Naik Lagi Hari Ini!", "Penulis: Budi Santoso | Editor: Ani"],
        ])
    func recordHeader(header: [String]) {
        let body = [
            "Harga emas batangan naik Rp 5.000 per gram pada perdagangan hari ini di Butik Emas Logam Mulia.",
            "Harga buyback juga naik menjadi Rp 1,75 juta per gram, menurut situs resmi Logam Mulia.",
        ]
        let article = extractor.extract((header + [""] + body).joined(separator: "\n"))
        #expect(article.title == "Harga Emas Antam Naik Lagi Hari Ini!")
        #expect(article.published?.isoDay == (header.last!.hasPrefix("Penulis") ? nil : "2025-06-18"))
        #expect(article.bodyLineNumbers == [header.count + 2, header.count + 3])
    }

    @Test(
        "a record without a date opens with its headline even when it exclaims, asks, trails off or quotes",
        arguments: [
            "Cek Pajak Kendaraan Lewat WhatsApp, Gampang Banget!", "Apakah 1 Muharam 2025 Tanggal Merah?",
            "Guardiola: Haaland Kapten Masa Depan City, Asalkan ...",
            "Prabowo Luncurkan Mobil Taktis Listrik Buatan Pindad, Namanya 'Pandu'",
        ])
    func undatedRecordHeadline(headline: String) {
        let body = [
            "Pemerintah mengumumkan kebijakan baru soal pajak kendaraan pada Senin pagi di Istana Negara, Jakarta.",
            "Menteri mengatakan kebijakan itu berlaku mulai bulan depan untuk seluruh wilayah Indonesia.",
        ]
        let article = extractor.extract(([headline, ""] + body).joined(separator: "\n"))
        #expect(article.title == headline)
        #expect(article.bodyLineNumbers == [3, 4])
        // A short sentence that opens a page of prose, full stop and all, stays prose.
        let sentence = "Harga beras naik lagi di pasar induk."
        let prose = extractor.extract(([sentence] + body).joined(separator: "\n"))
        #expect(prose.title == nil)
        #expect(prose.bodyLineNumbers == [1, 2, 3])
    }

    @Test(
        "paging, embeds and pictures are read by their whole wording, not by a word of a paragraph",
        arguments: [
            "Sebanyak 2 dari 5 halaman buku itu rusak terkena banjir.",
            "Halaman rumah warga terendam air setinggi lutut orang dewasa.",
            "Dia menulis di akun Instagram miliknya bahwa ia bangga pada timnya.",
            "— Nama Penulis, wartawan senior",
            "<p>Paragraf dengan <img src=\"a.jpg\"> gambar di tengah kalimat.</p>",
            "Harga naik | Kamis pedagang di pasar induk mengeluh karena pasokan beras dari daerah terus berkurang.",
            "Menurut data dinas, 1.200 warga mendaftar [Gambas tidak berlaku] pada hari pertama pembukaan.",
        ])
    func notFurniture(line: String) {
        #expect(kind(of: line, at: 5) == .body)
    }

    @Test(
        "datelines name the outlet, with any dash, city or brand",
        arguments: [
            ("GEMALANTANG.COM -- Pemerintah mengumumkan kebijakan baru soal harga beras.", "gemalantang.com"),
            ("GenPI.co - Pemerintah mengumumkan kebijakan baru soal harga beras.", "genpi.co"),
            ("KOMPAS.com - Pemerintah mengumumkan kebijakan baru soal harga beras.", "kompas.com"),
            ("TEMPO.CO, Jakarta - Pemerintah mengumumkan kebijakan baru soal harga beras.", "tempo.co"),
            ("Liputan6.com, Jakarta - Pemerintah mengumumkan kebijakan baru soal harga beras.", "liputan6.com"),
            ("REPUBLIKA.CO.ID, JAKARTA -- Pemerintah mengumumkan kebijakan baru soal harga beras.", "republika.co.id"),
            ("Jakarta (ANTARA) - Pemerintah mengumumkan kebijakan baru soal harga beras.", "antaranews.com"),
            ("Jakarta, CNN Indonesia -- Pemerintah mengumumkan kebijakan baru soal harga beras.", "cnnindonesia.com"),
            ("RADARDETIK.ID – Pemerintah mengumumkan kebijakan baru soal harga beras.", "radardetik.id"),
            ("SUARA.COM — Pemerintah mengumumkan kebijakan baru soal harga beras.", "suara.com"),
        ])
    func datelines(lede: String, outlet: String) {
        let text =
            "Pemerintah Umumkan Kebijakan Baru Soal Harga Beras\n\n\(lede)\nMenteri mengatakan hal itu di Jakarta kepada wartawan."
        let article = extractor.extract(text)
        #expect(article.outlet == outlet)
        #expect(article.bodyLineNumbers.contains(3))
    }

    @Test("a brand in a credit or caption names the outlet when nothing else does")
    func brandClues() {
        let text = page(with: "Suasana pasar induk pada Senin pagi. (Foto: Budi/Okezone)", at: 3)
        #expect(extractor.extract(text).outlet == "okezone.com")
        let byline = page(with: "Penulis: Budi (detikFinance)", at: 5)
        #expect(extractor.extract(byline).outlet == "detik.com")
    }

    @Test("a store arranged by outlet names the outlet through its folders")
    func folderNames() {
        let text = page(with: "Para pedagang senang.", at: 5)
        #expect(extractor.extract(text, path: "kompas/2024/06/a.txt").outlet == "kompas.com")
        #expect(extractor.extract(text, path: "tempo.co/a.txt").outlet == "tempo.co")
        #expect(extractor.extract(text, path: "misc/a.txt").outlet == nil)
    }

    @Test("users extend the brand table")
    func userBrands() throws {
        let custom = try OutletDirectory(parsing: "# mine\nwarta kota\twartakota.tribunnews.com\n")
        let extractor = ArticleExtractor(outlets: .bundled.merging(custom))
        let text = "Judul Berita Yang Cukup Panjang\n\nJakarta, Warta Kota - Isi berita yang cukup panjang di sini."
        #expect(extractor.extract(text).outlet == "wartakota.tribunnews.com")
        #expect(throws: OutletDirectory.ParseError.self) { try OutletDirectory(parsing: "brand without domain") }
        #expect(throws: OutletDirectory.ParseError.self) { try OutletDirectory(parsing: "x\tnot a domain") }
    }

    @Test("a repeated paragraph is stripped as a duplicate")
    func duplicates() {
        let repeated = "Menteri mengatakan kebijakan itu berlaku mulai bulan depan untuk seluruh wilayah Indonesia."
        let article = extractor.extract(page(with: repeated, at: 5))
        #expect(article.lines.filter { $0.text == repeated }.map(\.kind) == [.body, .duplicate])
    }

    @Test(
        "a headline that uses a button's word or counts views is the title",
        arguments: [
            "Cetak uang baru laba peruri menanjak 83 persen", "Kamera instan kodak printomatic",
            "Sehari snapchat ala instagram raih 100 juta views",
        ])
    func headlineWithWidgetWords(headline: String) {
        let text = "\(headline)\n\nJakarta - Pemerintah mengumumkan kebijakan baru soal harga beras kemarin."
        #expect(extractor.extract(text).title == headline)
    }

    @Test("print buttons and view counters standing alone are navigation", arguments: ["Cetak", "Print", "2.3K views"])
    func buttonsAlone(line: String) {
        #expect(kind(of: line, at: 5) == .navigation)
    }

    @Test("zero-width and direction-mark lines count as blank")
    func invisibleLines() {
        let article = extractor.extract(page(with: "\u{200B}\u{200E} \u{FEFF}", at: 3))
        #expect(article.lines[3].kind == .blank)
    }

    @Test("a whole body on one line is body")
    func bodyOnOneLine() {
        let text =
            "Judul Berita Yang Cukup Panjang\n"
            + String(repeating: "Kalimat panjang tentang harga beras di pasar. ", count: 40)
        #expect(extractor.extract(text).bodyLineNumbers == [2])
    }

    @Test(
        "a glued site or section suffix is dropped from the title",
        arguments: [
            ("Harga Beras Naik Lagi di Pasar Induk - News", "Harga Beras Naik Lagi di Pasar Induk"),
            ("Harga Beras Naik Lagi di Pasar Induk | Kompas.com", "Harga Beras Naik Lagi di Pasar Induk"),
            ("Harga Beras Naik Lagi di Pasar Induk", "Harga Beras Naik Lagi di Pasar Induk"),
        ])
    func titleSuffix(line: String, title: String) {
        let text = "\(line)\n\nJakarta - Pemerintah mengumumkan kebijakan baru soal harga beras kemarin."
        #expect(extractor.extract(text).title == title)
    }

    @Test("a headline repeated as the first paragraph is the title, and not body text too")
    func headlineRepeatedAsFirstParagraph() {
        let headline = "Putin dan Kim Jong Un Teken Pakta Pertahanan di Pyongyang"
        let text =
            "\(headline)\n\n\(headline)\n\nJAKARTA - Presiden Rusia Vladimir Putin dan pemimpin Korea Utara menandatangani pakta pertahanan di Pyongyang.\n"
        let extracted = extractor.extract(text)
        #expect(extracted.title == headline)
        #expect(extracted.body.hasPrefix("JAKARTA - Presiden Rusia"))
        #expect(extracted.lines[2].kind == .duplicate)
    }

    @Test("a page with no headline has no title")
    func noTitle() {
        let text =
            "Pemerintah mengumumkan kebijakan baru soal harga beras pada Senin pagi di Istana.\nMenteri mengatakan hal itu."
        #expect(extractor.extract(text).title == nil)
    }
}

@Suite("Extraction patterns from scraped page headers and inserted widgets")
struct HeaderPatternTests {
    let extractor = ArticleExtractor(lineModel: nil)

    @Test(
        "a dateline standing alone is kept out of the body and names the outlet",
        arguments: [
            ("Liputan6.com, Jakarta - ", "liputan6.com"), ("BEKASI, KOMPAS.com -", "kompas.com"),
            ("Jakarta, CNN Indonesia --", "cnnindonesia.com"), ("TEMPO.CO, Jakarta —", "tempo.co"),
        ])
    func standaloneDateline(line: String, outlet: String) {
        let article = extractor.extract(page(with: line, at: 2))
        #expect(article.lines[2].kind == .dateline)
        #expect(article.outlet == outlet)
        #expect(!article.bodyLineNumbers.contains(3))
    }

    @Test("a header run together on one line ending in a dateline is not body")
    func headerEndingInDateline() {
        let header =
            "Remaja Kesepian Berisiko Sakit Mental Peran teman sebaya penting. Penulis: A Editor: B Laporan Wartawan Tribunnews.com, A TRIBUNNEWS.COM, JAKARTA - "
        let text = header + "\n\nMenteri mengatakan sekitar 20 persen remaja di Indonesia mengalami kesepian.\n"
        let article = extractor.extract(text)
        #expect(article.lines[0].kind == .header)
        #expect(article.outlet == "tribunnews.com")
        #expect(article.bodyLineNumbers == [3])
    }

    @Test(
        "a date stamp inside a run-together header is the publication date; the words before it are the headline",
        arguments: [
            (
                "Momen Gibran Datang Pakai Dasi Merah di Sidang MPR 15 Agustus 2025 9:26 WIB · waktu baca 1 menit",
                "Momen Gibran Datang Pakai Dasi Merah di Sidang MPR", "2025-08-15T09:26"
            ),
            (
                "BREAKING NEWS CNN Indonesia Kamis, 14 Agu 2025 15:08 WIB Jakarta, CNN Indonesia -- (thr/wis) [Gambas:Video CNN]",
                nil, "2025-08-14T15:08"
            ),
        ] as [(String, String?, String)])
    func runTogetherHeader(header: String, title: String?, published: String) {
        let text =
            header
            + "\n\nKetua umum partai itu resmi kembali melantik sekretaris jenderal partai pada Kamis pagi.\n"
        let article = extractor.extract(text)
        #expect(article.title == title)
        #expect(article.published?.iso == published)
        #expect(article.bodyLineNumbers == [3])
    }

    @Test("a bare date in the first words of a lede is not taken for a header stamp")
    func ledeWithEventDate() {
        let text =
            "Warga berkumpul di alun-alun pada Senin, 14 Agustus 2025 pukul 10.00 WIB untuk menyambut kedatangan presiden yang meresmikan pasar baru.\n"
        let article = extractor.extract(text)
        #expect(article.published == nil)
        #expect(article.title == nil)
        #expect(article.bodyLineNumbers == [1])
    }

    @Test(
        "captions that end in an upper-case photo credit are stripped",
        arguments: [
            "ARUS BALIK - Penumpang kereta api tiba di stasiun Senen, Jakarta, Minggu (3/1/2021). WARTA KOTA/HENRY LOPULALAN",
            "Kendaraan melintasi jalan tol fungsional di Medan, Rabu (23/12/2020). TRIBUN MEDAN/DANIL SIREGAR (TRIBUN MEDAN/DANIL SIREGAR)",
        ])
    func upperCaseCredit(line: String) {
        #expect(extractor.extract(page(with: line, at: 3)).lines[3].kind == .caption)
    }

    @Test(
        "prose that ends in a sign-off or mentions a credit word is body",
        arguments: [
            "Korban berusaha melawan dengan cara menggigit lengan pelaku di dekat pondok. Polisi masih mencari saksi.",
            "Pekerja yang harus dipulangkan berjumlah puluhan ribu orang menurut pejabat itu. (ANT/JHN)",
            "Google menaikkan tarif berlangganan YouTube TV bagi pelanggan baru sebagaimana dilaporkan Reuters.",
        ])
    func proseStaysBody(line: String) {
        #expect(extractor.extract(page(with: line, at: 3)).lines[3].kind == .body)
    }

    @Test(
        "ad-free, scroll and live-video prompts are stripped as prompts",
        arguments: [
            "Baca berita dengan sedikit iklan, klik di sini", "Baca berita tanpa iklan. Gabung Kompas.com+",
            "Scroll ke bawah untuk melanjutkan membaca", "Saksikan Live DetikSore:",
        ])
    func prompts(line: String) {
        #expect(extractor.extract(page(with: line, at: 3)).lines[3].kind == .promo)
    }

    @Test(
        "headlines of other articles run together on one line are stripped",
        arguments: [
            "| Air Bersih Jadi Pemicu Stunting | |---| | Angka Stunting Nasional Turun | |---| | BKKBN Libatkan Tokoh Agama | |---|",
            "Halaman Berikutnya Terkini Lainnya Megapolitan 14/08/2025, 18:20 WIB Megapolitan 14/08/2025, 18:10 WIB Megapolitan 14/08/2025, 18:06 WIB",
        ])
    func runTogetherLists(line: String) {
        #expect(extractor.extract(page(with: line, at: 5)).lines[5].kind == .relatedItem)
    }

    @Test("a schedule with several times in the body stays body")
    func scheduleStaysBody() {
        let line =
            "Pembatasan kendaraan berlaku pada pukul 07.00 WIB - 10.00 WIB dan 16.00 WIB - 20.00 WIB setiap hari kerja."
        #expect(extractor.extract(page(with: line, at: 3)).lines[3].kind == .body)
    }

    @Test(
        "another article's headline set alone between paragraphs is stripped; a subhead leading into its paragraph is body"
    )
    func insertedHeadlineAndSubhead() {
        let lines = [
            "Jakarta - Pemerintah mengumumkan kebijakan baru soal harga beras pada Senin pagi di Istana.", "",
            "Menteri Wihaji Instruksikan BKKBN Prioritaskan Program yang Dukung Bonus Demografi", "",
            "Menteri mengatakan kebijakan itu berlaku mulai bulan depan untuk seluruh wilayah Indonesia.", "",
            "Bea Cukai Tindak Impor Ilegal",
            "Para pedagang menyambut baik keputusan tersebut karena harga akan lebih stabil.",
        ]
        let article = extractor.extract(lines.joined(separator: "\n"))
        #expect(article.lines[2].kind == .relatedLink)
        #expect(article.lines[6].kind == .body)
        #expect(article.bodyLineNumbers == [1, 5, 7, 8])
    }
}
