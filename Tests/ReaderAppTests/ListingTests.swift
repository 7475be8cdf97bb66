import Library
import Testing

@Suite("Listing every article a page at a time")
struct ListingTests {
    /// A library of `count` articles, ids `count` down to 1, every third of outlet `b.com`.
    func library(_ count: Int) -> FakeLibrary {
        FakeLibrary(
            stored: stride(from: count, to: 0, by: -1).map { id in
                StoredArticle(
                    summary: ArticleSummary(
                        id: Int64(id), path: "store/\(id).txt", outlet: id % 3 == 0 ? "b.com" : "a.com",
                        title: "Artikel \(id)", published: nil, lede: ""),
                    body: "", entities: [], bodyLineNumbers: [], strippedLines: [])
            })
    }

    @Test("a library that pages hands over every article once, in the list's order, across and at page ends")
    func everyArticleOnce() throws {
        for count in [0, 1, 4999, 5000, 5001, 12_001] {
            let library = library(count)
            var seen: [Int64] = []
            try library.forEachArticle(matching: ArticleFilter()) { seen.append($0.id) }
            #expect(seen == (try library.articles(matching: ArticleFilter()).map(\.id)), "\(count) articles")
            #expect(seen.count == count)
        }
    }

    @Test("the filter applies to every page")
    func filtered() throws {
        let library = library(12_001)
        let filter = ArticleFilter(outletPrefix: "b.com")
        var seen: [Int64] = []
        try library.forEachArticle(matching: filter) { seen.append($0.id) }
        #expect(seen.count == 4000)
        #expect(seen == (try library.articles(matching: filter).map(\.id)))
    }
}
