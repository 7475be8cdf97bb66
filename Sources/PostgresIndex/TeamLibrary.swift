import Articles
import Entities
import Foundation
import Library
import PostgresNIO
import Quotes
import Search

/// The team index on PostgreSQL, read as the reader reads any library. Articles come with their
/// text, so a reader needs no copy of the store; paths are `STORE/PATH`.
public final class TeamLibrary: ArticleLibrary, Sendable {
    public let session: DatabaseSession
    let stemmer: Stemmer
    /// Matches are ranked when at most this many, else listed newest first (as in SQLite).
    public static let rankingLimit = 2000
    /// A search counts its matches up to this many; the reader then asks for the whole count.
    let countingUpTo: Int
    /// A search with a phrase counts its matches up to this many (as many as are ranked, so that
    /// a phrase's hits come in the same order as in SQLite): each candidate's word list is read
    /// to check the phrase (the word index keeps no positions), so counting them all would take
    /// time in proportion to the archive. More are listed by walking the articles newest first
    /// until a page is full, which takes time in proportion to how rare the phrase is; the reader
    /// then asks for the whole count.
    let phraseCountingUpTo: Int
    /// Articles a phrase's newest-first walk goes through at most: the newest this many. A phrase
    /// whose page is not full among them (its matches are older, or fewer than they seemed) is
    /// counted and sorted whole instead, so that no walk goes through the archive.
    let phraseWalkedAtMost: Int
    /// A query's stories are those of its newest this many matches, as in SQLite.
    let storySearchLimit: Int
    /// A query of words the planner expects in at least this many articles, some times
    /// `countingUpTo`, is not counted (`plannedManyMatches`).
    let estimatingFrom: Int
    /// A prefix alone is counted by the planner's figure from this many matches on
    /// (`plannedPrefixMatches`).
    let prefixEstimatingFrom: Int

    /// The reader's connection settings. Every question the reader asks has an index; a common
    /// word's count is read from the word index faster than by reading every row, which the
    /// planner would otherwise choose. And no query is compiled to machine code (JIT): a plan
    /// that reads a small table through, as the schema check does, is costed as if it were
    /// enormous once reading through is off, and compiling it took 50 to 100 ms, far more than
    /// any of the reader's queries runs.
    static let readerSettings = ["SET enable_seqscan = off", "SET jit = off"]

    /// Opens the team index at `address` for reading; throws when it cannot be reached or holds
    /// no index this kabar reads.
    public init(
        address: DatabaseAddress, stemmer: Stemmer = .standard, countingUpTo: Int = 20_000,
        phraseCountingUpTo: Int = TeamLibrary.rankingLimit, phraseWalkedAtMost: Int = 10_000,
        storySearchLimit: Int = 2000, estimatingFrom: Int? = nil,
        prefixEstimatingFrom: Int = 4 * TeamLibrary.rankingLimit
    ) throws {
        self.prefixEstimatingFrom = max(1, prefixEstimatingFrom)
        session = DatabaseSession(address: address, settings: Self.readerSettings)
        self.stemmer = stemmer
        self.countingUpTo = countingUpTo
        self.phraseCountingUpTo = min(phraseCountingUpTo, countingUpTo)
        self.phraseWalkedAtMost = max(1, phraseWalkedAtMost)
        self.storySearchLimit = max(1, storySearchLimit)
        self.estimatingFrom = estimatingFrom ?? 4 * countingUpTo
        try session.connect()
        try TeamSchema.check(session)
    }

    /// The index's outlet names and its number of articles, and when they were read: outlet
    /// prefixes are resolved against the names, read again when a few seconds old (a load may
    /// have brought new outlets).
    private let outletList = Locked<(names: [String], articles: Int, read: UInt64)?>(nil)
    static let outletListLifetime: UInt64 = 5_000_000_000

    /// A query and filter as SQL for this index.
    func teamQuery(_ query: SearchQuery?, _ filter: ArticleFilter, stemsOnly: Bool = false) throws -> TeamQuery {
        let needsOutlets = filter.outletPrefix != nil || query?.outlets.isEmpty == false
        return TeamQuery(
            query: query, filter: filter, stemmer: stemmer, outletNames: needsOutlets ? try currentOutlets().names : [],
            stemsOnly: stemsOnly)
    }

    func currentOutlets() throws -> (names: [String], articles: Int) {
        let now = DispatchTime.now().uptimeNanoseconds
        if let cached = outletList.value, now - cached.read < Self.outletListLifetime {
            return (cached.names, cached.articles)
        }
        var names: [String] = []
        var articles = 0
        for row in try session.query("SELECT name, articles FROM kabar_outlet") {
            let (name, count) = try row.decode((String, Int).self)
            names.append(name)
            articles += count
        }
        outletList.mutate { $0 = (names, articles, now) }
        return (names, articles)
    }

    /// Whether `matches` articles are best listed in order by reading them all and sorting
    /// (found through the word index), rather than by walking the whole index newest first and
    /// checking each article's words until a page is full: the walk reads about
    /// 50 × articles / matches word lists, each costing some eight times a row read.
    func listsBySorting(matches: Int) throws -> Bool {
        let articles = try currentOutlets().articles
        return matches * matches < 400 * articles
    }

    static let summaryColumns =
        "a.id, a.path, a.outlet, a.title, a.lede, a.published, a.url, a.story, a.story_outlets"

