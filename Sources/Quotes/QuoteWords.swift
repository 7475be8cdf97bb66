/// The words quote finding knows: speech verbs, pronouns, titles and roles (all lower-case).
enum QuoteWords {
    /// Speech words written before the speaker: `"…," kata Budi`, `kata Budi, "…"`. Their `-nya`
    /// forms (`ujarnya`) name no one: the speaker is the person last named.
    static let sayings: Set<String> = [
        "kata", "ujar", "tutur", "ucap", "ungkap", "jelas", "papar", "tegas", "imbuh", "tambah", "terang", "sebut",
        "lanjut", "pungkas", "cetus", "tukas", "seru", "kisah", "aku", "bilang", "sambung", "timpal", "tanya",
        "jawab", "tulis", "beber", "urai", "tandas", "kilah", "klaim", "sergah", "celetuk", "terangnya", "tuding",
        "sindir", "keluh", "pesan", "harap", "pinta", "ajak", "ingat", "kenang", "akui", "katakan", "tanggap",
        "nilai", "sahut", "jelasnya", "ungkapnya", "ujarnya", "katanya", "tuturnya", "ucapnya", "imbuhnya",
        "tambahnya", "tegasnya", "sebutnya", "lanjutnya", "pungkasnya", "paparnya", "cetusnya", "tukasnya",
        "serunya", "kisahnya", "akunya", "bilangnya", "sambungnya", "timpalnya", "tanyanya", "jawabnya",
        "tulisnya", "bebernya", "urainya", "tandasnya", "kilahnya", "klaimnya", "sergahnya", "celetuknya",
        "tudingnya", "sindirnya", "keluhnya", "pesannya", "harapnya", "pintanya", "ajaknya", "ingatnya",
        "kenangnya", "akuinya", "tanggapnya", "nilainya", "sahutnya", "tutup", "tutupnya", "puji", "pujinya",
        "seloroh", "selorohnya", "canda", "candanya", "kelakar", "kelakarnya", "balas", "balasnya", "ulang",
        "ulangnya", "tegur", "tegurnya", "protes", "protesnya", "kritik", "kritiknya", "desak",
        "desaknya", "imbau", "imbaunya", "yakin", "yakinnya", "tuntut", "tuntutnya", "cerita", "ceritanya",
        "ungkit", "katakannya", "ujarannya", "singkat", "singkatnya", "teriak", "teriaknya", "kicau",
        "kicaunya", "cuit", "cuitnya", "saran", "sarannya", "janji", "janjinya", "sanjung", "sanjungnya", "singgung",
        "singgungnya", "lugas", "lugasnya", "buka", "komentar", "komentarnya", "sambut", "sambutnya",
    ]

    /// Speech verbs written after their subject: `Budi mengatakan, "…"`, `Budi mengatakan, …`.
    static let verbs: Set<String> = [
        "mengatakan", "menyatakan", "menjelaskan", "menegaskan", "mengungkapkan", "menambahkan", "memaparkan",
        "menerangkan", "menyebutkan", "menyebut", "melanjutkan", "mengaku", "mengakui", "bertanya", "menjawab",
        "berkata", "berujar", "menuturkan", "menulis", "menuliskan", "bercerita", "menceritakan", "menyampaikan",
        "mengingatkan", "menekankan", "membeberkan", "mengklaim", "menilai", "mengimbau", "meminta",
        "mengucapkan", "mengeluhkan", "menyindir", "berpesan", "menandaskan", "mengemukakan", "membenarkan",
        "mengonfirmasi", "berkomentar", "menimpali", "menukas", "menyahut", "berseru", "berteriak", "menanggapi",
        "mengutarakan", "mengisahkan", "berharap", "menuding", "mengajak", "memastikan", "mengungkap",
        "mengingatkannya", "menyebutnya", "menuturkannya", "mengatakannya", "menjelaskannya", "menegaskannya",
        "mengemukakannya", "mengklarifikasi", "mengeklaim", "memperingatkan", "menambahkannya",
        "mencuit", "mengunggah", "berkisah", "menyimpulkan", "mengucap", "mengimbuhkan", "memberitahu",
        "memposting", "menyanjung", "memuji", "membalas", "berpendapat", "menyerukan", "mendesak", "menyarankan",
        "berjanji", "mengomentari", "berucap", "bertutur", "menyambung", "mempertegas", "berbisik",
    ]

    /// `menurut Budi, …`: the speaker follows.
    static let according: Set<String> = ["menurut", "kata"]

    static let pronouns: Set<String> = ["dia", "ia", "beliau", "mereka", "kami", "aku", "saya"]

