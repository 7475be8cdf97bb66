import ArticleFiles
import Articles
import Entities
import Foundation
import GRDB
import Library
import Search
import Stories

extension ArticleIndex {
    /// Brings the index in line with the store: reads new and changed files, forgets deleted ones.
    /// Folders whose modification time has not changed are not listed again; in the others, files
    /// with the same size and modification time are not read again. With `full`, every folder is
    /// listed (to catch files rewritten in place); folders in `relisting` (store-relative, `""` for
    /// the root) are listed whatever their time, for files known to have been rewritten there.
    /// Files are read on every core.
    ///
    /// One kabar process at a time updates an index: another one already at it is waited for
    /// (`waiting` is told first), after which there is usually little left to do.
    ///
    /// A failure of the disk under the index (full, read-only, failing) or a damaged file throws
    /// `IndexStorageError`.
    @discardableResult
    public func update(
        full: Bool = false,
        relisting folders: Set<String> = [],
        recognizer: (any EntityRecognizer)? = nil,
        waiting: () -> Void = {},
        progress: (IndexProgress) -> Void = { _ in }
    ) throws -> UpdateReport {
        do {
            let lock = try url.map { try IndexLock(path: $0.path + ".lock") }
            if let lock, !lock.tryLock() {
                waiting()
                lock.lock()
            }
            defer { lock?.unlock() }
            // The templates kept for opening articles are this update's to change.
            templateCache.empty()
            defer { templateCache.empty() }
            return try updateLocked(full: full, relisting: folders, recognizer: recognizer, progress: progress)
        } catch let error as DatabaseError {
            throw IndexStorageError(error) ?? error
        }
    }

