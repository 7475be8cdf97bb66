import Foundation
import SequenceModels
import Testing

@testable import Articles

/// The line model's features, its shipped weights, and its score on the development pages.
@Suite("Line model")
struct LineModelTests {
    @Test("the extractor's identity changes with the line model, its weights and the outlet table")
    func identity() throws {
        let shipped = try #require(LineModel.bundled)
        let standard = ArticleExtractor()
        #expect(ArticleExtractor().identity == standard.identity)
        #expect(ArticleExtractor(lineModel: nil).identity != standard.identity)
        // The same weights read back from their bytes are the same model; one weight changed is not.
        let copy = try LineModel(data: shipped.serialized())
        #expect(ArticleExtractor(lineModel: copy).identity == standard.identity)
        var bytes = [UInt8](shipped.serialized())
        bytes[bytes.count - 2] ^= 0x40
        let changed = try LineModel(data: Data(bytes))
        #expect(ArticleExtractor(lineModel: changed).identity != standard.identity)
        let otherOutlets = try OutletDirectory(parsing: "Kabar Harian\tkabarharian.id\n")
        #expect(ArticleExtractor(outlets: otherOutlets).identity != standard.identity)
    }

    @Test("a long page of menu words alone, where the model finds no article, is read without a fault")
    func pageWithoutAnArticle() {
        let menu = ["Beranda", "Nasional", "Ekonomi", "Olahraga", "Teknologi", "Hiburan", "Gaya Hidup", "Otomotif"]
        let text = (0..<3).flatMap { _ in menu }.joined(separator: "\n")
        let article = ArticleExtractor().extract(text)
        #expect(article.lines.count == 24)
        #expect(article.body.split(separator: "\n").count < 24)
    }

    @Test("a page of a few lines is read by the rules alone: its dateline lede stays body")
    func shortPageByTheRules() {
        let text = [
            "Harga Beras Naik di Pasar Induk Kota Bandung", "",
            "Jakarta, CNN Indonesia -- Harga beras di pasar induk naik lagi pekan ini menurut pedagang.", "",
            "Pedagang mengatakan pasokan dari daerah berkurang karena musim hujan yang panjang tahun ini.",
        ].joined(separator: "\n")
        #expect(ArticleExtractor().extract(text).bodyLineNumbers == [3, 5])
    }

    struct ShapeCase: Sendable, CustomTestStringConvertible {
        var line: String
        var words: Int
        var ends: Bool
        var dateline: Bool
        var linkLike: Bool
        var prose: Bool
        var tag: String? = nil
        var testDescription: String { line }
    }

    static let shapes: [ShapeCase] = [
        ShapeCase(
            line:
                "Jakarta, CNN Indonesia -- Presiden Joko Widodo meresmikan jalan tol baru di Jawa Tengah pada Senin (12/8).",
            words: 17, ends: true, dateline: true, linkLike: false, prose: true),
        ShapeCase(
            line: "TEMPO.CO, Jakarta - Menteri Keuangan mengatakan bahwa anggaran itu sudah disetujui.", words: 11,
            ends: true, dateline: true, linkLike: false, prose: true),
        ShapeCase(
            line: "Liputan6.com, Jakarta - Harga emas naik lagi.", words: 7, ends: true, dateline: true,
            linkLike: false, prose: false),
        ShapeCase(
            line: "Jakarta (ANTARA) - Hujan deras yang turun sejak pagi membuat jalan tergenang.", words: 12,
            ends: true, dateline: true, linkLike: false, prose: true),
        ShapeCase(
            line: "Baru-baru ini - kata dia", words: 5, ends: false, dateline: false, linkLike: false, prose: false),
        ShapeCase(
            line: "Harga Emas Antam Hari Ini Naik Tipis, Cek Daftarnya", words: 9, ends: false, dateline: false,
            linkLike: true, prose: false),
        ShapeCase(
            line: "<p>Warga setempat mengatakan banjir itu sudah surut sejak pagi.</p>", words: 9, ends: true,
            dateline: false, linkLike: false, prose: true, tag: "p"),
        ShapeCase(
            line: "Ia menambahkan, pihaknya akan terus memantau situasi di lapangan. (ant)", words: 10, ends: true,
            dateline: false, linkLike: false, prose: true),
        ShapeCase(
            line: "\u{201C}Kami siap membantu warga yang terdampak,\u{201D} kata dia.", words: 8, ends: true,
            dateline: false, linkLike: false, prose: true),
        ShapeCase(line: "Home", words: 1, ends: false, dateline: false, linkLike: false, prose: false),
        ShapeCase(
            line: "Dibaca 1.234 kali", words: 3, ends: false, dateline: false, linkLike: false, prose: false),
    ]

