import ArticleFiles
import Articles
import Foundation
import GRDB
import Library
import Search

extension ArticleIndex {
    /// Matches ranked by relevance when there are at most this many (bm25 scores every match);
    /// more are shown newest first, which the index reads in id order without scoring.
    static let rankingLimit = 2000

    public func search(_ query: SearchQuery, filter: ArticleFilter, offset: Int, limit: Int) throws -> SearchResults {
        guard query.error == nil, !query.isEmpty else { return SearchResults(hits: [], totalCount: 0) }
        let (expanded, total, rows, hasText, atLeast) = try database.read { db in
            let (plan, expanded) = try self.plan(query, filter: filter, in: db)
            // Counted up to a bound: past it, the count follows (`estimatedMatchCount`) and the
            // page does not wait. A phrase's matches are found by reading where each candidate's
            // words stand (a common phrase's 20,000 took 5 ms of a million articles): unless they
            // are ranked whole, they are counted only as far as the choice to rank needs.
            let bound =
                query.sort != .relevance && query.root?.hasPhrase == true
                ? min(self.countingUpTo, Self.rankingLimit) : self.countingUpTo
            let counted = try Int.fetchOne(db, sql: plan.countSQL(upTo: bound + 1), arguments: plan.arguments) ?? 0
            let total = min(counted, bound)
            let ranked = query.sort == .relevance || (query.sort == .automatic && counted <= Self.rankingLimit)
            // Ranked with weights estimated here, not counted by bm25 (`RankFunction`).
            let weights = ranked ? try plan.rankWeights(in: db) : nil
            let (sql, arguments) = plan.page(
                ranked: ranked, sort: query.sort, weights: weights, limit: limit, offset: max(0, offset))
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            // Words, even excluded ones alone (`-kirby`), call for a snippet; filters alone do not.
            return (expanded, total, rows, query.root != nil, counted > total)
        }
        let summaries = rows.map(Self.summary)
        // A query of filters alone is a list: its rows need no text from the files.
        guard hasText else {
            let hits = summaries.map { SearchHit(summary: $0, snippet: $0.lede, snippetMatches: []) }
            return SearchResults(hits: hits, totalCount: total, query: expanded, countIsAtLeast: atLeast)
        }
        let matcher = expanded.matcher()
        let lines: [String] = rows.map { $0["lines"] ?? "" }
        // Each snippet reads its article's file: a page of them is read on every core.
        let hits = Self.inParallel(Array(summaries.indices)) { index -> SearchHit in
            let summary = summaries[index]
            let body = self.bodyText(path: summary.path, lines: lines[index])
            let (snippet, matches) = SearchHit.snippet(of: body ?? summary.lede, matcher: matcher)
            return SearchHit(summary: summary, snippet: snippet, snippetMatches: matches)
        }
        return SearchResults(hits: hits, totalCount: total, query: expanded, countIsAtLeast: atLeast)
    }

    /// How many articles match, as the status line shows it.
    public func matchCount(_ query: SearchQuery, filter: ArticleFilter) throws -> Int {
        guard query.error == nil, !query.isEmpty else { return 0 }
        return try database.read { db in
            let (plan, _) = try self.plan(query, filter: filter, in: db)
            return try Int.fetchOne(db, sql: plan.countSQL(), arguments: plan.arguments) ?? 0
        }
    }

    /// The query as SQL, and the query with the word forms it searches for (for highlighting).
    func plan(_ query: SearchQuery, filter: ArticleFilter, in db: Database) throws -> (SearchPlan, SearchQuery) {
        var expander = Expander(db: db, stemmer: stemmer)
        let plan = try SearchPlan(query: query, filter: filter, expander: &expander, db: db)
        var expanded = query
        expanded.expansions = expander.highlighted
        return (plan, expanded)
    }

    /// The body lines of a file as the index saw them, or nil when the file cannot be read.
    func bodyText(path: String, lines: String) -> String? {
        guard case .success(let contents) = ArticleFile.read(path: scanner.path(of: path)) else { return nil }
        return Self.fileLines(of: contents.text, numbered: lines)
    }
}

