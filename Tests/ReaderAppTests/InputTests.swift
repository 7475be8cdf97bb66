import Foundation
import Library
import Search
import TerminalUI
import Testing

@testable import ReaderApp

@Suite("Typing a query and Enter")
struct EnterBeforeAnswerTests {
    @Test("Enter typed before the query's answer opens the best hit of the query as typed, not of an older one")
    func enterWaitsForTheAnswer() throws {
        var harness = Harness()
        harness.press(.character("/"))
        harness.type("Putin")
        #expect(harness.state.search.results?.hits.map(\.summary.id) == [1])
        // A new query typed and Enter pressed before any answer comes, as a paste does.
        var state = harness.state
        var pending: [Effect] = []
        for key in [.control("u")] + "Kirby".map(KeyPress.character) + [.enter] {
            pending += state.update(.key(key))
        }
        #expect(!pending.contains { if case .loadArticle = $0 { true } else { false } })
        #expect(state.search.opensWhenAnswered)
        // The answers come late and out of order: the newest first, then the older ones.
        var opened: [Effect] = []
        for effect in pending.reversed() {
            opened += state.update(harness.runner.perform(effect))
        }
        #expect(opened == [.loadArticle(id: 3, query: SearchQuery("Kirby"), request: 1)])
        #expect(!state.search.isEditing)
    }

    @Test("Enter after the answer came opens its best hit at once; with no hit it says so")
    func enterAfterTheAnswer() {
        var harness = Harness()
        harness.press(.character("/"))
        harness.type("Kirby")
        harness.press(.enter)
        #expect(harness.state.detail?.article.summary.id == 3)
        harness.press(.character("/"), .control("u"))
        harness.type("zzzz")
        harness.press(.enter)
        #expect(harness.state.detail?.article.summary.id == 3)
        #expect(harness.state.message == "Nothing matches “zzzz”.")
    }

    @Test("a new query typed after Enter cancels the opening Enter asked for")
    func typingCancelsTheWait() {
        var state = Harness().state
        var pending: [Effect] = []
        for key in [.character("/")] + "Kirby".map(KeyPress.character) + [.enter, .backspace] {
            pending += state.update(.key(key))
        }
        #expect(!state.search.opensWhenAnswered)
        let runner = EffectRunner(library: FakeLibrary.standard)
        var opened: [Effect] = []
        for effect in pending { opened += state.update(runner.perform(effect)) }
        #expect(opened.isEmpty)
        #expect(state.search.isEditing)
    }
}

/// A library whose searches answer late, as a large index does.
struct LateLibrary: ArticleLibrary {
    var base = FakeLibrary.standard
    var delayMicroseconds: UInt32 = 40_000

    func articles(matching filter: ArticleFilter, limit: Int?) throws -> [ArticleSummary] {
        try base.articles(matching: filter, limit: limit)
    }
    func outlets() throws -> [OutletCount] { try base.outlets() }
    func search(_ query: SearchQuery, filter: ArticleFilter, offset: Int, limit: Int) throws -> SearchResults {
        usleep(delayMicroseconds)
        return try base.search(query, filter: filter, offset: offset, limit: limit)
    }
    func article(id: Int64) throws -> StoredArticle? { try base.article(id: id) }
    func skippedFiles() throws -> [SkippedFile] { try base.skippedFiles() }
}

@Suite("Typing a query and Enter in the run loop")
@MainActor
struct EnterBeforeAnswerProgramTests {
    @Test("a query and Enter arriving at once, searches answering late, open the query's best hit")
    func pastedQueryOpensItsHit() {
        let keys: [KeyPress] = [.character("/")] + "Kirby".map(KeyPress.character) + [.enter]
        let screen = ScriptedScreen(width: 80, height: 20, script: keys)
        let state = AppState(storeName: "s", isSampleStore: false, width: 1, height: 1)
        let program = ReaderProgram(
            state: state, runner: EffectRunner(library: LateLibrary()), screen: screen, runsEffectsInBackground: true)
        let deadline = Date().addingTimeInterval(10)
        program.run(shouldStop: {
            (screen.script.isEmpty && program.state.detail != nil) || Date() > deadline
        })
        #expect(program.state.detail?.article.summary.id == 3)
        #expect(program.state.pane == .article)
    }
}

