import Articles
import Entities
import Foundation
import Library
import Search
import TerminalUI
import Testing

@testable import ReaderApp

/// Drives the state the way the run loop does, carrying out effects against a fake library.
struct Harness {
    var state: AppState
    var runner = EffectRunner(library: FakeLibrary.standard)
    var effects: [Effect] = []

    init(width: Int = 80, height: Int = 16, library: FakeLibrary = .standard) {
        state = AppState(storeName: "test store", isSampleStore: false, width: width, height: height)
        runner = EffectRunner(library: library)
        settle(state.start())
    }

    mutating func settle(_ new: [Effect]) {
        var queue = new
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            effects.append(effect)
            // The run loop hands these to the terminal; tests look at them in `effects`.
            if effect.needsTerminal { continue }
            queue += state.update(runner.perform(effect))
        }
    }

    mutating func press(_ keys: KeyPress...) {
        for key in keys { settle(state.update(.key(key))) }
    }

    mutating func type(_ text: String) {
        for character in text { press(.character(character)) }
    }

    var screen: Canvas { ReaderView.render(state) }
}

@Suite("Reader state")
struct UpdateTests {
    @Test("starting loads the list newest first and the outlets")
    func startLoadsList() {
        let harness = Harness()
        #expect(harness.state.articles.loadedRows.map(\.id) == [1, 2, 3])
        #expect(harness.state.outlets.count == 3)
        #expect(!harness.state.isLoadingList)
    }

    @Test("vi keys and arrows move the selection, clamped to the list")
    func movesSelection() {
        var harness = Harness()
        harness.press(.character("j"), .down)
        #expect(harness.state.listSelection == 2)
        harness.press(.character("j"))
        #expect(harness.state.listSelection == 2)
        harness.press(.character("g"))
        #expect(harness.state.listSelection == 0)
        harness.press(.character("G"))
        #expect(harness.state.listSelection == 2)
        harness.press(.up, .character("k"), .character("k"))
        #expect(harness.state.listSelection == 0)
    }

    @Test("Enter opens the selected article and q goes back to the list")
    func opensAndGoesBack() {
        var harness = Harness()
        harness.press(.down, .enter)
        #expect(harness.effects.contains(.loadArticle(id: 2, query: nil, request: 1)))
        #expect(harness.state.pane == .article)
        #expect(harness.state.detail?.article.summary.id == 2)
        harness.press(.character("q"))
        #expect(harness.state.pane == .list)
        #expect(!harness.state.isFinished)
        harness.press(.character("q"), .character("q"))
        #expect(harness.state.isFinished)
    }

    @Test("typing in the search pane searches as you type and Enter opens the best hit highlighted")
    func searchAsYouType() {
        var harness = Harness()
        harness.press(.character("/"))
        #expect(harness.state.pane == .search)
        harness.type("Kirby")
        #expect(harness.state.search.results?.totalCount == 1)
        #expect(harness.state.searchRequest == 5)
        harness.press(.enter)
        #expect(harness.state.pane == .article)
        #expect(harness.state.detail?.query == SearchQuery("Kirby"))
        let hitRoles = harness.state.detail!.lines.flatMap(\.runs).filter { $0.role == .searchHit }.map(\.text)
        #expect(hitRoles == ["Kirby", "Kirby"])
        harness.press(.character("q"))
        #expect(harness.state.pane == .search)
    }

    @Test("a stale search answer never overwrites a newer one")
    func staleResultsDropped() {
        var state = AppState(storeName: "s", isSampleStore: false, width: 80, height: 20)
        state.pane = .search
        state.search.isEditing = true
        _ = state.update(.key(.character("K")))
        _ = state.update(.key(.character("i")))
        let newer = SearchResults(hits: [], totalCount: 7)
        let older = SearchResults(hits: [], totalCount: 99)
        _ = state.update(.searchFinished(newer, query: SearchQuery("Ki"), elapsedMilliseconds: 1, request: 2))
        _ = state.update(.searchFinished(older, query: SearchQuery("K"), elapsedMilliseconds: 1, request: 1))
        #expect(state.search.results?.totalCount == 7)
    }