    @Test("a line's shape: words, sentence end, dateline, link-like, prose, tag", arguments: shapes)
    func shape(of example: ShapeCase) {
        let shape = LineShape(example.line[...])
        #expect(shape.words == example.words)
        #expect(shape.endsAsSentence == example.ends)
        #expect(shape.hasDateline == example.dateline)
        #expect(shape.isLinkLike == example.linkLike)
        #expect(shape.isProse == example.prose)
        #expect(shape.tag == example.tag)
    }

    @Test("shares of stopwords, capitalised words and digits")
    func shares() {
        let shape = LineShape("Menurut dia, harga BBM naik 10 persen di Jakarta."[...])
        // menurut, dia, di: 3 of 9 words.
        #expect(abs(shape.stopShare - 3.0 / 9) < 1e-9)
        // Menurut, BBM, Jakarta among the 8 words with a letter.
        #expect(abs(shape.capitalShare - 3.0 / 8) < 1e-9)
        #expect(abs(shape.digitShare - 2.0 / 49) < 1e-9)
        let quoted = LineShape("\u{201C}Kami siap\u{201D}"[...])
        #expect(quoted.capitalShare == 0.5)
    }

    @Test("the densest prose run spans the paragraphs, not the teaser far below")
    func densestRun() {
        let lines = [
            "Home", "Berita", "Judul Artikel Yang Panjang Sekali Ini",
            "Presiden mengatakan bahwa program itu akan dilanjutkan pada tahun depan.",
            "Menurut dia, anggaran untuk program tersebut sudah disiapkan oleh pemerintah.",
            "Baca juga", "Ia juga meminta agar semua pihak ikut mengawasi jalannya program itu.",
            "Terpopuler", "Satu", "Dua", "Tiga", "Empat", "Lima",
            "Warga yang tinggal di sana mengatakan bahwa mereka tidak tahu soal itu.",
        ]
        let shapes = lines.map { LineShape($0[...]) }
        #expect(LineFeatures.densestProseRun(shapes) == 3...6)
        #expect(LineFeatures.densestProseRun(shapes.prefix(3).map { $0 }) == nil)
    }

    @Test("features name the rules' kind, the neighbours' features and the page's edges")
    func features() {
        let shapes = [
            "Judul Berita Hari Ini", "Presiden mengatakan bahwa program itu akan dilanjutkan pada tahun depan.",
        ]
        .map { LineShape($0[...]) }
        let sequence = LineFeatures.features(shapes: shapes, kinds: [.title, .body])
        let first = Set(sequence.keys(at: 0))
        let second = Set(sequence.keys(at: 1))
        #expect(first.contains(FeatureKey.key("first=1")) && !first.contains(FeatureKey.key("last=1")))
        #expect(second.contains(FeatureKey.key("last=1")))
        #expect(first.contains(FeatureKey.key("k=title")) && second.contains(FeatureKey.key("k=body")))
        #expect(first.contains(FeatureKey.key("-1:pad=1")) && first.contains(FeatureKey.key("-2:pad=1")))
        #expect(first.contains(FeatureKey.key(FeatureKey.key("+1:"), FeatureKey.key("k=body"))))
        #expect(first.contains(FeatureKey.key(FeatureKey.key("+1:"), FeatureKey.key("prose=1"))))
        #expect(first.contains(FeatureKey.key("tsim=3")))
        #expect(first.contains(FeatureKey.key("run=before")) && first.contains(FeatureKey.key("rd=b1")))
        #expect(second.contains(FeatureKey.key("run=in")) && second.contains(FeatureKey.key("rd=i0_0")))
        #expect(first.contains(FeatureKey.key("w=4")) && second.contains(FeatureKey.key("w=6")))
    }

    @Test("a line's share of the lede's words, and how often the page repeats it, are features")
    func ledeAndRepeats() {
        let lines = [
            "Banjir Rendam Ribuan Rumah Warga di Kota Lama",
            "Resep Kue Bolu Pandan yang Lembut",
            "Banjir merendam ribuan rumah warga di Kota Lama sejak Senin pagi karena hujan deras.",
            "Petugas mengevakuasi warga yang terjebak di rumah mereka dengan perahu karet.",
            "Catatan Redaksi", "Resep Kue Bolu Pandan yang Lembut", "Catatan Redaksi", "Catatan Redaksi",
        ]
        let shapes = lines.map { LineShape($0[...]) }
        let sequence = LineFeatures.features(shapes: shapes, kinds: lines.map { _ in .body })
        func has(_ i: Int, _ key: String) -> Bool { sequence.keys(at: i).contains(FeatureKey.key(key)) }
        // The headline shares most of its words with the lede; a teaser for another story none.
        // Six of its seven words (`Rendam` is not `merendam`).
        let share = LineFeatures.ledeShare(shapes[0].wordHashes, lede: LineFeatures.ledeWords(shapes, run: 2...3))
        #expect(share == 6.0 / 7)
        #expect(has(0, "lede=3") && has(1, "lede=0"))
        // The lede's own lines are not measured against themselves.
        #expect(!(0...3).contains { has(2, "lede=\($0)") })
        // Said twice, and three times or more; a line said once has neither.
        #expect(has(1, "same=1") && has(5, "same=1") && has(4, "same=2") && has(7, "same=2"))
        #expect(!has(0, "same=1") && !has(0, "same=2"))
    }

