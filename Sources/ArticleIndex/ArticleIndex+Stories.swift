import Articles
import Entities
import Foundation
import GRDB
import Library
import Search
import Stories

/// Stories: every article's features for grouping (`story_article`, with the story it is in),
/// and each story of two or more articles with what the Stories pane shows (`story`). New
/// articles wait in `story_pending` until grouped; stories that lost an article wait in
/// `story_touched` to be counted again. `story_word` lists each article under its leading words,
/// so that a few new articles among many old ones find the articles they may join without
/// reading every article of their days.
extension ArticleIndex {
    static let storyTables = """
        CREATE TABLE story_article(
            article INTEGER PRIMARY KEY, story INTEGER NOT NULL, minute INTEGER NOT NULL, features BLOB NOT NULL,
            names TEXT NOT NULL);
        CREATE INDEX story_article_story ON story_article(story, minute);
        CREATE INDEX story_article_minute ON story_article(minute);
        CREATE TABLE story(
            id INTEGER PRIMARY KEY, first INTEGER NOT NULL, last INTEGER NOT NULL, articles INTEGER NOT NULL,
            outlets INTEGER NOT NULL, headline TEXT NOT NULL, names TEXT NOT NULL);
        CREATE INDEX story_last ON story(last);
        -- first and last: the story minutes of its earliest and latest article.
        CREATE TABLE story_pending(article INTEGER PRIMARY KEY);
        CREATE TABLE story_touched(story INTEGER PRIMARY KEY);
        CREATE TABLE story_word(
            word INTEGER NOT NULL, minute INTEGER NOT NULL, article INTEGER NOT NULL,
            PRIMARY KEY (word, minute, article)) WITHOUT ROWID;
        """

    /// Names kept per article for its story's leading names.
    static let namesPerArticle = 4

    /// The names an article mentions most: people and organisations before places, which are
    /// often only where the news was written.
    static func leadingNames(_ names: [EntityKind: [String]]) -> [String] {
        var score: [String: Double] = [:]
        var order: [String] = []
        for kind in [EntityKind.person, .organization, .place] {
            for name in names[kind] ?? [] {
                if score[name] == nil { order.append(name) }
                score[name, default: 0] += kind == .place ? 0.5 : 1
            }
        }
        return Array(
            order.enumerated().sorted { (score[$0.element]!, -$0.offset) > (score[$1.element]!, -$1.offset) }
                .map(\.element).prefix(namesPerArticle))
    }

    /// The minute (as `ArticleKey.minute(ofSlot:)` counts) around which an article's story is looked
    /// for: when it was published; for an undated article, the latest day its body mentions,
    /// else the latest day the whole page mentions (a caption, a list of other news), else the
    /// day the file was saved.
    public static func storyMinute(published: PublishedDate?, body: String, page: String, savedNanos: Int64) -> Int64 {
        if let date = published ?? PublishedDate.latestMentioned(in: body) ?? PublishedDate.latestMentioned(in: page),
            let slot = ArticleKey.slot(of: date)
        {
            return ArticleKey.minute(ofSlot: slot)
        }
        return savedMinute(savedNanos)
    }

    /// The minute of a file's saving, as `ArticleKey.minute(ofSlot:)` counts: the story minute of
    /// an article that tells no date.
    static func savedMinute(_ savedNanos: Int64) -> Int64 {
        // Days from 1900-01-01 to 1970-01-01.
        (25_567 * 24 * 60) + savedNanos / 60_000_000_000
    }

    /// The story minutes of one folder's articles, given in order of saving (`saved`, in
    /// nanoseconds) with the minutes `storyMinute` found, with each article that tells no date (its
    /// minute is its saving's) moved as far as the nearest dated article saved within a day of it
    /// lies from its own saving. Where a scraper saves pages as they come out, that is next to
    /// nothing; where a crawl was written out long after, it puts the undated articles on the days
    /// of the articles saved with them, not on the day of the writing.
    public static func anchoringUndated(saved: [Int64], minutes: [Int64]) -> [Int64] {
        let undated = saved.indices.map { minutes[$0] == savedMinute(saved[$0]) }
        let dated = saved.indices.filter { !undated[$0] }
        guard !dated.isEmpty, dated.count < saved.count else { return minutes }
        var result = minutes
        var next = 0
        for index in saved.indices where undated[index] {
            while next < dated.count && saved[dated[next]] < saved[index] { next += 1 }
            var nearest = next < dated.count ? dated[next] : dated[dated.count - 1]
            if next > 0, abs(saved[dated[next - 1]] - saved[index]) <= abs(saved[nearest] - saved[index]) {
                nearest = dated[next - 1]
            }
            guard abs(saved[nearest] - saved[index]) <= anchorReach else { continue }
            result[index] = minutes[index] + (minutes[nearest] - savedMinute(saved[nearest]))
        }
        return result
    }

