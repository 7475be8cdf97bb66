import Library
import TerminalUI
import Testing

@testable import ReaderApp

@Suite("Filters: undated articles and the outlet picker")
struct FilterTests {
    /// The standard articles and one whose text names no outlet.
    static let withUnknownOutlet = FakeLibrary(
        stored: FakeLibrary.standard.stored + [
            FakeLibrary.article(
                4, outlet: nil, title: "Berita Dari Situs Tanpa Nama", date: "2024-06-22T09:00",
                body: "Isi berita dari situs yang tidak menyebut namanya.")
        ])

    static func harness(_ library: FakeLibrary, width: Int = 120, height: Int = 16) -> Harness {
        var harness = Harness(width: width, height: height)
        harness.runner = EffectRunner(library: library)
        harness.settle(harness.state.start())
        return harness
    }

    @Test("a date filter says on the status line how many undated articles it hides, and U lets them in")
    func undatedHiddenAndShown() {
        var harness = Harness(width: 120, height: 12)
        harness.press(.character("d"))
        harness.type("2024-06")
        harness.press(.enter)
        #expect(harness.state.articles.loadedRows.map(\.id) == [1, 2])
        let status = harness.screen.lines[11]
        #expect(status.contains("filter: date 2024-06-01..2024-06-30 (c clears) · 1 undated hidden · U shows them"))
        harness.press(.character("U"))
        #expect(harness.state.filter.includeUndated)
        #expect(harness.state.articles.loadedRows.map(\.id) == [1, 2, 3])
        let shown = harness.screen.lines[11]
        #expect(shown.contains("filter: date 2024-06-01..2024-06-30 and undated (c clears)"))
        #expect(!shown.contains("hidden"))
        // Again hides them; without a date filter U says there is nothing to show.
        harness.press(.character("U"))
        #expect(harness.state.articles.loadedRows.map(\.id) == [1, 2])
        harness.press(.character("c"), .character("U"))
        #expect(harness.state.articles.count == 3)
        #expect(harness.state.message?.contains("only a date filter") == true)
    }

    @Test("the outlet picker has an entry for articles whose outlet is unknown")
    func unknownOutletEntry() {
        var harness = Self.harness(Self.withUnknownOutlet)
        harness.press(.character("o"))
        let labels = harness.state.outletChoices().map(\.label)
        #expect(labels == ["All outlets", "unknown outlet", "gemalantang.com", "genpi.co", "radardetik.id"])
        #expect(harness.screen.lines.contains { $0.contains(" unknown outlet ") && $0.contains(" 1 ") })
        harness.press(.down, .enter)
        #expect(harness.state.filter.withoutOutlet)
        #expect(harness.state.articles.loadedRows.map(\.id) == [4])
        #expect(harness.screen.lines[15].contains("filter: outlet unknown (c clears)"))
        // Opening the picker again selects it.
        harness.press(.character("o"))
        #expect(harness.state.overlay == .outletPicker(selection: 1))
    }

    @Test("/ in the outlet picker types a filter that narrows the outlets; Enter picks the one chosen")
    func pickerFilterBox() {
        var harness = Self.harness(Self.withUnknownOutlet)
        harness.press(.character("o"), .character("/"))
        harness.type("GEN")
        #expect(harness.state.outletChoices(matching: "GEN").map(\.label) == ["genpi.co"])
        let lines = harness.screen.lines
        #expect(lines.contains { $0.contains("Outlets matching “GEN”: 1") })
        #expect(lines.contains { $0.contains(" / GEN▏") })
        #expect(!lines.contains { $0.contains("│ radardetik.id") })
        harness.press(.enter)
        #expect(harness.state.overlay == nil)
        #expect(harness.state.filter.outlet == "genpi.co")
        #expect(harness.state.articles.loadedRows.map(\.id) == [1])
    }

    @Test("in the outlet picker's filter box letters are typed, not keys; Esc clears the text, then closes")
    func pickerFilterEditing() {
        var harness = Self.harness(Self.withUnknownOutlet)
        harness.press(.character("o"), .character("/"))
        harness.type("unk")
        #expect(harness.state.overlay == .outletPicker(selection: 0, filter: "unk", isEditing: true))
        harness.press(.escape)
        #expect(harness.state.overlay == .outletPicker(selection: 0))
        harness.press(.character("/"))
        harness.type("zzz")
        #expect(harness.screen.lines.contains { $0.contains("no outlet matches") })
        harness.press(.enter)
        #expect(harness.state.filter.isEmpty)
        harness.press(.tab, .escape)
        #expect(harness.state.overlay == .outletPicker(selection: 0))
        harness.press(.escape)
        #expect(harness.state.overlay == nil)
        #expect(harness.state.filter.isEmpty)
    }
}

@Suite("One title for the list and the article")
struct TitleTests {
    @Test("an article without a headline shows the same title in its header as in the list, never 'no headline'")
    func headerMatchesList() throws {
        var harness = Harness(width: 80, height: 16)
        harness.press(.end)
        let summary = try #require(harness.state.articles[harness.state.listSelection])
        #expect(summary.title == nil)
        let listRow = harness.screen.lines[4]
        #expect(listRow.contains(String(summary.displayTitle.prefix(40))))
        harness.press(.enter)
        let screen = harness.screen.lines.joined(separator: "\n")
        #expect(!screen.contains("no headline"))
        #expect(harness.screen.lines[1].hasPrefix(" " + String(summary.displayTitle.prefix(40))))
        #expect(harness.state.detail?.plainText.hasPrefix(summary.displayTitle + "\n") == true)
        let citation = DetailState.citation(summary, storeRoot: nil)
        #expect(citation.contains("“\(summary.displayTitle)”"))
    }
}