    static func summary(_ row: PostgresRow) throws -> ArticleSummary {
        let (id, path, outlet, title, lede, published, url, story, storyOutlets) = try row.decode(
            (Int64, String, String?, String?, String, String?, String?, Int64?, Int).self)
        var summary = ArticleSummary(
            id: id, path: path, outlet: outlet, title: title, published: published.flatMap(PublishedDate.init(iso:)),
            lede: lede, url: url)
        summary.story = story
        summary.storyOutlets = storyOutlets
        return summary
    }

    static let newestFirst = "ORDER BY a.sort_key DESC, a.id DESC"

    public func articles(matching filter: ArticleFilter, limit: Int?) throws -> [ArticleSummary] {
        try articles(matching: filter, offset: 0, limit: limit ?? Int(Int32.max))
    }

    public func articles(matching filter: ArticleFilter, offset: Int, limit: Int) throws -> [ArticleSummary] {
        var plan = try teamQuery(nil, filter)
        let sql = """
            SELECT \(Self.summaryColumns) FROM kabar_article a \(plan.whereClause) \(Self.newestFirst)
            LIMIT \(plan.parameter(limit)) OFFSET \(plan.parameter(max(0, offset)))
            """
        return try session.query(sql, .of(plan.values)).map(Self.summary)
    }

    public func articleCount(matching filter: ArticleFilter) throws -> Int {
        let plan = try teamQuery(nil, filter)
        return try count("SELECT count(*) FROM kabar_article a \(plan.whereClause)", plan.values)
    }

    public func articlePosition(id: Int64, matching filter: ArticleFilter) throws -> Int? {
        var plan = try teamQuery(nil, filter)
        let target = plan.parameter(id)
        var lookup = plan
        lookup.conditions.append("a.id = \(target)")
        let found = try session.query(
            "SELECT a.sort_key FROM kabar_article a \(lookup.whereClause)", .of(lookup.values))
        guard let key = try found.first?.decode(Int64.self) else { return nil }
        // The articles before it, newest first.
        let sortKey = plan.parameter(key)
        plan.conditions.append("(a.sort_key > \(sortKey) OR (a.sort_key = \(sortKey) AND a.id > \(target)))")
        return try count("SELECT count(*) FROM kabar_article a \(plan.whereClause)", plan.values)
    }

    func count(_ sql: String, _ values: [(any Sendable)?]) throws -> Int {
        Int(try session.query(sql, .of(values)).first?.decode(Int64.self) ?? 0)
    }

    public func outlets() throws -> [OutletCount] {
        try session.query("SELECT name, articles FROM kabar_outlet WHERE articles > 0 ORDER BY articles DESC, name")
            .map { row in
                let (outlet, count) = try row.decode((String, Int).self)
                return OutletCount(outlet: outlet.isEmpty ? nil : outlet, count: count)
            }
    }

    public func undatedCount(matching filter: ArticleFilter) throws -> Int {
        let outletOnly = ArticleFilter(
            outlet: filter.outlet, outletPrefix: filter.outletPrefix, withoutOutlet: filter.withoutOutlet)
        var plan = try teamQuery(nil, outletOnly)
        plan.conditions.append("a.sort_key < \(plan.parameter(ArticleKey.firstDatedID))")
        return try count("SELECT count(*) FROM kabar_article a \(plan.whereClause)", plan.values)
    }

