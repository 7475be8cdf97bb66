import Foundation
import Library

/// A search kept under a name: its query and filters, and how many articles matched when it was
/// last opened (so the Searches view can say how many are new since).
public struct SavedSearch: Hashable, Sendable {
    public var name: String
    /// The query as typed; empty for a search of filters alone.
    public var query: String
    public var filter: ArticleFilter
    /// Matches when it was saved or last run from the Searches view.
    public var seenCount: Int

    public init(name: String, query: String, filter: ArticleFilter, seenCount: Int = 0) {
        self.name = name
        self.query = query
        self.filter = filter
        self.seenCount = seenCount
    }
}

/// The saved searches of one store, in the order they were saved, with the file format kabar
/// keeps them in.
public struct SavedSearches: Hashable, Sendable {
    public private(set) var searches: [SavedSearch] = []
    /// Lines of the text this was read from that could not be used.
    public private(set) var problems: [StateFileProblem] = []

    public init(_ searches: [SavedSearch] = []) { self.searches = searches }

    /// Keeps a search, replacing one of the same name (case ignored) where it was.
    public mutating func save(_ search: SavedSearch) {
        if let index = searches.firstIndex(where: { $0.name.lowercased() == search.name.lowercased() }) {
            searches[index] = search
        } else {
            searches.append(search)
        }
    }

    public mutating func remove(at index: Int) {
        guard searches.indices.contains(index) else { return }
        searches.remove(at: index)
    }

    /// Sets how many matched when a search was last opened.
    public mutating func setSeenCount(_ count: Int, at index: Int) {
        guard searches.indices.contains(index) else { return }
        searches[index].seenCount = count
    }

    // MARK: - File format

    static let header = "# kabar saved searches 1"

    /// The searches as kabar's state file keeps them: a header line, then one line per search:
    /// `name<TAB>query<TAB>filter<TAB>matches when last opened`. The filter is words separated by
    /// spaces: `outlet=DOMAIN`, `outlet^=START` (outlets whose domain starts so), `outlet=-` (outlet
    /// unknown), `from=YYYY-MM-DD`, `to=YYYY-MM-DD`, `undated` (undated articles pass the date
    /// range); nothing for no filter. Backslash, tab, newline and carriage return in names and
    /// queries are written `\\`, `\t`, `\n` and `\r`.
    public var serialized: String {
        var lines = [Self.header]
        for search in searches {
            lines.append(
                [
                    StateFileText.escape(search.name), StateFileText.escape(search.query),
                    Self.filterWords(search.filter), String(search.seenCount),
                ].joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads a state file's text; lines it cannot read are skipped and reported.
    public init(parsing text: String) {
        var problems: [StateFileProblem] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 4, let name = StateFileText.unescape(fields[0]), !name.isEmpty,
                let query = StateFileText.unescape(fields[1]), let filter = Self.filter(fromWords: fields[2]),
                let seen = Int(fields[3]), seen >= 0
            else {
                problems.append(
                    StateFileProblem(
                        line: index + 1, reason: "expected a name, a query, a filter and a count, separated by tabs"))
                continue
            }
            save(SavedSearch(name: name, query: query, filter: filter, seenCount: seen))
        }
        self.problems = problems
    }

    static func filterWords(_ filter: ArticleFilter) -> String {
        var words: [String] = []
        if filter.withoutOutlet {
            words.append("outlet=-")
        } else if let outlet = filter.outlet {
            words.append("outlet=" + outlet)
        }
        if let prefix = filter.outletPrefix { words.append("outlet^=" + prefix) }
        if let from = filter.fromDay { words.append("from=" + from) }
        if let to = filter.toDay { words.append("to=" + to) }
        if filter.includeUndated { words.append("undated") }
        return words.joined(separator: " ")
    }

    static func filter(fromWords text: Substring) -> ArticleFilter? {
        var filter = ArticleFilter()
        for word in text.split(separator: " ") {
            let day = #/\d{4}-\d{2}-\d{2}/#
            if word == "undated" {
                filter.includeUndated = true
            } else if word == "outlet=-" {
                filter.withoutOutlet = true
            } else if word.hasPrefix("outlet^="), word.count > 8 {
                filter.outletPrefix = String(word.dropFirst(8))
            } else if word.hasPrefix("outlet="), word.count > 7 {
                filter.outlet = String(word.dropFirst(7))
            } else if word.hasPrefix("from="), (try? day.wholeMatch(in: word.dropFirst(5))) != nil {
                filter.fromDay = String(word.dropFirst(5))
            } else if word.hasPrefix("to="), (try? day.wholeMatch(in: word.dropFirst(3))) != nil {
                filter.toDay = String(word.dropFirst(3))
            } else {
                return nil
            }
        }
        return filter
    }
}

/// The queries typed in the search prompt of one store, oldest first, newest last.
public struct SearchHistory: Hashable, Sendable {
    public private(set) var entries: [String] = []
    public private(set) var problems: [StateFileProblem] = []

    /// Queries kept at most; the oldest go first.
    public static let limit = 500

    public init(_ entries: [String] = []) { self.entries = Array(entries.suffix(Self.limit)) }

    /// Adds a query as the newest; one typed before moves up rather than appearing twice.
    /// Returns whether anything changed.
    @discardableResult
    public mutating func add(_ query: String) -> Bool {
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, entries.last != trimmed else { return false }
        entries.removeAll { $0 == trimmed }
        entries.append(trimmed)
        if entries.count > Self.limit { entries.removeFirst(entries.count - Self.limit) }
        return true
    }

    /// The newest entry before `index` (from the newest when nil) that contains `text`, case
    /// ignored; nil when none does.
    public func newest(containing text: String, before index: Int? = nil) -> Int? {
        let end = min(index ?? entries.count, entries.count)
        guard end > 0 else { return nil }
        let wanted = text.lowercased()
        return (0..<end).reversed().first { wanted.isEmpty || entries[$0].lowercased().contains(wanted) }
    }

    static let header = "# kabar search history 1"

    /// A header line, then one query per line, oldest first, escaped as saved searches are.
    public var serialized: String {
        ([Self.header] + entries.map(StateFileText.escape)).joined(separator: "\n") + "\n"
    }

    public init(parsing text: String) {
        var problems: [StateFileProblem] = []
        var entries: [String] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let query = StateFileText.unescape(line) else {
                problems.append(StateFileProblem(line: index + 1, reason: "a backslash escapes nothing it may"))
                continue
            }
            entries.append(query)
        }
        self.init(entries)
        self.problems = problems
    }
}

/// A line of a state file that could not be read.
public struct StateFileProblem: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var reason: String
    public var description: String { "line \(line): \(reason)" }
}

/// How state files write text that may hold tabs and line breaks: on one line, escaped.
enum StateFileText {
    static func escape(_ text: String) -> String { ReadingMarks.escape(text) }
    static func unescape(_ text: Substring) -> String? { ReadingMarks.unescape(text) }
}
