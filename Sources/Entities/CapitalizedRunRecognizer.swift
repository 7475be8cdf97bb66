/// A rule-based recogniser: runs of capitalised words, typed by cue words and a small gazetteer.
public struct CapitalizedRunRecognizer: EntityRecognizer {
    public init() {}

    struct Word {
        var start: Int  // UTF-8 offsets
        var end: Int
        var text: String
        var followsSpace: Bool
        var sentenceStart: Bool
    }

    public func entities(in text: String) -> [EntitySpan] {
        let words = Self.words(in: text)
        var spans: [EntitySpan] = []
        var knownPeople = Set<String>()
        var i = 0
        while i < words.count {
            guard Self.isCapitalized(words[i].text), !Self.isNeverAName(words[i].text) else {
                i += 1
                continue
            }
            var j = i + 1
            while j < words.count, words[j].followsSpace, !words[j].sentenceStart,
                Self.isCapitalized(words[j].text), !Self.isNeverAName(words[j].text)
            {
                j += 1
            }
            let previous = i > 0 ? words[i - 1].text.lowercased() : ""
            spans += classify(Array(words[i..<j]), previous: previous, knownPeople: &knownPeople)
            i = j
        }
        return spans
    }

    private func classify(_ run: [Word], previous: String, knownPeople: inout Set<String>) -> [EntitySpan] {
        var run = run[...]
        var personCue = false
        // Drop sentence starters and titles; a title says the next name is a person.
        while let first = run.first {
            let lower = first.text.lowercased()
            if Self.titles.contains(lower) {
                personCue = true
                run = run.dropFirst()
            } else if Self.stopwords.contains(lower)
                || (first.sentenceStart && run.count == 1 && !Self.isAcronym(first.text)
                    && !knownPeople.contains(first.text) && Self.places[first.text] == nil)
            {
                run = run.dropFirst()
            } else {
                break
            }
        }
        guard !run.isEmpty else { return [] }
        var result: [EntitySpan] = []
        // A leading known place splits off: `Rusia Vladimir Putin`.
        let wholeName = run.map(\.text).joined(separator: " ")
        for length in [2, 1] where run.count > length && Self.places[wholeName] == nil {
            let head = run.prefix(length).map(\.text).joined(separator: " ")
            if Self.places[head] != nil {
                result.append(
                    EntitySpan(start: run.first!.start, end: run[run.startIndex + length - 1].end, kind: .place))
                run = run.dropFirst(length)
                break
            }
        }
        // `Gedung Putih John Kirby`: a two-word organisation, then the rest on its own.
        if run.count > 2, Self.twoWordOrganizations.contains(run.first!.text.lowercased()) {
            let organization = run.prefix(2)
            result.append(
                EntitySpan(start: organization.first!.start, end: organization.last!.end, kind: .organization))
            return result + classify(Array(run.dropFirst(2)), previous: "", knownPeople: &knownPeople)
        }
        let name = run.map(\.text).joined(separator: " ")
        let lowerWords = run.map { $0.text.lowercased() }
        let kind: EntityKind
        if Self.places[name] != nil
            || ["di", "ke", "dari", "kota", "provinsi", "kabupaten", "negara"].contains(previous) && !personCue
                && run.count <= 2 && !knownPeople.contains(name)
        {
            kind = .place
        } else if lowerWords.contains(where: Self.organizationWords.contains)
            || (run.count == 1 && Self.isAcronym(name))
        {
            kind = .organization
        } else if personCue || run.count >= 2 || knownPeople.contains(name) {
            kind = .person
        } else {
            kind = .person
        }
        if kind == .person {
            for word in run { knownPeople.insert(word.text) }
        }
        result.append(EntitySpan(start: run.first!.start, end: run.last!.end, kind: kind))
        return result
    }

    static func isCapitalized(_ word: String) -> Bool {
        guard let first = word.first else { return false }
        return first.isUppercase
    }

    /// Domain names (`GEMALANTANG.COM`) and reduplicated words (`Negara-negara`) are never names.
    static func isNeverAName(_ word: String) -> Bool {
        if word.contains(".") { return true }
        let parts = word.lowercased().split(separator: "-")
        return parts.count == 2 && parts[0] == parts[1]
    }

    static func isAcronym(_ word: String) -> Bool {
        word.count >= 2 && word.allSatisfy { $0.isUppercase || $0.isNumber }
    }