    struct PageFeatureCase: Sendable, CustomTestStringConvertible {
        var line: String
        /// The features the line must have, and those it must not.
        var has: [String]
        var hasNot: [String]
        var testDescription: String { line }
    }

    static let pageFeatureCases: [PageFeatureCase] = [
        PageFeatureCase(
            line: "HOME » BERITA » SEDERET MOTOR BEBEK IDOLA ANAK MUDA", has: ["caps=1", "sep=1"],
            hasNot: ["li=1", "capt=1"]),
        PageFeatureCase(
            line: "NASIONAL | Hukum Nusantara Sosial Pendidikan", has: ["sep=1"], hasNot: ["caps=1"]),
        PageFeatureCase(line: "detikNews / Berita / Detail Berita", has: ["sep=1"], hasNot: ["caps=1"]),
        PageFeatureCase(line: "Striker Barcelona, Luis Suarez (c) AP Photo", has: ["capt=1"], hasNot: ["sep=1"]),
        PageFeatureCase(line: "Tata Cara Sholat Jamak (Sumber: Pixabay)", has: ["capt=1"], hasNot: []),
        PageFeatureCase(line: "1. Siapkan 200 gram jamur tiram", has: ["li=1"], hasNot: ["caps=1"]),
        PageFeatureCase(line: "12) Persib Bandung 3-1 Persija", has: ["li=1"], hasNot: []),
        PageFeatureCase(line: "\u{2022} 2 siung bawang putih", has: ["li=1"], hasNot: []),
        PageFeatureCase(line: "2020 menjadi tahun yang berat", has: [], hasNot: ["li=1"]),
        PageFeatureCase(line: "Presiden Jokowi 1/2 hari di Solo", has: [], hasNot: ["sep=1", "li=1"]),
    ]

