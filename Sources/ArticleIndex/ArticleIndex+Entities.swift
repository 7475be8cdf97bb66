import ArticleFiles
import Articles
import Dispatch
import Entities
import Foundation
import GRDB
import Library
import Search
import Synchronization

/// The people, organisations and places each article names, kept at indexing so that exports,
/// timelines and entity tables never tag a text again.
extension ArticleIndex {
    /// Each name once (its kind and the name as written), and each article's names in the order
    /// the article's entity list gives them (most mentioned first), with their mention counts.
    static let entityTables = """
        CREATE TABLE entity(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, UNIQUE (kind, name));
        CREATE TABLE article_entity(
            article INTEGER NOT NULL, position INTEGER NOT NULL, entity INTEGER NOT NULL, mentions INTEGER NOT NULL,
            PRIMARY KEY (article, position)) WITHOUT ROWID;
        CREATE INDEX article_entity_entity ON article_entity(entity);
        """

    static func forgetEntities(of article: Int64, in db: Database) throws {
        try db.run("DELETE FROM article_entity WHERE article = ?", [article])
    }

    /// Ids as one argument however many: a JSON array, read with `json_each` (`IN (SELECT value FROM
    /// json_each(?))`).
    static func idList(_ ids: [Int64]) -> String { "[" + ids.map(String.init).joined(separator: ",") + "]" }

    public func entities(ofArticles ids: [Int64]) throws -> [Int64: [NamedEntity]] {
        var result: [Int64: [NamedEntity]] = [:]
        try database.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT ae.article, e.kind, e.name, ae.mentions FROM article_entity ae
                    JOIN entity e ON e.id = ae.entity
                    WHERE ae.article IN (SELECT value FROM json_each(?))
                    ORDER BY ae.article, ae.position
                    """,
                arguments: [Self.idList(ids)])
            while let row = try rows.next() {
                guard let kind = EntityKind(rawValue: row[1]) else { continue }
                result[row[0], default: []].append(NamedEntity(kind: kind, name: row[2], mentions: row[3]))
            }
        }
        return result
    }

    public func summaries(ids: [Int64]) throws -> [ArticleSummary] {
        var byID: [Int64: ArticleSummary] = [:]
        try database.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT \(Self.summaryColumns) FROM article a \(Self.summaryJoin)
                    WHERE a.id IN (SELECT value FROM json_each(?))
                    """,
                arguments: [Self.idList(ids)])
            while let row = try rows.next() {
                let summary = Self.summary(row)
                byID[summary.id] = summary
            }
        }
        return ids.compactMap { byID[$0] }
    }

    public func articleIDs(matching query: SearchQuery?, filter: ArticleFilter) throws -> [Int64] {
        if let query, query.error != nil || query.isEmpty { return [] }
        return try database.read { db in
            let (sql, arguments) = try self.selection(
                "\(Self.idPlaceholder)", of: query, filter: filter, in: db, order: true)
            return try Int64.fetchAll(db, sql: sql, arguments: arguments)
        }
    }

    public func dayCounts(matching query: SearchQuery?, filter: ArticleFilter, byOutlet: Bool) throws -> [DayCount] {
        if let query, query.error != nil || query.isEmpty { return [] }
        if query == nil && !byOutlet && !filter.hasOutlet && filter.paths == nil {
            return try keptDayCounts(filter: filter)
        }
        return try database.read { db in
            // The id holds the publication slot (`ArticleKey`): the day is read from it, no row needed.
            let day =
                "((\(Self.idPlaceholder) - \(ArticleKey.firstDatedID)) >> \(ArticleKey.sequenceBits)) / \(ArticleKey.slotsPerDay)"
            let columns = byOutlet ? "\(day) AS day, a.outlet AS outlet_id, count(*)" : "\(day) AS day, count(*)"
            var (sql, arguments) = try self.selection(
                columns, of: query, filter: filter, in: db, order: false, needsArticle: byOutlet,
                datedOnly: true)
            sql += byOutlet ? " GROUP BY day, outlet_id" : " GROUP BY day"
            let names = byOutlet ? try Self.outletNames(in: db) : [:]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let outlet: String? = byOutlet ? (row[1] as Int64?).flatMap { names[$0] } : nil
                return DayCount(
                    day: ArticleKey.date(ofDay: row[0]).isoDay, outlet: outlet?.isEmpty == true ? nil : outlet,
                    count: row[byOutlet ? 2 : 1])
            }
        }
    }

    /// The articles of each day as the writer keeps them (`article_day`, a row a day), for every
    /// article or a date range: the list's days at once, not counted over a million rows.
    func keptDayCounts(filter: ArticleFilter) throws -> [DayCount] {
        let ids = ArticleKey.range(fromDay: filter.fromDay, toDay: filter.toDay) ?? ArticleKey.firstDatedID..<Int64.max
        guard !ids.isEmpty else { return [] }
        let days = max(0, ArticleKey.bucket(of: ids.lowerBound))..<ArticleKey.bucket(of: ids.upperBound)
        return try database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT day, articles FROM article_day WHERE day >= ? AND day < ? AND articles > 0 ORDER BY day",
                arguments: [days.lowerBound, days.upperBound]
            ).map { DayCount(day: ArticleKey.date(ofDay: $0[0]).isoDay, outlet: nil, count: $0[1]) }
        }
    }

    static func outletNames(in db: Database) throws -> [Int64: String] {
        Dictionary(
            try Row.fetchAll(db, sql: "SELECT id, name FROM outlet").map { ($0[0], $0[1]) },
            uniquingKeysWith: { first, _ in first })
    }

    /// Written where a selection's id column goes; `selection` puts in the right one.
    static let idPlaceholder = "{id}"

    /// SQL selecting `columns` (with `{id}` for the article id) of the articles matching the query
    /// (every article when nil) and the filter, newest first when `order` is set.
    func selection(
        _ columns: String, of query: SearchQuery?, filter: ArticleFilter, in db: Database, order: Bool,
        needsArticle: Bool = false, datedOnly: Bool = false
    ) throws -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        var from: String
        var id: String
        if let query {
            var plan = try self.plan(query, filter: filter, in: db).0
            if needsArticle { plan.needsArticle = true }
            id = plan.match == nil ? "a.id" : "m.rowid"
            conditions = plan.conditions
            arguments = plan.arguments
            if plan.match == nil {
                from = "article a"
            } else {
                from = plan.needsArticle ? "fts m JOIN article a ON a.id = m.rowid" : "fts m"
            }
        } else {
            id = "a.id"
            from = "article a"
            Self.addFilter(filter, alias: "a", idColumn: id, to: &conditions, &arguments)
        }
        if datedOnly {
            conditions.append("\(id) >= ?")
            arguments += [ArticleKey.firstDatedID]
        }
        var sql = "SELECT \(columns.replacingOccurrences(of: Self.idPlaceholder, with: id)) FROM \(from)"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        if order { sql += " ORDER BY \(id) DESC" }
        return (sql, arguments)
    }
}

