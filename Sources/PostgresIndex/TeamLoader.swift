import Foundation
import Library
import PostgresNIO
import Search

/// A value behind a lock, for work shared between threads.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func mutate<Result>(_ change: (inout Value) throws -> Result) rethrows -> Result {
        try lock.withLock { try change(&stored) }
    }
}

/// Brings one store's articles into the team index from the store's own index (any
/// `ArticleLibrary` that has read it: its text, entities, quotes and stories), incrementally:
/// articles the store no longer has are removed, new and changed ones added, and the stories
/// replaced, each step in a transaction. Killed at any point and run again, it ends with every
/// article once. Indexers of different stores run at once; two of one store take turns.
public struct TeamLoader: Sendable {
    public let session: DatabaseSession
    let stemmer: Stemmer
    /// Articles written in one transaction (and one statement).
    public var batchSize = 500
    /// A load of at least this many articles into a team index that has none makes the word
    /// indexes once, from every row, at its end (see `load`).
    public var bulkLoadMinimum = 5000

    /// What a load did.
    public struct Report: Sendable {
        public var added = 0
        public var removed = 0
        public var unreadable: [SkippedFile] = []
        public var stories = 0
        /// Seconds the writer waited for articles to be prepared (their files read and cleaned
        /// again, names and quotes found, on every core while the batch before was written), and
        /// seconds spent writing them to the database.
        public var preparing = 0.0
        public var writing = 0.0
    }

    /// Connects to the team index at `address`, making or moving its tables forward.
    public init(address: DatabaseAddress, stemmer: Stemmer = .standard) throws {
        // A commit need not wait for the disk: a server that crashes loses the last batches,
        // which the next load (incremental) writes again. New words wait in the word indexes'
        // pending lists until 8 MB of them have gathered (4 MB by default), and are then sorted
        // into the indexes in up to 128 MB of memory (4 MB): the server's share of a load is
        // about two thirds of what it was, the indexes about 5 % (words) and 10 % (names) larger.
        // Longer lists were quicker still but left the indexes larger: with 32 MB the server's
        // share was a sixth less again, and the indexes 20 % and 80 % larger than by default.
        session = DatabaseSession(address: address, settings: Self.loadSettings)
        self.stemmer = stemmer
        try session.connect()
        try TeamSchema.migrate(session)
    }

    /// The loader's connection settings (see `init`); the tables' own settings stay as they are,
    /// so readers' searches, which read a pending list through, are not slowed once a load ends.
    static let loadSettings = [
        "SET synchronous_commit = off", "SET gin_pending_list_limit = '8MB'", "SET work_mem = '128MB'",
        // Long texts compressed with LZ4 rather than PostgreSQL's own method, where the server has it.
        "DO $$ BEGIN SET default_toast_compression = 'lz4'; EXCEPTION WHEN OTHERS THEN NULL; END $$",
    ]