    @Test("a line's wording features: capitals, separators, a photo credit, a list's mark", arguments: pageFeatureCases)
    func wordingFeatures(of example: PageFeatureCase) {
        let keys = Set(
            LineFeatures.pageFeatures(at: 0, shapes: [LineShape(example.line[...])], prose: ([nil], [nil])).lent)
        for name in example.has { #expect(keys.contains(FeatureKey.key(name)), "\(name)") }
        for name in example.hasNot { #expect(!keys.contains(FeatureKey.key(name)), "\(name)") }
    }

    @Test("short lines between paragraphs know the length of their run; a short line its words; the page decile")
    func listFeatures() {
        let paragraph = "Presiden mengatakan bahwa program itu akan dilanjutkan pada tahun depan."
        let lines = [paragraph, "200 gram jamur tiram", "2 siung bawang putih", "1 sdt garam", paragraph, "Terpopuler"]
        let shapes = lines.map { LineShape($0[...]) }
        let prose = LineFeatures.proseNeighbours(shapes)
        #expect(prose.above == [nil, 1, 2, 3, 4, 1] && prose.below == [4, 3, 2, 1, nil, nil])
        let own = shapes.indices.map { Set(LineFeatures.pageFeatures(at: $0, shapes: shapes, prose: prose).own) }
        for i in 1...3 { #expect(own[i].contains(FeatureKey.key("btw=2")), "line \(i): a run of 3") }
        #expect(!own[0].contains(FeatureKey.key("btw=2")) && !own[5].contains(FeatureKey.key("btw=0")))
        #expect(own[5].contains(LineFeatures.lettersKey(LineFeatures.wholeLineKey, "terpopuler", spaces: true)))
        #expect(own[3].contains(LineFeatures.lettersKey(LineFeatures.firstWordKey, "", spaces: false)))
        #expect(own[0].contains(FeatureKey.key("pos=0")) && own[5].contains(FeatureKey.key("pos=8")))
    }

    @Test("the shipped line model loads and has weights")
    func shippedModel() throws {
        let model = try #require(LineModel.bundled, "\(LineModel.loadProblems)")
        #expect(model.model.keys.count > 100)
        #expect(model.model.labelNames == LineModel.labelNames)
    }

    @Test("training twice on the same pages gives the same bytes")
    func reproducibleTraining() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ExtractionDevSet")
        let pages = try ["01_tribunnews", "02_cnnindonesia", "03_detik"].map { stem in
            let text = ArticleText.decode(try Data(contentsOf: folder.appendingPathComponent("pages/\(stem).txt")))
            let label = try JSONDecoder().decode(
                GoldLabel.self, from: try Data(contentsOf: folder.appendingPathComponent("labels/\(stem).json")))
            return GoldPage(name: stem, group: stem, text: text, label: label)
        }
        var options = LineModel.trainingOptions
        options.epochs = 3
        let sequences = pages.map { LineModel.trainingSequence(for: $0) }
        let a = LineModel.train(sequences, options: options).serialized()
        let b = LineModel.train(pages.map { LineModel.trainingSequence(for: $0) }, options: options).serialized()
        #expect(a == b)
        #expect(try LineModel(data: a).model.keys.count > 10)
    }

    /// The development pages kept beside the repository (`../shared/data/pages`), if present.
    static let developmentPages = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/data/pages")

    static var hasDevelopmentPages: Bool {
        FileManager.default.fileExists(atPath: developmentPages.appendingPathComponent("raw").path)
    }

    @Test(
        "the shipped model keeps body F1 at 0.93 or more on the development pages",
        .enabled(if: hasDevelopmentPages, "skipped: no development pages in ../shared/data/pages beside the repository")
    )
    func developmentPages() throws {
        let raw = Self.developmentPages.appendingPathComponent("raw")
        let names = try FileManager.default.contentsOfDirectory(atPath: raw.path)
        let extractor = ArticleExtractor()
        var score = ExtractionScore()
        for name in names.sorted() where name.hasSuffix(".txt") {
            let text = ArticleText.decode(try Data(contentsOf: raw.appendingPathComponent(name)))
            let label = try JSONDecoder().decode(
                GoldLabel.self,
                from: try Data(
                    contentsOf: Self.developmentPages.appendingPathComponent("labels/\(name.dropLast(4)).json")))
            score.add(extractor.extract(text), gold: label)
        }
        #expect(score.pages >= 100)
        #expect(score.f1 >= 0.93, "body F1 \(score.f1) (P \(score.precision), R \(score.recall))")
    }
}

@Suite("Headline candidates")
struct HeadlineCandidateTests {
    @Test(
        "breadcrumbs, credited captions, dated bylines, share buttons and hashtag menus are never the headline",
        arguments: [
            ("HOME » BERITA » PEMKOT RESMIKAN TAMAN BARU", true),
            ("Kanal / Berita / Detail Berita", true),
            ("Striker tim tamu merayakan gol (c) AP Photo", true),
            ("Warga memadati taman baru. Foto: Budi Santoso", true),
            ("Oleh Nama Penulis pada 23 Jan 2021, 13:30 WIB", true),
            ("Kota.com - 16/10/2020, 10:27 WIB", true),
            ("Cara Mengajukan SIM Gratis 1 Juli 2020, Perhatikan Syarat-Syarat Berikut", false),
            ("Ponsel Baru Resmi Diluncurkan dengan Kamera Telephoto dan Fitur Fotografi", false),
            ("Pemkot Resmikan Taman Baru di Tepi Sungai | Kota.com", false),
            ("Wali Kota: Taman Dibuka untuk Umum / Gratis", false),
            ("Share 0 Tweet 0 Whatsapp 0 Telegram 0 0 Komentar", true),
            ("#KABARPILIHAN Berita Hiburan Gaya Kuis", true),
            ("Facebook Akhirnya Bagikan Data Pengguna ke Peneliti", false),
            ("Warga Bagikan 100 Paket Sembako", false),
            ("Kebijakan / Policies", true),
            ("Rasa malas yang menghampiri kita akan membawa banyak kerugian.", true),
            ("Tunggu Dulu...", false),
            ("DAFTAR HARGA MOBIL", true),
            ("BMKG: GEMPA M 5,2 GUNCANG LOMBOK, TIDAK BERPOTENSI TSUNAMI", false),
            ("Aksi Seribu Lilin untuk Korban Banjir [kota.com/Nama Fotografer]", true),
            ("[HOAKS] Video Banjir Bandang di Kota Lama", false),
            ("Warga antre membeli beras murah di pasar induk kota.--Nama Fotografer", true),
            ("Jakarta--Bandung Ditempuh Dua Jam dengan Kereta Cepat Baru", false),
            ("Kini kekasih sang aktor tampil memesona dengan rambut berwarna pink. Nama Fotografer", true),
            ("Jokowi: Kita Kerja. Hasilnya Nanti", false),
        ])
    func candidate(line: String, excluded: Bool) {
        #expect(LineModel.cannotBeHeadline(LineShape(line[...])) == excluded)
    }

    @Test("a rules' headline that is a breadcrumb is dropped when the model finds none")
    func breadcrumbTitleDropped() {
        let extractor = ArticleExtractor(lineModel: nil)
        var lines = [
            LabelledLine(number: 1, text: "HOME » BERITA » PEMKOT RESMIKAN TAMAN", kind: .title),
            LabelledLine(
                number: 2, text: "Wali kota meresmikan taman baru di tepi sungai pada Senin pagi.", kind: .body),
        ]
        var title: String? = "HOME » BERITA » PEMKOT RESMIKAN TAMAN"
        let reading = LineModel.Reading(
            indices: [0, 1], shapes: lines.map { LineShape($0.text[...]) }, labels: [LineModel.other, LineModel.body],
            confidences: [0.9, 0.9], title: nil)
        extractor.applying(reading, to: &lines, title: &title)
        #expect(title == nil)
        #expect(lines[0].kind == .furniture)
        var kept: String? = "Pemkot Resmikan Taman Baru"
        var others = lines
        others[0] = LabelledLine(number: 1, text: "Pemkot Resmikan Taman Baru", kind: .title)
        extractor.applying(reading, to: &others, title: &kept)
        #expect(kept == "Pemkot Resmikan Taman Baru")
    }

    @Test(
        "what the wording says outright stays: an advert's label, a related link, a caption or paging the model reads as body"
    )
    func finalKinds() {
        let extractor = ArticleExtractor(lineModel: nil)
        var lines = [
            LabelledLine(number: 1, text: "Advertisement", kind: .advert),
            LabelledLine(number: 2, text: "Baca juga: Taman Baru Dibuka", kind: .relatedLink),
            LabelledLine(number: 3, text: "Ikuti kami di Google News untuk kabar terbaru kota.", kind: .promo),
            LabelledLine(number: 4, text: "(credit: instagram.com/namaartis)", kind: .caption),
            LabelledLine(number: 5, text: "2 dari 6 halaman", kind: .navigation),
        ]
        var title: String?
        let reading = LineModel.Reading(
            indices: Array(lines.indices), shapes: lines.map { LineShape($0.text[...]) },
            labels: lines.map { _ in LineModel.body }, confidences: lines.map { _ in 0.9 }, title: nil)
        extractor.applying(reading, to: &lines, title: &title)
        // A prompt's phrases occur in paragraphs too (`unduh aplikasi`): the model may keep it.
        #expect(lines.map(\.kind) == [.advert, .relatedLink, .body, .caption, .navigation])
    }

    @Test(
        "of the headline's candidates, the one sharing the lede's words wins over a teaser the model rates a little higher"
    )
    func headlineSharesTheLede() {
        let texts = [
            "Kemenag Benarkan Ada Pegawai yang Ditangkap",
            "KPK Tak Temukan Surat Pencabutan Izin Tambang Nikel Raja Ampat",
            "KPK tidak menemukan surat pencabutan izin tambang nikel di Raja Ampat yang disebut pemerintah.",
            "Juru bicara KPK mengatakan lembaganya masih menelusuri dokumen izin tersebut.",
        ]
        let shapes = texts.map { LineShape($0[...]) }
        let lede = LineFeatures.ledeWords(shapes, run: 2...3)
        let teaser = LineModel.ledeWeight * (LineFeatures.ledeShare(shapes[0].wordHashes, lede: lede) ?? 0)
        let headline = LineModel.ledeWeight * (LineFeatures.ledeShare(shapes[1].wordHashes, lede: lede) ?? 0)
        // A teaser at 0.40 loses to the headline at 0.30 once the lede's words count.
        #expect(0.40 + teaser < 0.30 + headline)
    }

    @Test("a lede opening with a dateline just above the model's article stays body though the model doubts it")
    func datelinedLedeKept() {
        let extractor = ArticleExtractor(lineModel: nil)
        func read(_ first: String) -> [LineKind] {
            var lines = [
                LabelledLine(number: 1, text: "Trotoar di Pasar Dipenuhi Lapak Pedagang", kind: .title),
                LabelledLine(number: 2, text: first, kind: .body),
                LabelledLine(
                    number: 3, text: "Pantauan di lokasi menunjukkan lapak berjejer memenuhi trotoar dari pagi.",
                    kind: .body),
            ]
            var title: String? = "Trotoar di Pasar Dipenuhi Lapak Pedagang"
            let reading = LineModel.Reading(
                indices: [0, 1, 2], shapes: lines.map { LineShape($0.text[...]) },
                labels: [LineModel.title, LineModel.other, LineModel.body], confidences: [0.9, 0.7, 0.9], title: 0)
            extractor.applying(reading, to: &lines, title: &title)
            return lines.map(\.kind)
        }
        // The dash glued to the next word, as scrapers leave it.
        #expect(
            read("JAKARTA, KOMPAS.com -Trotoar di kawasan Pasar Senen dipenuhi lapak pedagang kaki lima.")[1] == .body)
        #expect(read("WARTAKU.CO.ID - Trotoar di kawasan Pasar Senen dipenuhi lapak pedagang kaki lima.")[1] == .body)
        // Without a dateline the model's doubt stands (a deck, a caption).
        #expect(read("Trotoar di kawasan Pasar Senen dipenuhi lapak pedagang kaki lima sejak pagi.")[1] == .furniture)
    }
}

@Suite("The article as one block")
struct MainBlockTests {
    static let paragraph = "Wali kota mengatakan taman itu dibuka untuk umum setiap hari tanpa biaya masuk bagi warga."
    static let teaser = "Baca kisah warga yang kehilangan rumah."

