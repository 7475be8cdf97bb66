import Foundation

/// A search as the user typed it: words that must all match, `"exact phrases"` and `prefix*` words.
public struct SearchQuery: Hashable, Sendable {
    public enum Term: Hashable, Sendable {
        /// One folded word; with `isPrefix`, any word starting with it matches.
        case word(String, isPrefix: Bool)
        /// Folded words that must follow each other.
        case phrase([String])
    }

    /// `person:putin`, `org:"gedung putih"`, `place:rusia`: articles must mention an entity of
    /// that kind whose name contains these folded words.
    public struct EntityField: Hashable, Sendable {
        /// The entity kind's tag: `PER`, `ORG` or `LOC`.
        public var kind: String
        public var words: [String]
    }

    public let text: String
    public let terms: [Term]
    public let entityFields: [EntityField]

    static let fieldKinds: [String: String] = [
        "person": "PER", "per": "PER", "org": "ORG", "organisation": "ORG", "organization": "ORG",
        "place": "LOC", "loc": "LOC",
    ]

    public init(_ text: String) {
        self.text = text
        var terms: [Term] = []
        var fields: [EntityField] = []
        var rest = Substring(text)
        while let first = rest.first {
            if let colon = rest.prefix(14).firstIndex(of: ":"),
                let kind = Self.fieldKinds[rest[..<colon].lowercased()]
            {
                // A field: its value is a quoted phrase or one word.
                rest = rest[rest.index(after: colon)...]
                let value: Substring
                if rest.first == "\"" {
                    rest = rest.dropFirst()
                    let end = rest.firstIndex(of: "\"") ?? rest.endIndex
                    value = rest[..<end]
                    rest = end == rest.endIndex ? rest[end...] : rest[rest.index(after: end)...]
                } else {
                    let end = rest.firstIndex(where: { $0.isWhitespace }) ?? rest.endIndex
                    value = rest[..<end]
                    rest = rest[end...]
                }
                let words = SearchQuery.foldedWords(in: value).map(\.word)
                if !words.isEmpty { fields.append(EntityField(kind: kind, words: words)) }
            } else if first == "\"" {
                rest = rest.dropFirst()
                let end = rest.firstIndex(of: "\"") ?? rest.endIndex
                let words = SearchQuery.foldedWords(in: rest[..<end]).map(\.word)
                if words.count == 1 {
                    terms.append(.word(words[0], isPrefix: false))
                } else if !words.isEmpty {
                    terms.append(.phrase(words))
                }
                rest = end == rest.endIndex ? rest[end...] : rest[rest.index(after: end)...]
            } else if first.isWhitespace {
                rest = rest.dropFirst()
            } else {
                let end = rest.firstIndex(where: { $0.isWhitespace || $0 == "\"" }) ?? rest.endIndex
                let chunk = rest[..<end]
                let isPrefix = chunk.hasSuffix("*")
                let words = SearchQuery.foldedWords(in: chunk).map(\.word)
                for (index, word) in words.enumerated() {
                    terms.append(.word(word, isPrefix: isPrefix && index == words.count - 1))
                }
                rest = rest[end...]
            }
        }
        self.terms = terms
        self.entityFields = fields
    }

    public var isEmpty: Bool { terms.isEmpty && entityFields.isEmpty }

    /// The query as an FTS5 MATCH expression, every term quoted so no user text is read as syntax.
    public var ftsExpression: String? {
        guard !terms.isEmpty else { return nil }
        return terms.map { term in
            switch term {
            case .word(let word, let isPrefix): "\"\(word)\"" + (isPrefix ? "*" : "")
            case .phrase(let words): "\"\(words.joined(separator: " "))\""
            }
        }.joined(separator: " ")
    }

    /// Where the query's terms occur in `text`, as UTF-8 byte ranges, in order.
    public func matches(in text: String) -> [Range<Int>] {
        guard !isEmpty else { return [] }
        let words = SearchQuery.foldedWords(in: text)
        var ranges: [Range<Int>] = []
        let fieldTerms = entityFields.map {
            $0.words.count == 1 ? Term.word($0.words[0], isPrefix: false) : .phrase($0.words)
        }
        for term in terms + fieldTerms {
            switch term {
            case .word(let target, let isPrefix):
                for word in words where isPrefix ? word.word.hasPrefix(target) : word.word == target {
                    ranges.append(word.range)
                }
            case .phrase(let targets):
                guard words.count >= targets.count else { continue }
                for start in 0...(words.count - targets.count) {
                    if (0..<targets.count).allSatisfy({ words[start + $0].word == targets[$0] }) {
                        ranges.append(words[start].range.lowerBound..<words[start + targets.count - 1].range.upperBound)
                    }
                }
            }
        }
        return SearchQuery.merged(ranges)
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
    public static func foldedWords(in text: some StringProtocol) -> [(word: String, range: Range<Int>)] {
        var result: [(String, Range<Int>)] = []
        var offset = 0
        var current = ""
        var start = 0
        for character in text {
            if character.isLetter || character.isNumber {
                if current.isEmpty { start = offset }
                current.append(character)
            } else if !current.isEmpty {
                result.append((fold(current), start..<offset))
                current = ""
            }
            offset += character.utf8.count
        }
        if !current.isEmpty { result.append((fold(current), start..<offset)) }
        return result
    }

    /// Lower case without diacritics, as FTS5's `unicode61 remove_diacritics 2` folds.
    public static func fold(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word.lowercased() }
        return word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }
}
