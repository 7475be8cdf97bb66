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
        let harness = Harness(width: 80, height: 10)
        let lines = harness.screen.lines
        #expect(lines[0].hasPrefix(" kabar   1 List   2 Article   3 Search"))
        #expect(lines[0].hasSuffix("test store"))
        #expect(lines[1] == " Date             Outlet             Title")
        #expect(lines[2] == " 2024-06-25 14:40 genpi.co           Rusia Menantang Barat Soal Ukraina")
        #expect(lines[4].hasPrefix(" —                gemalantang.com    GEMALANTANG.COM -- Juru bicara"))
        #expect(lines[9].hasPrefix(" 3 articles"))
        expectSnapshot(harness.screen, named: "list-80x10")
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
        #expect(lines.contains { $0.contains("3 entities, 4 mentions") })
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
        var harness = Harness(width: 100, height: 10)
        harness.press(.character("o"), .down, .enter)
        #expect(
            harness.screen.lines[9].contains(
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
        _ = harness.state.update(.resize(width: 39, height: 10))
        #expect(harness.screen.lines == ["terminal too small: 40×10 needed"] + Array(repeating: "", count: 9))
    }

    @Test("the sample store is named in the status line")
    func sampleStoreStatus() {
        var state = AppState(storeName: "sample store", isSampleStore: true, width: 80, height: 10)
        _ = state.update(.listLoaded(ListPage(count: 0, position: 0, page: 0, rows: []), request: 0))
        #expect(ReaderView.render(state).lines[9].contains("sample store"))
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

    @Test("the light theme's titles and entity colours stay readable on dark backgrounds as on light ones")
    func lightThemeHoldsOnDark() throws {
        let theme = try Theme(name: "light", parsing: try #require(BundledThemes.text(named: "light")))
        /// WCAG contrast of a colour against black and against white.
        func contrasts(_ color: TerminalColor) -> (black: Double, white: Double)? {
            guard let (r, g, b) = color.rgb else { return nil }
            func linear(_ value: UInt8) -> Double {
                let c = Double(value) / 255
                return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
            }
            let luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
            return ((luminance + 0.05) / 0.05, 1.05 / (luminance + 0.05))
        }
        for role in [Role.entityPerson, .entityOrganization, .entityPlace] {
            let style = theme.style(for: role)
            #expect(style.background == .terminalDefault, "\(role)")
            let ratio = try #require(contrasts(style.foreground), "\(role)")
            #expect(ratio.black >= 4 && ratio.white >= 4, "\(role): \(ratio)")
        }
        // Titles are drawn in the terminal's own colour, never in black.
        for role in [Role.title, .listUnread] {
            #expect(theme.style(for: role).foreground == .terminalDefault, "\(role)")
        }
    }

    @Test("the theme is --theme's, else the config file's, else the one last chosen with t, else default")
    func themePrecedence() {
        let bundled = ["default", "high-contrast", "light", "monochrome"]
        func choice(_ option: String?, _ config: String?, _ remembered: String?, noColor: Bool = false)
            -> ThemeChoice
        {
            ThemeChoice(option: option, config: config, remembered: remembered, noColor: noColor, bundled: bundled)
        }
        #expect(choice("light", "high-contrast", "monochrome") == ThemeChoice(name: "light", source: .option))
        #expect(choice(nil, "high-contrast", "light") == ThemeChoice(name: "high-contrast", source: .config))
        #expect(choice(nil, nil, "light") == ThemeChoice(name: "light", source: .remembered))
        #expect(choice(nil, nil, nil) == ThemeChoice(name: "default", source: .standard))
        // A remembered name that is no bundled theme (any more) is ignored.
        #expect(choice(nil, nil, "gone") == ThemeChoice(name: "default", source: .standard))
        #expect(choice("light", nil, nil, noColor: true) == ThemeChoice(name: "monochrome", source: .noColor))
    }

    @Test("t cycles through the bundled themes and wraps around")
    func cycleThemes() {
        var harness = Harness(width: 80, height: 10)
        harness.state.themeNames = ["default", "high-contrast", "light", "monochrome"]
        var seen: [String] = []
        for _ in 0..<5 {
            harness.press(.character("t"))
            seen.append(harness.state.themeName)
        }
        #expect(seen == ["high-contrast", "light", "monochrome", "default", "high-contrast"])
        #expect(harness.screen.lines[9].contains("Theme: high-contrast (t for the next)"))
    }
}

extension Canvas {
    /// The canvas with the search timing blanked, so snapshots do not depend on the clock.
    func withoutTimings() -> Canvas {
        var copy = self
        for y in 0..<height {
            let line = lines[y]
            guard let range = line.range(of: #"\d+(\.\d+)? ms"#, options: .regularExpression) else { continue }
            // One width whatever the time (`0.4 ms`, `12 ms`), the rest of the line moved up to it.
            let characters = Array(line.replacingCharacters(in: range, with: "# ms"))
            for x in 0..<width { copy[x, y].character = x < characters.count ? characters[x] : " " }
        }
        return copy
    }
}

@Suite("Responsive layout")
struct LayoutTests {
    @Test("from 120 columns the list and the article share the screen, split by a rule")
    func sideBySide() throws {
        var harness = Harness(width: 130, height: 16)
        let geometry = harness.state.geometry
        #expect(geometry.isSplit)
        let separator = try #require(geometry.separatorX)
        harness.press(.enter)
        #expect(harness.state.pane == .article)
        let screen = harness.screen
        let lines = screen.lines
        // The list stays on the left with its selection, the article is on the right.
        #expect(lines[2].hasPrefix(" 2024-06-25 14:40 genpi.co        Rusia Menantang"))
        #expect(screen[1, 2].role == .listSelected)
        #expect(String(lines[1].dropFirst(separator + 1)).hasPrefix(" Rusia Menantang Barat Soal Ukraina"))
        for y in 1..<15 { #expect(screen[separator, y].character == "│") }
        // Nothing of the article crosses into the list.
        #expect(harness.state.detail?.layoutWidth == 130 - separator - 1)
        for y in 1..<15 {
            let left = String(lines[y].prefix(separator))
            #expect(!left.contains("Outlet  genpi"), "row \(y): \(left)")
        }
        // Back moves the focus to the list; the article stays in view.
        harness.press(.character("q"))
        #expect(harness.state.pane == .list)
        #expect(String(harness.screen.lines[1].dropFirst(separator + 1)).hasPrefix(" Rusia Menantang"))
        // The search replaces the list on the left.
        harness.press(.character("/"))
        harness.type("Korea")
        #expect(harness.screen.lines[1].hasPrefix(" / Korea▏"))
        #expect(String(harness.screen.lines[1].dropFirst(separator + 1)).hasPrefix(" Rusia Menantang"))
    }

    @Test("the list beside the article keeps its outlet column at 140 columns, narrowed to leave the title room")
    func sidePaneShowsOutlets() {
        var harness = Harness(width: 140, height: 12)
        harness.press(.enter)
        let separator = harness.state.geometry.separatorX ?? 0
        let left = harness.screen.lines.map {
            String($0.prefix(separator)).replacingOccurrences(of: #" +$"#, with: "", options: .regularExpression)
        }
        // The header ends in the list's timeline (the 20th and the 25th of June).
        #expect(left[1] == " Date             Outlet          Title              █    █", "\(left)")
        #expect(left[2].hasPrefix(" 2024-06-25 14:40 genpi.co        Rusia Menantang"), "\(left)")
        #expect(left[4].hasPrefix(" —                gemalantang.com GEMALANTANG.COM"), "\(left)")
        // The title keeps at least 26 columns; narrower rows leave the outlet out.
        #expect(ListLayout.columns(width: 60) == (16, 15, 26))
        #expect(ListLayout.columns(width: 80) == (16, 18, 43))
        #expect(ListLayout.columns(width: 40).outlet == 0)
    }

    @Test("text cut to its room ends with …: the search hint, a query's error and snippets")
    func cutTextEndsWithEllipsis() {
        var harness = Harness(width: 50, height: 12)
        harness.press(.character("/"))
        #expect(harness.screen.lines[2].hasSuffix("…"), "\(harness.screen.plainText)")
        #expect(DisplayWidth.of(harness.screen.lines[2]) == 50)
        let query = "korea putin rusia amerika jepang china (ukraina"
        harness.type(query)
        let error = harness.screen.lines[2]
        #expect(error.hasSuffix("^ unclo…"), "\(error)")
        for _ in 0..<query.count { harness.press(.backspace) }
        harness.type("Korea")
        let snippets = harness.screen.lines.filter {
            $0.hasPrefix("   ") && !$0.trimmingCharacters(in: .whitespaces).isEmpty
        }
        #expect(!snippets.isEmpty && snippets.allSatisfy { $0.hasSuffix("…") }, "\(harness.screen.plainText)")
    }

    @Test("below 120 columns one pane is shown at a time")
    func onePaneAtATime() {
        var harness = Harness(width: 119, height: 16)
        #expect(!harness.state.geometry.isSplit)
        harness.press(.enter)
        #expect(harness.screen.lines[1].hasPrefix(" Rusia Menantang"))
        #expect(!harness.screen.lines.joined().contains("│"))
        #expect(harness.state.detail?.layoutWidth == 119)
    }

    @Test("z reads the article alone in a centred column of 80, and z again goes back")
    func readingMode() throws {
        var harness = Harness(width: 140, height: 20)
        harness.press(.character("z"))
        #expect(harness.state.readingMode)
        #expect(harness.state.pane == .article)
        let text = harness.state.geometry.articleText
        #expect(text.width == 80 && text.x == 30)
        #expect(harness.state.detail?.layoutWidth == 80)
        let screen = harness.screen
        for y in 1..<19 {
            for x in 0..<140 where x < 30 || x >= 110 {
                #expect(screen[x, y].character == " ", "(\(x), \(y)) lies outside the column")
            }
        }
        #expect(screen.lines[1].hasPrefix(String(repeating: " ", count: 30) + " Rusia Menantang"))
        #expect(screen.lines[19].contains("Reading mode"))
        harness.press(.character("z"))
        #expect(!harness.state.readingMode)
        #expect(harness.state.geometry.isSplit)
        #expect(harness.state.detail?.layoutWidth == 140 - harness.state.geometry.article.x)
    }

    @Test("at 40×10 every screen fits and keeps the tab bar and status line; below it one line says so")
    func smallestScreens() {
        var harness = Harness(width: 40, height: 10)
        func check(_ name: String) {
            let lines = harness.screen.lines
            #expect(lines.count == 10, "\(name)")
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= 40 }, "\(name)")
            #expect(lines[0].hasPrefix(" kabar "), "\(name): \(lines[0])")
            #expect(harness.screen[0, 9].role == .status || harness.screen[0, 9].role == .statusFilter, "\(name)")
        }
        check("list")
        harness.press(.character("?"))
        check("help")
        harness.press(.escape, .character("o"))
        check("outlet picker")
        harness.press(.escape, .character("d"))
        check("date prompt")
        harness.press(.escape, .enter)
        check("article")
        harness.press(.character("e"))
        check("entity list")
        harness.press(.escape, .character("r"))
        check("raw page")
        harness.press(.character("/"))
        harness.type("Korea")
        check("search")
        _ = harness.state.update(.resize(width: 40, height: 9))
        #expect(harness.screen.lines[0] == "terminal too small: 40×10 needed")
        #expect(harness.screen.lines.dropFirst().allSatisfy { $0.isEmpty })
    }

    @Test("resizing across 120 columns reflows the article to its new pane, keeping the place in it")
    func resizeAcrossSplit() throws {
        var harness = Harness(width: 80, height: 12)
        harness.press(.enter, .down, .down)
        let before = try #require(harness.state.detail)
        #expect(before.layoutWidth == 80)
        _ = harness.state.update(.resize(width: 160, height: 12))
        let wide = try #require(harness.state.detail)
        #expect(wide.layoutWidth == 160 - harness.state.geometry.article.x)
        #expect(harness.screen.lines.allSatisfy { DisplayWidth.of($0) <= 160 })
        _ = harness.state.update(.resize(width: 60, height: 12))
        let narrow = try #require(harness.state.detail)
        #expect(narrow.layoutWidth == 60)
        #expect(narrow.lines.allSatisfy { DisplayWidth.of($0.text) <= 60 })
        #expect(harness.screen.lines.allSatisfy { DisplayWidth.of($0) <= 60 })
    }
}
