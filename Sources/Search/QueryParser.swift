import Foundation

/// Reads the query language of `SearchQuery`, by recursive descent over the characters:
///
///     query   = either
///     either  = all ("OR" all)*
///     all     = unary (["AND"] unary)*
///     unary   = "-" primary | primary
///     primary = "(" either ")" | "\"" words "\"" | field ":" value | word ["*"]
///
/// Filters (`outlet:`, `from:`, `to:`, `date:`, `since:`, `sort:`) apply to the whole query, so
/// they may not stand inside parentheses, after `-`, or on one side of `OR`.
struct Parser {
    typealias Node = SearchQuery.Node
    let text: [Character]
    let today: Date
    var position = 0
    /// How many parentheses or exclusions enclose the current term.
    var nesting = 0
    var outlets: [String] = []
    var fromDay: String?
    var toDay: String?
    var minimumStoryOutlets: Int?
    var noteWords: [String] = []
    var sort = SearchQuery.Sort.automatic

    init(text: [Character], today: Date) {
        self.text = text
        self.today = today
    }

    func error(_ message: String, at offset: Int) -> SearchQuery.ParseError {
        SearchQuery.ParseError(message: message, offset: offset)
    }

    var atEnd: Bool { position >= text.count }

    mutating func skipSpace() {
        while position < text.count, text[position].isWhitespace { position += 1 }
    }

    static func endsChunk(_ character: Character) -> Bool {
        character.isWhitespace || character == "(" || character == ")" || character == "\""
    }

    /// Whether `OR` stands at the current position as a word of its own.
    var atOr: Bool { at(keyword: "OR") }

    /// Whether `AND` stands at the current position as a word of its own: the conjunction that
    /// is also meant between terms with nothing between them.
    var atAnd: Bool { at(keyword: "AND") }

    func at(keyword: String) -> Bool {
        let letters = Array(keyword)
        guard position + letters.count <= text.count, Array(text[position..<(position + letters.count)]) == letters
        else { return false }
        return position + letters.count == text.count || Self.endsChunk(text[position + letters.count])
    }

    mutating func parseQuery() throws -> Node? {
        let node = try parseEither()
        skipSpace()
        if !atEnd { throw error("unmatched )", at: position) }
        if let fromDay, let toDay, fromDay > toDay {
            throw error("the dates leave nothing: \(fromDay) is after \(toDay)", at: 0)
        }
        return node
    }

    /// A branch of `OR`: its node (nil when it held only filters or no words) and where its first
    /// filter stood.
    struct Branch {
        var node: Node?
        var filterOffset: Int?
        var filterName: String?
    }

    mutating func parseEither() throws -> Node? {
        skipSpace()
        if atOr { throw error("OR needs a term before it", at: position) }
        var branches = [try parseAll()]
        var orOffsets: [Int] = []
        while atOr {
            orOffsets.append(position)
            position += 2
            skipSpace()
            if atEnd || text[position] == ")" || atOr {
                throw error("OR needs a term after it", at: orOffsets.last!)
            }
            branches.append(try parseAll())
        }
        guard branches.count > 1 else { return branches[0].node }
        for (index, branch) in branches.enumerated() {
            if let offset = branch.filterOffset, let name = branch.filterName {
                throw error("\(name): applies to the whole query, not to one side of OR", at: offset)
            }
            if branch.node == nil {
                let at = index == 0 ? orOffsets[0] : orOffsets[index - 1]
                throw error("OR needs a term on each side", at: at)
            }
        }
        return .any(branches.compactMap(\.node))
    }

    mutating func parseAll() throws -> Branch {
        var nodes: [Node] = []
        var branch = Branch()
        var hasTerm = false
        while true {
            skipSpace()
            if atEnd || text[position] == ")" || atOr { break }
            if atAnd {
                let and = position
                guard hasTerm else { throw error("AND needs a term before it", at: and) }
                position += 3
                skipSpace()
                if atEnd || text[position] == ")" || atOr || atAnd { throw error("AND needs a term after it", at: and) }
                continue
            }
            hasTerm = true
            let start = position
            let (node, filter) = try parseUnary()
            if let node { nodes.append(node) }
            if let filter, branch.filterOffset == nil {
                branch.filterOffset = start
                branch.filterName = filter
            }
        }
        branch.node = nodes.count > 1 ? .all(nodes) : nodes.first
        return branch
    }

    /// A term, or the name of the filter it set.
    mutating func parseUnary() throws -> (Node?, String?) {
        let start = position
        if text[position] == "-", position + 1 < text.count,
            text[position + 1].isLetter || text[position + 1].isNumber || text[position + 1] == "\""
                || text[position + 1] == "("
        {
            position += 1
            nesting += 1
            defer { nesting -= 1 }
            let (node, _) = try parsePrimary()
            guard let node else { throw error("- needs a word after it", at: start) }
            return (.not(node), nil)
        }
        return try parsePrimary()
    }