    /// A 100 by 20 reader with `y` typed in the search pane.
    static func searchingY() -> AppState {
        var state = AppState(storeName: "s", isSampleStore: false, width: 100, height: 20)
        state.pane = .search
        state.search.isEditing = true
        _ = state.update(.key(.character("y")))
        return state
    }

    /// Hits numbered from `start`, newest first.
    static func hits(_ count: Int, from start: Int) -> [SearchHit] {
        (start..<(start + count)).map {
            SearchHit(
                summary: ArticleSummary(
                    id: Int64(100_000 - $0), path: "\($0).txt", outlet: nil, title: "T", published: nil, lede: ""),
                snippet: "yang", snippetMatches: [])
        }
    }

    @Test("a search that stopped counting shows 20000+ at once and asks for the whole count, shown when it comes")
    func countFollows() {
        var state = Self.searchingY()
        let hits = Self.hits(SearchState.pageSize, from: 0)
        let first = SearchResults(hits: hits, totalCount: 20_000, countIsAtLeast: true)
        let effects = state.update(
            .searchFinished(first, query: SearchQuery("y"), elapsedMilliseconds: 1, request: state.searchRequest))
        #expect(effects.contains(.countMatches(SearchQuery("y"), ArticleFilter(), request: state.searchRequest)))
        var lines = ReaderView.render(state).lines
        #expect(lines[2].hasPrefix(" 20000+ matching articles"), "\(lines[2])")
        #expect(lines[19].contains("“y” 20000+ found · 1/20000+"), "\(lines[19])")
        // An answer to an older search is dropped; this one's count replaces the bound.
        _ = state.update(.matchesCounted(MatchCount(5), request: state.searchRequest - 1))
        #expect(state.search.hitCount == 20_000)
        _ = state.update(.matchesCounted(MatchCount(98_357), request: state.searchRequest))
        lines = ReaderView.render(state).lines
        #expect(lines[2].hasPrefix(" 98357 matching articles"), "\(lines[2])")
        #expect(state.search.hitCount == 98_357)
        // A count that was whole asks for nothing more.
        let whole = SearchResults(hits: Array(hits.prefix(7)), totalCount: 7)
        _ = state.update(.key(.character("a")))
        let after = state.update(
            .searchFinished(whole, query: SearchQuery("ya"), elapsedMilliseconds: 1, request: state.searchRequest))
        #expect(!after.contains { if case .countMatches = $0 { true } else { false } })
    }

    @Test("an estimated count shows as ~N; pages past it extend it, and a short page makes it exact")
    func estimatedCount() {
        var state = Self.searchingY()
        let size = SearchState.pageSize
        let first = SearchResults(hits: Self.hits(size, from: 0), totalCount: 20, countIsAtLeast: true)
        let request = state.searchRequest
        _ = state.update(.searchFinished(first, query: SearchQuery("y"), elapsedMilliseconds: 1, request: request))
        _ = state.update(.matchesCounted(MatchCount(2 * size, isEstimate: true), request: request))
        var lines = ReaderView.render(state).lines
        #expect(lines[2].hasPrefix(" ~\(2 * size) matching articles"), "\(lines[2])")
        #expect(lines[19].contains("“y” ~\(2 * size) found"), "\(lines[19])")
        // The estimate fell short: a full page reaching its end makes room for one more row.
        _ = state.update(
            .searchFinished(
                SearchResults(hits: Self.hits(size, from: size), totalCount: 0), query: SearchQuery("y"),
                elapsedMilliseconds: 1, request: request, offset: size))
        #expect(state.search.hitCount == 2 * size + 1)
        #expect(state.search.results?.countIsEstimate == true)
        // The next page is short: the matches end there, counted.
        _ = state.update(
            .searchFinished(
                SearchResults(hits: Self.hits(3, from: 2 * size), totalCount: 0), query: SearchQuery("y"),
                elapsedMilliseconds: 1, request: request, offset: 2 * size))
        #expect(state.search.hitCount == 2 * size + 3)
        #expect(state.search.results?.countIsEstimate == false)
        lines = ReaderView.render(state).lines
        #expect(lines[2].hasPrefix(" \(2 * size + 3) matching articles"), "\(lines[2])")
    }