    private func updateLocked(
        full: Bool, relisting folders: Set<String>, recognizer: (any EntityRecognizer)?,
        progress: (IndexProgress) -> Void
    ) throws -> UpdateReport {
        let updateStart = DispatchTime.now().uptimeNanoseconds
        let extractor = self.extractor
        // While updating, a page cache of 16 MB (SQLite's is 2), and the write-ahead log folded back
        // into the file every 64 MB of it (SQLite's: every 4): a page that many transactions change
        // in a row (the FTS tables', the word tables') is copied back once, not after every few
        // transactions. The settings as they were again afterwards.
        let (cacheSize, checkpointPages) = try database.writeWithoutTransaction { db in
            let before = (
                try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000,
                try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? 1000
            )
            try db.execute(sql: "PRAGMA cache_size = -16384; PRAGMA wal_autocheckpoint = 16384")
            return before
        }
        defer {
            try? database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA cache_size = \(cacheSize); PRAGMA wal_autocheckpoint = \(checkpointPages)")
            }
        }
        // An index made by another way of reading pages is read afresh.
        var report = UpdateReport()
        let identity = extractor.identity
        let madeWith = try database.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'extraction'")
        }
        if madeWith != identity {
            if try madeWith != nil || count() > 0 {
                try clear()
                report.rebuilt = true
            }
            try database.write { db in
                try db.execute(
                    sql: "INSERT OR REPLACE INTO setting(name, value) VALUES ('extraction', ?)", arguments: [identity])
            }
        }
        // A bulk load cut short in phase 1 leaves the folder index missing; the scan reads it. Made
        // only then: no write for it on every launch.
        let folderIndexMissing = try database.read { db in
            try !db.indexes(on: "article").contains { $0.name == "article_folder" }
        }
        if folderIndexMissing { try database.write { db in try db.execute(sql: Self.folderIndex) } }
        let knownFolders = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, path, mtime FROM folder").reduce(into: [String: (Int64, Int64)]()) {
                $0[$1["path"]] = ($1["id"], $1["mtime"])
            }
        }
        var step = report.lap("settings and folders", since: updateStart)
        var knownTimes = knownFolders.mapValues(\.1)
        // A time no folder has: listed again, still known as a child of its parent.
        for folder in folders where knownTimes[folder] != nil { knownTimes[folder] = -1 }
        // The new and changed files of the listed folders wait in a table of this connection's
        // own (`pending_file`), not in memory, so that memory does not grow with the store.
        var removed: [(id: Int64, path: String)] = []
        var listedFolders = Set<String>()
        try database.write { db in
            try db.execute(sql: "DROP TABLE IF EXISTS temp.pending_file")
            try db.execute(sql: Self.pendingFileTable)
        }
        let scan = try scanner.scanFolders(known: knownTimes, full: full) { folder, files in
            listedFolders.insert(folder)
            try database.write { db in
                var stored: [String: (id: Int64, size: Int64, mtime: Int64)] = [:]
                if let (folderID, _) = knownFolders[folder] {
                    for row in try Row.fetchAll(db, sql: Self.folderFiles, arguments: [folderID]) {
                        stored[row["path"]] = (row["id"], row["size"], row["mtime"])
                    }
                }
                let insert = try db.cachedStatement(
                    sql: "INSERT INTO pending_file(path, size, mtime, replacing) VALUES (?, ?, ?, ?)")
                for file in files {
                    var replacing: Int64?
                    if let old = stored.removeValue(forKey: file.path) {
                        if old.size == file.size && old.mtime == file.modificationNanos { continue }
                        replacing = old.id
                    }
                    try insert.execute(arguments: [file.path, file.size, file.modificationNanos, replacing])
                }
                removed += stored.map { ($0.value.id, $0.key) }
            }
        }
        report.skipped = scan.skipped
        step = report.lap("scan", since: step)

        // Which folders are gone.
        let goneFolders = knownFolders.filter { scan.folders[$0.key] == nil }
        try database.read { db in
            for (_, (folderID, _)) in goneFolders {
                removed += try Row.fetchAll(
                    db, sql: "SELECT id, path FROM article WHERE folder = ?", arguments: [folderID]
                ).map { ($0["id"], $0["path"]) }
            }
        }
        report.removed = removed.count

        try database.write { db in
            for (id, path) in removed {
                try Self.forget(id, in: db)
                try Self.withdraw(path: path, in: db)
            }
            for (path, (folderID, _)) in goneFolders {
                try db.run("DELETE FROM folder WHERE id = ?", [folderID])
                try db.run("DELETE FROM skipped WHERE folder = ?", [path])
            }
            for folder in listedFolders {
                try db.run("DELETE FROM skipped WHERE folder = ?", [folder])
            }
        }

        var folderIDs = knownFolders.mapValues(\.0)
        try database.write { db in
            for folder in listedFolders where folderIDs[folder] == nil {
                // The time stays 0 until the folder's files are all indexed, so an interrupted
                // update lists the folder again.
                try db.run("INSERT INTO folder(path, mtime) VALUES (?, 0)", [folder])
                folderIDs[folder] = db.lastInsertedRowID
            }
        }

        step = report.lap("deleted files", since: step)
        // First what the new and changed files add to their groups' templates; then the articles
        // of groups whose templates changed enough are read again with the new ones.
        let templates = try countTemplates(extractor: extractor)
        report.reread = try database.write { db in
            try Self.addArticlesToReread(groups: templates.rereadGroups, in: db)
        }

        step = report.lap("templates", since: step)
        // Phase 1, words: every new and changed file is read, cleaned and made searchable by its
        // words, outlet and date. Ids are given in reading order: reading the paths backwards
        // lists the articles of one minute (or the undated ones) by path, newest id first.
        let reading = try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM pending_file") ?? 0 }
        progress(IndexProgress(phase: .words, done: 0, total: reading))
        // Many files to read: the FTS tables' segments are merged once, at the end of each phase,
        // not while they are written (`automerge` is set back after phase 1 by every update).
        let articlesBefore = try count()
        let bulkLoad = reading > bulkLoading && reading * 4 > articlesBefore + reading
        if bulkLoad {
            // Nor is the folder index grown row by row, in folder order while ids come in reading
            // order: it is made again, in one sorted pass, when phase 1 ends.
            try database.write { db in
                try db.execute(sql: "INSERT INTO fts(fts, rank) VALUES ('automerge', 0)")
                try db.execute(sql: "DROP INDEX IF EXISTS article_folder")
            }
        }
        var writer = Writer(stemmer: stemmer)
        var done = 0
        let (scanner, texts) = (self.scanner, templates.texts)
        let keepingDetails = try keepsDetails()
        // Each group's templates, loaded once, when a file of the group first comes.
        var groupTemplates: [Int64: PageTemplates] = [:]
        var before: String?
        while true {
            let chunk = try database.read { db -> [PendingFile] in
                let chunk = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT p.path, p.size, p.mtime, p.replacing, p.reread, t.grp FROM pending_file p
                        LEFT JOIN template_page t ON t.path = p.path
                        \(before == nil ? "" : "WHERE p.path < ?") ORDER BY p.path DESC LIMIT ?
                        """, arguments: StatementArguments((before.map { [$0] } ?? []) + [Self.readingRound])
                ).map { row in
                    PendingFile(
                        file: StoreFile(path: row[0], size: row[1], modificationNanos: row[2]), replacing: row[3],
                        reread: row[4], group: row[5])
                }
                for group in Set(chunk.compactMap(\.group)) where groupTemplates[group] == nil {
                    groupTemplates[group] = try Self.templates(ofGroup: group, in: db)
                }
                return chunk
            }
            guard let last = chunk.last else { break }
            before = last.file.path
            returnFreedMemory()
            let loadedTemplates = groupTemplates
            try Self.inOrderedBatches(chunk, batchSize: bulkLoad ? 1024 : 512) { item in
                Self.prepare(
                    item.file, scanner: scanner, extractor: extractor,
                    templates: item.group.flatMap { loadedTemplates[$0] }, text: texts[item.file.path],
                    keepingDetails: keepingDetails)
            } write: { batch in
                try database.write { db in
                    for (item, result) in batch {
                        let (file, old) = (item.file, item.replacing)
                        if let old { try Self.forget(old, in: db) }
                        switch result {
                        case .success(let article):
                            let folder = Self.folder(of: file.path)
                            try writer.store(article, file: file, folderID: folderIDs[folder] ?? 0, in: db)
                            if old == nil {
                                report.added += 1
                            } else if !item.reread {
                                report.updated += 1
                            }
                        case .failure(let problem):
                            if old != nil { report.removed += 1 }
                            try Self.withdraw(path: file.path, in: db)
                            let skipped = SkippedFile(path: file.path, reason: problem.reason)
                            report.skipped.append(skipped)
                            try db.execute(
                                sql: "INSERT OR REPLACE INTO skipped(path, folder, reason) VALUES (?, ?, ?)",
                                arguments: [file.path, Self.folder(of: file.path), problem.reason])
                        }
                    }
                }
                done += batch.count
                progress(IndexProgress(phase: .words, done: done, total: reading))
            }
        }

        step = report.lap("read, clean, write", since: step)
        try database.write { db in
            for group in templates.rereadGroups {
                try db.execute(
                    sql: "UPDATE template_group SET extracted_pages = pages WHERE id = ?", arguments: [group])
            }
            try db.execute(sql: "DELETE FROM template_group WHERE pages <= 0")
            for (folder, mtime) in scan.folders where listedFolders.contains(folder) {
                try db.run("UPDATE folder SET mtime = ? WHERE path = ?", [mtime, folder])
            }
            for skipped in scan.skipped {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO skipped(path, folder, reason) VALUES (?, ?, ?)",
                    arguments: [skipped.path, Self.folder(of: skipped.path), skipped.reason])
            }
            try db.execute(sql: "DROP TABLE temp.pending_file")
            try db.execute(sql: "INSERT INTO fts(fts, rank) VALUES ('automerge', \(Self.automerge))")
            try db.execute(sql: Self.folderIndex)
        }
        let total = try count()
        report.unchanged = max(0, total - report.added - report.updated)
        if bulkLoad {
            // Many new rows: merge the FTS segments into one, smaller and faster to read.
            try database.write { db in try db.execute(sql: "INSERT INTO fts(fts) VALUES ('optimize')") }
        }
        report.wordsSeconds = Double(DispatchTime.now().uptimeNanoseconds - updateStart) / 1e9

        // Phase 2, names: people, organisations, places, quotes and story features of every
        // article still without them (those just read, and any an interrupted update left), then
        // the stories they join.
        let namesStart = DispatchTime.now().uptimeNanoseconds
        returnFreedMemory()
        // Many new articles: the indexes that look names and speakers up are made after their
        // rows, in one sorted pass, not grown row by row at random places (at a million articles
        // they are hundreds of megabytes, far beyond the page cache). Every update makes them if
        // they are missing, so one cut short remakes them.
        if bulkLoad { try database.write { db in try db.execute(sql: Self.dropLookupIndexes) } }
        step = report.lap("end of phase 1", since: step)
        let waiting = try findNames(recognizer: recognizer, report: &report, progress: progress)
        // What naming freed goes back before stories are grouped (a build's peak otherwise).
        returnFreedMemory()
        step = report.lap("names, quotes, story features", since: step)
        try database.write { db in try db.execute(sql: Self.lookupIndexes) }
        if bulkLoad {
            try database.write { db in try db.execute(sql: "INSERT INTO names(names) VALUES ('optimize')") }
        }
        step = report.lap("look-up indexes", since: step)
        let grouping = DispatchTime.now().uptimeNanoseconds
        // What grouping many articles (a first build) freed goes back; a few leave little.
        if try groupStories(handedOver: waiting) > Self.rowsWithPending { returnFreedMemory() }
        step = report.lap("stories", since: step)
        report.storySeconds = Double(DispatchTime.now().uptimeNanoseconds - grouping) / 1e9
        report.namesSeconds = Double(DispatchTime.now().uptimeNanoseconds - namesStart) / 1e9
        // Changed and deleted articles leave their words in the contentless FTS tables (they
        // cannot forget a row without its old text); searches skip them. When they pile up, their
        // words are read back from the tables and the rows forgotten (`purgeGhosts`). Should that
        // leave many (words FTS5 might not give back alike), start afresh.
        var ghosts = try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM ghost") ?? 0 }
        var forgotten = 0
        if Self.shouldPurgeGhosts(ghosts, articles: total, minimum: ghostsPurgedFrom) {
            forgotten = try purgeGhosts()
            ghosts -= forgotten
            step = report.lap("ghosts forgotten", since: step)
        }
        if report.added + report.updated + report.removed + forgotten > 0 {
            try database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA incremental_vacuum")
                // Fold the write-ahead log back into the file and give its space back.
                if url != nil { _ = try Row.fetchAll(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            }
        }
        report.lap("checkpoint", since: step)
        if ghosts > 1000 && ghosts > total / 4 {
            try clear()
            let again = try updateLocked(full: true, relisting: [], recognizer: recognizer, progress: progress)
            report.unchanged = again.unchanged
            report.steps += again.steps.map { UpdateStep(name: "rebuild: " + $0.name, seconds: $0.seconds) }
        }
        return report
    }

    /// What counting new and changed files in the templates found.
    struct CountedTemplates {
        /// The text of files read by the first look, kept for reading them again.
        var texts: [String: String] = [:]
        /// Groups whose evidence has changed materially since their articles were read.
        var rereadGroups: [Int64] = []
    }

    /// Takes a first look at each file (on every core) and counts its lines in its group's
    /// templates, in place of what an earlier version of the file counted. Keeps the files' text
    /// for reading them (up to `keptTextBytes` in all). Files are looked at and counted a batch
    /// at a time, so that memory does not grow with the store (most lines of a page are its own).
    func countTemplates(extractor: ArticleExtractor) throws -> CountedTemplates {
        let scanner = self.scanner
        let budget = TextBudget(bytes: Self.keptTextBytes)
        var counted = CountedTemplates()
        try database.write { db in
            var after: Int64 = 0
            // The next batch's files, looked at in the background.
            func lookAtNextBatch() throws -> (batch: [StoreFile], looks: InBackground<[(PageLook, text: String?)?]>)? {
                let rows = try Row.fetchAll(
                    db, sql: "SELECT rowid, path, size, mtime FROM pending_file WHERE rowid > ? ORDER BY rowid LIMIT ?",
                    arguments: [after, Self.lookBatch])
                guard let last = rows.last else { return nil }
                after = last[0]
                let batch = rows.map { StoreFile(path: $0[1], size: $0[2], modificationNanos: $0[3]) }
                let looks = InBackground {
                    Self.inParallel(batch) { file -> (PageLook, text: String?)? in
                        guard case .success(let contents) = ArticleFile.read(path: scanner.path(of: file.path))
                        else { return nil }
                        let look = extractor.look(contents.text, path: file.path)
                        return (look, budget.take(contents.text.utf8.count) ? contents.text : nil)
                    }
                }
                return (batch, looks)
            }
            // A batch is counted while the next is looked at.
            var next = try lookAtNextBatch()
            while let (batch, looking) = next {
                next = try lookAtNextBatch()
                let looks = looking.wait()
                var read: [(path: String, look: PageLook)] = []
                for (file, result) in zip(batch, looks) {
                    if let result {
                        read.append((file.path, result.0))
                        counted.texts[file.path] = result.text
                    } else {
                        try Self.withdraw(path: file.path, in: db)
                    }
                }
                try Self.count(read, in: db)
            }
            for row in try Row.fetchAll(db, sql: "SELECT id, pages, extracted_pages FROM template_group")
            where Self.hasChangedMaterially(pages: row["pages"], extractedPages: row["extracted_pages"]) {
                counted.rereadGroups.append(row["id"])
            }
        }
        return counted
    }

    /// Files looked at and counted at a time.
    static let lookBatch = 8192

    /// The most text the first look keeps for reading the files after: 64 MiB (the files beyond
    /// are read again, from the system's cache as a rule).
    static let keptTextBytes = 64 << 20

    /// Adds the stored articles of the groups to the files to read (`pending_file`), but those
    /// already there; returns how many were added.
    static func addArticlesToReread(groups: [Int64], in db: Database) throws -> Int {
        var added = 0
        for group in groups {
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO pending_file(path, size, mtime, replacing, reread)
                    SELECT path, size, mtime, id, 1 FROM article
                    WHERE path IN (SELECT path FROM template_page WHERE grp = ?)
                    """,
                arguments: [group])
            added += db.changesCount
        }
        return added
    }

    /// The files an update reads: new and changed files (`replacing` the article of a changed
    /// one), and articles read again because their group's templates changed (`reread`). A
    /// temporary table, this connection's own.
    static let pendingFileTable = """
        CREATE TEMP TABLE pending_file(
            path TEXT NOT NULL UNIQUE, size INTEGER NOT NULL, mtime INTEGER NOT NULL, replacing INTEGER,
            reread INTEGER NOT NULL DEFAULT 0)
        """

    /// A file an update reads, with the article it replaces and its group.
    struct PendingFile: Sendable {
        var file: StoreFile
        var replacing: Int64?
        var reread: Bool
        var group: Int64?
    }

    /// The indexes of phase 2's tables that look articles up by a name or a speaker: made after
    /// the rows of a bulk load (`lookupIndexes`), dropped before (`dropLookupIndexes`).
    static let lookupIndexes = """
        CREATE INDEX IF NOT EXISTS article_entity_entity ON article_entity(entity);
        CREATE INDEX IF NOT EXISTS quote_speaker ON quote(speaker_key);
        """
    static let dropLookupIndexes = "DROP INDEX IF EXISTS article_entity_entity; DROP INDEX IF EXISTS quote_speaker;"

    /// A folder's indexed files, to tell which of its files are new, changed or gone (read from
    /// the folder index alone: `folderIndex`).
    static let folderFiles = "SELECT id, path, size, mtime FROM article WHERE folder = ?"

    /// FTS5's own `automerge` setting, set back after a bulk load.
    static let automerge = 4

    /// Files read, cleaned and written a round at a time in phase 1.
    static let readingRound = 16_384

    /// `work` applied to every item, on every core, in the items' order.
    static func inParallel<Item: Sendable, T: Sendable>(_ items: [Item], _ work: @Sendable (Item) -> T) -> [T] {
        let cores = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        guard items.count > 4, cores > 1 else { return items.map(work) }
        let results = ParallelResults<T>(count: items.count)
        // Up to 32 items a task, fewer when there are few: two tasks a core at least.
        let chunk = min(32, max(4, (items.count + cores * 2 - 1) / (cores * 2)))
        let chunkCount = (items.count + chunk - 1) / chunk
        DispatchQueue.concurrentPerform(iterations: chunkCount) { index in
            let range = (index * chunk)..<min(items.count, (index + 1) * chunk)
            results.store(range.map { work(items[$0]) }, at: range.lowerBound)
        }
        return results.values.map { $0! }
    }

    /// The store-relative folder of a store-relative path (`""` for the root).
    static func folder(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
    }

    /// Removes an article; its id is never given again (the FTS table still holds its words).
    static func forget(_ id: Int64, in db: Database) throws {
        try db.run(
            "UPDATE outlet SET articles = articles - 1 WHERE id = (SELECT outlet FROM article WHERE id = ?)", [id])
        try db.run(
            "UPDATE article_day SET articles = articles - 1 WHERE day = ? AND EXISTS (SELECT 1 FROM article WHERE id = ?)",
            [ArticleKey.bucket(of: id), id])
        try db.run("DELETE FROM article WHERE id = ?", [id])
        try db.run("INSERT OR IGNORE INTO ghost(id) VALUES (?)", [id])
        try forgetStory(of: id, in: db)
        try forgetQuotes(of: id, in: db)
        try forgetEntities(of: id, in: db)
        try db.run("DELETE FROM unnamed WHERE id = ?", [id])
        try db.run("DELETE FROM article_detail WHERE article = ?", [id])
    }

    // MARK: - Reading files

    /// What phase 1 keeps of a file: what lists show and what words search.
    struct PreparedArticle: Sendable {
        var outlet: String?
        var title: String?
        var lede: String?
        var published: PublishedDate?
        var url: String?
        var lines: String
        var body: String
        /// The body is the file's lines as numbered in `lines`, none cleaned within.
        var bodyIsFileLines: Bool
        /// The distinct plain words of title and body, for the stem table.
        var words: HashedWords
        /// Its terms, for the term table (`IndexTerms`).
        var terms: HashedWords
        /// Its labelled lines (`KeptDetail.encodeLines`), when the index keeps details.
        var lineDetail: Data?
    }

    struct FileProblem: Error {
        var reason: String
    }

    /// Reads and cleans one file; pure apart from reading it.
    static func prepare(
        _ file: StoreFile, scanner: StoreScanner, extractor: ArticleExtractor, templates: PageTemplates?,
        text known: String? = nil, keepingDetails: Bool = false
    ) -> Result<PreparedArticle, FileProblem> {
        let text: String
        // The text the first look kept, unless the file has changed since it was listed.
        if let known, scanner.isUnchanged(file) {
            text = known
        } else {
            switch ArticleFile.read(path: scanner.path(of: file.path)) {
            case .success(let read): text = read.text
            case .failure(let problem): return .failure(FileProblem(reason: problem.reason))
            }
        }
        let extracted = extractor.extract(text, path: file.path, templates: templates)
        let body = extracted.body
        var words = DistinctWords(capacity: 256)
        var terms = DistinctWords(capacity: 256)
        for text in [extracted.title ?? "", body] {
            PlainWords.collect(in: text, into: &words)
            IndexTerms.collect(in: text, into: &terms)
        }
        return .success(
            PreparedArticle(
                outlet: extracted.outlet, title: extracted.title,
                lede: extracted.title == nil ? lede(of: body) : nil, published: extracted.published,
                url: extracted.url, lines: LineRanges.encode(extracted.bodyLineNumbers), body: body,
                bodyIsFileLines: extracted.bodyIsFileLines, words: words.hashedWords, terms: terms.hashedWords,
                lineDetail: keepingDetails ? KeptDetail.encodeLines(extracted.lines, page: text) : nil))
    }

    static let nameSeparator = "\u{3007}"

    static func lede(of body: String) -> String {
        let first = body.prefix { $0 != "\n" }
        return first.count <= 160 ? String(first) : String(first.prefix(159)) + "…"
    }

    /// `work` done on every core, its results handed to `write` in batches of about `batchSize`,
    /// in the items' order. Workers stay a bounded number of items ahead of the writer.
    static func inOrderedBatches<Item: Sendable, Output: Sendable>(
        _ items: [Item], batchSize: Int = 512, _ work: @escaping @Sendable (Item) -> Output,
        write: ([(Item, Output)]) throws -> Void
    ) throws {
        guard !items.isEmpty else { return }
        let chunk = 32
        let chunkCount = (items.count + chunk - 1) / chunk
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8, chunkCount))
        let results = ChunkResults<(Item, Output)>(count: chunkCount)
        for _ in 0..<workers {
            Thread.detachNewThread {
                while let index = results.claim() {
                    let slice = items[(index * chunk)..<min(items.count, (index + 1) * chunk)]
                    results.deliver(slice.map { ($0, work($0)) }, at: index)
                }
            }
        }
        defer { results.cancel() }
        var batch: [(Item, Output)] = []
        for index in 0..<chunkCount {
            batch += results.take(index)
            if batch.count >= batchSize || index == chunkCount - 1 {
                try write(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
    }

    /// Writes prepared articles: ids in publication order, the FTS row, the stems of new words.
    struct Writer {
        let stemmer: Stemmer
        /// The next free id of each publication slot seen (`ArticleKey.slot(of:)`), at most
        /// `slotLimit` of them; the table is the truth.
        var nextID: [Int64: Int64] = [:]
        static let slotLimit = 65_536
        var outletIDs: [String: Int64] = [:]
        /// Words and terms known to be in their tables: a cache, bounded (a large archive has many),
        /// the tables are the truth.
        var knownWords = DistinctWords(capacity: knownLimit)
        var knownTerms = DistinctWords(capacity: knownLimit)
        static let knownLimit = 200_000

        init(stemmer: Stemmer) { self.stemmer = stemmer }

        mutating func store(_ article: PreparedArticle, file: StoreFile, folderID: Int64, in db: Database) throws {
            let id = try newID(slot: ArticleKey.slot(of: article.published), in: db)
            let outletID = try outletID(article.outlet ?? "", in: db)
            try db.run(
                """
                INSERT INTO article(id, folder, path, size, mtime, outlet, title, lede, published, url, lines, plain)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    id, folderID, file.path, file.size, file.modificationNanos, outletID, article.title, article.lede,
                    article.published?.iso, article.url, article.lines, article.bodyIsFileLines,
                ])
            try db.run("UPDATE outlet SET articles = articles + 1 WHERE id = ?", [outletID])
            try db.run(
                "INSERT INTO article_day(day, articles) VALUES (?, 1) ON CONFLICT(day) DO UPDATE SET articles = articles + 1",
                [ArticleKey.bucket(of: id)])
            try db.run(
                "INSERT INTO fts(rowid, title, body, outlet) VALUES (?, ?, ?, ?)",
                [id, article.title ?? "", article.body, article.outlet ?? ""])
            // Its names are found in phase 2.
            try db.run("INSERT INTO unnamed(id) VALUES (?)", [id])
            if let lines = article.lineDetail {
                try db.run("INSERT OR REPLACE INTO article_detail(article, lines) VALUES (?, ?)", [id, lines])
            }
            // Affixed words under their stems; a word that is its own stem needs no row.
            if knownWords.count > Self.knownLimit { knownWords.removeAll() }
            for (word, hash) in zip(article.words.words, article.words.hashes)
            where knownWords.insert(word, hash: hash) {
                let stem = stemmer.stem(word)
                if stem != word {
                    try db.run("INSERT OR IGNORE INTO word(stem, word) VALUES (?, ?)", [stem, word])
                }
            }
            if knownTerms.count > Self.knownLimit { knownTerms.removeAll() }
            for (term, hash) in zip(article.terms.words, article.terms.hashes) where knownTerms.insert(term, hash: hash)
            {
                try db.run("INSERT OR IGNORE INTO term(term) VALUES (?)", [term])
            }
        }

        /// The next free id of a publication slot (or of the undated), after every id it has given:
        /// ghosts of deleted articles keep theirs, so the FTS table never mixes two articles' words.
        mutating func newID(slot: Int64?, in db: Database) throws -> Int64 {
            let bucket = slot ?? -1
            var candidate: Int64
            if let next = nextID[bucket] {
                candidate = next
            } else {
                let first = slot.map(ArticleKey.firstID(ofSlot:)) ?? ArticleKey.firstUndatedID
                let last = slot.map { ArticleKey.firstID(ofSlot: $0 + 1) - 1 } ?? (ArticleKey.firstDatedID - 1)
                let used = try [
                    Int64.fetchOne(
                        db.cachedStatement(sql: "SELECT max(id) FROM article WHERE id BETWEEN ? AND ?"),
                        arguments: [first, last]),
                    Int64.fetchOne(
                        db.cachedStatement(sql: "SELECT max(id) FROM ghost WHERE id BETWEEN ? AND ?"),
                        arguments: [first, last]),
                ].compactMap { $0 }.max()
                candidate = used.map { $0 + 1 } ?? first
            }
            // Past a full minute, the ids of the next minute may be taken.
            while try Int.fetchOne(
                db.cachedStatement(
                    sql: "SELECT 1 FROM article WHERE id = ?1 UNION ALL SELECT 1 FROM ghost WHERE id = ?1"),
                arguments: [candidate]) != nil
            {
                candidate += 1
            }
            // A cache, bounded: a large archive has a slot for nearly every minute of its years.
            if nextID.count >= Self.slotLimit { nextID.removeAll() }
            nextID[bucket] = candidate + 1
            return candidate
        }

        mutating func outletID(_ name: String, in db: Database) throws -> Int64 {
            if let id = outletIDs[name] { return id }
            try db.run("INSERT OR IGNORE INTO outlet(name) VALUES (?)", [name])
            let id =
                try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM outlet WHERE name = ?"), arguments: [name])
                ?? 0
            outletIDs[name] = id
            return id
        }
    }
}

/// How much text may still be kept in memory, taken by several threads.
final class TextBudget: @unchecked Sendable {
    private let lock = NSLock()
    private var left: Int

    init(bytes: Int) { left = bytes }

    /// Whether `bytes` more may be kept; they are counted when so.
    func take(_ bytes: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard bytes <= left else { return false }
        left -= bytes
        return true
    }
}

/// Results computed on several threads, each into its own places.
final class ParallelResults<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [T?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func store(_ results: [T], at start: Int) {
        lock.lock()
        defer { lock.unlock() }
        for (offset, value) in results.enumerated() { values[start + offset] = value }
    }
}

/// Results of chunks prepared on worker threads, taken in order by the writer.
final class ChunkResults<T: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var next = 0
    private var cancelled = false
    private var slots: [[T]?]
    /// Workers stay at most this many chunks ahead of the writer, to bound memory.
    private let ahead = 64
    private var taken = 0

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && next < slots.count && next - taken >= ahead { condition.wait() }
        guard !cancelled, next < slots.count else { return nil }
        next += 1
        return next - 1
    }

    func deliver(
        _ prepared: [T], at index: Int
    ) {
        condition.lock()
        slots[index] = prepared
        condition.broadcast()
        condition.unlock()
    }

    func take(_ index: Int) -> [T] {
        condition.lock()
        defer { condition.unlock() }
        while slots[index] == nil { condition.wait() }
        let result = slots[index]!
        slots[index] = []
        taken = index + 1
        condition.broadcast()
        return result
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}

/// Body line numbers as text, runs joined: `3-17,19,21-25`.
enum LineRanges {
    static func encode(_ numbers: [Int]) -> String {
        var parts: [String] = []
        var index = 0
        while index < numbers.count {
            var end = index
            while end + 1 < numbers.count && numbers[end + 1] == numbers[end] + 1 { end += 1 }
            parts.append(end == index ? "\(numbers[index])" : "\(numbers[index])-\(numbers[end])")
            index = end + 1
        }
        return parts.joined(separator: ",")
    }

    static func decode(_ text: String) -> [Int] {
        var numbers: [Int] = []
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-").compactMap { Int($0) }
            if bounds.count == 2, bounds[0] <= bounds[1] {
                numbers += Array(bounds[0]...bounds[1])
            } else if bounds.count == 1 {
                numbers.append(bounds[0])
            }
        }
        return numbers
    }
}
