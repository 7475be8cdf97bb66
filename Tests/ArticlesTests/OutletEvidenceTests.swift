import Testing

@testable import Articles

@Suite("Outlet from the whole page")
struct OutletEvidenceTests {
    let extractor = ArticleExtractor(lineModel: nil)

    static let headline = "Taman Baru Dibuka di Tepi Sungai Kota"
    static let paragraphs = [
        "Wali kota mengatakan taman itu dibuka untuk umum setiap hari tanpa biaya masuk.",
        "Warga sekitar menyambut baik taman tersebut karena kawasan itu dulu kumuh dan gelap.",
    ]

    func outlet(_ lines: [String], path: String? = nil) -> String? {
        extractor.extract(lines.joined(separator: "\n"), path: path).outlet
    }

    @Test(
        "a lede that opens with a domain names the outlet, however the dateline is punctuated",
        arguments: [
            ("Wartaku.com, Jakarta Pemerintah kota meresmikan taman baru di tepi sungai.", "wartaku.com"),
            ("WARTAKU.CO.ID- Pemerintah kota meresmikan taman baru di tepi sungai.", "wartaku.co.id"),
            ("<p>BANDUNG, WARTAKU.ID- Pemerintah kota meresmikan taman baru di tepi sungai.</p>", "wartaku.id"),
            ("Kota Lama, (Wartaku.com)- Pemerintah kota meresmikan taman baru di tepi sungai.", "wartaku.com"),
            ("WARTAKU.COM, BANDUNG --Pemerintah kota meresmikan taman baru di tepi sungai.", "wartaku.com"),
            ("WARTAKU.CO-Pemerintah kota meresmikan taman baru di tepi sungai.", "wartaku.co"),
            ("KABAR-KOTA.COM-Pemerintah kota meresmikan taman baru di tepi sungai.", "kabar-kota.com"),
        ])
    func ledeDomain(lede: String, expected: String) {
        #expect(outlet([Self.headline, "Senin, 1 Juli 2024", lede] + Self.paragraphs) == expected)
    }

