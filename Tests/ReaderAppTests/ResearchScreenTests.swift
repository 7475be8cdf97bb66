import Foundation
import KabarTestSupport
import Library
import Research
import StateFiles
import TerminalUI
import Testing

@testable import ReaderApp

@Suite("Timeline and export in the reader")
struct ResearchScreenTests {
    /// The standard articles and two more of 21 and 25 June, so the timeline has days to show.
    static let library: FakeLibrary = {
        var library = FakeLibrary.standard
        library.stored.insert(
            FakeLibrary.article(
                4, outlet: "kompas.com", title: "Putin dan Kim Bertemu Lagi", date: "2024-06-25T18:00",
                body: "Presiden Rusia Vladimir Putin kembali bertemu Kim Jong Un di Pyongyang."), at: 0)
        library.stored.append(
            FakeLibrary.article(
                5, outlet: "kompas.com", title: "Pasar Menanti Kabar dari Moskow", date: "2024-06-21T07:00",
                body: "Harga minyak naik setelah kabar dari Moskow."))
        return library
    }()

    static func timeline(_ harness: Harness) -> TimelineState? {
        if case .timeline(let timeline) = harness.state.overlay { return timeline }
        return nil
    }

    @Test("T draws the list's timeline by day, the latest day chosen; arrows choose; Enter narrows the list to it")
    func listTimeline() throws {
        var harness = Harness(width: 80, height: 20, library: Self.library)
        harness.press(.character("T"))
        #expect(harness.effects.last == .loadTimeline(nil, ArticleFilter(), byOutlet: false, request: 1))
        let timeline = try #require(Self.timeline(harness)?.timeline)
        #expect(timeline.unit == .day)
        #expect(
            timeline.periods.map(\.label) == [
                "2024-06-20", "2024-06-21", "2024-06-22", "2024-06-23", "2024-06-24", "2024-06-25",
            ])
        #expect(timeline.counts == [1, 1, 0, 0, 0, 2])
        #expect(Self.timeline(harness)?.selection == 5)
        expectSnapshot(harness.screen, named: "timeline-80x20")
        harness.press(.left, .left, .left, .left)
        #expect(harness.screen.lines.contains { $0.contains("2024-06-21: 1 article") })
        harness.press(.enter)
        #expect(harness.state.overlay == nil)
        #expect(harness.state.filter.fromDay == "2024-06-21")
        #expect(harness.state.filter.toDay == "2024-06-21")
        #expect(harness.state.articles.loadedRows.map(\.id) == [5])
        harness.press(.character("c"))
        #expect(harness.state.articles.count == 5)
    }

    @Test("in the timeline, o counts outlet by outlet, p changes the period, Esc closes")
    func outletsAndPeriods() throws {
        var harness = Harness(width: 80, height: 20, library: Self.library)
        harness.press(.character("T"), .character("o"))
        #expect(harness.effects.last == .loadTimeline(nil, ArticleFilter(), byOutlet: true, request: 2))
        let lines = harness.screen.lines
        let kompas = try #require(lines.first { $0.contains("kompas.com") })
        #expect(kompas.contains("█") && kompas.hasSuffix("1 │") == false)
        #expect(lines.contains { $0.contains("genpi.co") })
        #expect(lines.contains { $0.contains("radardetik.id") })
        harness.press(.character("p"), .character("p"))
        #expect(Self.timeline(harness)?.timeline?.unit == .week)
        #expect(Self.timeline(harness)?.timeline?.periods.map(\.label) == ["2024-W25", "2024-W26"])
        #expect(Self.timeline(harness)?.selection == 1)
        harness.press(.escape)
        #expect(harness.state.overlay == nil)
        #expect(harness.state.filter.isEmpty)
    }

    @Test("the timeline of a search counts its matches; of a name in the entity list, that name's articles")
    func searchAndNameTimelines() throws {
        var harness = Harness(width: 80, height: 20, library: Self.library)
        harness.press(.character("/"))
        harness.type("kim")
        harness.press(.escape, .character("T"))
        #expect(Self.timeline(harness)?.subject == "“kim”")
        #expect(Self.timeline(harness)?.timeline?.total == 1)
        harness.press(.escape, .character("1"), .enter, .character("e"))
        let entities = try #require(harness.state.detail?.entities)
        let putin = try #require(entities.firstIndex { $0.name == "Vladimir Putin" })
        for _ in 0..<putin { harness.press(.down) }
        harness.press(.character("T"))
        #expect(Self.timeline(harness)?.subject == "Vladimir Putin")
        #expect(Self.timeline(harness)?.timeline?.counts == [2])
        harness.press(.enter)
        #expect(harness.state.pane == .search)
        #expect(harness.state.search.input == "person:\"vladimir putin\"")
        #expect(harness.state.filter.fromDay == "2024-06-25")
        #expect(harness.state.search.loadedHits.map(\.summary.id).sorted() == [1, 4])
    }

    @Test("E writes the list to a JSON-lines file named after it and says where; the search, after its query")
    func export() throws {
        let folder = try TemporaryFolder()
        var harness = Harness(width: 100, height: 20, library: Self.library)
        harness.runner = EffectRunner(library: Self.library, exportDestination: ExportFolder(url: folder.url))
        harness.press(.character("E"))
        let path = folder.url.appendingPathComponent("the-list.jsonl").path
        #expect(harness.state.message == "Exported 5 articles to \(path)")
        #expect(harness.state.exporting == nil)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 5)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["id"] as? Int == 4)
        #expect(first["read"] as? Bool == false)
        // A second export of the same view does not overwrite the first; marks go with it.
        harness.press(.character("x"), .character("E"))
        let second = folder.url.appendingPathComponent("the-list-2.jsonl").path
        #expect(harness.state.message == "Exported 5 articles to \(second)")
        let marked = try String(contentsOfFile: second, encoding: .utf8).split(separator: "\n")[0]
        #expect((try JSONSerialization.jsonObject(with: Data(marked.utf8)) as? [String: Any])?["read"] as? Bool == true)
        harness.press(.character("/"))
        harness.type("putin")
        harness.press(.escape, .character("E"))
        let searched = folder.url.appendingPathComponent("putin.jsonl").path
        #expect(harness.state.search.hitCount == 2)
        #expect(harness.state.message == "Exported 2 articles to \(searched)")
    }

    @Test("while an export runs the status line shows how far it got; Esc asks to stop it")
    func exportProgress() throws {
        var harness = Harness(width: 100, height: 12, library: Self.library)
        var state = harness.state
        let effects = state.update(.key(.character("E")))
        guard case .export(let request) = effects.first else {
            Issue.record("E asks for no export: \(effects)")
            return
        }
        #expect(request.source == .view(nil, ArticleFilter()))
        #expect(request.fileName == "the-list.jsonl")
        _ = state.update(.exportProgress(ExportProgress(done: 256, total: 1000, request: request.request)))
        harness.state = state
        #expect(harness.screen.lines.last?.contains("exporting 256/1000 articles… Esc stops") == true)
        #expect(state.update(.key(.character("E"))).isEmpty)
        #expect(state.message == "An export is running already (Esc stops it).")
        #expect(state.update(.key(.escape)) == [.cancelExport(request: request.request)])
        _ = state.update(.exportFinished("Export stopped; no file was written.", request: request.request))
        #expect(state.exporting == nil)
        #expect(state.message == "Export stopped; no file was written.")
        // Esc without an export running is the list's Esc again.
        #expect(state.update(.key(.escape)).isEmpty)
        #expect(state.isAskingToQuit)
    }

    @Test(
        "a view's file name is its words: letters, digits and dashes",
        arguments: [
            ("the list", "the-list.jsonl"),
            ("person:\"joko widodo\" outlet kompas.com", "person-joko-widodo-outlet-kompas-com.jsonl"),
            ("“", "kabar-export.jsonl"), ("story Gempa di Cianjur, 5,6 SR!", "story-gempa-di-cianjur-5-6-sr.jsonl"),
        ])
    func fileNames(name: String, file: String) {
        let request = ExportRequest(source: .story(1), name: name, format: .jsonl, marks: ReadingMarks(), request: 1)
        #expect(request.fileName == file)
    }

    @Test(
        "W lists the names in most articles of the list with sparklines; → shows those named with one; Enter searches")
    func whoIsInTheNews() throws {
        var harness = Harness(width: 90, height: 20, library: Self.library)
        harness.press(.character("W"))
        guard case .entities(let table) = harness.state.overlay else {
            Issue.record("W shows no table")
            return
        }
        let rows = try #require(table.rows)
        let putin = try #require(rows.firstIndex { $0.name == "Vladimir Putin" })
        #expect(rows[putin].articles == 2)
        #expect(rows.map(\.articles) == rows.map(\.articles).sorted(by: >))
        let lines = harness.screen.lines
        #expect(lines.contains { $0.contains("Who is in the list") })
        let line = try #require(lines.first { $0.contains("Vladimir Putin") })
        #expect(line.contains("person") && line.contains(" 2 "))
        #expect(line.contains("█"))
        expectSnapshot(harness.screen, named: "who-is-in-the-news-90x20")
        for _ in 0..<putin { harness.press(.down) }
        harness.press(.right)
        guard case .entities(let companions) = harness.state.overlay else {
            Issue.record("→ closed the table")
            return
        }
        #expect(companions.cooccurring?.name == "Vladimir Putin")
        #expect(companions.rows?.contains { $0.name == "Vladimir Putin" } == false)
        #expect(harness.screen.lines.contains { $0.contains("Named with Vladimir Putin in the list") })
        harness.press(.left)
        guard case .entities(let back) = harness.state.overlay else {
            Issue.record("← closed the table")
            return
        }
        #expect(back.cooccurring == nil)
        #expect(back.selection == putin)
        // Opened while names were still being found, the table is read again when they all are.
        harness.settle(harness.state.update(.indexFinished(nil)))
        guard case .entities(let again) = harness.state.overlay else {
            Issue.record("the end of indexing closed the table")
            return
        }
        #expect(again.request == back.request + 1)
        #expect(again.rows?.count == rows.count && again.selection == putin)
        harness.press(.enter)
        #expect(harness.state.overlay == nil)
        #expect(harness.state.pane == .search)
        #expect(harness.state.search.input == "person:\"vladimir putin\"")
        #expect(harness.state.search.hitCount == 2)
    }

    @Test("on a wide screen the list's header ends in its timeline; narrow screens do not count the days")
    func timelineStrip() throws {
        var wide = Harness(width: 130, height: 12, library: Self.library)
        #expect(wide.effects.contains(.countDays(ArticleFilter(), request: 1)))
        let header = String(wide.screen.lines[1].prefix(60))
        #expect(header.hasSuffix("▄▄   █ "), "\(header)")
        let allDays = wide.state.listDays
        let column = try #require(header.range(of: "█")).lowerBound.utf16Offset(in: header)
        #expect(wide.screen[column, 1].role == .chart)
        // A filter counts its own days.
        wide.state.filter = ArticleFilter(outletPrefix: "kompas")
        wide.settle(wide.state.apply(ArticleFilter(outletPrefix: "kompas")))
        #expect(wide.state.listDays?.map(\.count).reduce(0, +) == 2)
        var wider = Harness(width: 200, height: 12, library: Self.library)
        wider.state.listDays = allDays
        #expect(
            String(wider.screen.lines[1].prefix(80)).hasSuffix("2024-06 ▄▄   █ 2024-06 "), "\(wider.screen.lines[1])")
        let narrow = Harness(width: 100, height: 12, library: Self.library)
        #expect(!narrow.effects.contains { if case .countDays = $0 { true } else { false } })
        #expect(!narrow.screen.lines[1].contains("2024-06"))
    }

    @Test("E writes the notes with their articles, and in the format the config file chooses")
    func exportNotesAndFormat() throws {
        let folder = try TemporaryFolder()
        var harness = Harness(width: 100, height: 20, library: Self.library)
        harness.runner = EffectRunner(library: Self.library, exportDestination: ExportFolder(url: folder.url))
        harness.state.notes = ArticleNotes([
            ArticleNote(
                path: "store/1.txt", passage: "Presiden Rusia Vladimir Putin", text: "cek sumber", title: "",
                written: "2026-12-05T10:00")
        ])
        harness.press(.character("E"))
        let lines = try String(
            contentsOfFile: folder.url.appendingPathComponent("the-list.jsonl").path, encoding: .utf8
        )
        .split(separator: "\n")
        let noted = try lines.compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .first { $0["id"] as? Int == 1 }
        let notes = try #require(noted?["notes"] as? [[String: Any]])
        #expect(notes.first?["text"] as? String == "cek sumber")
        #expect(notes.first?["passage"] as? String == "Presiden Rusia Vladimir Putin")
        let config = ReaderConfig(parsing: "export-format = \"csv\"\n")
        #expect(config.problems.isEmpty)
        harness.state.exportFormat = config.exportFormat
        harness.press(.character("E"))
        let csv = try String(contentsOfFile: folder.url.appendingPathComponent("the-list.csv").path, encoding: .utf8)
        #expect(csv.hasPrefix("id,file,outlet,published,title"))
        #expect(csv.contains("cek sumber"))
        #expect(
            ReaderConfig(parsing: "export-format = \"xml\"\n").problems.first?.description
                == "line 1: `export-format` is jsonl, csv or md, not \"xml\"")
        #expect(ReaderConfig(parsing: "export-format = true\n").problems.count == 1)
    }
}
