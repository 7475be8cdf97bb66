import ArticleFiles
import Articles
import Entities
import Foundation
import GRDB
import Library
import Quotes
import Stories

#if canImport(Glibc)
    import Glibc
#endif

/// Phase 2 of an update: the names, quotes and story features of articles that phase 1 made
/// listed and searchable by their words.
extension ArticleIndex {
    /// The full-text table of what phase 2 finds, one row per article that names anyone (the
    /// article's id as rowid): people, organisations, places, the speakers of its quotes and the
    /// words of its direct quotes. Contentless, like `fts`.
    static let namesTable = """
        CREATE VIRTUAL TABLE names USING fts5(
            person, org, place, said, quoted, content = '', tokenize = 'unicode61 remove_diacritics 2')
        """

    /// Articles phase 1 has indexed and phase 2 has not read yet.
    static let unnamedTable = "CREATE TABLE unnamed(id INTEGER PRIMARY KEY);"

    /// How many articles still wait for phase 2 (their names, quotes and stories).
    public func unnamedCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM unnamed") ?? 0 }
    }

    /// An article waiting for phase 2, as the index has it.
    struct UnnamedArticle: Sendable {
        var id: Int64
        var folder: Int64
        var path: String
        var modificationNanos: Int64
        var title: String?
        var published: PublishedDate?
        var outlet: String?
        /// The body's line numbers, when the body is the file's lines as they are.
        var plainLines: String?
        var group: Int64?
    }

    /// What phase 2 keeps of an article.
    struct NamedArticle: Sendable {
        var persons = ""
        var organisations = ""
        var places = ""
        /// The people, organisations and places it names, most mentioned first.
        var entities: [NamedEntity] = []
        /// The article's quotes, and the `said` and `quoted` columns of the names table.
        var quotes: [PreparedQuote] = []
        var said = ""
        var quoted = ""
        /// What story grouping compares (`StoryFeatures.encoded()`), its leading words (the
        /// article's rows in `story_word`), and the names it mentions most.
        var storyFeatures = Data()
        var storyWords: [UInt32] = []
        var leadingNames: [String] = []
        /// When the article's story is looked for (`storyMinute(published:body:page:savedNanos:)`).
        var storyMinute: Int64 = 0
        /// Time taken to make the story features and minute, and to find the quotes, for `kabar bench`.
        var storyNanos: UInt64 = 0
        var quoteNanos: UInt64 = 0
        /// The file could not be read again: nothing was found (the next update sees why).
        var unreadable = false
        /// Its entities and quotes (`KeptDetail.encodeFound`), when the index keeps details.
        var foundDetail: Data?
    }

    /// Articles read by phase 2 per round: their rows, and the templates they need, are loaded
    /// a round at a time, so memory does not grow with the archive.
    static let namingRound = 8192

    /// Phase 2: reads every article waiting in `unnamed`, in order of id, on every core, and
    /// stores what it names; then the stories wait to be grouped. (In order of id, its rows are
    /// appended to the tables keyed by article, which keeps their pages full: written the other
    /// way they are half empty.) Returns the articles it left waiting for a story, when there
    /// are no more than `rowsWithPending` (see `groupStories(handedOver:)`).
    func findNames(
        recognizer: (any EntityRecognizer)?, report: inout UpdateReport, progress: (IndexProgress) -> Void
    ) throws -> [Int64: WaitingArticle] {
        let total = try unnamedCount()
        guard total > 0 else { return [:] }
        var waiting: [Int64: WaitingArticle]? = Self.handsOverWaiting ? [:] : nil
        // The tagger loads only when there is something to read.
        let tagger = recognizer ?? NewsTagger.standard
        let (scanner, extractor) = (self.scanner, self.extractor)
        let keepingDetails = try keepsDetails()
        progress(IndexProgress(phase: .names, done: 0, total: total))
        var writer = NameWriter()
        var done = 0
        var after = Int64.min
        while true {
            // The templates of the few articles whose text is not their file's lines as they are:
            // the counts of their own lines (as phase 1 counted them), not their outlets' whole
            // tables, which at a million articles are tens of megabytes to read for each round.
            var templates: [Int64: PageTemplates] = [:]
            let round = try database.read { db -> [UnnamedArticle] in
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT a.id, a.path, a.mtime, a.title, a.published, o.name, a.plain, a.lines, t.grp, t.hashes,
                        a.folder
                        FROM unnamed u JOIN article a ON a.id = u.id LEFT JOIN outlet o ON o.id = a.outlet
                        LEFT JOIN template_page t ON t.path = a.path
                        WHERE u.id > ? ORDER BY u.id LIMIT ?
                        """,
                    arguments: [after, Self.namingRound])
                return try rows.map { row in
                    let article = UnnamedArticle(
                        id: row[0], folder: row[10], path: row[1], modificationNanos: row[2], title: row[3],
                        published: (row[4] as String?).flatMap(PublishedDate.init(iso:)),
                        outlet: (row[5] as String?).flatMap { $0.isEmpty ? nil : $0 },
                        plainLines: row[6] as Bool ? row[7] : nil, group: row[8])
                    if article.plainLines == nil, let group = article.group, let hashes = row[9] as Data? {
                        templates[article.id] = try Self.templates(
                            ofGroup: group, lineHashes: Self.hashes(fromBlob: hashes), in: db)
                    }
                    return article
                }
            }
            guard let last = round.last else { break }
            after = last.id
            // The last round's articles and templates, freed, go back to the system.
            returnFreedMemory()
            let articleTemplates = templates
            try Self.inOrderedBatches(round) { article in
                Self.name(
                    article, scanner: scanner, extractor: extractor,
                    templates: articleTemplates[article.id], recognizer: tagger,
                    keepingDetails: keepingDetails)
            } write: { batch in
                try database.write { db in
                    for (article, named) in batch {
                        try writer.store(named, of: article.id, in: db)
                        report.storyFeatureSeconds += Double(named.storyNanos) / 1e9
                        report.quoteSeconds += Double(named.quoteNanos) / 1e9
                    }
                }
                if waiting != nil, waiting!.count + batch.count > Self.rowsWithPending { waiting = nil }
                for (article, named) in batch where waiting != nil && !named.unreadable {
                    waiting![article.id] = WaitingArticle(
                        minute: named.storyMinute, features: StoryFeatures(stored: named.storyFeatures),
                        folder: article.folder, saved: article.modificationNanos)
                }
                done += batch.count
                progress(IndexProgress(phase: .names, done: min(done, total), total: total))
            }
        }
        return waiting ?? [:]
    }

    /// Gives memory the allocator holds free back to the system: a build's phases and rounds free
    /// much, in pieces the allocator keeps otherwise (a process's size is what a user sees).
    func returnFreedMemory() {
        _ = Self.mallocTrim?(0)
    }

    /// glibc's `malloc_trim`, where the C library has it (it is not in Swift's Glibc module).
    static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
            guard let program = dlopen(nil, RTLD_NOW), let symbol = dlsym(program, "malloc_trim") else { return nil }
            return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
            return nil
        #endif
    }()

    /// Reads an article's file again and finds what it names; pure apart from reading it.
    static func name(
        _ article: UnnamedArticle, scanner: StoreScanner, extractor: ArticleExtractor, templates: PageTemplates?,
        recognizer: any EntityRecognizer, keepingDetails: Bool = false
    ) -> NamedArticle {
        guard case .success(let contents) = ArticleFile.read(path: scanner.path(of: article.path)) else {
            return NamedArticle(unreadable: true)
        }
        let page = contents.text
        // Most bodies are their file's lines as they are: no need to clean the page again.
        let body =
            article.plainLines.map { fileLines(of: page, numbered: $0) }
            ?? extractor.extract(page, path: article.path, templates: templates).body
        var named = NamedArticle()
        var names: [EntityKind: [String]] = [:]
        let bodyBytes = Array(body.utf8)
        // The tagger's sentences serve quote finding too.
        let sentences = NewsTokenizer.sentences(in: body)
        let entities = recognizer.entities(in: body, sentences: sentences)
        let quoteStart = DispatchTime.now().uptimeNanoseconds
        let found: [Quote]
        (named.quotes, named.said, named.quoted, found) = prepareQuotes(
            in: body, entities: entities, sentences: sentences)
        if keepingDetails { named.foundDetail = KeptDetail.encodeFound(entities: entities, quotes: found) }
        named.quoteNanos = DispatchTime.now().uptimeNanoseconds - quoteStart
        for span in entities {
            names[span.kind, default: []].append(String(decoding: bodyBytes[span.start..<span.end], as: UTF8.self))
        }
        let storyStart = DispatchTime.now().uptimeNanoseconds
        let features = StoryFeatures(
            title: article.title, body: body, published: article.published.map { ($0.month, $0.day) },
            outlet: article.outlet, names: (names[.person] ?? []) + (names[.place] ?? []))
        named.storyMinute = storyMinute(
            published: article.published, body: body, page: page, savedNanos: article.modificationNanos)
        named.storyFeatures = features.encoded()
        named.storyWords = features.leadingWords
        named.storyNanos = DispatchTime.now().uptimeNanoseconds - storyStart
        // A token no query word is, between names, so that a phrase cannot run from one name into the next.
        func joined(_ kind: EntityKind) -> String { (names[kind] ?? []).joined(separator: " \(nameSeparator) ") }
        named.persons = joined(.person)
        named.organisations = joined(.organization)
        named.places = joined(.place)
        named.entities = NamedEntity.entities(in: body, spans: entities)
        named.leadingNames = leadingNames(names)
        return named
    }

    /// The lines of `text` numbered in `lines` (`LineRanges`), joined by newlines.
    static func fileLines(of text: String, numbered lines: String) -> String {
        let wanted = LineRanges.decode(lines)
        guard !wanted.isEmpty else { return "" }
        var text = text
        return text.withUTF8 { bytes -> String in
            var result: [UInt8] = []
            var number = 1
            var lineStart = 0
            var next = 0
            for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x0A {
                if number == wanted[next] {
                    if !result.isEmpty { result.append(0x0A) }
                    result.append(contentsOf: bytes[lineStart..<i])
                    next += 1
                    if next == wanted.count { break }
                }
                number += 1
                lineStart = i + 1
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// Writes what phase 2 found: the names row, entities, quotes and the story's features.
    struct NameWriter {
        var entityIDs: [String: Int64] = [:]

        mutating func store(_ named: NamedArticle, of id: Int64, in db: Database) throws {
            try db.run("DELETE FROM unnamed WHERE id = ?", [id])
            guard !named.unreadable else { return }
            let columns = [named.persons, named.organisations, named.places, named.said, named.quoted]
            if columns.contains(where: { !$0.isEmpty }) {
                try db.cachedStatement(
                    sql: "INSERT INTO names(rowid, person, org, place, said, quoted) VALUES (?, ?, ?, ?, ?, ?)"
                ).execute(arguments: StatementArguments([id] + columns.map { $0 as (any DatabaseValueConvertible) }))
            }
            try ArticleIndex.addToStories(
                id, minute: named.storyMinute, features: named.storyFeatures, words: named.storyWords,
                names: named.leadingNames, in: db)
            try ArticleIndex.storeQuotes(named.quotes, of: id, in: db)
            if let found = named.foundDetail {
                try db.run("UPDATE article_detail SET found = ? WHERE article = ?", [found, id])
            }
            for (position, entity) in named.entities.enumerated() {
                try db.run(
                    "INSERT INTO article_entity(article, position, entity, mentions) VALUES (?, ?, ?, ?)",
                    [id, position, try entityID(entity, in: db), entity.mentions])
            }
        }

        mutating func entityID(_ entity: NamedEntity, in db: Database) throws -> Int64 {
            let key = entity.kind.rawValue + "|" + entity.name
            if let id = entityIDs[key] { return id }
            try db.run("INSERT OR IGNORE INTO entity(kind, name) VALUES (?, ?)", [entity.kind.rawValue, entity.name])
            let id =
                try Int64.fetchOne(
                    db.cachedStatement(sql: "SELECT id FROM entity WHERE kind = ? AND name = ?"),
                    arguments: [entity.kind.rawValue, entity.name]) ?? 0
            // Names of a large archive are many: the cache is bounded, the table is the truth.
            if entityIDs.count >= 100_000 { entityIDs.removeAll(keepingCapacity: true) }
            entityIDs[key] = id
            return id
        }
    }
}