    /// A page: `b` a body paragraph, `t` a short body teaser, `o` another line, `_` a blank.
    static func page(_ shape: String) -> [LabelledLine] {
        shape.enumerated().map { i, mark in
            switch mark {
            case "b": LabelledLine(number: i + 1, text: paragraph, kind: .body)
            case "t": LabelledLine(number: i + 1, text: teaser, kind: .body)
            case "_": LabelledLine(number: i + 1, text: "", kind: .blank)
            default: LabelledLine(number: i + 1, text: "Menu", kind: .navigation)
            }
        }
    }

    @Test(
        "a short block of body far from the article is dropped; one near it, or as long, stays",
        arguments: [
            ("bbbb_ooooooo_t", "bbbb_ooooooo_o"),  // seven lines apart and short: teasers
            ("bbbb_ooo_t", "bbbb_ooo_t"),  // three lines apart: a caption or an advert between
            ("bbbb_ooooooo_bbb", "bbbb_ooooooo_bbb"),  // a second page of the article, as long
            ("tt_ooooooo_bbbb_b", "oo_ooooooo_bbbb_b"),  // teasers before the article
            ("bbb_o_o_o_o_o_o_o_t", "bbb_o_o_o_o_o_o_o_o"),  // blank lines do not count as parting lines
        ])
    func mainBlock(page: String, expected: String) {
        var lines = Self.page(page)
        ArticleExtractor.keepingMainBlock(&lines)
        let kept = String(
            lines.map { $0.kind == .body ? ($0.text == Self.paragraph ? "b" : "t") : ($0.kind == .blank ? "_" : "o") })
        #expect(kept == expected)
    }