    public func search(_ query: SearchQuery, filter: ArticleFilter, offset: Int, limit: Int) throws -> SearchResults {
        guard query.error == nil, !query.isEmpty else { return SearchResults(hits: [], totalCount: 0) }
        var plan = try teamQuery(query, filter)
        let counting =
            "SELECT count(*) FROM (SELECT 1 FROM kabar_article a \(plan.whereClause) LIMIT \(countingUpTo + 1)) m"
        // With words, counted first: the count decides whether to rank (only a few are ranked)
        // and how to list them. Without, the count comes with the rows, in one statement.
        let whereValues = plan.values
        var counted: Int?
        var estimated = false
        if let rankQuery = plan.rankQuery {
            let phrase = query.root?.hasPhrase == true
            if try plannedManyMatches(query, filter) != nil {
                // A very common word's matches are many more than a page needs: not counted
                // (counting them reads the word's whole list, tens of milliseconds in a million
                // articles).
                counted = countingUpTo + 1
            } else if phrase || plan.conditions.count > 1 {
                // A phrase's matches listed newest first are counted only as far as ranking needs.
                let walks = phrase && (query.sort == .new || query.sort == .automatic)
                // Its words all present in more articles than are ranked: listed newest first,
                // not counted (finding each match reads the article's words). Among those
                // articles put in order, when they are few enough to sort; else by walking the
                // newest articles.
                var countingAll = false
                if walks, let loose = plan.looseWhereClause {
                    switch try newestCandidatesFirst(query, plan: plan, loose: loose, offset: offset, limit: limit) {
                    case .listed(let page): return page
                    case .many:
                        if let walked = try walkingNewestFirst(query, plan: plan, offset: offset, limit: limit) {
                            return walked
                        }
                        // Not among the newest articles: every match counted, and sorted when that is all.
                        countingAll = true
                    case .few: break
                    }
                }
                let bound = walks && !countingAll ? phraseCountingUpTo : countingUpTo
                let (found, page) = try matchesAndPage(
                    query, plan: plan, rankQuery: rankQuery, offset: offset, limit: limit, upTo: bound)
                if let page { return try results(query, page, found: found) }
                // A phrase under a NOT, in more articles than are ranked: walked likewise.
                if walks && found > bound && bound < countingUpTo {
                    if let walked = try walkingNewestFirst(query, plan: plan, offset: offset, limit: limit) {
                        return walked
                    }
                    let (all, page) = try matchesAndPage(
                        query, plan: plan, rankQuery: rankQuery, offset: offset, limit: limit, upTo: countingUpTo)
                    if let page { return try results(query, page, found: all) }
                    counted = all
                } else {
                    counted = found
                }
            } else if let planned = try plannedPrefixMatches(query, plan) {
                // A prefix many articles' words start with, alone: the planner's figure stands
                // for its count (counting it reads every match's row; the figure is said to be
                // one, `~`).
                counted = planned
                estimated = true
            } else {
                counted = try count(counting, whereValues)
            }
        }
        let ranked =
            plan.rankQuery != nil
            && (query.sort == .relevance
                || (query.sort == .automatic && counted.map { min($0, countingUpTo) <= Self.rankingLimit } ?? false))
        // Few matches among many articles: the order's index is kept out of the plan (`+ 0`), so
        // that the matches are found by their words and sorted.
        var sorted = false
        if let counted, counted <= countingUpTo { sorted = try listsBySorting(matches: counted) }
        let key = sorted ? "a.sort_key + 0" : "a.sort_key"
        let order: String
        if ranked, let rankQuery = plan.rankQuery {
            // Ties newest first, so pages follow one order.
            order =
                "ORDER BY ts_rank(\(Self.rankWeights), a.words, \(plan.parameter(rankQuery))::tsquery) DESC, a.sort_key DESC, a.id DESC"
        } else if query.sort == .old {
            order = "ORDER BY a.sort_key < \(plan.parameter(ArticleKey.firstDatedID)), \(key), a.id"
        } else {
            order = "ORDER BY \(key) DESC, a.id DESC"
        }
        // Without words there is no snippet to cut: the lede stands for it, and the text stays put.
        let sql = """
            SELECT \(Self.summaryColumns), \(query.root == nil ? "''" : "a.body") AS body,
                \(counted == nil ? "(\(counting))" : "0::bigint") AS counted
            FROM kabar_article a \(plan.whereClause) \(order)
            LIMIT \(plan.parameter(limit)) OFFSET \(plan.parameter(max(0, offset)))
            """
        var pairs: [(ArticleSummary, String)] = []
        for row in try session.query(sql, .of(plan.values)) {
            let cells = row.makeRandomAccess()
            pairs.append((try Self.summary(row), try cells["body"].decode(String.self)))
            if counted == nil { counted = Int(try cells["counted"].decode(Int64.self)) }
        }
        // No rows, no count with them: none match, or the page is past the last.
        if counted == nil { counted = offset > 0 ? try count(counting, whereValues) : 0 }
        var found = try results(query, pairs, found: counted ?? 0)
        found.countIsEstimate = estimated && !found.countIsAtLeast
        return found
    }

    /// How many articles the planner expects a prefix alone to match (no other word, no filter),
    /// when that is at least `prefixEstimatingFrom`: enough more than are ranked that the page
    /// is listed newest first whatever the true count. Nil otherwise. (The planner reads the
    /// words a prefix starts from `ANALYZE`'s statistics: 13,713 for `pemerint*` at M, 14,577
    /// in fact.)
    func plannedPrefixMatches(_ query: SearchQuery, _ plan: TeamQuery) throws -> Int? {
        guard case .word(_, isPrefix: true)? = query.root, plan.conditions.count == 1, query.sort != .relevance
        else { return nil }
        guard let planned = try plannedRows(plan), planned >= Double(prefixEstimatingFrom) else { return nil }
        return min(Int(planned), try currentOutlets().articles)
    }

    /// A phrase's matches, too many to count first, as a page newest first: found by walking
    /// the articles in that order and checking each until the page is full (the word index is
    /// kept out of the plan: through it, every candidate would be checked and then sorted). Only
    /// the newest `phraseWalkedAtMost` articles are walked: nil when the page is not full among
    /// them (then it may hold older matches).
    func walkingNewestFirst(_ query: SearchQuery, plan: TeamQuery, offset: Int, limit: Int) throws -> SearchResults? {
        var plan = plan
        // Where the newest articles end (read from the order's index alone); none when the index
        // holds no more than that many.
        let floor = try session.query(
            "SELECT sort_key FROM kabar_article ORDER BY sort_key DESC, id DESC OFFSET $1 LIMIT 1",
            .of([phraseWalkedAtMost - 1])
        ).first?.decode(Int64.self)
        if let floor { plan.conditions.append("a.sort_key > \(plan.parameter(floor))") }
        let sql = """
            SELECT \(Self.summaryColumns), a.body AS body FROM kabar_article a \(plan.whereClause)
            \(Self.newestFirst) LIMIT \(plan.parameter(limit)) OFFSET \(plan.parameter(max(0, offset)))
            """
        var pairs: [(ArticleSummary, String)] = []
        try session.transaction {
            try session.query("SET LOCAL enable_bitmapscan = off")
            for row in try session.query(sql, .of(plan.values)) {
                pairs.append((try Self.summary(row), try row.makeRandomAccess()["body"].decode(String.self)))
            }
        }
        guard floor == nil || pairs.count == limit else { return nil }
        return try pageEnd(query, pairs, offset: offset, limit: limit)
    }

