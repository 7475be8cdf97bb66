import Foundation

/// A search as the user typed it, parsed. Words must all match; `"exact phrases"`; `prefix*`;
/// `-excluded`; `OR` between terms; parentheses; entity fields `person:`, `org:`, `place:`; quote
/// fields `said:` (a speaker) and `quote:` (words inside a quote); and
/// filters for the whole query: `outlet:` (a prefix of the outlet's domain), `from:`, `to:`,
/// `date:` (a day, month or year), `since:` (`7d`, `2w`, `3m`, `1y`) and `sort:new|old|relevance`.
/// A query that does not parse keeps its `error`, with the position it points at.
public struct SearchQuery: Hashable, Sendable {
    /// A node of the parsed query.
    public indirect enum Node: Hashable, Sendable {
        /// One folded word; with `isPrefix`, any word starting with it matches.
        case word(String, isPrefix: Bool)
        /// Folded words that must follow each other.
        case phrase([String])
        /// An article must mention an entity of that kind whose name contains these folded words.
        case entity(EntityField)
        case all([Node])
        case any([Node])
        case not(Node)

        /// Whether the node has a phrase, whose matches are found only by reading where each
        /// candidate's words stand.
        public var hasPhrase: Bool {
            switch self {
            case .phrase: true
            case .word, .entity: false
            case .all(let nodes), .any(let nodes): nodes.contains { $0.hasPhrase }
            case .not(let inner): inner.hasPhrase
            }
        }
    }

    /// `person:putin`, `org:"gedung putih"`, `place:rusia`.
    public struct EntityField: Hashable, Sendable {
        /// The entity kind's tag: `PER`, `ORG` or `LOC`.
        public var kind: String
        public var words: [String]
        public init(kind: String, words: [String]) {
            self.kind = kind
            self.words = words
        }
    }

    public enum Sort: String, Hashable, Sendable {
        /// Best matches first when matches are few enough to rank, else newest first.
        case automatic
        case new, old, relevance
    }

