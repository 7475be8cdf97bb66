import Foundation
import GRDB

/// Taking the rows of changed and deleted articles ("ghosts") out of the contentless FTS tables.
///
/// A contentless FTS5 table forgets a row only when told the words it was given, and those of a
/// changed or deleted file are gone with its old text; so the rows stay, their ids listed in
/// `ghost`, and every search leaves them out. That costs each search more as they pile up: with a
/// fifth of a 100,000-article index's rows ghosts, a very common word took 9.4 to 12 ms where it
/// took 5.2 to 7.1 ms once they were forgotten (in one run). The words a row was given are still
/// in the tables themselves, though: FTS5's `fts5vocab` lists every word of every row
/// (`instance`). One pass over them gives each ghost's words, column by column, and with them
/// FTS5 forgets the row as if told its old text.
extension ArticleIndex {
    /// The contentless FTS tables and their columns, in order.
    static let wordTables: [(name: String, columns: [String])] = [
        ("fts", ["title", "body", "outlet"]),
        ("names", ["person", "org", "place", "said", "quoted"]),
    ]

    /// Whether there are enough ghosts to take out: at least `minimum`, and a twentieth of the
    /// articles or more (each purge reads the whole word index, so it waits for a good number).
    static func shouldPurgeGhosts(_ ghosts: Int, articles: Int, minimum: Int) -> Bool {
        ghosts >= max(1, minimum) && ghosts * 20 >= articles
    }

    /// Takes the ghosts' rows out of the FTS tables and forgets the ghosts; returns how many were
    /// taken out. A ghost with a word beyond ASCII letters and digits (and the mark between names,
    /// `nameSeparator`) stays one: the words are given back to FTS5's tokenizer to be forgotten,
    /// and only those are sure to come back as they went in. Searches go on leaving it out.
    ///
    /// FTS5 forgets a row by writing what it forgets beside it, to be merged away; until then every
    /// search reads both. So the tables are then merged into one segment each (`optimize`), as
    /// after a first build.
    @discardableResult
    public func purgeGhosts() throws -> Int {
        let purged = try database.write { db in try Self.purgeGhosts(in: db) }
        guard purged > 0 else { return 0 }
        for table in Self.wordTables {
            try database.write { db in
                try db.execute(sql: "INSERT INTO \(table.name)(\(table.name)) VALUES ('optimize')")
            }
        }
        return purged
    }

    static func purgeGhosts(in db: Database) throws -> Int {
        guard try Int.fetchOne(db, sql: "SELECT 1 FROM ghost LIMIT 1") != nil else { return 0 }
        // Each ghost row's words, by table and column, gathered in one pass over each table (in
        // a temporary table: SQLite's, not this process's, memory holds them).
        try db.execute(
            sql: """
                CREATE TEMP TABLE ghost_words(tbl TEXT NOT NULL, doc INTEGER NOT NULL, col TEXT NOT NULL,
                    words TEXT NOT NULL, odd INTEGER NOT NULL)
                """)
        defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.ghost_words") }
        for table in wordTables {
            let instances = "temp.\(table.name)_instance"
            try db.execute(
                sql: "CREATE VIRTUAL TABLE \(instances) USING fts5vocab(main, \(table.name), instance)")
            defer { try? db.execute(sql: "DROP TABLE IF EXISTS \(instances)") }
            try db.execute(
                sql: """
                    INSERT INTO temp.ghost_words
                    SELECT ?, doc, col, group_concat(term, ' '), max(term GLOB '*[^a-z0-9]*' AND term != ?)
                    FROM \(instances) WHERE doc IN (SELECT id FROM ghost) GROUP BY doc, col
                    """, arguments: [table.name, nameSeparator])
        }
        try db.execute(sql: "CREATE INDEX temp.ghost_words_doc ON ghost_words(tbl, doc)")
        let kept = Set(try Int64.fetchAll(db, sql: "SELECT DISTINCT doc FROM temp.ghost_words WHERE odd"))
        let columns = try db.makeStatement(sql: "SELECT col, words FROM temp.ghost_words WHERE tbl = ? AND doc = ?")
        for table in wordTables {
            let values = table.columns.map { _ in "?" }.joined(separator: ", ")
            let forget = try db.makeStatement(
                sql: """
                    INSERT INTO \(table.name)(\(table.name), rowid, \(table.columns.joined(separator: ", ")))
                    VALUES ('delete', ?, \(values))
                    """)
            // The ghosts the table holds a row of (`docsize`): one without words is forgotten too.
            let ids = try Int64.fetchAll(
                db, sql: "SELECT id FROM \(table.name)_docsize WHERE id IN (SELECT id FROM ghost)")
            for id in ids where !kept.contains(id) {
                var words: [String: String] = [:]
                for row in try Row.fetchAll(columns, arguments: [table.name, id]) { words[row[0]] = row[1] }
                try forget.execute(arguments: StatementArguments([id] + table.columns.map { words[$0] ?? "" }))
            }
        }
        // Every other ghost now has no row left in either table.
        let before = try Int.fetchOne(db, sql: "SELECT count(*) FROM ghost") ?? 0
        try db.execute(
            sql: "DELETE FROM ghost WHERE id NOT IN (SELECT DISTINCT doc FROM temp.ghost_words WHERE odd)")
        return before - (try Int.fetchOne(db, sql: "SELECT count(*) FROM ghost") ?? 0)
    }
}
