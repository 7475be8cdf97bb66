import Articles
import Entities
import Foundation
import Quotes
import Search

/// The two phases of indexing: first every new file is read, cleaned and made listed and
/// searchable by its words, outlet and date; then the people, organisations, places, quotes and
/// stories of those articles are found.
public enum IndexPhase: String, Hashable, Sendable {
    case words, names
}

/// One article as lists show it.
public struct ArticleSummary: Hashable, Sendable, Identifiable {
    public var id: Int64
    /// The file's path relative to the store.
    public var path: String
    public var outlet: String?
    public var title: String?
    public var published: PublishedDate?
    /// The first words of the body, shown where the page has no title.
    public var lede: String
    /// The page's web address, where the scraper saved it beside the text.
    public var url: String?
    /// The story the article belongs to, when other articles report the same event.
    public var story: Int64?
    /// How many outlets carry that story, this article's included (0 without a story).
    public var storyOutlets = 0

    /// Whether the page has a headline of its own (else `displayTitle` is the body's first words).
    public var hasHeadline: Bool { title != nil }

    /// The title every view shows (the list, the article's header, citations, piped text): the
    /// page's headline, else the first words of its body.
    public var displayTitle: String { title ?? (lede.isEmpty ? "(empty article)" : lede) }

    public init(
        id: Int64, path: String, outlet: String?, title: String?, published: PublishedDate?, lede: String,
        url: String? = nil
    ) {
        self.id = id
        self.path = path
        self.outlet = outlet
        self.title = title
        self.published = published
        self.lede = lede
        self.url = url
    }
}

/// One article in full, as the detail pane shows it.
public struct StoredArticle: Hashable, Sendable {
    public var summary: ArticleSummary
    /// The cleaned text: paragraphs separated by `\n`.
    public var body: String
    /// Entities in `body`, by UTF-8 offsets.
    public var entities: [EntitySpan]
    /// The file's line number of each body paragraph, in order.
    public var bodyLineNumbers: [Int]
    /// The non-blank lines that are not body, labelled, so the user can check what was removed.
    public var strippedLines: [LabelledLine]
    /// The file is longer than kabar reads (`ArticleContents.byteLimit`); this is its beginning.
    public var isTruncated = false
    /// How sure the line model was of each body paragraph (in order), where it judged them.
    public var bodyConfidences: [Float?] = []
    /// Quotes in `body`, by UTF-8 offsets, in order.
    public var quotes: [Quote] = []

    public init(
        summary: ArticleSummary, body: String, entities: [EntitySpan], bodyLineNumbers: [Int],
        strippedLines: [LabelledLine]
    ) {
        self.summary = summary
        self.body = body
        self.entities = entities
        self.bodyLineNumbers = bodyLineNumbers
        self.strippedLines = strippedLines
    }

    /// The page as the file has it (blank lines left out), each line labelled: body paragraphs with
    /// their byte offset into `body`, stripped lines with their kind.
    public var rawLines: [(line: LabelledLine, bodyOffset: Int?)] {
        var result: [(line: LabelledLine, bodyOffset: Int?)] = strippedLines.map { ($0, nil) }
        var offset = 0
        for (index, paragraph) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index < bodyLineNumbers.count ? bodyLineNumbers[index] : Int.max
            let confidence = index < bodyConfidences.count ? bodyConfidences[index] : nil
            result.append(
                (LabelledLine(number: number, text: String(paragraph), kind: .body, confidence: confidence), offset))
            offset += paragraph.utf8.count + 1
        }
        return result.sorted { $0.line.number < $1.line.number }
    }
}

/// Which articles to show: by outlet and by publication day (inclusive bounds, `YYYY-MM-DD`).
public struct ArticleFilter: Hashable, Sendable {
    /// One outlet, by its exact domain.
    public var outlet: String?
    /// Outlets whose domain starts with this (case ignored), as the query's `outlet:` means.
    public var outletPrefix: String?
    /// Only articles whose outlet is not known (the text names none); `outlet` is then left aside.
    public var withoutOutlet: Bool
    public var fromDay: String?
    public var toDay: String?
    /// With a date range, articles without a publication date pass too.
    public var includeUndated: Bool
    /// Only the articles of these files (paths in the store), when set: what `note:` narrows to.
    public var paths: Set<String>?

