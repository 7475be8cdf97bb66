import ArticleFiles
import Articles
import Entities
import Foundation
import GRDB
import Library
import Quotes
import Search

/// kabar's SQLite index of one store.
///
/// It keeps no copy of the articles' text: a contentless FTS5 table indexes titles, cleaned bodies,
/// outlets and entity names, and the article table holds metadata and where the body lines are
/// in the file. Text is read from the store when an article is opened or a snippet is made.
/// Article ids follow publication time (see `ArticleKey`), so newest first is id order.
public final class ArticleIndex: ArticleLibrary, Sendable {
    /// Increase when the schema or entity recognition change: an index of any other version is
    /// emptied and built again. A change in how pages are read (the rules, the line model, the
    /// outlet table, the templates' line hashes: `ArticleExtractor.identity`) needs no new version:
    /// the index keeps the identity it was made with and is built again when it differs.
    static let formatVersion: Int32 = 22

    let database: DatabaseQueue
    /// The database file, or nil for an index in memory.
    public let url: URL?
    public let scanner: StoreScanner
    let customStemmer: Stemmer?
    /// The stemmer, loaded when first needed (a launch with nothing to index needs none).
    var stemmer: Stemmer { customStemmer ?? .standard }
    /// How files are read, for updates and for opening an article.
    public let extractor: ArticleExtractor

    /// What opening had to do to a damaged index file, in words for the user; nil when nothing.
    public let recoveryNote: String?
    /// Page templates of the groups articles were opened from.
    let templateCache = TemplateCache()
    /// A search counts its matches up to this many; past it the count is `countIsAtLeast` (the
    /// reader then asks `estimatedMatchCount` for the rest).
    let countingUpTo: Int
    /// How counts past `countingUpTo` are estimated (`estimatedMatchCount`).
    let countSampling: CountSampling
    /// An update that reads more files than this, and more than a quarter of the archive after
    /// it, is a bulk load: the FTS tables' segments are merged once, at the end of each phase.
    let bulkLoading: Int
    /// An update forgets the FTS rows of changed and deleted articles once there are this many,
    /// and a twentieth of the articles (`shouldPurgeGhosts`).
    let ghostsPurgedFrom: Int

    /// Opens (creating if needed) the index at `url` of the store at `store`, making its folder.
    /// A file that is not a readable index of any version (damaged, cut short, not SQLite) is moved
    /// aside as `<name>.damaged-<time>` and a new index is made; `recoveryNote` says so. Throws
    /// `IndexStorageError` when the index cannot be kept at `url`.
    public init(
        url: URL, store: URL, extractor: ArticleExtractor = ArticleExtractor(), stemmer: Stemmer? = nil,
        countingUpTo: Int = 20_000, countSampling: CountSampling = CountSampling(), bulkLoading: Int = 2000,
        ghostsPurgedFrom: Int = 1000
    ) throws(IndexStorageError) {
        self.countingUpTo = countingUpTo
        self.countSampling = countSampling
        self.bulkLoading = bulkLoading
        self.ghostsPurgedFrom = ghostsPurgedFrom
        do {
            (database, recoveryNote) = try Self.openRecovering(url)
        } catch {
            throw IndexStorageError(opening: error)
        }
        self.url = url
        scanner = StoreScanner(root: store)
        self.customStemmer = stemmer
        self.extractor = extractor
    }

