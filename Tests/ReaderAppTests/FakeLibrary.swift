import Articles
import Entities
import KabarTestSupport
import Library
import Quotes
import Search

/// A small library in memory: the view and update tests need no SQLite. Its articles' entities
/// are the trained tagger's, as the index would store them.
struct FakeLibrary: ArticleLibrary {
    var stored: [StoredArticle]
    var skipped: [SkippedFile] = [
        SkippedFile(path: "store/empty.txt", reason: "empty file"),
        SkippedFile(path: "store/photo.txt", reason: "binary file (contains NUL bytes)"),
    ]

    /// The story of each article in one, by id.
    var storyOf: [Int64: Int64] = [:]
    /// Stories listed instead of those of `storyOf` (newest first), when given.
    var listedStories: [StorySummary]?

    func skippedFiles() throws -> [SkippedFile] { skipped }

    /// The standard articles, all three one story.
    static let oneStory: FakeLibrary = {
        var library = FakeLibrary.standard
        library.storyOf = [1: 7, 2: 7, 3: 7]
        return library
    }()

    /// A summary as the index gives it: with its story and the story's outlet count.
    func withStory(_ summary: ArticleSummary) -> ArticleSummary {
        var summary = summary
        guard let story = storyOf[summary.id] else { return summary }
        summary.story = story
        summary.storyOutlets =
            Set(stored.filter { storyOf[$0.summary.id] == story }.map { $0.summary.outlet ?? "" })
            .count
        return summary
    }

    func articles(ofStory story: Int64) throws -> [ArticleSummary] {
        stored.map(\.summary).filter { storyOf[$0.id] == story }.map(withStory).sorted {
            ($0.published?.iso ?? "~", $0.id) < ($1.published?.iso ?? "~", $1.id)
        }
    }

    func stories(matching query: SearchQuery?, filter: ArticleFilter, minimumOutlets: Int, offset: Int, limit: Int?)
        throws -> [StorySummary]
    {
        let all = allStories(matching: query, filter: filter, minimumOutlets: minimumOutlets)
        let start = min(max(0, offset), all.count)
        return Array(all[start..<min(all.count, start + (limit ?? all.count))])
    }

    func allStories(matching query: SearchQuery?, filter: ArticleFilter, minimumOutlets: Int) -> [StorySummary] {
        if let listedStories { return listedStories.filter { $0.outletCount >= minimumOutlets } }
        return Set(storyOf.values).sorted().compactMap { story -> StorySummary? in
            let members = try? articles(ofStory: story)
            guard let members, members.count >= 2, let first = members.first,
                first.storyOutlets >= minimumOutlets,
                members.contains(where: { filter.admits($0) })
            else { return nil }
            if let query {
                let matching = stored.filter { storyOf[$0.summary.id] == story && query.admits($0, title: false) }
                if matching.isEmpty { return nil }
            }
            let dates = members.compactMap(\.published)
            return StorySummary(
                id: story, first: dates.first, last: dates.last, articleCount: members.count,
                outletCount: first.storyOutlets, headline: members.first(where: \.hasHeadline)?.displayTitle ?? "",
                names: ["Vladimir Putin", "Korea Utara"])
        }
    }

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
        let entities = NewsTagger.standard.entities(in: body)
        var article = StoredArticle(
            summary: ArticleSummary(
                id: id, path: "store/\(id).txt", outlet: outlet, title: title,
                published: date.flatMap(PublishedDate.init(iso:)), lede: lede),
            body: body, entities: entities,
            bodyLineNumbers: body.split(separator: "\n").indices.map { $0 * 2 + 2 }, strippedLines: stripped)
        article.quotes = QuoteFinder().quotes(in: body, entities: entities)
        return article
    }

    func quoteCounts(speakers: [String]) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for name in speakers {
            let count = try quotes(bySpeaker: name, filter: ArticleFilter(), limit: nil).count
            if count > 0 { counts[name] = count }
        }
        return counts
    }

    /// The quotes of speakers whose name has the words, newest article first, as the index lists them.
    func quotes(bySpeaker speaker: String?, filter: ArticleFilter, limit: Int?) throws -> [QuoteSummary] {
        let words = Set(SearchQuery.foldedWords(in: speaker ?? "").map(\.word))
        let newestFirst = stored.sorted {
            ($0.summary.published?.iso ?? "", $0.summary.id) > ($1.summary.published?.iso ?? "", $1.summary.id)
        }
        var found: [QuoteSummary] = []
        for article in newestFirst
        where filter.admits(article.summary) {
            for quote in article.quotes {
                let said = Set(SearchQuery.foldedWords(in: quote.speaker ?? "").map(\.word))
                guard words.isSubset(of: said), quote.speaker != nil || words.isEmpty else { continue }
                found.append(
                    QuoteSummary(
                        article: withStory(article.summary), start: quote.start, kind: quote.kind,
                        speaker: quote.speaker,
                        role: quote.role, cue: Quote.slice(quote.cue, of: article.body),
                        excerpt: quote.words(in: article.body)))
            }
        }
        return limit.map { Array(found.prefix($0)) } ?? found
    }

    func articles(matching filter: ArticleFilter, limit: Int?) throws -> [ArticleSummary] {
        let all = stored.map(\.summary).filter { filter.admits($0) }.map(
            withStory)
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
        let hits = stored.filter { filter.admits($0.summary) }
            .map { article in
                var article = article
                article.summary = withStory(article.summary)
                return article
            }
            .compactMap { article -> SearchHit? in
                guard !query.isEmpty, query.admits(article, title: false) else { return nil }
                return SearchHit(
                    summary: article.summary, snippet: article.body, snippetMatches: query.matches(in: article.body))
            }
        return SearchResults(hits: Array(hits.dropFirst(offset).prefix(limit)), totalCount: hits.count)
    }

    func article(id: Int64) throws -> StoredArticle? {
        guard var article = stored.first(where: { $0.summary.id == id }) else { return nil }
        article.summary = withStory(article.summary)
        return article
    }
}
