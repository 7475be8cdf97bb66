import Foundation

/// What a scraper wrote about a page beside its text, on a line of its own: a record line
/// (`cnn indonesia | 2016-08-22 | tajuk utama | http://…`), a bare address, or `Sumber: https://…`.
public struct ScraperMetadata: Hashable, Sendable {
    /// The outlet's name as the record gives it (`cnn indonesia`), when it has one.
    public var outletName: String?
    public var date: PublishedDate?
    /// The page's address.
    public var url: WebAddress?

    public init(outletName: String? = nil, date: PublishedDate? = nil, url: WebAddress? = nil) {
        self.outletName = outletName
        self.date = date
        self.url = url
    }

    /// Labels that introduce the page's own address: `Sumber: https://…`, `URL: https://…`.
    static let addressLabels: Set<String> = ["sumber", "source", "url", "link", "tautan", "artikel asli"]

    /// The metadata a line holds, or nil when it is not such a line. Record lines count only where
    /// `recordAllowed` (a page's first and last lines), since a table row in the text looks alike.
    public static func parse(line: some StringProtocol, recordAllowed: Bool = true) -> ScraperMetadata? {
        // An address has its scheme, a record its bars: most lines have neither.
        guard line.containsBytes("://") || (recordAllowed && line.containsBytes("|")) else { return nil }
        let text = line.trimmingSpacesQuickly()
        guard !text.isEmpty else { return nil }
        if let address = WebAddress(text) { return ScraperMetadata(url: address) }
        if text.containsBytes(":"), let colon = text.firstIndex(of: ":"), colon != text.startIndex {
            let label = text[..<colon].trimmingSpacesQuickly().lowercasedQuickly()
            let rest = text[text.index(after: colon)...].trimmingSpacesQuickly()
            if addressLabels.contains(label), let address = WebAddress(rest) { return ScraperMetadata(url: address) }
        }
        return recordAllowed ? record(text) : nil
    }

    /// `outlet | date | section | address`: three to six short fields, at least one of them an
    /// address or a date standing alone.
    static func record(_ text: String) -> ScraperMetadata? {
        guard text.containsBytes("|") else { return nil }
        // In ASCII text every bar is a character of its own.
        let cut =
            text.isASCIIText
            ? text.utf8.split(separator: 0x7C, omittingEmptySubsequences: false).map { Substring($0) }
            : text.split(separator: "|", omittingEmptySubsequences: false)
        let fields = cut.map { $0.trimmingSpacesQuickly() }
        guard (3...6).contains(fields.count) else { return nil }
        var result = ScraperMetadata()
        var names: [String] = []
        for field in fields where !field.isEmpty {
            if result.url == nil, let address = WebAddress(field) {
                result.url = address
            } else if result.date == nil, let date = standaloneDate(field) {
                result.date = date
            } else if field.spaceSeparatedCount <= 4,
                !(field.isASCIIText ? field.containsBytes("://") : field.contains("://")),
                field.contains(where: \.isLetter)
            {
                names.append(field)
            } else {
                // A long field is prose, a title or a list of links; a number is a table's: not a record.
                return nil
            }
        }
        guard result.url != nil || result.date != nil else { return nil }
        result.outletName = names.first
        return result
    }

    /// A date that is the whole field (`2016-08-22`, `22/08/2016 11:58`, `2016-08-22T11:58:46+07:00`).
    static func standaloneDate(_ field: String) -> PublishedDate? {
        guard let match = DateScanner.firstMatch(in: field), match.otherWords <= 1 else { return nil }
        return match.date
    }
}

/// An `http` or `https` address, with what its host and path say about the page.
public struct WebAddress: Hashable, Sendable, CustomStringConvertible {
    public var text: String
    /// The host in lower case, without a port.
    public var host: String