    /// Words between a subject and its verb: `Budi pun mengatakan`, `Budi lebih lanjut menjelaskan`.
    static let adverbs: Set<String> = [
        "pun", "juga", "lebih", "lanjut", "kemudian", "lalu", "pula", "sendiri", "kembali", "bahkan", "sempat",
        "turut", "secara", "terpisah", "saat", "itu", "tak", "tidak", "hanya", "sebelumnya", "sudah", "telah",
        "pernah", "masih", "justru", "malah", "langsung",
    ]

    /// Ranks and titles written before a name and not part of it.
    static let titles: Set<String> = [
        "akp", "akbp", "kombes", "kompol", "iptu", "ipda", "aiptu", "aipda", "bripka", "brigadir", "briptu", "bripda",
        "brigjen", "irjen", "komjen", "jenderal", "jendral", "kapten", "letkol", "kolonel", "mayor", "mayjen",
        "letjen", "laksamana", "laksma", "marsekal", "marsma", "serka", "sertu", "serma", "pelda", "kopda", "dr",
        "prof", "h", "hj", "ir", "kh", "drs", "dra", "pak", "bu", "bapak", "ibu", "mas", "mbak", "bung", "tuan",
        "nyonya", "sdr", "syekh", "habib", "ustaz", "ustadz", "kiai", "kyai", "raden", "mr", "mrs", "ms", "opa", "oma",
        "sir", "letda", "lettu", "kopral", "praka", "pratu", "czi", "inf", "kav", "arh", "pnb", "cpm", "drg",
        "apt", "ns", "sp", "ajun", "pol", "purn", "menaker", "menkeu", "mendagri", "menlu", "menhan", "menpora",
        "mensos", "menkes", "menko", "mendikbud", "menag", "menpan", "menparekraf", "menkomdigi", "menteri",
        "menpar", "menhub", "mendag", "menperin", "mentan", "menkominfo", "menristek", "mendikti", "menpupr", "menlhk",
        "menkumham", "menkum", "menbud", "menekraf", "menkop", "menpppa", "menesdm", "mendes", "menbumn",
        "menkopolhukam", "jampidsus", "jampidum", "jamintel", "kajati", "kajari", "kabareskrim",
        "presiden", "wapres", "gubernur", "wagub", "bupati", "wabup", "walikota", "kapolri", "kapolda",
        "kapolres", "kapolsek", "panglima", "kasad", "kasal", "kasau", "jaksa", "hakim", "dubes", "dirjen", "sekjen",
        "dirut", "wamen", "kadiv", "karo", "kabag", "kasubdit", "kasatreskrim", "kasatlantas", "kabid",
        "ny", "tn", "nn", "mbah", "waketum", "ketum", "wasekjen", "bendum", "haji", "hajjah", "hajah", "kasipenkum",
        "kapuspenkum", "kasi", "kasie", "kapuspen",
        "kadispen", "kabidhumas", "capt", "kapt", "om",
    ]

    /// Lower-case words that name who someone is: `kata warga`, `ujar pelatih Persib Bojan Hodak`.
    static let roles: Set<String> = [
        "warga", "pria", "wanita", "perempuan", "lelaki", "laki-laki", "ayah", "ibu", "istri", "suami", "anak",
        "kakak", "adik", "paman", "bibi", "nenek", "kakek", "pelatih", "pemain", "korban", "pelaku", "tersangka",
        "terdakwa", "saksi", "petugas", "polisi", "sopir", "pengemudi", "pedagang", "pengunjung", "penonton",
        "netizen", "warganet", "sumber", "pejabat", "juru", "bicara", "politikus", "politisi", "ketua", "kepala",
        "direktur", "menteri", "presiden", "gubernur", "bupati", "wali", "kota", "camat", "lurah", "sang", "si",
        "pengamat", "ekonom", "analis", "peneliti", "pakar", "dosen", "guru", "siswa", "mahasiswa", "dokter",
        "kuasa", "hukum", "pengacara", "jaksa", "hakim", "wakil", "sekretaris", "jenderal", "manajer", "kapten",
        "bek", "striker", "kiper", "gelandang", "penyerang", "pebulu", "tangkis", "pebalap", "aktor", "aktris",
        "penyanyi", "pendiri", "pemilik", "ceo", "founder", "anggota", "komisaris", "utama", "pelaksana", "tugas",
        "plt", "kapolres", "kapolsek", "kapolda", "kapolri", "kasat", "kanit", "kasubag", "kabid", "kadis",
        "chief", "officer", "executive", "operating", "vice", "president", "director", "manager", "head",
        "co-founder", "dubes", "dirjen", "sekjen", "dirut", "wamen", "kadiv", "karo", "kabag", "majelis",
        "kasatreskrim", "kasatlantas", "menaker", "menkeu", "mendagri", "menlu", "menhan", "menpora", "mensos",
        "menkes", "menko",
        "menpar", "menhub", "mendag", "menperin", "mentan", "menkominfo", "menristek", "mendikti", "menpupr", "menlhk",
        "menkumham", "menkum", "menbud", "menekraf", "menkop", "menpppa", "menesdm", "mendes", "menbumn",
        "menkopolhukam", "jampidsus", "jampidum", "jamintel", "kajati", "kajari", "kabareskrim",
        "jubir", "humas", "staf", "khusus", "asisten", "rekan", "teman", "sahabat", "orang", "tua", "salah",
        "satu", "seorang", "para", "pihak", "tim", "bidang", "setempat", "managing", "partner", "general",
        "corporate", "secretary", "communications", "communication", "marketing", "relations", "country",
        "regional", "product", "sales", "business", "development", "operations", "principal",
    ]

