import TerminalUI
import Testing

@testable import ReaderApp

@Suite("Mouse")
struct MouseTests {
    @Test("a click selects a list row, a double click opens it, the wheel scrolls the pane under the pointer")
    func singlePane() throws {
        var harness = Harness(width: 80, height: 12)
        // Row 2 of the screen is the first article (tab bar, then the column header).
        harness.press(.mouse(MouseEvent(.click, x: 10, y: 4)))
        #expect(harness.state.listSelection == 2)
        #expect(harness.state.detail == nil)
        harness.press(.mouse(MouseEvent(.click, x: 10, y: 1)))
        #expect(harness.state.listSelection == 2)
        harness.press(.mouse(MouseEvent(.doubleClick, x: 10, y: 3)))
        let detail = try #require(harness.state.detail)
        #expect(detail.article.summary.id == 2)
        #expect(harness.state.pane == .article)
        harness.press(.mouse(MouseEvent(.wheelDown, x: 10, y: 5)))
        #expect(harness.state.detail?.scroll == min(3, max(0, detail.lines.count - harness.state.detailRows)))
        harness.press(.mouse(MouseEvent(.wheelUp, x: 10, y: 5)))
        #expect(harness.state.detail?.scroll == 0)
        // Tabs switch panes.
        harness.press(.mouse(MouseEvent(.click, x: ReaderView.tabSpans[0].columns.lowerBound + 1, y: 0)))
        #expect(harness.state.pane == .list)
        harness.press(.mouse(MouseEvent(.click, x: ReaderView.tabSpans[2].columns.lowerBound + 1, y: 0)))
        #expect(harness.state.pane == .search)
        #expect(harness.state.search.isEditing)
    }

    @Test("side by side, the wheel scrolls the pane under the pointer whichever has the focus")
    func split() throws {
        var harness = Harness(width: 130, height: 12)
        harness.press(.enter)
        let separator = try #require(harness.state.geometry.separatorX)
        // Wheel over the list moves the list, though the article has the focus.
        harness.press(.mouse(MouseEvent(.wheelDown, x: 5, y: 5)))
        #expect(harness.state.listSelection == 2)
        #expect(harness.state.pane == .article)
        harness.press(.mouse(MouseEvent(.wheelDown, x: separator + 5, y: 5)))
        #expect(harness.state.detail?.scroll ?? 0 > 0)
        // A click on a list row focuses the list; on the article, the article.
        harness.press(.mouse(MouseEvent(.click, x: 5, y: 2)))
        #expect(harness.state.pane == .list && harness.state.listSelection == 0)
        harness.press(.mouse(MouseEvent(.click, x: separator + 5, y: 5)))
        #expect(harness.state.pane == .article)
        // Search hits take three rows each.
        harness.press(.character("/"))
        harness.type("Korea")
        harness.press(.mouse(MouseEvent(.doubleClick, x: 5, y: 6)))
        #expect(harness.state.search.selection == 1)
        #expect(harness.state.detail?.article.summary.id == harness.state.search.results?.hits[1].summary.id)
    }

    @Test("in a box the wheel moves the choice; clicks there do nothing")
    func overlays() {
        var harness = Harness(width: 80, height: 16)
        harness.press(.character("o"))
        harness.press(.mouse(MouseEvent(.wheelDown, x: 40, y: 8)))
        #expect(harness.state.overlay == .outletPicker(selection: 1))
        harness.press(.mouse(MouseEvent(.click, x: 0, y: 3)))
        #expect(harness.state.overlay == .outletPicker(selection: 1))
    }
}