    /// A page of matches that were not counted: the results say where the page ends, and that
    /// there may be more when it is full (the reader then asks for the whole count).
    func pageEnd(_ query: SearchQuery, _ pairs: [(ArticleSummary, String)], offset: Int, limit: Int) throws
        -> SearchResults
    {
        let end = max(0, offset) + pairs.count
        return try results(query, pairs, found: pairs.count == limit ? end + 1 : end, countedUpTo: end)
    }

    /// What `newestCandidatesFirst` found: the page, or that the articles with the phrase's
    /// words are few enough to count the matches among them, or too many to sort.
    enum CandidatePage {
        case listed(SearchResults)
        case few
        case many
    }

    /// The articles with all of a phrase's words are sorted newest first, to check them in
    /// that order, when there are no more than this many.
    static let candidatesSortedAtMost = 5000

    /// A page of a phrase's matches newest first, found among the articles that have all its
    /// words (`loose`), when there are more of them than a phrase's matches are counted up to
    /// and no more than `candidatesSortedAtMost`: they are taken newest first and each checked
    /// until the page is full, the matches not counted (`pageEnd`). Otherwise none is checked.
    func newestCandidatesFirst(_ query: SearchQuery, plan: TeamQuery, loose: String, offset: Int, limit: Int)
        throws -> CandidatePage
    {
        var plan = plan
        let exact = plan.conditions.joined(separator: " AND ")
        let most = min(Self.candidatesSortedAtMost, countingUpTo)
        // The candidates counted and put in order in one pass over the word index; each then
        // checked by itself (a lateral query, so that the planner cannot check them all through
        // the word index and sort them after), in that order, until a full page ends the checking.
        let sql = """
            WITH c AS MATERIALIZED (SELECT a.id, a.sort_key FROM kabar_article a \(loose) LIMIT \(most + 1)),
            n AS (SELECT count(*) AS n FROM c),
            p AS (
                SELECT s.id, s.sort_key FROM (SELECT c.id, c.sort_key FROM c ORDER BY c.sort_key DESC, c.id DESC) s
                CROSS JOIN LATERAL (SELECT 1 FROM kabar_article a WHERE a.id = s.id AND \(exact) LIMIT 1) m
                WHERE (SELECT n FROM n) > \(phraseCountingUpTo) AND (SELECT n FROM n) <= \(most)
                ORDER BY s.sort_key DESC, s.id DESC
                LIMIT \(plan.parameter(limit)) OFFSET \(plan.parameter(max(0, offset))))
            SELECT \(Self.summaryColumns), a.body AS body, n.n AS counted
            FROM n LEFT JOIN (p JOIN kabar_article a ON a.id = p.id) ON true
            ORDER BY p.sort_key DESC, p.id DESC
            """
        let (candidates, pairs) = try countAndPage(sql, plan.values)
        if candidates <= phraseCountingUpTo { return .few }
        if candidates > most { return .many }
        return .listed(try pageEnd(query, pairs, offset: offset, limit: limit))
    }

    /// A page of articles and their texts as hits, with snippets around the query's words; `found`
    /// counted up to `countedUpTo` + 1 (more than that many are said to match at least that many).
    func results(_ query: SearchQuery, _ pairs: [(ArticleSummary, String)], found: Int, countedUpTo: Int? = nil)
        throws -> SearchResults
    {
        let total = min(found, countedUpTo ?? countingUpTo)
        var expanded = query
        expanded.expansions = try expansions(of: query)
        let matcher = expanded.matcher()
        let hits = pairs.map { summary, body -> SearchHit in
            guard query.root != nil else {
                return SearchHit(summary: summary, snippet: summary.lede, snippetMatches: [])
            }
            let (snippet, matches) = SearchHit.snippet(of: body, matcher: matcher)
            return SearchHit(summary: summary, snippet: snippet, snippetMatches: matches)
        }
        return SearchResults(hits: hits, totalCount: total, query: expanded, countIsAtLeast: found > total)
    }

    /// Title words weigh most (weight A).
    static let rankWeights = "'{0.1, 0.2, 0.4, 1.0}'"