    /// How far apart in saving (nanoseconds) an undated article and the dated one it is placed by
    /// may be: a day.
    static let anchorReach: Int64 = 24 * 3_600 * 1_000_000_000

    /// Moves the waiting articles that tell no date (`anchoringUndated`) among the articles of their
    /// folders saved within a day of them; the others stay where they are. `folders` gives each
    /// folder's span of their savings (file times, in nanoseconds). Returns the new minutes of
    /// those moved.
    func anchorUndated(_ folders: [Int64: ClosedRange<Int64>]) throws -> [Int64: Int64] {
        var moved: [Int64: Int64] = [:]
        try database.write { db in
            for (folder, span) in folders.sorted(by: { $0.key < $1.key }) {
                // Their neighbours: the folder's articles saved within a day of them.
                let day = Self.anchorReach
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT a.id, a.mtime, s.minute, p.article IS NOT NULL FROM article a
                        CROSS JOIN story_article s ON s.article = a.id LEFT JOIN story_pending p ON p.article = a.id
                        WHERE a.folder = ? AND a.mtime BETWEEN ? AND ? ORDER BY a.mtime, a.id
                        """, arguments: [folder, span.lowerBound - day, span.upperBound + day])
                let minutes: [Int64] = rows.map { $0[2] }
                let anchored = Self.anchoringUndated(saved: rows.map { $0[1] }, minutes: minutes)
                for (index, row) in rows.enumerated() where anchored[index] != minutes[index] && row[3] as Bool {
                    let id: Int64 = row[0]
                    moved[id] = anchored[index]
                    try db.execute(
                        sql: "UPDATE story_article SET minute = ? WHERE article = ?", arguments: [anchored[index], id])
                    // The article's leading words, filed under its minute: moved with it.
                    let features = try Data.fetchOne(
                        db, sql: "SELECT features FROM story_article WHERE article = ?", arguments: [id])
                    for word in features.flatMap(StoryFeatures.init(encoded:))?.leadingWords ?? [] {
                        try db.execute(
                            sql:
                                "UPDATE OR REPLACE story_word SET minute = ? WHERE word = ? AND minute = ? AND article = ?",
                            arguments: [anchored[index], Int64(word), minutes[index], id])
                    }
                }
            }
        }
        return moved
    }

    /// Adds a new article to the stories' tables, waiting to be grouped; `words` are its features'
    /// leading words.
    static func addToStories(
        _ id: Int64, minute: Int64, features: Data, words: [UInt32], names: [String], in db: Database
    ) throws {
        try db.run(
            "INSERT INTO story_article(article, story, minute, features, names) VALUES (?, ?, ?, ?, ?)",
            [id, id, minute, features, names.joined(separator: "\t")])
        try db.run("INSERT INTO story_pending(article) VALUES (?)", [id])
        let insert = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO story_word(word, minute, article) VALUES (?, ?, ?)")
        for word in words {
            try insert.execute(arguments: [Int64(word), minute, id])
        }
    }

    static func forgetStory(of id: Int64, in db: Database) throws {
        if let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT minute, features FROM story_article WHERE article = ?"), arguments: [id])
        {
            let minute: Int64 = row[0]
            let delete = try db.cachedStatement(
                sql: "DELETE FROM story_word WHERE word = ? AND minute = ? AND article = ?")
            for word in StoryFeatures(encoded: row[1] as Data)?.leadingWords ?? [] {
                try delete.execute(arguments: [Int64(word), minute, id])
            }
        }
        try db.run("INSERT OR IGNORE INTO story_touched(story) SELECT story FROM story_article WHERE article = ?", [id])
        try db.run("DELETE FROM story_article WHERE article = ?", [id])
        try db.run("DELETE FROM story_pending WHERE article = ?", [id])
    }

    /// Places the articles waiting for a story, reading the articles of the days around them (and
    /// no others), and counts again the stories that gained or lost articles. Returns how many
    /// were placed. `handedOver` are new articles as phase 2 stored them (`findNames`): when they
    /// are all that wait, their rows (one on nearly every page of the table, article ids being
    /// spread) are not read back.
    @discardableResult
    func groupStories(handedOver: [Int64: WaitingArticle] = [:]) throws -> Int {
        // The waiting articles' ids and minutes: when many wait (all of them, in a first build),
        // their features are read as they are grouped, so that memory does not grow with them; a
        // few (an update's new files) are read whole at once, not one by one later. Those that
        // tell no date (their minute is their saving's) are noted by folder, to be anchored.
        // In a first build a million wait: each is two numbers here, and their rows are not kept.
        var (pending, pendingRows, undated) = try database.read { db in
            var pending: [PendingArticle] = []
            var rowsRead: [Int64: StoryRow] = [:]
            var undated: [Int64: ClosedRange<Int64>] = [:]
            func note(_ id: Int64, _ minute: Int64, folder: Int64?, saved: Int64?) {
                pending.append(PendingArticle(id: id, minute: minute))
                if let folder, let saved, minute == Self.savedMinute(saved) {
                    let span = undated[folder] ?? saved...saved
                    undated[folder] = min(span.lowerBound, saved)...max(span.upperBound, saved)
                }
            }
            let few = try (Int.fetchOne(db, sql: "SELECT count(*) FROM story_pending") ?? 0) <= Self.rowsWithPending
            if few && !handedOver.isEmpty {
                var ids: [Int64] = []
                try db.cachedStatement(sql: "SELECT article FROM story_pending").forEachRawRow {
                    ids.append($0.int64(0))
                }
                if ids.allSatisfy({ handedOver[$0] != nil }) {
                    for id in ids {
                        let article = handedOver[id]!
                        // A new article is a story of its own until grouped.
                        rowsRead[id] = StoryRow(id, id, article.minute, article.features)
                        note(id, article.minute, folder: article.folder, saved: article.saved)
                    }
                    pending.sort { ($0.minute, $0.id) < ($1.minute, $1.id) }
                    return (pending, rowsRead, undated)
                }
            }
            try db.makeStatement(
                sql: """
                    SELECT s.article, s.minute, a.folder, a.mtime\(few ? ", s.story, s.features" : "") FROM story_pending p
                    CROSS JOIN story_article s ON s.article = p.article LEFT JOIN article a ON a.id = p.article
                    ORDER BY s.minute, s.article
                    """
            ).forEachRawRow { row in
                let (id, minute) = (row.int64(0), row.int64(1))
                if few { rowsRead[id] = StoryRow(id, row.int64(4), minute, row.storyFeatures(5)) }
                note(id, minute, folder: row.optionalInt64(2), saved: row.optionalInt64(3))
            }
            return (pending, rowsRead, undated)
        }
        if !undated.isEmpty {
            let moved = try anchorUndated(undated)
            if !moved.isEmpty {
                for index in pending.indices {
                    guard let minute = moved[pending[index].id] else { continue }
                    pending[index].minute = minute
                    pendingRows[pending[index].id]?.minute = minute
                }
                pending.sort { ($0.minute, $0.id) < ($1.minute, $1.id) }
            }
        }
        var placed: [(article: Int64, story: Int64)] = []
        var merged: [(story: Int64, into: Int64)] = []
        if !pending.isEmpty {
            var grouper = StoryGrouper()
            let waiting = Set(pending.map(\.id))
            // The days around the new articles, each stretch once, earliest first.
            var stretches: [ClosedRange<Int64>] = []
            for minute in pending.map(\.minute) {
                let around = (minute - grouper.window)...(minute + grouper.window)
                if let last = stretches.last, around.lowerBound <= last.upperBound + 1 {
                    stretches[stretches.count - 1] = last.lowerBound...max(last.upperBound, around.upperBound)
                } else {
                    stretches.append(around)
                }
            }
            func add(_ row: StoryRow) {
                grouper.add(
                    id: row.id, minute: row.minute, features: row.features,
                    story: waiting.contains(row.id) ? nil : row.story)
            }
            try database.read { db in
                // The new articles of each stretch: the next run of them in order of minute.
                var next = 0
                var looked: [(stretch: ClosedRange<Int64>, new: [StoryRow], all: Int)] = []
                var lookedNew = 0
                // Stretches grouped by looking words up are read a few thousand new articles at
                // a time, on every core; each is added in turn, in order, as soon as its rows are
                // found, with the number of its articles left unread (they count in the rarity of
                // words in those days).
                func addLooked() throws {
                    try lookUp(looked.map { ($0.stretch, $0.new) }, waiting: waiting, db) { index, rows in
                        grouper.around(unread: looked[index].all - rows.count, from: looked[index].stretch.lowerBound)
                        rows.forEach(add)
                    }
                    looked.removeAll()
                    lookedNew = 0
                }
                for stretch in stretches {
                    let start = next
                    while next < pending.count && stretch.contains(pending[next].minute) { next += 1 }
                    let new = pending[start..<next]
                    let all = try Self.articleCount(in: stretch, db)
                    if all > new.count * Self.wordLookupRatio {
                        looked.append((stretch, try Self.storyRows(of: new, read: pendingRows, db), all))
                        lookedNew += new.count
                        if lookedNew >= Self.lookUpBatch { try addLooked() }
                    } else {
                        try addLooked()
                        grouper.around(unread: 0, from: stretch.lowerBound)
                        try Self.forEachStoryRow(in: stretch, db, add)
                    }
                }
                try addLooked()
            }
            grouper.finish()
            merged = grouper.merged
            placed = grouper.takePlacings()
        }
        try database.write { db in
            var touched = Set(try Int64.fetchAll(db, sql: "SELECT story FROM story_touched"))
            // Stories a new article showed to be one: their articles move into the one they joined.
            for (story, into) in merged {
                try db.run("UPDATE story_article SET story = ? WHERE story = ?", [into, story])
                try db.run("DELETE FROM story WHERE id = ?", [story])
                touched.remove(story)
                touched.insert(into)
            }
            for (article, story) in placed where story != article {
                try db.run("UPDATE story_article SET story = ? WHERE article = ?", [story, article])
                touched.insert(story)
            }
            for story in touched { try Self.recountStory(story, in: db) }
            try db.execute(sql: "DELETE FROM story_pending")
            try db.execute(sql: "DELETE FROM story_touched")
        }
        return pending.count
    }

    /// A stretch's articles with more old ones than this for each new one are grouped through
    /// `story_word`: looking a few new articles' words up costs less than reading every article.
    /// (Task-local so that tests can make either way the only one.)
    @TaskLocal static var wordLookupRatio = 16

    typealias StoryRow = (id: Int64, story: Int64, minute: Int64, features: StoryFeatures)

    /// Waiting articles read whole with the list of them, at most; more (a first build) are read
    /// as they are grouped, so that memory does not grow with them. (Task-local so that tests can
    /// make either way the only one.)
    @TaskLocal static var rowsWithPending = 4000

    /// A new article phase 2 left waiting for a story, as it stored it: its story minute and
    /// features, and its file's folder and time of saving.
    struct WaitingArticle: Sendable {
        var minute: Int64
        var features: StoryFeatures
        var folder: Int64
        var saved: Int64
    }

    /// Whether phase 2 hands the articles it leaves waiting to grouping, rather than grouping
    /// reading them back. (Task-local so that tests can make reading them the only way.)
    @TaskLocal static var handsOverWaiting = true

    /// An article waiting to be grouped.
    struct PendingArticle {
        var id: Int64
        var minute: Int64
    }

    /// The stored rows of waiting articles, in their order: as read with the list of them (`read`),
    /// else read now.
    static func storyRows(of articles: ArraySlice<PendingArticle>, read: [Int64: StoryRow], _ db: Database) throws
        -> [StoryRow]
    {
        let row = try db.cachedStatement(
            sql: "SELECT article, story, minute, features FROM story_article WHERE article = ?")
        var rows: [StoryRow] = []
        for article in articles {
            if let read = read[article.id] {
                rows.append(read)
            } else {
                try row.forEachRawRow([article.id]) { rows.append(storyRow($0)) }
            }
        }
        return rows
    }

    /// New articles whose look-ups are all read before they are added: enough to share between
    /// two connections, few enough to keep the rows found in memory.
    static let lookUpBatch = 4000

    /// How many articles a stretch of minutes holds. The new articles of a stretch are grouped by
    /// looking up their words, rather than by reading every article of it, when they are fewer
    /// than one in `wordLookupRatio` of them.
    static func articleCount(in stretch: ClosedRange<Int64>, _ db: Database) throws -> Int {
        var count = 0
        try db.cachedStatement(sql: "SELECT count(*) FROM story_article WHERE minute BETWEEN ? AND ?")
            .forEachRawRow([stretch.lowerBound, stretch.upperBound]) { count = Int($0.int64(0)) }
        return count
    }

    /// Goes through every article of a stretch of minutes, in order of minute and id.
    static func forEachStoryRow(
        in stretch: ClosedRange<Int64>, _ db: Database, _ body: (StoryRow) throws -> Void
    ) throws {
        try db.cachedStatement(
            sql: """
                SELECT article, story, minute, features FROM story_article
                WHERE minute BETWEEN ? AND ? ORDER BY minute, article
                """
        ).forEachRawRow([stretch.lowerBound, stretch.upperBound]) { try body(storyRow($0)) }
    }

    /// A row of `story_article`'s article, story, minute and features, in that order.
    static func storyRow(_ row: RawRow) -> StoryRow {
        StoryRow(row.int64(0), row.int64(1), row.int64(2), row.storyFeatures(3))
    }

    /// The rows grouping the new articles of each stretch needs, found by looking up their words
    /// (`storyRows(lookingUp:in:waiting:_:)`), handed to `body` stretch by stretch, in order, as
    /// each stretch's are all found: on `db` alone, or, when there are enough to be worth it,
    /// shared with a second connection to the index file on a thread of its own, which looks
    /// later stretches up while `body` takes the rows of earlier ones.
    func lookUp(
        _ stretches: [(stretch: ClosedRange<Int64>, new: [StoryRow])], waiting: Set<Int64>, _ db: Database,
        _ body: (Int, [StoryRow]) throws -> Void
    ) throws {
        let path = database.path
        guard stretches.reduce(0, { $0 + $1.new.count }) >= Self.parallelLookUps, !path.isEmpty, path != ":memory:",
            let second = try? DatabaseQueue(path: path, configuration: Self.readerConfiguration)
        else {
            for (index, stretch) in stretches.enumerated() {
                try body(
                    index, try Self.storyRows(lookingUp: stretch.new[...], in: stretch.stretch, waiting: waiting, db))
            }
            return
        }
        // The stretches in pieces of a few dozen new articles: this connection takes them from the
        // first on, as `body` needs them, the worker from the last back, until they meet; a
        // stretch's pieces are joined again after.
        let pieces = stretches.indices.flatMap { index in
            let new = stretches[index].new
            return stride(from: new.startIndex, to: new.endIndex, by: Self.lookUpPiece).map {
                (stretch: index, new: new[$0..<min($0 + Self.lookUpPiece, new.endIndex)])
            }
        }
        let results = LookUpResults(count: pieces.count)
        @Sendable func lookUp(_ piece: Int, _ db: Database) {
            let (stretch, new) = pieces[piece]
            results.set(
                piece,
                Result { try Self.storyRows(lookingUp: new, in: stretches[stretch].stretch, waiting: waiting, db) })
        }
        let worker = Thread {
            do {
                try second.read { db in
                    while let piece = results.claimLast() { lookUp(piece, db) }
                }
            } catch {
                while let piece = results.claimLast() { results.set(piece, .failure(error)) }
            }
            results.finished()
        }
        worker.start()
        // Whatever happens here, the worker is done with the pieces before they go.
        defer {
            results.cancel()
            results.waitForWorker()
        }
        var start = 0
        for index in stretches.indices {
            var end = start
            while end < pieces.count && pieces[end].stretch == index { end += 1 }
            // This stretch's pieces: those not taken yet looked up here, then those the worker
            // has waited for.
            while let piece = results.claimFirst(before: end) { lookUp(piece, db) }
            var seen = Set<Int64>()
            var rows: [StoryRow] = []
            for result in results.wait(for: start..<end) {
                // The articles two pieces both found, once.
                rows += try result.get().filter { seen.insert($0.id).inserted }
            }
            rows.sort { ($0.minute, $0.id) < ($1.minute, $1.id) }
            try body(index, rows)
            start = end
        }
    }

    /// New articles looked up together on one connection when they are shared between two.
    static let lookUpPiece = 32

    /// New articles a look-up has to be shared between two connections, at least. (Task-local so
    /// that tests can make it share any.)
    @TaskLocal static var parallelLookUps = 200

    /// How a second connection reads the index: read-only, waiting for a writer as the first one does.
    static var readerConfiguration: Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        return configuration
    }

    /// The new articles of a stretch and every article of the stretch in a story that one of them
    /// shares a leading word with in its days (the stories the grouper could weigh them against,
    /// whole), in order of minute and id.
    static func storyRows(
        lookingUp new: ArraySlice<StoryRow>, in stretch: ClosedRange<Int64>, waiting: Set<Int64>, _ db: Database
    ) throws -> [StoryRow] {
        var found: [Int64] = []
        var seen = waiting
        // The articles sharing a leading word with each new one in its days: one statement for each
        // new article (they have at most `leadingCount` words), read from the word table alone.
        for article in new {
            let words = article.features.leadingWords
            guard !words.isEmpty else { continue }
            let sharing = try db.cachedStatement(sql: sharingSQL(words.count))
            let arguments =
                words.map { Int64($0) } + [
                    max(stretch.lowerBound, article.minute - StoryGrouper.defaultWindow),
                    min(stretch.upperBound, article.minute + StoryGrouper.defaultWindow),
                ]
            try sharing.forEachRawRow(arguments) { row in
                let other = row.int64(0)
                if seen.insert(other).inserted { found.append(other) }
            }
        }
        // Their rows, then every other article in the stretch of those of their stories that have
        // more than one (those with a row in `story`: most have none, and are not looked for).
        // Cached statements run many times: one made afresh for each stretch costs more than its
        // look-ups when the stretch has few new articles.
        var rows = Array(new)
        var told = Set<Int64>()
        let rowOf = try db.cachedStatement(
            sql: """
                SELECT s.story, s.minute, s.features, EXISTS (SELECT 1 FROM story WHERE id = s.story)
                FROM story_article s WHERE s.article = ?
                """)
        for article in found {
            try rowOf.forEachRawRow([article]) { row in
                rows.append(StoryRow(article, row.int64(0), row.int64(1), row.storyFeatures(2)))
                if row.int64(3) != 0 { told.insert(row.int64(0)) }
            }
        }
        let membersOf = try db.cachedStatement(
            sql: """
                SELECT article, story, minute, features FROM story_article
                WHERE story = ? AND minute BETWEEN ? AND ?
                """)
        for story in told {
            try membersOf.forEachRawRow([story, stretch.lowerBound, stretch.upperBound]) { row in
                if seen.insert(row.int64(0)).inserted { rows.append(storyRow(row)) }
            }
        }
        rows.sort { ($0.minute, $0.id) < ($1.minute, $1.id) }
        return rows
    }

    /// The statement finding the articles that use any of `count` words in a span of minutes.
    static func sharingSQL(_ count: Int) -> String {
        count < sharingSQLs.count ? sharingSQLs[count] : sharingSQL(words: count)
    }

    private static let sharingSQLs = (0...StoryFeatures.leadingCount).map { sharingSQL(words: $0) }

    private static func sharingSQL(words count: Int) -> String {
        """
        SELECT article FROM story_word
        WHERE word IN (\(Array(repeating: "?", count: count).joined(separator: ",")))
        AND minute BETWEEN ? AND ?
        """
    }

    /// Writes a story's row afresh from its articles; a story of fewer than two has none.
    static func recountStory(_ story: Int64, in db: Database) throws {
        var count = 0
        var first: Int64 = 0
        var last: Int64 = 0
        var outlets = Set<Int64?>()
        // The titled articles among which the headline is chosen: the first 12.
        var titled: [(title: String, features: StoryFeatures)] = []
        var mentions: [String: Int] = [:]
        var order: [String] = []
        // Features read only where the headline needs them: a large story has many rows.
        try db.cachedStatement(
            sql: """
                SELECT sa.minute, sa.features, sa.names, a.outlet, a.title FROM story_article sa
                JOIN article a ON a.id = sa.article WHERE sa.story = ? ORDER BY sa.minute, sa.article
                """
        ).forEachRawRow([story]) { row in
            let minute = row.int64(0)
            if count == 0 { first = minute }
            last = minute
            count += 1
            outlets.insert(row.optionalInt64(3))
            if titled.count < 12, let title = row.optionalText(4) {
                titled.append((title, row.storyFeatures(1)))
            }
            for name in Set((row.optionalText(2) ?? "").split(separator: "\t").map(String.init)) {
                if mentions[name] == nil { order.append(name) }
                mentions[name, default: 0] += 1
            }
        }
        guard count >= 2 else {
            try db.run("DELETE FROM story WHERE id = ?", [story])
            return
        }
        // The headline of the titled article most like the others.
        let likeness = titled.map { a in titled.reduce(Float(0)) { $0 + $1.features.similarity(to: a.features) } }
        let headline =
            titled.indices.max { likeness[$0] != likeness[$1] ? likeness[$0] < likeness[$1] : $0 > $1 }
            .map { titled[$0].title } ?? ""
        let names = order.enumerated().sorted {
            (mentions[$0.element]!, -$0.offset) > (mentions[$1.element]!, -$1.offset)
        }.map(\.element).prefix(3)
        try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO story(id, first, last, articles, outlets, headline, names)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                story, first, last, count, outlets.count, headline,
                names.joined(separator: "\t"),
            ])
    }

    // MARK: - Reading

    public func stories(
        matching query: SearchQuery?, filter: ArticleFilter, minimumOutlets: Int, offset: Int, limit: Int?
    ) throws -> [StorySummary] {
        guard let (conditions, listed) = try storyConditions(query, filter, minimumOutlets) else { return [] }
        let arguments = listed + [limit ?? -1, max(0, offset)]
        return try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id, s.articles, s.outlets, s.headline, s.names, s.first, s.last FROM story s
                    WHERE \(conditions) ORDER BY s.last DESC, s.id DESC LIMIT ? OFFSET ?
                    """,
                arguments: arguments
            ).map(Self.storySummary)
        }
    }

