import Articles
import Entities
import Foundation
import KabarTestSupport
import Library
import Research
import SampleStore
import Search
import StateFiles
import Testing

@testable import ArticleIndex

@Suite("Index for research: ids, names and days")
struct ResearchIndexTests {
    func sampleCopy() throws -> (TemporaryFolder, ArticleIndex) { try indexedSampleCopy() }

    @Test("each article's names are kept as the tagger finds them in its text, and go with the file")
    func keptNames() throws {
        let (store, index) = try sampleCopy()
        defer { withExtendedLifetime(store) {} }
        let ids = try index.articles(matching: ArticleFilter()).map(\.id)
        let kept = try index.entities(ofArticles: ids)
        #expect(kept.count == 5)
        for id in ids {
            let article = try #require(try index.article(id: id))
            #expect(kept[id] == NamedEntity.entities(in: article.body, spans: article.entities))
        }
        #expect(kept.values.contains { $0.contains { $0.kind == .person && $0.name == "Vladimir Putin" } })
        let removed = try #require(try index.articles(matching: ArticleFilter()).first)
        try FileManager.default.removeItem(at: store.url.appendingPathComponent(removed.path))
        try index.update()
        #expect(try index.entities(ofArticles: [removed.id]).isEmpty)
        #expect(try index.entities(ofArticles: ids).count == 4)
    }

    @Test("the ids of a query are its matches newest first; without a query, the filtered list's")
    func ids() throws {
        let (store, index) = try sampleCopy()
        defer { withExtendedLifetime(store) {} }
        let all = try index.articles(matching: ArticleFilter()).map(\.id)
        #expect(try index.articleIDs(matching: nil, filter: ArticleFilter()) == all)
        for text in ["putin", "person:putin", "kim -kirby", "outlet:genpi", "\"korea utara\" OR kirby"] {
            let query = SearchQuery(text)
            let matches = try index.search(query, filter: ArticleFilter(), limit: 100).hits.map(\.summary.id)
            let ids = try index.articleIDs(matching: query, filter: ArticleFilter())
            #expect(Set(ids) == Set(matches), "\(text)")
            #expect(ids == ids.sorted(by: >), "\(text)")
        }
        let dated = ArticleFilter(fromDay: "2024-06-21", toDay: "2024-06-30")
        #expect(try index.articleIDs(matching: SearchQuery("putin"), filter: dated).count == 1)
        #expect(try index.articleIDs(matching: SearchQuery("\"\""), filter: ArticleFilter()).isEmpty)
        #expect(try index.summaries(ids: [all[2], 999, all[0]]).map(\.id) == [all[2], all[0]])
    }

