import Foundation
import KabarTestSupport
import Library
import Search
import Testing

@testable import ArticleIndex

@Suite("Two phases: words first, then names, quotes and stories")
struct IndexPhaseTests {
    @Test("what a build's rounds free can go back to the system: glibc's malloc_trim is found")
    func returnsFreedMemory() {
        #expect(ArticleIndex.mallocTrim != nil)
    }

    static func article(_ number: Int) -> String {
        """
        Putin Bertemu Kim di Pyongyang Hari Ke-\(number)

        19 Juni 2024 10:00

        Jakarta - Presiden Rusia Vladimir Putin bertemu pemimpin Korea Utara Kim Jong Un di Pyongyang. \
        "Kami akan saling membantu," kata Putin kepada wartawan.
        """
    }

    func store(_ count: Int) throws -> TemporaryFolder {
        let store = try TemporaryFolder()
        for number in 0..<count { try store.write("\(number).txt", Self.article(number)) }
        return store
    }

    @Test("when phase 2 starts, every article is listed and found by its words; names come after")
    func wordsBeforeNames() throws {
        let store = try store(40)
        let index = try ArticleIndex(store: store.url)
        var seenAtPhase2: (listed: Int, words: Int, person: Int, said: Int, waiting: Int)?
        var phases: [IndexPhase] = []
        let report = try index.update(progress: { progress in
            if phases.last != progress.phase { phases.append(progress.phase) }
            guard progress.phase == .names, progress.done == 0, seenAtPhase2 == nil else { return }
            seenAtPhase2 = try? (
                index.articles(matching: ArticleFilter()).count,
                index.search(SearchQuery("pyongyang"), filter: ArticleFilter(), limit: 50).totalCount,
                index.search(SearchQuery("person:putin"), filter: ArticleFilter(), limit: 50).totalCount,
                index.search(SearchQuery("said:putin"), filter: ArticleFilter(), limit: 50).totalCount,
                index.unnamedCount()
            )
        })
        #expect(phases == [.words, .names])
        let seen = try #require(seenAtPhase2)
        #expect(seen.listed == 40 && seen.words == 40)
        #expect(seen.person == 0 && seen.said == 0)
        #expect(seen.waiting == 40)
        // Both phases were timed, and each step, in the order the steps ran: phase 1's steps
        // together take the time phase 1 took.
        #expect(report.wordsSeconds > 0 && report.namesSeconds > 0)
        #expect(
            report.steps.map(\.name) == [
                "settings and folders", "scan", "deleted files", "templates", "read, clean, write", "end of phase 1",
                "names, quotes, story features", "look-up indexes", "stories", "checkpoint",
            ])
        #expect(report.steps.allSatisfy { $0.seconds >= 0 })
        let phase1 = report.steps.prefix(6).reduce(0) { $0 + $1.seconds }
        let phase1Alone = phase1 - report.steps[5].seconds
        #expect(phase1Alone <= report.wordsSeconds && report.wordsSeconds <= phase1 + 0.001)
        #expect(report.steps[6].seconds > 0 && report.steps[6].seconds <= report.namesSeconds)
        #expect(try index.unnamedCount() == 0)
        #expect(try index.search(SearchQuery("person:putin"), filter: ArticleFilter(), limit: 50).totalCount == 40)
        #expect(try index.search(SearchQuery("said:putin"), filter: ArticleFilter(), limit: 50).totalCount == 40)
        // Words and names in one query: the words' table and the names' table together.
        #expect(
            try index.search(SearchQuery("pyongyang person:kim"), filter: ArticleFilter(), limit: 50).totalCount == 40)
        #expect(
            try index.search(SearchQuery("bandung OR person:putin"), filter: ArticleFilter(), limit: 50).totalCount
                == 40)
        #expect(
            try index.search(SearchQuery("pyongyang -person:putin"), filter: ArticleFilter(), limit: 50).totalCount == 0
        )
        #expect(try index.quotes(bySpeaker: "putin", filter: ArticleFilter(), limit: nil).count == 40)
    }

    @Test("a later update names only the new articles; nothing is named twice")
    func laterUpdates() throws {
        let store = try store(30)
        let index = try ArticleIndex(store: store.url)
        try index.update()
        for number in 30..<35 { try store.write("\(number).txt", Self.article(number)) }
        var namesTotal: Int?
        let report = try index.update(progress: { progress in
            if progress.phase == .names { namesTotal = progress.total }
        })
        #expect(report.added == 5)
        #expect(namesTotal == 5)
        #expect(try index.search(SearchQuery("person:putin"), filter: ArticleFilter(), limit: 50).totalCount == 35)
        // An update with nothing new has no phase 2 at all.
        var phases: Set<IndexPhase> = []
        try index.update(progress: { phases.insert($0.phase) })
        #expect(!phases.contains(.names))
    }

    @Test(
        "a bulk load makes the name and speaker look-up indexes after phase 2's rows; an update after a load cut short makes them again"
    )
    func bulkLoadMakesLookupIndexesAfter() throws {
        let store = try store(40)
        let index = try ArticleIndex(store: store.url, bulkLoading: 10)
        func lookupIndexes() throws -> [String] {
            try index.database.read { db in
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT name FROM sqlite_master WHERE type = 'index'
                        AND name IN ('article_entity_entity', 'quote_speaker') ORDER BY name
                        """)
            }
        }
        var duringPhase2: [String]?
        try index.update(progress: { progress in
            if progress.phase == .names && progress.done > 0 && duringPhase2 == nil {
                duringPhase2 = try? lookupIndexes()
            }
        })
        #expect(duringPhase2 == [])
        #expect(try lookupIndexes() == ["article_entity_entity", "quote_speaker"])
        #expect(try index.quotes(bySpeaker: "Putin", filter: ArticleFilter(), limit: nil).count == 40)
        // A load killed in phase 2 leaves them missing; the next update, with nothing to read, makes them.
        try index.database.write { db in try db.execute(sql: ArticleIndex.dropLookupIndexes) }
        try index.update()
        #expect(try lookupIndexes() == ["article_entity_entity", "quote_speaker"])
        // A few new files are no bulk load: the indexes stay while they are named.
        for number in 41..<44 { try store.write("\(number).txt", Self.article(number)) }
        var few: [String]?
        try index.update(progress: { progress in
            if progress.phase == .names && progress.done > 0 && few == nil { few = try? lookupIndexes() }
        })
        #expect(few == ["article_entity_entity", "quote_speaker"])
    }

    @Test(
        "a bulk load makes the folder index after phase 1's rows; an update after a load cut short makes it again before its scan"
    )
    func bulkLoadMakesFolderIndexAfter() throws {
        let store = try store(40)
        let index = try ArticleIndex(store: store.url, bulkLoading: 10)
        func folderIndex() throws -> [String] {
            try index.database.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name = 'article_folder'")
            }
        }
        var duringPhase1: [String]?
        try index.update(progress: { progress in
            if progress.phase == .words && progress.done > 0 && duringPhase1 == nil {
                duringPhase1 = try? folderIndex()
            }
        })
        #expect(duringPhase1 == [])
        #expect(try index.indexedColumns("article_folder") == ["folder", "path", "size", "mtime"])
        // A load killed in phase 1 leaves it missing; the next update makes it before it reads the
        // folders, and finds the one new file among the 40 it knows.
        try index.database.write { db in try db.execute(sql: "DROP INDEX article_folder") }
        try store.write("40.txt", Self.article(40))
        var beforeReading: [String]?
        let report = try index.update(progress: { progress in
            if progress.phase == .words && beforeReading == nil { beforeReading = try? folderIndex() }
        })
        #expect(beforeReading == ["article_folder"])
        #expect(report.added == 1 && report.updated == 0 && report.removed == 0)
        #expect(try index.count() == 41)
        // A few new files are no bulk load: the index stays while they are written.
        for number in 41..<44 { try store.write("\(number).txt", Self.article(number)) }
        var few: [String]?
        try index.update(progress: { progress in
            if progress.phase == .words && progress.done > 0 && few == nil { few = try? folderIndex() }
        })
        #expect(few == ["article_folder"])
        #expect(try index.count() == 44)
    }

    @Test(
        "a bulk load merges the word index once, at the end: FTS5's automerge is off while phase 1 writes, then set back, also by the update after a killed load"
    )
    func bulkLoadMergesOnce() throws {
        let store = try store(40)
        let index = try ArticleIndex(store: store.url, bulkLoading: 10)
        func automerge() throws -> Int? {
            try index.database.read { db in
                try Int.fetchOne(db, sql: "SELECT v FROM fts_config WHERE k = 'automerge'")
            }
        }
        var duringPhase1: Int??
        try index.update(progress: { progress in
            if progress.phase == .words && progress.done > 0 && duringPhase1 == nil { duringPhase1 = try? automerge() }
        })
        #expect(duringPhase1 == .some(0))
        #expect(try automerge() == ArticleIndex.automerge)
        #expect(try index.search(SearchQuery("pyongyang"), filter: ArticleFilter(), limit: 50).totalCount == 40)
        // A load killed in phase 1 leaves the setting off; the next update, however small, sets it back.
        try index.database.write { db in try db.execute(sql: "INSERT INTO fts(fts, rank) VALUES ('automerge', 0)") }
        try store.write("40.txt", Self.article(40))
        var small: Int??
        try index.update(progress: { progress in
            if progress.phase == .words && progress.done > 0 && small == nil { small = try? automerge() }
        })
        #expect(small == .some(0))
        #expect(try automerge() == ArticleIndex.automerge)
        // A few new files are no bulk load: merging goes on as usual while they are written.
        try index.update()
        for number in 41..<44 { try store.write("\(number).txt", Self.article(number)) }
        var few: Int??
        try index.update(progress: { progress in
            if progress.phase == .words && progress.done > 0 && few == nil { few = try? automerge() }
        })
        #expect(few == .some(ArticleIndex.automerge))
    }

    @Test("pages of the list and an article's place in it agree with the whole list, filtered or not")
    func listPages() throws {
        let store = try TemporaryFolder()
        for number in 0..<250 {
            let day = 1 + number % 28
            try store.write(
                "\(number % 3 == 0 ? "genpi.co" : "kompas.com")/\(number).txt",
                "Judul Berita Nomor \(number) Yang Panjang\n\n\(day) Maret 2025 10:\(10 + number % 50)\n\nJakarta - Isi \(number)."
            )
        }
        let index = try ArticleIndex(store: store.url)
        try index.update()
        for filter in [ArticleFilter(), ArticleFilter(fromDay: "2025-03-05", toDay: "2025-03-20")] {
            let whole = try index.articles(matching: filter)
            #expect(whole.count == (try index.articleCount(matching: filter)))
            var paged: [ArticleSummary] = []
            for offset in stride(from: 0, to: whole.count + 40, by: 40) {
                paged += try index.articles(matching: filter, offset: offset, limit: 40)
            }
            #expect(paged == whole)
            for position in [0, 1, whole.count / 2, whole.count - 1] {
                #expect(try index.articlePosition(id: whole[position].id, matching: filter) == position)
            }
        }
        // An article the filter leaves out has no place in its list.
        let outside = try #require(
            try index.articles(matching: ArticleFilter()).first { $0.published!.iso < "2025-03-05" })
        #expect(
            try index.articlePosition(
                id: outside.id, matching: ArticleFilter(fromDay: "2025-03-05", toDay: "2025-03-20"))
                == nil)
    }

    @Test("a search counts its matches up to a bound and says so; matchCount counts them all")
    func countingBound() throws {
        let store = try TemporaryFolder()
        for number in 0..<40 {
            let words = number < 30 ? "yang banyak sekali" : "lain"
            try store.write(
                "\(number).txt", "Judul Berita Nomor \(number) Di Sini\n\nJakarta - Isi \(words) nomor \(number).")
        }
        let index = try ArticleIndex(store: store.url, countingUpTo: 10)
        try index.update()
        let common = try index.search(SearchQuery("yang"), filter: ArticleFilter(), limit: 5)
        #expect(common.countIsAtLeast && common.totalCount == 10)
        #expect(common.hits.count == 5)
        #expect(try index.matchCount(SearchQuery("yang"), filter: ArticleFilter()) == 30)
        // Newest first past the bound, as the ranking's limit has it, and the pages reach past it.
        let later = try index.search(SearchQuery("yang"), filter: ArticleFilter(), offset: 25, limit: 10)
        #expect(later.hits.count == 5)
        let few = try index.search(SearchQuery("lain"), filter: ArticleFilter(), limit: 5)
        #expect(!few.countIsAtLeast && few.totalCount == 10)
        let filtered = try index.search(SearchQuery("yang outlet:x"), filter: ArticleFilter(), limit: 5)
        #expect(!filtered.countIsAtLeast && filtered.totalCount == 0)
    }
}
