import Foundation
import KabarTestSupport
import Library
import TerminalUI
import Testing

@testable import ReaderApp

@Suite("Saved searches and the search history")
struct SavedSearchesTests {
    @Test("saved searches are written one a line and read back the same, odd names and every filter included")
    func roundTrip() {
        var searches = SavedSearches()
        searches.save(
            SavedSearch(
                name: "tab\there\nand a \\ backslash", query: "putin \"korea utara\"", filter: ArticleFilter(),
                seenCount: 3))
        searches.save(
            SavedSearch(
                name: "kompas june", query: "",
                filter: ArticleFilter(
                    outletPrefix: "kompas", fromDay: "2024-06-01", toDay: "2024-06-30", includeUndated: true),
                seenCount: 120))
        searches.save(
            SavedSearch(name: "unknown", query: "gempa", filter: ArticleFilter(outlet: "genpi.co"), seenCount: 0))
        searches.save(
            SavedSearch(name: "nameless outlets", query: "banjir", filter: ArticleFilter(withoutOutlet: true)))
        let text = searches.serialized
        #expect(text.split(separator: "\n").count == 5)
        #expect(text.hasPrefix("# kabar saved searches 1\n"))
        let read = SavedSearches(parsing: text)
        #expect(read.problems.isEmpty)
        #expect(read == searches)
        // Saving under a name already kept (case ignored) replaces it where it was.
        searches.save(SavedSearch(name: "KOMPAS JUNE", query: "banjir", filter: ArticleFilter()))
        #expect(
            searches.searches.map(\.name) == [
                "tab\there\nand a \\ backslash", "KOMPAS JUNE", "unknown", "nameless outlets",
            ])
    }

    @Test("lines that are not saved searches are reported by number, the others kept")
    func damagedLines() {
        let text = """
            # kabar saved searches 1
            good\tputin\t\t4
            no count\tputin\t
            bad filter\tputin\toutlet:kompas\t1
            bad escape\tputin\\q\t\t1
            negative\tputin\t\t-1
            also good\t\tfrom=2024-01-01\t0
            """
        let read = SavedSearches(parsing: text)
        #expect(read.searches.map(\.name) == ["good", "also good"])
        #expect(read.problems.map(\.line) == [3, 4, 5, 6])
    }

    @Test("the history keeps each query once, newest last, at most 500, and finds the newest with some text")
    func history() {
        var history = SearchHistory()
        let added = [
            history.add("putin"), history.add("kim jong un"), history.add("kim jong un"), history.add("   "),
            history.add("putin"),
        ]
        #expect(added == [true, true, false, false, true])
        #expect(history.entries == ["kim jong un", "putin"])
        #expect(history.newest(containing: "KIM") == 0)
        #expect(history.newest(containing: "") == 1)
        #expect(history.newest(containing: "kim", before: 0) == nil)
        #expect(history.newest(containing: "gempa") == nil)
        for number in 0..<600 { history.add("query \(number)") }
        #expect(history.entries.count == SearchHistory.limit)
        #expect(history.entries.last == "query 599")
        let read = SearchHistory(parsing: history.serialized)
        #expect(read.entries == history.entries)
        #expect(SearchHistory(parsing: "# kabar search history 1\nok\nbad\\\n").problems.map(\.line) == [3])
    }

    @Test(
        "S saves the search in force under a name, with its count; L lists saved searches with counts and new matches")
    func saveAndList() throws {
        var harness = Harness(width: 100, height: 16)
        harness.press(.character("S"))
        #expect(harness.state.message == "Nothing to save: search (/) or filter (o, d) first.")
        harness.press(.character("/"))
        harness.type("putin")
        harness.press(.escape, .character("S"))
        guard case .saveSearch(let input, _) = harness.state.overlay else {
            Issue.record("S shows no prompt")
            return
        }
        #expect(input.value == "putin")
        harness.type("Putin watch")
        harness.press(.enter)
        #expect(harness.state.message == "Saved “Putin watch” (L lists saved searches)")
        let saved = try #require(harness.state.savedSearches.searches.first)
        #expect(saved.query == "putin")
        #expect(saved.seenCount == harness.state.search.hitCount)
        #expect(harness.effects.contains(.saveSearches(harness.state.savedSearches)))
        // A search saved with fewer matches than it has now shows the rest as new.
        var older = harness.state.savedSearches
        older.save(SavedSearch(name: "kirby then", query: "kirby OR putin", filter: ArticleFilter(), seenCount: 1))
        harness.state.savedSearches = older
        harness.press(.character("L"))
        let screen = harness.screen.lines.joined(separator: "\n")
        #expect(screen.contains("Saved searches (2)"))
        #expect(screen.contains("Putin watch"))
        let kirbyLine = try #require(harness.screen.lines.first { $0.contains("kirby then") })
        #expect(kirbyLine.contains("2 · 2 unread · 1 new"))
        expectSnapshot(harness.screen.withoutTimings(), named: "saved-searches-100x16")
        harness.press(.down, .enter)
        #expect(harness.state.overlay == nil)
        #expect(harness.state.pane == .search)
        #expect(harness.state.search.input == "kirby OR putin")
        #expect(harness.state.search.hitCount == 2)
        #expect(harness.state.savedSearches.searches[1].seenCount == 2)
        // Articles marked read are not unread matches.
        harness.state.marks.set(.read, true, on: ["store/1.txt"])
        harness.press(.character("L"))
        #expect(harness.screen.lines.contains { $0.contains("kirby then") && $0.contains("2 · 1 unread") })
        harness.press(.escape)
        harness.press(.character("L"), .down, .character("D"))
        #expect(harness.state.savedSearches.searches.map(\.name) == ["Putin watch"])
        #expect(harness.state.message == "Removed “kirby then”")
    }

    @Test("a list filter alone is saved and run as the filtered list")
    func filterOnly() {
        var harness = Harness(width: 100, height: 16)
        harness.state.filter = ArticleFilter(outletPrefix: "genpi")
        harness.press(.character("S"), .enter)
        #expect(harness.state.savedSearches.searches.first?.name == "outlet genpi…")
        harness.press(.character("c"))
        #expect(harness.state.filter.isEmpty)
        harness.press(.character("L"), .enter)
        #expect(harness.state.pane == .list)
        #expect(harness.state.filter.outletPrefix == "genpi")
        #expect(harness.state.articles.loadedRows.map(\.id) == [1])
    }

    @Test("searches saved while the file could not be read are kept for the session, never written")
    func unreadableFileIsLeftAlone() {
        var harness = Harness(width: 100, height: 16)
        harness.state.keepsSearches = false
        harness.press(.character("/"))
        harness.type("putin")
        harness.press(.escape, .character("S"), .enter)
        #expect(harness.state.savedSearches.searches.count == 1)
        #expect(!harness.effects.contains { if case .saveSearches = $0 { true } else { false } })
        #expect(harness.state.message?.hasPrefix("Saved for this session only") == true)
    }

    @Test("queries typed are kept; ↑ and ↓ step through them, Ctrl-R finds one by its words")
    func historyKeys() {
        var harness = Harness(width: 100, height: 16)
        for query in ["putin", "kim", "kirby"] {
            harness.press(.character("/"))
            harness.type(query)
            harness.press(.enter)
            harness.press(.character("3"))
            harness.press(.escape)
        }
        #expect(harness.state.history.entries == ["putin", "kim", "kirby"])
        #expect(harness.effects.contains(.saveHistory(SearchHistory(["putin", "kim", "kirby"]))))
        harness.press(.character("/"))
        // The first ↑ recalls the previous query, the next ones older queries.
        harness.press(.up)
        #expect(harness.state.search.input == "kirby")
        harness.press(.up)
        #expect(harness.state.search.input == "kim")
        harness.press(.up, .up)
        #expect(harness.state.search.input == "putin")
        #expect(harness.state.message == "This is the oldest query kept.")
        harness.press(.down)
        #expect(harness.state.search.input == "kim")
        harness.press(.down, .down)
        #expect(harness.state.search.input == "")
        #expect(harness.state.search.isEditing)
        harness.press(.control("r"))
        harness.type("k")
        #expect(harness.screen.lines.last?.contains("→ kirby") == true)
        harness.press(.control("r"))
        #expect(harness.screen.lines.last?.contains("→ kim") == true)
        harness.press(.enter)
        #expect(harness.state.overlay == nil)
        #expect(harness.state.search.input == "kim")
        #expect(harness.state.search.resultsQuery?.text == "kim")
    }
}