    /// Words with their UTF-8 offsets; a word is letters, digits, hyphens and apostrophes.
    static func words(in text: String) -> [Word] {
        var words: [Word] = []
        var offset = 0
        var current = ""
        var start = 0
        var followsSpace = true
        var sentenceStart = true
        var gapIsSpace = true
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            let size = character.utf8.count
            let nextIsLetter = index + 1 < characters.count && characters[index + 1].isLetter
            let isWordCharacter =
                character.isLetter || character.isNumber
                || ((character == "-" || character == "'" || character == "’") && !current.isEmpty)
                || (character == "." && !current.isEmpty && nextIsLetter)
            if isWordCharacter {
                if current.isEmpty {
                    start = offset
                    followsSpace = gapIsSpace
                }
                current.append(character)
            } else {
                if !current.isEmpty {
                    while let last = current.last, last == "-" || last == "'" || last == "’" {
                        current.removeLast()
                    }
                    words.append(
                        Word(
                            start: start, end: start + current.utf8.count, text: current, followsSpace: followsSpace,
                            sentenceStart: sentenceStart))
                    current = ""
                    sentenceStart = false
                    gapIsSpace = true
                }
                if character == " " {
                    // Spaces keep a run going.
                } else if ".!?\n:;".contains(character) {
                    sentenceStart = true
                    gapIsSpace = false
                } else {
                    gapIsSpace = false
                    if "“\"(‘'".contains(character) { sentenceStart = sentenceStart || words.isEmpty }
                }
            }
            offset += size
        }
        if !current.isEmpty {
            words.append(
                Word(
                    start: start, end: start + current.utf8.count, text: current, followsSpace: followsSpace,
                    sentenceStart: sentenceStart))
        }
        return words
    }

    static let titles: Set<String> = [
        "presiden", "wakil", "menteri", "pemimpin", "juru", "bicara", "sekretaris", "jenderal", "tuan",
        "nyonya", "ibu", "bapak", "pak", "bu", "gubernur", "bupati", "wali", "kapolres", "kapolda",
        "kapolri", "ketua", "direktur", "kepala", "raja", "ratu", "perdana", "pm", "senator", "jaksa",
        "hakim", "kapten", "letnan", "kolonel", "mayor", "dr", "prof", "ir", "haji", "hj", "akbp", "kombes",
        "irjen", "brigjen", "penasihat", "duta", "besar", "dubes", "pelatih", "kanselir", "mr", "mrs",
        "luar", "negeri", "pertahanan", "utama",
    ]

    static let stopwords: Set<String> = [
        "dia", "ia", "kami", "kita", "mereka", "saya", "aku", "hal", "pada", "dalam", "di", "ke", "dari",
        "menurut", "sementara", "saat", "kendati", "namun", "tetapi", "tapi", "dan", "atau", "yang", "ini",
        "itu", "jika", "bila", "ketika", "setelah", "sebelum", "sejak", "selain", "meski", "walau",
        "sebagai", "dengan", "untuk", "bagi", "oleh", "kata", "ujar", "sebut", "jelas", "tambah",
        "the", "a", "an", "of", "belum", "sudah", "telah", "akan", "juga", "pun", "apa", "siapa",
        "bagaimana", "mengapa", "kenapa", "kemudian", "lalu", "selama", "hingga", "sampai", "melalui",
        "kunjungan", "perjanjian", "pertemuan", "hubungan", "tindakan", "rencana", "keputusan", "salah",
        "satu", "para", "seorang", "sebuah", "kedua", "pertama", "sekutu", "negara", "melihat",
        "kesepakatan", "tuduhan", "perjalanan", "baru", "rabu", "kamis", "jumat", "sabtu", "minggu",
        "senin", "selasa", "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus",
        "september", "oktober", "november", "desember", "wib", "pertahanan", "perang", "kemitraan",
        "bersama-sama", "dilansir", "sekretaris", "jadi", "tim", "presiden",
    ]

    static let twoWordOrganizations: Set<String> = ["gedung", "partai", "bank", "klub"]

    static let organizationWords: Set<String> = [
        "partai", "universitas", "pt", "kementerian", "badan", "komisi", "dewan", "gedung", "bank",
        "nato", "kpk", "dpr", "dprd", "mpr", "pbb", "asean", "polri", "tni", "polda", "polres",
        "departemen", "lembaga", "institut", "yayasan", "perusahaan", "persatuan", "asosiasi", "klub",
        "fc", "united", "bumn", "pemprov", "pemkot", "pemkab", "kejaksaan", "pengadilan", "mahkamah",
        "kepolisian", "bri", "bni", "pertamina", "pln", "reuters", "afp", "bbc", "cnn", "nbc", "kcna",
        "antara", "brics", "uni", "liga", "kemenkes", "kemlu", "dishub", "ap", "news", "guardian",
    ]

    /// A small gazetteer of places, enough for the sample articles and common news.
    static let places: [String: Bool] = Dictionary(
        uniqueKeysWithValues: [
            "Indonesia", "Rusia", "Ukraina", "Korea Utara", "Korea Selatan", "Korea", "Amerika Serikat",
            "Amerika", "AS", "China", "Tiongkok", "Jepang", "Malaysia", "Singapura", "Thailand", "Filipina",
            "Vietnam", "India", "Pakistan", "Iran", "Irak", "Suriah", "Israel", "Palestina", "Gaza", "Mesir",
            "Arab Saudi", "Turki", "Jerman", "Prancis", "Perancis", "Inggris", "Italia", "Spanyol",
            "Portugal", "Belanda", "Australia", "Selandia Baru", "Kanada", "Meksiko", "Brasil", "Argentina",
            "Afrika Selatan", "Eropa", "Asia", "Afrika", "Barat", "Timur Tengah", "Moskow", "Pyongyang",
            "Pyeongyang", "Seoul", "Washington", "Beijing", "Tokyo", "London", "Paris", "Kyiv", "Kiev",
            "Vladivostok", "Jakarta", "Bandung", "Surabaya", "Medan", "Makassar", "Semarang", "Yogyakarta",
            "Bali", "Jawa", "Sumatera", "Kalimantan", "Sulawesi", "Papua", "Aceh", "Pariaman",
            "Semenanjung Korea", "Uni Soviet",
        ].map { ($0, true) })
}