    /// Academic degrees written after a name and not part of it: `Husaini Ibrahim MA`.
    static let degrees: Set<String> = [
        "ma", "msi", "sh", "mh", "se", "mm", "mba", "phd", "mpd", "spd", "mkes", "mt", "msc", "bsc", "llm", "mhum",
        "sip", "map", "ak", "cpa", "spog", "spa", "sked", "skom", "mkom", "mag", "sp",
    ]

    /// Platforms a statement is posted on: `tulis kedutaan India di X`.
    static let platforms: Set<String> = [
        "x", "twitter", "instagram", "facebook", "tiktok", "youtube", "threads", "linkedin", "weibo", "telegram",
    ]

    /// Lower-case words that may stand inside a name: `Muhammad bin Salman`, `Van der Sar`.
    static let connectors: Set<String> = ["bin", "binti", "van", "der", "de", "da", "al", "el", "von", "dos"]

    /// Lower-case words of a description standing for a person: `pria 31 tahun itu`, `mantan
    /// pelatih Lazio`, `pelatih asal Sumatera Barat`.
    static let describing: Set<String> = [
        "mantan", "eks", "berusia", "tahun", "asal", "usia", "sekaligus", "selaku", "muda", "senior", "baru", "lama",
        "lain", "kelahiran", "bekas",
    ]

    /// Words that end a description: `pria itu`.
    static let demonstratives: Set<String> = ["itu", "ini", "tersebut"]

    /// Words that begin a clause after a speaker's mention: `kata Budi saat ditemui`, `kepada
    /// wartawan`.
    static let clauseWords: Set<String> = [
        "saat", "ketika", "kepada", "dalam", "pada", "usai", "seusai", "setelah", "sebelum", "di", "dari", "dikutip",
        "dilansir", "melalui", "lewat", "via", "kemarin", "sambil", "seraya", "sembari", "yang", "dengan",
        "terkait", "soal", "mengenai", "tentang", "perihal",
    ]

    /// Ranks written inside a run of role and name (`Kabid Humas Polda Sumut Kombes Ferry`).
    static let ranks: Set<String> = [
        "akp", "akbp", "kombes", "kompol", "iptu", "ipda", "aiptu", "aipda", "bripka", "brigjen", "irjen", "komjen",
        "letkol", "kolonel", "mayjen", "letjen", "laksma", "marsma", "czi", "inf", "kav", "arh", "pnb", "cpm", "pol",
    ]

    /// What `demikian` introduces: `demikian pernyataan Mattel`.
    static let statements: Set<String> = [
        "isi", "pernyataan", "kicauan", "unggahan", "keterangan", "tulisan", "bunyi", "pesan", "kata", "ujar",
        "tulis", "cuitan", "postingan", "surat", "rilis", "siaran", "pers", "resmi", "tertulis", "konfirmasi",
        "kutipan", "wawancara",
        "penjelasan", "tanggapan", "jawaban", "akun", "instagram", "twitter", "facebook", "tiktok", "youtube", "laman",
        "situs",
    ]

    /// Words that do not name who spoke: `kata tersebut`, `ujar ke`.
    static let functionWords: Set<String> = [
        "dan", "atau", "tetapi", "tapi", "namun", "serta", "untuk", "ke", "bagi", "itu", "ini", "tersebut",
        "adalah", "ialah", "akan", "sudah", "telah", "belum", "tidak", "tak", "bukan", "juga", "pun", "lagi",
        "sebagai", "seperti", "karena", "sebab", "jika", "kalau", "agar", "supaya", "bahwa", "hal", "para",
    ]

    /// Capitalised words that open a sentence without naming anyone: `Sementara itu, Budi …`.
    static let openers: Set<String> = [
        "sementara", "selain", "namun", "adapun", "kemudian", "lalu", "menurut", "sebelumnya", "terpisah",
        "sedangkan", "bahkan", "oleh", "karena", "hal", "senada", "meski", "meskipun", "walaupun", "akan",
    ]

