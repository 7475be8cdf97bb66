import Testing

@testable import Articles

@Suite("Decoding file bytes")
struct DecodingTests {
    @Test("bytes that are not UTF-8 are read as Windows-1252, never fatal")
    func invalidBytesAreReplaced() {
        #expect(ArticleText.decode([0x41, 0xFF, 0xFE, 0x42]) == "AÿþB")
    }

    @Test("CRLF and lone CR become \\n")
    func lineEndsAreNormalised() {
        #expect(ArticleText.decode(Array("a\r\nb\rc\n".utf8)) == "a\nb\nc\n")
    }

    @Test("a UTF-8 byte-order mark is dropped")
    func byteOrderMarkIsDropped() {
        #expect(ArticleText.decode([0xEF, 0xBB, 0xBF] + Array("Judul".utf8)) == "Judul")
    }

    @Test("text is composed to NFC")
    func composesToNFC() {
        let decomposed = "Cafe\u{301} Zu\u{308}rich"
        let text = ArticleText.decode(Array(decomposed.utf8))
        #expect(text.unicodeScalars.count == 11)
        #expect(text == "Café Zürich")
    }
}

@Suite("Publication dates")
struct DateTests {
    @Test(
        "date lines in the shapes news pages use",
        arguments: [
            ("25 Juni 2024 14:40", "2024-06-25T14:40"),
            ("Thursday, 20 June 2024 | 11:33 WIB Last Updated 2024-06-20T04:33:29Z", "2024-06-20T11:33"),
            ("Kamis, 14/07/2016 10:21 WIB", "2016-07-14T10:21"),
            ("Diperbarui 12 Mar 2025, 07:15 WIB", "2025-03-12T07:15"),
            ("Tayang: Rabu, 5 Maret 2025 21:04 WIB", "2025-03-05T21:04"),
            ("20 Juni 2024 | 18.06 WIB", "2024-06-20T18:06"),
            ("Jum'at, 21 Juni 2024", "2024-06-21"),
            ("2024-06-20T04:33:29Z", "2024-06-20T04:33"),
            ("June 20, 2024", "2024-06-20"),
            ("Senin, 1 Januari 2024 pukul 09:05", "2024-01-01T09:05"),
        ])
    func parsesDateLines(line: String, expected: String) throws {
        let match = try #require(DateScanner.firstMatch(in: line))
        #expect(match.date.iso == expected)
        #expect(match.otherWords <= 3)
    }

    @Test("impossible dates are not dates")
    func rejectsImpossibleDates() {
        #expect(DateScanner.firstMatch(in: "31 Februari 2024") == nil)
        #expect(DateScanner.firstMatch(in: "99/99/2024") == nil)
        #expect(DateScanner.firstMatch(in: "25 Juni 2024 25:61")?.date.iso == "2024-06-25")
    }

    @Test("an update stamp is recognised as one")
    func updateStamp() throws {
        #expect(try #require(DateScanner.firstMatch(in: "Diperbarui 12 Mar 2025, 07:15 WIB")).isUpdateStamp)
        #expect(
            try !#require(
                DateScanner.firstMatch(in: "Thursday, 20 June 2024 | 11:33 WIB Last Updated 2024-06-20T04:33:29Z")
            ).isUpdateStamp)
    }

    @Test("a date inside prose is an event date, not the publication date")
    func eventDatesAreIgnored() {
        let text = """
            Judul Berita Tentang Sesuatu Yang Penting

            Presiden mengatakan hal itu di Jakarta pada Rabu (19/6/2024) kepada para wartawan yang hadir.
            """
        let article = ArticleExtractor().extract(text)
        #expect(article.published == nil)
        #expect(article.title == "Judul Berita Tentang Sesuatu Yang Penting")
    }

    @Test("an update stamp counts only when it is the only date")
    func updateStampOnlyWhenAlone() {
        let both =
            "Judul Berita Yang Cukup Panjang Sekali\nDiperbarui 12 Mar 2025, 07:15 WIB\n10 Mar 2025, 09:00 WIB\nIsi berita yang panjang dan lengkap sekali di sini."
        #expect(ArticleExtractor().extract(both).published?.iso == "2025-03-10T09:00")
        let alone =
            "Judul Berita Yang Cukup Panjang Sekali\nDiperbarui 12 Mar 2025, 07:15 WIB\nIsi berita yang panjang dan lengkap sekali di sini."
        #expect(ArticleExtractor().extract(alone).published?.iso == "2025-03-12T07:15")
    }
}

