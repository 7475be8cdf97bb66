import Foundation
import KabarTestSupport
import Library
import ReaderApp
import SampleStore
import Search
import Testing

@testable import ArticleIndex
@testable import PostgresIndex

/// A store of real pages: the five sample articles and the extraction development set's eight
/// whole pages, indexed by SQLite and brought into a new team index as the store `news`.
struct LoadedStore {
    let folder: TemporaryFolder
    let database: TestDatabase
    let index: ArticleIndex
    let team: TeamLibrary

    static let pages = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ExtractionDevSet/pages")

    init(withPages: Bool = true) throws {
        folder = try TemporaryFolder()
        try folder.copyContents(of: SampleStore.url, into: "2024/06")
        if withPages { try folder.copyContents(of: Self.pages, into: "pages") }
        index = try ArticleIndex(store: folder.url)
        try index.update()
        database = try TestDatabase()
        _ = try TeamLoader(address: database.address).load(index, store: "news")
        team = try TeamLibrary(address: database.address)
    }

    /// The path SQLite gives an article of the team index's.
    static func storePath(_ teamPath: String) -> String {
        teamPath.hasPrefix("news/") ? String(teamPath.dropFirst(5)) : teamPath
    }

    /// The paths of a search's hits on each backend (all of them: the limit is above the store's size).
    func paths(_ query: SearchQuery, filter: ArticleFilter = ArticleFilter()) throws -> (
        sqlite: [String], team: [String]
    ) {
        let sqlite = try index.search(query, filter: filter, limit: 100)
        let team = try team.search(query, filter: filter, limit: 100)
        return (sqlite.hits.map(\.summary.path), team.hits.map { Self.storePath($0.summary.path) })
    }
}

/// The seven monthly stories (`writeMonthlyStories`), indexed by SQLite and brought into a new
/// team index as the store `news`.
struct MonthlyTeamStore {
    let folder: TemporaryFolder
    let index: ArticleIndex
    let database: TestDatabase

    init() throws {
        folder = try TemporaryFolder()
        try folder.writeMonthlyStories()
        index = try ArticleIndex(store: folder.url)
        try index.update()
        database = try TestDatabase()
        _ = try TeamLoader(address: database.address).load(index, store: "news")
    }
}

@Suite(
    "The team index on PostgreSQL", .serialized,
    .enabled(if: TestDatabase.isAvailable, "KABAR_TEST_DATABASE is not set"))