    /// Loads `source`, the index of the store named `store`; `progress` hears of each batch
    /// (articles written, articles to write).
    public func load(
        _ source: any ArticleLibrary, store: String, progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> Report {
        // One indexer of a store at a time: the lock is held by this connection until it ends.
        try session.query("SELECT pg_advisory_lock(7320002, hashtext($1))", .of([store]))
        defer { _ = try? session.query("SELECT pg_advisory_unlock(7320002, hashtext($1))", .of([store])) }
        let storeID = try session.query(
            """
            INSERT INTO kabar_store(name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = excluded.name
            RETURNING id
            """, .of([store])
        ).first!.decode(Int.self)

        var report = Report()
        let ids = try source.articleIDs(matching: nil, filter: ArticleFilter())
        // An article is its key and its file together: a key alone names another file once the
        // store's own index is made again (keys follow publication time, not files).
        // Read once: each article's file, story and story's outlets (the memberships at the end).
        var listed: [Listed] = []
        listed.reserveCapacity(ids.count)
        for start in stride(from: 0, to: ids.count, by: 1000) {
            for summary in try source.summaries(ids: Array(ids[start..<min(ids.count, start + 1000)])) {
                listed.append(
                    Listed(
                        placed: Placed(key: summary.id, file: summary.path), story: summary.story,
                        storyOutlets: summary.storyOutlets))
            }
        }
        let wanted = Set(listed.map(\.placed))
        var present = Set<Placed>()
        var gone: [(key: Int64, file: String)] = []
        for row in try session.query("SELECT sort_key, file FROM kabar_article WHERE store = $1", .of([storeID])) {
            let (key, file) = try row.decode((Int64, String).self)
            let article = Placed(key: key, file: file)
            present.insert(article)
            if !wanted.contains(article) { gone.append((key, file)) }
        }
        // Gone or changed files first: a changed file's article comes back under its new key.
        for start in stride(from: 0, to: gone.count, by: 5000) {
            let part = gone[start..<min(gone.count, start + 5000)]
            try session.query(
                """
                DELETE FROM kabar_article a USING unnest($2::bigint[], $3::text[]) g(key, file)
                WHERE a.store = $1 AND a.sort_key = g.key AND a.file = g.file
                """, .of([storeID, part.map(\.key), part.map(\.file)]))
        }
        report.removed = gone.count
        // The stories first, so that new articles are written with theirs, and the rows of the
        // others are touched only where their story changed (a row rewritten is rewritten in
        // every index, the word index too).
        let stories = try storyMemberships(from: source, storeID: storeID)
        report.stories = stories.count
        let new = listed.map(\.placed).filter { !present.contains($0) }.map(\.key).sorted(by: >)
        let batches = stride(from: 0, to: new.count, by: batchSize).map {
            Array(new[$0..<min(new.count, $0 + batchSize)])
        }
        let preparer = BatchPreparer(
            loader: self, source: source, store: store, storeID: storeID, stories: stories,
            shares: max(1, min(8, ProcessInfo.processInfo.activeProcessorCount)))
        let updates = Self.articleColumns.map(\.name).filter { $0 != "store" && $0 != "file" }
            .map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        // The first load of a team index: the word and name indexes are made at the end from every
        // row, not kept up to date row by row (the server's share of a load: a third of the time).
        // Only when no article is there yet: readers of other articles would search without
        // them meanwhile. A load killed before the end leaves them to the next load to make.
        if new.count >= bulkLoadMinimum,
            try session.query("SELECT NOT EXISTS (SELECT FROM kabar_article)").first?
                .decode(Bool.self) == true
        {
            try session.transaction {
                for index in TeamSchema.wordIndexes { try session.query("DROP INDEX IF EXISTS \(index.name)") }
            }
        }
        // The next batch is prepared while this one is written.
        var next = batches.first.map { keys in preparer.start(keys) }
        var written = 0
        for (number, keys) in batches.enumerated() {
            let waitStart = DispatchTime.now().uptimeNanoseconds
            let batch = next!.wait()
            let writingStart = DispatchTime.now().uptimeNanoseconds
            report.preparing += Double(writingStart - waitStart) / 1e9
            next = number + 1 < batches.count ? preparer.start(batches[number + 1]) : nil
            report.unreadable += batch.unreadable
            let (rows, forms) = (batch.rows, batch.forms)
            try session.transaction {
                try session.insert(
                    into: "kabar_article", columns: Self.articleColumns, encoded: rows,
                    suffix: "ON CONFLICT (store, file) DO UPDATE SET \(updates)")
                // The words' other forms, for highlighting what a word found.
                try session.query(
                    """
                    INSERT INTO kabar_word(stem, word) SELECT * FROM unnest($1::text[], $2::text[])
                    ON CONFLICT DO NOTHING
                    """, .of([forms.map(\.stem), forms.map(\.word)]))
            }
            report.writing += Double(DispatchTime.now().uptimeNanoseconds - writingStart) / 1e9
            // Articles whose files could not be read again are not added (`unreadable` says why).
            report.added += rows.count
            written += keys.count
            progress(written, new.count)
        }
        try updateMemberships(of: listed, storeID: storeID, stories: stories)
        // A large load leaves the table's statistics and visibility map out of date: counts
        // would read every matching row until autovacuum came by.
        let large = report.added + report.removed >= 1000
        var vacuumed = false
        // The word indexes, made where a load (this one, or one killed before it) left them out.
        let missing = try TeamSchema.wordIndexes.filter { index in
            try session.query("SELECT to_regclass($1) IS NULL", .of([index.name])).first?.decode(Bool.self) == true
        }
        if !missing.isEmpty {
            // The vacuum first, while the table has no word index for it to go through; then the
            // indexes side by side, each on a connection of its own.
            if large {
                try vacuum()
                vacuumed = true
            }
            let failures = Locked<[any Error]>([])
            DispatchQueue.concurrentPerform(iterations: missing.count) { number in
                do {
                    try makeIndex(missing[number])
                } catch {
                    failures.mutate { $0.append(error) }
                }
            }
            if let failure = failures.value.first { throw failure }
        }
        // The outlets and their counts, for the outlet list and for resolving `outlet:` prefixes.
        try session.transaction {
            try session.query("SELECT pg_advisory_xact_lock(7320003)")
            try session.query("DELETE FROM kabar_outlet")
            try session.query(
                "INSERT INTO kabar_outlet SELECT coalesce(outlet, ''), count(*) FROM kabar_article GROUP BY 1")
        }
        if vacuumed {
            // Done before the indexes were made.
        } else if large {
            try vacuum()
        } else if report.added > 0 {
            // A few articles' words wait in the word indexes' pending lists (where the server
            // gathers new words to write many at a time): into the indexes now, not left for
            // searches to read one by one until autovacuum comes by. (Only the tables' owner may;
            // another indexer's words wait for the next vacuum.)
            _ = try? session.query(
                "SELECT gin_clean_pending_list('kabar_article_words'), gin_clean_pending_list('kabar_article_names')")
        }
        try loadSkipped(from: source, storeID: storeID, unreadable: report.unreadable)
        return report
    }

    /// The columns searches and lists choose articles by: the statistics a vacuum gathers are
    /// of these alone (the text, lines and names as JSON take as long again and choose nothing).
    static let chosenBy = [
        "id", "store", "file", "path", "sort_key", "outlet", "published", "words", "names", "story", "story_key",
        "story_outlets", "story_position",
    ]

    /// Brings the table's statistics and visibility map up to date after a large load. Its
    /// texts' own table (TOAST), which nothing counts or chooses by, is left to autovacuum on
    /// servers that can leave it (PostgreSQL 14 and later).
    func vacuum() throws {
        let version = try session.query("SHOW server_version_num").first?.decode(String.self)
        let toast = (Int(version ?? "") ?? 0) >= 140000 ? ", PROCESS_TOAST false" : ""
        try session.query("VACUUM (ANALYZE\(toast)) kabar_article (\(Self.chosenBy.joined(separator: ", ")))")
    }

    /// Makes one of the word indexes on a connection of its own.
    func makeIndex(_ index: (name: String, column: String)) throws {
        let own = DatabaseSession(address: session.address, settings: Self.loadSettings)
        defer { own.close() }
        do {
            try own.query("CREATE INDEX IF NOT EXISTS \(index.name) ON kabar_article USING gin(\(index.column))")
        } catch {
            // Another indexer making it at the same moment is no failure; its absence is.
            let made = try own.query("SELECT to_regclass($1) IS NOT NULL", .of([index.name])).first?
                .decode(Bool.self)
            if made != true { throw error }
        }
    }

    /// An article as the team index tells it apart: its key and (by its hash) its file.
    struct Placed: Hashable {
        let key: Int64
        let file: Int

        init(key: Int64, file: String) {
            self.key = key
            self.file = file.hashValue
        }
    }

    /// An article of the source as the load needs it beyond its row.
    struct Listed {
        let placed: Placed
        let story: Int64?
        let storyOutlets: Int
    }

    /// The columns an article's row fills, with their types (the vectors in `ArticleRow.vectors`).
    static let articleColumns: [(name: String, type: String)] = [
        ("store", "integer"), ("file", "text"), ("path", "text"), ("sort_key", "bigint"), ("outlet", "text"),
        ("title", "text"), ("lede", "text"), ("published", "text"), ("url", "text"), ("body", "text"),
        ("line_numbers", "integer[]"), ("confidences", "text"), ("stripped", "text"), ("truncated", "boolean"),
        ("spans", "text"), ("quotes", "text"), ("named", "text"), ("words", "tsvector"), ("names", "tsvector"),
        ("story_key", "bigint"), ("story_outlets", "integer"), ("story", "bigint"), ("story_position", "integer"),
    ]

    /// An article's row: its fields as text (the columns of `articleColumns` not typed
    /// `tsvector`), and its words and names.
    struct ArticleRow: Sendable {
        var fields: [String?]
        var vectors: [TextVector]
    }

    /// One article as a row. `known` are its names as the source's index keeps them, taken when
    /// they account for each of the article's names (the article as it was indexed), else found
    /// again from its text.
    func row(
        of article: StoredArticle, store: String, storeID: Int, stories: StoryMemberships,
        stems: inout TextVectors.StemCache, known: [NamedEntity]? = nil
    ) throws -> ArticleRow {
        let summary = article.summary
        let named =
            known.flatMap { $0.reduce(0) { $0 + $1.mentions } == article.entities.count ? $0 : nil }
            ?? NamedEntity.entities(in: article.body, spans: article.entities)
        let fields: [String?] = [
            String(storeID), summary.path, store + "/" + summary.path, String(summary.id), summary.outlet,
            summary.title, summary.lede, summary.published?.iso, summary.url, article.body,
            "{" + article.bodyLineNumbers.map(String.init).joined(separator: ",") + "}",
            RowJSON.confidences(article.bodyConfidences), RowJSON.lines(article.strippedLines),
            article.isTruncated ? "t" : "f", RowJSON.spans(article.entities), RowJSON.quotes(article.quotes),
            RowJSON.named(named), summary.story.map(String.init), String(summary.storyOutlets),
            summary.story.flatMap { stories.ids[$0] }.map(String.init), stories.positions[summary.id].map(String.init),
        ]
        return ArticleRow(
            fields: fields,
            vectors: [
                TextVectors.words(title: summary.title, body: article.body, stems: &stems),
                TextVectors.names(body: article.body, entities: article.entities, quotes: article.quotes),
            ])
    }

    /// The store's stories in the team index (each story's row keeps its id from load to load),
    /// and where each article of the source belongs.
    struct StoryMemberships: Sendable {
        /// The team index's story id of each of the source's stories.
        var ids: [Int64: Int64] = [:]
        /// Each article's place in its story's order (earliest first, as the store's index
        /// reckons the undated ones' times), by the source's article id.
        var positions: [Int64: Int] = [:]
        var count: Int { ids.count }
    }

    /// Writes the source's stories (new ones added, the others' figures brought up to date) and
    /// reads where each article belongs. Stories the source no longer has go in
    /// `updateMemberships`, once no article points at them.
    func storyMemberships(from source: any ArticleLibrary, storeID: Int) throws -> StoryMemberships {
        let stories = try source.stories(matching: nil, filter: ArticleFilter(), minimumOutlets: 1, limit: nil)
        var rows: [[String?]] = []
        var memberships = StoryMemberships()
        for story in stories {
            rows.append([
                String(storeID), String(story.id), story.first?.iso, story.last?.iso, String(story.articleCount),
                String(story.outletCount), story.headline,
                "{"
                    + story.names.map {
                        "\""
                            + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                                of: "\"", with: "\\\"") + "\""
                    }
                    .joined(separator: ",") + "}",
            ])
            for (position, article) in try source.articles(ofStory: story.id).enumerated() {
                memberships.positions[article.id] = position
            }
        }
        try session.transaction {
            try session.insert(
                into: "kabar_story",
                columns: [
                    ("store", "integer"), ("source_key", "bigint"), ("first", "text"), ("last", "text"),
                    ("articles", "integer"), ("outlets", "integer"), ("headline", "text"), ("names", "text[]"),
                ], rows: rows,
                suffix: """
                    ON CONFLICT (store, source_key) DO UPDATE SET first = excluded.first, last = excluded.last,
                        articles = excluded.articles, outlets = excluded.outlets, headline = excluded.headline,
                        names = excluded.names
                    WHERE (kabar_story.first, kabar_story.last, kabar_story.articles, kabar_story.outlets,
                        kabar_story.headline, kabar_story.names) IS DISTINCT FROM (excluded.first, excluded.last,
                        excluded.articles, excluded.outlets, excluded.headline, excluded.names)
                    """)
        }
        for row in try session.query("SELECT source_key, id FROM kabar_story WHERE store = $1", .of([storeID])) {
            let (key, id) = try row.decode((Int64, Int64).self)
            memberships.ids[key] = id
        }
        let current = Set(stories.map(\.id))
        memberships.ids = memberships.ids.filter { current.contains($0.key) }
        return memberships
    }