    @Test("day counts come from the dated matches, by outlet when asked; undated articles are left out")
    func dayCounts() throws {
        let (store, index) = try sampleCopy()
        defer { withExtendedLifetime(store) {} }
        let days = try index.dayCounts(matching: nil, filter: ArticleFilter(), byOutlet: false)
            .sorted { $0.day < $1.day }
        #expect(days == [DayCount(day: "2024-06-20", count: 1), DayCount(day: "2024-06-25", count: 1)])
        let byOutlet = try index.dayCounts(matching: SearchQuery("putin"), filter: ArticleFilter(), byOutlet: true)
            .sorted { $0.day < $1.day }
        #expect(
            byOutlet == [
                DayCount(day: "2024-06-20", outlet: "radardetik.id", count: 1),
                DayCount(day: "2024-06-25", outlet: "genpi.co", count: 1),
            ])
        #expect(try index.dayCounts(matching: SearchQuery("kirby"), filter: ArticleFilter(), byOutlet: false).isEmpty)
    }

    @Test("an export writes every matching article with its text and names; stopped, it leaves no file")
    func export() throws {
        let (store, index) = try sampleCopy()
        defer { withExtendedLifetime(store) {} }
        let output = try TemporaryFolder()
        let path = output.url.appendingPathComponent("out.jsonl").path
        let exporter = Exporter(
            library: index, storeRoot: store.url, writer: ExportWriter(format: .jsonl),
            marks: { ($0.hasSuffix("001_1c96dbfa7ee8ac16.txt"), false) })
        let ids = try index.articleIDs(matching: nil, filter: ArticleFilter())
        var progress: [Int] = []
        try AtomicFile.write(to: path) { write in
            try exporter.export(ids: ids, write: write, progress: { done, _ in progress.append(done) })
        }
        #expect(progress == [5])
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 5)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        let article = try #require(try index.article(id: ids[0]))
        #expect(first["body"] as? String == article.body)
        #expect(first["read"] as? Bool == true)
        #expect((first["file"] as? String)?.hasPrefix(store.url.path) == true)
        #expect(
            (first["entities"] as? [Any])?.count
                == NamedEntity.entities(in: article.body, spans: article.entities).count)

        // Stopped before its end: the earlier file stays as it was, and no partial file is left.
        let many = Array(repeating: ids, count: 600).flatMap { $0 }
        var batches = 0
        #expect(throws: Exporter.Cancelled.self) {
            try AtomicFile.write(to: path) { write in
                try exporter.export(
                    ids: many, write: write,
                    isCancelled: {
                        batches += 1
                        return batches > 2
                    })
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count == 5)
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.url.path) == ["out.jsonl"])
    }

    @Test("a filter of paths narrows lists and searches to those files; note: without paths finds nothing")
    func pathsAndNotes() throws {
        let (store, index) = try sampleCopy()
        defer { withExtendedLifetime(store) {} }
        let all = try index.articles(matching: ArticleFilter())
        let chosen: Set = [all[0].path, all[3].path]
        let filter = ArticleFilter(paths: chosen)
        #expect(Set(try index.articles(matching: filter).map(\.path)) == chosen)
        #expect(try index.articleCount(matching: filter) == 2)
        #expect(try index.articleCount(matching: ArticleFilter(paths: [])) == 0)
        let notes = SearchQuery("note:sumber")
        #expect(Set(try index.search(notes, filter: filter, limit: 10).hits.map(\.summary.path)) == chosen)
        #expect(try index.search(notes, filter: ArticleFilter(), limit: 10).totalCount == 0)
        let putin = try index.search(SearchQuery("putin note:sumber"), filter: filter, limit: 10)
        #expect(putin.hits.allSatisfy { chosen.contains($0.summary.path) })
        #expect(try index.matchCount(SearchQuery("putin"), filter: filter) == putin.totalCount)
        #expect(try index.articleID(path: all[1].path) == all[1].id)
    }

    @Test("many bodies at once are each article's cleaned text, whether taken from the file's lines or cleaned again")
    func manyBodies() throws {
        let (store, index) = try sampleCopy()
        defer { withExtendedLifetime(store) {} }
        // A page whose body line is cleaned within (the link at its end dropped), beside the sample's.
        try store.write(
            "2024/06/inline.txt",
            """
            Harga Beras Naik di Pasar Induk

            Jakarta, 19 Juni 2024

            Harga beras di pasar induk naik lima persen dalam sepekan terakhir menurut para pedagang setempat. Baca juga: Harga Cabai Turun

            Pedagang mengatakan pasokan dari daerah berkurang karena panen yang mundur di beberapa sentra produksi.

            """)
        try index.update()
        let ids = try index.articleIDs(matching: nil, filter: ArticleFilter())
        let bodies = try index.bodies(ids: ids + [999])
        #expect(bodies.count == ids.count)
        for id in ids { #expect(bodies[id] == (try index.body(id: id)), "article \(id)") }
        let kinds = try index.database.read { db in
            try Int.fetchAll(db, sql: "SELECT DISTINCT plain FROM article ORDER BY plain")
        }
        #expect(kinds == [0, 1])
    }

    /// The protocol's own way of counting, over the library's articles and names: what the
    /// index's SQL must agree with.
    struct Plain: ArticleLibrary {
        let index: ArticleIndex
        func articles(matching filter: ArticleFilter, limit: Int?) throws -> [ArticleSummary] {
            try index.articles(matching: filter, limit: limit)
        }
        func outlets() throws -> [OutletCount] { try index.outlets() }
        func search(_ query: SearchQuery, filter: ArticleFilter, offset: Int, limit: Int) throws -> SearchResults {
            try index.search(query, filter: filter, offset: offset, limit: limit)
        }
        func article(id: Int64) throws -> StoredArticle? { try index.article(id: id) }
        func skippedFiles() throws -> [SkippedFile] { [] }
        func articles(ofStory story: Int64) throws -> [ArticleSummary] { try index.articles(ofStory: story) }
        func entities(ofArticles ids: [Int64]) throws -> [Int64: [NamedEntity]] { try index.entities(ofArticles: ids) }
    }

    @Test("the names in most articles of a view, and those named with one, agree with counting article by article")
    func topEntities() throws {
        let (store, index) = try sampleCopy()
        defer { withExtendedLifetime(store) {} }
        let plain = Plain(index: index)
        func same(_ view: ArticleView, _ with: NamedEntity? = nil) throws -> [EntityCount] {
            let fast = try index.topEntities(in: view, cooccurring: with, limit: 100)
            let slow = try plain.topEntities(in: view, cooccurring: with, limit: 100)
            #expect(fast == slow, "\(view) \(String(describing: with))")
            return fast
        }
        let all = try same(.matching(nil, ArticleFilter()))
        let putin = try #require(all.first { $0.name == "Vladimir Putin" })
        #expect(putin.kind == .person)
        #expect(putin.articles >= 3)
        #expect(putin.days.reduce(0) { $0 + $1.count } <= putin.articles)
        #expect(all.map(\.articles) == all.map(\.articles).sorted(by: >))
        let with = try same(
            .matching(nil, ArticleFilter()), NamedEntity(kind: .person, name: "Vladimir Putin", mentions: 0))
        #expect(!with.contains { $0.name == "Vladimir Putin" })
        #expect(with.allSatisfy { $0.articles <= putin.articles })
        _ = try same(.matching(SearchQuery("kirby"), ArticleFilter()))
        _ = try same(.matching(nil, ArticleFilter(outletPrefix: "genpi")))
        let story = try #require(try index.articles(matching: ArticleFilter()).compactMap(\.story).first)
        let inStory = try same(.story(story))
        #expect(inStory.contains { $0.name == "Vladimir Putin" })
        #expect(
            try index.topEntities(
                in: .matching(nil, ArticleFilter()),
                cooccurring: NamedEntity(kind: .place, name: "Atlantis", mentions: 0), limit: 5
            ).isEmpty)
        #expect(try index.topEntities(in: .matching(nil, ArticleFilter()), cooccurring: nil, limit: 2).count == 2)
    }
}