struct TeamIndexTests {
    @Test("every query of the query tests finds the same articles in SQLite and PostgreSQL, as the language means")
    func sampleQueriesAgree() throws {
        let store = try LoadedStore(withPages: false)
        let articles = try store.index.articles(matching: ArticleFilter()).compactMap {
            try store.index.article(id: $0.id)
        }
        #expect(articles.count == 5)
        for text in QueryMeaningCases.sampleQueries {
            let query = SearchQuery(text, today: QueryMeaningCases.sampleToday)
            let expected = Set(articles.filter { query.admits($0, stemmer: .standard) }.map(\.summary.path))
            let (sqlite, team) = try store.paths(query)
            #expect(Set(sqlite) == expected, "SQLite: \(text)")
            #expect(Set(team) == expected, "PostgreSQL: \(text)")
            #expect(try store.team.matchCount(query, filter: ArticleFilter()) == expected.count, "\(text)")
        }
        for text in QueryMeaningCases.sampleCompoundQueries {
            let (sqlite, team) = try store.paths(SearchQuery(text))
            #expect(Set(sqlite) == Set(team), "\(text)")
        }
        // Oldest first on request, in both.
        let old = SearchQuery("sort:old korea", today: QueryMeaningCases.sampleToday)
        let (sqlite, team) = try store.paths(old)
        #expect(sqlite == team)
        // Each order's count, on every page and past the last (the count then comes alone).
        for text in ["korea", "sort:new korea", "sort:old korea", "sort:relevance korea", "outlet:radar", "zzzz"] {
            let query = SearchQuery(text, today: QueryMeaningCases.sampleToday)
            let all = try store.index.search(query, filter: ArticleFilter(), limit: 100)
            for offset in [0, 1, 2, 10] {
                let page = try store.team.search(query, filter: ArticleFilter(), offset: offset, limit: 2)
                #expect(page.totalCount == all.totalCount, "\(text) from \(offset)")
                #expect(
                    page.hits.map { LoadedStore.storePath($0.summary.path) }
                        == Array(all.hits.dropFirst(offset).prefix(2)).map(\.summary.path)
                        || text == "korea" || text == "sort:relevance korea", "\(text) from \(offset)")
            }
        }
    }

    /// Pages of two of `query` from `library` are those of `all` (SQLite's, newest first), and,
    /// not counted, say where the page ends, and "at least" when it is full.
    static func expectUncountedPages(
        of query: SearchQuery, in library: TeamLibrary, as all: SearchResults, _ text: String
    ) throws {
        for offset in [0, 1, 2, 10] {
            let page = try library.search(query, filter: ArticleFilter(), offset: offset, limit: 2)
            let expected = Array(all.hits.dropFirst(offset).prefix(2)).map(\.summary.path)
            #expect(page.hits.map { LoadedStore.storePath($0.summary.path) } == expected, "\(text) from \(offset)")
            #expect(page.totalCount == offset + expected.count || expected.isEmpty, "\(text) from \(offset)")
            #expect(page.countIsAtLeast == (expected.count == 2), "\(text) from \(offset)")
        }
    }

    @Test(
        "a phrase in more articles than a phrase is counted for lists them newest first by walking, and says at least")
    func phraseWalk() throws {
        let store = try LoadedStore()
        // A phrase is counted up to one match here, and articles up to two: "korea utara" (its
        // words in more articles than are counted, so not sorted) is walked.
        let walking = try TeamLibrary(address: store.database.address, countingUpTo: 2, phraseCountingUpTo: 1)
        for text in ["\"korea utara\"", "sort:new \"korea utara\"", "\"korea utara\" outlet:radar"] {
            let query = SearchQuery(text, today: QueryMeaningCases.sampleToday)
            let newest = SearchQuery("sort:new " + text, today: QueryMeaningCases.sampleToday)
            let all = try store.index.search(newest, filter: ArticleFilter(), limit: 100)
            try Self.expectUncountedPages(of: query, in: walking, as: all, text)
            // The whole count, as the reader asks for it next.
            #expect(try walking.estimatedMatchCount(query, filter: ArticleFilter()).count == all.totalCount)
        }
        #expect(
            try store.index.search(SearchQuery("\"korea utara\""), filter: ArticleFilter(), limit: 100).totalCount >= 3)
        // Walking only the newest article, no page is full: every match is counted and sorted.
        let short = try TeamLibrary(
            address: store.database.address, countingUpTo: 2, phraseCountingUpTo: 1, phraseWalkedAtMost: 1)
        for text in ["sort:new \"korea utara\"", "\"korea utara\""] {
            let query = SearchQuery(text, today: QueryMeaningCases.sampleToday)
            let all = try store.index.search(query, filter: ArticleFilter(), limit: 100)
            for offset in [0, 1, 2] {
                let page = try short.search(query, filter: ArticleFilter(), offset: offset, limit: 2)
                #expect(
                    page.totalCount == min(all.totalCount, 2) && page.countIsAtLeast == (all.totalCount > 2),
                    "\(text) from \(offset)")
                let paths = page.hits.map { LoadedStore.storePath($0.summary.path) }
                let expected = Array(all.hits.dropFirst(offset).prefix(2)).map(\.summary.path)
                // Ranked (plain) lists may order ties otherwise; newest first to the letter.
                #expect(text.hasPrefix("sort:new") ? paths == expected : paths.count == expected.count, "\(text)")
            }
        }
        // Ranked, or oldest first, on request: counted whole, as before.
        let ranked = try TeamLibrary(address: store.database.address, phraseCountingUpTo: 1).search(
            SearchQuery("sort:relevance \"korea utara\""), filter: ArticleFilter(), limit: 2)
        #expect(!ranked.countIsAtLeast && ranked.totalCount >= 3)
    }

    @Test(
        "a phrase whose words are together in more articles than are ranked is checked among them newest first, uncounted"
    )
    func phraseCandidates() throws {
        let store = try LoadedStore()
        // Articles with all of a phrase's words are counted (up to 20,000); more than one here,
        // so the phrase's matches are found among them, newest first, not counted.
        let team = try TeamLibrary(address: store.database.address, phraseCountingUpTo: 1)
        // "utara korea": both words in several articles, the phrase (the words the other way
        // round) in fewer or none: the check, not the words, decides.
        var checked = 0
        for text in [
            "\"korea utara\"", "sort:new \"korea utara\"", "\"korea utara\" outlet:radar", "\"utara korea\"",
            "\"korea utara\" -pyongyang", "(\"korea utara\" OR rusia)",
        ] {
            let query = SearchQuery(text, today: QueryMeaningCases.sampleToday)
            let newest = SearchQuery("sort:new " + text, today: QueryMeaningCases.sampleToday)
            let all = try store.index.search(newest, filter: ArticleFilter(), limit: 100)
            let together = try store.index.search(
                SearchQuery("sort:new korea utara", today: QueryMeaningCases.sampleToday), filter: ArticleFilter(),
                limit: 100)
            if together.totalCount > all.totalCount { checked += 1 }
            try Self.expectUncountedPages(of: query, in: team, as: all, text)
            #expect(try team.estimatedMatchCount(query, filter: ArticleFilter()).count == all.totalCount, "\(text)")
        }
        #expect(checked >= 1)
        // A phrase under NOT is not loosened: counted and listed as before.
        let excluded = SearchQuery("korea -\"korea utara\"", today: QueryMeaningCases.sampleToday)
        let sqlite = try store.index.search(excluded, filter: ArticleFilter(), limit: 100)
        let listed = try team.search(excluded, filter: ArticleFilter(), limit: 100)
        #expect(Set(sqlite.hits.map(\.summary.path)) == Set(listed.hits.map { LoadedStore.storePath($0.summary.path) }))
        #expect(listed.totalCount == sqlite.totalCount && !listed.countIsAtLeast)
    }

    @Test("a prefix alone that many articles' words start with is counted by the planner's figure, said to be one")
    func prefixEstimate() throws {
        let store = try LoadedStore()
        // Every prefix is "many" here; the figure comes from the planner, the page is the same.
        let team = try TeamLibrary(address: store.database.address, prefixEstimatingFrom: 1)
        for text in ["kor*", "sort:new pu*", "sort:old kor*"] {
            let query = SearchQuery(text, today: QueryMeaningCases.sampleToday)
            let sqlite = try store.index.search(query, filter: ArticleFilter(), limit: 100)
            #expect(sqlite.totalCount >= 2, "\(text)")
            let page = try team.search(query, filter: ArticleFilter(), limit: 100)
            #expect(page.countIsEstimate && !page.countIsAtLeast && page.countText.hasPrefix("~"), "\(text)")
            #expect(
                page.hits.map { LoadedStore.storePath($0.summary.path) } == sqlite.hits.map(\.summary.path), "\(text)")
            #expect(try team.matchCount(query, filter: ArticleFilter()) == sqlite.totalCount, "\(text)")
        }
        // With another word, a filter, or ranked on request: counted, as before.
        for text in ["kor* putin", "kor* outlet:radar", "sort:relevance kor*"] {
            let page = try team.search(
                SearchQuery(text, today: QueryMeaningCases.sampleToday), filter: ArticleFilter(), limit: 100)
            #expect(!page.countIsEstimate, "\(text)")
        }
        // The default counts a prefix of a few articles exactly.
        let counted = try store.team.search(SearchQuery("kor*"), filter: ArticleFilter(), limit: 100)
        #expect(!counted.countIsEstimate && counted.totalCount >= 2)
    }

    @Test("queries made from thirteen real pages' words, names, quotes, outlets and dates agree on both backends")
    func madeQueriesAgree() throws {
        let store = try LoadedStore()
        let articles = try store.index.articles(matching: ArticleFilter()).compactMap {
            try store.index.article(id: $0.id)
        }
        #expect(articles.count == 13)
        let queries = QueryMeaningCases.queries(for: articles)
        #expect(queries.count >= 100, "\(queries.count)")
        var partial = 0
        for text in queries {
            let query = SearchQuery(text)
            #expect(query.error == nil, "\(text)")
            let (sqlite, team) = try store.paths(query)
            #expect(Set(sqlite) == Set(team), "\(text)")
            if (1..<articles.count).contains(sqlite.count) { partial += 1 }
        }
        // The queries tell the articles apart.
        #expect(partial >= queries.count / 2, "\(partial) of \(queries.count)")
    }

    @Test("lists, counts and positions under outlet and date filters are the same on both backends, newest first")
    func filtersAgree() throws {
        let store = try LoadedStore()
        let outlets = try store.index.outlets()
        #expect(try store.team.outlets().map(\.count).sorted() == outlets.map(\.count).sorted())
        var filters = [
            ArticleFilter(), ArticleFilter(withoutOutlet: true), ArticleFilter(fromDay: "2024-06-21"),
            ArticleFilter(toDay: "2024-06-20", includeUndated: true), ArticleFilter(outletPrefix: "radar"),
        ]
        for outlet in outlets.compactMap(\.outlet) { filters.append(ArticleFilter(outlet: outlet)) }
        for filter in filters {
            let sqlite = try store.index.articles(matching: filter).map(\.path)
            let team = try store.team.articles(matching: filter).map { LoadedStore.storePath($0.path) }
            #expect(team == sqlite, "\(filter.summary)")
            #expect(try store.team.articleCount(matching: filter) == sqlite.count)
            #expect(try store.team.undatedCount(matching: filter) == store.index.undatedCount(matching: filter))
            let page = try store.team.articles(matching: filter, offset: 1, limit: 2).map {
                LoadedStore.storePath($0.path)
            }
            #expect(page == Array(sqlite.dropFirst().prefix(2)))
            for summary in try store.team.articles(matching: filter) {
                let position = try store.team.articlePosition(id: summary.id, matching: filter)
                #expect(position == sqlite.firstIndex(of: LoadedStore.storePath(summary.path)))
            }
        }
        // The files a `note:` narrows to are named by their paths in the team index.
        let chosen = try store.team.articles(matching: ArticleFilter()).prefix(2).map(\.path)
        #expect(Set(try store.team.articles(matching: ArticleFilter(paths: Set(chosen))).map(\.path)) == Set(chosen))
    }

    @Test("an article reads back whole from the database: text, names, quotes, stripped lines")
    func articlesReadBack() throws {
        let store = try LoadedStore()
        for summary in try store.index.articles(matching: ArticleFilter()) {
            let sqlite = try #require(try store.index.article(id: summary.id))
            let id = try #require(try store.team.articleID(path: "news/" + summary.path))
            let team = try #require(try store.team.article(id: id))
            #expect(team.body == sqlite.body)
            #expect(team.entities == sqlite.entities)
            #expect(team.quotes == sqlite.quotes)
            #expect(team.strippedLines == sqlite.strippedLines)
            #expect(team.bodyLineNumbers == sqlite.bodyLineNumbers)
            #expect(team.bodyConfidences == sqlite.bodyConfidences)
            #expect(team.summary.title == sqlite.summary.title)
            #expect(team.summary.published == sqlite.summary.published)
            #expect(team.summary.outlet == sqlite.summary.outlet)
            #expect(try store.team.body(id: id) == sqlite.body)
            #expect(
                try store.team.entities(ofArticles: [id])[id]
                    == store.index.entities(ofArticles: [summary.id])[summary.id])
        }
        // A row takes the names its index keeps only when they account for every name of the
        // article as read; names kept of another text are found again.
        let loader = try TeamLoader(address: store.database.address)
        let article = try #require(
            try store.index.articles(matching: ArticleFilter()).compactMap { try store.index.article(id: $0.id) }
                .first { $0.entities.count >= 2 })
        let fresh = NamedEntity.entities(in: article.body, spans: article.entities)
        var stems = TextVectors.StemCache(stemmer: .standard)
        func named(_ known: [NamedEntity]?) throws -> String? {
            let row = try loader.row(
                of: article, store: "news", storeID: 1, stories: TeamLoader.StoryMemberships(), stems: &stems,
                known: known)
            return row.fields[TeamLoader.articleColumns.firstIndex { $0.name == "named" }!]
        }
        let stale = [NamedEntity(kind: .person, name: "Orang Lain", mentions: 1)]
        #expect(try named(nil) == RowJSON.named(fresh))
        #expect(try named(stale) == RowJSON.named(fresh))
        var relabelled = fresh
        relabelled[0].name = "Nama Tersimpan"
        #expect(try named(relabelled) == RowJSON.named(relabelled))
        // Snippets come from the stored text, with the matches marked.
        let hit = try #require(
            try store.team.search(SearchQuery("kirby"), filter: ArticleFilter(), limit: 5).hits.first)
        let bytes = Array(hit.snippet.utf8)
        #expect(hit.snippetMatches.map { String(decoding: bytes[$0], as: UTF8.self) } == ["Kirby"])
    }

    @Test("the story list comes a page at a time as on SQLite: the same pages, count and places")
    func storyPages() throws {
        let store = try MonthlyTeamStore()
        let (index, team) = (store.index, try TeamLibrary(address: store.database.address))
        for (query, filter) in MonthlyStories.views {
            let sqlite = try index.stories(matching: query, filter: filter, minimumOutlets: 1, limit: nil)
            let paged = try team.storiesByPages(matching: query, filter: filter)
            #expect(paged.map(\.last) == sqlite.map(\.last))
            #expect(paged.map(\.articleCount) == sqlite.map(\.articleCount))
            #expect(try team.storyCount(matching: query, filter: filter, minimumOutlets: 1) == sqlite.count)
            for (place, story) in paged.enumerated() {
                #expect(
                    try team.storyPosition(id: story.id, matching: query, filter: filter, minimumOutlets: 1) == place)
            }
        }
        let all = try team.stories(matching: nil, filter: ArticleFilter(), minimumOutlets: 1, limit: nil)
        #expect(all.count == 7)
        let spring = ArticleFilter(fromDay: "2022-03-01", toDay: "2022-05-31")
        #expect(try team.storyPosition(id: all[0].id, matching: nil, filter: spring, minimumOutlets: 1) == nil)
        #expect(try team.storyPosition(id: -1, matching: nil, filter: ArticleFilter(), minimumOutlets: 1) == nil)
    }

    @Test("a search's stories are those of its newest matches, on both backends")
    func storiesOfNewestMatches() throws {
        let store = try MonthlyTeamStore()
        let (index, database) = (store.index, store.database)
        // Every article says "gempa": its newest 3 are both of July's story and one of June's.
        for (limit, stories) in [(1, 1), (3, 2), (100, 7)] {
            let team = try TeamLibrary(address: database.address, storySearchLimit: limit)
            for text in ["gempa", "sort:old gempa", "\"gempa bumi\"", "zzzz"] {
                let query = SearchQuery(text)
                let sqlite = try ArticleIndex.$storySearchLimit.withValue(limit) {
                    try index.stories(matching: query, filter: ArticleFilter(), minimumOutlets: 1, limit: nil)
                }
                let teamStories = try team.stories(
                    matching: query, filter: ArticleFilter(), minimumOutlets: 1, limit: nil)
                #expect(teamStories.map(\.last) == sqlite.map(\.last), "\(text), newest \(limit)")
                #expect(sqlite.count == (text == "zzzz" ? 0 : stories), "\(text), newest \(limit)")
                #expect(
                    try team.storyCount(matching: query, filter: ArticleFilter(), minimumOutlets: 1) == sqlite.count)
            }
        }
    }

    @Test("stories and quotes are the store's own")
    func storiesAndQuotes() throws {
        let store = try LoadedStore()
        let sqlite = try store.index.stories(matching: nil, filter: ArticleFilter(), minimumOutlets: 2, limit: nil)
        let team = try store.team.stories(matching: nil, filter: ArticleFilter(), minimumOutlets: 2, limit: nil)
        #expect(sqlite.count >= 1)
        #expect(team.map(\.headline) == sqlite.map(\.headline))
        #expect(team.map(\.outletCount) == sqlite.map(\.outletCount))
        for (left, right) in zip(sqlite, team) {
            let sqliteArticles = try store.index.articles(ofStory: left.id).map(\.path)
            let teamArticles = try store.team.articles(ofStory: right.id).map { LoadedStore.storePath($0.path) }
            #expect(teamArticles == sqliteArticles)
        }
        let putin = SearchQuery("putin")
        #expect(
            try store.team.stories(matching: putin, filter: ArticleFilter(), minimumOutlets: 5, limit: nil).count
                == store.index.stories(matching: putin, filter: ArticleFilter(), minimumOutlets: 5, limit: nil).count)
        let blinken = try store.team.quotes(bySpeaker: "blinken", filter: ArticleFilter(), limit: nil)
        #expect(blinken.count == 2)
        #expect(blinken.allSatisfy { $0.speaker == "Antony Blinken" })
        #expect(try store.team.quotes(bySpeaker: "%", filter: ArticleFilter(), limit: nil).isEmpty)
        // The same quotes as the store's own index, with their cues and excerpts.
        for speaker in [nil, "blinken", "putin", "kirby"] {
            let sqliteQuotes = try store.index.quotes(bySpeaker: speaker, filter: ArticleFilter(), limit: nil)
            let teamQuotes = try store.team.quotes(bySpeaker: speaker, filter: ArticleFilter(), limit: nil)
            #expect(teamQuotes.map(\.excerpt) == sqliteQuotes.map(\.excerpt), "\(speaker ?? "all")")
            #expect(teamQuotes.map(\.cue) == sqliteQuotes.map(\.cue))
            #expect(teamQuotes.map(\.speaker) == sqliteQuotes.map(\.speaker))
        }
        let names = ["Antony Blinken", "Vladimir Putin", "Nobody Here", "_"]
        #expect(try store.team.quoteCounts(speakers: names) == store.index.quoteCounts(speakers: names))
    }

    @Test("timelines and the most named, counted by the server, are the store's own index's")
    func timelinesAndNames() throws {
        let store = try LoadedStore()
        let views: [(SearchQuery?, ArticleFilter)] = [
            (nil, ArticleFilter()), (SearchQuery("putin"), ArticleFilter()), (SearchQuery("rusia"), ArticleFilter()),
            (nil, ArticleFilter(fromDay: "2024-06-21")), (SearchQuery("\"presiden rusia\""), ArticleFilter()),
            (SearchQuery("zzzz"), ArticleFilter()), (SearchQuery("per:putin"), ArticleFilter(outletPrefix: "radar")),
        ]
        var named = 0
        for (query, filter) in views {
            for byOutlet in [false, true] {
                let team = try store.team.dayCounts(matching: query, filter: filter, byOutlet: byOutlet)
                let sqlite = try store.index.dayCounts(matching: query, filter: filter, byOutlet: byOutlet)
                    .sorted { ($0.day, $0.outlet ?? "") < ($1.day, $1.outlet ?? "") }
                #expect(team == sqlite, "\(query?.text ?? "all") by outlet: \(byOutlet)")
            }
            // Every name (the limit is above their number), so that ties at the cut do not matter.
            let team = try store.team.topEntities(in: .matching(query, filter), cooccurring: nil, limit: 10_000)
            let sqlite = try store.index.topEntities(in: .matching(query, filter), cooccurring: nil, limit: 10_000)
            #expect(Set(team) == Set(sqlite), "\(query?.text ?? "all")")
            #expect(team.map(\.articles) == sqlite.map(\.articles))
            named += team.count
            // Most articles first, then by name; the first few as the store's index has them.
            let top = try store.team.topEntities(in: .matching(query, filter), cooccurring: nil, limit: 3)
            #expect(top.map(\.articles) == Array(sqlite.prefix(3)).map(\.articles))
            // Names beside the most named one: the articles naming both.
            if let first = sqlite.first {
                let companion = NamedEntity(kind: first.kind, name: first.name, mentions: 0)
                let team = try store.team.topEntities(
                    in: .matching(query, filter), cooccurring: companion, limit: 10_000)
                let sqlite = try store.index.topEntities(
                    in: .matching(query, filter), cooccurring: companion, limit: 10_000)
                #expect(Set(team) == Set(sqlite))
                #expect(!team.contains { $0.kind == first.kind && $0.name == first.name })
            }
        }
        #expect(named > 50)
        // A story's names: the same articles, under each backend's own story number.
        let sqliteStory = try #require(
            try store.index.stories(matching: nil, filter: ArticleFilter(), minimumOutlets: 2, limit: 1).first)
        let teamStory = try #require(
            try store.team.stories(matching: nil, filter: ArticleFilter(), minimumOutlets: 2, limit: 1).first)
        let sqliteNames = try store.index.topEntities(in: .story(sqliteStory.id), cooccurring: nil, limit: 10_000)
        #expect(!sqliteNames.isEmpty)
        #expect(
            Set(try store.team.topEntities(in: .story(teamStory.id), cooccurring: nil, limit: 10_000))
                == Set(sqliteNames))
    }

    @Test(
        "a word in very many articles is estimated, not counted; a phrase's matches are counted and listed in one pass")
    func plannedCounts() throws {
        // 40 days of three articles: every one says `umum`, every fourth `jarang`.
        let folder = try TemporaryFolder()
        for number in 0..<120 {
            let day = String(format: "2023-02-%02d", 1 + number / 3 % 28)
            let words = number % 4 == 0 ? "umum jarang" : "umum"
            let title = number % 20 == 0 ? "Berita Jarang Nomor \(number)" : "Berita Nomor \(number) Hari Ini"
            _ = try folder.write(
                "\(number / 84)/\(number).txt",
                "\(title)\n\(day)T\(10 + number % 3):00\n\nJakarta - Isi \(words) kabar \(number).\n"
            )
        }
        let index = try ArticleIndex(store: folder.url)
        try index.update()
        let database = try TestDatabase()
        _ = try TeamLoader(address: database.address).load(index, store: "news")
        // 50 expected matches are many.
        let team = try TeamLibrary(address: database.address, countingUpTo: 5, estimatingFrom: 50)
        _ = try team.session.query("ANALYZE kabar_article")
        let common = SearchQuery("umum")
        let estimate = try team.estimatedMatchCount(common, filter: ArticleFilter())
        #expect(estimate.isEstimate && (100...140).contains(estimate.count), "\(estimate)")
        // Its page is still the newest matches, and the count says only "more than 5".
        let page = try team.search(common, filter: ArticleFilter(), limit: 3)
        #expect(page.totalCount == 5 && page.countIsAtLeast)
        let newest = try index.search(common, filter: ArticleFilter(), limit: 3).hits.map(\.summary.path)
        #expect(page.hits.map { LoadedStore.storePath($0.summary.path) } == newest)
        // Fewer expected matches, a phrase, a prefix, an exclusion: counted.
        #expect(try team.estimatedMatchCount(SearchQuery("jarang"), filter: ArticleFilter()) == MatchCount(30))
        #expect(try team.estimatedMatchCount(SearchQuery("umum jarang"), filter: ArticleFilter()) == MatchCount(30))
        #expect(try team.estimatedMatchCount(SearchQuery("\"isi umum\""), filter: ArticleFilter()) == MatchCount(120))
        #expect(try team.estimatedMatchCount(SearchQuery("umu*"), filter: ArticleFilter()) == MatchCount(120))
        #expect(try team.estimatedMatchCount(SearchQuery("umum -jarang"), filter: ArticleFilter()) == MatchCount(90))
        let counted = try team.search(SearchQuery("jarang"), filter: ArticleFilter(), limit: 3)
        #expect(counted.totalCount == 5 && counted.countIsAtLeast)
        // Matches few enough to rank: title words first, one order across pages.
        let plain = try TeamLibrary(address: database.address)
        let rare = SearchQuery("jarang")
        let ranked = try plain.search(rare, filter: ArticleFilter(), limit: 8)
        #expect(ranked.totalCount == 30 && !ranked.countIsAtLeast)
        #expect(ranked.hits.prefix(6).allSatisfy { $0.summary.title?.hasPrefix("Berita Jarang") == true })
        let pages = try [0, 4].flatMap { try plain.search(rare, filter: ArticleFilter(), offset: $0, limit: 4).hits }
        #expect(pages.map(\.summary.id) == ranked.hits.map(\.summary.id))
        // A phrase's matches are counted and listed in one pass: ranked when few, in the order
        // asked for otherwise, the same on every page and past the last; more than are counted,
        // listed newest first.
        let mixed = SearchQuery("\"isi umum\" jarang")
        let rankedPhrase = try plain.search(mixed, filter: ArticleFilter(), limit: 8)
        #expect(rankedPhrase.totalCount == 30 && !rankedPhrase.countIsAtLeast)
        #expect(rankedPhrase.hits.prefix(6).allSatisfy { $0.summary.title?.hasPrefix("Berita Jarang") == true })
        let phrasePages = try [0, 4].flatMap {
            try plain.search(mixed, filter: ArticleFilter(), offset: $0, limit: 4).hits
        }
        #expect(phrasePages.map(\.summary.id) == rankedPhrase.hits.map(\.summary.id))
        for text in [
            "sort:new \"isi umum\" jarang", "sort:old \"isi umum\" jarang",
            "sort:new umum from:2023-02-03 to:2023-02-10",
            "sort:old jarang from:2023-02-03",
        ] {
            let query = SearchQuery(text)
            let all = try index.search(query, filter: ArticleFilter(), limit: 100).hits.map(\.summary.path)
            for offset in [0, 4, 28, 40] {
                let page = try plain.search(query, filter: ArticleFilter(), offset: offset, limit: 4)
                #expect(page.totalCount == all.count, "\(text) from \(offset)")
                #expect(
                    page.hits.map { LoadedStore.storePath($0.summary.path) } == Array(all.dropFirst(offset).prefix(4)),
                    "\(text) from \(offset)")
            }
        }
        let manyPhrase = try team.search(SearchQuery("\"isi umum\""), filter: ArticleFilter(), limit: 3)
        // Not counted: the full page's end, and "at least".
        #expect(manyPhrase.totalCount == 3 && manyPhrase.countIsAtLeast)
        #expect(manyPhrase.hits.map { LoadedStore.storePath($0.summary.path) } == newest)
        // Words narrowed by the reader's filter: the same, by one pass too.
        let fromDay = ArticleFilter(fromDay: "2023-02-03")
        let narrowed = try index.search(SearchQuery("sort:new umum"), filter: fromDay, limit: 200).hits
        let allNarrowed = try plain.search(SearchQuery("sort:new umum"), filter: fromDay, limit: 200)
        #expect(allNarrowed.totalCount == narrowed.count && !allNarrowed.countIsAtLeast)
        #expect(allNarrowed.hits.map { LoadedStore.storePath($0.summary.path) } == narrowed.map(\.summary.path))
        let manyNarrowed = try team.search(SearchQuery("umum"), filter: fromDay, limit: 3)
        #expect(manyNarrowed.totalCount == 5 && manyNarrowed.countIsAtLeast)
        #expect(
            manyNarrowed.hits.map { LoadedStore.storePath($0.summary.path) }
                == Array(narrowed.prefix(3)).map(\.summary.path))
        // An archive of fewer articles than are many counts every word.
        let small = try TeamLibrary(address: database.address, countingUpTo: 5, estimatingFrom: 1000)
        #expect(try small.estimatedMatchCount(common, filter: ArticleFilter()) == MatchCount(120))
    }

    @Test("a second load adds new and changed files, removes gone ones, and duplicates nothing")
    func incrementalLoad() throws {
        let store = try LoadedStore()
        let loader = try TeamLoader(address: store.database.address)
        // Nothing changed: nothing written, not a row of an article or a story rewritten.
        func versions() throws -> [String] {
            try loader.session.query(
                """
                SELECT 'a' || id || ':' || xmin::text FROM kabar_article
                UNION ALL SELECT 's' || id || ':' || xmin::text FROM kabar_story ORDER BY 1
                """
            ).map { try $0.decode(String.self) }
        }
        let before = try versions()
        let unchanged = try loader.load(store.index, store: "news")
        #expect(unchanged.added == 0 && unchanged.removed == 0 && unchanged.unreadable.isEmpty)
        #expect(unchanged.stories == 1)
        #expect(try versions() == before)
        let storyBefore = try #require(
            try store.team.stories(matching: nil, filter: ArticleFilter(), minimumOutlets: 1, limit: nil).first)
        try FileManager.default.removeItem(at: store.folder.url.appendingPathComponent("pages/03_detik.txt"))
        let changed = store.folder.url.appendingPathComponent("pages/04_tempo.txt")
        try (String(contentsOf: changed, encoding: .utf8) + "\nKalimat baru tentang zamrudkatulistiwa.\n").write(
            to: changed, atomically: true, encoding: .utf8)
        _ = try store.folder.write(
            "pages/new.txt", "Judul Baru\n\nSebuah berita tentang zamrudkatulistiwa di Jakarta.\n")
        try store.index.update()
        let report = try loader.load(store.index, store: "news")
        #expect(report.added == 2)
        #expect(report.removed == 2)
        let sqlite = try store.index.articles(matching: ArticleFilter()).map(\.path)
        let team = try store.team.articles(matching: ArticleFilter()).map { LoadedStore.storePath($0.path) }
        #expect(team == sqlite)
        #expect(team.count == 13)
        #expect(Set(try store.paths(SearchQuery("zamrudkatulistiwa")).team) == ["pages/04_tempo.txt", "pages/new.txt"])
        // The stories and their articles are the store's index's again; a story that stayed keeps its number.
        let sqliteStories = try store.index.stories(
            matching: nil, filter: ArticleFilter(), minimumOutlets: 1, limit: nil)
        let teamStories = try store.team.stories(matching: nil, filter: ArticleFilter(), minimumOutlets: 1, limit: nil)
        #expect(teamStories.map(\.headline) == sqliteStories.map(\.headline))
        for (left, right) in zip(sqliteStories, teamStories) {
            #expect(
                try store.team.articles(ofStory: right.id).map { LoadedStore.storePath($0.path) }
                    == store.index.articles(ofStory: left.id).map(\.path))
        }
        if let same = teamStories.first(where: { $0.headline == storyBefore.headline }) {
            #expect(same.id == storyBefore.id)
        }
        #expect(
            try loader.session.query("SELECT count(*) FROM kabar_story").first?.decode(Int.self) == teamStories.count)
    }

    @Test("a load leaves no words waiting in the word indexes' pending lists, for searches to read one by one")
    func pendingWordsWritten() throws {
        // Thirteen articles: too few for the vacuum a large load ends with, and well under the
        // pending lists' size, so without emptying them every new word would still wait there.
        let store = try LoadedStore()
        let admin = DatabaseSession(address: store.database.address)
        defer { admin.close() }
        try admin.query("CREATE EXTENSION IF NOT EXISTS pgstattuple")
        for index in ["kabar_article_words", "kabar_article_names"] {
            let waiting = try admin.query("SELECT pending_tuples FROM pgstatginindex($1::regclass)", .of([index]))
                .first?.decode(Int64.self)
            #expect(waiting == 0, "\(index)")
        }
        // And the words are found, through the index itself, as SQLite finds them.
        let found = try store.paths(SearchQuery("kim"))
        #expect(!found.team.isEmpty)
        #expect(Set(found.team) == Set(found.sqlite))
    }

    @Test("the reader's queries are not compiled to machine code, which reading small tables through would cost")
    func noCompiledQueries() throws {
        let database = try TestDatabase()
        _ = try TeamLoader(address: database.address)
        let team = try TeamLibrary(address: database.address)
        // The schema check every reader starts with reads a one-row table through, which the
        // reader's settings cost as enormous: without JIT off, the server compiled it first.
        let check = "EXPLAIN (ANALYZE) SELECT max(version) FROM kabar_schema"
        func plan(_ session: DatabaseSession) throws -> String {
            try session.query(check).map { try $0.decode(String.self) }.joined(separator: "\n")
        }
        #expect(try plan(team.session).contains("Seq Scan on kabar_schema"))
        #expect(try !plan(team.session).contains("JIT"))
        // Where the server can compile queries, the same plan with reading through turned off alone is.
        let plain = DatabaseSession(address: database.address, settings: ["SET enable_seqscan = off"])
        defer { plain.close() }
        if try plain.query("SELECT pg_jit_available()").first?.decode(Bool.self) == true {
            #expect(try plan(plain).contains("JIT"))
        }
    }

    @Test("a store whose own index gives its keys to other files is loaded by file, not by key alone")
    func keysOfOtherFiles() throws {
        // The same five pages in another folder of another store: its index gives them the same
        // keys (publication minutes) under other paths. Loaded under the first one's name, every
        // article must take the new path.
        let store = try LoadedStore(withPages: false)
        let other = try TemporaryFolder()
        try other.copyContents(of: SampleStore.url, into: "elsewhere")
        let otherIndex = try ArticleIndex(store: other.url)
        try otherIndex.update()
        #expect(
            Set(try otherIndex.articleIDs(matching: nil, filter: ArticleFilter()))
                == Set(try store.index.articleIDs(matching: nil, filter: ArticleFilter())))
        let report = try TeamLoader(address: store.database.address).load(otherIndex, store: "news")
        #expect(report.added == 5 && report.removed == 5)
        let paths = try store.team.articles(matching: ArticleFilter()).map(\.path)
        #expect(
            paths.sorted() == (try otherIndex.articles(matching: ArticleFilter()).map { "news/" + $0.path }.sorted()))
        #expect(paths.allSatisfy { $0.hasPrefix("news/elsewhere/") })
    }

    @Test("two stores share one database under their names, and a store's second indexer waits its turn")
    func twoStores() throws {
        let store = try LoadedStore(withPages: false)
        let other = try TemporaryFolder()
        try other.copyContents(of: LoadedStore.pages, into: "")
        let otherIndex = try ArticleIndex(store: other.url)
        try otherIndex.update()
        let address = store.database.address
        // Two loaders of different stores at once, and a second of one of them.
        let results = Locked<[Int]>([])
        let newsIndex = store.index
        // Three loaders at once: two of one new store, and one of another new store; and three
        // readers searching meanwhile, each seeing whole stores only.
        let seen = Locked<[Int]>([])
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 6) { i in
            if i >= 3 {
                guard let reader = try? TeamLibrary(address: address) else {
                    return failures.mutate { $0.append("open") }
                }
                for _ in 0..<20 {
                    do {
                        seen.mutate { $0.append(0) }
                        let count = try reader.search(
                            SearchQuery("putin OR jakarta OR indonesia"), filter: ArticleFilter(), limit: 50
                        ).totalCount
                        let listed = try reader.articleCount(matching: ArticleFilter())
                        seen.mutate { $0.append(listed) }
                        if count > listed { failures.mutate { $0.append("\(count) of \(listed)") } }
                    } catch {
                        failures.mutate { $0.append("\(error)") }
                    }
                }
                return
            }
            guard let loader = try? TeamLoader(address: address) else { return }
            let report = try? loader.load(i == 0 ? newsIndex : otherIndex, store: i == 0 ? "news-again" : "pages")
            results.mutate { $0.append(report?.added ?? -1) }
        }
        #expect(results.value.sorted() == [0, 5, 8])
        #expect(failures.value.isEmpty, "\(failures.value)")
        // Readers see whole batches: the five of the first store, then five or eight more at a time.
        #expect(Set(seen.value.filter { $0 > 0 }).isSubset(of: [5, 10, 13, 18]), "\(Set(seen.value))")
        let all = try store.team.articles(matching: ArticleFilter()).map(\.path)
        #expect(all.count == 18)
        #expect(all.filter { $0.hasPrefix("pages/") }.count == 8)
        #expect(all.filter { $0.hasPrefix("news/") }.count == 5)
        #expect(all.filter { $0.hasPrefix("news-again/") }.count == 5)
        #expect(Set(all).count == 18)
    }

    @Test(
        """
        the first load of a team index makes its word and name indexes once, at its end; a load into an \
        index that has articles keeps them; a load killed without them leaves them to the next
        """)
    func wordIndexesOfFirstLoad() throws {
        let folder = try TemporaryFolder()
        try folder.copyContents(of: SampleStore.url, into: "2024/06")
        try folder.copyContents(of: LoadedStore.pages, into: "pages")
        let index = try ArticleIndex(store: folder.url)
        try index.update()
        let database = try TestDatabase()
        let watcher = DatabaseSession(address: database.address)
        defer { watcher.close() }
        func present() throws -> [Bool] {
            try TeamSchema.wordIndexes.map { index in
                try watcher.query(
                    "SELECT coalesce((SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass($1)), false)",
                    .of([index.name])
                ).first?.decode(Bool.self) ?? false
            }
        }
        var loader = try TeamLoader(address: database.address)
        loader.batchSize = 4
        loader.bulkLoadMinimum = 10
        #expect(try present() == [true, true])
        // The first load: without them while it writes, with them when it ends.
        var whileWriting: [[Bool]] = []
        let first = try loader.load(
            index, store: "news", progress: { _, _ in whileWriting.append((try? present()) ?? []) })
        #expect(first.added == 13)
        #expect(!whileWriting.isEmpty && whileWriting.allSatisfy { $0 == [false, false] }, "\(whileWriting)")
        #expect(try present() == [true, true])
        let team = try TeamLibrary(address: database.address)
        for text in ["kim", "person:putin", "\"korea utara\"", "said:blinken"] {
            let sqlite = try index.search(SearchQuery(text), filter: ArticleFilter(), limit: 100).hits.map(
                \.summary.path)
            let found = try team.search(SearchQuery(text), filter: ArticleFilter(), limit: 100).hits.map {
                LoadedStore.storePath($0.summary.path)
            }
            #expect(!found.isEmpty && Set(found) == Set(sqlite), "\(text)")
        }
        // A second store, as large, into an index that has articles: its indexes stay.
        whileWriting = []
        #expect(
            try loader.load(
                index, store: "news-again", progress: { _, _ in whileWriting.append((try? present()) ?? []) }
            ).added == 13)
        #expect(!whileWriting.isEmpty && whileWriting.allSatisfy { $0 == [true, true] }, "\(whileWriting)")
        // As a first load killed while writing leaves it: no indexes. The next load makes them,
        // though it has nothing to add.
        try watcher.query("DROP INDEX kabar_article_words")
        try watcher.query("DROP INDEX kabar_article_names")
        #expect(try loader.load(index, store: "news").added == 0)
        #expect(try present() == [true, true])
        let once = try index.search(SearchQuery("person:putin"), filter: ArticleFilter(), limit: 100).totalCount
        #expect(once > 0)
        #expect(
            try team.search(SearchQuery("person:putin"), filter: ArticleFilter(), limit: 100).totalCount == 2 * once)
    }

    @Test("a reader's role can read the index and cannot write articles")
    func readOnlyRole() throws {
        let store = try LoadedStore(withPages: false)
        let admin = DatabaseSession(address: store.database.address)
        let role = "kabar_reader_" + String(UUID().uuidString.prefix(8)).lowercased()
        for statement in TeamSchema.readerGrants(role: role, password: "secret") { try admin.query(statement) }
        defer {
            _ = try? admin.query("DROP OWNED BY \(role)")
            _ = try? admin.query("DROP ROLE IF EXISTS \(role)")
        }
        var address = store.database.address
        address.user = role
        address.password = "secret"
        address.host = "127.0.0.1"
        address.sslMode = .disable
        let reader = try TeamLibrary(address: address)
        #expect(try reader.articles(matching: ArticleFilter()).count == 5)
        #expect(try reader.search(SearchQuery("putin"), filter: ArticleFilter(), limit: 10).totalCount == 5)
        #expect(throws: TeamIndexError.self) {
            try reader.session.query("DELETE FROM kabar_article")
        }
        #expect(throws: TeamIndexError.self) {
            try reader.session.query("UPDATE kabar_article SET title = 'x'")
        }
        #expect(try store.team.articles(matching: ArticleFilter()).count == 5)
        // Its own marks it may keep.
        let state = TeamReadingState(library: reader)
        var marks = ReadingMarks()
        _ = marks.set(.read, true, on: ["news/2024/06/001_1c96dbfa7ee8ac16.txt"])
        try state.saveMarks(marks)
        #expect(try state.loadMarks().read == marks.read)
        // Another reader's role can neither see nor change them, even under the first one's name.
        let second = role + "_b"
        for statement in TeamSchema.readerGrants(role: second, password: "other") { try admin.query(statement) }
        defer {
            _ = try? admin.query("DROP OWNED BY \(second)")
            _ = try? admin.query("DROP ROLE IF EXISTS \(second)")
        }
        var secondAddress = address
        secondAddress.user = second
        secondAddress.password = "other"
        let intruder = try TeamLibrary(address: secondAddress)
        let posing = TeamReadingState(library: intruder, user: role)
        #expect(try posing.loadMarks().read.isEmpty)
        try posing.saveMarks(ReadingMarks())
        try intruder.session.query("UPDATE kabar_user_state SET content = ''")
        #expect(throws: TeamIndexError.self) { try intruder.session.query("DELETE FROM kabar_user_state") }
        // It sees its own row alone (the marks it kept under the first one's name).
        let visible = try intruder.session.query("SELECT role_name, content FROM kabar_user_state").map {
            try $0.decode((String, String).self)
        }
        #expect(visible.map(\.0) == [second])
        #expect(visible.map(\.1) == [""])
        #expect(throws: TeamIndexError.self) {
            try intruder.session.query(
                "INSERT INTO kabar_user_state(role_name, user_name, kind, content) VALUES ($1, $1, 'marks', '')",
                .of([role]))
        }
        #expect(try state.loadMarks().read == marks.read)
        // Two people sharing one role keep theirs apart by name.
        let ayu = TeamReadingState(library: reader, user: "ayu")
        try ayu.saveMarks(ReadingMarks())
        #expect(try state.loadMarks().read == marks.read)
        #expect(try ayu.loadMarks().read.isEmpty)
        // A wrong password is said without the password.
        address.password = "wrong"
        let error = #expect(throws: TeamIndexError.self) { try TeamLibrary(address: address) }
        #expect(error?.description.contains("wrong") == false)
        #expect(error?.description.contains(role) == true)
    }
}