    /// Points every article of the store (`listed`, all of the source's) at its story as the
    /// source has it now, rewriting only the rows whose story or place changed; then removes the
    /// stories the source no longer has.
    func updateMemberships(of listed: [Listed], storeID: Int, stories: StoryMemberships) throws {
        let memberships: [[String?]] = listed.map { article in
            [
                String(article.placed.key), article.story.map(String.init), String(article.storyOutlets),
                article.story.flatMap { stories.ids[$0] }.map(String.init),
                stories.positions[article.placed.key].map(String.init),
            ]
        }
        try session.transaction {
            try session.query(
                """
                CREATE TEMPORARY TABLE IF NOT EXISTS kabar_membership (
                    sort_key bigint, story_key bigint, story_outlets integer, story bigint, story_position integer)
                    ON COMMIT DELETE ROWS
                """)
            try session.insert(
                into: "kabar_membership",
                columns: [
                    ("sort_key", "bigint"), ("story_key", "bigint"), ("story_outlets", "integer"), ("story", "bigint"),
                    ("story_position", "integer"),
                ], rows: memberships)
            try session.query(
                """
                UPDATE kabar_article a
                SET story_key = m.story_key, story_outlets = m.story_outlets, story = m.story,
                    story_position = m.story_position
                FROM kabar_membership m
                WHERE a.store = $1 AND a.sort_key = m.sort_key
                    AND (a.story_key IS DISTINCT FROM m.story_key OR a.story_outlets <> m.story_outlets
                        OR a.story IS DISTINCT FROM m.story OR a.story_position IS DISTINCT FROM m.story_position)
                """, .of([storeID]))
            try session.query(
                """
                DELETE FROM kabar_story s WHERE s.store = $1
                    AND NOT EXISTS (SELECT 1 FROM unnest($2::bigint[]) k(id) WHERE k.id = s.id)
                """,
                .of([storeID, Array(stories.ids.values)]))
        }
    }