    /// Opens the database file at `url`, moving a damaged one aside; with a note for the user
    /// on what that took.
    static func openRecovering(_ url: URL) throws -> (DatabaseQueue, note: String?) {
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            let (opened, olderVersion) = try Self.openChecked(url)
            return (
                opened,
                olderVersion.map {
                    "the index was made by another version of kabar (format \($0)); it is being rebuilt"
                }
            )
        } catch let error as DatabaseError where Self.meansDamaged(error) {
            let aside = try Self.moveAside(url)
            return (
                try Self.openChecked(url).database,
                "the index was damaged (\(error.message ?? "\(error.resultCode)")); it was moved aside to \(aside.lastPathComponent) and is being rebuilt"
            )
        }
    }

    /// Opens the database file and reads enough of it to find damage in its header and schema.
    /// Another kabar making the same new index at the same moment holds locks that SQLite's busy
    /// timeout does not wait for (switching to WAL): such an open is tried again, for up to 10 s.
    static func openChecked(_ url: URL) throws -> (database: DatabaseQueue, olderVersion: Int32?) {
        var attempt = 0
        while true {
            do {
                return try openCheckedOnce(url)
            } catch let error as DatabaseError
                where (error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED) && attempt < 200
            {
                attempt += 1
                usleep(50_000)
            }
        }
    }

    static func openCheckedOnce(_ url: URL) throws -> (database: DatabaseQueue, olderVersion: Int32?) {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try RankFunction.register(db)
        }
        let database = try DatabaseQueue(path: url.path, configuration: configuration)
        try database.read { db in
            _ = try Int.fetchOne(db, sql: "PRAGMA user_version")
            for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") {
                // The first page of every table: a file cut short fails here.
                _ = try Row.fetchOne(
                    db, sql: "SELECT * FROM \"\(name.replacingOccurrences(of: "\"", with: "\"\""))\" LIMIT 1")
            }
        }
        return (database, try prepareSchema(database, lockPath: url.path + ".lock"))
    }

    /// Errors that mean the file is not a sound SQLite database.
    static func meansDamaged(_ error: DatabaseError) -> Bool {
        [.SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_FORMAT].contains(error.resultCode)
    }

    /// Renames a damaged index (and its write-ahead log) out of the way; returns its new place.
    static func moveAside(_ url: URL) throws -> URL {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let stamp = url.lastPathComponent + ".damaged-" + formatter.string(from: Date())
        var aside = url.deletingLastPathComponent().appendingPathComponent(stamp)
        var number = 2
        while FileManager.default.fileExists(atPath: aside.path) {
            aside = url.deletingLastPathComponent().appendingPathComponent(stamp + "-\(number)")
            number += 1
        }
        try FileManager.default.moveItem(at: url, to: aside)
        for suffix in ["-wal", "-shm"] {
            let companion = URL(fileURLWithPath: url.path + suffix)
            if FileManager.default.fileExists(atPath: companion.path) {
                try? FileManager.default.moveItem(at: companion, to: URL(fileURLWithPath: aside.path + suffix))
            }
        }
        return aside
    }

    /// An index in memory of the store at `store`.
    public init(
        store: URL, extractor: ArticleExtractor = ArticleExtractor(), stemmer: Stemmer? = nil,
        countingUpTo: Int = 20_000, countSampling: CountSampling = CountSampling(), bulkLoading: Int = 2000,
        ghostsPurgedFrom: Int = 1000
    ) throws {
        self.countingUpTo = countingUpTo
        self.countSampling = countSampling
        self.bulkLoading = bulkLoading
        self.ghostsPurgedFrom = ghostsPurgedFrom
        var configuration = Configuration()
        configuration.prepareDatabase { db in try RankFunction.register(db) }
        database = try DatabaseQueue(configuration: configuration)
        url = nil
        recoveryNote = nil
        scanner = StoreScanner(root: store)
        self.customStemmer = stemmer
        self.extractor = extractor
        try Self.prepareSchema(database, lockPath: nil)
    }

    /// Makes the schema of this version; returns the older version the file had, if it had one.
    @discardableResult
    private static func prepareSchema(_ database: DatabaseQueue, lockPath: String?) throws -> Int32? {
        // A current index needs nothing, and no lock.
        let current = try database.read { db in try Int32.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
        guard current != Self.formatVersion else { return nil }
        // Making the schema takes several transactions: one kabar at a time (another may be making
        // this same index now), and the version is read again once it is our turn.
        let lock = try lockPath.map { try IndexLock(path: $0) }
        lock?.lock()
        defer { lock?.unlock() }
        return try database.writeWithoutTransaction { db -> Int32? in
            let version = try Int32.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            guard version != Self.formatVersion else { return nil }
            // 21 added the table of kept details, empty until details are kept; 22 made the index
            // of articles by folder hold their files' names, sizes and times.
            if version == 20 || version == 21 {
                try db.inTransaction {
                    if version == 20 { try db.execute(sql: Self.detailTable) }
                    try db.execute(sql: "DROP INDEX IF EXISTS article_folder")
                    try db.execute(sql: Self.folderIndex)
                    try db.execute(sql: "PRAGMA user_version = \(Self.formatVersion)")
                    return .commit
                }
                return nil
            }
            // An index of another version (or a new file): start afresh.
            try db.inTransaction {
                let virtualTables = try String.fetchAll(
                    db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
                for name in virtualTables {
                    try db.execute(sql: "DROP TABLE IF EXISTS \(name.quotedDatabaseIdentifier)")
                }
                let tables = try String.fetchAll(
                    db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                for name in tables {
                    try db.execute(sql: "DROP TABLE IF EXISTS \(name.quotedDatabaseIdentifier)")
                }
                return .commit
            }
            // Pages freed when FTS segments merge go back to the file system (see `update`).
            try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
            try db.execute(sql: "VACUUM")
            try db.inTransaction {
                try db.execute(
                    sql: """
                        CREATE TABLE folder(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, mtime INTEGER NOT NULL);
                        CREATE TABLE outlet(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, articles INTEGER NOT NULL DEFAULT 0);
                        CREATE TABLE article(
                            id INTEGER PRIMARY KEY,
                            folder INTEGER NOT NULL,
                            path TEXT NOT NULL,
                            size INTEGER NOT NULL,
                            mtime INTEGER NOT NULL,
                            outlet INTEGER,
                            title TEXT,
                            lede TEXT,
                            published TEXT,
                            url TEXT,
                            lines TEXT NOT NULL,
                            plain INTEGER NOT NULL DEFAULT 0);
                        \(Self.folderIndex)
                        CREATE INDEX article_outlet ON article(outlet);
                        CREATE TABLE skipped(path TEXT PRIMARY KEY, folder TEXT NOT NULL, reason TEXT NOT NULL);
                        CREATE TABLE word(stem TEXT NOT NULL, word TEXT NOT NULL, PRIMARY KEY (stem, word)) WITHOUT ROWID;
                        -- The words of titles and bodies (IndexTerms), for prefix searches.
                        CREATE TABLE term(term TEXT PRIMARY KEY) WITHOUT ROWID;
                        CREATE TABLE ghost(id INTEGER PRIMARY KEY);
                        \(Self.dayTable)
                        CREATE TABLE setting(name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
                        \(Self.ftsTable);
                        \(Self.namesTable);
                        \(Self.unnamedTable)
                        \(Self.templateTables)
                        \(Self.storyTables)
                        \(Self.quoteTable)
                        \(Self.entityTables)
                        \(Self.detailTable)
                        PRAGMA user_version = \(Self.formatVersion);
                        """)
                return .commit
            }
            return version == 0 ? nil : version
        }
    }

    /// The articles of a folder with what tells whether their files changed: a changed folder's
    /// rows are read from this index alone, in one run, not from the article table's pages all
    /// over the file (at a million articles, 1,000 new files in 850 folders: 2.3 s cold and 0.3 s
    /// warm before, 0.13 s).
    /// A bulk load drops it before its first file is read and makes it again in one sorted pass
    /// once phase 1 ends; every update makes it first if an interrupted one left it missing.
    static let folderIndex = "CREATE INDEX IF NOT EXISTS article_folder ON article(folder, path, size, mtime);"

    /// Articles per day (`ArticleKey.bucket(of:)`), kept by the writer, for estimating large counts.
    static let dayTable = "CREATE TABLE article_day(day INTEGER PRIMARY KEY, articles INTEGER NOT NULL);"

    /// The full-text table of phase 1: contentless (the text stays in the store), one column per
    /// field searched. What phase 2 finds is in `names`.
    static let ftsTable = """
        CREATE VIRTUAL TABLE fts USING fts5(
            title, body, outlet, content = '', tokenize = 'unicode61 remove_diacritics 2')
        """

    /// Forgets everything indexed, so the next update reads the whole store again.
    public func clear() throws {
        templateCache.empty()
        try database.write { db in
            try db.execute(
                sql: """
                    DELETE FROM folder; DELETE FROM outlet; DELETE FROM article; DELETE FROM skipped;
                    DELETE FROM ghost; DELETE FROM word; DELETE FROM article_day;
                    DELETE FROM template_group; DELETE FROM template_line; DELETE FROM template_page;
                    DELETE FROM story_article; DELETE FROM story; DELETE FROM story_pending; DELETE FROM story_touched;
                    DELETE FROM story_word;
                    DELETE FROM quote; DELETE FROM entity; DELETE FROM article_entity; DELETE FROM unnamed;
                    DELETE FROM article_detail;
                    DROP TABLE fts;
                    \(Self.ftsTable);
                    DROP TABLE names;
                    \(Self.namesTable);
                    """)
        }
    }

    // MARK: - Reading

    /// The number of articles in the index.
    public func count() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT sum(articles) FROM outlet") ?? 0 }
    }

    /// Files that were not indexed, with the reasons.
    /// What SQLite's full integrity check finds wrong; empty when the index is sound.
    public func integrityProblems() throws -> [String] {
        try database.read { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
        }
    }

    /// Counts that describe the index.
    public struct Statistics: Sendable {
        public var articles = 0
        public var outlets = 0
        public var folders = 0
        /// Rows of changed or deleted files still in the full-text table (searches skip them).
        public var ghosts = 0
        /// Files longer than `ArticleFile.byteLimit`, of which only the beginning is indexed.
        public var truncated: [(path: String, size: Int64)] = []
    }

    public func statistics() throws -> Statistics {
        try database.read { db in
            var statistics = Statistics()
            statistics.articles = try Int.fetchOne(db, sql: "SELECT count(*) FROM article") ?? 0
            statistics.outlets = try Int.fetchOne(db, sql: "SELECT count(*) FROM outlet WHERE articles > 0") ?? 0
            statistics.folders = try Int.fetchOne(db, sql: "SELECT count(*) FROM folder") ?? 0
            statistics.ghosts = try Int.fetchOne(db, sql: "SELECT count(*) FROM ghost") ?? 0
            statistics.truncated = try Row.fetchAll(
                db, sql: "SELECT path, size FROM article WHERE size > ? ORDER BY path",
                arguments: [ArticleFile.byteLimit]
            ).map { ($0["path"], $0["size"]) }
            return statistics
        }
    }

    public func skippedFiles() throws -> [SkippedFile] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT path, reason FROM skipped ORDER BY path").map {
                SkippedFile(path: $0["path"], reason: $0["reason"])
            }
        }
    }

    static let summaryColumns =
        "a.id, a.path, o.name AS outlet, a.title, a.lede, a.published, a.url, st.id AS story, st.outlets AS storyOutlets"
    static let summaryJoin = """
        LEFT JOIN outlet o ON o.id = a.outlet LEFT JOIN story_article sa ON sa.article = a.id \
        LEFT JOIN story st ON st.id = sa.story
        """

    public func articles(matching filter: ArticleFilter, limit: Int?) throws -> [ArticleSummary] {
        try articles(matching: filter, offset: 0, limit: limit ?? -1)
    }

    /// Every article passing the filter, a page of `listingPage` at a time, each page the
    /// articles below the last one's id (so an update between two pages neither repeats nor
    /// skips an article that stays); never the whole list at once. `body` runs between reads: it
    /// may read the index itself (the text of `kabar list --text`).
    public func forEachArticle(matching filter: ArticleFilter, _ body: (ArticleSummary) throws -> Void) throws {
        try forEachArticle(matching: filter, pageSize: listingPage, body)
    }

    func forEachArticle(matching filter: ArticleFilter, pageSize: Int, _ body: (ArticleSummary) throws -> Void) throws {
        var below: Int64?
        while true {
            let page = try articles(matching: filter, below: below, offset: 0, limit: pageSize)
            for summary in page { try body(summary) }
            guard page.count == pageSize, let last = page.last else { return }
            below = last.id
        }
    }

    /// A page of the list (`limit` -1: to its end): the ids are found first (the id index alone,
    /// walked past `offset` rows), then only the page's rows are read with their outlet and story.
    public func articles(matching filter: ArticleFilter, offset: Int, limit: Int) throws -> [ArticleSummary] {
        try articles(matching: filter, below: nil, offset: offset, limit: limit)
    }

    /// A page of the list among the articles with ids below `below`, when given.
    func articles(matching filter: ArticleFilter, below: Int64?, offset: Int, limit: Int) throws -> [ArticleSummary] {
        try database.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            Self.addFilter(filter, alias: "a", idColumn: "a.id", to: &conditions, &arguments)
            if let below {
                conditions.append("a.id < ?")
                arguments += [below]
            }
            arguments += [limit, offset]
            // A cursor, so that a long list is never held twice.
            return try Array(
                Row.fetchCursor(
                    db,
                    sql: """
                        SELECT \(Self.summaryColumns) FROM (
                            SELECT a.id FROM article a
                            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                            ORDER BY a.id DESC LIMIT ? OFFSET ?
                        ) p CROSS JOIN article a ON a.id = p.id \(Self.summaryJoin)
                        ORDER BY a.id DESC
                        """,
                    arguments: arguments
                ).map(Self.summary))
        }
    }

    public func articlePosition(id: Int64, matching filter: ArticleFilter) throws -> Int? {
        try database.read { db in
            var conditions = ["a.id = ?"]
            var arguments: StatementArguments = [id]
            Self.addFilter(filter, alias: "a", idColumn: "a.id", to: &conditions, &arguments)
            let passes = try Int.fetchOne(
                db, sql: "SELECT 1 FROM article a WHERE " + conditions.joined(separator: " AND "), arguments: arguments)
            guard passes != nil else { return nil }
            // The list is newest (highest id) first: its position is the count of higher ids.
            conditions[0] = "a.id > ?"
            return try Int.fetchOne(
                db, sql: "SELECT count(*) FROM article a WHERE " + conditions.joined(separator: " AND "),
                arguments: arguments) ?? 0
        }
    }

    public func undatedCount(matching filter: ArticleFilter) throws -> Int {
        try database.read { db in
            var conditions = ["a.id < ?"]
            var arguments: StatementArguments = [ArticleKey.firstDatedID]
            let outletOnly = ArticleFilter(
                outlet: filter.outlet, outletPrefix: filter.outletPrefix, withoutOutlet: filter.withoutOutlet)
            Self.addFilter(outletOnly, alias: "a", idColumn: "a.id", to: &conditions, &arguments)
            return try Int.fetchOne(
                db, sql: "SELECT count(*) FROM article a WHERE " + conditions.joined(separator: " AND "),
                arguments: arguments) ?? 0
        }
    }

    public func outlets() throws -> [OutletCount] {
        try database.read { db in
            var counts = try Row.fetchAll(
                db,
                sql: "SELECT name, articles FROM outlet WHERE articles > 0 AND name != '' ORDER BY articles DESC, name"
            ).map { OutletCount(outlet: $0["name"], count: $0["articles"]) }
            if let unnamed = try Int.fetchOne(db, sql: "SELECT articles FROM outlet WHERE name = ''"), unnamed > 0 {
                let position = counts.firstIndex { $0.count < unnamed } ?? counts.endIndex
                counts.insert(OutletCount(outlet: nil, count: unnamed), at: position)
            }
            return counts
        }
    }

    /// One article in full: from its kept details and its file where the index keeps them
    /// (`keptArticle`), else its file read and cleaned again and its entities found again.
    public func article(id: Int64) throws -> StoredArticle? { try article(id: id, wholeGroup: false) }

    /// One article in full; its group's templates read whole and kept for the next article of the
    /// group (`wholeGroup`, for many articles in a row), or only its own lines' counts.
    func article(id: Int64, wholeGroup: Bool) throws -> StoredArticle? {
        if let kept = try keptArticle(id) { return kept }
        guard let (summary, contents, extracted) = try reread(id, wholeGroup: wholeGroup) else { return nil }
        let body = extracted.body
        // The tagger's sentences serve quote finding too.
        let sentences = NewsTokenizer.sentences(in: body)
        let entities = NewsTagger.standard.entities(in: body, sentences: sentences)
        var article = StoredArticle(
            summary: summary, body: body, entities: entities,
            bodyLineNumbers: extracted.bodyLineNumbers, strippedLines: extracted.strippedLines)
        article.quotes = QuoteFinder().quotes(in: body, entities: entities, sentences: sentences)
        article.isTruncated = contents.isTruncated
        article.bodyConfidences = extracted.lines.filter { $0.kind == .body }.map(\.confidence)
        return article
    }

    /// An article's cleaned text, its file read and cleaned again (no entities).
    public func body(id: Int64) throws -> String? { try reread(id)?.extracted.body }

    /// An article's summary, its file and what extraction makes of it now; nil for no such article.
    /// The group's templates whole (`templates(forPath:)`) or the counts of the file's own lines
    /// (`templates(forPath:lines:)`): the same reading either way.
    func reread(_ id: Int64, wholeGroup: Bool = false) throws -> (
        summary: ArticleSummary, contents: ArticleFile.Contents, extracted: ExtractedArticle
    )? {
        guard
            let row = try database.read({ db in
                try Row.fetchOne(
                    db, sql: "SELECT \(Self.summaryColumns) FROM article a \(Self.summaryJoin) WHERE a.id = ?",
                    arguments: [id])
            })
        else { return nil }
        let summary = Self.summary(row)
        let contents: ArticleFile.Contents
        switch ArticleFile.read(path: scanner.path(of: summary.path)) {
        case .success(let read): contents = read
        case .failure(let problem): throw ArticleReadError(path: summary.path, reason: problem.reason)
        }
        let templates =
            wholeGroup
            ? try templates(forPath: summary.path) : try templates(forPath: summary.path, lines: contents.text)
        let extracted = extractor.extract(contents.text, path: summary.path, templates: templates)
        return (summary, contents, extracted)
    }

    /// The id of the article stored for a store-relative path.
    public func articleID(path: String) throws -> Int64? {
        try database.read { db in
            try Int64.fetchOne(db, sql: Self.idOfPath, arguments: [Self.folder(of: path), path])
        }
    }

    /// The id of the article of a file, found through the folder index (arguments: the file's
    /// folder, its path), not by reading every article's path.
    static let idOfPath = "SELECT id FROM article WHERE folder = (SELECT id FROM folder WHERE path = ?) AND path = ?"

    /// The ids of the articles of files (argument: `pathsAndFolders`), through the folder index.
    static let idsOfPaths = """
        SELECT x.id FROM json_each(?) j JOIN folder f ON f.path = json_extract(j.value, '$[1]')
        JOIN article x ON x.folder = f.id AND x.path = json_extract(j.value, '$[0]')
        """

    /// Paths with their folders, as a JSON array of pairs, for `idsOfPaths`.
    static func pathsAndFolders(_ paths: [String]) -> String {
        let pairs = paths.map { [$0, folder(of: $0)] }
        let data = (try? JSONSerialization.data(withJSONObject: pairs, options: [.withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func summary(_ row: Row) -> ArticleSummary {
        let outlet: String? = row["outlet"]
        var summary = ArticleSummary(
            id: row["id"], path: row["path"], outlet: outlet?.isEmpty == true ? nil : outlet, title: row["title"],
            published: (row["published"] as String?).flatMap(PublishedDate.init(iso:)), lede: row["lede"] ?? "",
            url: row["url"])
        summary.story = row["story"]
        summary.storyOutlets = row["storyOutlets"] ?? 0
        return summary
    }

    /// Adds the filter's outlet and days to an SQL condition on article `alias`, whose id is `idColumn`.
    static func addFilter(
        _ filter: ArticleFilter, alias: String, idColumn: String, to conditions: inout [String],
        _ arguments: inout StatementArguments
    ) {
        if filter.withoutOutlet {
            // Articles whose text names no outlet are filed under the outlet with no name.
            conditions.append("\(alias).outlet = (SELECT id FROM outlet WHERE name = '')")
        } else if let outlet = filter.outlet {
            conditions.append("\(alias).outlet = (SELECT id FROM outlet WHERE name = ?)")
            arguments += [outlet]
        }
        if let prefix = filter.outletPrefix {
            conditions.append(
                "\(alias).outlet IN (SELECT id FROM outlet WHERE name != '' AND lower(name) LIKE ? ESCAPE '\\')")
            arguments += [SearchPlan.likeEscaped(prefix.lowercased()) + "%"]
        }
        if let paths = filter.paths {
            // One argument however many paths: a JSON array read by json_each.
            conditions.append(paths.isEmpty ? "0" : "\(idColumn) IN (\(Self.idsOfPaths))")
            if !paths.isEmpty { arguments += [Self.pathsAndFolders(paths.sorted())] }
        }
        if let range = ArticleKey.range(fromDay: filter.fromDay, toDay: filter.toDay) {
            if filter.includeUndated {
                conditions.append("((\(idColumn) >= ? AND \(idColumn) < ?) OR \(idColumn) < ?)")
                arguments += [range.lowerBound, range.upperBound, ArticleKey.firstDatedID]
            } else {
                conditions.append("\(idColumn) >= ? AND \(idColumn) < ?")
                arguments += [range.lowerBound, range.upperBound]
            }
        }
    }
}

/// An indexed article whose file cannot be read any more.
public struct ArticleReadError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): cannot be read (\(reason)); the store changed since it was indexed" }
}

/// How far an index update has got, in files.
public struct IndexProgress: Hashable, Sendable {
    public var phase: IndexPhase
    public var done: Int
    public var total: Int

    public init(phase: IndexPhase = .words, done: Int, total: Int) {
        self.phase = phase
        self.done = done
        self.total = total
    }
}

/// What an index update did.
public struct UpdateReport: Hashable, Sendable {
    public var added = 0
    public var updated = 0
    public var removed = 0
    /// Unchanged articles read again because what their outlet's pages share changed.
    public var reread = 0
    public var unchanged = 0
    /// Whether the index was emptied and built again because pages are now read another way
    /// (a new line model, new rules or a new outlet table).
    public var rebuilt = false
    public var skipped: [SkippedFile] = []
    /// Seconds spent grouping stories after the files were read, and (summed over the threads
    /// that read files) making the articles' story features.
    public var storySeconds = 0.0
    public var storyFeatureSeconds = 0.0
    /// Seconds (summed over the threads that read files) finding quotes.
    public var quoteSeconds = 0.0
    /// Seconds from the start of the update to the end of phase 1 (files listed, read, cleaned
    /// and searchable by words, outlet and date), and of phase 2 (names, quotes and stories).
    public var wordsSeconds = 0.0
    public var namesSeconds = 0.0
    /// Each step of the update in the order it ran, with its wall-clock seconds: where the time
    /// went (`kabar bench` prints them).
    public var steps: [UpdateStep] = []

    public init() {}

    /// Adds the step called `name`, which took the time since `start` (a `DispatchTime` in
    /// nanoseconds), and returns the time now, the next step's start.
    @discardableResult
    mutating func lap(_ name: String, since start: UInt64) -> UInt64 {
        let now = DispatchTime.now().uptimeNanoseconds
        steps.append(UpdateStep(name: name, seconds: Double(now - start) / 1e9))
        return now
    }
}

/// One step of an index update and the wall-clock seconds it took.
public struct UpdateStep: Hashable, Sendable {
    public var name: String
    public var seconds: Double

    public init(name: String, seconds: Double) {
        self.name = name
        self.seconds = seconds
    }
}