    public func storyCount(matching query: SearchQuery?, filter: ArticleFilter, minimumOutlets: Int) throws -> Int {
        guard let (conditions, arguments) = try storyConditions(query, filter, minimumOutlets) else { return 0 }
        return try database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM story s WHERE \(conditions)", arguments: arguments) ?? 0
        }
    }

    public func storyPosition(id: Int64, matching query: SearchQuery?, filter: ArticleFilter, minimumOutlets: Int)
        throws -> Int?
    {
        guard let (conditions, arguments) = try storyConditions(query, filter, minimumOutlets) else { return nil }
        return try database.read { db in
            // Listed at all, and then after how many (newest first, ties by id).
            guard
                let last = try Int64.fetchOne(
                    db, sql: "SELECT s.last FROM story s WHERE \(conditions) AND s.id = ?", arguments: arguments + [id])
            else { return nil }
            return try Int.fetchOne(
                db,
                sql: "SELECT count(*) FROM story s WHERE \(conditions) AND (s.last > ? OR (s.last = ? AND s.id > ?))",
                arguments: arguments + [last, last, id])
        }
    }

    /// The conditions on `story s` of the stories listed for a query, filter and least number of
    /// outlets, with their arguments; nil when no story can be listed (the query matches none).
    func storyConditions(_ query: SearchQuery?, _ filter: ArticleFilter, _ minimumOutlets: Int) throws
        -> (String, StatementArguments)?
    {
        var conditions = ["s.outlets >= ?"]
        var arguments: StatementArguments = [minimumOutlets]
        if let query {
            // The stories of the newest matches (their ids alone: no snippet is cut from their files).
            guard query.error == nil, !query.isEmpty else { return nil }
            let ids = try database.read { db in
                let (sql, arguments) = try self.selection(
                    "\(Self.idPlaceholder)", of: query, filter: filter, in: db, order: true)
                return try Int64.fetchAll(
                    db,
                    sql: """
                        SELECT DISTINCT m.story FROM story_article m
                        WHERE m.article IN (\(sql) LIMIT \(Self.storySearchLimit)) ORDER BY m.story
                        """, arguments: arguments)
            }
            guard !ids.isEmpty else { return nil }
            conditions.append("s.id IN (\(ids.map(String.init).joined(separator: ",")))")
        } else if !filter.isEmpty {
            var inner = ["m.story = s.id"]
            Self.addFilter(filter, alias: "a", idColumn: "a.id", to: &inner, &arguments)
            conditions.append(
                "EXISTS (SELECT 1 FROM story_article m JOIN article a ON a.id = m.article WHERE \(inner.joined(separator: " AND ")))"
            )
        }
        return (conditions.joined(separator: " AND "), arguments)
    }

    public func story(id: Int64) throws -> StorySummary? {
        try database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT id, articles, outlets, headline, names, first, last FROM story WHERE id = ?",
                arguments: [id]
            ).map(Self.storySummary)
        }
    }

    static func storySummary(_ row: Row) -> StorySummary {
        StorySummary(
            id: row["id"], first: day(ofMinute: row["first"]), last: day(ofMinute: row["last"]),
            articleCount: row["articles"], outletCount: row["outlets"], headline: row["headline"],
            names: (row["names"] as String).split(separator: "\t").map(String.init))
    }

    /// The day of a story minute.
    static func day(ofMinute minute: Int64) -> PublishedDate {
        ArticleKey.date(ofDay: ArticleKey.day(ofMinute: minute))
    }

    /// Matches (the newest) whose stories a query's story list is made of. (Task-local so that
    /// tests can lower it.)
    @TaskLocal static var storySearchLimit = 2000

    public func articles(ofStory story: Int64) throws -> [ArticleSummary] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.summaryColumns) FROM story_article m JOIN article a ON a.id = m.article
                    \(Self.summaryJoin) WHERE m.story = ? ORDER BY m.minute, a.id
                    """,
                arguments: [story]
            ).map(Self.summary)
        }
    }
}

/// The pieces of `ArticleIndex.lookUp`: which are taken, and what each found.
private final class LookUpResults: @unchecked Sendable {
    private let condition = NSCondition()
    private var results: [Result<[ArticleIndex.StoryRow], any Error>?]
    /// The pieces not taken yet: `first..<last`.
    private var first = 0
    private var last: Int
    private var workerDone = false

    init(count: Int) {
        results = Array(repeating: nil, count: count)
        last = count
    }

    /// Takes the first piece not taken yet, if it comes before `end`.
    func claimFirst(before end: Int) -> Int? {
        condition.withLock {
            guard first < min(end, last) else { return nil }
            first += 1
            return first - 1
        }
    }

    /// Takes the last piece not taken yet.
    func claimLast() -> Int? {
        condition.withLock {
            guard first < last else { return nil }
            last -= 1
            return last
        }
    }

    func set(_ index: Int, _ result: Result<[ArticleIndex.StoryRow], any Error>) {
        condition.withLock {
            results[index] = result
            condition.broadcast()
        }
    }

    /// What the pieces found, once all of them are done.
    func wait(for pieces: Range<Int>) -> [Result<[ArticleIndex.StoryRow], any Error>] {
        condition.withLock {
            while results[pieces].contains(where: { $0 == nil }) { condition.wait() }
            return results[pieces].map { $0! }
        }
    }

    /// Leaves the pieces not taken yet to no one.
    func cancel() { condition.withLock { last = first } }

    func finished() {
        condition.withLock {
            workerDone = true
            condition.broadcast()
        }
    }

    func waitForWorker() {
        condition.withLock { while !workerDone { condition.wait() } }
    }
}