    @Test("Backspace edits the query; an empty query clears the results")
    func editingQuery() {
        var harness = Harness()
        harness.press(.character("/"))
        harness.type("Ki")
        harness.press(.backspace, .backspace)
        #expect(harness.state.search.input == "")
        #expect(harness.state.search.results == nil)
    }

    @Test("picking an outlet filters the list, and c clears it")
    func outletFilter() {
        var harness = Harness()
        harness.press(.character("o"))
        guard case .outletPicker(let selection, _, _) = harness.state.overlay else {
            Issue.record("no outlet picker")
            return
        }
        #expect(selection == 0)
        harness.press(.down, .down, .enter)  // gemalantang.com, genpi.co, radardetik.id: the second
        #expect(harness.state.overlay == nil)
        #expect(harness.state.filter.outlet == "genpi.co")
        #expect(harness.state.articles.loadedRows.map(\.id) == [1])
        harness.press(.character("c"))
        #expect(harness.state.filter.isEmpty)
        #expect(harness.state.articles.count == 3)
    }

    @Test("a date range filters the list; a bad one shows an error and keeps the prompt")
    func dateFilter() {
        var harness = Harness()
        harness.press(.character("d"))
        harness.type("2024-13")
        harness.press(.enter)
        guard case .datePrompt(_, let error?) = harness.state.overlay else {
            Issue.record("the prompt should stay open with an error")
            return
        }
        #expect(error.contains("month 13"))
        harness.press(.control("u"))
        harness.type("2024-06-21..2024-06-30")
        harness.press(.enter)
        #expect(harness.state.overlay == nil)
        #expect(harness.state.filter.fromDay == "2024-06-21")
        #expect(harness.state.articles.loadedRows.map(\.id) == [1])
    }

    @Test("a filter also applies to the current search")
    func filterReRunsSearch() {
        var harness = Harness()
        harness.press(.character("/"))
        harness.type("Putin")
        #expect(harness.state.search.results?.totalCount == 1)
        harness.type("*")
        harness.press(.escape, .character("d"))
        harness.type("2024-06-20")
        harness.press(.enter)
        #expect(harness.state.search.results?.totalCount == 0)
    }

    @Test("Tab cycles the panes, skipping the article pane until one is open")
    func tabCycles() {
        var harness = Harness()
        harness.press(.tab)
        #expect(harness.state.pane == .search)
        harness.press(.tab)
        #expect(harness.state.pane == .stories)
        harness.press(.tab)
        #expect(harness.state.pane == .list)
        harness.press(.enter)
        #expect(harness.state.pane == .article)
        harness.press(.tab)
        #expect(harness.state.pane == .search)
        harness.press(.tab, .tab, .tab)
        #expect(harness.state.pane == .article)
        harness.press(.backTab)
        #expect(harness.state.pane == .list)
    }

    @Test("J and K open the next and previous article")
    func nextPrevious() {
        var harness = Harness()
        harness.press(.enter, .character("J"))
        #expect(harness.state.detail?.article.summary.id == 2)
        harness.press(.character("K"), .character("K"))
        #expect(harness.state.detail?.article.summary.id == 1)
    }

    @Test("the article scrolls within its length")
    func articleScrolls() {
        var harness = Harness(width: 40, height: 10)
        harness.press(.enter, .character("G"))
        let detail = harness.state.detail!
        #expect(detail.scroll == detail.lines.count - harness.state.detailRows)
        harness.press(.character("g"))
        #expect(harness.state.detail?.scroll == 0)
        harness.press(.pageUp)
        #expect(harness.state.detail?.scroll == 0)
    }