@Suite(
    "The team index's versions", .serialized, .enabled(if: TestDatabase.isAvailable, "KABAR_TEST_DATABASE is not set"))
struct TeamSchemaTests {
    @Test("a database of the first version is moved forward by the next indexer, readers' marks kept as theirs")
    func movesForward() throws {
        let database = try TestDatabase()
        let session = DatabaseSession(address: database.address)
        defer { session.close() }
        try TeamSchema.migrate(session, to: 1)
        let role = "kabar_old_reader_" + String(UUID().uuidString.prefix(8)).lowercased()
        try session.query("CREATE ROLE \(role)")
        defer { _ = try? session.query("DROP OWNED BY \(role)") }
        defer { _ = try? session.query("DROP ROLE IF EXISTS \(role)") }
        try session.query(
            "INSERT INTO kabar_user_state(user_name, kind, content) VALUES ($1, 'marks', 'a'), ('ayu', 'marks', 'b')",
            .of([role]))
        // A reader of this version does not read the old one; it says what to do.
        let refused = #expect(throws: TeamIndexError.self) { try TeamLibrary(address: database.address) }
        #expect(refused?.description.contains("run kabar index --database to move it forward") == true)
        _ = try TeamLoader(address: database.address)
        #expect(try TeamSchema.currentVersion(session) == TeamSchema.version)
        let owners = try session.query("SELECT user_name, role_name FROM kabar_user_state ORDER BY user_name")
            .map { try $0.decode((String, String).self) }
        #expect(owners.map(\.0) == ["ayu", role].sorted())
        #expect(owners.first { $0.0 == role }?.1 == role)
        #expect(owners.first { $0.0 == "ayu" }?.1 == database.address.user)
        _ = try TeamLibrary(address: database.address)
        // Opened again, nothing moves.
        _ = try TeamLoader(address: database.address)
        #expect(try session.query("SELECT count(*) FROM kabar_schema").first?.decode(Int.self) == 1)
    }
}