@Suite("Queries with nothing to search for")
struct NothingToSearchTests {
    @Test(
        "a query with no word, phrase or filter says so under the input instead of searching",
        arguments: [
            "*", "\"\"", "\" \"", "-", "- *",
        ])
    func saysWhy(text: String) {
        var harness = Harness(width: 80, height: 12)
        harness.press(.character("/"))
        harness.type(text)
        #expect(harness.state.search.hasNothingToSearch)
        let screen = harness.screen.lines.joined(separator: "\n")
        #expect(!screen.contains("searching…"), "\(screen)")
        #expect(screen.contains(SearchQuery.nothingToSearchFor), "\(screen)")
        harness.press(.enter)
        #expect(harness.state.pane == .search)
        #expect(!harness.state.search.opensWhenAnswered)
    }

    @Test("spaces alone show the query hint, not an error")
    func blank() {
        var harness = Harness(width: 80, height: 12)
        harness.press(.character("/"), .character(" "))
        #expect(!harness.state.search.hasNothingToSearch)
        #expect(!harness.screen.lines.joined().contains("searching…"))
    }
}

@Suite("The search input has the keys when the search pane is reached")
struct SearchFocusTests {
    @Test("Tab to the search pane puts the cursor in the query: letters are typed, not commands")
    func tabFocusesTheQuery() {
        var harness = Harness()
        harness.press(.character("x"))  // a mark `u` could undo
        let theme = harness.state.themeName
        harness.state.themeNames = ["default", "light"]
        harness.press(.tab)
        #expect(harness.state.pane == .search)
        #expect(harness.state.search.isEditing)
        harness.type("uto")
        #expect(harness.state.search.input == "uto")
        #expect(harness.state.overlay == nil)
        #expect(harness.state.themeName == theme)
        #expect(harness.state.marks.isRead("store/1.txt"))
        #expect(harness.screen.lines[1].hasPrefix(" / uto▏"))
        // ↓ moves into the results, where letters are commands again; Tab goes on to the next pane.
        harness.press(.down)
        #expect(!harness.state.search.isEditing)
        harness.press(.character("/"), .tab)
        #expect(harness.state.pane == .stories)
        harness.press(.backTab)
        #expect(harness.state.pane == .search)
        #expect(harness.state.search.isEditing)
    }

    @Test("/ in the entity list leaves the cursor after the entity's query, so letters refine it")
    func entitySearchFocusesTheQuery() {
        var harness = Harness()
        harness.press(.enter, .character("e"), .character("/"))
        #expect(harness.state.pane == .search)
        #expect(harness.state.search.isEditing)
        harness.type(" ot")
        #expect(harness.state.search.input == "person:\"vladimir putin\" ot")
        #expect(harness.state.overlay == nil)
    }
}

@Suite("Search results in pages")
struct SearchPagingTests {
    static let many = FakeLibrary(
        stored: (1...450).map {
            FakeLibrary.article(
                Int64($0), outlet: "a.com", title: "Judul \($0)", date: nil, body: "Berita nomor \($0).")
        })

    @Test("G reaches the last of 450 hits: the pages it needs are asked for and drawn")
    func bottomReachesTheLastHit() throws {
        var harness = Harness(width: 80, height: 20, library: Self.many)
        harness.press(.character("/"))
        harness.type("berita")
        #expect(harness.state.search.hitCount == 450)
        #expect(harness.state.search.loadedHits.count <= 400)
        harness.press(.escape, .character("G"))
        #expect(harness.state.search.selection == 449)
        #expect(harness.effects.contains(.search(SearchQuery("berita"), ArticleFilter(), request: 6, offset: 400)))
        let last = try #require(harness.state.search.hit(at: 449))
        #expect(last.summary.id == 450)
        let screen = harness.screen.lines.joined(separator: "\n")
        #expect(screen.contains("Judul 450"), "\(screen)")
        #expect(screen.contains("450/450"), "\(screen)")
        harness.press(.enter)
        #expect(harness.state.detail?.article.summary.id == 450)
        harness.press(.character("K"))
        #expect(harness.state.detail?.article.summary.id == 449)
    }