    @Test("a second paragraph opening with a dateline after a headline begins another article, which is cut")
    func secondLede() {
        let texts = [
            "Judul Artikel Pertama di Halaman Ini",
            "Warta - Paragraf pembuka artikel pertama yang cukup panjang untuk dibaca sebagai prosa berita.",
            "Paragraf kedua artikel pertama yang juga cukup panjang untuk dibaca sebagai prosa berita.",
            "Judul Artikel Kedua yang Dimuat Utuh",
            "Warta - Paragraf pembuka artikel kedua yang cukup panjang untuk dibaca sebagai prosa berita.",
            "Paragraf kedua artikel kedua yang juga cukup panjang untuk dibaca sebagai prosa berita.",
        ]
        func reading(_ texts: [String]) -> ([LabelledLine], LineModel.Reading) {
            let lines = texts.enumerated().map { LabelledLine(number: $0.offset + 1, text: $0.element, kind: .body) }
            let shapes = texts.map { LineShape($0[...]) }
            let reading = LineModel.Reading(
                indices: Array(texts.indices), shapes: shapes, labels: texts.map { _ in LineModel.body },
                confidences: texts.map { _ in 1 }, title: nil)
            return (lines, reading)
        }
        var (lines, read) = reading(texts)
        ArticleExtractor.endingAtSecondLede(&lines, reading: read)
        #expect(lines.map { $0.kind == .body } == [true, true, true, false, false, false])
        // Straight after a paragraph, a dateline is the article's own (a quoted report): kept.
        (lines, read) = reading(texts.enumerated().filter { $0.offset != 3 }.map(\.element))
        ArticleExtractor.endingAtSecondLede(&lines, reading: read)
        #expect(lines.allSatisfy { $0.kind == .body })
        // A short line with a dash (a credit) is no lede.
        var credit = texts
        credit[4] = "You Tube - Nama Kanal"
        (lines, read) = reading(credit)
        ArticleExtractor.endingAtSecondLede(&lines, reading: read)
        #expect(lines.allSatisfy { $0.kind == .body })
    }

    @Test("a short block the headline leads into is the article's start and stays")
    func blockAfterHeadline() {
        // Line 0 is the headline; a caption and a byline, then a short block, a long gap, the rest.
        let page = "oootttt_ooooooo_bbbbbbbbbbbbbbbbbbbbbbbbbbb"
        func kept(headline: Int?) -> String {
            var lines = Self.page(page)
            ArticleExtractor.keepingMainBlock(&lines, headline: headline)
            return String(lines.map { $0.kind == .body ? "b" : ($0.kind == .blank ? "_" : "o") })
        }
        #expect(kept(headline: 0) == "ooobbbb_ooooooo_bbbbbbbbbbbbbbbbbbbbbbbbbbb")
        #expect(kept(headline: nil) == "ooooooo_ooooooo_bbbbbbbbbbbbbbbbbbbbbbbbbbb")
        // Four lines between the headline and the block: too far to lead into it.
        let far = "ooooottttooooooo_bbbbbbbbbbbbbbbbbbbbbbbbbbb"
        var lines = Self.page(far)
        ArticleExtractor.keepingMainBlock(&lines, headline: 0)
        #expect(!lines.contains { $0.kind == .body && $0.text != Self.paragraph })
        // A block straight after the date line is the article's start.
        lines = Self.page(far)
        lines[4] = LabelledLine(number: 5, text: "21 Januari 2019", kind: .dateLine)
        ArticleExtractor.keepingMainBlock(&lines, headline: 0)
        #expect(lines[5].kind == .body && lines[6].kind == .body)
        // A block that opens with a dateline is a lede, wherever it lies.
        lines = Self.page(far)
        lines[5].text = "<p>WARTAKU.CO.ID- Pemerintah kota meresmikan taman baru.</p>"
        ArticleExtractor.keepingMainBlock(&lines, headline: 0)
        #expect(lines[5].kind == .body && lines[6].kind == .body)
    }

