import Articles
import Entities
import Foundation
import Quotes
import SampleStore
import Testing

/// Finds the given names as people wherever they occur: the entity tagger's part, fixed, so these
/// tests are of quote finding alone.
struct NamesRecognizer: EntityRecognizer {
    var names: [String]
    /// Names found as places.
    var places: [String] = []

    func entities(in text: String) -> [EntitySpan] {
        var spans: [EntitySpan] = []
        let bytes = Array(text.utf8)
        for (name, kind) in names.map({ ($0, EntityKind.person) }) + places.map({ ($0, EntityKind.place) }) {
            let pattern = Array(name.utf8)
            var i = 0
            while i + pattern.count <= bytes.count {
                if Array(bytes[i..<(i + pattern.count)]) == pattern {
                    spans.append(EntitySpan(start: i, end: i + pattern.count, kind: kind))
                    i += pattern.count
                } else {
                    i += 1
                }
            }
        }
        // Longest first where two overlap, then in order.
        var kept: [EntitySpan] = []
        for span in spans.sorted(by: { ($0.end - $0.start) > ($1.end - $1.start) })
        where !kept.contains(where: { $0.start < span.end && span.start < $0.end }) {
            kept.append(span)
        }
        return kept.sorted { $0.start < $1.start }
    }
}

func found(_ text: String, names: [String], places: [String] = []) -> [Quote] {
    QuoteFinder().quotes(in: text, entities: NamesRecognizer(names: names, places: places).entities(in: text))
}

