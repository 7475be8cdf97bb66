import TerminalUI
import Testing

@testable import ReaderApp

@Suite("Status line and indexing progress")
struct StatusLineTests {
    @Test("the status line shows the count, unread, position, and in search the query with its count and position")
    func queryAndPosition() {
        var harness = Harness(width: 120, height: 12)
        harness.press(.down)
        #expect(harness.screen.lines[11].hasPrefix(" 3 articles · 3 unread · 2/3 "))
        harness.press(.character("/"))
        harness.type("Korea")
        harness.press(.escape, .down)
        #expect(harness.screen.lines[11].hasPrefix(" 3 articles · 3 unread · “Korea” 2 found · 2/2"))
        harness.press(.enter)
        #expect(harness.screen.lines[11].contains("“Korea” 2 found · 2/2"))
    }

    @Test(
        "a lost connection to the team index is said on the status line until it is back; then the list is read again")
    func connectionLost() {
        var harness = Harness(width: 100, height: 12)
        let before = harness.state.listRequest
        harness.settle(harness.state.update(.connectionLost("the connection to the server was lost")))
        #expect(harness.screen.lines[11].hasSuffix("reconnecting… (the connection to the server was lost)"))
        // Other news does not hide it.
        harness.settle(harness.state.update(.notice("Saved")))
        #expect(harness.screen.lines[11].contains("reconnecting…"))
        #expect(harness.state.listRequest == before)
        harness.settle(harness.state.update(.connectionBack))
        #expect(!harness.screen.lines[11].contains("reconnecting…"))
        #expect(harness.screen.lines[11].contains("Reconnected to the team index"))
        #expect(harness.state.listRequest == before + 1)
        // Back when it was never lost: nothing to do.
        harness.settle(harness.state.update(.connectionBack))
        #expect(harness.state.listRequest == before + 1)
    }

    @Test("marks that could not be written while the server was away are written when the connection is back")
    func marksWrittenAgain() {
        var harness = Harness(width: 100, height: 12)
        harness.settle(harness.state.update(.connectionLost("the connection to the server was lost")))
        harness.settle(harness.state.update(.marksNotSaved("Cannot save read and starred marks: no server")))
        #expect(harness.state.marksUnsaved)
        let saves = harness.effects.count { if case .saveMarks = $0 { true } else { false } }
        harness.settle(harness.state.update(.connectionBack))
        #expect(harness.effects.count { if case .saveMarks = $0 { true } else { false } } == saves + 1)
        harness.settle(harness.state.update(.marksSaved))
        #expect(!harness.state.marksUnsaved)
        // Back again with nothing unsaved: no writing.
        harness.settle(harness.state.update(.connectionLost("lost")))
        harness.settle(harness.state.update(.connectionBack))
        #expect(harness.effects.count { if case .saveMarks = $0 { true } else { false } } == saves + 1)
    }

    @Test(
        "indexing progress shows a bar, the rate and the time left; the list reloads as it grows, then once at the end")
    func indexingProgress() {
        var harness = Harness(width: 100, height: 12)
        let before = harness.state.listRequest
        harness.settle(
            harness.state.update(.indexProgress(IndexingProgress(done: 250, total: 1000, elapsedSeconds: 0.5))))
        #expect(harness.screen.lines[11].hasSuffix("indexing ██░░░░░░░░ 25% 250/1000 · 500/s · 2 s left"))
        // The list is not empty: the next reload waits two seconds.
        #expect(harness.state.listRequest == before)
        harness.settle(
            harness.state.update(.indexProgress(IndexingProgress(done: 900, total: 1000, elapsedSeconds: 2.1))))
        #expect(harness.state.listRequest == before + 1)
        #expect(harness.effects.suffix(2).contains(.loadOutlets))
        harness.settle(
            harness.state.update(.indexProgress(IndexingProgress(done: 950, total: 1000, elapsedSeconds: 2.5))))
        #expect(harness.state.listRequest == before + 1)
        harness.settle(harness.state.update(.indexFinished("1000 files indexed")))
        #expect(harness.state.indexing == nil)
        #expect(harness.state.listRequest == before + 2)
        #expect(harness.screen.lines[11].hasSuffix("1000 files indexed"))
    }

