import Foundation

/// Reads a scraped page: finds outlet, title and publication date, and labels every line.
public struct ArticleExtractor: Sendable {
    public init() {}

    /// Extracts metadata and line labels from normalised text (see `ArticleText.decode`).
    public func extract(_ text: String) -> ExtractedArticle {
        let rawLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var lines = rawLines.enumerated().map { index, line in
            LabelledLine(number: index + 1, text: String(line), kind: .body)
        }
        let facts = lines.map { LineFacts($0.text) }

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

        let published =
            (dates.first { !$0.match.isUpdateStamp } ?? (dates.count == 1 ? dates.first : nil))?.match.date
        let outlet = Self.outlet(lines: lines, facts: facts)
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
        "berlangganan", "download aplikasi", "unduh aplikasi", "ikuti berita", "ikuti juga",
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

    // MARK: - Outlet

    static func outlet(lines: [LabelledLine], facts: [LineFacts]) -> String? {
        if let site = lines.indices.first(where: { lines[$0].kind == .siteName }) {
            return facts[site].lower
        }
        if let lede = lines.indices.first(where: { lines[$0].kind == .body && facts[$0].hasDateline }) {
            return facts[lede].datelineOutlet
        }
        for i in lines.indices where lines[i].kind == .copyright || lines[i].kind == .promo {
            if let domain = facts[i].firstDomain { return domain }
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

    init(_ text: String) {
        trimmed = Self.trim(text)
        lower = trimmed.lowercased()
        var words = 0
        var inWord = false
        for byte in trimmed.utf8 {
            let isSpace = byte == 0x20 || byte == 0x09 || byte == 0xA0
            if !isSpace && !inWord { words += 1 }
            inWord = !isSpace
        }
        wordCount = words
        datelineOutlet = Self.datelineOutlet(of: trimmed)
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

    static func datelineOutlet(of trimmed: String) -> String? {
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
        guard let name = before.split(separator: ",").first.map({ Self.trim(String($0)) }),
            isDomain(name), before.split(separator: " ").count <= 4
        else { return nil }
        return name.lowercased()
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

    func firstRange(ofAny needles: [String]) -> Range<Index>? {
        var best: Range<Index>?
        for needle in needles {
            if let range = self.range(of: needle), best == nil || range.lowerBound < best!.lowerBound {
                best = range
            }
        }
        return best
    }
}