    public init(
        outlet: String? = nil, outletPrefix: String? = nil, withoutOutlet: Bool = false, fromDay: String? = nil,
        toDay: String? = nil, includeUndated: Bool = false, paths: Set<String>? = nil
    ) {
        self.outlet = outlet
        self.outletPrefix = outletPrefix
        self.withoutOutlet = withoutOutlet
        self.fromDay = fromDay
        self.toDay = toDay
        self.includeUndated = includeUndated
        self.paths = paths
    }

    public var isEmpty: Bool { outlet == nil && outletPrefix == nil && !withoutOutlet && !hasDateRange && paths == nil }
    public var hasDateRange: Bool { fromDay != nil || toDay != nil }
    public var hasOutlet: Bool { outlet != nil || outletPrefix != nil || withoutOutlet }
    /// Whether the date range leaves undated articles out.
    public var hidesUndated: Bool { hasDateRange && !includeUndated }

    /// The filter in words, for the status line: `outlet genpi.co · 2024-06-01..2024-06-30`.
    public var summary: String {
        var parts: [String] = []
        if withoutOutlet {
            parts.append("outlet unknown")
        } else if let outlet {
            parts.append("outlet \(outlet)")
        }
        if let outletPrefix { parts.append("outlet \(outletPrefix)…") }
        if hasDateRange {
            parts.append("date \(fromDay ?? "")..\(toDay ?? "")" + (includeUndated ? " and undated" : ""))
        }
        return parts.joined(separator: " · ")
    }
}

/// A story: articles of one or more outlets reporting the same event, as the Stories pane lists it.
public struct StorySummary: Hashable, Sendable, Identifiable {
    public var id: Int64
    /// When its first and its latest article were published.
    public var first: PublishedDate?
    public var last: PublishedDate?
    public var articleCount: Int
    public var outletCount: Int
    /// The headline of the article most like the others.
    public var headline: String
    /// The names its articles mention most, most first.
    public var names: [String]

    public init(
        id: Int64, first: PublishedDate?, last: PublishedDate?, articleCount: Int, outletCount: Int, headline: String,
        names: [String]
    ) {
        self.id = id
        self.first = first
        self.last = last
        self.articleCount = articleCount
        self.outletCount = outletCount
        self.headline = headline
        self.names = names
    }
}

/// An outlet with how many articles it has.
public struct OutletCount: Hashable, Sendable {
    public var outlet: String?
    public var count: Int

    public init(outlet: String?, count: Int) {
        self.outlet = outlet
        self.count = count
    }
}

/// A search result: the article and a snippet around the matches.
public struct SearchHit: Hashable, Sendable {
    public var summary: ArticleSummary
    /// A short passage of the body with the matches in it.
    public var snippet: String
    /// The matches within `snippet`, as UTF-8 byte ranges.
    public var snippetMatches: [Range<Int>]

    public init(summary: ArticleSummary, snippet: String, snippetMatches: [Range<Int>]) {
        self.summary = summary
        self.snippet = snippet
        self.snippetMatches = snippetMatches
    }
}

extension SearchHit {
    /// About twenty words of `body` around the first match (its start when none), with the
    /// matches in it as UTF-8 ranges.
    public static func snippet(of body: String, matcher: SearchQuery.Matcher) -> (String, [Range<Int>]) {
        let window = 20
        var chosen: String?
        var words: [(word: String, range: Range<Int>)] = []
        var lineMatches: [Range<Int>] = []
        var firstParagraph: String?
        // The first paragraph with a match; the first paragraph when none has one. A paragraph
        // that cannot hold a match (`mayMatch`) is not folded word by word.
        for line in body.utf8.split(separator: 0x0A) {
            let paragraph = String(Substring(line))
            if firstParagraph == nil { firstParagraph = paragraph }
            guard matcher.mayMatch(paragraph) else { continue }
            let found = SearchQuery.foldedWords(in: paragraph)
            let matches = matcher.matches(among: found)
            if !matches.isEmpty {
                (chosen, words) = (paragraph, found)
                lineMatches = matches
                break
            }
        }
        if chosen == nil, let firstParagraph {
            (chosen, words) = (firstParagraph, SearchQuery.foldedWords(in: firstParagraph))
        }
        let text = chosen ?? ""
        guard words.count > window else { return (text, lineMatches) }
        let first = lineMatches.first.flatMap { match in words.firstIndex { $0.range.lowerBound >= match.lowerBound } }
        let startWord = max(0, min((first ?? 0) - 5, words.count - window))
        let endWord = min(words.count, startWord + window)
        let startByte = startWord == 0 ? 0 : words[startWord].range.lowerBound
        let endByte = endWord == words.count ? text.utf8.count : words[endWord - 1].range.upperBound
        let bytes = Array(text.utf8)
        let prefix = startWord == 0 ? "" : "…"
        let suffix = endWord == words.count ? "" : "…"
        let offset = prefix.utf8.count - startByte
        let snippet = prefix + String(decoding: bytes[startByte..<endByte], as: UTF8.self) + suffix
        let shifted = lineMatches.compactMap { match -> Range<Int>? in
            guard match.lowerBound >= startByte, match.upperBound <= endByte else { return nil }
            return (match.lowerBound + offset)..<(match.upperBound + offset)
        }
        return (snippet, shifted)
    }
}

