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

    @Test("one word matching more articles than the threshold is counted from the word counts: at least the true count")
    func estimatedCounts() throws {
        let store = try TemporaryFolder()
        for number in 0..<40 {
            let words = number < 30 ? "yang banyak sekali" : "lain"
            try store.write(
                "\(number).txt", "Judul Berita Nomor \(number) Di Sini\n\nJakarta - Isi \(words) nomor \(number).")
        }
        let index = try ArticleIndex(store: store.url, estimatingCountsAbove: 10)
        try index.update()
        let common = try index.search(SearchQuery("yang"), filter: ArticleFilter(), limit: 5)
        #expect(common.countIsEstimate)
        #expect(common.totalCount == 30)
        #expect(common.hits.count == 5)
        #expect(try index.matchCount(SearchQuery("yang"), filter: ArticleFilter()) == 30)
        // Few matches, a filter, or more than one word: counted exactly.
        #expect(!(try index.search(SearchQuery("lain"), filter: ArticleFilter(), limit: 5)).countIsEstimate)
        #expect(!(try index.search(SearchQuery("yang banyak"), filter: ArticleFilter(), limit: 5)).countIsEstimate)
        #expect(
            !(try index.search(SearchQuery("yang"), filter: ArticleFilter(outlet: "x"), limit: 5)).countIsEstimate)
        // A changed article still counts in the word counts: the estimate stays above the truth.
        try store.write("0.txt", "Judul Berita Nomor 0 Di Sini\n\nJakarta - Isi lain nomor 0.")
        try index.update(full: true)
        let after = try index.search(SearchQuery("yang"), filter: ArticleFilter(), limit: 5)
        #expect(after.countIsEstimate && after.totalCount >= 29)
        #expect(try index.matchCount(SearchQuery("yang"), filter: ArticleFilter()) == 29)
        // The default threshold leaves small stores exact.
        let plain = try ArticleIndex(store: store.url)
        try plain.update()
        #expect(!(try plain.search(SearchQuery("yang"), filter: ArticleFilter(), limit: 5)).countIsEstimate)
    }
}