@Suite("Date tokens")
struct DateTokenTests {
    @Test(
        "ASCII lines are split into the same tokens by their bytes as by their characters",
        arguments: [
            "Sabtu, 10 Des 2022 07:16 WIB",
            "Kompas.com - 28/05/2025, 13:30 WIB",
            "2020-07-13 21:03:10",
            "Oleh Nama pada 23 Jan 2021, 13:30 WIB\r\nBerikutnya",
            "JATENG | 10 Juni 2021 18:50 Reporter : Nama\tEditor",
            "a\u{1}b\u{1F}7\u{7F}x  (12)[Mei]{2020}~`!@#$%^&*_+=\\?",
            "Updated: Tue, 17 Feb 2026 14:18:00 +0700",
            "",
        ])
    func asciiTokens(line: String) {
        #expect(DateScanner.asciiTokens(of: line) == DateScanner.characterTokens(of: line))
    }
}

@Suite("Page furniture")
struct BoilerplateTests {
    @Test(
        "lines that say what they are",
        arguments: [
            ("Baca Juga: Ditanya Soal Senjata Nuklir", LineKind.relatedLink),
            ("BACA JUGA:  3 Orang Tewas", .relatedLink),
            ("Lihat juga: Video terbaru", .relatedLink),
            ("Artikel Terkait", .relatedHeader),
            ("BERITA TERPOPULER", .relatedHeader),
            ("Iklan", .advert),
            ("ADVERTISEMENT", .advert),
            ("SCROLL TO CONTINUE WITH CONTENT", .advert),
            ("Redaktur: Irwina Istiqomah", .credit),
            ("Editor : Budi", .credit),
            ("Copyright © 2024 by GenPI.co", .copyright),
            ("Silakan baca konten menarik lainnya dari GenPI.co di Google News", .promo),
            ("Notification", .navigation),
            ("×", .navigation),
            ("Pemimpin Korea Utara usai menandatangani pakta di Pyongyang. FOTO: AFP", .caption),
            ("Presiden Rusia disambut hangat Kim Jong Un. (KCNA via Reuters)", .caption),
            (
                "<p><strong>Tags:</strong> bansos, pkh, bantuan sosial, kpm, bpnt, PPSE, kemensos ri, dtks</p>",
                .navigation
            ),
            ("Topik : pemilu, kpu, bawaslu", .navigation),
            ("#pulau pinang#tiada petugas#positif COVID19#banduan", .navigation),
            ("# Ramadan 2015# Kisah Mualaf# Amerika Serikat# Jakarta", .navigation),
            (
                "Artikel ini telah tayang di Wartaku.com dengan judul Banjir Lahar Dingin Terjang Tiga Kecamatan, Warga Diminta Waspada, Klik untuk baca: https://wartaku.com/2024/05/12/banjir-lahar-dingin",
                .promo
            ),
            ("<p>Bansos Cair, Ini Cara Cek Penerima Secara Online.--Dokumen Wartaku.id</p>", .caption),
            ("Ini trik cara dapat saldo gratis ke dompet digital setiap hari.---Qoala.app", .caption),
            ("Gaya selebrasi sang kapten setelah menjebol gawang lawan. (c) AP Photo", .caption),
            ("Ilustrasi/copyright shutterstock.com", .caption),
            ("Ilustrasi zodiak. Kredit: Nama Fotografer via Pixabay", .caption),
            ("Instagram/namaartis96", .caption), ("Instagram.com/namaartis", .caption),
            ("Advertising", .advert), ("Scroll down untuk melanjutkan membaca", .advert),
            ("Link successfully copied", .navigation), ("Baca halaman berikutnya ya pembaca.", .navigation),
            ("Saksikan Video Pilihan di Bawah Ini:", .promo), ("Reuters: Nama Fotografer", .caption),
            ("AP: Nama Fotografer", .caption), ("Ilustrasi shutterstock.com", .caption),
            ("ilustrasi pasangan/pexels", .caption), ("(c) Instagram/namaartis", .caption),
            ("Wartaku.com®/Nama Fotografer", .caption),
            ("WARTAKU.com/Nama Mobil listrik banyak dipilih pengunjung dalam pameran otomotif 2019", .caption),
            (
                "WARTAKU.com/NAMA FOTOGRAFER Sebuah rumah di perumahan yang berbatasan dengan turap longsor masih menyisakan puing dan lumpur setelah hujan deras mengguyur kawasan itu pada Minggu malam.",
                .caption
            ),
        ])
    func kindByWording(line: String, kind: LineKind) {
        #expect(ArticleExtractor.kindByWording(LineFacts(line)) == kind)
    }

