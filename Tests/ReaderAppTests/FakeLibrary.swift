import Articles
import Entities
import KabarTestSupport
import Library
import Search

/// A small library in memory: the view and update tests need no SQLite. Its articles' entities
/// are the trained tagger's, as the index would store them.
struct FakeLibrary: ArticleLibrary {
    var stored: [StoredArticle]
    var skipped: [SkippedFile] = [
        SkippedFile(path: "store/empty.txt", reason: "empty file"),
        SkippedFile(path: "store/photo.txt", reason: "binary file (contains NUL bytes)"),
    ]

    func skippedFiles() throws -> [SkippedFile] { skipped }

    static let standard = FakeLibrary(stored: [
        article(
            1, outlet: "genpi.co", title: "Rusia Menantang Barat Soal Ukraina", date: "2024-06-25T14:40",
            body:
                "GenPI.co - Presiden Rusia Vladimir Putin bersedia menantang negara-negara Barat.\nPutin juga mengumumkan kerja sama dengan Korea Utara.",
            stripped: [
                LabelledLine(number: 1, text: "Rusia Menantang Barat Soal Ukraina", kind: .title),
                LabelledLine(number: 3, text: "BACA JUGA: 3 Zodiak", kind: .relatedLink),
            ]),
        article(
            2, outlet: "radardetik.id", title: "Putin Teken Kerja Sama Pertahanan di 日本 Korea Utara",
            date: "2024-06-20T11:33",
            body: "RADARDETIK.ID – Hubungan yang panas antara Korea Utara dengan Amerika Serikat."),
        article(
            3, outlet: "gemalantang.com", title: nil, date: nil,
            body:
                "GEMALANTANG.COM -- Juru bicara Gedung Putih John Kirby mengatakan perjanjian itu tanda keputusasaan.\nKirby menegaskan AS akan memprioritaskan Ukraina."
        ),
    ])

    static func article(
        _ id: Int64, outlet: String?, title: String?, date: String?, body: String, stripped: [LabelledLine] = []
    ) -> StoredArticle {
        let lede = String(body.prefix { $0 != "\n" })
        return StoredArticle(
            summary: ArticleSummary(
                id: id, path: "store/\(id).txt", outlet: outlet, title: title,
                published: date.flatMap(PublishedDate.init(iso:)), lede: lede),
            body: body, entities: NewsTagger.standard.entities(in: body),
            bodyLineNumbers: body.split(separator: "\n").indices.map { $0 * 2 + 2 }, strippedLines: stripped)
    }

    func articles(matching filter: ArticleFilter, limit: Int?) throws -> [ArticleSummary] {
        let all = stored.map(\.summary).filter { filter.admits(outlet: $0.outlet, published: $0.published) }
        return limit.map { Array(all.prefix($0)) } ?? all
    }

    func outlets() throws -> [OutletCount] {
        var counts: [String: Int] = [:]
        for article in stored { counts[article.summary.outlet ?? "", default: 0] += 1 }
        return counts.sorted { $0.key < $1.key }.map {
            OutletCount(outlet: $0.key.isEmpty ? nil : $0.key, count: $0.value)
        }
    }

    /// Searches bodies only (not titles), by the query language's own meaning.
    func search(_ query: SearchQuery, filter: ArticleFilter, offset: Int, limit: Int) throws -> SearchResults {
        let hits = stored.filter { filter.admits(outlet: $0.summary.outlet, published: $0.summary.published) }
            .compactMap { article -> SearchHit? in
                guard !query.isEmpty, query.admits(article, title: false) else { return nil }
                return SearchHit(
                    summary: article.summary, snippet: article.body, snippetMatches: query.matches(in: article.body))
            }
        return SearchResults(hits: Array(hits.dropFirst(offset).prefix(limit)), totalCount: hits.count)
    }

    func article(id: Int64) throws -> StoredArticle? {
        stored.first { $0.summary.id == id }
    }
}
