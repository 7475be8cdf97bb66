import Entities
import Foundation
import Library
import TerminalUI
import Testing

@testable import ReaderApp

@Suite("In the article: find, pipe, pager, citation")
struct ArticleToolsTests {
    @Test("f finds as typed, ignoring case; n and N step through the matches with a count; Esc clears")
    func findInArticle() throws {
        var harness = Harness(width: 80, height: 20)
        harness.press(.enter, .character("f"))
        harness.type("putin")
        var detail = try #require(harness.state.detail)
        #expect(detail.findMatches.count == 2)
        #expect(detail.findIndex == 0)
        let screen = harness.screen
        #expect(screen.lines[19].hasPrefix(" Find: putin▏"))
        #expect(screen.lines[19].hasSuffix("1 of 2"))
        // The current match is drawn as the focus, the other as a hit.
        let first = try #require(screen.lines.firstIndex { $0.contains("Vladimir Putin") })
        let column = try #require(screen.lines[first].range(of: "Putin")).lowerBound.utf16Offset(
            in: screen.lines[first])
        #expect(screen[column, first].role == .listSelected)
        let second = try #require(screen.lines.firstIndex { $0.hasPrefix(" Putin juga") })
        #expect(screen[1, second].role == .searchHit)
        harness.press(.enter)
        #expect(harness.state.overlay == nil)
        harness.press(.character("n"))
        detail = try #require(harness.state.detail)
        #expect(detail.findIndex == 1)
        #expect(harness.screen.lines[19].contains("“putin”: match 2 of 2 · n/N next/previous"))
        harness.press(.character("n"))
        #expect(harness.state.detail?.findIndex == 0)
        harness.press(.character("N"))
        #expect(harness.state.detail?.findIndex == 1)
        // Not found: said so, nothing highlighted.
        harness.press(.character("f"), .control("u"))
        harness.type("zzz")
        #expect(harness.state.detail?.findMatches == [])
        #expect(harness.screen.lines[19].hasSuffix("no match"))
        harness.press(.escape)
        #expect(harness.state.detail?.findTerm == "")
        #expect(!harness.screen.lines.isEmpty)
        #expect(
            !(0..<20).contains { y in (0..<80).contains { harness.screen[$0, y].role == .searchHit } })
    }

    @Test("finding ignores accents and case, and never splits a character")
    func findRanges() {
        let text = "São Paulo dan SAO PAULO; 日本 dan 日本"
        let ranges = AppState.ranges(of: "sao", in: text)
        #expect(ranges.count == 2)
        #expect(ranges.map { String(decoding: Array(text.utf8)[$0], as: UTF8.self) } == ["São", "SAO"])
        #expect(AppState.ranges(of: "日本", in: text).count == 2)
        #expect(AppState.ranges(of: "", in: text) == [])
    }

    @Test("without f, n steps through the hits of the search that opened the article")
    func nextSearchHit() {
        var harness = Harness(width: 80, height: 20)
        harness.press(.character("/"))
        harness.type("Korea")
        harness.press(.enter, .character("n"))
        #expect(harness.state.detail?.findMatches.count == 1)
        #expect(harness.screen.lines[19].contains("match 1 of 1"))
    }

    @Test("| asks for a command and pipes the cleaned article to it, without the stripped lines")
    func pipe() throws {
        var harness = Harness(width: 80, height: 20)
        harness.press(.character("|"))
        #expect(harness.state.overlay == nil)
        #expect(harness.screen.lines[19].contains("Open an article to pipe it"))
        harness.press(.enter, .character("|"))
        #expect(harness.screen.lines[19].hasPrefix(" Pipe the article to: ▏"))
        harness.type("wc -w")
        harness.press(.enter)
        guard case .pipe(let command, let text) = harness.effects.last else {
            Issue.record("no pipe effect: \(harness.effects)")
            return
        }
        #expect(command == "wc -w")
        #expect(text.hasPrefix("Rusia Menantang Barat Soal Ukraina\n\nOutlet: genpi.co\nDate: 2024-06-25 14:40\n"))
        #expect(text.contains("Putin juga mengumumkan kerja sama dengan Korea Utara.\n"))
        #expect(!text.contains("Baca Juga"))
        // The command is offered again next time.
        harness.press(.character("|"))
        #expect(harness.state.overlay == .pipePrompt(input: LineInput(offering: "wc -w")))
    }

    @Test("y copies a citation and v opens the file in the pager, from the list or the article")
    func citationAndPager() {
        var harness = Harness(width: 100, height: 20)
        harness.state.storeRoot = "/news"
        harness.press(.character("y"))
        let citation = "genpi.co, 2024-06-25 14:40, “Rusia Menantang Barat Soal Ukraina”, /news/store/1.txt"
        #expect(harness.effects.last == .copyToClipboard(citation))
        #expect(harness.screen.lines[19].contains("Citation copied"))
        harness.press(.down, .enter, .character("v"))
        #expect(harness.effects.last == .openPager(path: "/news/store/2.txt"))
    }

    @Test("an article with a web address: the header shows it, y cites it and w opens it; without one w says so")
    func webAddress() throws {
        var library = FakeLibrary.standard
        library.stored[0].summary.url = "https://www.genpi.co/berita/1/rusia"
        var harness = Harness(width: 100, height: 20)
        harness.runner = EffectRunner(library: library)
        harness.settle(harness.state.start())
        harness.state.storeRoot = "/news"
        harness.press(.character("y"))
        #expect(
            harness.effects.last
                == .copyToClipboard(
                    "genpi.co, 2024-06-25 14:40, “Rusia Menantang Barat Soal Ukraina”, https://www.genpi.co/berita/1/rusia, /news/store/1.txt"
                ))
        harness.press(.enter)
        #expect(harness.screen.lines.contains { $0.contains("Web     https://www.genpi.co/berita/1/rusia") })
        harness.press(.character("w"))
        #expect(harness.effects.last == .openURL("https://www.genpi.co/berita/1/rusia"))
        harness.press(.character("J"))
        let count = harness.effects.count
        harness.press(.character("w"))
        #expect(harness.effects.count == count)
        #expect(harness.screen.lines[19].contains("no web address"))
    }
}

