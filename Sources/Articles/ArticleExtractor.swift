import Foundation

/// Reads a scraped page: finds outlet, title and publication date, and labels every line.
public struct ArticleExtractor: Sendable {
    /// Brand names and their domains, for datelines such as `Jakarta (ANTARA) -`.
    public var outlets: OutletDirectory

    public init(outlets: OutletDirectory = .bundled) {
        self.outlets = outlets
    }

    /// Extracts metadata and line labels from normalised text (see `ArticleText.decode`).
    /// `path`, the file's path within its store, lets folder names name the outlet when the text
    /// does not.
    public func extract(_ text: String, path: String? = nil) -> ExtractedArticle {
        let rawLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var lines = rawLines.enumerated().map { index, line in
            LabelledLine(number: index + 1, text: String(line), kind: .body)
        }
        let facts = lines.map { LineFacts($0.text, outlets: outlets) }

        // 1. Lines that say what they are by their wording.
        for i in lines.indices {
            lines[i].kind = facts[i].isBlank ? .blank : (Self.kindByWording(facts[i]) ?? .body)
        }

        // 2. The first and last prose lines bound the article; page furniture lies outside.
        let prose = lines.indices.filter { lines[$0].kind == .body && facts[$0].isProse }
        let firstProse = prose.first ?? lines.count
        let lastProse = prose.last ?? -1

        // 3. Site name, date lines and the title in the header; related lists anywhere.
        var dates: [(index: Int, match: DateScanner.Match)] = []
        var title: String?
        var inRelatedList = false
        for i in lines.indices {
            let fact = facts[i]
            if lines[i].kind == .relatedHeader {
                inRelatedList = true
                continue
            }
            guard lines[i].kind == .body else { continue }
            if inRelatedList {
                if fact.isProse {
                    inRelatedList = false
                } else {
                    lines[i].kind = .relatedItem
                    continue
                }
            }
            if i < firstProse, fact.isBareDomain {
                lines[i].kind = .siteName
                continue
            }
            if fact.wordCount <= 16, !fact.hasDateline, let match = DateScanner.firstMatch(in: fact.trimmed),
                match.otherWords <= 3
            {
                lines[i].kind = .dateLine
                dates.append((i, match))
                continue
            }
            if i < firstProse, title == nil, fact.couldBeTitle {
                lines[i].kind = .title
                title = Self.strippingSiteSuffix(fact.trimmed)
                continue
            }
            if (i < firstProse || i > lastProse) && fact.wordCount <= 3 {
                lines[i].kind = .navigation
            }
        }

        // 4. Repeated paragraphs, and link text glued into prose.
        var seen = Set<String>()
        for i in lines.indices where lines[i].kind == .body {
            if facts[i].wordCount >= 5, !seen.insert(facts[i].trimmed).inserted {
                lines[i].kind = .duplicate
                continue
            }
            if let cleaned = Self.removingGluedLinks(from: facts[i].trimmed, lower: facts[i].lower) {
                if cleaned.isEmpty { lines[i].kind = .relatedLink } else { lines[i].cleanedText = cleaned }
            }
        }

        let published =
            (dates.first { !$0.match.isUpdateStamp } ?? (dates.count == 1 ? dates.first : nil))?.match.date
        let outlet = Self.outlet(lines: lines, facts: facts) ?? path.flatMap(outlet(fromPath:))
        return ExtractedArticle(outlet: outlet, title: title, published: published, lines: lines)
    }

    // MARK: - Wording

