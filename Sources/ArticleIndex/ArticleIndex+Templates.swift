import Articles
import Foundation
import GRDB

/// The store-wide templates: per group of pages (an outlet, or a folder where no outlet is found),
/// its page count and on how many of its pages each normalised line occurs, kept in tables of their
/// own beside the articles and updated as files come and go.
///
/// `template_group(id, name, pages, extracted_pages)`: `extracted_pages` is the page count the
/// group's articles were last read with. `template_line(grp, hash, pages)`: the line counts.
/// `template_page(path, grp, hashes)`: what each file added (its distinct line hashes, 8 bytes each,
/// little-endian), so that a changed or deleted file's lines can be taken back out.
extension ArticleIndex {
    static let templateTables = """
        CREATE TABLE template_group(
            id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
            pages INTEGER NOT NULL DEFAULT 0, extracted_pages INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE template_line(
            grp INTEGER NOT NULL, hash INTEGER NOT NULL, pages INTEGER NOT NULL,
            PRIMARY KEY (grp, hash)) WITHOUT ROWID;
        CREATE TABLE template_page(path TEXT PRIMARY KEY, grp INTEGER NOT NULL, hashes BLOB NOT NULL);
        CREATE INDEX template_page_group ON template_page(grp);
        """

    /// The evidence of the group a stored file counts in, with the lines that occur on two pages
    /// or more; nil when the file is not counted.
    public func templates(forPath path: String) throws -> PageTemplates? {
        try templates(forPath: path, ownLinesOf: nil)
    }

    /// The templates a file's text is read with, but only the counts of its own lines: the same
    /// reading as with the whole group's (`templates(forPath:)`, used when kept), without reading
    /// an outlet's hundreds of thousands of lines to open one article.
    public func templates(forPath path: String, lines text: String) throws -> PageTemplates? {
        try templates(forPath: path, ownLinesOf: text)
    }

    /// The group's templates as kept, else read: whole (and kept), or for the lines of `text` alone.
    private func templates(forPath path: String, ownLinesOf text: String?) throws -> PageTemplates? {
        try database.read { db in
            guard
                let group = try Int64.fetchOne(
                    db, sql: "SELECT grp FROM template_page WHERE path = ?", arguments: [path])
            else { return nil }
            // Kept from an earlier open unless the database changed since.
            let version = try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0
            if let kept = templateCache.templates(ofGroup: group, dataVersion: version) { return kept }
            if let text {
                return try Self.templates(ofGroup: group, lineHashes: PageTemplates.lineHashes(of: text), in: db)
            }
            let templates = try Self.templates(ofGroup: group, in: db)
            templateCache.keep(templates, ofGroup: group, dataVersion: version)
            return templates
        }
    }

    /// A group's page count and the counts of the given lines alone (those on two pages or more):
    /// what reading one page with the group's templates asks for.
    static func templates(ofGroup group: Int64, lineHashes: some Sequence<UInt64>, in db: Database) throws
        -> PageTemplates
    {
        let pages =
            try Int.fetchOne(
                db.cachedStatement(sql: "SELECT pages FROM template_group WHERE id = ?"), arguments: [group]) ?? 0
        let count = try db.cachedStatement(sql: "SELECT pages FROM template_line WHERE grp = ? AND hash = ?")
        var lines: [UInt64: Int] = [:]
        for hash in lineHashes {
            if let pages = try Int.fetchOne(count, arguments: [group, Int64(bitPattern: hash)]), pages >= 2 {
                lines[hash] = pages
            }
        }
        return PageTemplates(pageCount: pages, pagesByLine: lines)
    }

    /// A group's page count and its lines that occur on two pages or more (a line on one page says
    /// nothing of furniture).
    static func templates(ofGroup group: Int64, in db: Database) throws -> PageTemplates {
        let pages = try Int.fetchOne(db, sql: "SELECT pages FROM template_group WHERE id = ?", arguments: [group]) ?? 0
        var lines: [UInt64: Int] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT hash, pages FROM template_line WHERE grp = ? AND pages >= 2", arguments: [group])
        while let row = try rows.next() {
            lines[UInt64(bitPattern: row[0] as Int64)] = row[1]
        }
        return PageTemplates(pageCount: pages, pagesByLine: lines)
    }