    /// Lines of the given texts and kinds, numbered from 1.
    static func labelled(_ texts: [(String, LineKind)]) -> [LabelledLine] {
        texts.enumerated().map { LabelledLine(number: $0.offset + 1, text: $0.element.0, kind: $0.element.1) }
    }

    /// The kinds of the lines after `step` has read them.
    static func kinds(_ texts: [(String, LineKind)], after step: (inout [LabelledLine]) -> Void) -> [LineKind] {
        var lines = labelled(texts)
        step(&lines)
        return lines.map(\.kind)
    }

    @Test("lines the model rejected between the article's end and its sign-off close the article")
    func signOffCloses() {
        func closed(_ texts: [(String, LineKind)]) -> [LineKind] {
            Self.kinds(texts) { ArticleExtractor.closingAtSignOff(&$0) }
        }
        let paragraph = (
            "Ponsel ini tersedia dalam tiga pilihan warna dan sudah dapat dipesan mulai pekan ini.", LineKind.body
        )
        let price = ("8GB + 256GB dengan harga Rp6.999.000", LineKind.furniture)
        let signOff = ("(Rahman Asmardika)", LineKind.signOff)
        #expect(closed([paragraph, price, price, ("", .blank), signOff]) == [.body, .body, .body, .blank, .signOff])
        // A list of headlines before the sign-off is another list of stories.
        let headline = ("Hari Pertama Operasi Keselamatan Jaya, Ribuan Pengendara Terjaring", LineKind.furniture)
        #expect(closed([paragraph, headline, price, signOff]) == [.body, .furniture, .furniture, .signOff])
        // A widget the wording names between them, or no sign-off at all: nothing changes.
        #expect(
            closed([paragraph, price, ("Share", .navigation), signOff]) == [.body, .furniture, .navigation, .signOff])
        #expect(closed([paragraph, price, price]) == [.body, .furniture, .furniture])
        // Too many lines between: not the article's end.
        let many = [paragraph] + Array(repeating: price, count: ArticleExtractor.signOffReach + 1) + [signOff]
        #expect(closed(many).filter { $0 == .body }.count == 1)
    }