    static let relatedLinkPrefixes = [
        "baca juga", "lihat juga", "simak juga", "baca pula", "baca:", "baca selengkapnya", "tonton juga",
        "saksikan juga", "simak video", "baca berita",
    ]
    static let relatedHeaders: Set<String> = [
        "artikel terkait", "berita terkait", "berita lainnya", "terkini lainnya", "berita terpopuler",
        "terpopuler", "populer", "rekomendasi", "berita terbaru", "berita terbaru update", "tautan sahabat",
        "artikel lainnya", "baca berikutnya", "pilihan untukmu", "pilihan editor", "berita pilihan",
        "terkini", "terbaru", "most popular", "related", "related articles", "read more", "topik terkait",
        "video terkait", "berita rekomendasi", "rekomendasi untuk anda",
    ]
    static let adverts: Set<String> = [
        "iklan", "advertisement", "ads", "ad", "scroll to continue with content", "scroll to continue",
        "scroll untuk melanjutkan", "sponsored", "konten bersponsor", "sponsor",
    ]
    static let navigation: Set<String> = [
        "notification", "notifikasi", "×", "x", "leave a comment", "load more", "tutup", "close",
        "share", "bagikan", "komentar", "tags", "tag", "home", "beranda", "next", "prev", "previous",
        "reply", "balas", "selengkapnya", "lanjutkan membaca", "tampilkan lebih banyak", "muat lebih banyak",
        "kembali ke atas", "menu", "search", "cari",
    ]
    static let creditWords = [
        "redaktur", "editor", "penulis", "pewarta", "reporter", "sumber", "penyunting", "kontributor",
        "fotografer", "wartawan", "laporan wartawan", "author", "writer",
    ]
    static let promoPhrases = [
        "google news", "whatsapp channel", "saluran whatsapp", "ikuti kami", "follow us", "subscribe",
        "berlangganan", "download aplikasi", "unduh aplikasi", "ikuti berita", "ikuti juga", "newsletter",
        "telegram channel", "kanal whatsapp", "follow instagram", "ikuti instagram",
    ]
    /// Share buttons, comment and rating widgets: short lines containing these are furniture.
    static let widgetPhrases = [
        "bagikan artikel", "share this", "share on", "bagikan ke", "bagikan:", "share:", "komentar anda",
        "tulis komentar", "berikan komentar", "lihat komentar", "0 komentar", "reaksi anda", "bagaimana reaksi",
        "beri rating", "kirim tanggapan", "salin link", "copy link", "salin tautan", "print", "cetak",
    ]
    static let captionMarkers = ["foto:", "foto :", "/foto", "(foto", "photo:", "dok.", "(ist)", "ilustrasi:"]
    static let captionCredits: Set<String> = [
        "via", "foto", "dok", "ist", "istimewa", "antara", "reuters", "afp", "ap", "kcna", "getty", "epa",
        "anadolu", "xinhua", "shutterstock", "freepik", "net",
    ]

    static func kindByWording(_ fact: LineFacts) -> LineKind? {
        let lower = fact.lower
        let bare = lower.trimmingTrailing(":")
        if relatedLinkPrefixes.contains(where: { lower.hasPrefix($0) }) { return .relatedLink }
        if relatedHeaders.contains(bare) { return .relatedHeader }
        if adverts.contains(bare) { return .advert }
        if navigation.contains(bare) { return .navigation }
        if lower.hasPrefix("copyright") || lower.hasPrefix("hak cipta") || lower.containsBytes("©") {
            return .copyright
        }
        if fact.wordCount <= 10 {
            for word in creditWords where lower.hasPrefix(word) {
                let rest = lower.dropFirst(word.count).drop(while: { $0 == " " })
                if rest.hasPrefix(":") { return .credit }
            }
            if lower.hasPrefix("laporan wartawan") { return .credit }
        }
        if fact.isSignOff { return .signOff }
        if fact.wordCount <= 8 {
            if widgetPhrases.contains(where: { lower.containsBytes($0) }) { return .navigation }
            if lower.hasPrefix("tags:") || lower.hasPrefix("tag:") || lower.hasPrefix("topik:") { return .navigation }
            if fact.isViewCounter { return .navigation }
        }
        if fact.wordCount <= 30, promoPhrases.contains(where: { lower.containsBytes($0) }) { return .promo }
        if captionMarkers.contains(where: { lower.containsBytes($0) }) { return .caption }
        if fact.endsWithCreditParenthetical { return .caption }
        return nil
    }

    /// Drops a glued section or site suffix: `Judul Berita - News`, `Judul | Outlet`.
    static func strippingSiteSuffix(_ title: String) -> String {
        for separator in [" - ", " | ", " – ", " — "] {
            guard let range = title.range(of: separator, options: .backwards) else { continue }
            let head = title[..<range.lowerBound]
            let tail = title[range.upperBound...]
            let tailWords = tail.split(separator: " ").count
            let headWords = head.split(separator: " ").count
            if tailWords <= 3 && headWords >= 3 {
                return String(head).trimmingCharacters(in: .whitespaces)
            }
        }
        return title
    }

    // MARK: - Glued links