/// How many articles match: counted, or estimated from a sample of them.
public struct MatchCount: Hashable, Sendable {
    public var count: Int
    public var isEstimate: Bool

    public init(_ count: Int, isEstimate: Bool = false) {
        self.count = count
        self.isEstimate = isEstimate
    }

    /// An estimate to two significant figures, as it is shown (`~980000`); a count as it is.
    public static func estimate(_ value: Double) -> MatchCount {
        guard value >= 100 else { return MatchCount(Int(value.rounded()), isEstimate: true) }
        let unit = pow(10, (log10(value) - 1).rounded(.down))
        return MatchCount(Int((value / unit).rounded() * unit), isEstimate: true)
    }
}

/// The best hits of a search and how many articles match in all.
public struct SearchResults: Hashable, Sendable {
    public var hits: [SearchHit]
    public var totalCount: Int
    /// The query as the library answered it, with the other word forms it searched for, when it did.
    public var query: SearchQuery?
    /// More articles match than `totalCount`: counting stopped there (`estimatedMatchCount` says
    /// how many in all), as counting a very common word's matches takes longer than a frame on a
    /// large archive.
    public var countIsAtLeast = false
    /// `totalCount` is an estimate (`MatchCount.isEstimate`).
    public var countIsEstimate = false

    public init(hits: [SearchHit], totalCount: Int, query: SearchQuery? = nil, countIsAtLeast: Bool = false) {
        self.hits = hits
        self.totalCount = totalCount
        self.query = query
        self.countIsAtLeast = countIsAtLeast
    }

    /// The count as people read it: `98357`, `20000+` when counting stopped there, or `~980000`
    /// when it is an estimate.
    public var countText: String {
        countIsAtLeast ? "\(totalCount)+" : countIsEstimate ? "~\(totalCount)" : String(totalCount)
    }
}

/// A quote as the Quotes view lists it: its article, where it starts in the article's cleaned
/// text, and the beginning of its words.
public struct QuoteSummary: Hashable, Sendable {
    public var article: ArticleSummary
    public var start: Int
    public var kind: QuoteKind
    public var speaker: String?
    public var role: String?
    public var cue: String?
    public var excerpt: String

    public init(
        article: ArticleSummary, start: Int, kind: QuoteKind, speaker: String?, role: String?, cue: String?,
        excerpt: String
    ) {
        self.article = article
        self.start = start
        self.kind = kind
        self.speaker = speaker
        self.role = role
        self.cue = cue
        self.excerpt = excerpt
    }
}