    /// A search's matches in one pass: how many (up to `bound` + 1) and, when that many
    /// are all of them, the page, sorted from them: by rank when they are few enough to rank
    /// (`rankingLimit`) or relevance is asked for, ties newest first, else in the order asked.
    /// The page is nil when more match than are counted (they are not all at hand to sort).
    /// For phrases, and for words narrowed by outlet, dates or story: finding a phrase's matches
    /// reads each candidate's words from the table's side storage (the word index keeps no
    /// positions), and words narrowed by a filter are found by joining a word's whole list with
    /// the filter's, so counting and then listing would do either twice. (For words alone,
    /// counting and then listing is as quick or quicker: their matches are many, or few and
    /// quickly found.)
    func matchesAndPage(
        _ query: SearchQuery, plan: TeamQuery, rankQuery: String, offset: Int, limit: Int, upTo bound: Int
    ) throws -> (found: Int, page: [(ArticleSummary, String)]?) {
        var plan = plan
        let ranks = query.sort == .relevance || query.sort == .automatic
        let rank: String
        switch query.sort {
        case .relevance:
            rank = "ts_rank(\(Self.rankWeights), m.words, \(plan.parameter(rankQuery))::tsquery)"
        case .automatic:
            rank = """
                CASE WHEN (SELECT n FROM c) <= \(Self.rankingLimit)
                THEN ts_rank(\(Self.rankWeights), m.words, \(plan.parameter(rankQuery))::tsquery) END
                """
        case .new, .old:
            rank = "NULL::real"
        }
        func order(_ table: String) -> String {
            query.sort == .old
                ? "\(table).sort_key < \(ArticleKey.firstDatedID), \(table).sort_key, \(table).id"
                : "\(table).sort_key DESC, \(table).id DESC"
        }
        let sql = """
            WITH m AS MATERIALIZED (
                SELECT a.id, a.sort_key\(ranks ? ", a.words" : "") FROM kabar_article a
                \(plan.whereClause) LIMIT \(bound + 1)),
            c AS (SELECT count(*) AS n FROM m),
            p AS (
                SELECT m.id, m.sort_key, \(rank) AS rank FROM m ORDER BY rank DESC NULLS LAST, \(order("m"))
                LIMIT \(plan.parameter(limit)) OFFSET \(plan.parameter(max(0, offset))))
            SELECT \(Self.summaryColumns), a.body AS body, c.n AS counted
            FROM c LEFT JOIN (p JOIN kabar_article a ON a.id = p.id) ON true
            ORDER BY p.rank DESC NULLS LAST, \(order("p"))
            """
        let (found, page) = try countAndPage(sql, plan.values)
        return (found, found <= bound ? page : nil)
    }

    /// The rows of a statement that gives a count (`counted`) beside a page of articles and
    /// their texts, and one row with the count alone when the page is empty.
    func countAndPage(_ sql: String, _ values: [(any Sendable)?]) throws -> (Int, [(ArticleSummary, String)]) {
        var found = 0
        var page: [(ArticleSummary, String)] = []
        for row in try session.query(sql, .of(values)) {
            let cells = row.makeRandomAccess()
            found = Int(try cells["counted"].decode(Int64.self))
            guard try cells["id"].decode(Int64?.self) != nil else { continue }
            page.append((try Self.summary(row), try cells["body"].decode(String.self)))
        }
        return (found, page)
    }

    /// The other forms of the query's words in the archive (the words of the same stem), for
    /// highlighting.
    func expansions(of query: SearchQuery) throws -> [String: [String]] {
        var stems: [String: String] = [:]
        for case .word(let word, false) in query.terms { stems[word] = stemmer.stem(word) }
        guard !stems.isEmpty else { return [:] }
        var forms: [String: [String]] = [:]
        let rows = try session.query(
            "SELECT stem, word FROM kabar_word WHERE stem = ANY($1::text[]) ORDER BY stem, word LIMIT 1000",
            .of([Array(Set(stems.values))]))
        for row in rows {
            let (stem, word) = try row.decode((String, String).self)
            forms[stem, default: []].append(word)
        }
        var result: [String: [String]] = [:]
        for (word, stem) in stems {
            let other = ([stem] + (forms[stem] ?? [])).filter { $0 != word }
            if !other.isEmpty { result[word] = other }
        }
        return result
    }

    public func matchCount(_ query: SearchQuery, filter: ArticleFilter) throws -> Int {
        guard query.error == nil, !query.isEmpty else { return 0 }
        let plan = try teamQuery(query, filter)
        return try count("SELECT count(*) FROM kabar_article a \(plan.whereClause)", plan.values)
    }

    /// Counted, or for a very common word in a large archive (`plannedManyMatches`) the
    /// planner's estimate from the word index's statistics, as the status line shows it.
    public func estimatedMatchCount(_ query: SearchQuery, filter: ArticleFilter) throws -> MatchCount {
        guard query.error == nil, !query.isEmpty else { return MatchCount(0) }
        if let planned = try plannedManyMatches(query, filter) { return MatchCount.estimate(planned) }
        let plan = try teamQuery(query, filter)
        return MatchCount(try count("SELECT count(*) FROM kabar_article a \(plan.whereClause)", plan.values))
    }

    /// How many articles the planner expects to match, when at least `estimatingFrom`; nil
    /// otherwise, and for queries whose figure could run high. The planner reads a word's
    /// share of the articles from the statistics `ANALYZE` keeps (close for a word most articles
    /// use; each word is asked for as its stem's lexeme, `stemsOnly`) and takes words and filters
    /// as independent, which puts words that go together (most do) lower than they are: so only
    /// plain words, all required, are taken. Phrases, prefixes, alternatives, exclusions and names
    /// are counted.
    func plannedManyMatches(_ query: SearchQuery, _ filter: ArticleFilter) throws -> Double? {
        func plainWords(_ node: SearchQuery.Node) -> Bool {
            switch node {
            case .word(_, isPrefix: false): return true
            case .all(let nodes): return nodes.allSatisfy(plainWords)
            default: return false
            }
        }
        guard let root = query.root, plainWords(root) else { return nil }
        let articles = try currentOutlets().articles
        guard articles >= estimatingFrom else { return nil }
        let plan = try teamQuery(query, filter, stemsOnly: true)
        guard let planned = try plannedRows(plan), planned >= Double(max(1, estimatingFrom)) else { return nil }
        return min(planned, Double(articles))
    }