    /// The line with `Baca juga: …` link text removed where a scraper glued it into prose; nil when
    /// there is none, empty when nothing but the link remains.
    static func removingGluedLinks(from line: String, lower: String) -> String? {
        // Offsets found in the lower-cased line must hold in the line itself.
        guard lower.containsBytes(" juga"), lower.utf8.count == line.utf8.count else { return nil }
        var marker: Int?
        for prefix in ["baca juga", "lihat juga", "simak juga"] {
            if let offset = lower.firstByteOffset(of: prefix), offset > 0, marker == nil || offset < marker! {
                marker = offset
            }
        }
        guard let marker else { return nil }
        let bytes = Array(line.utf8)
        let before = String(decoding: bytes[..<marker], as: UTF8.self)
        let after = String(decoding: bytes[marker...], as: UTF8.self)
        // The link's headline runs in capitalised words; prose resumes at the first lower-case word,
        // whose sentence began with the last capitalised word.
        let words = after.split(separator: " ", omittingEmptySubsequences: true)
        var firstLower: Int?
        for (index, word) in words.enumerated().dropFirst(3) where word.first?.isLowercase == true {
            firstLower = index
            break
        }
        let kept: String
        if let firstLower, firstLower >= 4, words.count - firstLower >= 4 {
            kept = words[(firstLower - 1)...].joined(separator: " ")
        } else {
            kept = ""
        }
        let joined = [before.trimmingCharacters(in: .whitespaces), kept].filter { !$0.isEmpty }.joined(separator: " ")
        return joined
    }

    // MARK: - Outlet

    /// The outlet named by a folder of the file's path, when a store is arranged by outlet.
    func outlet(fromPath path: String) -> String? {
        for component in path.split(separator: "/").dropLast().reversed() {
            if LineFacts.isDomain(component) { return component.lowercased() }
            if let domain = outlets.domain(forBrand: component) { return domain }
        }
        return nil
    }

    static func outlet(lines: [LabelledLine], facts: [LineFacts]) -> String? {
        if let site = lines.indices.first(where: { lines[$0].kind == .siteName }) {
            return facts[site].lower
        }
        if let lede = lines.indices.first(where: { lines[$0].kind == .body && facts[$0].hasDateline }) {
            return facts[lede].datelineOutlet
        }
        for i in lines.indices where [.copyright, .promo, .credit, .caption].contains(lines[i].kind) {
            if let domain = facts[i].firstDomain ?? facts[i].firstBrandDomain { return domain }
        }
        return nil
    }
}

/// Measurements of one line that the rules look at.
struct LineFacts {
    let trimmed: String
    let lower: String
    let wordCount: Int
    /// The outlet named by a dateline opening the line (`GenPI.co -`, `Liputan6.com, Jakarta -`).
    let datelineOutlet: String?

    let outlets: OutletDirectory

    init(_ text: String, outlets: OutletDirectory = .bundled) {
        trimmed = Self.trim(text)
        lower = trimmed.lowercased()
        var words = 0
        var inWord = false
        for byte in trimmed.utf8 {
            let isSpace = byte == 0x20 || byte == 0x09
            if !isSpace && !inWord { words += 1 }
            inWord = !isSpace
        }
        wordCount = words
        self.outlets = outlets
        datelineOutlet = Self.datelineOutlet(of: trimmed, outlets: outlets)
    }

    /// Initials or a marker alone in parentheses: `(hal/rrd)`, `(*)`, `(ant)`.
    var isSignOff: Bool {
        guard trimmed.hasPrefix("("), trimmed.hasSuffix(")"), trimmed.count <= 24, wordCount <= 2 else { return false }
        return trimmed.dropFirst().dropLast().allSatisfy {
            $0.isLetter || $0 == "/" || $0 == "*" || $0 == "-" || $0 == " "
        }
    }

    /// `Dibaca 1.234 kali`, `2.3K views`, `1234 kali dibaca`.
    var isViewCounter: Bool {
        guard trimmed.contains(where: \.isNumber) else { return false }
        return lower.containsBytes("dibaca") || lower.containsBytes("views") || lower.containsBytes("kali dilihat")
            || lower.containsBytes("pembaca")
    }

    /// The domain of the first brand the line names (`Foto: Antara`, `detikFinance`), if any.
    var firstBrandDomain: String? {
        for word in trimmed.split(whereSeparator: { $0 == " " || $0 == "/" || $0 == "(" || $0 == ")" || $0 == ":" }) {
            if let domain = outlets.domain(forBrand: word) { return domain }
        }
        return nil
    }