/// What the reader asks of an index; the SQLite index implements it, tests use small fakes.
public protocol ArticleLibrary: Sendable {
    /// Articles passing the filter, newest first, undated ones last; the first `limit` when given.
    func articles(matching filter: ArticleFilter, limit: Int?) throws -> [ArticleSummary]
    /// The articles passing the filter from the `offset`-th on, in the same order: at most `limit`.
    func articles(matching filter: ArticleFilter, offset: Int, limit: Int) throws -> [ArticleSummary]
    /// Hands every article passing the filter to `body`, in the list's order, without holding the
    /// whole list (a million articles' summaries are half a gigabyte).
    func forEachArticle(matching filter: ArticleFilter, _ body: (ArticleSummary) throws -> Void) throws
    /// Where an article stands in the filter's list (0 for the first), nil when it does not pass.
    func articlePosition(id: Int64, matching filter: ArticleFilter) throws -> Int?
    /// Every outlet with its article count, most articles first; articles whose outlet is not
    /// known count under a nil outlet.
    func outlets() throws -> [OutletCount]
    /// How many undated articles pass the filter's outlet (its dates left aside): the articles a
    /// date range hides.
    func undatedCount(matching filter: ArticleFilter) throws -> Int
    /// Articles matching the query and the filter, best first: at most `limit` of them, from the
    /// `offset`-th match on (`totalCount` counts every match).
    func search(_ query: SearchQuery, filter: ArticleFilter, offset: Int, limit: Int) throws -> SearchResults
    /// One article in full.
    func article(id: Int64) throws -> StoredArticle?
    /// Several articles in full, each as `article(id:)` gives it (nil for none) or the error
    /// reading it, read together where the library can.
    func articles(ids: [Int64]) -> [Int64: Result<StoredArticle?, any Error>]
    /// Files of the store that could not be indexed, with the reason, by path.
    func skippedFiles() throws -> [SkippedFile]
    /// Stories of two or more articles carried by at least `minimumOutlets` outlets, with an
    /// article passing the filter (and matching the query, when there is one), newest first: at
    /// most `limit` of them (every one when nil), from the `offset`-th on.
    func stories(matching query: SearchQuery?, filter: ArticleFilter, minimumOutlets: Int, offset: Int, limit: Int?)
        throws -> [StorySummary]
    /// How many stories `stories(matching:filter:minimumOutlets:offset:limit:)` lists in all.
    func storyCount(matching query: SearchQuery?, filter: ArticleFilter, minimumOutlets: Int) throws -> Int
    /// Where a story stands in that list (0 for the first); nil when it is not in it.
    func storyPosition(id: Int64, matching query: SearchQuery?, filter: ArticleFilter, minimumOutlets: Int) throws
        -> Int?
    /// The articles of a story, earliest first.
    func articles(ofStory story: Int64) throws -> [ArticleSummary]
    /// One story as the Stories pane lists it; nil when there is no such story.
    func story(id: Int64) throws -> StorySummary?
    /// An article's cleaned text alone, without finding its entities.
    func body(id: Int64) throws -> String?
    /// The quotes of speakers whose name has all of `speaker`'s words (every quote when nil), of
    /// articles passing the filter, newest first.
    func quotes(bySpeaker speaker: String?, filter: ArticleFilter, limit: Int?) throws -> [QuoteSummary]
    /// How many quotes each of these names has across the library; names without quotes left out.
    func quoteCounts(speakers: [String]) throws -> [String: Int]
    /// The ids of every article matching the query (every article when nil) and the filter,
    /// newest first, undated ones last.
    func articleIDs(matching query: SearchQuery?, filter: ArticleFilter) throws -> [Int64]
    /// The summaries of these articles, in the order given; ids of no article are left out.
    func summaries(ids: [Int64]) throws -> [ArticleSummary]
    /// The people, organisations and places each of these articles names, most mentioned first.
    func entities(ofArticles ids: [Int64]) throws -> [Int64: [NamedEntity]]
    /// How many articles matching the query (every article when nil) and the filter were published
    /// each day, by outlet when asked; days without articles and undated articles left out.
    func dayCounts(matching query: SearchQuery?, filter: ArticleFilter, byOutlet: Bool) throws -> [DayCount]
    /// How many articles match the query and the filter.
    func matchCount(_ query: SearchQuery, filter: ArticleFilter) throws -> Int
    /// How many articles match, as the status line shows it: exact when few, and when many
    /// (counting every one takes longer than a frame) possibly an estimate, said so.
    func estimatedMatchCount(_ query: SearchQuery, filter: ArticleFilter) throws -> MatchCount
    /// How many articles pass the filter.
    func articleCount(matching filter: ArticleFilter) throws -> Int
    /// The id of the article of a file (its path in the store); nil when it has none.
    func articleID(path: String) throws -> Int64?
    /// The cleaned texts of these articles, by id; articles whose file cannot be read now are left out.
    func bodies(ids: [Int64]) throws -> [Int64: String]
    /// The people, organisations and places named in the most articles of the view (of those that
    /// also name `cooccurring`, itself left out, when given), most first, at most `limit`.
    func topEntities(in view: ArticleView, cooccurring: NamedEntity?, limit: Int) throws -> [EntityCount]
}