@Suite(
    "A session to the team index", .serialized, .enabled(if: TestDatabase.isAvailable, "KABAR_TEST_DATABASE is not set")
)
struct DatabaseSessionTests {
    @Test("a connection the server ends is opened again for the next statement, but not inside a transaction")
    func reconnects() throws {
        let database = try TestDatabase()
        let admin = DatabaseSession(address: database.address)
        let session = DatabaseSession(address: database.address)
        func end(_ session: DatabaseSession) throws {
            let pid = try #require(try session.query("SELECT pg_backend_pid()").first?.decode(Int32.self))
            try admin.query("SELECT pg_terminate_backend($1, 5000)", .of([pid]))
        }
        try session.query("CREATE TABLE kept(x integer)")
        try end(session)
        // Outside a transaction: the statement runs on a new connection.
        try session.query("INSERT INTO kept VALUES (1)")
        // Inside one: the statements before are gone with the connection, so it is an error.
        #expect(throws: TeamIndexError.self) {
            try session.transaction {
                try session.query("INSERT INTO kept VALUES (2)")
                try end(session)
                try session.query("INSERT INTO kept VALUES (3)")
            }
        }
        #expect(try session.query("SELECT string_agg(x::text, ',') FROM kept").first?.decode(String.self) == "1")
    }

    @Test(
        "rows inserted as binary arrays read back exactly: any text, nulls, cast types, and vectors as the server reads their text"
    )
    func insertsRows() throws {
        let database = try TestDatabase()
        let session = DatabaseSession(address: database.address)
        try session.query(
            "CREATE TABLE r(n integer, t text, list integer[], flag boolean, names text[], words tsvector, other tsvector)"
        )
        let awkward = "Kata \"kutip\" \\ garis\nbaris\r\ttab \u{01}\u{1F} / é 漢字 🙂 \u{7F} 'petik'"
        let long = (0..<20_000).map { "kata\($0 % 300)" }.joined(separator: " ")
        let vectors = [
            TextVectors.words(
                title: "Judul 'Berita' Utama", body: awkward + " pemerintah memerintahkan", stemmer: .standard),
            TextVectors.words(title: nil, body: long, stemmer: .standard),
            TextVectors.names(body: "", entities: [], quotes: []),
        ]
        let rows: [[String?]] = [
            ["1", awkward, "{1,2,3}", "t", "{\"a b\",c}"], [nil, "", "{}", "f", "{}"], ["3", nil, nil, nil, nil],
        ]
        try session.insert(
            into: "r",
            columns: [
                ("n", "integer"), ("t", "text"), ("list", "integer[]"), ("flag", "boolean"), ("names", "text[]"),
                ("words", "tsvector"), ("other", "tsvector"),
            ], rows: rows, vectors: vectors.map { [$0, $0] })
        let read = try session.query(
            "SELECT n, t, list::text, flag, array_to_string(names, '|'), words::text, other::text FROM r ORDER BY n NULLS FIRST"
        )
        #expect(read.count == 3)
        let cells = try read.map { try $0.decode((Int?, String?, String?, Bool?, String?, String, String).self) }
        #expect(cells[0].0 == nil && cells[0].1 == "" && cells[0].2 == "{}" && cells[0].3 == false)
        #expect(cells[1].0 == 1 && cells[1].1 == awkward && cells[1].2 == "{1,2,3}" && cells[1].3 == true)
        #expect(cells[1].4 == "a b|c")
        #expect(cells[2].0 == 3 && cells[2].1 == nil && cells[2].2 == nil && cells[2].3 == nil)
        // Each vector as the server reads its text form: the same lexemes, positions and weights.
        for (row, vector) in [(1, vectors[0]), (0, vectors[1]), (2, vectors[2])] {
            let parsed = try session.query("SELECT $1::tsvector::text", .of([vector.literal])).first?.decode(
                String.self)
            #expect(cells[row].5 == parsed && cells[row].6 == parsed)
        }
        #expect(cells[0].5.contains("'kata7':9,309,609,") && cells[0].5.contains(",16383 'kata70':"))
        #expect(try session.query("SELECT count(*) FROM r WHERE words @@ '~perintah'").first?.decode(Int.self) == 1)
        try session.insert(into: "r", columns: [("n", "integer")], rows: [])
        #expect(try session.query("SELECT count(*) FROM r").first?.decode(Int.self) == 3)
    }
}