    /// Reads text that is one address and nothing else.
    public init?(_ text: some StringProtocol) {
        // `http` begins the address, in either case: no other character lower-cases to an `h`.
        guard let first = text.utf8.first, first == 0x68 || first == 0x48 else { return nil }
        let text = String(text)
        let lower = text.lowercasedQuickly()
        let scheme = lower.hasPrefix("https://") ? 8 : lower.hasPrefix("http://") ? 7 : 0
        let hasSpace =
            text.isASCIIText
            ? text.utf8.contains { $0 == 0x20 || (0x09...0x0D).contains($0) } : text.contains(where: \.isWhitespace)
        guard scheme > 0, !hasSpace else { return nil }
        let rest = lower.dropFirst(scheme)
        let hostPart = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = hostPart.split(separator: "@").last.map { $0.split(separator: ":").first ?? "" } ?? ""
        guard LineFacts.isHostName(host) else { return nil }
        self.text = text
        self.host = String(host)
    }

    public var description: String { text }

    /// Second-level names under which a country's domains are registered (`poskota.co.id`).
    static let secondLevels: Set<String> = [
        "co", "com", "go", "ac", "or", "net", "web", "sch", "my", "biz", "ponpes", "desa", "mil", "org", "gov", "edu",
    ]

    /// The domain the outlet registered: `m.merdeka.com` → `merdeka.com`, `jatim.jpnn.com` →
    /// `jpnn.com`, `www.poskota.co.id` → `poskota.co.id`.
    public var registrableDomain: String { Self.registrableDomain(of: host) }

    /// The registrable part of a lower-case host name (`jatim.jpnn.com` → `jpnn.com`).
    public static func registrableDomain(of host: String) -> String {
        let labels = host.split(separator: ".")
        guard labels.count > 2 else { return host }
        let keep =
            labels[labels.count - 1].count == 2 && secondLevels.contains(String(labels[labels.count - 2])) ? 3 : 2
        return labels.suffix(keep).joined(separator: ".")
    }

    /// Hosts whose addresses name a post, a profile or a short link rather than a news page.
    static let platforms: Set<String> = [
        "twitter.com", "x.com", "facebook.com", "fb.com", "instagram.com", "youtube.com", "youtu.be", "t.me",
        "wa.me", "whatsapp.com", "tiktok.com", "bit.ly", "linktr.ee", "s.id", "google.com", "goo.gl",
        "t.co", "threads.net", "linkedin.com", "play.google.com", "apple.com",
    ]

    /// True when the address belongs to a social platform or a link shortener.
    public var isPlatform: Bool { Self.platforms.contains(registrableDomain) || Self.platforms.contains(host) }

    /// The publication day that the path spells, as outlets do: `/2016/08/29/`, `/20160822115846-…`,
    /// `/read/20160805/`.
    public var pathDate: PublishedDate? {
        let found =
            text.isASCIIText
            ? text.asciiCaseInsensitiveRange(of: host) : text.range(of: host, options: .caseInsensitive)
        guard let pathStart = found?.upperBound else { return nil }
        // Read as bytes: a path's dates are ASCII digits.
        let path = text.utf8[pathStart...].prefix { $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
        let segments = path.split(separator: UInt8(ascii: "/"))
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        func number(_ bytes: some Collection<UInt8>) -> Int { bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        for (index, segment) in segments.enumerated() {
            if segment.count == 4, segment.allSatisfy(isDigit), index + 2 < segments.count,
                segments[index + 1].count == 2, segments[index + 1].allSatisfy(isDigit),
                !segments[index + 2].isEmpty, segments[index + 2].prefix(2).allSatisfy(isDigit)
            {
                let year = number(segment)
                let date = PublishedDate(
                    year: year, month: number(segments[index + 1]), day: number(segments[index + 2].prefix(2)))
                if date.isValid, (1995...2100).contains(year) { return date }
            }
            let digits = Array(segment.prefix(while: isDigit))
            if digits.count == 8 || digits.count == 14 {
                let year = number(digits[0..<4])
                var date = PublishedDate(year: year, month: number(digits[4..<6]), day: number(digits[6..<8]))
                if digits.count == 14 {
                    date.hour = number(digits[8..<10])
                    date.minute = number(digits[10..<12])
                }
                if date.isValid, (1995...2100).contains(year) { return date }
            }
        }
        return nil
    }
}