    @Test("a resize reflows the open article")
    func resizeReflows() {
        var harness = Harness(width: 80, height: 20)
        harness.press(.enter)
        let wide = harness.state.detail!.lines.count
        _ = harness.state.update(.resize(width: 30, height: 20))
        #expect(harness.state.detail!.lines.count > wide)
        #expect(harness.state.detail!.lines.allSatisfy { $0.displayWidth <= 30 })
    }

    @Test("help lists every action that has a key")
    func helpListsEveryAction() {
        var harness = Harness()
        harness.press(.character("?"))
        #expect(harness.state.overlay == .help(scroll: 0, filter: "", isEditing: false))
        let text = ReaderView.helpLines(.standard, width: 400).map(\.text).joined(separator: "\n")
        for action in Action.allCases {
            #expect(text.contains(action.help))
            #expect(text.contains(action.rawValue))
        }
        harness.press(.character("q"))
        #expect(harness.state.overlay == nil)
        #expect(!harness.state.isFinished)
    }

    @Test("r shows the raw page with stripped lines labelled, and r again returns")
    func rawPage() {
        var harness = Harness()
        harness.press(.enter)
        let clean = harness.state.detail!.lines.map(\.text)
        #expect(!clean.joined().contains("BACA JUGA"))
        #expect(clean.contains { $0.contains("2 lines stripped from the page") })
        harness.press(.character("r"))
        let raw = harness.state.detail!.lines
        let text = raw.map(\.text)
        #expect(text.contains { $0.contains("3    related link") && $0.contains("│BACA JUGA: 3 Zodiak") })
        #expect(text.contains { $0.contains("1    title") })
        #expect(text.contains { $0.hasPrefix(" 2                  │GenPI.co - Presiden") })
        let zodiac = raw.first { $0.text.contains("Zodiak") }!
        #expect(zodiac.runs.last?.role == .boilerplate)
        // Line order follows the file: 1 title, 2 body, 3 related link, 4 body.
        let numbers = text.compactMap { Int($0.prefix(6).trimmingCharacters(in: .whitespaces)) }
        #expect(numbers == [1, 2, 3, 4])
        harness.press(.character("r"))
        #expect(harness.state.detail!.lines.map(\.text) == clean)
    }

    @Test("a resize reported as a key keeps the status line's message; another key clears it")
    func resizeKeepsMessage() {
        var harness = Harness()
        harness.press(.enter, .character("r"))
        #expect(harness.state.message?.hasPrefix("Raw page: ") == true)
        harness.press(.resize)
        #expect(harness.state.message?.hasPrefix("Raw page: ") == true)
        harness.press(.character("j"))
        #expect(harness.state.message == nil)
    }

    @Test("the raw page marks with ? the lines the line model was unsure of, body and stripped alike")
    func rawPageMarksUnsureLines() throws {
        var article = FakeLibrary.article(
            1, outlet: "genpi.co", title: "Judul", date: nil,
            body: "Paragraf pertama yang pasti.\nParagraf kedua yang diragukan.",
            stripped: [
                LabelledLine(number: 1, text: "Menu Utama", kind: .furniture, confidence: 0.55),
                LabelledLine(number: 3, text: "Judul", kind: .title, confidence: 0.97),
            ])
        article.bodyConfidences = [0.99, 0.6]
        var harness = Harness(library: FakeLibrary(stored: [article]))
        harness.press(.enter)
        harness.press(.character("r"))
        let text = try #require(harness.state.detail).lines.map(\.text)
        #expect(text.contains { $0.hasPrefix(" 1    furniture?") && $0.contains("│Menu Utama") })
        #expect(text.contains { $0.hasPrefix(" 3    title ") && $0.contains("│Judul") })
        #expect(text.contains { $0.hasPrefix(" 2                  │Paragraf pertama") })
        #expect(text.contains { $0.hasPrefix(" 4    ?             │Paragraf kedua") })
    }