    @Test(
        "phase 2 says it finds names; the list reloads once as it begins; a person: search says it is partial until the end"
    )
    func namesPhase() {
        var harness = Harness(width: 160, height: 12)
        harness.settle(
            harness.state.update(.indexProgress(IndexingProgress(done: 250, total: 1000, elapsedSeconds: 0.5))))
        harness.press(.character("/"))
        harness.type("person:putin")
        harness.press(.escape)
        let before = (list: harness.state.listRequest, search: harness.state.searchRequest)
        // Phase 1 ends: every article is listed, so the list is read again at once.
        harness.settle(
            harness.state.update(
                .indexProgress(IndexingProgress(phase: .names, done: 0, total: 1000, elapsedSeconds: 0))))
        #expect(harness.state.listRequest == before.list + 1)
        #expect(harness.state.searchRequest == before.search + 1)
        harness.settle(
            harness.state.update(
                .indexProgress(IndexingProgress(phase: .names, done: 400, total: 1000, elapsedSeconds: 3))))
        // Phase 2 adds no article: no reload on its progress.
        #expect(harness.state.listRequest == before.list + 1)
        #expect(harness.screen.lines[11].hasSuffix("finding names ████░░░░░░ 40% 400/1000 · 133/s · 5 s left"))
        #expect(harness.state.searchRequest == before.search + 1)
        #expect(harness.screen.lines[2].contains("1 matching article · partial: names 40% found"))
        // At the end the search is asked again, now whole.
        harness.settle(harness.state.update(.indexFinished(nil)))
        #expect(harness.state.searchRequest == before.search + 2)
        #expect(!harness.screen.lines[2].contains("partial"))
        // A search by words alone is whole once phase 1 is over: no such note.
        harness.press(.character("/"))
        harness.type("korea")
        harness.press(.escape)
        harness.settle(
            harness.state.update(
                .indexProgress(IndexingProgress(phase: .names, done: 10, total: 100, elapsedSeconds: 1))))
        #expect(harness.screen.lines[2].contains("matching article"))
        #expect(!harness.screen.lines[2].contains("partial"))
    }

    @Test("before the first scan ends an empty list says the store is being read; a store of skipped files points to !")
    func emptyListBeforeAndAfterTheScan() {
        var harness = Harness(width: 80, height: 12)
        harness.runner = EffectRunner(library: FakeLibrary(stored: []))
        harness.state.isScanningStore = true
        harness.settle(harness.state.start())
        var screen = harness.screen.plainText
        #expect(screen.contains("Reading the store…"), "\(screen)")
        #expect(!screen.contains("no articles"), "\(screen)")
        // Every file skipped: the list says how many and where to see them.
        harness.settle(harness.state.update(.indexFinished(nil, skippedFiles: 2)))
        screen = harness.screen.plainText
        #expect(screen.contains("No article could be read: 2 files skipped, ! lists them."), "\(screen)")
        harness.press(.character("!"))
        #expect(harness.screen.plainText.contains("2 files could not be indexed"))
        // Nothing skipped and nothing read: an empty store.
        harness.press(.escape)
        harness.settle(harness.state.update(.indexFinished(nil, skippedFiles: 0)))
        #expect(harness.screen.plainText.contains("This store has no articles (.txt files)."))
    }

    @Test("with nothing indexed yet the list pane shows the progress instead of an empty store")
    func firstIndex() {
        var state = AppState(storeName: "s", isSampleStore: false, width: 80, height: 12)
        _ = state.update(.listLoaded(ListPage(count: 0, position: 0, page: 0, rows: []), request: 0))
        _ = state.update(.indexProgress(IndexingProgress(done: 30, total: 12000, elapsedSeconds: 1)))
        let lines = ReaderView.render(state).lines
        #expect(lines.contains { $0.contains("Indexing the store; the list fills as files are read.") })
        #expect(lines.contains { $0.contains("0% 30/12000 · 30/s · 6 min 39 s left") })
        #expect(!lines.contains { $0.contains("This store has no articles") })
    }

    @Test("durations read as seconds, minutes or hours")
    func durations() {
        #expect(ReaderView.duration(4.2) == "5 s")
        #expect(ReaderView.duration(120) == "2 min")
        #expect(ReaderView.duration(3725) == "1 h 2 min")
    }
}

@Suite("Skipped files in the reader")
struct SkippedFilesTests {
    @Test("! lists the files that could not be indexed, each with its reason")
    func listsSkippedFiles() {
        var harness = Harness(width: 80, height: 14)
        harness.press(.character("!"))
        let lines = harness.screen.lines
        #expect(lines.contains { $0.contains("2 files could not be indexed") })
        let empty = lines.firstIndex { $0.contains("store/empty.txt") }
        #expect(empty.map { lines[$0 + 1].contains("empty file") } == true)
        #expect(lines.contains { $0.contains("binary file (contains NUL bytes)") })
        harness.press(.escape)
        #expect(harness.state.overlay == nil)
        // With nothing skipped, it says so.
        harness.runner = EffectRunner(library: FakeLibrary(stored: FakeLibrary.standard.stored, skipped: []))
        harness.press(.character("!"))
        #expect(harness.screen.lines.contains { $0.contains("Every file was indexed") })
    }
}