    @Test("a few rejected lines between two body lines are the article's, unless one reads as a headline")
    func gapsFilled() {
        func filled(_ texts: [(String, LineKind)]) -> [LineKind] {
            Self.kinds(texts) { ArticleExtractor.fillingGaps(&$0) }
        }
        let paragraph = (
            "Penyaluran bantuan dilakukan secara bertahap sebanyak empat kali dalam setahun, yaitu:", LineKind.body
        )
        let stage = ("<h3>Tahap 1: Januari–Maret</h3>", LineKind.furniture)
        #expect(filled([paragraph, stage, stage, ("", .blank), paragraph]) == [.body, .body, .body, .blank, .body])
        // Another story's headline among them: a list of other stories, left out.
        let headline = ("Hari Pertama Operasi Keselamatan Jaya, Ribuan Pengendara Terjaring", LineKind.furniture)
        #expect(filled([paragraph, stage, headline, paragraph]) == [.body, .furniture, .furniture, .body])
        #expect(filled([paragraph, headline, paragraph]) == [.body, .furniture, .body])
        // A short subhead alone, with its picture's credit before the paragraph: the article's.
        let subhead = ("Restart Karier Akting di Hollywood", LineKind.furniture)
        #expect(
            filled([paragraph, subhead, ("©Nama Studio", .copyright), paragraph]) == [.body, .body, .copyright, .body])
        // A line the wording names between them, or no body after: nothing changes.
        #expect(
            filled([paragraph, stage, ("Baca juga: Judul Lain", .relatedLink), stage, paragraph])
                == [.body, .furniture, .relatedLink, .furniture, .body])
        #expect(filled([paragraph, stage, stage]) == [.body, .furniture, .furniture])
        let long = [paragraph] + Array(repeating: stage, count: ArticleExtractor.gapReach + 1) + [paragraph]
        #expect(filled(long).filter { $0 == .body }.count == 2)
    }

    @Test("short lines after the last paragraph are the page's tags, unless the paragraph announces a list")
    func trailingTags() {
        func kept(_ texts: [String]) -> [Bool] {
            var lines = texts.enumerated().map { LabelledLine(number: $0.offset + 1, text: $0.element, kind: .body) }
            ArticleExtractor.droppingTrailingTags(&lines)
            return lines.map { $0.kind == .body }
        }
        let paragraph = "<p>Langkah promosi ini bertepatan dengan momentum konsumsi menjelang Ramadan tahun ini.</p>"
        #expect(kept([paragraph, "<li>Kpr Bca</li>", "<li>Bank Central Asia</li>"]) == [true, false, false])
        let announcing = "<p>Penerima bantuan tahun ini mencakup tiga kelompok masyarakat berikut ini, yaitu:</p>"
        #expect(kept([announcing, "<li>Lansia</li>", "<li>Ibu hamil</li>"]) == [true, true, true])
        // One short line closing the article, or short lines before a paragraph: the article's.
        #expect(kept([paragraph, "<li>Kpr Bca</li>"]) == [true, true])
        #expect(kept(["<li>Lengkapi Data Diri</li>", "<li>Kirim Pengajuan</li>", paragraph]) == [true, true, true])
    }

    @Test("the article's first part far above the model's article, opening with a dateline, is restored")
    func earlierPart() {
        let texts: [(String, LineKind)] = [
            (
                "WARTA.CO.ID- Layanan bayar nanti makin marak di Indonesia karena memberi kemudahan berbelanja.",
                .furniture
            ),
            ("Salah satu penyedia yang banyak digunakan dan diketahui masyarakat adalah aplikasi ini.", .furniture),
            ("<li>Usia minimal 21 tahun.</li>", .furniture),
            ("Tags", .navigation),
            ("Harga Emas Batangan Hari Ini Turun", .furniture),
            ("Setelah masuk, pilih fitur kredit di beranda lalu tekan tombol ajukan untuk memulai.", .body),
            ("Isi formulir yang mencakup identitas, alamat, pekerjaan dan penghasilan Anda dengan benar.", .body),
        ]
        func restored(_ texts: [(String, LineKind)]) -> [LineKind] {
            let reading = LineModel.Reading(
                indices: Array(texts.indices), shapes: texts.map { LineShape($0.0[...]) },
                labels: texts.map { $0.1 == .body ? LineModel.body : LineModel.body + 1 },
                confidences: texts.map { _ in 0.9 }, title: nil)
            let rejected = Set(texts.indices.filter { texts[$0].1 == .furniture })
            return Self.kinds(texts) {
                ArticleExtractor.restoringEarlierPart(&$0, reading: reading, rejected: rejected, before: 5)
            }
        }
        #expect(restored(texts) == [.body, .body, .body, .navigation, .furniture, .body, .body])
        // Without a dateline opening it, the earlier block is another story's: left alone.
        var plain = texts
        plain[0].0 = "Layanan bayar nanti makin marak di Indonesia karena memberi kemudahan berbelanja."
        #expect(restored(plain).prefix(3) == [.furniture, .furniture, .furniture])
        // One prose line alone (a teaser) is not the article's part.
        var single = texts
        single[1] = ("Harga Emas Pegadaian Hari Ini Naik", .furniture)
        #expect(restored(single).prefix(3) == [.furniture, .furniture, .furniture])
    }

    @Test(
        "where the model doubts every line, the line above the article sharing most of the lede's words is the headline"
    )
    func headlineSharingLede() {
        let texts: [(String, LineKind)] = [
            ("HOME » BERITA » HONDA JAZZ BARU MELUNCUR DI CHINA", .navigation),
            ("Daftar Harga Mobil Bekas Termurah Pekan Ini", .body),
            ("Honda Jazz Baru Meluncur di China Setelah Jepang dan Eropa", .body),
            ("Rabu, 17 Juni 2020 21:45", .dateLine),
            ("OTOSIA.COM - Setelah meluncur di Jepang dan Eropa, Honda Jazz baru kini meluncur di China.", .body),
            ("Mobil itu sudah bisa dipesan bulan ini di seluruh diler resmi di negeri itu.", .body),
        ]
        let shapes = texts.map { LineShape($0.0[...]) }
        let lede = LineFeatures.ledeWords(shapes, lines: [4, 5])
        #expect(LineModel.headlineSharingLede(shapes: shapes, kinds: texts.map(\.1), lede: lede, firstBody: 4) == 2)
        // A line sharing few of the lede's words is no headline.
        var others = texts
        others[2].0 = "Harga Emas Antam Turun Lagi Pekan Ini"
        let otherShapes = others.map { LineShape($0.0[...]) }
        #expect(
            LineModel.headlineSharingLede(shapes: otherShapes, kinds: others.map(\.1), lede: lede, firstBody: 4) == nil)
    }
}