    @Test("e lists the article's entities once each with counts; Enter goes to the first mention, m/M step")
    func entityList() throws {
        var harness = Harness(width: 60, height: 16)
        harness.press(.enter)
        harness.press(.character("e"))
        #expect(harness.state.overlay == .entityList(selection: 0))
        let entries = try #require(harness.state.detail?.entities)
        #expect(entries.map(\.name) == ["Vladimir Putin", "Rusia", "Korea Utara"])
        #expect(entries[0].mentions.count == 2)  // `Putin` is Vladimir Putin
        harness.press(.enter)
        #expect(harness.state.overlay == nil)
        let detail = try #require(harness.state.detail)
        let first = try #require(detail.focusedMention)
        #expect(detail.article.body.utf8Slice(first) == "Vladimir Putin")
        #expect(harness.state.message == "Vladimir Putin (person): mention 1 of 2 · m/M next/previous")
        // The current mention is drawn selected.
        let focusedRuns = detail.lines.flatMap(\.runs).filter { $0.role == .listSelected }
        #expect(focusedRuns.map(\.text).joined() == "Vladimir Putin")
        harness.press(.character("m"))
        let second = try #require(harness.state.detail?.focusedMention)
        #expect(harness.state.detail!.article.body.utf8Slice(second) == "Putin")
        #expect(second.start > first.start)
        #expect(harness.state.message == "Vladimir Putin (person): mention 2 of 2 · m/M next/previous")
        harness.press(.character("m"))
        #expect(harness.state.detail?.focusedMention == first)  // wraps round
        harness.press(.character("M"))
        #expect(harness.state.detail?.focusedMention == second)
        // Choosing another entity.
        harness.press(.character("e"), .character("G"), .enter)
        #expect(harness.state.detail!.article.body.utf8Slice(harness.state.detail!.focusedMention!) == "Korea Utara")
        #expect(harness.state.message?.hasPrefix("Korea Utara (place): mention 1 of 1") == true)
        harness.press(.character("e"), .escape)
        #expect(harness.state.overlay == nil)
        #expect(harness.state.pane == .article)
    }

    @Test("m without a chosen entity walks every mention; a long article scrolls to show it")
    func mentionsOfAll() throws {
        var harness = Harness(width: 30, height: 8)
        harness.press(.enter)
        #expect(harness.state.detail?.focusedEntity == nil)
        var seen: [String] = []
        for _ in 0..<4 {
            harness.press(.character("m"))
            let detail = try #require(harness.state.detail)
            let mention = try #require(detail.focusedMention)
            seen.append(detail.article.body.utf8Slice(mention))
            let line = try #require(detail.line(ofBodyOffset: mention.start))
            #expect(line >= detail.scroll && line < detail.scroll + harness.state.detailRows, "\(seen.last!)")
        }
        #expect(seen == ["Rusia", "Vladimir Putin", "Putin", "Korea Utara"])
        harness.press(.character("M"))
        #expect(harness.state.detail!.article.body.utf8Slice(harness.state.detail!.focusedMention!) == "Putin")
    }

    @Test("/ in the entity list searches the store for every article that mentions it")
    func entitySearch() {
        var harness = Harness()
        harness.press(.enter, .character("e"), .character("/"))
        #expect(harness.state.pane == .search)
        #expect(harness.state.search.input == "person:\"vladimir putin\"")
        #expect(harness.state.search.results?.hits.map(\.summary.id) == [1])
    }

    @Test("an article without entities says so instead of an empty list")
    func noEntities() {
        var harness = Harness()
        harness.press(.enter)
        harness.state.detail?.entities = []
        harness.press(.character("e"))
        #expect(harness.state.overlay == nil)
        #expect(harness.state.message == "No people, organisations or places found in this article.")
        harness.press(.character("m"))
        #expect(harness.state.message == "No people, organisations or places found in this article.")
    }
}

