/// What a page's lines say about its outlet, beyond the datelines `LineFacts` reads: datelines
/// without a dash or with a dash glued to the name, bylines and lines that give a brand, and the
/// page's own name among the credits of pictures and links to other sites.
extension ArticleExtractor {
    /// The characters that may wrap or follow an outlet's name in a dateline.
    static let datelinePunctuation: Set<Character> = [",", "-", "–", "—", "(", ")", ":", "\"", "“", "”", "'"]

    /// The outlet a lede names in its first words as a domain, however the dateline is punctuated:
    /// `Warta.com, Jakarta Kabar…` (no dash), `WARTA.CO.ID- Kabar…` (dash glued to the name),
    /// `KOTA, WARTA.ID- …`, `Kota, (Warta.com)- …`; `text` is the lede's words without its markup
    /// (`LineFacts.trimmed`).
    static func openingDomain(of text: String) -> String? {
        let words = text.split(maxSplits: 3, whereSeparator: { $0 == " " || $0 == "\t" }).prefix(3)
        for (position, word) in words.enumerated() {
            let name = word.trimmingScalars(in: ",-–—():\"“”'")
            guard LineFacts.isDomain(name) else {
                // The lede's first word glued to the dash: `WARTA.CO-Kabar…`.
                if position == 0, let glued = Self.domainGluedToDash(in: name) { return glued }
                continue
            }
            // A domain standing as a dateline: a dash glued to it or after it, or a comma and a
            // capitalised place (a sentence that opens with a site's name goes on in lower case).
            let next = words.dropFirst(position + 1).first
            let dashGlued = word.trimmingScalars(in: ")").last.map { "-–—".contains($0) }
            let placeFollows = word.hasSuffix(",") && next?.first?.isUppercase == true
            if dashGlued == true || placeFollows || next.map({ LineFacts.isDash($0) || $0.hasPrefix("-") }) == true {
                return WebAddress.registrableDomain(of: name.lowercased())
            }
        }
        return nil
    }

    /// The domain before a dash inside a word, the next word glued to it: `WARTA.CO-Kabar` → warta.co.
    static func domainGluedToDash(in word: String) -> String? {
        for dash in word.indices where "-–—".contains(word[dash]) {
            let name = word[..<dash]
            let rest = word[word.index(after: dash)...]
            guard name.contains("."), rest.first?.isLetter == true, LineFacts.isDomain(name) else { continue }
            return WebAddress.registrableDomain(of: name.lowercased())
        }
        return nil
    }

    /// The brand a lede opens with before a dash, in one or two capitalised words: `Warta – Kabar…`,
    /// `WARTA KOTA- Kabar…`; not looked up, for the page's other lines to confirm.
    static func openingBrand(of text: String) -> String? {
        let words = text.split(maxSplits: 4, whereSeparator: { $0 == " " || $0 == "\t" }).prefix(4)
        for count in 1...2 where count < words.count {
            let head = Array(words.prefix(count))
            var name = head.joined(separator: " ")
            let glued = name.last.map { "-–—".contains($0) } ?? false
            if glued { name = name.trimmingScalars(in: "-–—") }
            guard glued || LineFacts.isDash(words[count]) else { continue }
            guard head.allSatisfy({ $0.first?.isUppercase == true }), name.allSatisfy({ $0.isLetter || $0 == " " })
            else { return nil }
            return name
        }
        return nil
    }

    /// The domain among `domains` whose name is the brand: `Warta` for `warta.co.id`.
    static func domain(forBrand brand: String, among domains: [String]) -> String? {
        let key = OutletDirectory.key(brand)
        guard key.count >= 3 else { return nil }
        return domains.first { domain in
            OutletDirectory.key(domain.split(separator: ".").first ?? "") == key
        }
    }

    /// The brand of a byline that names the writer, then the outlet's brand after a dash:
    /// `Nama Penulis - wartaTekno`.
    static func bylineBrandOutlet(_ fact: LineFacts) -> String? {
        guard (3...7).contains(fact.wordCount), !fact.endsAsSentence else { return nil }
        let words = fact.trimmed.split(separator: " ")
        guard let dash = words.lastIndex(where: { LineFacts.isDash($0) }), dash >= 1, dash == words.count - 2
        else { return nil }
        guard words[..<dash].allSatisfy({ $0.first?.isUppercase == true }) else { return nil }
        let brand = words[words.count - 1]
        if LineFacts.isDomain(brand) { return WebAddress.registrableDomain(of: brand.lowercased()) }
        return fact.outlets.domain(forBrand: brand)
    }

    /// A line that is a known brand of two or three words and nothing else: `Warta Times` (one word
    /// alone is as likely a section's name: `Bisnis`).
    static func brandLineOutlet(_ fact: LineFacts) -> String? {
        guard (2...3).contains(fact.wordCount), fact.trimmed.allSatisfy({ $0.isLetter || $0 == " " }),
            fact.trimmed.first?.isUppercase == true
        else { return nil }
        return fact.outlets.domain(forBrand: fact.trimmed)
    }

