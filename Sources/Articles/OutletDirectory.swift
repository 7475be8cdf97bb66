import Foundation

/// Brand names as pages write them (`ANTARA`, `detikFinance`, `CNN Indonesia`) and their domains.
public struct OutletDirectory: Sendable {
    /// Exact brands, lower-cased, without spaces.
    var exact: [String: String]
    /// Brands matched by the start of a word (`detik` for `detikFinance`).
    var prefixes: [(String, String)]

    /// The table that ships with kabar.
    public static let bundled: OutletDirectory = {
        guard let url = Bundle.module.url(forResource: "outlets", withExtension: "tsv"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return OutletDirectory(exact: [:], prefixes: []) }
        return (try? OutletDirectory(parsing: text)) ?? OutletDirectory(exact: [:], prefixes: [])
    }()

    init(exact: [String: String], prefixes: [(String, String)]) {
        self.exact = exact
        self.prefixes = prefixes
    }

    /// A problem in an outlet table, with its line number.
    public struct ParseError: Error, CustomStringConvertible, Sendable {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Parses `brand<TAB>domain` lines; `#` starts a comment.
    public init(parsing text: String) throws {
        exact = [:]
        prefixes = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "\t", omittingEmptySubsequences: true)
            guard parts.count == 2 else {
                throw ParseError(line: index + 1, message: "expected `brand<TAB>domain`")
            }
            let domain = parts[1].trimmingCharacters(in: .whitespaces).lowercased()
            guard LineFacts.isDomain(domain) else {
                throw ParseError(line: index + 1, message: "`\(domain)` is not a domain name")
            }
            var brand = Self.key(parts[0])
            if brand.hasSuffix("*") {
                brand.removeLast()
                prefixes.append((brand, domain))
            } else {
                exact[brand] = domain
            }
        }
    }

    /// This table with `other`'s entries added, `other` winning where both name a brand.
    public func merging(_ other: OutletDirectory) -> OutletDirectory {
        OutletDirectory(exact: exact.merging(other.exact) { $1 }, prefixes: other.prefixes + prefixes)
    }

    /// The domain for a brand name, if known.
    public func domain(forBrand brand: some StringProtocol) -> String? {
        let key = Self.key(brand)
        guard !key.isEmpty else { return nil }
        if let domain = exact[key] { return domain }
        return prefixes.first { key.hasPrefix($0.0) }?.1
    }

    static func key(_ text: some StringProtocol) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "*" })
    }
}