extension String {
    /// The text of an entity span's UTF-8 byte range.
    func utf8Slice(_ span: Entities.EntitySpan) -> String {
        let bytes = Array(utf8)[span.start..<span.end]
        return String(decoding: bytes, as: UTF8.self)
    }
}

@Suite("A long list")
struct LongListTests {
    static func summaries(_ count: Int) -> [ArticleSummary] {
        (0..<count).map {
            ArticleSummary(
                id: Int64(10_000 - $0), path: "a/\($0).txt", outlet: nil, title: "T\($0)", published: nil, lede: "")
        }
    }

    @Test(
        "a list of 100,000 articles keeps only the pages near the view: the count and first page first, then pages as they come into view"
    )
    func windowedList() {
        var state = AppState(storeName: "big", isSampleStore: false, width: 80, height: 24)
        let start = state.start()
        #expect(start.contains(.loadList(ArticleFilter(), request: 1, keeping: nil, near: 0)))
        let all = Self.summaries(100_000)
        func page(_ number: Int) -> [ArticleSummary] {
            Array(all[(number * ListRows.pageSize)..<((number + 1) * ListRows.pageSize)])
        }
        let first = state.update(.listLoaded(ListPage(count: 100_000, position: 0, page: 0, rows: page(0)), request: 1))
        #expect(state.articles.count == 100_000)
        #expect(state.totalArticles == 100_000)
        #expect(!state.isLoadingList)
        // The unread count is asked of the library, not counted over rows that are not here.
        #expect(first.contains(.countRead(ArticleFilter(), paths: [], request: state.unreadRequest)))
        _ = state.update(.readCounted(3, request: state.unreadRequest))
        #expect(ReaderView.render(state).lines[23].hasPrefix(" 100000 articles · 99997 unread · 1/100000"))
        // The end of the list: its page alone is asked for, the rows show as pending until it comes.
        let end = state.update(.key(.end))
        #expect(end == [.loadListPage(ArticleFilter(), request: 1, page: 999)])
        #expect(ReaderView.render(state).lines[22].hasPrefix(" …"))
        _ = state.update(.listPageLoaded(page(999), page: 999, request: 1))
        #expect(ReaderView.render(state).lines[22].contains("T99999"))
        // Paging up through the list: every page is asked for once, and far ones are let go.
        var asked: Set<Int> = [999]
        for _ in 0..<300 {
            for effect in state.update(.key(.pageUp)) {
                guard case .loadListPage(_, _, let number) = effect else { continue }
                #expect(asked.insert(number).inserted, "page \(number) asked for twice")
                _ = state.update(.listPageLoaded(page(number), page: number, request: 1))
            }
            #expect(state.articles.loaded.count <= 12 * ListRows.pageSize)
        }
        #expect(state.articles[state.listSelection]?.path == "a/\(state.listSelection).txt")
        // A reload (the store changed: an article came before the selected one) keeps it selected.
        let selected = state.listSelection
        let reload = state.update(.indexFinished(nil))
        #expect(reload.contains(.loadList(ArticleFilter(), request: 2, keeping: all[selected].id, near: selected)))
        _ = state.update(
            .listLoaded(
                ListPage(count: 100_001, position: selected + 1, page: (selected + 1) / 100, rows: page(0)),
                request: 2))
        #expect(state.listSelection == selected + 1)
        // Moved while the list was being read again: the article moved to stays selected.
        _ = state.update(.indexFinished(nil))
        _ = state.update(.key(.down))
        let chosen = state.listSelection
        _ = state.update(
            .listLoaded(
                ListPage(count: 100_001, position: chosen - 1, page: chosen / 100, rows: page(chosen / 100)),
                request: 3))
        #expect(state.listSelection == chosen)
    }
}
