import Articles
import KabarTestSupport
import Library
import TerminalUI
import Testing

@testable import ReaderApp

@Suite("The Stories pane, a story and the compare view")
struct StoriesScreenTests {
    @Test("articles of a story show how many other outlets carry it; articles of none show nothing")
    func listCounts() {
        let harness = Harness(width: 80, height: 10, library: .oneStory)
        let lines = harness.screen.lines
        #expect(lines[2].contains("genpi.co           +2 Rusia Menantang Barat"))
        let plain = Harness(width: 80, height: 10)
        #expect(plain.screen.lines[2].contains("genpi.co           Rusia Menantang Barat"))
    }

    @Test("tab 4 lists stories with their dates, outlets, articles, headline and names; + and - change the outlets")
    func storiesPane() {
        var harness = Harness(width: 100, height: 10, library: .oneStory)
        harness.press(.tab, .tab)
        #expect(harness.state.pane == .stories)
        let lines = harness.screen.lines
        #expect(lines[0].contains("4 Stories"))
        #expect(lines[1].hasPrefix(" Stories of 2+ outlets · 1 · Enter opens"))
        #expect(
            lines[2].hasPrefix(
                " 2024-06-20..06-25 3 outlets 3 articles   Putin Teken Kerja Sama Pertahanan di … · Vladimir Putin, …"))
        #expect(lines[9].hasPrefix(" 3 articles · 3 unread · 1 story · 1/1"))
        expectSnapshot(harness.screen, named: "stories-100x10")
        harness.press(.character("+"), .character("+"))
        #expect(harness.state.stories.minimumOutlets == 4)
        #expect(harness.state.stories.list.isEmpty)
        #expect(harness.screen.lines[2].contains("No story of 4 or more outlets"))
        harness.press(.character("-"))
        #expect(harness.state.stories.list.count == 1)
    }

    @Test("a long list of stories is loaded a page at a time around the view; a reload keeps the story selected")
    func storiesByPage() {
        var library = FakeLibrary.oneStory
        // 250 stories, newest first; every third is carried by three outlets, the others by two.
        library.listedStories = (0..<250).map { number in
            StorySummary(
                id: Int64(1000 + number), first: PublishedDate(iso: "2024-06-20"),
                last: PublishedDate(iso: "2024-06-20"),
                articleCount: 3, outletCount: number % 3 == 0 ? 3 : 2, headline: "Kisah nomor \(number + 1)", names: [])
        }
        var harness = Harness(width: 100, height: 10, library: library)
        harness.press(.character("4"))
        #expect(harness.screen.lines[1].hasPrefix(" Stories of 2+ outlets · 250 · Enter opens"))
        #expect(harness.screen.lines[2].hasSuffix("Kisah nomor 1"))
        #expect(harness.screen.lines[9].contains("250 stories · 1/250"))
        // Only the first page was read.
        #expect(harness.state.stories.list.loadedRows.count == 100)
        harness.press(.character("G"))
        #expect(harness.state.stories.selection == 249)
        #expect(harness.screen.lines[8].contains("Kisah nomor 250"))
        #expect(harness.screen.lines[9].contains("250 stories · 250/250"))
        #expect(harness.effects.contains { if case .loadStoryPage(_, _, _, _, 2) = $0 { true } else { false } })
        // Up to a story of three outlets; with three or more it stays selected where it now stands.
        harness.press(.up, .up, .up)
        let chosen = harness.state.stories.list[harness.state.stories.selection]
        #expect(chosen?.headline == "Kisah nomor 247" && chosen?.outletCount == 3)
        harness.press(.character("+"))
        #expect(harness.state.stories.list.count == 84)
        #expect(harness.state.stories.selection == 82)
        #expect(harness.state.stories.list[82]?.id == chosen?.id)
        #expect(harness.screen.lines.contains { $0.contains("Kisah nomor 247") })
        harness.press(.character("-"))
        #expect(harness.state.stories.selection == 246)
        #expect(harness.screen.lines[9].contains("250 stories · 247/250"))
    }

    @Test("the number of a tab goes to its pane; 2 without an open article says so and stays")
    func paneNumbers() {
        var harness = Harness(width: 100, height: 10, library: .oneStory)
        harness.press(.character("4"))
        #expect(harness.state.pane == .stories)
        #expect(harness.screen.lines[1].hasPrefix(" Stories of 2+ outlets · 1 · Enter opens"))
        harness.press(.character("1"))
        #expect(harness.state.pane == .list)
        harness.press(.character("2"))
        #expect(harness.state.pane == .list)
        #expect(harness.screen.lines[9].contains("No article open"))
        harness.press(.enter, .character("1"))
        #expect(harness.state.pane == .list)
        harness.press(.character("2"))
        #expect(harness.state.pane == .article)
        harness.press(.character("3"))
        #expect(harness.state.pane == .search)
        // Typed into the search prompt, a digit is part of the query, not a tab.
        harness.type("4")
        #expect(harness.state.pane == .search)
    }

    @Test("the search in force narrows the stories to those of its matches; a filter set in the pane reloads them")
    func storiesOfASearch() {
        var harness = Harness(width: 100, height: 10, library: .oneStory)
        harness.press(.character("/"))
        harness.type("Kirby")
        harness.press(.escape, .tab)
        #expect(harness.state.pane == .stories)
        #expect(harness.state.stories.list.count == 1)
        #expect(harness.screen.lines[1].hasPrefix(" Stories of 2+ outlets matching “Kirby” · 1"))
        harness.press(.character("/"))
        harness.type("zzzz")
        harness.press(.escape, .tab)
        #expect(harness.state.pane == .stories)
        #expect(harness.state.stories.list.isEmpty)
        #expect(harness.screen.lines[2].contains("passes the filter and the search"))
        // An outlet filter chosen in the pane applies at once.
        var filtered = Harness(width: 100, height: 10, library: .oneStory)
        filtered.press(.tab, .tab)
        #expect(filtered.state.stories.list.count == 1)
        let effects = filtered.state.apply(ArticleFilter(outlet: "nowhere.example"))
        filtered.settle(effects)
        #expect(filtered.state.stories.list.isEmpty)
    }

    @Test("a story opens as its articles, earliest first; Enter reads one, q goes back step by step")
    func openStory() {
        var harness = Harness(width: 100, height: 10, library: .oneStory)
        harness.press(.tab, .tab, .enter)
        let lines = harness.screen.lines
        #expect(lines[1].hasPrefix(" Story of 3 outlets, 3 articles (C compares two): Putin Teken Kerja Sama"))
        #expect(lines[2].contains("radardetik.id"))
        #expect(lines[3].contains("genpi.co"))
        #expect(lines[4].contains("gemalantang.com"))
        #expect(lines[9].hasPrefix(" 3 articles · 3 unread · story 1/3"))
        harness.press(.down, .enter)
        #expect(harness.state.pane == .article)
        #expect(harness.state.detail?.article.summary.id == 1)
        harness.press(.character("q"))
        #expect(harness.state.pane == .stories && harness.state.stories.open != nil)
        harness.press(.character("q"))
        #expect(harness.state.pane == .stories && harness.state.stories.open == nil)
        harness.press(.character("q"))
        #expect(harness.state.pane == .list)
    }

    @Test("a key jumps from an article to its story; an article of no story says so")
    func jumpToStory() {
        var harness = Harness(width: 100, height: 10, library: .oneStory)
        harness.press(.character("a"))
        #expect(harness.state.pane == .stories)
        #expect(harness.state.stories.open?.articles.count == 3)
        // The story's own headline, as the Stories pane lists it.
        #expect(harness.state.stories.open?.headline == "Putin Teken Kerja Sama Pertahanan di 日本 Korea Utara")
        var plain = Harness(width: 100, height: 10)
        plain.press(.character("a"))
        #expect(plain.state.pane == .list)
        #expect(plain.state.message == "No other article in the store reports this one's story.")
    }

    @Test("C on two articles compares them: side by side when wide, sentences only one has marked, names apart")
    func compareWide() throws {
        var harness = Harness(width: 120, height: 16, library: .oneStory)
        harness.press(.character("a"), .character("C"), .down, .character("C"))
        let comparison = try #require(harness.state.stories.comparison)
        #expect(comparison.left.id == 2 && comparison.right.id == 1)
        let lines = harness.screen.lines
        #expect(lines[1].hasPrefix(" < radardetik.id, 2024-06-20 11:33: Putin Teken"))
        #expect(lines[1].contains(" │ > genpi.co, 2024-06-25 14:40: Rusia Menantang"))
        // No sentence is shared: every one is marked as its article's own.
        let roles = harness.screen.roleLines(legend: [.searchHit: "h", .border: "|"])
        #expect(roles[2].hasPrefix("hhhh"))
        #expect(lines[2].contains("│"))
        #expect(lines.contains { $0.contains("< only:") && $0.contains("Amerika Serikat") })
        #expect(lines.contains { $0.contains("> only:") && $0.contains("Vladimir Putin") })
        expectSnapshot(harness.screen, named: "compare-120x16")
        harness.press(.character("q"))
        #expect(harness.state.stories.comparison == nil && harness.state.stories.open != nil)
    }

    @Test("narrow, the compared articles stand one above the other, sentence by sentence")
    func compareNarrow() {
        var harness = Harness(width: 70, height: 16, library: .oneStory)
        harness.press(.character("a"), .character("C"), .down, .character("C"))
        let lines = harness.screen.lines
        #expect(lines.contains { $0.hasPrefix("< RADARDETIK.ID") })
        #expect(lines.contains { $0.hasPrefix("> GenPI.co - Presiden Rusia") })
        expectSnapshot(harness.screen, named: "compare-70x16")
    }

    @Test("in a story, copies of one text fold under the earliest, the others stand alone")
    func copiesFold() {
        let text = String(
            repeating: "Presiden Rusia Vladimir Putin tiba di Pyongyang untuk menandatangani pakta pertahanan. ",
            count: 4)
        let summaries = (1...4).map { id in
            ArticleSummary(
                id: Int64(id), path: "\(id).txt", outlet: "o\(id).com", title: "T\(id)", published: nil, lede: "")
        }
        let bodies: [Int64: String] = [
            1: text, 2: "Gempa bumi mengguncang Cianjur pada Senin siang, ratusan rumah rusak dan warga mengungsi.",
            3: text.replacingOccurrences(of: "Beijing", with: "China"), 4: text,
        ]
        let originals = OpenStory.originals(of: summaries, bodies: bodies)
        #expect(originals == [3: 1, 4: 1])
        let story = OpenStory(id: 1, headline: "T1", articles: summaries, originals: originals)
        #expect(story.rows.map(\.article.id) == [1, 3, 4, 2])
        #expect(story.rows.map(\.isCopy) == [false, true, true, false])
    }

    @Test("a shared sentence is paired, drawn plain, with the other's wording beside it")
    func comparisonRows() {
        let left = FakeLibrary.article(
            1, outlet: "a.com", title: "A", date: "2024-06-20T10:00",
            body: "Putin tiba di Pyongyang pada Rabu pagi. Kim menyambutnya di bandara.")
        let right = FakeLibrary.article(
            2, outlet: "b.com", title: "B", date: "2024-06-20T11:00",
            body: "Putin tiba di Pyongyang pada Rabu dini hari. Ribuan warga berbaris di jalan.")
        let comparison = ComparisonState(left: left, right: right)
        #expect(comparison.rows.count == 3)
        #expect(comparison.rows[0].left == "Putin tiba di Pyongyang pada Rabu pagi.")
        #expect(comparison.rows[0].right == "Putin tiba di Pyongyang pada Rabu dini hari.")
        let lines = StoriesView.comparisonLines(comparison, width: 60)
        #expect(lines[0].text == "> b.com, 2024-06-20 11:00: B")
        #expect(lines[1].text == "= Putin tiba di Pyongyang pada Rabu pagi.")
        #expect(lines[1].runs.allSatisfy { $0.role == .text })
        #expect(lines[2].text == "~ Putin tiba di Pyongyang pada Rabu dini hari.")
        #expect(lines[3].runs.first?.role == .searchHit)
    }
}