/// Finds the indexed forms of a query word: the words of the store with the same stem, and for a
/// compound root (`tandatangan`) its two words written apart.
struct Expander {
    let db: Database
    let stemmer: Stemmer
    /// Word → the other forms searched for it, for highlighting.
    var highlighted: [String: [String]] = [:]
    var formsOfStem: [String: [String]] = [:]
    static let formLimit = 200

    /// The forms of one folded word (itself first) and the phrases of its compound root.
    mutating func forms(of word: String) throws -> (words: [String], phrases: [[String]]) {
        let stem = stemmer.stem(word)
        if formsOfStem[stem] == nil {
            formsOfStem[stem] = try String.fetchAll(
                db, sql: "SELECT word FROM word WHERE stem = ? LIMIT ?", arguments: [stem, Self.formLimit])
        }
        var words = [word]
        if stem != word { words.append(stem) }
        for form in formsOfStem[stem] ?? [] where form != word { words.append(form) }
        if words.count > 1 { highlighted[word] = Array(words.dropFirst()) }
        return (words, stemmer.compounds[stem].map { [$0] } ?? [])
    }

    /// The indexed words that start with `prefix` (`IndexTerms`); nil when they may not all be
    /// known (a word of the index may go on in characters outside ASCII) or are more than
    /// `termLimit`.
    func terms(startingWith prefix: String) throws -> [String]? {
        guard Self.expandsPrefixes, IndexTerms.canExpand(prefix) else { return nil }
        let open = IndexTerms.openRuns(before: prefix)
        let opened = try Bool.fetchOne(
            db,
            sql: "SELECT EXISTS (SELECT 1 FROM term WHERE term IN (\(open.map { _ in "?" }.joined(separator: ","))))",
            arguments: StatementArguments(open))
        guard opened != true else { return nil }
        let terms = try String.fetchAll(
            db, sql: "SELECT term FROM term WHERE term >= ? AND term < ? LIMIT ?",
            arguments: [prefix, prefix + "\u{7F}", Self.termLimit + 1])
        guard terms.count <= Self.termLimit, !terms.contains(where: { $0.last == IndexTerms.open }) else { return nil }
        return terms
    }

    /// The most words a prefix is searched as; beyond, FTS5 looks the prefix up itself.
    static let termLimit = 64

    /// Whether prefixes are searched as the words they start (task-local, so that tests can compare
    /// with FTS5's own prefix search).
    @TaskLocal static var expandsPrefixes = true

    /// Query words next to each other that are the parts of a compound root (`tanda tangan`,
    /// `bertanggung jawab`) become that root, written joined or apart.
    mutating func joinCompounds(_ node: SearchQuery.Node) throws -> SearchQuery.Node {
        switch node {
        case .all(let children):
            var result: [SearchQuery.Node] = []
            var index = 0
            while index < children.count {
                if index + 1 < children.count, case .word(let first, false) = children[index],
                    case .word(let second, false) = children[index + 1]
                {
                    let joined = stemmer.stem(first) + stemmer.stem(second)
                    if stemmer.compounds[joined] != nil {
                        let (forms, _) = try self.forms(of: joined)
                        highlighted[first, default: []] += forms
                        highlighted[second, default: []] += forms
                        result.append(.any([.word(joined, isPrefix: false), .phrase([first, second])]))
                        index += 2
                        continue
                    }
                }
                result.append(try joinCompounds(children[index]))
                index += 1
            }
            return result.count == 1 ? result[0] : .all(result)
        case .any(let children): return .any(try children.map { try joinCompounds($0) })
        case .not(let inner): return .not(try joinCompounds(inner))
        default: return node
        }
    }