    /// How many articles the planner expects to meet the plan's conditions.
    func plannedRows(_ plan: TeamQuery) throws -> Double? {
        // The top line of the plan: `… (cost=… rows=N width=…)`.
        let lines = try session.query("EXPLAIN SELECT 1 FROM kabar_article a \(plan.whereClause)", .of(plan.values))
        guard let top = try lines.first?.decode(String.self), let range = top.range(of: "rows=") else { return nil }
        return Double(top[range.upperBound...].prefix(while: \.isNumber))
    }

    public func articleIDs(matching query: SearchQuery?, filter: ArticleFilter) throws -> [Int64] {
        if let query, query.error != nil || query.isEmpty { return [] }
        let plan = try teamQuery(query, filter)
        return try session.query(
            "SELECT a.id FROM kabar_article a \(plan.whereClause) \(Self.newestFirst)", .of(plan.values)
        )
        .map { try $0.decode(Int64.self) }
    }

    public func summaries(ids: [Int64]) throws -> [ArticleSummary] {
        guard !ids.isEmpty else { return [] }
        let found = try session.query(
            "SELECT \(Self.summaryColumns) FROM kabar_article a WHERE a.id = ANY($1::bigint[])", .of([ids])
        ).map(Self.summary)
        let byID = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    public func articleID(path: String) throws -> Int64? {
        try session.query("SELECT id FROM kabar_article WHERE path = $1 LIMIT 1", .of([path])).first?.decode(Int64.self)
    }

    public func article(id: Int64) throws -> StoredArticle? {
        let rows = try session.query(
            """
            SELECT \(Self.summaryColumns), a.body, a.spans, a.line_numbers, a.stripped, a.truncated,
                a.confidences, a.quotes FROM kabar_article a WHERE a.id = $1
            """, .of([id]))
        guard let row = rows.first else { return nil }
        let summary = try Self.summary(row)
        let cells = row.makeRandomAccess()
        let body = try cells["body"].decode(String.self)
        let decoder = JSONDecoder()
        func json<T: Decodable>(_ column: String, _ type: T.Type) throws -> T {
            try decoder.decode(T.self, from: Data(try cells[column].decode(String.self).utf8))
        }
        var article = StoredArticle(
            summary: summary, body: body, entities: try json("spans", [EntitySpan].self),
            bodyLineNumbers: try cells["line_numbers"].decode([Int].self),
            strippedLines: try json("stripped", [StoredLine].self).map(\.line))
        article.isTruncated = try cells["truncated"].decode(Bool.self)
        article.bodyConfidences = try json("confidences", [Float?].self)
        article.quotes = try json("quotes", [Quote].self)
        return article
    }

    public func body(id: Int64) throws -> String? {
        try session.query("SELECT body FROM kabar_article WHERE id = $1", .of([id])).first?.decode(String.self)
    }

    public func bodies(ids: [Int64]) throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        var result: [Int64: String] = [:]
        for row in try session.query("SELECT id, body FROM kabar_article WHERE id = ANY($1::bigint[])", .of([ids])) {
            let (id, body) = try row.decode((Int64, String).self)
            result[id] = body
        }
        return result
    }

    public func entities(ofArticles ids: [Int64]) throws -> [Int64: [NamedEntity]] {
        guard !ids.isEmpty else { return [:] }
        var result: [Int64: [NamedEntity]] = [:]
        for row in try session.query("SELECT id, named FROM kabar_article WHERE id = ANY($1::bigint[])", .of([ids])) {
            let (id, named) = try row.decode((Int64, String).self)
            result[id] = try JSONDecoder().decode([StoredEntity].self, from: Data(named.utf8)).map(\.entity)
        }
        return result
    }

    /// A dated article's day (days since 1900) as SQL, from its sort key (`key`, an `ArticleKey`,
    /// which holds the publication slot).
    static func day(ofKey key: String) -> String {
        "((\(key) - \(ArticleKey.firstDatedID)) >> \(ArticleKey.sequenceBits)) / \(ArticleKey.slotsPerDay)"
    }

    public func dayCounts(matching query: SearchQuery?, filter: ArticleFilter, byOutlet: Bool) throws -> [DayCount] {
        if let query, query.error != nil || query.isEmpty { return [] }
        var plan = try teamQuery(query, filter)
        plan.conditions.append("a.sort_key >= \(plan.parameter(ArticleKey.firstDatedID))")
        let sql = """
            SELECT \(Self.day(ofKey: "a.sort_key")) AS day, \(byOutlet ? "a.outlet" : "NULL::text") AS outlet, count(*)
            FROM kabar_article a \(plan.whereClause) GROUP BY 1, 2
            """
        return try session.query(sql, .of(plan.values)).map { row in
            let (day, outlet, count) = try row.decode((Int64, String?, Int64).self)
            return DayCount(
                day: ArticleKey.date(ofDay: day).isoDay, outlet: outlet?.isEmpty == true ? nil : outlet,
                count: Int(count))
        }
        .sorted { ($0.day, $0.outlet ?? "") < ($1.day, $1.outlet ?? "") }
    }

