import Foundation
import KabarTestSupport
import Library
import Search
import Testing

@testable import ArticleIndex

@Suite("Two phases: words first, then names, quotes and stories")
struct IndexPhaseTests {
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
        // Both phases were timed.
        #expect(report.wordsSeconds > 0 && report.namesSeconds > 0)
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
}