    /// A word, phrase or entity field as FTS5 syntax over its columns.
    mutating func leaf(_ node: SearchQuery.Node) -> String? {
        switch node {
        case .word(let word, let isPrefix):
            if isPrefix {
                // The indexed words it starts, when they are known and few: FTS5 then reads their
                // articles newest first and stops at the page's end, where a prefix query merges
                // every such word's articles before the first result.
                if let terms = try? terms(startingWith: word), !terms.isEmpty {
                    return Self.inText(anyOf: terms.map(Self.quoted))
                }
                return "\(Self.textColumns) : \(Self.quoted(word))*"
            }
            guard let (words, phrases) = try? forms(of: word) else { return nil }
            return Self.inText(
                anyOf: words.map(Self.quoted) + phrases.map { Self.quoted($0.joined(separator: " ")) })
        case .phrase(let words):
            return "\(Self.textColumns) : \(Self.quoted(words.joined(separator: " ")))"
        default:
            // Entity fields are in the names table: `names(for:)` says them.
            return nil
        }
    }

    /// Any of the quoted words or phrases, in title or body, as FTS5 syntax.
    static func inText(anyOf parts: [String]) -> String {
        "\(textColumns) : " + (parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " OR ") + ")")
    }

    /// An entity field as FTS5 syntax over its column of the names table.
    static func names(for field: SearchQuery.EntityField) -> String? {
        guard let column = entityColumns[field.kind] else { return nil }
        return "\(column) : \(quoted(field.words.joined(separator: " ")))"
    }

    mutating func expression(for node: SearchQuery.Node) -> String? {
        var copy = self
        let result = SearchQuery.ftsExpression(for: node) { copy.leaf($0) }
        self = copy
        return result
    }

    static let textColumns = "{title body}"
    static let entityColumns = [
        "PER": "person", "ORG": "org", "LOC": "place", SearchQuery.saidKind: "said", SearchQuery.quoteKind: "quoted",
    ]

    static func quoted(_ word: String) -> String { "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}

/// A query and filter turned into SQL over the FTS table `m` and the article table `a`.
struct SearchPlan {
    /// The MATCH expression, when the query has something FTS5 can look for.
    var match: String?
    var conditions: [String] = []
    var arguments: StatementArguments = []
    /// Whether the conditions need the article table (else counting reads the FTS table alone).
    var needsArticle = false
    /// Whether the FTS table holds rows of changed and deleted files (known when there is a MATCH).
    var hasGhosts = false

    init(query: SearchQuery, filter: ArticleFilter, expander: inout Expander, db: Database) throws {
        var textParts: [String] = []
        var rest: [SearchQuery.Node] = []
        if let root = try query.root.map({ try expander.joinCompounds($0) }) {
            if let expression = expander.expression(for: root) {
                textParts.append(expression)
            } else if case .all(let children) = root {
                // FTS5 cannot say "not x" alone: exclusions without a positive term become conditions.
                for child in children {
                    if case .not = child {
                        rest.append(child)
                    } else if let expression = expander.expression(for: child) {
                        textParts.append(expression)
                    } else {
                        rest.append(child)
                    }
                }
            } else {
                rest.append(root)
            }
        }
        // Outlet prefixes: narrowed in the FTS table, checked exactly on the outlet's name.
        var outletConditions: [String] = []
        let outletArguments: StatementArguments = []
        if !query.outlets.isEmpty {
            // The outlets' ids, looked up first: the planner then walks the outlet index by id.
            var likeArguments: StatementArguments = []
            for outlet in query.outlets { likeArguments += [Self.likeEscaped(outlet) + "%"] }
            let outlets = try Row.fetchAll(
                db,
                sql: "SELECT id, name FROM outlet WHERE "
                    + query.outlets.map { _ in "lower(name) LIKE ? ESCAPE '\\'" }.joined(separator: " OR "),
                arguments: likeArguments)
            let ids = outlets.map { $0["id"] as Int64 }
            // With words, the FTS table narrows by outlet too (each outlet's first word: a word
            // costs FTS5 less than a prefix at the column's start), the article's outlet deciding;
            // without, the outlet index does it all.
            if !textParts.isEmpty {
                let firstWords = outlets.map { SearchQuery.foldedWords(in: $0["name"] as String).first?.word }
                if !firstWords.isEmpty, firstWords.count <= Self.outletWordLimit, !firstWords.contains(nil) {
                    let words = Set(firstWords.compactMap { $0 }).sorted().map(Expander.quoted)
                    textParts.append(
                        "(outlet : " + (words.count == 1 ? words[0] : "(" + words.joined(separator: " OR ") + ")") + ")"
                    )
                } else {
                    textParts.append("(" + query.outlets.map(Self.outletExpression).joined(separator: " OR ") + ")")
                }
            }
            // With words, the FTS table leads and the outlet is checked per match (`+` keeps the
            // planner off the outlet index); without, the outlet index leads.
            let column = textParts.isEmpty ? "a.outlet" : "+a.outlet"
            outletConditions.append(
                "\(column) IN (\(ids.isEmpty ? "NULL" : ids.map(String.init).joined(separator: ", ")))")
            needsArticle = true
        }
        if !textParts.isEmpty {
            match = textParts.joined(separator: " AND ")
            conditions.append("fts MATCH ?")
            arguments += [match]
        }
        conditions += outletConditions
        arguments += outletArguments
        let idColumn = match == nil ? "a.id" : "m.rowid"
        for node in rest {
            let (sql, nodeArguments) = Self.condition(for: node, idColumn: idColumn, expander: &expander)
            conditions.append(sql)
            arguments += nodeArguments
            needsArticle = true
        }
        ArticleIndex.addFilter(filter, alias: "a", idColumn: idColumn, to: &conditions, &arguments)
        if filter.hasOutlet || filter.paths != nil { needsArticle = true }
        // `note:` is answered by the files whose notes match, given as the filter's paths; with
        // none given, no article is known to have such a note.
        if !query.noteWords.isEmpty && filter.paths == nil { conditions.append("0") }
        if let range = ArticleKey.range(fromDay: query.fromDay, toDay: query.toDay) {
            conditions.append("\(idColumn) >= ? AND \(idColumn) < ?")
            arguments += [range.lowerBound, range.upperBound]
        }
        if let minimum = query.minimumStoryOutlets {
            conditions.append(
                "\(idColumn) IN (SELECT m2.article FROM story_article m2 JOIN story s2 ON s2.id = m2.story WHERE s2.outlets >= ?)"
            )
            arguments += [minimum]
            needsArticle = true
        }
        // Rows of changed and deleted articles stay in the FTS table; joining the article table
        // drops them, and a count of the FTS table alone leaves them out by id.
        if match != nil { hasGhosts = try Int.fetchOne(db, sql: "SELECT 1 FROM ghost LIMIT 1") != nil }
        if hasGhosts && !needsArticle { conditions.append(Self.notGhost) }
    }

    /// Leaves out the FTS rows of changed and deleted files.
    static let notGhost = "m.rowid NOT IN (SELECT id FROM ghost)"

    var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }

    /// Counts the matches, stopping at `limit` when given.
    func countSQL(upTo limit: Int? = nil) -> String {
        let from =
            match == nil
            ? "article a" : needsArticle ? "fts m JOIN article a ON a.id = m.rowid" : "fts m"
        guard let limit else { return "SELECT count(*) FROM \(from) \(whereClause)" }
        return "SELECT count(*) FROM (SELECT 1 FROM \(from) \(whereClause) LIMIT \(limit))"
    }

    /// The page's rows and their arguments; ranked by `kabar_rank` with `weights` when given
    /// (`rankWeights`), else by `bm25`.
    func page(ranked: Bool, sort: SearchQuery.Sort, weights: String?, limit: Int, offset: Int) -> (
        sql: String, arguments: StatementArguments
    ) {
        let id = match == nil ? "a.id" : "m.rowid"
        let order: String
        if ranked && match != nil {
            // Ties newest first, so that pages asked for one after another follow one order. The
            // matches are ranked by id and score alone, and the page's rows joined to what a list
            // shows after: joined before, every match's columns went through the sort (a word in
            // 254 articles of 100,000: 0.94 ms, against 0.26). The score comes first in the
            // statement, and so its weights among the arguments.
            let bm25 = "bm25(fts, " + Self.columnWeights.map { String($0) }.joined(separator: ", ") + ")"
            let score = weights == nil ? bm25 : "\(RankFunction.name)(fts, ?)"
            // The article table only where a condition needs it (as in `countSQL`): for a word
            // alone its rows, one page each, are read for the page's 50 alone.
            let ranking = needsArticle ? "fts m JOIN article a ON a.id = m.rowid" : "fts m"
            let sql =
                "SELECT \(ArticleIndex.summaryColumns), a.lines FROM ("
                + "SELECT m.rowid AS id, \(score) AS score FROM \(ranking) \(whereClause) "
                + "ORDER BY score, m.rowid DESC LIMIT ? OFFSET ?) p "
                + "JOIN article a ON a.id = p.id \(ArticleIndex.summaryJoin) ORDER BY p.score, p.id DESC"
            return (sql, (weights.map { [$0] } ?? []) + arguments + [limit, offset])
        } else if sort == .old {
            order = "\(id) < \(ArticleKey.firstDatedID), \(id)"  // undated articles (the lowest ids) last
        } else {
            order = "\(id) DESC"
        }
        let from =
            match == nil
            ? "article a \(ArticleIndex.summaryJoin)"
            : "fts m JOIN article a ON a.id = m.rowid \(ArticleIndex.summaryJoin)"
        return (
            "SELECT \(ArticleIndex.summaryColumns), a.lines FROM \(from) \(whereClause) ORDER BY \(order) LIMIT ? OFFSET ?",
            arguments + [limit, offset]
        )
    }

    /// Outlets whose first words narrow a search's FTS match at most; with more, their prefixes do.
    static let outletWordLimit = 16

    /// `kompas` → the outlet column starts with a token beginning `kompas`; `kompas.c` → `kompas` then `c…`.
    static func outletExpression(_ prefix: String) -> String {
        let tokens = SearchQuery.foldedWords(in: prefix).map(\.word)
        guard !tokens.isEmpty else { return "outlet : \"\"*" }
        let endsInWord = prefix.last.map { $0.isLetter || $0.isNumber } ?? false
        var parts = tokens.map(Expander.quoted)
        if endsInWord { parts[parts.count - 1] += "*" }
        return "outlet : ^" + parts.joined(separator: " + ")
    }

    /// A query node FTS5 cannot answer inside the MATCH (an exclusion on its own) as a condition.
    static func condition(
        for node: SearchQuery.Node, idColumn: String, expander: inout Expander
    ) -> (String, StatementArguments) {
        if let expression = expander.expression(for: node) {
            return ("\(idColumn) IN (SELECT rowid FROM fts WHERE fts MATCH ?)", [expression])
        }
        switch node {
        case .entity(let field):
            // Found by phase 2: until it ends, the articles it has read.
            guard let expression = Expander.names(for: field) else { return ("0", []) }
            return ("\(idColumn) IN (SELECT rowid FROM names WHERE names MATCH ?)", [expression])
        case .not(let inner):
            let (sql, arguments) = condition(for: inner, idColumn: idColumn, expander: &expander)
            return ("NOT (\(sql))", arguments)
        case .all(let nodes), .any(let nodes):
            var parts: [String] = []
            var arguments: StatementArguments = []
            for child in nodes {
                let (sql, childArguments) = condition(for: child, idColumn: idColumn, expander: &expander)
                parts.append("(\(sql))")
                arguments += childArguments
            }
            if case .all = node { return (parts.joined(separator: " AND "), arguments) }
            return (parts.joined(separator: " OR "), arguments)
        default:
            return ("0", [])
        }
    }

    /// Text for a LIKE pattern with `ESCAPE '\\'`, its wildcards taken literally.
    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
