import BundledFiles
import Foundation

/// Brand names as pages write them (`ANTARA`, `detikFinance`, `CNN Indonesia`) and their domains.
public struct OutletDirectory: Sendable {
    /// Exact brands, lower-cased, without spaces.
    var exact: [String: String]
    /// Brands matched by the start of a word (`detik` for `detikFinance`).
    var prefixes: [(String, String)]

    /// The table that ships with kabar.
    public static let bundledFile = BundledFile(name: "outlets.tsv", purpose: "table of outlets", in: .module)

    /// The files outlet naming ships with.
    public static var bundledFiles: [BundledFile] { [bundledFile] }

    /// The table in `file`, or why it cannot be had (a table with no outlet is empty).
    public static func load(_ file: BundledFile) -> Result<OutletDirectory, BundledFile.Problem> {
        file.load(
            { try OutletDirectory(parsing: String(decoding: $0, as: UTF8.self)) },
            isEmpty: { $0.exact.isEmpty && $0.prefixes.isEmpty })
    }

    private static let bundledLoad = load(bundledFile)

    /// The table that ships with kabar; empty when it is missing or damaged (a broken installation,
    /// which the program reports from `loadProblems`).
    public static let bundled: OutletDirectory = (try? bundledLoad.get()) ?? OutletDirectory(exact: [:], prefixes: [])

    /// What is wrong with the bundled table, read (once) to find out.
    public static var loadProblems: [BundledFile.Problem] { [bundledLoad.problem].compactMap { $0 } }

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

    /// A digest of the table's entries, whatever order they were read in.
    public var digest: UInt64 {
        let entries = exact.map { "\($0.key)\t\($0.value)" }.sorted() + prefixes.map { "\($0.0)*\t\($0.1)" }
        return LineModel.digest(of: Data(entries.joined(separator: "\n").utf8))
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