    @Test("a sentence that opens with a site's name is not a dateline")
    func sentenceOpeningWithADomain() {
        #expect(
            ArticleExtractor.openingDomain(of: "Wartaku.com, kemudian menghubungi wali kota untuk bertanya.") == nil)
        #expect(ArticleExtractor.openingDomain(of: "Pasca-pemilu warga kembali bekerja seperti biasa.") == nil)
    }

    @Test("a byline with the outlet's brand, or a line giving a brand of two words, names the outlet")
    func bylineAndBrandLine() {
        #expect(
            outlet([Self.headline, "Nama Penulis - detikKota", "Pemerintah meresmikan taman."] + Self.paragraphs)
                == "detik.com")
        #expect(
            outlet(["IDN Times", Self.headline, "Pemerintah meresmikan taman."] + Self.paragraphs) == "idntimes.com")
        // One word alone is as likely a section's name.
        #expect(outlet(["Bisnis", Self.headline, "Pemerintah meresmikan taman."] + Self.paragraphs) == nil)
    }

    @Test("a brand dateline names the domain of that name the page gives elsewhere, over a picture's credit")
    func brandDatelineConfirmedByThePage() {
        let lines =
            [
                Self.headline, "Ilustrasi taman kota (Foto: Stokfoto.com)",
                "Wartaku – Pemerintah kota meresmikan taman baru di tepi sungai.",
            ] + Self.paragraphs + ["© Wartaku.co.id"]
        #expect(outlet(lines) == "wartaku.co.id")
    }

    @Test(
        "a picture credit names the outlet only with its photographer, and not a platform",
        arguments: [
            ("Taman kota di pagi hari. (Foto: Wartaku.com/Nama Fotografer)", "wartaku.com"),
            ("Wartaku.com / Nama Fotografer Taman kota di pagi hari.", "wartaku.com"),
            ("Taman kota di pagi hari. (Foto: Stokfoto.com)", nil),
            ("Instagram.com/akunpribadi", nil),
        ] as [(String, String?)])
    func pictureCredits(credit: String, expected: String?) {
        #expect(ArticleExtractor.ownPictureCreditDomain(LineFacts(credit)) == expected)
    }

    @Test("a list of a network's sites at the top is not the site's name; the lede's dateline is")
    func networkListIsNotTheSiteName() {
        let network = ["Jaringan.com", "Wartaku.com", "Kabarku.co.id", "Olahraga.net"]
        let lines =
            network + [
                Self.headline, "Senin, 1 Juli 2024", "KOTA, KABARKU.CO.ID - Pemerintah kota meresmikan taman baru.",
            ] + Self.paragraphs
        #expect(outlet(lines) == "kabarku.co.id")
    }

    @Test("a domain alone below the headline credits a picture and is not the site's name")
    func domainBelowTheHeadline() {
        let lines = [Self.headline, "stokfoto.com", "Pemerintah kota meresmikan taman."] + Self.paragraphs
        #expect(outlet(lines) == nil)
    }

    @Test(
        "a file name that begins with a domain names the outlet when the text does not, never over the text",
        arguments: [
            ("kabarku.co.id_3.txt", "kabarku.co.id"), ("arsip/wartaku.com_12.txt", "wartaku.com"),
            ("berita-12.txt", nil),
        ] as [(String, String?)])
    func fileName(path: String, expected: String?) {
        let plain = [Self.headline, "Pemerintah kota meresmikan taman."] + Self.paragraphs
        #expect(outlet(plain, path: path) == expected)
        let dated = [Self.headline, "WARTAKITA.COM - Pemerintah kota meresmikan taman."] + Self.paragraphs
        #expect(outlet(dated, path: path) == "wartakita.com")
    }

    @Test("an outlet found only by the file's name is told apart from one the text names")
    func outletByPath() {
        let plain = [Self.headline, "Pemerintah kota meresmikan taman."] + Self.paragraphs
        let byPath = extractor.extract(plain.joined(separator: "\n"), path: "wartakita.com_3.txt")
        #expect(byPath.outlet == "wartakita.com" && byPath.outletByPath && byPath.namedOutlet == nil)
        let dated = [Self.headline, "WARTAKITA.COM - Pemerintah kota meresmikan taman."] + Self.paragraphs
        let named = extractor.extract(dated.joined(separator: "\n"), path: "lain.com_3.txt")
        #expect(named.outlet == "wartakita.com" && !named.outletByPath && named.namedOutlet == "wartakita.com")
    }

    @Test(
        "the page naming itself anywhere is the last clue: a footer's domain, a headline's suffix, a credit, a sub-brand",
        arguments: [
            (["Tentang Kami", "Wartaku.com"], "wartaku.com"),
            (["Kolom Wartaku.com", "Pedoman Media Siber"], "wartaku.com"),
            (["Simak berita lain di kanal detikhikmah setiap hari."], "detik.com"),
            (["Taman itu ramai dikunjungi warga.detikTravel Simak juga berita lainnya"], "detik.com"),
            (["Warga berfoto di taman (Wartaku.com/Nama Fotografer) saat sore."], "wartaku.com"),
            (["Keliru: Menuang Tepung di Dekat Kompor Memicu Ledakan Setara Bom | wartaku.co"], "wartaku.co"),
            // Another site's name after words of source, a social network, a common word.
            (["Seperti dilansir dari Kompas.com, taman itu dibuka sore hari."], nil),
            (["Sumber Instagram.com"], nil),
            // A brand the prose names as its subject, twice, written as a brand is.
            (
                [
                    "Tim Pemeriksa Fakta Mafindo (TurnBackHoax) menelusuri kebenaran klaim itu di mesin pencari.",
                    "Dari penelusuran TurnBackHoax, tautan yang tersemat di akun itu mengarah ke laman palsu.",
                ], "turnbackhoax.id"
            ),
            (["Tim (TurnBackHoax) menelusuri kebenaran klaim itu lebih jauh lagi di mesin pencari."], nil),
            (
                [
                    "Warga merayakan Hari Merdeka dengan lomba panjat pinang di lapangan desa sejak pagi.",
                    "Semangat Merdeka terasa di seluruh penjuru kampung hingga malam hari tiba.",
                ], nil
            ),
            (
                [
                    "Menurut TurnBackHoax, tautan yang tersemat di akun itu mengarah ke laman yang palsu.",
                    "Seperti dilansir dari TurnBackHoax, akun itu sudah dilaporkan warga sejak pekan lalu.",
                ], nil
            ),
            (["Harga cabai di pasar induk naik lagi pekan ini | Rp 5.500"], nil),
            (["Nama Tokoh. Foto: kantorberita.com"], nil),
            (["Hanya butuh beberapa detik untuk masuk.", "Dalam hitungan detiknya pintu terbuka."], nil),
        ] as [([String], String?)])
    func selfMention(tail: [String], expected: String?) {
        let lines = [Self.headline, "Pemerintah kota meresmikan taman baru di tepi sungai."] + Self.paragraphs + tail
        #expect(outlet(lines) == expected)
    }

    @Test(
        "a dateline standing alone above the lede, or with its dash glued to a known brand, names the outlet",
        arguments: [
            (["Kota Lama, (Wartaku.com)-", "Pemerintah kota meresmikan taman baru di tepi sungai."], "wartaku.com"),
            (["RADAR BOGOR- Pemerintah kota meresmikan taman baru di tepi sungai."], "jawapos.com"),
            (["DREAM – Pemerintah kota meresmikan taman baru di tepi sungai."], "dream.co.id"),
            // A hyphen joining two words is no dateline's dash.
            (["Baru-baru ini pemerintah kota meresmikan taman baru di tepi sungai."], nil),
        ] as [([String], String?)])
    func standingDateline(lede: [String], expected: String?) {
        #expect(outlet([Self.headline] + lede + Self.paragraphs) == expected)
    }

    @Test("a site named in the article's text is not its outlet: a list item deep in it, a link's path")
    func sitesInTheText() {
        let list =
            [
                Self.headline, "Pemerintah kota meresmikan taman baru di tepi sungai pada Senin pagi.",
            ] + Self.paragraphs + [
                "Berikut promo yang bisa dipakai warga.", "4. Tiketku.com - diskon hingga Rp 350 ribu untuk warga.",
            ]
        #expect(outlet(list) == nil)
        let link =
            [
                Self.headline, "Pemerintah kota meresmikan taman baru di tepi sungai pada Senin pagi.",
                "Warga bisa mengecek jadwal di laman resmi maskapaiku.com/status sebelum berangkat.",
            ] + Self.paragraphs
        #expect(outlet(link) == nil)
    }

    @Test("a name said more often wins over one said once")
    func selfMentionCounts() {
        let lines =
            [Self.headline, "Pemerintah kota meresmikan taman baru di tepi sungai."] + Self.paragraphs + [
                "Kabarlain.com", "Redaksi Wartaku.com", "Iklan Wartaku.com",
            ]
        #expect(outlet(lines) == "wartaku.com")
    }
}
