import ArticleFiles
import Articles
import Foundation
import GRDB
import Library

/// Kept details: an index that feeds another (the team index's loader reads every article of it)
/// keeps each article's labelled lines, entities and quotes (`KeptDetail`), so that an article is
/// given whole again from its file alone, not cleaned and tagged a second time. Off unless asked
/// for: they make the index about a tenth larger.
extension ArticleIndex {
    /// One row an article: its lines from phase 1, what phase 2 found (null until then).
    static let detailTable =
        "CREATE TABLE article_detail(article INTEGER PRIMARY KEY, lines BLOB NOT NULL, found BLOB);"

    /// Whether this index keeps details of the articles it reads.
    public func keepsDetails() throws -> Bool {
        try database.read { db in try Self.keepsDetails(db) }
    }

    static func keepsDetails(_ db: Database) throws -> Bool {
        try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'details'") == "kept"
    }

    /// Keeps details of every article read from now on (articles read before are cleaned and
    /// tagged again when asked for whole, as without details).
    public func keepDetails() throws {
        try database.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO setting(name, value) VALUES ('details', 'kept')")
        }
    }

    /// Articles whole from their kept details and their files, read from the index together;
    /// the others (details not kept, or the file changed since) cleaned and tagged afresh, one by
    /// one, as `article(id:)` does.
    public func articles(ids: [Int64]) -> [Int64: Result<StoredArticle?, any Error>] {
        var result: [Int64: Result<StoredArticle?, any Error>] = [:]
        do {
            let rows = try database.read { db in
                let statement = try db.cachedStatement(sql: Self.keptSQL)
                return try ids.compactMap { try Row.fetchOne(statement, arguments: [$0]) }
            }
            for row in rows {
                if let article = keptArticle(row) { result[article.summary.id] = .success(article) }
            }
        } catch {
            // Each then read one by one, which says what is wrong with it.
        }
        // Many articles: their groups' templates are read whole, once.
        let wholeGroups = ids.count > Self.articlesForWholeGroups
        for id in ids where result[id] == nil { result[id] = Result { try article(id: id, wholeGroup: wholeGroups) } }
        return result
    }

    /// More articles than this at once read their groups' templates whole (at a million articles
    /// an outlet's are hundreds of thousands of lines, 20–250 ms to read), not line by line.
    static let articlesForWholeGroups = 16

    static let keptSQL = """
        SELECT \(summaryColumns), a.size, a.mtime, d.lines, d.found
        FROM article a JOIN article_detail d ON d.article = a.id \(summaryJoin) WHERE a.id = ?
        """

    /// An article whole from its kept details and its file, when the index has both and the file
    /// is as it was read; nil otherwise (the caller cleans and tags it afresh).
    func keptArticle(_ id: Int64) throws -> StoredArticle? {
        guard
            let row = try database.read({ db in
                try Row.fetchOne(db.cachedStatement(sql: Self.keptSQL), arguments: [id])
            })
        else { return nil }
        return keptArticle(row)
    }

    /// An article whole from a row of `keptSQL` and its file; nil when the file changed.
    func keptArticle(_ row: Row) -> StoredArticle? {
        let summary = Self.summary(row)
        let file = StoreFile(path: summary.path, size: row["size"], modificationNanos: row["mtime"])
        guard let linesData = row["lines"] as Data?, let foundData = row["found"] as Data?,
            scanner.isUnchanged(file),
            case .success(let contents) = ArticleFile.read(path: scanner.path(of: summary.path)),
            let lines = KeptDetail.decodeLines(linesData, page: contents.text)
        else { return nil }
        let extracted = ExtractedArticle(outlet: nil, title: nil, published: nil, lines: lines)
        let body = extracted.body
        guard let (entities, quotes) = KeptDetail.decodeFound(foundData, bodyLength: body.utf8.count) else {
            return nil
        }
        var article = StoredArticle(
            summary: summary, body: body, entities: entities, bodyLineNumbers: extracted.bodyLineNumbers,
            strippedLines: extracted.strippedLines)
        article.quotes = quotes
        article.isTruncated = contents.isTruncated
        article.bodyConfidences = lines.filter { $0.kind == .body }.map(\.confidence)
        return article
    }
}