    /// Why a query does not parse, and where: `offset` counts characters from the start.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        public var message: String
        public var offset: Int
        public var description: String { "column \(offset + 1): \(message)" }
    }

    public let text: String
    /// The words, phrases and entity fields; nil when the query has none (only filters, or nothing).
    public let root: Node?
    /// Outlet domain prefixes; an article's outlet must start with one of them.
    public let outlets: [String]
    /// The first and last day (`YYYY-MM-DD`) an article may be published on.
    public let fromDay: String?
    public let toDay: String?
    /// `story:N`: only articles of a story that at least N outlets carry.
    public let minimumStoryOutlets: Int?
    /// `note:WORDS`: only articles the user's notes on which have all these words (folded). The
    /// notes are the reader's, not the index's: whoever runs the query narrows the filter's
    /// `paths` to the files whose notes match (see `ArticleFilter.paths`).
    public let noteWords: [String]
    public let sort: Sort
    public let error: ParseError?
    /// Other forms of the query's words that the index searched for too (`menandatangani` →
    /// `ditandatangani`, …), so that highlighting shows them; set by the index.
    public var expansions: [String: [String]] = [:]

    static let fieldKinds: [String: String] = [
        "person": "PER", "per": "PER", "org": "ORG", "organisation": "ORG", "organization": "ORG",
        "place": "LOC", "loc": "LOC", "said": SearchQuery.saidKind, "quote": SearchQuery.quoteKind,
    ]
    /// `said:NAME`: an article quoting a speaker whose name has these words; its `EntityField` kind.
    public static let saidKind = "SAID"
    /// `quote:"words"`: an article with these words inside a quote; its `EntityField` kind.
    public static let quoteKind = "QUOTE"
    static let filterNames: Set<String> = ["outlet", "from", "to", "date", "since", "sort", "story", "note"]

    /// Parses `text`; `today` is the day `since:` counts back from.
    public init(_ text: String, today: Date = Date()) {
        self.text = text
        var parser = Parser(text: Array(text), today: today)
        do {
            let root = try parser.parseQuery()
            self.root = root
            self.outlets = parser.outlets
            self.fromDay = parser.fromDay
            self.toDay = parser.toDay
            self.minimumStoryOutlets = parser.minimumStoryOutlets
            self.noteWords = parser.noteWords
            self.sort = parser.sort
            self.error = nil
        } catch let error as ParseError {
            self.root = nil
            self.outlets = []
            self.fromDay = nil
            self.toDay = nil
            self.minimumStoryOutlets = nil
            self.noteWords = []
            self.sort = .automatic
            self.error = error
        } catch {
            preconditionFailure("the parser throws only ParseError")
        }
    }

    /// Nothing to search for: no terms and no filters (an unparsable query is not empty).
    public var isEmpty: Bool { root == nil && !hasFilters && error == nil }

    /// What to say of an empty query, `*`, `-` or `""` (`isEmpty`), wherever one is given.
    public static let nothingToSearchFor = "nothing to search for: the query has no word, phrase or filter"

    public var hasFilters: Bool {
        !outlets.isEmpty || fromDay != nil || toDay != nil || minimumStoryOutlets != nil || !noteWords.isEmpty
    }

    /// Whether the query asks for what the index finds after the words (its second phase):
    /// people, organisations, places, quotes (`said:`, `quote:`) or stories (`story:`).
    public var needsNames: Bool {
        func walk(_ node: Node) -> Bool {
            switch node {
            case .word, .phrase: return false
            case .entity: return true
            case .all(let nodes), .any(let nodes): return nodes.contains(where: walk)
            case .not(let inner): return walk(inner)
            }
        }
        return minimumStoryOutlets != nil || (root.map(walk) ?? false)
    }

    /// The words and phrases the query looks for (not those it excludes), for highlighting.
    public var terms: [Node] {
        var found: [Node] = []
        func walk(_ node: Node) {
            switch node {
            case .word, .phrase: found.append(node)
            case .entity(let field):
                found.append(field.words.count == 1 ? .word(field.words[0], isPrefix: false) : .phrase(field.words))
            case .all(let nodes), .any(let nodes): nodes.forEach(walk)
            case .not: break
            }
        }
        if let root { walk(root) }
        return found
    }

    /// The whole query as one FTS5 MATCH expression, when it has words and no entity fields.
    public var ftsExpression: String? { root.flatMap(Self.ftsExpression(for:)) }

    /// A node as an FTS5 MATCH expression, every word quoted so no user text is read as syntax;
    /// nil when the node holds an entity field, or only exclusions (FTS5 cannot say "not x" alone).
    public static func ftsExpression(for node: Node) -> String? {
        ftsExpression(for: node) { leaf in
            switch leaf {
            case .word(let word, let isPrefix): return "\"\(word)\"" + (isPrefix ? "*" : "")
            case .phrase(let words): return "\"\(words.joined(separator: " "))\""
            default: return nil
            }
        }
    }

    /// A node as an FTS5 MATCH expression with `leaf` writing words, phrases and entity fields
    /// (nil when it cannot); nil when a leaf cannot be written or the node only excludes.
    public static func ftsExpression(for node: Node, leaf: (Node) -> String?) -> String? {
        switch node {
        case .word, .phrase, .entity: return leaf(node)
        case .not: return nil
        case .any(let nodes):
            let parts = nodes.compactMap { ftsExpression(for: $0, leaf: leaf) }
            return parts.count == nodes.count ? "(" + parts.joined(separator: " OR ") + ")" : nil
        case .all(let nodes):
            var positive: [String] = []
            var negative: [String] = []
            for node in nodes {
                if case .not(let inner) = node {
                    guard let part = ftsExpression(for: inner, leaf: leaf) else { return nil }
                    negative.append(part)
                } else {
                    guard let part = ftsExpression(for: node, leaf: leaf) else { return nil }
                    positive.append(part)
                }
            }
            guard !positive.isEmpty else { return nil }
            return "(" + positive.joined(separator: " AND ") + negative.map { " NOT " + $0 }.joined() + ")"
        }
    }

    /// Whether an article passes the query: `words` are its folded words in order, `entities` its
    /// entities as (kind tag, folded words of the name), and its quotes as (`SAID`, the speaker's
    /// folded words) and (`QUOTE`, the direct quote's folded words), `outlet` and `published` (`YYYY-MM-DD…`)
    /// its metadata, `storyOutlets` how many outlets carry its story (0 without one). The meaning
    /// the index's SQL must have, stated plainly.
    ///
    /// A query word (not a prefix, not inside a phrase or a name) also matches the article's words
    /// with the same stem, as `stem` gives them (with `Stemmer.stem`, as the index expands it);
    /// compound roots written apart (`tanda tangan`) are not modelled.
    public func admits(
        words: [String], entities: [(kind: String, words: [String])], outlet: String?, published: String?,
        storyOutlets: Int = 0, stem: (String) -> String = { $0 }
    )
        -> Bool
    {
        guard error == nil else { return false }
        if let minimumStoryOutlets, storyOutlets < minimumStoryOutlets { return false }
        if !outlets.isEmpty {
            guard let outlet, outlets.contains(where: { outlet.lowercased().hasPrefix($0) }) else { return false }
        }
        if fromDay != nil || toDay != nil {
            guard let day = published.map({ String($0.prefix(10)) }) else { return false }
            if let fromDay, day < fromDay { return false }
            if let toDay, day > toDay { return false }
        }
        func contains(_ haystack: [String], _ needle: [String], prefix: Bool = false) -> Bool {
            guard !needle.isEmpty, haystack.count >= needle.count else { return false }
            for start in 0...(haystack.count - needle.count) {
                let matched = needle.indices.allSatisfy { i in
                    prefix && i == needle.count - 1
                        ? haystack[start + i].hasPrefix(needle[i]) : haystack[start + i] == needle[i]
                }
                if matched { return true }
            }
            return false
        }
        var stems: Set<String>?
        func hasStem(of word: String) -> Bool {
            if stems == nil { stems = Set(words.map(stem)) }
            return stems!.contains(stem(word))
        }
        func evaluate(_ node: Node) -> Bool {
            switch node {
            case .word(let word, true): return contains(words, [word], prefix: true)
            case .word(let word, false): return contains(words, [word]) || hasStem(of: word)
            case .phrase(let phrase): return contains(words, phrase)
            case .entity(let field):
                return entities.contains { $0.kind == field.kind && contains($0.words, field.words) }
            case .all(let nodes): return nodes.allSatisfy(evaluate)
            case .any(let nodes): return nodes.contains(where: evaluate)
            case .not(let inner): return !evaluate(inner)
            }
        }
        return root.map(evaluate) ?? true
    }

    /// Where the query's terms occur in `text`, as UTF-8 byte ranges, in order.
    public func matches(in text: String) -> [Range<Int>] { matcher().matches(in: text) }

    /// What `matches(in:)` looks for, worked out once for many texts.
    public func matcher() -> Matcher {
        var matcher = Matcher()
        for term in terms {
            switch term {
            case .word(let target, true): matcher.prefixes.append(target)
            case .word(let target, false):
                matcher.words.insert(target)
                matcher.words.formUnion(expansions[target] ?? [])
            case .phrase(let targets): matcher.phrases.append(targets)
            default: break
            }
        }
        matcher.starts = Matcher.starts(of: matcher)
        return matcher
    }

    /// Finds a query's words, prefixes and phrases in texts.
    public struct Matcher: Sendable {
        var words: Set<String> = []
        var prefixes: [String] = []
        var phrases: [[String]] = []
        /// How the terms begin, for `mayMatch`: for each pair of ASCII bytes, whether a term (a word,
        /// a prefix or a phrase's first word) begins with them (`pairIndex`); a term of one byte marks
        /// every pair it begins. Nil when a term is empty or the matcher was not made by `matcher()`:
        /// every text may match.
        var starts: [Bool]?

        public var isEmpty: Bool { words.isEmpty && prefixes.isEmpty && phrases.isEmpty }

        /// The place of a word's first two bytes in `starts`; `second` is 0 for a word of one byte.
        @inline(__always)
        static func pairIndex(_ first: UInt8, _ second: UInt8) -> Int { Int(first & 0x7F) << 7 | Int(second & 0x7F) }

        static func starts(of matcher: Matcher) -> [Bool]? {
            var starts = [Bool](repeating: false, count: 128 * 128)
            for term in Array(matcher.words) + matcher.prefixes + matcher.phrases.map({ $0.first ?? "" }) {
                let bytes = Array(term.utf8.prefix(2))
                guard let first = bytes.first else { return nil }
                // A term beyond ASCII is no word of an ASCII text, and a text beyond ASCII is folded.
                guard bytes.allSatisfy({ $0 < 0x80 }) else { continue }
                if bytes.count == 2 {
                    starts[pairIndex(first, bytes[1])] = true
                } else {
                    for second in UInt8(0)..<0x80 { starts[pairIndex(first, second)] = true }
                }
            }
            return starts
        }

        /// Whether `text` may hold a match. False only for a text of ASCII alone none of whose words
        /// begins as a term does: its words are then its runs of letters and digits, lower-cased,
        /// and a word, a prefix or a phrase matches only at a word's start. Folding the words of
        /// such a text (`foldedWords`) can be skipped.
        public func mayMatch(_ text: String) -> Bool {
            guard let starts else { return true }
            var text = text
            return text.withUTF8 { bytes in
                // The current word's first byte, lower-cased, and how many of its bytes were seen.
                var first: UInt8 = 0
                var length = 0
                for byte in bytes {
                    guard byte < 0x80 else { return true }
                    let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                    let isWordPart = (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39)
                    if isWordPart {
                        if length == 0 {
                            first = lower
                        } else if length == 1, starts[Self.pairIndex(first, lower)] {
                            return true
                        }
                        length += 1
                    } else {
                        if length == 1, starts[Self.pairIndex(first, 0)] { return true }
                        length = 0
                    }
                }
                return length == 1 && starts[Self.pairIndex(first, 0)]
            }
        }

        /// Where the terms occur in `text`, as UTF-8 byte ranges, in order.
        public func matches(in text: String) -> [Range<Int>] {
            guard !isEmpty else { return [] }
            return matches(among: SearchQuery.foldedWords(in: text))
        }

        /// Where the terms occur among a text's `foldedWords`.
        public func matches(among found: [(word: String, range: Range<Int>)]) -> [Range<Int>] {
            guard !isEmpty else { return [] }
            var ranges: [Range<Int>] = []
            for word in found where words.contains(word.word) || prefixes.contains(where: word.word.hasPrefix) {
                ranges.append(word.range)
            }
            for targets in phrases where found.count >= targets.count {
                for start in 0...(found.count - targets.count)
                where (0..<targets.count).allSatisfy({ found[start + $0].word == targets[$0] }) {
                    ranges.append(found[start].range.lowerBound..<found[start + targets.count - 1].range.upperBound)
                }
            }
            return SearchQuery.merged(ranges)
        }
    }

    /// Sorted ranges with overlaps joined.
    static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, range.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    /// Words as the index sees them: runs of letters and digits, lower-cased, diacritics removed,
    /// each with its UTF-8 byte range in `text`.
    @inlinable
    public static func foldedWords(in text: some StringProtocol) -> [(word: String, range: Range<Int>)] {
        var result: [(word: String, range: Range<Int>)] = []
        var offset = 0
        var start = -1
        var ascii = true
        var current: [UInt8] = []
        func finish() {
            guard start >= 0 else { return }
            let word = String(decoding: current, as: UTF8.self)
            result.append((word: ascii ? word : fold(word), range: start..<offset))
            start = -1
            ascii = true
            current.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let isWordPart: Bool
            if value < 0x80 {
                isWordPart =
                    (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A)
                    || (value >= 0x30 && value <= 0x39)
            } else {
                let properties = scalar.properties
                switch properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark: isWordPart = start >= 0
                default: isWordPart = properties.isAlphabetic || properties.numericType != nil
                }
            }
            let width = value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 ? 3 : 4
            if isWordPart {
                if start < 0 { start = offset }
                if value < 0x80 {
                    current.append(value >= 0x41 && value <= 0x5A ? UInt8(value) | 0x20 : UInt8(value))
                } else {
                    ascii = false
                    current.append(contentsOf: String(scalar).utf8)
                }
            } else {
                finish()
            }
            offset += width
        }
        finish()
        return result
    }

    /// Lower case without diacritics, as FTS5's `unicode61 remove_diacritics 2` folds.
    public static func fold(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word.lowercased() }
        return word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }
}