    /// The id of a group, made when new.
    static func groupID(_ name: String, in db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM template_group WHERE name = ?", arguments: [name]) {
            return id
        }
        try db.run("INSERT INTO template_group(name) VALUES (?)", [name])
        return db.lastInsertedRowID
    }

    /// Counts files' pages in their groups (each file's group is its `template_page` row),
    /// taking out what earlier versions of them counted.
    static func count(_ looks: [(path: String, look: PageLook)], in db: Database) throws {
        var groups: [String: Int64] = [:]
        var pagesAdded: [Int64: Int] = [:]
        var linesAdded: [Int64: [UInt64: Int]] = [:]
        let page = try db.cachedStatement(sql: "INSERT INTO template_page(path, grp, hashes) VALUES (?, ?, ?)")
        for (path, look) in looks {
            try withdraw(path: path, in: db)
            let group = try groups[look.group] ?? groupID(look.group, in: db)
            groups[look.group] = group
            pagesAdded[group, default: 0] += 1
            for hash in look.lineHashes { linesAdded[group, default: [:]][hash, default: 0] += 1 }
            try page.execute(arguments: [path, group, Self.blob(look.lineHashes)])
        }
        for (group, pages) in pagesAdded {
            try db.run("UPDATE template_group SET pages = pages + ? WHERE id = ?", [pages, group])
        }
        // Many rows a statement: one statement a line would cost more than the counting.
        let rowsPerStatement = 200
        var rows: [DatabaseValueConvertible] = []
        func flush() throws {
            let count = rows.count / 3
            guard count > 0 else { return }
            let statement = try db.cachedStatement(
                sql: "INSERT INTO template_line(grp, hash, pages) VALUES "
                    + Array(repeating: "(?, ?, ?)", count: count).joined(separator: ", ")
                    + " ON CONFLICT DO UPDATE SET pages = pages + excluded.pages")
            try statement.execute(arguments: StatementArguments(rows))
            rows.removeAll(keepingCapacity: true)
        }
        // In the table's order (by group, then by the hash as it is stored): each of its pages is
        // read and changed once a batch. In the order of a dictionary, a large archive's line
        // counts (two million rows at a million pages, more than the page cache holds) had their
        // pages written out and read back several times a batch: a million pages took 106 s to
        // count, 20 times 100,000's; 62 s so.
        for group in linesAdded.keys.sorted() {
            let lines = linesAdded[group]!.map { (hash: Int64(bitPattern: $0.key), pages: $0.value) }
            for (hash, pages) in lines.sorted(by: { $0.hash < $1.hash }) {
                rows += [group, hash, pages]
                if rows.count == rowsPerStatement * 3 { try flush() }
            }
        }
        try flush()
    }

    /// Takes a file's page out of its group's counts; nothing when it is not counted. Returns the
    /// group's id.
    @discardableResult
    static func withdraw(path: String, in db: Database) throws -> Int64? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT grp, hashes FROM template_page WHERE path = ?"), arguments: [path])
        else { return nil }
        let group: Int64 = row["grp"]
        let hashes = Self.hashes(fromBlob: row["hashes"])
        try db.run("UPDATE template_group SET pages = pages - 1 WHERE id = ?", [group])
        // Line by line, by the key: a statement over the group's lines would read them all for each
        // page taken out (hundreds of thousands in an outlet of a large archive).
        let take = try db.cachedStatement(sql: "UPDATE template_line SET pages = pages - 1 WHERE grp = ? AND hash = ?")
        let drop = try db.cachedStatement(sql: "DELETE FROM template_line WHERE grp = ? AND hash = ? AND pages <= 0")
        for hash in hashes {
            let arguments: StatementArguments = [group, Int64(bitPattern: hash)]
            try take.execute(arguments: arguments)
            try drop.execute(arguments: arguments)
        }
        try db.run("DELETE FROM template_page WHERE path = ?", [path])
        return group
    }

    /// Whether a group's evidence has changed enough since its articles were read to read them
    /// again: it crossed the three pages below which it says nothing, or its page count grew or
    /// shrank by a quarter.
    static func hasChangedMaterially(pages: Int, extractedPages: Int) -> Bool {
        let minimum = PageTemplates.furnitureMinimumPages
        if (pages >= minimum) != (extractedPages >= minimum) { return true }
        guard pages >= minimum else { return false }
        return pages * 4 >= extractedPages * 5 || pages * 4 <= extractedPages * 3
    }

    static func blob(_ hashes: [UInt64]) -> Data {
        var data = Data(capacity: hashes.count * 8)
        for hash in hashes {
            withUnsafeBytes(of: hash.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    static func hashes(fromBlob data: Data) -> [UInt64] {
        let bytes = [UInt8](data)
        return stride(from: 0, to: bytes.count - 7, by: 8).map { start in
            var value: UInt64 = 0
            for k in 0..<8 { value |= UInt64(bytes[start + k]) << (8 * UInt64(k)) }
            return value
        }
    }
}