    /// The names most articles of the view name, counted by the server from each article's names
    /// (as the store's index counts them: most articles first, then by name byte by byte).
    public func topEntities(in view: ArticleView, cooccurring: NamedEntity?, limit: Int) throws -> [EntityCount] {
        var plan: TeamQuery
        switch view {
        case .story(let story):
            plan = try teamQuery(nil, ArticleFilter())
            plan.conditions.append("a.story = \(plan.parameter(story))")
        case .matching(let query, let filter):
            if let query, query.error != nil || query.isEmpty { return [] }
            plan = try teamQuery(query, filter)
        }
        var others = ""
        if let cooccurring {
            let (kind, name) = (plan.parameter(cooccurring.kind.rawValue), plan.parameter(cooccurring.name))
            plan.conditions.append(
                """
                EXISTS (SELECT 1 FROM jsonb_to_recordset(a.named::jsonb) c(kind text, name text)
                    WHERE c.kind = \(kind) AND c.name = \(name))
                """)
            others = "WHERE NOT (e.kind = \(kind) AND e.name = \(name))"
        }
        let sql = """
            WITH found AS MATERIALIZED (
                SELECT e.kind, e.name, a.sort_key FROM
                    (SELECT a.named, a.sort_key FROM kabar_article a \(plan.whereClause)) a,
                    jsonb_to_recordset(a.named::jsonb) e(kind text, name text) \(others)),
            top AS (
                SELECT kind, name, count(*) AS articles FROM found GROUP BY 1, 2
                ORDER BY articles DESC, name COLLATE "C", kind LIMIT \(plan.parameter(limit))),
            days AS (
                SELECT f.kind, f.name, \(Self.day(ofKey: "f.sort_key")) AS day, count(*) AS n
                FROM found f JOIN top t ON t.kind = f.kind AND t.name = f.name
                WHERE f.sort_key >= \(ArticleKey.firstDatedID) GROUP BY 1, 2, 3)
            SELECT t.kind, t.name, t.articles, d.day, d.n FROM top t
            LEFT JOIN days d ON d.kind = t.kind AND d.name = t.name
            ORDER BY t.articles DESC, t.name COLLATE "C", t.kind, d.day
            """
        var counts: [EntityCount] = []
        for row in try session.query(sql, .of(plan.values)) {
            let (kind, name, articles, day, count) = try row.decode((String, String, Int64, Int64?, Int64?).self)
            guard let kind = EntityKind(rawValue: kind) else { continue }
            if counts.last?.kind != kind || counts.last?.name != name {
                counts.append(EntityCount(kind: kind, name: name, articles: Int(articles), days: []))
            }
            if let day, let count {
                counts[counts.count - 1].days.append(
                    DayCount(day: ArticleKey.date(ofDay: day).isoDay, count: Int(count)))
            }
        }
        return counts
    }

    public func skippedFiles() throws -> [SkippedFile] {
        try session.query(
            "SELECT s.name || '/' || k.path, k.reason FROM kabar_skipped k JOIN kabar_store s ON s.id = k.store ORDER BY 1"
        ).map { row in
            let (path, reason) = try row.decode((String, String).self)
            return SkippedFile(path: path, reason: reason)
        }
    }

    public func stories(
        matching query: SearchQuery?, filter: ArticleFilter, minimumOutlets: Int, offset: Int, limit: Int?
    ) throws -> [StorySummary] {
        guard let (listed, conditions) = try storyConditions(query, filter, minimumOutlets) else { return [] }
        var plan = listed
        let sql = """
            SELECT \(Self.storyColumns) FROM kabar_story s WHERE \(conditions)
            ORDER BY s.last DESC NULLS LAST, s.id DESC \(limit.map { "LIMIT \(plan.parameter($0))" } ?? "")
            OFFSET \(plan.parameter(max(0, offset)))
            """
        return try session.query(sql, .of(plan.values)).map(Self.story)
    }

    public func storyCount(matching query: SearchQuery?, filter: ArticleFilter, minimumOutlets: Int) throws -> Int {
        guard let (plan, conditions) = try storyConditions(query, filter, minimumOutlets) else { return 0 }
        return try count("SELECT count(*) FROM kabar_story s WHERE \(conditions)", plan.values)
    }

    public func storyPosition(id: Int64, matching query: SearchQuery?, filter: ArticleFilter, minimumOutlets: Int)
        throws -> Int?
    {
        guard let (listed, conditions) = try storyConditions(query, filter, minimumOutlets) else { return nil }
        var plan = listed
        // Listed at all, and then after how many (newest first, undated last, ties by id).
        let story = plan.parameter(id)
        let sql = """
            SELECT (SELECT count(*) FROM kabar_story s WHERE \(conditions)
                AND (o.last IS NULL AND (s.last IS NOT NULL OR s.id > o.id)
                    OR o.last IS NOT NULL AND (s.last > o.last OR s.last = o.last AND s.id > o.id)))
            FROM kabar_story o WHERE o.id = \(story) AND o.id IN (SELECT s.id FROM kabar_story s WHERE \(conditions))
            """
        return try session.query(sql, .of(plan.values)).first.map { Int(try $0.decode(Int64.self)) }
    }

    /// The conditions on `kabar_story s` of the stories listed for a query, filter and least
    /// number of outlets, with their parameters; nil when the query is in error.
    func storyConditions(_ query: SearchQuery?, _ filter: ArticleFilter, _ minimumOutlets: Int) throws
        -> (TeamQuery, String)?
    {
        if let query, query.error != nil { return nil }
        let searching = query.map { !$0.isEmpty } ?? false
        var plan = try teamQuery(searching ? query : nil, filter)
        let minimum = plan.parameter(max(1, minimumOutlets))
        let articles: String
        if searching {
            // The stories of the newest matches.
            articles = """
                SELECT n.story FROM (
                    SELECT a.story FROM kabar_article a \(plan.whereClause) \(Self.newestFirst)
                    LIMIT \(plan.parameter(storySearchLimit))) n
                WHERE n.story IS NOT NULL
                """
        } else {
            plan.conditions.append("a.story IS NOT NULL")
            articles = "SELECT a.story FROM kabar_article a \(plan.whereClause)"
        }
        let conditions = "s.articles >= 2 AND s.outlets >= \(minimum) AND s.id IN (\(articles))"
        return (plan, conditions)
    }