extension ArticleIndex {
    /// The cleaned texts of many articles at once, on every core: those the index knows to be
    /// their file's lines taken straight from the file, the others read and cleaned again with
    /// each outlet's page templates read once.
    public func bodies(ids: [Int64]) throws -> [Int64: String] {
        struct Wanted {
            var id: Int64
            var path: String
            var group: Int64?
            /// The body is the file's lines numbered in `lines` (no extraction needed).
            var lines: String?
        }
        var wanted: [Wanted] = []
        var templates: [Int64: PageTemplates] = [:]
        try database.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT a.id, a.path, t.grp, a.plain, a.lines FROM article a
                    LEFT JOIN template_page t ON t.path = a.path WHERE a.id IN (SELECT value FROM json_each(?))
                    """,
                arguments: [Self.idList(ids)])
            while let row = try rows.next() {
                let plain: Bool = row[3]
                wanted.append(Wanted(id: row[0], path: row[1], group: row[2], lines: plain ? row[4] : nil))
            }
            for group in Set(wanted.filter { $0.lines == nil }.compactMap(\.group)) {
                templates[group] = try Self.templates(ofGroup: group, in: db)
            }
        }
        let found = Mutex<[Int64: String]>([:])
        let (articles, groupTemplates) = (wanted, templates)
        let extractor = self.extractor
        let scanner = self.scanner
        DispatchQueue.concurrentPerform(iterations: articles.count) { index in
            let article = articles[index]
            if let lines = article.lines {
                // Most bodies are their file's lines as they are: no need to read the page again.
                if let body = self.bodyText(path: article.path, lines: lines) {
                    found.withLock { $0[article.id] = body }
                }
                return
            }
            guard case .success(let contents) = ArticleFile.read(path: scanner.path(of: article.path)) else {
                return
            }
            let body = extractor.extract(
                contents.text, path: article.path, templates: article.group.flatMap { groupTemplates[$0] }
            ).body
            found.withLock { $0[article.id] = body }
        }
        return found.withLock { $0 }
    }

    public func articleCount(matching filter: ArticleFilter) throws -> Int {
        try database.read { db in
            let (sql, arguments) = try self.selection("count(*)", of: nil, filter: filter, in: db, order: false)
            return try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
        }
    }
}

extension ArticleIndex {
    public func topEntities(in view: ArticleView, cooccurring: NamedEntity?, limit: Int) throws -> [EntityCount] {
        try database.read { db in
            // The view's articles as a condition on `ae.article`.
            var conditions: [String] = []
            var arguments: StatementArguments = []
            switch view {
            case .story(let story):
                conditions.append("ae.article IN (SELECT article FROM story_article WHERE story = ?)")
                arguments += [story]
            case .matching(let query, let filter):
                if let query, query.error != nil || query.isEmpty { return [] }
                if query != nil || !filter.isEmpty {
                    let (sql, viewArguments) = try self.selection(
                        Self.idPlaceholder, of: query, filter: filter, in: db, order: false)
                    conditions.append("ae.article IN (\(sql))")
                    arguments += viewArguments
                }
            }
            if let cooccurring {
                guard
                    let id = try Int64.fetchOne(
                        db, sql: "SELECT id FROM entity WHERE kind = ? AND name = ?",
                        arguments: [cooccurring.kind.rawValue, cooccurring.name])
                else { return [] }
                conditions.append(
                    "ae.article IN (SELECT article FROM article_entity WHERE entity = ?) AND ae.entity != ?")
                arguments += [id, id]
            }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            var rankedArguments = arguments
            rankedArguments += [limit]
            let ranked = try Row.fetchAll(
                db,
                sql: """
                    SELECT ae.entity, e.kind, e.name, count(*) AS articles FROM article_entity ae
                    JOIN entity e ON e.id = ae.entity \(whereClause)
                    GROUP BY ae.entity ORDER BY articles DESC, e.name LIMIT ?
                    """,
                arguments: rankedArguments)
            // Each one's articles per day, the day read from the id (`ArticleKey`).
            let day =
                "((ae.article - \(ArticleKey.firstDatedID)) >> \(ArticleKey.sequenceBits)) / \(ArticleKey.slotsPerDay)"
            let dayConditions = (["ae.entity = ?", "ae.article >= \(ArticleKey.firstDatedID)"] + conditions)
                .joined(separator: " AND ")
            return try ranked.compactMap { row -> EntityCount? in
                guard let kind = EntityKind(rawValue: row[1]) else { return nil }
                var dayArguments: StatementArguments = [row[0] as Int64]
                dayArguments += arguments
                let days = try Row.fetchAll(
                    db,
                    sql: "SELECT \(day) AS day, count(*) FROM article_entity ae WHERE \(dayConditions) GROUP BY day",
                    arguments: dayArguments
                ).map { DayCount(day: ArticleKey.date(ofDay: $0[0]).isoDay, count: $0[1]) }
                return EntityCount(kind: kind, name: row[2], articles: row[3], days: days)
            }
        }
    }
}

extension ArticleIndex {
    /// The person, organisation or place of this name (case ignored) that the most articles name;
    /// failing that, the one whose name holds it. Nil when there is none.
    public func entity(named text: String) throws -> NamedEntity? {
        try database.read { db in
            let escaped = SearchPlan.likeEscaped(text.lowercased())
            for pattern in [escaped, "%" + escaped + "%"] {
                if let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT e.kind, e.name FROM entity e JOIN article_entity ae ON ae.entity = e.id
                        WHERE lower(e.name) LIKE ? ESCAPE '\\' GROUP BY e.id ORDER BY count(*) DESC, e.name LIMIT 1
                        """,
                    arguments: [pattern]), let kind = EntityKind(rawValue: row[0])
                {
                    return NamedEntity(kind: kind, name: row[1], mentions: 0)
                }
            }
            return nil
        }
    }
}