/// Fields of tab-separated lines (kabar's TSV output, PostgreSQL's `COPY` text): a backslash as
/// `\\`, a tab as `\t`, a newline as `\n`, a carriage return as `\r`, so each record stays on one line.
public enum TabSeparated {
    public static func escaped(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        var result = ""
        result.reserveCapacity(field.utf8.count)
        for scalar in field.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// A file the scanner or the importer could not use, with the reason in words.
public struct SkippedFile: Hashable, Sendable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

extension ArticleLibrary {
    /// The first stories of the list (every one when `limit` is nil).
    public func stories(matching query: SearchQuery?, filter: ArticleFilter, minimumOutlets: Int, limit: Int?) throws
        -> [StorySummary]
    {
        try stories(matching: query, filter: filter, minimumOutlets: minimumOutlets, offset: 0, limit: limit)
    }

    /// A library that does not group stories has none.
    public func stories(
        matching query: SearchQuery?, filter: ArticleFilter, minimumOutlets: Int, offset: Int, limit: Int?
    ) throws -> [StorySummary] { [] }

    /// Counted from the whole list (a library of few stories).
    public func storyCount(matching query: SearchQuery?, filter: ArticleFilter, minimumOutlets: Int) throws -> Int {
        try stories(matching: query, filter: filter, minimumOutlets: minimumOutlets, offset: 0, limit: nil).count
    }

    /// Looked for in the whole list (a library of few stories).
    public func storyPosition(
        id: Int64, matching query: SearchQuery?, filter: ArticleFilter, minimumOutlets: Int
    ) throws -> Int? {
        try stories(matching: query, filter: filter, minimumOutlets: minimumOutlets, offset: 0, limit: nil)
            .firstIndex { $0.id == id }
    }

    public func articles(ofStory story: Int64) throws -> [ArticleSummary] { [] }

    public func body(id: Int64) throws -> String? { try article(id: id)?.body }

    /// A library that does not find quotes has none.
    public func quotes(bySpeaker speaker: String?, filter: ArticleFilter, limit: Int?) throws -> [QuoteSummary] { [] }

    public func quoteCounts(speakers: [String]) throws -> [String: Int] { [:] }

    public func articleIDs(matching query: SearchQuery?, filter: ArticleFilter) throws -> [Int64] {
        guard let query else { return try articles(matching: filter).map(\.id) }
        let total = try search(query, filter: filter, limit: 1).totalCount
        guard total > 0 else { return [] }
        // Newest first, undated last, whatever order the search ranks them in.
        let hits = try search(query, filter: filter, limit: total).hits.map(\.summary)
        return hits.sorted { ($0.published?.iso ?? "", $0.id) > ($1.published?.iso ?? "", $1.id) }.map(\.id)
    }

    public func matchCount(_ query: SearchQuery, filter: ArticleFilter) throws -> Int {
        try search(query, filter: filter, limit: 1).totalCount
    }

    /// A library that does not estimate counts them.
    public func estimatedMatchCount(_ query: SearchQuery, filter: ArticleFilter) throws -> MatchCount {
        MatchCount(try matchCount(query, filter: filter))
    }

    public func articleCount(matching filter: ArticleFilter) throws -> Int { try articles(matching: filter).count }

    public func articles(matching filter: ArticleFilter, offset: Int, limit: Int) throws -> [ArticleSummary] {
        Array(try articles(matching: filter, limit: offset + limit).dropFirst(offset))
    }

    public func articlePosition(id: Int64, matching filter: ArticleFilter) throws -> Int? {
        try articles(matching: filter).firstIndex { $0.id == id }
    }

    public func topEntities(in view: ArticleView, cooccurring: NamedEntity?, limit: Int) throws -> [EntityCount] {
        let ids: [Int64]
        switch view {
        case .matching(let query, let filter): ids = try articleIDs(matching: query, filter: filter)
        case .story(let story): ids = try articles(ofStory: story).map(\.id)
        }
        let published = Dictionary(
            try summaries(ids: ids).map { ($0.id, $0.published?.isoDay) }, uniquingKeysWith: { first, _ in first })
        func key(_ kind: EntityKind, _ name: String) -> String { kind.rawValue + "|" + name }
        let companion = cooccurring.map { key($0.kind, $0.name) }
        var found: [String: (kind: EntityKind, name: String)] = [:]
        var counts: [String: (articles: Int, days: [String: Int])] = [:]
        for (id, names) in try entities(ofArticles: ids) {
            var keys = Set<String>()
            for entity in names {
                keys.insert(key(entity.kind, entity.name))
                found[key(entity.kind, entity.name)] = (entity.kind, entity.name)
            }
            if let companion, !keys.contains(companion) { continue }
            for key in keys where key != companion {
                counts[key, default: (0, [:])].articles += 1
                if let day = published[id] ?? nil { counts[key, default: (0, [:])].days[day, default: 0] += 1 }
            }
        }
        return counts.compactMap { key, value -> EntityCount? in
            guard let entity = found[key] else { return nil }
            return EntityCount(
                kind: entity.kind, name: entity.name, articles: value.articles,
                days: value.days.map { DayCount(day: $0.key, count: $0.value) }.sorted { $0.day < $1.day })
        }
        .sorted { ($1.articles, $0.name) < ($0.articles, $1.name) }
        .prefix(limit).map { $0 }
    }

    public func articles(ids: [Int64]) -> [Int64: Result<StoredArticle?, any Error>] {
        var result: [Int64: Result<StoredArticle?, any Error>] = [:]
        for id in ids { result[id] = Result { try article(id: id) } }
        return result
    }

    public func bodies(ids: [Int64]) throws -> [Int64: String] {
        var result: [Int64: String] = [:]
        for id in ids { result[id] = (try? body(id: id)) ?? nil }
        return result
    }

    public func articleID(path: String) throws -> Int64? {
        try articles(matching: ArticleFilter()).first { $0.path == path }?.id
    }

    public func summaries(ids: [Int64]) throws -> [ArticleSummary] {
        let wanted = Set(ids)
        let byID = Dictionary(
            try articles(matching: ArticleFilter()).filter { wanted.contains($0.id) }.map { ($0.id, $0) },
            uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    public func entities(ofArticles ids: [Int64]) throws -> [Int64: [NamedEntity]] {
        var result: [Int64: [NamedEntity]] = [:]
        for id in ids {
            guard let article = try article(id: id) else { continue }
            result[id] = NamedEntity.entities(in: article.body, spans: article.entities)
        }
        return result
    }

    public func dayCounts(matching query: SearchQuery?, filter: ArticleFilter, byOutlet: Bool) throws -> [DayCount] {
        var counts: [DayCount: Int] = [:]
        for summary in try summaries(ids: try articleIDs(matching: query, filter: filter)) {
            guard let published = summary.published else { continue }
            counts[DayCount(day: published.isoDay, outlet: byOutlet ? summary.outlet : nil, count: 0), default: 0] += 1
        }
        return counts.map { DayCount(day: $0.key.day, outlet: $0.key.outlet, count: $0.value) }
            .sorted { ($0.day, $0.outlet ?? "") < ($1.day, $1.outlet ?? "") }
    }

    public func story(id: Int64) throws -> StorySummary? {
        try stories(matching: nil, filter: ArticleFilter(), minimumOutlets: 1, limit: nil).first { $0.id == id }
    }

    /// Every article passing the filter, newest first.
    public func articles(matching filter: ArticleFilter) throws -> [ArticleSummary] {
        try articles(matching: filter, limit: nil)
    }

    /// Every article passing the filter, a page of `listingPage` at a time.
    public func forEachArticle(matching filter: ArticleFilter, _ body: (ArticleSummary) throws -> Void) throws {
        var offset = 0
        while true {
            let page = try articles(matching: filter, offset: offset, limit: listingPage)
            for summary in page { try body(summary) }
            guard page.count == listingPage else { return }
            offset += page.count
        }
    }

    /// Articles read at a time by `forEachArticle` where it pages.
    public var listingPage: Int { 5000 }

    /// The best `limit` articles matching the query and the filter.
    public func search(_ query: SearchQuery, filter: ArticleFilter, limit: Int) throws -> SearchResults {
        try search(query, filter: filter, offset: 0, limit: limit)
    }

    public func undatedCount(matching filter: ArticleFilter) throws -> Int {
        let outletOnly = ArticleFilter(
            outlet: filter.outlet, outletPrefix: filter.outletPrefix, withoutOutlet: filter.withoutOutlet)
        return try articles(matching: outletOnly).count { $0.published == nil }
    }
}