    @Test("stepping down one hit at a time asks for the next page before the selection gets there")
    func nextPageAhead() {
        var harness = Harness(width: 80, height: 20, library: Self.many)
        harness.press(.character("/"))
        harness.type("berita")
        harness.press(.escape)
        for _ in 0..<230 { harness.press(.character("j")) }
        #expect(harness.state.search.selection == 230)
        #expect(harness.state.search.hit(at: 230)?.summary.id == 231)
        // The answers for pages of an older query are dropped.
        var state = harness.state
        let stale = state.update(
            .searchFinished(
                SearchResults(hits: [], totalCount: 9), query: SearchQuery("old"), elapsedMilliseconds: 1,
                request: state.searchRequest - 1, offset: 400))
        #expect(stale.isEmpty)
        #expect(state.search.hitCount == 450)
    }

    @Test("a page drawn before its hits arrive shows a placeholder row, then the hits")
    func placeholderRows() throws {
        var state = Harness(width: 80, height: 20, library: Self.many).state
        _ = state.update(.key(.character("/")))
        var effects: [Effect] = []
        for character in "berita" { effects = state.update(.key(.character(character))) }
        let runner = EffectRunner(library: Self.many)
        effects = state.update(runner.perform(effects[0]))
        _ = state.update(.key(.escape))
        effects = state.update(.key(.character("G")))
        try #require(effects.count == 1)
        #expect(ReaderView.render(state).lines[3].hasPrefix(" …"))
        _ = state.update(runner.perform(effects[0]))
        #expect(ReaderView.render(state).lines.joined().contains("Judul 450"))
    }
}

@Suite("Quitting")
struct QuitTests {
    @Test("q on the list asks; q again or y quits, any other key stays", arguments: ["q", "y"])
    func qAsks(answer: Character) {
        var harness = Harness()
        harness.press(.character("q"))
        #expect(!harness.state.isFinished)
        #expect(harness.state.isAskingToQuit)
        #expect(harness.screen.lines.last?.contains("Quit kabar? q again or y to quit, any other key stays") == true)
        harness.press(.character(answer))
        #expect(harness.state.isFinished)
    }

    @Test("Esc on the list asks too; another key stays without acting")
    func escapeAsks() {
        var harness = Harness()
        harness.press(.escape)
        #expect(harness.state.isAskingToQuit)
        harness.press(.character("j"))
        #expect(!harness.state.isFinished)
        #expect(!harness.state.isAskingToQuit)
        #expect(harness.state.listSelection == 0)
        #expect(harness.state.message == nil)
        harness.press(.escape, .escape)
        #expect(!harness.state.isFinished)
    }

    @Test("← and h on the list do not quit; Q and Ctrl-C quit at once")
    func leftStays() {
        var harness = Harness()
        harness.press(.left, .character("h"))
        #expect(!harness.state.isFinished)
        #expect(!harness.state.isAskingToQuit)
        #expect(harness.state.message == "This is the top list: q asks to quit, Q quits")
        harness.press(.character("Q"))
        #expect(harness.state.isFinished)
        var other = Harness()
        other.press(.control("c"))
        #expect(other.state.isFinished)
    }

    @Test("Esc leaving a prompt, a picker or the results never quits")
    func escapeFromPromptsStays() {
        var harness = Harness()
        for opening in ["d", "o", "?", "/"] {
            harness.press(.character(Character(opening)), .escape)
            #expect(!harness.state.isFinished, "\(opening)")
            #expect(!harness.state.isAskingToQuit, "\(opening)")
        }
        // Out of the search input, then out of the results to the list: still no question.
        harness.press(.escape)
        #expect(harness.state.pane == .list)
        #expect(!harness.state.isAskingToQuit)
    }
}

