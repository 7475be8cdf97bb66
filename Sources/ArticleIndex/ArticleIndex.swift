import Articles
import Entities
import Foundation
import GRDB
import Library
import Search

/// kabar's SQLite index of one store: article metadata, cleaned text, entities and FTS5.
public final class ArticleIndex: ArticleLibrary, Sendable {
    /// Increase when extraction or entity recognition changes, so stored articles are read again.
    static let extractionVersion = 5

    let database: DatabaseQueue
    /// The database file, or nil for an index in memory.
    public let url: URL?

    /// Opens (creating if needed) the index at `url`, making its folder.
    public init(url: URL) throws {
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        database = try DatabaseQueue(path: url.path, configuration: configuration)
        self.url = url
        try migrate()
    }

    /// An index that lives in memory only.
    public init() throws {
        database = try DatabaseQueue()
        url = nil
        try migrate()
    }

    private func migrate() throws {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "article") { t in
                t.column("id", .integer).primaryKey()
                t.column("path", .text).notNull().unique()
                t.column("size", .integer).notNull()
                t.column("mtime", .integer).notNull()
                t.column("outlet", .text).indexed()
                t.column("title", .text)
                t.column("published", .text).indexed()
                t.column("lede", .text).notNull()
                t.column("body", .text).notNull()
                t.column("bodyLines", .text).notNull()
                t.column("stripped", .text).notNull()
            }
            try db.create(virtualTable: "article_fts", using: FTS5()) { t in
                t.synchronize(withTable: "article")
                t.tokenizer = .unicode61(diacritics: .remove)
                t.column("title")
                t.column("body")
            }
            try db.create(table: "entity") { t in
                t.column("articleId", .integer).notNull().indexed()
                    .references("article", onDelete: .cascade)
                t.column("start", .integer).notNull()
                t.column("end", .integer).notNull()
                t.column("kind", .text).notNull()
                t.column("name", .text).notNull()
            }
            try db.create(table: "skipped") { t in
                t.column("path", .text).primaryKey()
                t.column("reason", .text).notNull()
            }
        }
        migrator.registerMigration("entityFolded") { db in
            // Entity names folded like search words, for `person:` and the other fields.
            try db.alter(table: "entity") { t in t.add(column: "folded", .text).notNull().defaults(to: "") }
        }
        migrator.registerMigration("meta") { db in
            try db.create(table: "meta") { t in
                t.column("key", .text).primaryKey()
                t.column("value", .text).notNull()
            }
        }
        try migrator.migrate(database)
        try database.write { db in
            let stored = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'extractionVersion'")
            guard stored != String(Self.extractionVersion) else { return }
            // Articles extracted by other rules are forgotten; the next update reads them again.
            try db.execute(sql: "DELETE FROM article")
            try db.execute(
                sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('extractionVersion', ?)",
                arguments: [String(Self.extractionVersion)])
        }
    }

    // MARK: - Updating

    /// Brings the index in line with the store: reads new and changed files, forgets deleted ones.
    /// Unchanged files (same size and modification time) are not read.
    @discardableResult
    public func update(
        from scanner: StoreScanner,
        extractor: ArticleExtractor = ArticleExtractor(),
        recognizer: any EntityRecognizer = NewsTagger.standard,
        progress: (IndexProgress) -> Void = { _ in }
    ) throws -> UpdateReport {
        let (files, scanSkipped) = try scanner.scan()
        let known = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, path, size, mtime FROM article").reduce(
                into: [String: (Int64, Int64, Int64)]()
            ) {
                $0[$1["path"]] = ($1["id"], $1["size"], $1["mtime"])
            }
        }
        var report = UpdateReport()
        var pending: [StoreFile] = []
        for file in files {
            if let (_, size, mtime) = known[file.path], size == file.size, mtime == file.modificationNanos {
                report.unchanged += 1
            } else {
                pending.append(file)
            }
        }
        let present = Set(files.map(\.path))
        let removed = known.filter { !present.contains($0.key) }.map(\.value.0)
        report.removed = removed.count
        report.skipped = scanSkipped

        var done = 0
        progress(IndexProgress(done: 0, total: pending.count))
        try database.write { db in
            for id in removed {
                try db.execute(sql: "DELETE FROM article WHERE id = ?", arguments: [id])
            }
            try db.execute(sql: "DELETE FROM skipped")
        }
        for batch in stride(from: 0, to: pending.count, by: 256).map({ pending[$0..<min($0 + 256, pending.count)] }) {
            var prepared: [(StoreFile, PreparedArticle)] = []
            var skipped: [SkippedFile] = []
            for file in batch {
                switch Self.prepare(file, scanner: scanner, extractor: extractor, recognizer: recognizer) {
                case .success(let article): prepared.append((file, article))
                case .failure(let problem): skipped.append(SkippedFile(path: file.path, reason: problem.reason))
                }
            }
            try database.write { db in
                for (file, article) in prepared {
                    let isUpdate = known[file.path] != nil
                    try Self.store(article, file: file, in: db)
                    if isUpdate { report.updated += 1 } else { report.added += 1 }
                }
                for file in skipped {
                    try db.execute(sql: "DELETE FROM article WHERE path = ?", arguments: [file.path])
                }
            }
            report.skipped += skipped
            done += batch.count
            progress(IndexProgress(done: done, total: pending.count))
        }
        try database.write { db in
            for file in report.skipped {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO skipped(path, reason) VALUES (?, ?)",
                    arguments: [file.path, file.reason])
            }
        }
        return report
    }

    struct PreparedArticle {
        var extracted: ExtractedArticle
        var body: String
        var entities: [EntitySpan]
    }

    struct FileProblem: Error {
        var reason: String
    }

    /// Reads and understands one file; pure apart from reading it.
    static func prepare(
        _ file: StoreFile, scanner: StoreScanner, extractor: ArticleExtractor, recognizer: any EntityRecognizer
    ) -> Result<PreparedArticle, FileProblem> {
        let data: Data
        do {
            data = try Data(contentsOf: scanner.url(of: file.path), options: .mappedIfSafe)
        } catch {
            return .failure(FileProblem(reason: "cannot be read (\(Self.describe(error)))"))
        }
        if data.isEmpty { return .failure(FileProblem(reason: "empty file")) }
        if data.contains(0) { return .failure(FileProblem(reason: "binary file (contains NUL bytes)")) }
        let extracted = extractor.extract(ArticleText.decode(data), path: file.path)
        let body = extracted.body
        return .success(PreparedArticle(extracted: extracted, body: body, entities: recognizer.entities(in: body)))
    }

    static func describe(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSCocoaErrorDomain && nsError.code == NSFileReadNoPermissionError {
            return "permission denied"
        }
        return nsError.localizedDescription
    }

    static func store(_ article: PreparedArticle, file: StoreFile, in db: Database) throws {
        let extracted = article.extracted
        let stripped = try String(
            decoding: JSONEncoder().encode(extracted.strippedLines.map(StoredLine.init)), as: UTF8.self)
        let bodyLines = try String(decoding: JSONEncoder().encode(extracted.bodyLineNumbers), as: UTF8.self)
        try db.execute(sql: "DELETE FROM article WHERE path = ?", arguments: [file.path])
        try db.execute(
            sql: """
                INSERT INTO article(path, size, mtime, outlet, title, published, lede, body, bodyLines, stripped)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                file.path, file.size, file.modificationNanos, extracted.outlet, extracted.title,
                extracted.published?.iso, Self.lede(of: article.body), article.body, bodyLines, stripped,
            ])
        let id = db.lastInsertedRowID
        let bodyBytes = Array(article.body.utf8)
        for span in article.entities {
            let name = String(decoding: bodyBytes[span.start..<span.end], as: UTF8.self)
            let folded = SearchQuery.foldedWords(in: name).map(\.word).joined(separator: " ")
            try db.execute(
                sql: "INSERT INTO entity(articleId, start, end, kind, name, folded) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [id, span.start, span.end, span.kind.rawValue, name, folded])
        }
    }

    static func lede(of body: String) -> String {
        let first = body.prefix { $0 != "\n" }
        return first.count <= 160 ? String(first) : String(first.prefix(159)) + "…"
    }

    // MARK: - Reading

    /// The number of articles in the index.
    public func count() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM article") ?? 0 }
    }

    /// Files that were not indexed at the last update, with the reasons.
    public func skippedFiles() throws -> [SkippedFile] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT path, reason FROM skipped ORDER BY path").map {
                SkippedFile(path: $0["path"], reason: $0["reason"])
            }
        }
    }

    public func articles(matching filter: ArticleFilter) throws -> [ArticleSummary] {
        try database.read { db in
            let (clause, arguments) = Self.whereClause(for: filter, alias: "article")
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT id, path, outlet, title, published, lede FROM article
                    \(clause.isEmpty ? "" : "WHERE " + clause)
                    ORDER BY published IS NULL, published DESC, coalesce(title, lede)
                    """,
                arguments: arguments
            ).map(Self.summary)
        }
    }

    public func outlets() throws -> [OutletCount] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT outlet, count(*) AS n FROM article GROUP BY outlet ORDER BY n DESC, outlet IS NULL, outlet"
            ).map { OutletCount(outlet: $0["outlet"], count: $0["n"]) }
        }
    }

    /// Matches ranked by relevance when there are at most this many (bm25 scores every match).
    static let rankingLimit = 2000

    public func search(_ query: SearchQuery, filter: ArticleFilter, limit: Int) throws -> SearchResults {
        guard query.error == nil, !query.isEmpty else { return SearchResults(hits: [], totalCount: 0) }
        let (match, rest) = Self.split(query.root)
        return try database.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if match != nil {
                conditions.append("article_fts MATCH ?")
                arguments += [match]
            }
            for node in rest {
                let (sql, nodeArguments) = Self.condition(for: node, alias: "a")
                conditions.append(sql)
                arguments += nodeArguments
            }
            let (clause, filterArguments) = Self.whereClause(for: filter, alias: "a")
            if !clause.isEmpty {
                conditions.append(clause)
                arguments += filterArguments
            }
            let (queryClause, queryArguments) = Self.filterClause(for: query, alias: "a")
            if !queryClause.isEmpty {
                conditions.append(queryClause)
                arguments += queryArguments
            }
            let from = match == nil ? "article a" : "article_fts JOIN article a ON a.id = article_fts.rowid"
            let condition = conditions.isEmpty ? "1" : conditions.joined(separator: " AND ")
            let total =
                try Int.fetchOne(db, sql: "SELECT count(*) FROM \(from) WHERE \(condition)", arguments: arguments) ?? 0
            let order: String
            switch query.sort {
            case .relevance where match != nil: order = "bm25(article_fts, 4.0, 1.0)"
            case .automatic where match != nil && total <= Self.rankingLimit: order = "bm25(article_fts, 4.0, 1.0)"
            case .old: order = "a.published IS NULL, a.published ASC, a.path"
            default: order = "a.published IS NULL, a.published DESC, a.path"
            }
            let snippet = match == nil ? "a.lede" : "snippet(article_fts, -1, char(2), char(3), '…', 14)"
            var pageArguments = arguments
            pageArguments += [limit]
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT a.id, a.path, a.outlet, a.title, a.published, a.lede, \(snippet) AS snippet
                    FROM \(from)
                    WHERE \(condition)
                    ORDER BY \(order)
                    LIMIT ?
                    """,
                arguments: pageArguments)
            let hits = rows.map { row in
                if match == nil {
                    let lede: String = row["lede"] ?? ""
                    return SearchHit(summary: Self.summary(row), snippet: lede, snippetMatches: query.matches(in: lede))
                }
                let (snippet, matches) = Self.unmark(row["snippet"] ?? "")
                return SearchHit(summary: Self.summary(row), snippet: snippet, snippetMatches: matches)
            }
            return SearchResults(hits: hits, totalCount: total)
        }
    }

    /// The part of a query FTS5 can answer in one MATCH (all of it when it has no entity fields and
    /// looks for some word), and the rest, each an SQL condition of its own.
    static func split(_ root: SearchQuery.Node?) -> (match: String?, rest: [SearchQuery.Node]) {
        guard let root else { return (nil, []) }
        if let expression = SearchQuery.ftsExpression(for: root) { return (expression, []) }
        guard case .all(let children) = root else { return (nil, [root]) }
        func answerable(_ node: SearchQuery.Node) -> Bool {
            if case .not(let inner) = node { return SearchQuery.ftsExpression(for: inner) != nil }
            return SearchQuery.ftsExpression(for: node) != nil
        }
        let textual = children.filter(answerable)
        guard let expression = SearchQuery.ftsExpression(for: .all(textual)) else { return (nil, [root]) }
        return (expression, children.filter { !answerable($0) })
    }

    /// A query node as an SQL condition on the article `alias`.
    static func condition(for node: SearchQuery.Node, alias: String) -> (String, StatementArguments) {
        if let expression = SearchQuery.ftsExpression(for: node) {
            return ("\(alias).id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)", [expression])
        }
        switch node {
        case .entity(let field):
            let pattern = likeEscaped(field.words.joined(separator: " "))
            return (
                // Whole words of the name: `person:kim` is not Kimberly.
                "EXISTS (SELECT 1 FROM entity e WHERE e.articleId = \(alias).id AND e.kind = ?"
                    + " AND ' ' || e.folded || ' ' LIKE ? ESCAPE '\\')",
                [field.kind, "% " + pattern + " %"]
            )
        case .not(let inner):
            let (sql, arguments) = condition(for: inner, alias: alias)
            return ("NOT (\(sql))", arguments)
        case .all(let nodes), .any(let nodes):
            var parts: [String] = []
            var arguments: StatementArguments = []
            for node in nodes {
                let (sql, nodeArguments) = condition(for: node, alias: alias)
                parts.append("(\(sql))")
                arguments += nodeArguments
            }
            if case .all = node { return (parts.joined(separator: " AND "), arguments) }
            return (parts.joined(separator: " OR "), arguments)
        case .word, .phrase:
            // Always answerable by FTS5 (above); kept for completeness.
            return ("0", [])
        }
    }

    /// Text for a LIKE pattern with `ESCAPE '\\'`, its wildcards taken literally.
    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    /// The query's own filters: outlet prefixes and a date range.
    static func filterClause(for query: SearchQuery, alias: String) -> (String, StatementArguments) {
        var parts: [String] = []
        var arguments: StatementArguments = []
        if !query.outlets.isEmpty {
            parts.append(
                "(" + query.outlets.map { _ in "lower(\(alias).outlet) LIKE ? ESCAPE '\\'" }.joined(separator: " OR ")
                    + ")")
            for outlet in query.outlets {
                arguments += [likeEscaped(outlet) + "%"]
            }
        }
        let (dates, dateArguments) = whereClause(
            for: ArticleFilter(fromDay: query.fromDay, toDay: query.toDay), alias: alias)
        if !dates.isEmpty {
            parts.append(dates)
            arguments += dateArguments
        }
        return (parts.joined(separator: " AND "), arguments)
    }

    public func article(id: Int64) throws -> StoredArticle? {
        try database.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql:
                        "SELECT id, path, outlet, title, published, lede, body, bodyLines, stripped FROM article WHERE id = ?",
                    arguments: [id])
            else { return nil }
            let entities = try Row.fetchAll(
                db, sql: "SELECT start, end, kind FROM entity WHERE articleId = ? ORDER BY start", arguments: [id]
            ).compactMap { row -> EntitySpan? in
                guard let kind = EntityKind(rawValue: row["kind"]) else { return nil }
                return EntitySpan(start: row["start"], end: row["end"], kind: kind)
            }
            let decoder = JSONDecoder()
            let stripped = (try? decoder.decode([StoredLine].self, from: Data((row["stripped"] as String).utf8))) ?? []
            let bodyLines = (try? decoder.decode([Int].self, from: Data((row["bodyLines"] as String).utf8))) ?? []
            return StoredArticle(
                summary: Self.summary(row), body: row["body"], entities: entities, bodyLineNumbers: bodyLines,
                strippedLines: stripped.map(\.labelledLine))
        }
    }

    /// The id of the article stored for a store-relative path.
    public func articleID(path: String) throws -> Int64? {
        try database.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM article WHERE path = ?", arguments: [path])
        }
    }

    static func summary(_ row: Row) -> ArticleSummary {
        ArticleSummary(
            id: row["id"], path: row["path"], outlet: row["outlet"], title: row["title"],
            published: (row["published"] as String?).flatMap(PublishedDate.init(iso:)), lede: row["lede"])
    }

    static func whereClause(for filter: ArticleFilter, alias: String) -> (String, StatementArguments) {
        var parts: [String] = []
        var arguments: StatementArguments = []
        if let outlet = filter.outlet {
            parts.append("\(alias).outlet = ?")
            arguments += [outlet]
        }
        if let from = filter.fromDay {
            parts.append("\(alias).published >= ?")
            arguments += [from]
        }
        if let to = filter.toDay {
            parts.append("\(alias).published <= ?")
            arguments += [to + "T99"]
        }
        return (parts.joined(separator: " AND "), arguments)
    }

    /// Removes FTS5 snippet markers (U+0002 … U+0003), returning the text and the marked ranges.
    static func unmark(_ marked: String) -> (String, [Range<Int>]) {
        var text = ""
        var ranges: [Range<Int>] = []
        var start: Int?
        for scalar in marked.unicodeScalars {
            switch scalar {
            case "\u{2}": start = text.utf8.count
            case "\u{3}":
                if let begin = start { ranges.append(begin..<text.utf8.count) }
                start = nil
            default: text.unicodeScalars.append(scalar)
            }
        }
        return (text, ranges)
    }
}

/// How far an index update has got, in files.
public struct IndexProgress: Hashable, Sendable {
    public var done: Int
    public var total: Int

    public init(done: Int, total: Int) {
        self.done = done
        self.total = total
    }
}

/// What an index update did.
public struct UpdateReport: Hashable, Sendable {
    public var added = 0
    public var updated = 0
    public var removed = 0
    public var unchanged = 0
    public var skipped: [SkippedFile] = []

    public init() {}
}

/// A boilerplate line as stored in the index.
struct StoredLine: Codable {
    var n: Int
    var k: String
    var t: String

    init(_ line: LabelledLine) {
        n = line.number
        k = line.kind.rawValue
        t = line.text
    }

    var labelledLine: LabelledLine {
        LabelledLine(number: n, text: t, kind: LineKind(rawValue: k) ?? .navigation)
    }
}