@Suite("Quote finding")
struct QuoteFinderTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var names: [String]
        var places: [String] = []
        var expected: [ExpectedQuote]
        var testDescription: String { name }
    }

    struct ExpectedQuote: Sendable {
        var kind: QuoteKind = .direct
        var words: String
        var speaker: String?
        var mention: String? = nil
        var cue: String? = nil
        var role: String? = nil
    }

    static let cases: [Case] = [
        Case(
            name: "speaker after the quote",
            text: "\"Kami sudah siap bertanding besok,\" kata Budi Santoso kepada wartawan, Rabu (24/8).",
            names: ["Budi Santoso"],
            expected: [.init(words: "Kami sudah siap bertanding besok,", speaker: "Budi Santoso", cue: "kata")]),
        Case(
            name: "a capitalised speech word after a quote ending in a comma",
            text: "\"Kami akan menyelesaikan kasus ini,\" Kata Renhard. Dia menyebutkan rencana itu.",
            names: ["Renhard"],
            expected: [.init(words: "Kami akan menyelesaikan kasus ini,", speaker: "Renhard", cue: "Kata")]),
        Case(
            name: "a name and where it was said: the place is not the speaker",
            text:
                "\"Saya tidak pernah membuat konten itu,\" tutur Marcella di Kejagung, Jakarta Selatan, Rabu (18/6/2025).",
            names: [],
            expected: [.init(words: "Saya tidak pernah membuat konten itu,", speaker: "Marcella", cue: "tutur")]),
        Case(
            name: "a minister's short title kept apart from the name",
            text: "\"Bali tetap menjadi tujuan utama wisatawan,\" kata Menpar Arief Yahya.",
            names: ["Arief Yahya"],
            expected: [
                .init(
                    words: "Bali tetap menjadi tujuan utama wisatawan,", speaker: "Arief Yahya", cue: "kata",
                    role: "Menpar")
            ]),
        Case(
            name: "speaker before the quote",
            text: "Budi Santoso mengatakan, \"Kami sudah siap bertanding besok.\"",
            names: ["Budi Santoso"],
            expected: [
                .init(words: "Kami sudah siap bertanding besok.", speaker: "Budi Santoso", cue: "mengatakan")
            ]),
        Case(
            name: "curly marks, and the same mark at both ends",
            text: "“Kami siap,” ujar Budi.\n”Harga naik lagi,” tutur Ani.",
            names: ["Budi", "Ani"],
            expected: [
                .init(words: "Kami siap,", speaker: "Budi", cue: "ujar"),
                .init(words: "Harga naik lagi,", speaker: "Ani", cue: "tutur"),
            ]),
        Case(
            name: "missing closing mark, the next paragraph reopening",
            text:
                "\"Kami akan memeriksa semua saksi yang ada di lokasi kejadian.\n\"Setelah itu baru kami tetapkan tersangkanya,\" kata Roland.",
            names: ["Roland"],
            expected: [
                .init(
                    words:
                        "Kami akan memeriksa semua saksi yang ada di lokasi kejadian. Setelah itu baru kami tetapkan tersangkanya,",
                    speaker: "Roland", cue: "kata")
            ]),
        Case(
            name: "missing closing mark, the next paragraph the writer's",
            text:
                "\"Kami akan memeriksa semua saksi yang ada di lokasi kejadian.\nPolisi kemudian menutup jalan itu selama dua jam.",
            names: [],
            expected: [
                .init(words: "Kami akan memeriksa semua saksi yang ada di lokasi kejadian.", speaker: nil)
            ]),
        Case(
            name: "pronoun and -nya cues go to the person last heard",
            text:
                "Kapolres AKBP Budi Santoso mengatakan kasus itu masih diselidiki. \"Kami masih menunggu hasil otopsi,\" ujarnya.\n\"Pelaku sudah kami kenali,\" kata dia.",
            names: ["Budi Santoso"],
            expected: [
                .init(
                    kind: .indirect, words: "kasus itu masih diselidiki", speaker: "Budi Santoso",
                    cue: "mengatakan", role: "Kapolres"),
                .init(words: "Kami masih menunggu hasil otopsi,", speaker: "Budi Santoso", cue: "ujarnya"),
                .init(words: "Pelaku sudah kami kenali,", speaker: "Budi Santoso", mention: "dia", cue: "kata"),
            ]),
        Case(
            name: "short form resolved to the full name; role and rank kept apart",
            text:
                "Kepala Unit Reserse Kriminal Polsek Medan Baru AKP Roland Manurung membenarkan penangkapan itu.\n\"Tersangka kami tahan,\" kata Roland.",
            names: ["Roland Manurung", "Roland"],
            expected: [
                .init(words: "Tersangka kami tahan,", speaker: "Roland Manurung", mention: "Roland", cue: "kata")
            ]),
        Case(
            name: "role and name after the cue",
            text:
                "\"Kasus ini kami limpahkan ke kejaksaan,\" kata Kepala Unit Reserse Kriminal Polsek Medan Baru AKP Roland Manurung.",
            names: ["Roland Manurung"],
            expected: [
                .init(
                    words: "Kasus ini kami limpahkan ke kejaksaan,", speaker: "Roland Manurung",
                    mention: "Roland Manurung", cue: "kata", role: "Kepala Unit Reserse Kriminal Polsek Medan Baru")
            ]),
        Case(
            name: "a description, a comma, a name",
            text: "\"Produk ini dibuat di Bandung,\" ujar pendiri sekaligus direktur perusahaan itu, Andi Wijaya.",
            names: ["Andi Wijaya"],
            expected: [
                .init(
                    words: "Produk ini dibuat di Bandung,", speaker: "Andi Wijaya", mention: "Andi Wijaya", cue: "ujar",
                    role: "pendiri sekaligus direktur perusahaan itu")
            ]),
        Case(
            name: "a description for a speaker",
            text: "\"Kami kalah karena kurang fokus,\" ujar pelatih berusia 54 tahun itu.",
            names: [],
            expected: [
                .init(
                    words: "Kami kalah karena kurang fokus,", speaker: "pelatih berusia 54 tahun itu",
                    mention: "pelatih berusia 54 tahun itu", cue: "ujar")
            ]),
        Case(
            name: "a speech word a scraper glued to the next word",
            text: "\"Kami siap,\" kataKapolres Budi Santoso kepada wartawan.",
            names: ["Budi Santoso"],
            expected: [
                .init(words: "Kami siap,", speaker: "Budi Santoso", mention: "Budi Santoso", cue: "kataKapolres")
            ]),
        Case(
            name: "kata in a phrase that reports no one is not a cue",
            text: "Alat itu sudah dipasang. Dengan kata lain, \"kita sudah siap menghadapi semua tantangan ini.\"",
            names: [],
            expected: [.init(words: "kita sudah siap menghadapi semua tantangan ini.", speaker: nil)]),
        Case(
            name: "a mark the page hides between the quote and its cue",
            text: "\"Kami siap,\" \u{200E}kata Budi Santoso.",
            names: ["Budi Santoso"],
            expected: [.init(words: "Kami siap,", speaker: "Budi Santoso", cue: "kata")]),
        Case(
            name: "a quote inside a quote stays in it",
            text: "\"Dia bilang 'saya tidak tahu' lalu pergi begitu saja,\" kata Ani.",
            names: ["Ani"],
            expected: [
                .init(words: "Dia bilang 'saya tidak tahu' lalu pergi begitu saja,", speaker: "Ani", cue: "kata")
            ]),
        Case(
            name: "a quote interrupted by its attribution",
            text: "\"Kami siap,\" kata Budi, \"untuk bertanding kapan saja.\"",
            names: ["Budi"],
            expected: [
                .init(words: "Kami siap,", speaker: "Budi", cue: "kata"),
                .init(words: "untuk bertanding kapan saja.", speaker: "Budi", cue: "kata"),
            ]),
        Case(
            name: "an account's handle as the speaker",
            text: "\"Anda masih muda, jangan menyerah!\" tulis @carefree1965 di kolom komentar.",
            names: [],
            expected: [
                .init(words: "Anda masih muda, jangan menyerah!", speaker: "@carefree1965", cue: "tulis")
            ]),
        Case(
            name: "the name a description gives its person by",
            text: "\"Ban ini cocok untuk tikungan,\" jelas pria yang akrab disapa Rendi.",
            names: [],
            expected: [.init(words: "Ban ini cocok untuk tikungan,", speaker: "Rendi", cue: "jelas")]),
        Case(
            name: "a name written right after a -nya cue",
            text: "\"Semoga film ini menjadi inspirasi,\" harapnya BW Purba Negara.",
            names: ["BW Purba Negara"],
            expected: [
                .init(words: "Semoga film ini menjadi inspirasi,", speaker: "BW Purba Negara", cue: "harapnya")
            ]),
        Case(
            name: "an abbreviated title before the name",
            text: "\"Itu tidak betul,\" kata Ny. Isah, warga Cilodong.",
            names: ["Ny. Isah"],
            expected: [.init(words: "Itu tidak betul,", speaker: "Isah", cue: "kata")]),
        Case(
            name: "a speech word after demikian",
            text: "\"Saya sudah rindu Padang,\" demikian canda Zokora dalam akun Instagramnya.",
            names: ["Zokora"],
            expected: [.init(words: "Saya sudah rindu Padang,", speaker: "Zokora", cue: "canda")]),
        Case(
            name: "titles in quote marks are not quotes",
            text: "Ia pernah bermain dalam musikal \"Frankenstein\" dan \"A Tale of Two Cities.\" Musikal itu laris.",
            names: [],
            expected: []),
        Case(
            name: "whose statement or account it is",
            text:
                "\"Kami berduka atas kepergian Rian,\" sambung pernyataan resmi Persebaya.\n\"Daftar sekarang!\" tulis akun Instagram Kementerian Ketenagakerjaan, Rabu.",
            names: [],
            expected: [
                .init(words: "Kami berduka atas kepergian Rian,", speaker: "Persebaya", cue: "sambung"),
                .init(words: "Daftar sekarang!", speaker: "Kementerian Ketenagakerjaan", cue: "tulis"),
            ]),
        Case(
            name: "a statement's noun as the cue, and whose statement it is",
            text:
                "\"Kami melayani semua penumpang,\" keterangan Lion Air dalam rilis pers.\n\"Data itu keliru,\" tambah keterangan dari Astro.",
            names: [],
            expected: [
                .init(words: "Kami melayani semua penumpang,", speaker: "Lion Air", cue: "keterangan"),
                .init(words: "Data itu keliru,", speaker: "Astro", cue: "tambah"),
            ]),
        Case(
            name: "a role, a comma and a hyphenated name; Haji is a title",
            text:
                "\"Kami tidak akan menjualnya,\" ujar Presiden Lyon, Jean-Michel Aulas.\n\"Usaha ini untung,\" kata Haji Doni.",
            names: ["Jean-Michel Aulas", "Haji Doni"],
            expected: [
                .init(
                    words: "Kami tidak akan menjualnya,", speaker: "Jean-Michel Aulas", cue: "ujar",
                    role: "Presiden Lyon"),
                .init(words: "Usaha ini untung,", speaker: "Doni", cue: "kata"),
            ]),
        Case(
            name: "a role, an organisation and a name run together",
            text: "\"Biaya itu ditanggung perorangan,\" kata Founder dan CEO EV Hive Carlson Lau, Rabu.",
            names: [],
            expected: [
                .init(
                    words: "Biaya itu ditanggung perorangan,", speaker: "Carlson Lau", cue: "kata",
                    role: "Founder dan CEO EV Hive")
            ]),
        Case(
            name: "a role and its body, a comma, then the name",
            text: "\"Kami tetap satu arah,\" kata Waketum Projo, Freddy Alex Damanik, kepada wartawan.",
            names: ["Projo", "Freddy Alex Damanik"],
            expected: [
                .init(
                    words: "Kami tetap satu arah,", speaker: "Freddy Alex Damanik", cue: "kata", role: "Waketum Projo")
            ]),
        Case(
            name: "where the speaker said it, between the name and the verb",
            text: "CEO Ankiti Bose dalam rilisnya mengatakan, \"Kami akan memperluas layanan ke seluruh negeri.\"",
            names: ["Ankiti Bose"],
            expected: [
                .init(
                    words: "Kami akan memperluas layanan ke seluruh negeri.", speaker: "Ankiti Bose", cue: "mengatakan",
                    role: "CEO")
            ]),
        Case(
            name: "advice as the cue",
            text: "\"Beristirahatlah setiap dua jam perjalanan,\" saran Sony.",
            names: ["Sony"],
            expected: [.init(words: "Beristirahatlah setiap dua jam perjalanan,", speaker: "Sony", cue: "saran")]),
        Case(
            name: "words set off in quote marks are not a quote",
            text: "Warga menyebut tradisi itu dengan istilah \"ngabuburit\" sejak lama.",
            names: [],
            expected: []),
        Case(
            name: "reported speech",
            text:
                "Menurut Budi, harga beras akan turun bulan depan.\nAni mengatakan bahwa stok beras di gudang masih cukup.",
            names: ["Budi", "Ani"],
            expected: [
                .init(kind: .indirect, words: "harga beras akan turun bulan depan", speaker: "Budi", cue: "Menurut"),
                .init(kind: .indirect, words: "stok beras di gudang masih cukup", speaker: "Ani", cue: "mengatakan"),
            ]),
        Case(
            name: "a quote after a quote goes on its words",
            text:
                "\"Semua sudah kami siapkan,\" kata Budi.\n\"Tinggal menunggu hari pelaksanaan.\"\nAcara itu digelar Minggu.",
            names: ["Budi"],
            expected: [
                .init(words: "Semua sudah kami siapkan,", speaker: "Budi", cue: "kata"),
                .init(words: "Tinggal menunggu hari pelaksanaan.", speaker: "Budi"),
            ]),
        Case(
            name: "a sentence of the writer's after a quote is not its attribution",
            text: "\"Semua sudah kami siapkan.\" Dia mengatakan acara itu digelar Minggu di Bandung.",
            names: [],
            expected: [
                .init(words: "Semua sudah kami siapkan.", speaker: nil),
                .init(kind: .indirect, words: "acara itu digelar Minggu di Bandung", speaker: nil, cue: "mengatakan"),
            ]),
        Case(
            name: "an account's handle after the statement's words",
            text: "\"Ini namanya tukang becak sosialita,\" tulis akun @dewamade2002.",
            names: [],
            expected: [
                .init(
                    words: "Ini namanya tukang becak sosialita,", speaker: "@dewamade2002", mention: "@dewamade2002",
                    cue: "tulis")
            ]),
        Case(
            name: "an English role, a company and a name run together",
            text: "Managing Partner East Ventures Willson Cuaca berkomentar, \"Ini langkah yang tepat.\"",
            names: [],
            expected: [
                .init(
                    words: "Ini langkah yang tepat.", speaker: "Willson Cuaca", mention: "Willson Cuaca",
                    cue: "berkomentar", role: "Managing Partner East Ventures")
            ]),
        Case(
            name: "a role named without a name, with the words that qualify it",
            text:
                "\"Jelas dia lip sync,\" kata seorang saksi mata.\n\"Kami terus bergerak,\" kata seorang anggota pemberontak yang namanya minta dirahasiakan.\n\"Dia bersalah,\" demikian sebut salah seorang jaksa penuntut.",
            names: [],
            expected: [
                .init(
                    words: "Jelas dia lip sync,", speaker: "seorang saksi mata", mention: "seorang saksi mata",
                    cue: "kata"),
                .init(
                    words: "Kami terus bergerak,", speaker: "seorang anggota pemberontak",
                    mention: "seorang anggota pemberontak", cue: "kata"),
                .init(
                    words: "Dia bersalah,", speaker: "salah seorang jaksa penuntut",
                    mention: "salah seorang jaksa penuntut", cue: "sebut"),
            ]),
        Case(
            name: "a comment and an opening line as cues",
            text:
                "\"Gak sabar,\" komentar Al Ghazali di akun Instagram Alyssa.\n\"Bahagia tak terkira,\" buka Thariq Halilintar.",
            names: ["Al Ghazali", "Thariq Halilintar"],
            expected: [
                .init(words: "Gak sabar,", speaker: "Al Ghazali", mention: "Al Ghazali", cue: "komentar"),
                .init(
                    words: "Bahagia tak terkira,", speaker: "Thariq Halilintar", mention: "Thariq Halilintar",
                    cue: "buka"),
            ]),
        Case(
            name: "a name, then selaku and what the person is",
            text:
                "\"Konsumen bisa mencicil,\" lanjut Swandajani Gunadi Selaku Direktur SDM dan Marketing Adira Finance.",
            names: ["Adira Finance"],
            expected: [
                .init(
                    words: "Konsumen bisa mencicil,", speaker: "Swandajani Gunadi", mention: "Swandajani Gunadi",
                    cue: "lanjut", role: "Direktur SDM dan Marketing Adira Finance")
            ]),
        Case(
            name: "an office's words the tagger runs into the name",
            text:
                "\"Krisis kemanusiaan harus diatasi,\" kata Direktur Jenderal Kerja Sama ASEAN Kementerian Luar Negeri Jose Tavares.",
            names: ["Kerja Sama ASEAN Kementerian Luar Negeri Jose Tavares"],
            expected: [
                .init(
                    words: "Krisis kemanusiaan harus diatasi,", speaker: "Jose Tavares", mention: "Jose Tavares",
                    cue: "kata", role: "Direktur Jenderal Kerja Sama ASEAN Kementerian Luar Negeri")
            ]),
        Case(
            name: "more speech words: sambut, mempertegas, berbisik",
            text:
                "\"Materinya menarik,\" sambut Jourdan Kamal.\n\"Harus ada tindakan,\" Eng Hian mempertegas.\nDiana berbisik kepada Charles, \"Aku mencintaimu.\"",
            names: ["Jourdan Kamal", "Eng Hian", "Diana"],
            expected: [
                .init(words: "Materinya menarik,", speaker: "Jourdan Kamal", cue: "sambut"),
                .init(words: "Harus ada tindakan,", speaker: "Eng Hian", cue: "mempertegas"),
                .init(words: "Aku mencintaimu.", speaker: "Diana", cue: "berbisik"),
            ]),
        Case(
            name: "an account a quote was taken from, after demikian dikutip dari",
            text: "\"Jalan ditutup sementara,\" demikian dikutip dari akun X TMC Polda Metro Jaya.",
            names: [],
            expected: [
                .init(
                    words: "Jalan ditutup sementara,", speaker: "TMC Polda Metro Jaya", mention: "TMC Polda Metro Jaya",
                    cue: "dikutip")
            ]),
        Case(
            name: "begitu as demikian before a statement's words",
            text: "\"Biaya sewa dibayar per bulan,\" begitu penjelasan Kementerian Keuangan.",
            names: [],
            expected: [
                .init(
                    words: "Biaya sewa dibayar per bulan,", speaker: "Kementerian Keuangan",
                    mention: "Kementerian Keuangan", cue: "begitu penjelasan")
            ]),
        Case(
            name: "a time after the name is not a description of the speaker",
            text: "\"Pasokan akan ditambah,\" kata Presiden Direktur PT BYD Motor Indonesia Eagle Zhao belum lama ini.",
            names: ["Eagle Zhao"],
            expected: [
                .init(
                    words: "Pasokan akan ditambah,", speaker: "Eagle Zhao", mention: "Eagle Zhao", cue: "kata",
                    role: "Presiden Direktur PT BYD Motor Indonesia")
            ]),
        Case(
            name: "a statement, then who gave it out",
            text:
                "\"Kami mohon maaf,\" demikian pernyataan resmi yang dikeluarkan perwakilan Amazon.\n\"Sayangnya, saya cedera,\" bunyi pernyataan resmi yang diucapkan Van Dijk.",
            names: ["Van Dijk"],
            expected: [
                .init(
                    words: "Kami mohon maaf,", speaker: "perwakilan Amazon", mention: "perwakilan Amazon",
                    cue: "demikian pernyataan resmi"),
                .init(
                    words: "Sayangnya, saya cedera,", speaker: "Van Dijk", mention: "Van Dijk",
                    cue: "bunyi pernyataan resmi"),
            ]),
        Case(
            name: "Om before a name is a title",
            text: "\"Saya siap,\" ucap Om Shancoz yang muallaf ini.",
            names: [],
            expected: [.init(words: "Saya siap,", speaker: "Shancoz", mention: "Shancoz", cue: "ucap")]),
        Case(
            name: "the name a description gives with sapaan",
            text: "\"Dapatnya segitu,\" ujar perempuan yang akrab dengan sapaan Angie.",
            names: [],
            expected: [.init(words: "Dapatnya segitu,", speaker: "Angie", mention: "Angie", cue: "ujar")]),
        Case(
            name: "English roles before a company and a name; terkait begins what it was about",
            text:
                "\"Kami siap,\" sambut Corporate Secretary Bank BRI Aestika Oryza.\n\"Kami akan menyerang,\" kata pelatih Persib terkait laga ini.",
            names: [],
            expected: [
                .init(
                    words: "Kami siap,", speaker: "Aestika Oryza", mention: "Aestika Oryza", cue: "sambut",
                    role: "Corporate Secretary Bank BRI"),
                .init(words: "Kami akan menyerang,", speaker: "pelatih Persib", mention: "pelatih Persib", cue: "kata"),
            ]),
        Case(
            name: "a description up to its demonstrative, before when it was said, and a long one",
            text:
                "Ahmad Dhani hadir di Senayan.\n\"Kami bahagia,\" ungkap pendiri band Dewa 19 itu saat ditemui di Senayan.\n\"Programnya berstandar internasional,\" beber Ketua IKAL (Ikatan Keluarga Alumni Lemhannas RI) PPRA Angkatan LXII itu.",
            names: ["Ahmad Dhani"],
            expected: [
                .init(
                    words: "Kami bahagia,", speaker: "Ahmad Dhani", mention: "pendiri band Dewa 19 itu", cue: "ungkap"),
                .init(
                    words: "Programnya berstandar internasional,", speaker: "Ahmad Dhani",
                    mention: "Ketua IKAL (Ikatan Keluarga Alumni Lemhannas RI) PPRA Angkatan LXII itu", cue: "beber"),
            ]),
        Case(
            name: "a verb after a role is not a word of the role",
            text: "\"Sakit sekali,\" ujar korban menahan tangis.",
            names: [],
            expected: [.init(words: "Sakit sekali,", speaker: "korban", mention: "korban", cue: "ujar")]),
        Case(
            name: "a body's acronym the tagger runs into the name after an office",
            text:
                "\"Inflasi tetap terkendali,\" ungkap Gubernur BI Perry Warjiyo.\n\"Semoga,\" harapnya BW Purba Negara.",
            names: ["BI Perry Warjiyo", "BW Purba Negara"],
            expected: [
                .init(
                    words: "Inflasi tetap terkendali,", speaker: "Perry Warjiyo", mention: "Perry Warjiyo",
                    cue: "ungkap", role: "Gubernur BI"),
                .init(words: "Semoga,", speaker: "BW Purba Negara", mention: "BW Purba Negara", cue: "harapnya"),
            ]),
        Case(
            name: "a degree after the name is not part of it",
            text: "\"Situs ini harus dijaga,\" kata Arkeolog Aceh Dr Husaini Ibrahim MA di Banda Aceh.",
            names: ["Husaini Ibrahim MA"],
            expected: [
                .init(
                    words: "Situs ini harus dijaga,", speaker: "Husaini Ibrahim", mention: "Husaini Ibrahim",
                    cue: "kata", role: "Arkeolog Aceh")
            ]),
        Case(
            name: "a role and a place, no person: the role is the speaker",
            text: "\"Sebanyak 40 orang ditangkap,\" kata Gubernur Hamedan pada 2 Januari.",
            names: [],
            places: ["Hamedan"],
            expected: [
                .init(
                    words: "Sebanyak 40 orang ditangkap,", speaker: "Gubernur Hamedan", mention: "Gubernur Hamedan",
                    cue: "kata")
            ]),
        Case(
            name: "the platform a statement was posted on is not its author's",
            text: "\"Semua warga diminta waspada,\" tulis kedutaan India di Iran di X.",
            names: [],
            expected: [
                .init(
                    words: "Semua warga diminta waspada,", speaker: "kedutaan India di Iran",
                    mention: "kedutaan India di Iran", cue: "tulis")
            ]),
        Case(
            name: "a name the tagger missed ends with its sentence",
            text:
                "\"Yang datang dari mana-mana,\" kata Ustadz Ahmad Munthoi\nIa menambahkan, semua santri sudah pulang.",
            names: [],
            expected: [
                .init(words: "Yang datang dari mana-mana,", speaker: "Ahmad Munthoi", cue: "kata"),
                .init(
                    kind: .indirect, words: "semua santri sudah pulang", speaker: "Ahmad Munthoi", cue: "menambahkan"),
            ]),
        Case(
            name: "an office's acronym before a name is not part of its fullest form",
            text: "Dirjen PKH Agung Suganda meninjau peternakan.\n\"Kami sudah periksa,\" ujar Agung.",
            names: ["Agung"],
            expected: [.init(words: "Kami sudah periksa,", speaker: "Agung Suganda", cue: "ujar")]),
        Case(
            name: "Jaksa Agung is an office, and stands for the person who holds it",
            text:
                "Jaksa Agung M Prasetyo datang ke Senayan.\nJaksa Agung juga menegaskan, \"Kami tidak punya kapasitas.\"",
            names: ["M Prasetyo"],
            expected: [
                .init(
                    words: "Kami tidak punya kapasitas.", speaker: "M Prasetyo", mention: "Jaksa Agung",
                    cue: "menegaskan")
            ]),
    ]

    @Test("each quote shape", arguments: cases)
    func shapes(_ test: Case) {
        let quotes = found(test.text, names: test.names, places: test.places)
        #expect(quotes.count == test.expected.count, "\(quotes.map { $0.words(in: test.text) })")
        for (quote, expected) in zip(quotes, test.expected) {
            #expect(quote.kind == expected.kind)
            #expect(quote.words(in: test.text) == expected.words)
            #expect(quote.speaker == expected.speaker)
            if let mention = expected.mention { #expect(Quote.slice(quote.mention, of: test.text) == mention) }
            #expect(Quote.slice(quote.cue, of: test.text) == expected.cue)
            #expect(quote.role == expected.role)
        }
    }

    @Test("a quote's parts are byte ranges of the text, from mark to mark")
    func ranges() {
        let text = "Kata “dia”: “Kami siap,” ujar Ani."
        let quotes = found(text, names: ["Ani"])
        #expect(quotes.count == 1)
        #expect(quotes.first.flatMap { Quote.slice($0.parts.first, of: text) } == "“Kami siap,”")
    }

    @Test("a text that ends inside an attribution, at any word, is read to its end")
    func endsInAttribution() {
        // Every prefix of an attributed quote: no cut may read past the end.
        let text = "\"Kami siap,\" ujar perancang busana Budi santai"
        let bytes = Array(text.utf8)
        for end in 1...bytes.count {
            guard let prefix = String(bytes: bytes[0..<end], encoding: .utf8) else { continue }
            _ = found(prefix, names: ["Budi"])
        }
        #expect(found(text, names: ["Budi"]).first?.speaker == "Budi")
    }

    @Test("any jumble of quote marks, speech words, names and punctuation is read without a fault")
    func jumbles() {
        let pieces = [
            "\"", "“", "”", "kata", "ujarnya", "mengatakan", "Menurut", "Budi", "Santoso", "AKBP", "warga", "itu", ",",
            ".", "(", ")", ":", "dia", "di", "dan", "pelatih", "yang", "\n", "Kapolres", "kataBudi", "dengan", "santai",
            "busana",
        ]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33)
        }
        for _ in 0..<3000 {
            let count = next() % 14
            let text = (0..<count).map { _ in pieces[next() % pieces.count] }.joined(
                separator: next() % 3 == 0 ? "" : " ")
            let quotes = found(text, names: ["Budi Santoso", "Budi"])
            let size = text.utf8.count
            for quote in quotes {
                #expect(quote.parts.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= size }, "\(text)")
                #expect(quote.mention.map { $0.upperBound <= size } ?? true, "\(text)")
            }
            let tokens = text.split(separator: " ").map(String.init)
            #expect(QuoteTags.tags(tokens: tokens, sentenceStarts: [0], recognizer: nil).count == tokens.count)
        }
    }

    @Test("text without quotes, and empty text, give none")
    func none() {
        #expect(found("", names: []).isEmpty)
        #expect(found("Hujan turun sejak pagi di Bandung.", names: []).isEmpty)
        #expect(found("\"", names: []).isEmpty)
        #expect(found("\"\"\"\"", names: []).isEmpty)
    }

    @Test("every quote of the five sample articles, with its speaker")
    func seeds() throws {
        guard let tagger = NewsTagger.bundled else {
            Issue.record("the bundled entity model cannot be read")
            return
        }
        let files = try FileManager.default.contentsOfDirectory(at: SampleStore.url, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        var direct: [(String, String?)] = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let body = ArticleExtractor().extract(text).body
            for quote in QuoteFinder().quotes(in: body, entities: tagger.entities(in: body)) where quote.kind == .direct
            {
                direct.append((String(quote.words(in: body).prefix(24)), quote.speaker))
            }
        }
        let expected: [(String, String?)] = [
            ("Kemitraan antara Ukraina", "Volodymyr Zelenskyy"),
            ("Perjanjian Kemitraan Kom", "Vladimir Putin"),
            ("Dalam hal ini, Rusia tid", "Vladimir Putin"),
            ("cinta damai dan defensif", "Kim Jong Un"),
            ("Menyusul perjanjian baru", "Jean-Pierre"),
            ("dalam keputusasaan, untu", "Antony Blinken"),
            ("Korea Utara menyediakan ", "Antony Blinken"),
            ("menyelesaikan langkah-la", "laboran NBC"),
            ("Kami tentu juga prihatin", "Jens Stoltenberg"),
            ("Tuduhan ini semakin kuat", "Matthew Miller"),
            ("Jadi, saya cukup yakin b", "Matthew Miller"),
            ("Kesepakatan ini tidak me", "Yuri Ushakob"),
        ]
        #expect(direct.map(\.0) == expected.map(\.0))
        #expect(direct.map(\.1) == expected.map(\.1))
    }
}