    /// Replaces the store's skipped files with the source's and those that could not be read now.
    func loadSkipped(from source: any ArticleLibrary, storeID: Int, unreadable: [SkippedFile]) throws {
        let skipped = try source.skippedFiles() + unreadable
        let rows: [[String?]] = Dictionary(
            skipped.map { ($0.path, $0.reason) }, uniquingKeysWith: { first, _ in first }
        )
        .sorted(by: { $0.key < $1.key }).map { [String(storeID), $0.key, $0.value] }
        try session.transaction {
            try session.query("DELETE FROM kabar_skipped WHERE store = $1", .of([storeID]))
            try session.insert(
                into: "kabar_skipped", columns: [("store", "integer"), ("path", "text"), ("reason", "text")], rows: rows
            )
        }
    }
}

/// Articles of a batch read and made into rows on every core, in the background.
final class BatchPreparer: Sendable {
    let loader: TeamLoader
    let source: any ArticleLibrary
    let store: String
    let storeID: Int
    let stories: TeamLoader.StoryMemberships
    /// One stem cache per share, kept across batches (a load's words repeat).
    let stemCaches: [Locked<TextVectors.StemCache>]

    init(
        loader: TeamLoader, source: any ArticleLibrary, store: String, storeID: Int,
        stories: TeamLoader.StoryMemberships, shares: Int
    ) {
        self.loader = loader
        self.source = source
        self.store = store
        self.storeID = storeID
        self.stories = stories
        stemCaches = (0..<shares).map { _ in Locked(TextVectors.StemCache(stemmer: loader.stemmer)) }
    }