    static let storyColumns = "s.id, s.first, s.last, s.articles, s.outlets, s.headline, s.names"

    static func story(_ row: PostgresRow) throws -> StorySummary {
        let (id, first, last, articles, outlets, headline, names) = try row.decode(
            (Int64, String?, String?, Int, Int, String, [String]).self)
        return StorySummary(
            id: id, first: first.flatMap(PublishedDate.init(iso:)), last: last.flatMap(PublishedDate.init(iso:)),
            articleCount: articles, outletCount: outlets, headline: headline, names: names)
    }

    public func story(id: Int64) throws -> StorySummary? {
        try session.query(
            "SELECT \(Self.storyColumns) FROM kabar_story s WHERE s.id = $1",
            .of([id])
        ).first.map(Self.story)
    }

    public func articles(ofStory story: Int64) throws -> [ArticleSummary] {
        try session.query(
            "SELECT \(Self.summaryColumns) FROM kabar_article a WHERE a.story = $1 ORDER BY a.story_position, a.id",
            .of([story])
        ).map(Self.summary)
    }

    public func quotes(bySpeaker speaker: String?, filter: ArticleFilter, limit: Int?) throws -> [QuoteSummary] {
        var plan = try teamQuery(nil, filter)
        if let speaker {
            let words = SearchQuery.foldedWords(in: speaker).map(\.word)
            guard !words.isEmpty else { return [] }
            let query = words.map { TextVectors.quoted(TextVectors.nameLexeme(SearchQuery.saidKind, $0)) }
                .joined(separator: " & ")
            plan.conditions.append("a.names @@ \(plan.parameter(query))::tsquery")
        } else {
            plan.conditions.append("a.quotes <> '[]'")
        }
        let sql = """
            SELECT \(Self.summaryColumns), a.body, a.quotes FROM kabar_article a \(plan.whereClause) \(Self.newestFirst)
            """
        var result: [QuoteSummary] = []
        let wanted = speaker.map { Set(SearchQuery.foldedWords(in: $0).map(\.word)) }
        for row in try session.query(sql, .of(plan.values)) {
            let summary = try Self.summary(row)
            let cells = row.makeRandomAccess()
            let body = try cells["body"].decode(String.self)
            let quotes = try JSONDecoder().decode(
                [Quote].self, from: Data(try cells["quotes"].decode(String.self).utf8))
            for quote in quotes {
                if let wanted {
                    guard let said = quote.speaker,
                        wanted.isSubset(of: Set(SearchQuery.foldedWords(in: said).map(\.word)))
                    else { continue }
                }
                result.append(
                    QuoteSummary(
                        article: summary, start: quote.start, kind: quote.kind, speaker: quote.speaker,
                        role: quote.role,
                        cue: Quote.slice(quote.cue, of: body), excerpt: quote.excerpt(in: body)))
                if let limit, result.count >= limit { return result }
            }
        }
        return result
    }
}

extension TeamLibrary {
    /// How many quotes each of these names has across the index (the speakers whose name has all
    /// of its words); names without quotes are left out.
    public func quoteCounts(speakers: [String]) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        let decoder = JSONDecoder()
        for name in Set(speakers) {
            let words = Set(SearchQuery.foldedWords(in: name).map(\.word))
            guard !words.isEmpty else { continue }
            let query = words.sorted().map { TextVectors.quoted(TextVectors.nameLexeme(SearchQuery.saidKind, $0)) }
                .joined(separator: " & ")
            var count = 0
            for row in try session.query("SELECT quotes FROM kabar_article WHERE names @@ $1::tsquery", .of([query])) {
                let quotes = try decoder.decode([Quote].self, from: Data(try row.decode(String.self).utf8))
                count += quotes.count { quote in
                    quote.speaker.map { words.isSubset(of: SearchQuery.foldedWords(in: $0).map(\.word)) } ?? false
                }
            }
            if count > 0 { counts[name] = count }
        }
        return counts
    }
}

/// A stripped line as the team index keeps it.
struct StoredLine: Codable {
    var number: Int
    var text: String
    var kind: LineKind
    var cleaned: String?
    var confidence: Float?

    init(_ line: LabelledLine) {
        number = line.number
        text = line.text
        kind = line.kind
        cleaned = line.cleanedText
        confidence = line.confidence
    }

    var line: LabelledLine {
        LabelledLine(number: number, text: text, kind: kind, cleanedText: cleaned, confidence: confidence)
    }
}

/// A named entity as the team index keeps it.
struct StoredEntity: Codable {
    var kind: EntityKind
    var name: String
    var mentions: Int

    init(_ entity: NamedEntity) {
        kind = entity.kind
        name = entity.name
        mentions = entity.mentions
    }

    var entity: NamedEntity { NamedEntity(kind: kind, name: name, mentions: mentions) }
}