    @Test(
        "prose that only looks like a tag list, a credit or a source stays body",
        arguments: [
            "Tagihan: warga diminta membayar sebelum akhir bulan agar tidak terkena denda.",
            "TRIBUNSOLO.COM, JAKARTA --Hingga kini masyarakat masih menunggu adanya vaksin.",
            "Pasal itu mengatur huruf (a), (b) dan (c) dalam undang-undang tersebut secara rinci.",
            "Layanan tersedia 24/7 bagi warga.",
            "Ia menulis: artikel ini berdasarkan wawancara dengan warga setempat.",
            "Warga diminta menyelesaikan tahap: pendaftaran, verifikasi dan pencairan sebelum bulan depan.",
            "wartaku.com/bantuan menyediakan formulir pendaftaran bagi warga yang ingin mengajukan bantuan sosial tahun ini secara daring tanpa harus datang ke kantor kelurahan.",
        ])
    func proseStays(line: String) {
        #expect(ArticleExtractor.kindByWording(LineFacts(line)) == nil)
    }

    @Test("a paragraph a scraper glued to a related link is kept without the link's headline")
    func proseGluedToLink() {
        let glued =
            "Baca Juga: Tim Hukum Datangi Gedung KPK Terkait Pelimpahan BerkasPadahal, Ronny mengungkapkan pihaknya telah mengajukan dua saksi yang meringankan kepada penyidik pekan lalu."
        #expect(
            ArticleExtractor.proseGluedToLink(glued)
                == "Padahal, Ronny mengungkapkan pihaknya telah mengajukan dua saksi yang meringankan kepada penyidik pekan lalu."
        )
        // A headline with a word in camel case, and no paragraph after it: a related link alone.
        #expect(
            ArticleExtractor.proseGluedToLink(
                "Baca Juga:Cara Aman Mengubah Limit Traveloka PayLater ke DANA Tanpa VN dan Risiko Blokir") == nil)
        #expect(
            ArticleExtractor.proseGluedToLink(
                "Baca Juga: Mampir ke Gerai di 21 Negara, TikToker Ini Temukan Menu Pisang hingga Macaron selengkapnya")
                == nil)
    }

    @Test("a paragraph ending with a sign-off stays body")
    func signOffStaysBody() {
        #expect(
            ArticleExtractor.kindByWording(LineFacts("Perjanjian itu dibatalkan setelah runtuhnya Uni Soviet. (*)"))
                == nil)
    }

    @Test("outlet comes from a dateline with any dash and a city")
    func outletFromDateline() {
        #expect(LineFacts("Liputan6.com, Jakarta - Pemerintah akan menaikkan harga").datelineOutlet == "liputan6.com")
        #expect(LineFacts("KOMPAS.com — Pemerintah akan").datelineOutlet == "kompas.com")
        #expect(LineFacts("Pemerintah - akan menaikkan").datelineOutlet == nil)
        // A brand spelled as the outlet spells it, before a spaced dash opening a paragraph.
        let lede = "Hingga Kamis dinihari 6 Agustus, tercatat ada 263 jemaah haji Indonesia yang wafat di Tanah Suci."
        #expect(LineFacts("Dream – " + lede).datelineOutlet == "dream.co.id")
        #expect(LineFacts("Jokowi – " + lede).datelineOutlet == nil)
        #expect(LineFacts("Dream – Mimpi Besar").datelineOutlet == nil)
    }

    @Test("a glued site suffix is dropped from the title")
    func siteSuffix() {
        #expect(ArticleExtractor.strippingSiteSuffix("Judul Berita Yang Panjang - News") == "Judul Berita Yang Panjang")
        #expect(
            ArticleExtractor.strippingSiteSuffix("Rusia-Korea Utara Teken Pakta") == "Rusia-Korea Utara Teken Pakta")
    }

    @Test("empty and blank text give no metadata and no body")
    func emptyText() {
        for text in ["", "\n\n  \n"] {
            let article = ArticleExtractor().extract(text)
            #expect(article.title == nil && article.outlet == nil && article.published == nil)
            #expect(article.bodyLineNumbers.isEmpty)
        }
    }
}

@Suite("The latest date a text mentions")
struct LatestMentionedTests {
    @Test("a date written with its weekday outweighs a later one without (a date still to come)")
    func weekdayDatesFirst() {
        let text = """
            Mobil itu diuji di Sukabumi, Minggu (15/6/2025), dan akan dipamerkan pada 24 Juli-3 Agustus 2025.
            Penjualan dibuka sejak Selasa, 10 Juni 2025.
            """
        #expect(PublishedDate.latestMentioned(in: text) == PublishedDate(year: 2025, month: 6, day: 15))
    }

    @Test("without a weekday anywhere, the latest date is taken; none, nothing")
    func latestWithoutWeekdays() {
        let text = "Pendaftaran 1 Juni 2025 sampai 14/06/2025; acara pada 20 Juni 2025."
        #expect(PublishedDate.latestMentioned(in: text) == PublishedDate(year: 2025, month: 6, day: 20))
        #expect(PublishedDate.latestMentioned(in: "Tanpa tanggal sama sekali, Rabu siang.") == nil)
        #expect(PublishedDate.latestMentioned(in: "Peristiwa Senin (12/3/1985) itu.") == nil)
    }
}