    /// A batch's rows made ready to send, the word forms met, and the files that could not be read.
    struct Batch: Sendable {
        var rows = DatabaseSession.EncodedRows(arrays: [], count: 0)
        var forms: [(stem: String, word: String)] = []
        var unreadable: [SkippedFile] = []
    }

    /// What one core made of its share of a batch.
    struct Part: Sendable {
        var rows: [TeamLoader.ArticleRow] = []
        var forms: [(stem: String, word: String)] = []
        var unreadable: [SkippedFile] = []
    }

    /// A batch prepared in the background; `wait()` gives it when it is ready.
    func start(_ keys: [Int64]) -> InBackground<Batch> {
        InBackground { self.prepare(keys) }
    }

    func prepare(_ keys: [Int64]) -> Batch {
        let shares = stemCaches.count
        let prepared = (0..<shares).map { _ in Locked(Part()) }
        DispatchQueue.concurrentPerform(iterations: shares) { share in
            let mine = stride(from: share, to: keys.count, by: shares).map { keys[$0] }
            stemCaches[share].mutate { stems in
                prepared[share].mutate { part in
                    let articles = source.articles(ids: mine)
                    let named = (try? source.entities(ofArticles: mine)) ?? [:]
                    for id in mine {
                        do {
                            guard let article = try articles[id]?.get() else { continue }
                            part.rows.append(
                                try loader.row(
                                    of: article, store: store, storeID: storeID, stories: stories, stems: &stems,
                                    known: named[id] ?? []))
                        } catch {
                            // A file gone or unreadable since its index read it: said, and left out.
                            let path = (try? source.summaries(ids: [id]).first?.path) ?? nil
                            part.unreadable.append(SkippedFile(path: path ?? "#\(id)", reason: "\(error)"))
                        }
                    }
                    part.forms = stems.takeForms()
                }
            }
        }
        let parts = prepared.map(\.value)
        let rows = parts.flatMap(\.rows)
        return Batch(
            rows: DatabaseSession.encode(
                columns: TeamLoader.articleColumns, rows: rows.map(\.fields), vectors: rows.map(\.vectors)),
            forms: parts.flatMap(\.forms), unreadable: parts.flatMap(\.unreadable))
    }
}