    /// Drops white space and invisible marks (zero-width space, BOM, direction marks) at both ends.
    static func trim(_ text: String) -> String {
        func isInvisible(_ c: Character) -> Bool {
            c.isWhitespace || c == "\u{200B}" || c == "\u{FEFF}" || c == "\u{200E}" || c == "\u{200F}"
                || c == "\u{2060}"
        }
        guard let first = text.firstIndex(where: { !isInvisible($0) }),
            let last = text.lastIndex(where: { !isInvisible($0) })
        else { return "" }
        if first == text.startIndex && text.index(after: last) == text.endIndex { return text }
        return String(text[first...last])
    }

    var isBlank: Bool { trimmed.isEmpty }

    /// Ends as a sentence ends.
    var endsAsSentence: Bool {
        guard let last = trimmed.last else { return false }
        return ".!\"”’'):;…".contains(last)
    }

    /// Reads as a paragraph of prose rather than a heading or a widget.
    var isProse: Bool {
        (wordCount >= 5 && endsAsSentence) || wordCount > 35 || (hasDateline && wordCount >= 5)
    }

    var couldBeTitle: Bool {
        (3...30).contains(wordCount) && !endsAsSentence && !hasDateline && !trimmed.hasPrefix("-")
    }

    /// The whole line is a domain name, like `samudrafakta.com`.
    var isBareDomain: Bool { wordCount == 1 && Self.isDomain(trimmed) }

    /// The line opens with an outlet dateline.
    var hasDateline: Bool { datelineOutlet != nil }

    static func datelineOutlet(of trimmed: String, outlets: OutletDirectory) -> String? {
        // The name comes first, then a dash within the first few words.
        let head = trimmed.utf8.prefix(80)
        guard let dash = head.firstIndex(where: { $0 == 0x2D || $0 == 0xE2 }) else { return nil }
        let before = trimmed[trimmed.startIndex..<dash]
        if before.utf8.last != 0x20 && head[dash] == 0x2D && head.index(after: dash) < head.endIndex
            && head[head.index(after: dash)] != 0x2D
        {
            // A hyphen glued to a word (`Baru-baru`) is not a dateline dash.
            return nil
        }
        if head[dash] == 0xE2 {
            // Only en and em dashes (E2 80 93, E2 80 94) count among the multi-byte characters.
            let rest = trimmed.utf8[dash...].prefix(3)
            guard rest.elementsEqual([0xE2, 0x80, 0x93]) || rest.elementsEqual([0xE2, 0x80, 0x94]) else { return nil }
        }
        // `GenPI.co`, `TEMPO.CO, Jakarta`, `Jakarta, CNN Indonesia`, `Jakarta (ANTARA)`.
        guard before.split(separator: " ").count <= 5 else { return nil }
        let parts = before.split(separator: ",").map { Self.trim(String($0)) }
        guard parts.count <= 2 else { return nil }
        for part in parts {
            if isDomain(part) { return part.lowercased() }
            if let open = part.firstIndex(of: "("), part.hasSuffix(")") {
                let inside = part[part.index(after: open)..<part.index(before: part.endIndex)]
                if let domain = outlets.domain(forBrand: inside) { return domain }
            }
            if part.uppercased() == part || parts.count == 2, let domain = outlets.domain(forBrand: part) {
                return domain
            }
        }
        return nil
    }

    /// The first domain-like word of the line, lower-cased.
    var firstDomain: String? {
        for word in trimmed.split(separator: " ") {
            let cleaned = word.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:()[]\"'"))
            if Self.isDomain(cleaned) { return cleaned.lowercased() }
        }
        return nil
    }

    /// Ends with a picture credit in parentheses: `(KCNA via Reuters)`, `(ANTARA/Foto)`.
    var endsWithCreditParenthetical: Bool {
        guard trimmed.hasSuffix(")"), let open = trimmed.lastIndex(of: "(") else { return false }
        let inside = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        let words = inside.lowercased().split(whereSeparator: { !$0.isLetter })
        guard !words.isEmpty, words.count <= 6 else { return false }
        return words.contains { ArticleExtractor.captionCredits.contains(String($0)) }
    }

    static let topLevelDomains: Set<String> = [
        "com", "id", "co", "net", "org", "info", "news", "tv", "me", "io", "biz", "online", "site", "web",
        "asia", "xyz", "today", "media", "club", "my", "sg", "uk", "us",
    ]

    static func isDomain(_ text: some StringProtocol) -> Bool {
        let labels = text.lowercased().split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let tld = labels.last, topLevelDomains.contains(String(tld)) else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
        }
    }
}

extension StringProtocol {
    func trimmingTrailing(_ characters: String) -> String {
        var result = String(self)
        while let last = result.last, characters.contains(last) || last == " " { result.removeLast() }
        return result
    }
}