@Suite(
    "The team index over TLS", .serialized,
    .enabled(
        if: TestDatabase.isAvailable && TestDatabase.serverHasTLS, "needs KABAR_TEST_DATABASE on a server with TLS"))
struct TeamIndexTLSTests {
    @Test(
        "sslmode=require encrypts the connection; disable does not; verify-full refuses a certificate it cannot check")
    func tls() throws {
        let database = try TestDatabase()
        let admin = DatabaseSession(address: database.address)
        let role = "kabar_tls_" + String(UUID().uuidString.prefix(8)).lowercased()
        try admin.query("CREATE ROLE \(role) LOGIN PASSWORD 'secret'")
        defer { _ = try? admin.query("DROP ROLE IF EXISTS \(role)") }
        func encrypted(_ mode: DatabaseAddress.SSLMode) throws -> Bool {
            var address = database.address
            (address.user, address.password, address.host, address.sslMode) = (role, "secret", "127.0.0.1", mode)
            let session = DatabaseSession(address: address)
            defer { session.close() }
            return try session.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").first?.decode(
                Bool.self)
                ?? false
        }
        #expect(try encrypted(.require))
        #expect(try encrypted(.prefer))
        #expect(try !encrypted(.disable))
        let refused = #expect(throws: TeamIndexError.self) { try encrypted(.verifyFull) }
        #expect(refused?.description.contains("secret") == false)
    }
}

/// A value behind a lock, for results gathered from several threads.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func mutate(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}