    /// The domain of a picture credit that names the outlet with its photographer:
    /// `(Foto: Warta.com/Nama)`, `Warta.com / Nama` (with `named`, only a capitalised name after
    /// the slash). A credit of a domain alone (`Foto: Stokfoto.com`) names another site, and so
    /// do social platforms.
    static func ownPictureCreditDomain(_ fact: LineFacts, named: Bool = false) -> String? {
        let words = fact.trimmed.split(separator: " ")
        for (index, word) in words.enumerated() {
            let parts = word.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].trimmingScalars(in: ",;:()[]\"'")
            guard LineFacts.isDomain(name) else { continue }
            let credited =
                (parts.count == 2 && parts[1].first.map { named ? $0.isUppercase : $0.isLetter } == true)
                || (parts.count == 1 && index + 2 < words.count && words[index + 1] == "/")
            let domain = WebAddress.registrableDomain(of: name.lowercased())
            if credited, !WebAddress.platforms.contains(domain) { return domain }
        }
        return nil
    }

    /// A known brand in the credit of a picture: a word joined to another by a slash
    /// (`Nama/Warta`, `WARTA/Nama`), a word in the closing parentheses (`(Foto: Warta)`), or a
    /// short credit after its label (`Foto: Warta`). A brand word elsewhere in a caption is a word
    /// of its text (a gallery's headline).
    static func pictureCreditBrand(_ fact: LineFacts) -> String? {
        var pieces: [Substring] = []
        for word in fact.trimmed.split(separator: " ") where word.contains("/") {
            pieces += word.split(separator: "/")
        }
        if fact.trimmed.hasSuffix(")"), let open = fact.trimmed.lastIndex(of: "(") {
            pieces += fact.trimmed[open...].split(whereSeparator: { " ():/".contains($0) })
        }
        // A short credit after its label: `Foto: Warta`, not `FOTO: Judul Galeri Lain …`.
        for label in ["foto:", "foto :", "photo:"] where fact.lower.hasPrefix(label) {
            let credit = fact.trimmed.dropFirst(label.count).split(separator: " ")
            if credit.count <= 4 { pieces += credit }
        }
        for piece in pieces {
            let name = piece.trimmingScalars(in: ",;:()[]\"'.")
            if let domain = fact.outlets.domain(forBrand: name) { return domain }
        }
        return nil
    }

    /// Words after which a site's name is where something came from, not who published the page.
    static let sourceWords: Set<String> = [
        "dari", "dilansir", "melansir", "dikutip", "mengutip", "sumber", "source", "via", "laman", "situs", "akun",
        "kata", "menurut", "seperti", "di", "foto", "photo", "ilustrasi", "gambar", "image", "kredit", "credit",
    ]

    /// The page naming itself anywhere, the last of the text's clues: a domain on a line of a few
    /// words (a footer's `Warta.com`, a headline's suffix `| warta.co`, a column's `Kolom Warta.com`)
    /// or a picture credit with its photographer in any line (`Warta.com/Nama`), and a sub-brand
    /// word of a brand known by its start (`detikhikmah`, `wartaNEWS`). A name after words of
    /// source (`dilansir dari`, `via`, `Foto:`) or in a caption is another site's; social networks
    /// name no outlet. The name said most often wins, the first of equals. Failing all these, a
    /// brand the article's prose names twice or more (see `brandNamedInProse`).
    static func selfMention(
        lineCount: Int, firstProse: Int, kind: (Int) -> LineKind, fact: (Int) -> LineFacts
    ) -> String? {
        // A domain alone on its line within the article credits a picture (`Stokfoto.com`).
        let lastProse = (0..<lineCount).last { kind($0) == .body && fact($0).isProse } ?? -1
        var domains = MentionTally()
        func count(_ domain: String) {
            if !WebAddress.platforms.contains(domain) { domains.add(domain) }
        }
        for i in 0..<lineCount where kind(i) != .blank && kind(i) != .metadata {
            let line = fact(i)
            // A credit names its photographer (`Warta.com/Nama`); a link's path is lower case
            // (`laman resmi maskapai.com/status`).
            if let domain = ownPictureCreditDomain(line, named: true) { count(domain) }
            if line.isBareDomain, i > firstProse - 3, i < lastProse { continue }
            // A headline's site suffix, however long the headline: `Judul Berita | warta.co`.
            if let bar = line.trimmed.lastByteRange(of: " | ") {
                let suffix = line.trimmed[bar.upperBound...]
                if LineFacts.isDomain(suffix) { count(WebAddress.registrableDomain(of: suffix.lowercased())) }
            }
            // A caption's domain is the picture's source (`Foto: Kantorberita.com`).
            let isCaption = kind(i) == .caption || kind(i) == .credit
            // Most lines hold neither a domain nor a sub-brand: a dot with a letter after it, or a
            // brand's start, is looked for before the words are.
            let mayNameDomain = line.wordCount <= 6 && !isCaption && line.trimmed.utf8.contains(0x2E)
            guard mayNameDomain || line.outlets.prefixes.contains(where: { line.lower.containsBytes($0.0) }) else {
                continue
            }
            let words = line.trimmed.split(separator: " ")
            for (index, word) in words.enumerated() {
                let name = word.trimmingScalars(in: ".,;:()[]\"'|!?")
                let domain =
                    mayNameDomain && !name.contains("/") && LineFacts.isDomain(name)
                    ? WebAddress.registrableDomain(of: name.lowercased())
                    : subBrandOutlet(name, outlets: line.outlets)
                        // Glued to the sentence before it, as scrapers join blocks: `biru.wartaNEWS`.
                        ?? name.split(separator: ".").last.flatMap({ subBrandOutlet(String($0), outlets: line.outlets) }
                        )
                guard let domain else { continue }
                let previous = index > 0 ? words[index - 1].lowercased().filter(\.isLetter) : ""
                if !sourceWords.contains(previous) { count(domain) }
            }
        }
        if let leader = domains.leader { return leader.name }
        return brandNamedInProse(lineCount: lineCount, kind: kind, fact: fact)
    }

    /// A brand the article's prose names twice or more as its subject, written as a brand is
    /// (`Dari penelusuran TurnBackHoax, …`, `TEMPO`), not after words of source: as the outlet's own
    /// reporters name their team.
    static func brandNamedInProse(lineCount: Int, kind: (Int) -> LineKind, fact: (Int) -> LineFacts) -> String? {
        var brands = MentionTally()
        for i in 0..<lineCount where kind(i) == .body && fact(i).isProse {
            let words = fact(i).trimmed.split(separator: " ")
            for (index, word) in words.enumerated() {
                // Written as a brand is (`TurnBackHoax`, `TEMPO`), not as a word of the language that
                // names an outlet too (`Merdeka`, `Suara`): a capital after the first letter, looked
                // for in the bytes before anything else.
                guard word.utf8.count >= 4, word.utf8.dropFirst().contains(where: { (0x41...0x5A).contains($0) })
                else { continue }
                let name = word.trimmingScalars(in: ".,;:()[]\"'|!?\u{201C}\u{201D}")
                guard name.count >= 4, name.first?.isUppercase == true, name.allSatisfy(\.isLetter),
                    name.dropFirst().contains(where: \.isUppercase),
                    let domain = fact(i).outlets.exact[name.lowercased()]
                else { continue }
                let previous = index > 0 ? words[index - 1].lowercased().filter(\.isLetter) : ""
                if !sourceWords.contains(previous) { brands.add(domain) }
            }
        }
        guard let leader = brands.leader, leader.count >= 2 else { return nil }
        return leader.name
    }

    /// The outlet of a sub-brand word: a brand known by its start (`detik*`) with at least two
    /// letters more, not a suffix of the language (`detiknya`): `detikhikmah`, `detikNews`.
    static func subBrandOutlet(_ word: String, outlets: OutletDirectory) -> String? {
        guard word.count >= 6, word.allSatisfy(\.isLetter) else { return nil }
        let key = word.lowercased()
        for (brand, domain) in outlets.prefixes where key.hasPrefix(brand) {
            let rest = key.dropFirst(brand.count)
            if rest.count >= 2, !["nya", "an", "kan", "lah", "pun", "ku", "mu"].contains(String(rest)) {
                return domain
            }
        }
        return nil
    }

    /// The outlet a file's name begins with, as stores that name files by their site do
    /// (`warta.com_3.txt`, `warta.co.id_12.txt`): the weakest evidence, after the text's.
    static func outlet(fromFileName path: String) -> String? {
        guard let name = path.split(separator: "/").last else { return nil }
        let head = name.prefix { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }
        // The longest run of labels that is a domain: `warta.co.id` before `warta.co`.
        let labels = head.split(separator: ".", omittingEmptySubsequences: false)
        for count in stride(from: labels.count, through: 2, by: -1) {
            let candidate = labels.prefix(count).joined(separator: ".")
            let trimmed = candidate.hasSuffix("-") ? String(candidate.dropLast()) : candidate
            if LineFacts.isDomain(trimmed), !trimmed.hasSuffix(".txt") {
                return WebAddress.registrableDomain(of: trimmed.lowercased())
            }
        }
        return nil
    }
}

/// Names counted as a page says them: the one said most often leads, the first said of equals.
struct MentionTally {
    private var counts: [String: Int] = [:]
    private var order: [String] = []

    mutating func add(_ name: String) {
        if counts[name] == nil { order.append(name) }
        counts[name, default: 0] += 1
    }

    /// The name said most often, and how often.
    var leader: (name: String, count: Int)? {
        guard let best = counts.values.max(), let name = order.first(where: { counts[$0] == best }) else { return nil }
        return (name, best)
    }
}
