import Foundation
import KabarTestSupport
import Library
import TerminalUI
import Testing

@testable import ReaderApp

@Suite("Quotes in the reader")
struct QuotesScreenTests {
    /// The standard articles and a newer one quoting John Kirby, who speaks in article 3 too.
    static let library: FakeLibrary = {
        var library = FakeLibrary.standard
        library.stored.insert(
            FakeLibrary.article(
                4, outlet: "kompas.com", title: "Gedung Putih Tanggapi Pakta Rusia", date: "2024-06-26T09:00",
                body:
                    "Juru bicara Gedung Putih John Kirby memberi keterangan kepada wartawan.\n\"Kami akan terus mendukung Ukraina,\" kata Kirby di Washington."
            ), at: 0)
        return library
    }()

    /// The article pane open on the newest article (the quoting one), its entity list on John Kirby.
    func kirbyInEntityList() throws -> Harness {
        var harness = Harness(width: 90, height: 18, library: Self.library)
        harness.press(.enter)
        #expect(harness.state.detail?.article.summary.id == 4)
        harness.press(.character("e"))
        let entities = try #require(harness.state.detail?.entities)
        let kirby = try #require(entities.firstIndex { $0.name == "John Kirby" })
        for _ in 0..<kirby { harness.press(.down) }
        return harness
    }

    @Test("a direct quote is drawn in its own role in the article")
    func quoteRole() throws {
        var harness = Harness(width: 90, height: 18, library: Self.library)
        harness.press(.enter)
        let screen = harness.screen
        let lines = screen.lines
        let row = try #require(lines.firstIndex { $0.contains("Kami akan terus mendukung Ukraina") })
        let column = try #require(lines[row].range(of: "Kami")).lowerBound.utf16Offset(in: lines[row])
        #expect(screen[column, row].role == .quote)
        #expect(screen[column + 10, row].role == .quote)
        // The attribution after the quote is plain text (or the speaker's entity colour).
        let after = try #require(lines[row].range(of: "di Washington")).lowerBound.utf16Offset(in: lines[row])
        #expect(screen[after, row].role != .quote)
    }

    @Test("the entity list counts each person's quotes across the store")
    func entityListCounts() throws {
        let harness = try kirbyInEntityList()
        // One here, two in article 3.
        #expect(harness.state.detail?.storeQuoteCounts?["John Kirby"] == 3)
        #expect(harness.screen.lines.contains { $0.contains("John Kirby") && $0.contains("3 quotes · ") })
        #expect(harness.effects.contains { if case .countQuotes = $0 { true } else { false } })
    }

    @Test(
        "\" on a person lists everything they said across the store, newest first; Enter opens the article at the quote"
    )
    func quotesView() throws {
        var harness = try kirbyInEntityList()
        harness.press(.character("\""))
        guard case .quotes(let speaker, let quotes, _) = harness.state.overlay else {
            Issue.record("no Quotes view: \(String(describing: harness.state.overlay))")
            return
        }
        #expect(speaker == "John Kirby")
        #expect(quotes.map(\.article.id) == [4, 3, 3])
        let lines = harness.screen.lines
        #expect(lines.contains { $0.contains("3 quotes by John Kirby, newest first") })
        #expect(
            lines.contains {
                $0.contains("2024-06-26 kompas.com") && $0.contains("“Kami akan terus mendukung Ukraina,")
            })
        #expect(lines.contains { $0.contains("undated") && $0.contains("~ perjanjian itu tanda keputusasaan") })
        expectSnapshot(harness.screen, named: "quotes-90x18")
        // The second quote is in article 3: Enter opens it there.
        harness.press(.down, .enter)
        #expect(harness.state.overlay == nil)
        #expect(harness.state.detail?.article.summary.id == 3)
        #expect(harness.state.pendingQuoteStart == nil)
    }

    @Test("\" on a place says quotes are listed for people")
    func notAPerson() throws {
        var harness = Harness(width: 90, height: 18, library: Self.library)
        harness.press(.down, .down, .down, .enter, .character("e"))
        let entities = try #require(harness.state.detail?.entities)
        let place = try #require(entities.firstIndex { $0.kind != .person })
        for _ in 0..<place { harness.press(.down) }
        harness.press(.character("\""))
        #expect(harness.state.message == "Quotes are listed for people: choose a person.")
    }
}