    mutating func parsePrimary() throws -> (Node?, String?) {
        let start = position
        switch text[position] {
        case "(":
            position += 1
            nesting += 1
            defer { nesting -= 1 }
            let node = try parseEither()
            skipSpace()
            guard !atEnd, text[position] == ")" else { throw error("unclosed (", at: start) }
            position += 1
            guard let node else { throw error("nothing inside the parentheses", at: start) }
            return (node, nil)
        case "\"":
            let words = try quoted().map(\.word)
            return (Self.node(for: words, isPrefix: false), nil)
        default:
            var end = position
            while end < text.count, !Self.endsChunk(text[end]) { end += 1 }
            let chunk = String(text[position..<end])
            if let colon = chunk.firstIndex(of: ":"), colon != chunk.startIndex,
                chunk[..<colon].allSatisfy({ $0.isLetter })
            {
                let name = chunk[..<colon].lowercased()
                let kind = SearchQuery.fieldKinds[name]
                if kind != nil || SearchQuery.filterNames.contains(name) {
                    position = end
                    var value = String(chunk[chunk.index(after: colon)...])
                    if value.isEmpty, !atEnd, text[position] == "\"" {
                        let open = position + 1
                        let end = try closingQuote()
                        value = String(text[open..<(end - 1)])
                    }
                    if value.trimmingCharacters(in: .whitespaces).isEmpty {
                        throw error("\(name): needs a value", at: start)
                    }
                    if let kind {
                        let words = SearchQuery.foldedWords(in: value).map(\.word)
                        guard !words.isEmpty else { throw error("\(name): needs a name", at: start) }
                        return (.entity(.init(kind: kind, words: words)), nil)
                    }
                    if nesting > 0 {
                        throw error("\(name): applies to the whole query: put it outside parentheses and -", at: start)
                    }
                    try applyFilter(name, value: value, at: start)
                    return (nil, name)
                }
                if !["http", "https"].contains(name) {
                    throw error(
                        "unknown field \(name): (fields: person, org, place, said, quote, note, outlet, from, to, date, since, sort, story)",
                        at: start)
                }
            }
            position = end
            let words = SearchQuery.foldedWords(in: chunk).map(\.word)
            return (Self.node(for: words, isPrefix: chunk.hasSuffix("*")), nil)
        }
    }

    /// A word, or a phrase for several (`Jong-un` is two words that must follow each other).
    static func node(for words: [String], isPrefix: Bool) -> Node? {
        switch words.count {
        case 0: nil
        case 1: .word(words[0], isPrefix: isPrefix)
        default: .phrase(words)
        }
    }

    /// Reads a quoted string at the position; the position ends after its closing quote.
    mutating func quoted() throws -> [(word: String, range: Range<Int>)] {
        let start = position
        let end = try closingQuote()
        return SearchQuery.foldedWords(in: String(text[(start + 1)..<(end - 1)]))
    }

    /// Moves past the quoted string at the position and returns the offset after its closing quote.
    mutating func closingQuote() throws -> Int {
        let start = position
        var end = position + 1
        while end < text.count, text[end] != "\"" { end += 1 }
        guard end < text.count else { throw error("unclosed \"", at: start) }
        position = end + 1
        return position
    }

    mutating func applyFilter(_ name: String, value: String, at offset: Int) throws {
        switch name {
        case "outlet":
            outlets.append(value.lowercased())
        case "from":
            narrow(from: try day(value, name: name, at: offset).first)
        case "to":
            narrow(to: try day(value, name: name, at: offset).last)
        case "date":
            let range = try day(value, name: name, at: offset)
            narrow(from: range.first)
            narrow(to: range.last)
        case "since":
            narrow(from: try since(value, at: offset))
        case "note":
            let words = SearchQuery.foldedWords(in: value).map(\.word)
            guard !words.isEmpty else { throw error("note: needs words to find in notes", at: offset) }
            noteWords += words
        case "story":
            guard let outlets = Int(value), outlets >= 1 else {
                throw error("story: expects a number of outlets, like story:3", at: offset)
            }
            minimumStoryOutlets = max(minimumStoryOutlets ?? outlets, outlets)
        case "sort":
            switch value.lowercased() {
            case "new", "newest": sort = .new
            case "old", "oldest": sort = .old
            case "relevance", "best": sort = .relevance
            default: throw error("sort: is new, old or relevance, not \(value)", at: offset)
            }
        default:
            break
        }
    }

    mutating func narrow(from day: String) { fromDay = max(fromDay ?? day, day) }
    mutating func narrow(to day: String) { toDay = min(toDay ?? day, day) }

    /// The first and last day of `2024`, `2024-06` or `2024-06-01`.
    func day(_ value: String, name: String, at offset: Int) throws -> (first: String, last: String) {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        let failure = error("\(name): expects a date like 2024-06-01, 2024-06 or 2024", at: offset)
        guard (1...3).contains(parts.count), parts.allSatisfy({ $0 != nil }),
            value.split(separator: "-").first?.count == 4
        else { throw failure }
        let year = parts[0]!
        guard (1000...9999).contains(year) else { throw failure }
        if parts.count == 1 { return (String(format: "%04d-01-01", year), String(format: "%04d-12-31", year)) }
        let month = parts[1]!
        guard (1...12).contains(month) else { throw failure }
        let length = Self.daysIn(month: month, year: year)
        if parts.count == 2 {
            return (String(format: "%04d-%02d-01", year, month), String(format: "%04d-%02d-%02d", year, month, length))
        }
        let day = parts[2]!
        guard (1...length).contains(day) else { throw failure }
        let text = String(format: "%04d-%02d-%02d", year, month, day)
        return (text, text)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The first day of the last `7d`, `2w`, `3m` or `1y`, today included (UTC days).
    func since(_ value: String, at offset: Int) throws -> String {
        let failure = error("since: expects a count and a unit, like 7d, 2w, 3m or 1y", at: offset)
        guard let unit = value.last, let count = Int(value.dropLast()), count >= 1, count <= 100_000 else {
            throw failure
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let component: Calendar.Component
        var amount = count
        // Days and weeks count today as the first day: since:1d is today, since:7d a week.
        switch unit.lowercased() {
        case "d":
            component = .day
            amount = count - 1
        case "w":
            component = .day
            amount = count * 7 - 1
        case "m": component = .month
        case "y": component = .year
        default: throw failure
        }
        guard let start = calendar.date(byAdding: component, value: -amount, to: today) else { throw failure }
        let parts = calendar.dateComponents([.year, .month, .day], from: start)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