@Suite("Terminal effects in the run loop")
@MainActor
struct TerminalEffectTests {
    @Test("y sends OSC 52 with the citation; | and v hand the terminal over and report how it went")
    func effects() throws {
        let screen = ScriptedScreen(
            width: 80, height: 14,
            script: [.character("y"), .enter, .character("|")] + "cat".map { .character($0) } + [
                .enter, .character("v"),
            ]
        )
        var state = AppState(storeName: "s", isSampleStore: false, width: 1, height: 1)
        state.storeRoot = "/news"
        let program = ReaderProgram(
            state: state, runner: EffectRunner(library: FakeLibrary.standard), screen: screen,
            runsEffectsInBackground: false)
        var ran: [Effect] = []
        program.runInTerminal = { effect in
            ran.append(effect)
            return .externalFinished("ran \(ran.count)")
        }
        let final = program.run(shouldStop: { screen.script.isEmpty })
        let sequence = try #require(screen.sequences.first)
        #expect(sequence.hasPrefix("\u{1B}]52;c;") && sequence.hasSuffix("\u{07}"))
        let encoded = String(sequence.dropFirst(7).dropLast())
        let decoded = try #require(Data(base64Encoded: encoded)).map { $0 }
        #expect(
            String(decoding: decoded, as: UTF8.self).hasSuffix(
                "“Rusia Menantang Barat Soal Ukraina”, /news/store/1.txt"))
        #expect(screen.suspensions == 2)
        #expect(ran.count == 2)
        if case .pipe(let command, _) = ran.first { #expect(command == "cat") } else { Issue.record("\(ran)") }
        #expect(ran.last == .openPager(path: "/news/store/1.txt"))
        #expect(final.message == "ran 2")
    }
}

@Suite("Swapping the index under the reader")
@MainActor
struct LibraryReplacedTests {
    @Test("a replaced library is read from then on: the list reloads from it")
    func swapsLibrary() {
        let screen = ScriptedScreen(width: 80, height: 12, script: [.character("j")])
        let state = AppState(storeName: "s", isSampleStore: false, width: 1, height: 1)
        let program = ReaderProgram(
            state: state, runner: EffectRunner(library: FakeLibrary(stored: [])), screen: screen,
            runsEffectsInBackground: false)
        var posted = false
        let final = program.run(shouldStop: {
            if !posted {
                posted = true
                program.events.post(.libraryReplaced(LibraryHandle(FakeLibrary.standard)))
                return false
            }
            return screen.script.isEmpty
        })
        #expect(final.articles.loadedRows.map(\.id) == [1, 2, 3])
        #expect(screen.frames.last?.lines[2].contains("Rusia Menantang Barat") == true)
    }
}

@Suite("Highlights in long articles")
struct LongArticleHighlightTests {
    @Test("every paragraph of a long article gets its own matches and entities, to the last one")
    func longArticle() throws {
        let paragraph = "Presiden Joko Widodo meresmikan jalan tol baru di Semarang hari ini."
        let body = Array(repeating: paragraph, count: 5000).joined(separator: "\n")
        let length = paragraph.utf8.count + 1
        let person = try #require(paragraph.utf8.firstRange(of: "Joko Widodo".utf8))
        let start = paragraph.utf8.distance(from: paragraph.utf8.startIndex, to: person.lowerBound)
        let entities = (0..<5000).map {
            EntitySpan(start: $0 * length + start, end: $0 * length + start + 11, kind: .person)
        }
        var detail = DetailState(
            article: StoredArticle(
                summary: FakeLibrary.standard.stored[0].summary, body: body, entities: entities,
                bodyLineNumbers: Array(1...5000), strippedLines: []),
            query: nil)
        detail.findTerm = "jalan"
        detail.findMatches = AppState.ranges(of: "jalan", in: body)
        #expect(detail.findMatches.count == 5000)
        let lines = DetailLayout.lines(for: detail, width: 200)
        let last = try #require(lines.last { $0.text.contains("Joko Widodo") })
        #expect(last.runs.contains { $0.text == "Joko Widodo" && $0.role == .entityPerson })
        #expect(last.runs.contains { $0.text == "jalan" && $0.role == .searchHit })
        #expect(lines.filter { line in line.runs.contains { $0.role == .searchHit } }.count == 5000)
    }
}
