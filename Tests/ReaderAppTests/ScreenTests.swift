import BundledThemes
import Foundation
import KabarTestSupport
import TerminalUI
import Testing

@testable import ReaderApp

@Suite("Rendered screens")
struct ScreenTests {
    @Test("the list shows date, outlet and title, newest first, with the selection marked")
    func listScreen() {
        let harness = Harness(width: 80, height: 8)
        let lines = harness.screen.lines
        #expect(lines[0].hasPrefix(" kabar   1 List   2 Article   3 Search"))
        #expect(lines[0].hasSuffix("test store"))
        #expect(lines[1] == " Date             Outlet             Title")
        #expect(lines[2] == " 2024-06-25 14:40 genpi.co           Rusia Menantang Barat Soal Ukraina")
        #expect(lines[4].hasPrefix(" —                gemalantang.com    GEMALANTANG.COM -- Juru bicara"))
        #expect(lines[7].hasPrefix(" 3 articles"))
        expectSnapshot(harness.screen, named: "list-80x8")
    }

    @Test("the article pane shows the header and highlights entities and hits")
    func articleScreen() {
        var harness = Harness(width: 60, height: 16)
        harness.press(.character("/"))
        harness.type("Kirby")
        harness.press(.enter)
        expectSnapshot(harness.screen, named: "article-search-hit-60x16")
    }

    @Test("the entity list shows each entity once with its kind and mention count")
    func entityListScreen() {
        var harness = Harness(width: 64, height: 14)
        harness.press(.enter, .character("e"), .down)
        let lines = harness.screen.lines
        #expect(lines.contains { $0.contains("4 entities, 5 mentions") })
        #expect(lines.contains { $0.contains("person Vladimir Putin") && $0.contains(" 2 ") })
        #expect(lines.contains { $0.contains("place  Korea Utara") && $0.contains(" 1 ") })
        expectSnapshot(harness.screen, named: "entity-list-64x14")
    }

    @Test("the search pane shows the count and a snippet per hit")
    func searchScreen() {
        var harness = Harness(width: 70, height: 12)
        harness.press(.character("/"))
        harness.type("Korea")
        let lines = harness.screen.lines
        #expect(lines[1] == " / Korea▏")
        #expect(lines[2].hasPrefix(" 2 matching articles · "))
        expectSnapshot(harness.screen.withoutTimings(), named: "search-70x12")
    }

    @Test("a query that does not parse shows the reason under the input, with a caret at the place")
    func searchErrorScreen() {
        var harness = Harness(width: 70, height: 12)
        harness.press(.character("/"))
        harness.type("korea (putin")
        let lines = harness.screen.lines
        #expect(lines[1] == " / korea (putin▏")
        #expect(lines[2].hasPrefix("         ^ unclosed ("))
        #expect(harness.screen[9, 2].role == .error)
        #expect(!lines.joined().contains("matching"))
        // Closing the parenthesis searches again.
        harness.type(")")
        #expect(harness.screen.lines[2].hasPrefix(" 1 matching article ·"))
    }

    @Test("the outlet picker lists outlets with counts over the list")
    func outletPicker() {
        var harness = Harness(width: 60, height: 12)
        harness.press(.character("o"), .down)
        expectSnapshot(harness.screen, named: "outlet-picker-60x12")
    }

    @Test("the status line shows the active filter")
    func statusShowsFilter() {
        var harness = Harness(width: 100, height: 8)
        harness.press(.character("o"), .down, .enter)
        #expect(
            harness.screen.lines[7].contains(
                "1 of 3 articles · 1 unread · 1/1 · filter: outlet gemalantang.com (c clears)"))
    }

    @Test("help is drawn in a box listing keys")
    func helpScreen() {
        var harness = Harness(width: 80, height: 30)
        harness.press(.character("?"))
        expectSnapshot(harness.screen, named: "help-80x30")
    }

    @Test("narrow terminals drop the outlet column; tiny ones say they are too small")
    func smallTerminals() {
        var harness = Harness(width: 40, height: 10)
        #expect(harness.screen.lines[1] == " Date       Title")
        #expect(harness.screen.lines.allSatisfy { DisplayWidth.of($0) <= 40 })
        _ = harness.state.update(.resize(width: 12, height: 3))
        #expect(harness.screen.lines[0] == "terminal to…")
    }

    @Test("the sample store is named in the status line")
    func sampleStoreStatus() {
        var state = AppState(storeName: "sample store", isSampleStore: true, width: 80, height: 6)
        _ = state.update(.articlesLoaded([], request: 0))
        #expect(ReaderView.render(state).lines[5].contains("sample store"))
    }
}

@Suite("Bundled themes")
struct BundledThemeTests {
    @Test("every bundled theme parses and styles every role")
    func everyThemeIsComplete() throws {
        #expect(!BundledThemes.names.isEmpty)
        for name in BundledThemes.names {
            let text = try #require(BundledThemes.text(named: name))
            let theme = try Theme(name: name, parsing: text)
            #expect(theme.missingRoles.isEmpty, "theme \(name) lacks \(theme.missingRoles)")
        }
    }

    @Test("every file in Themes/ is bundled and parses: a default, light, high-contrast and monochrome theme")
    func everyFileIsBundled() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Themes")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.standardized.path)
            .filter { $0.hasSuffix(".theme") }.map { String($0.dropLast(".theme".count)) }.sorted()
        #expect(files == BundledThemes.names)
        for name in ["default", "light", "high-contrast", "monochrome"] { #expect(files.contains(name)) }
        for name in files {
            let text = try String(contentsOf: folder.appendingPathComponent(name + ".theme"), encoding: .utf8)
            #expect(throws: Never.self, "\(name)") { try Theme(name: name, parsing: text) }
        }
    }

    @Test("the monochrome theme uses no colour, and keeps hits and each entity type apart by attributes")
    func monochrome() throws {
        let theme = try Theme(name: "monochrome", parsing: try #require(BundledThemes.text(named: "monochrome")))
        for role in Role.all {
            #expect(theme.style(for: role) == theme.style(for: role).withoutColor, "\(role)")
        }
        let distinct: [Role] = [.text, .searchHit, .entityPerson, .entityOrganization, .entityPlace]
        #expect(Set(distinct.map { theme.style(for: $0) }).count == distinct.count)
    }

    @Test("t cycles through the bundled themes and wraps around")
    func cycleThemes() {
        var harness = Harness(width: 80, height: 8)
        harness.state.themeNames = ["default", "high-contrast", "light", "monochrome"]
        var seen: [String] = []
        for _ in 0..<5 {
            harness.press(.character("t"))
            seen.append(harness.state.themeName)
        }
        #expect(seen == ["high-contrast", "light", "monochrome", "default", "high-contrast"])
        #expect(harness.screen.lines[7].contains("Theme: high-contrast (t for the next)"))
    }
}

extension Canvas {
    /// The canvas with the search timing blanked, so snapshots do not depend on the clock.
    func withoutTimings() -> Canvas {
        var copy = self
        for y in 0..<height {
            let line = lines[y]
            guard let range = line.range(of: #"\d+(\.\d+)? ms"#, options: .regularExpression) else { continue }
            let start = line.distance(from: line.startIndex, to: range.lowerBound)
            let length = line.distance(from: range.lowerBound, to: range.upperBound)
            for x in start..<(start + length) { copy[x, y].character = "#" }
        }
        return copy
    }
}