@Suite("Prompts offer the previous entry")
struct PromptRecallTests {
    @Test("| offers the last command dim: typing replaces it, Enter reuses it, ↑ recalls it to edit")
    func pipe() throws {
        var harness = Harness(width: 80, height: 20)
        harness.press(.enter, .character("|"))
        harness.type("wc -w")
        harness.press(.enter, .character("|"))
        #expect(harness.state.overlay == .pipePrompt(input: LineInput(offering: "wc -w")))
        let line = harness.screen.lines[19]
        #expect(line.hasPrefix(" Pipe the article to: ▏wc -w  (↑ edits)"), "\(line)")
        let placeholder = try #require(line.range(of: "wc -w"))
        let column = line.distance(from: line.startIndex, to: placeholder.lowerBound)
        #expect(harness.screen[column, 19].role == .dim)
        harness.type("head -8")
        harness.press(.enter)
        #expect(harness.effects.last.map(Self.command) == "head -8")
        harness.press(.character("|"), .enter)
        #expect(harness.effects.last.map(Self.command) == "head -8")
        harness.press(.character("|"), .up)
        harness.type(" -q")
        harness.press(.enter)
        #expect(harness.effects.last.map(Self.command) == "head -8 -q")
    }

    static func command(_ effect: Effect) -> String? {
        if case .pipe(let command, _) = effect { return command }
        return nil
    }

    @Test("d offers the dates in force: typing replaces them, Enter keeps them")
    func datePrompt() {
        var harness = Harness()
        harness.press(.character("d"))
        harness.type("2024-06-20")
        harness.press(.enter, .character("d"))
        #expect(harness.state.overlay == .datePrompt(input: LineInput(offering: "2024-06-20..2024-06-20"), error: nil))
        harness.type("2024-06-25")
        harness.press(.enter)
        #expect(harness.state.filter.fromDay == "2024-06-25")
        harness.press(.character("d"), .enter)
        #expect(harness.state.filter.fromDay == "2024-06-25")
        // Backspace drops the offered dates: Enter then clears them.
        harness.press(.character("d"), .backspace, .enter)
        #expect(!harness.state.filter.hasDateRange)
    }

    @Test("f offers the text found before: typing finds new text instead of adding to it")
    func find() {
        var harness = Harness()
        harness.press(.enter, .character("f"))
        harness.type("putin")
        harness.press(.enter, .character("f"))
        #expect(harness.state.overlay == .find(input: LineInput(offering: "putin")))
        harness.type("korea")
        #expect(harness.state.detail?.findTerm == "korea")
        #expect(harness.state.detail?.findMatches.count == 1)
    }

    @Test("/ offers the query in force: typing starts a new query, ↑ edits it, Esc keeps it")
    func searchQuery() {
        var harness = Harness()
        harness.press(.character("/"))
        harness.type("Putin")
        harness.press(.escape, .character("/"))
        #expect(harness.state.search.prompt == LineInput(offering: "Putin"))
        #expect(harness.state.search.input == "Putin")
        #expect(harness.screen.lines[1].hasPrefix(" / ▏Putin  (↑ edits)"))
        harness.press(.escape)
        #expect(harness.state.search.input == "Putin")
        harness.press(.character("/"))
        harness.type("Kirby")
        #expect(harness.state.search.input == "Kirby")
        #expect(harness.state.search.results?.hits.map(\.summary.id) == [3])
        harness.press(.escape, .character("/"), .up)
        harness.type(" OR Putin")
        #expect(harness.state.search.input == "Kirby OR Putin")
    }

    @Test("the help's search offers the previous filter too")
    func helpSearch() {
        var harness = Harness()
        harness.press(.character("?"), .character("/"))
        harness.type("star")
        harness.press(.enter, .character("/"))
        #expect(harness.state.overlay == .help(scroll: 0, filter: LineInput(offering: "star"), isEditing: true))
        harness.type("undo")
        #expect(harness.state.overlay == .help(scroll: 0, filter: "undo", isEditing: true))
    }
}

@Suite("Search results as the index grows")
struct SearchReloadTests {
    @Test("the same query answered again keeps the selected hit; a new query starts at the best one")
    func keepsItsPlace() {
        var harness = Harness(width: 80, height: 20, library: SearchPagingTests.many)
        harness.press(.character("/"))
        harness.type("berita")
        harness.press(.escape, .character("G"))
        harness.settle(harness.state.update(.indexFinished(nil)))
        #expect(harness.state.search.selection == 449)
        #expect(harness.state.search.hit(at: 449)?.summary.id == 450)
        harness.press(.character("/"))
        harness.type("nomor")
        #expect(harness.state.search.selection == 0)
    }
}