    /// Capitalised words of offices and bodies written before a name (`Menteri Keuangan Sri
    /// Mulyani`, `Ketua Umum PSSI Iwan Budianto`): not part of the name.
    static let roleParts: Set<String> = [
        "keuangan", "luar", "negeri", "dalam", "umum", "pendidikan", "perdagangan", "kesehatan", "pertahanan",
        "agama", "sosial", "perhubungan", "pertanian", "perindustrian", "pariwisata", "hukum", "ham", "dpr", "dpd",
        "mpr", "ri", "pssi", "kpk", "polri", "tni", "polda", "polres", "polsek", "pemerintah", "kota", "kabupaten",
        "provinsi", "daerah", "pusat", "nasional", "eksekutif", "pelaksana", "operasional", "jenderal", "besar",
        "muda", "madya", "utama", "timnas", "tim", "klub", "fc", "united", "city", "pt", "tbk", "cv", "ceo", "cfo",
        "coo", "cto", "bupati", "wakil", "kepala", "ketua", "sekretaris", "direktur", "menteri", "presiden",
        "gubernur", "pelatih", "juru", "bicara", "kabid", "humas", "kasubdit", "kapolres", "kapolda", "kapolsek",
        "indonesia", "amerika", "serikat", "as", "inggris", "israel", "iran", "rusia", "cina", "china", "jepang",
        "korea", "utara", "selatan", "barat", "timur", "tengah", "jakarta", "motogp", "hrc", "ini", "komentar",
        "siapa", "pantas", "gantikan",
    ]

    static let dayNames: Set<String> = ["senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "jum'at"]

    /// Quote marks, with the `` and '' some tokenizers write for them.
    static let marks: Set<String> = ["\"", "“", "”", "„", "«", "»", "``", "''"]

    /// Every word of the lists above, with the lists it is on.
    static let classes: [String: WordClass] = {
        var classes: [String: WordClass] = [:]
        let lists: [(Set<String>, WordClass)] = [
            (sayings, .sayings), (verbs, .verbs), (according, .according), (pronouns, .pronouns), (adverbs, .adverbs),
            (titles, .titles), (roles, .roles), (connectors, .connectors), (describing, .describing),
            (demonstratives, .demonstratives), (dayNames, .dayNames), (clauseWords, .clauseWords),
            (openers, .openers), (functionWords, .functionWords), (ranks, .ranks), (roleParts, .roleParts),
            (statements, .statements), (marks, .marks), (degrees, .degrees), (platforms, .platforms),
        ]
        for (list, wordClass) in lists {
            for word in list { classes[word, default: []].insert(wordClass) }
        }
        return classes
    }()

    /// The classes of a word, nil for one on no list. Most words of a text are on none; a cheap
    /// hash of their bytes rules them out before the dictionary is asked.
    static func wordClass(_ word: String) -> WordClass? {
        let bit = filterBit(word)
        guard filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return nil }
        return classes[word]
    }

    static let filterBits = 1 << 14

    /// One bit set for each word on a list.
    static let filter: [UInt64] = {
        var filter = [UInt64](repeating: 0, count: filterBits / 64)
        for word in classes.keys {
            let bit = filterBit(word)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        return filter
    }()

    /// FNV-1a of the word's bytes, folded to a bit of the filter.
    static func filterBit(_ word: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int(truncatingIfNeeded: hash ^ (hash >> 32)) & (filterBits - 1)
    }
}

/// Which of `QuoteWords`' lists a word is on.
struct WordClass: OptionSet, Hashable, Sendable {
    let rawValue: UInt32
    static let sayings = WordClass(rawValue: 1 << 0)
    static let verbs = WordClass(rawValue: 1 << 1)
    static let according = WordClass(rawValue: 1 << 2)
    static let pronouns = WordClass(rawValue: 1 << 3)
    static let adverbs = WordClass(rawValue: 1 << 4)
    static let titles = WordClass(rawValue: 1 << 5)
    static let roles = WordClass(rawValue: 1 << 6)
    static let connectors = WordClass(rawValue: 1 << 7)
    static let describing = WordClass(rawValue: 1 << 8)
    static let demonstratives = WordClass(rawValue: 1 << 9)
    static let dayNames = WordClass(rawValue: 1 << 10)
    static let clauseWords = WordClass(rawValue: 1 << 11)
    static let openers = WordClass(rawValue: 1 << 12)
    static let functionWords = WordClass(rawValue: 1 << 13)
    static let ranks = WordClass(rawValue: 1 << 14)
    static let roleParts = WordClass(rawValue: 1 << 15)
    static let statements = WordClass(rawValue: 1 << 16)
    static let marks = WordClass(rawValue: 1 << 17)
    static let degrees = WordClass(rawValue: 1 << 18)
    static let platforms = WordClass(rawValue: 1 << 19)
}
