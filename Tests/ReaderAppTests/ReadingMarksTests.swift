import Foundation
import KabarTestSupport
import TerminalUI
import Testing

@testable import ReaderApp

@Suite("Reading marks")
struct ReadingMarksTests {
    @Test("marks change in steps, and undo takes them back one step at a time")
    func undoLevels() {
        var marks = ReadingMarks()
        #expect(marks.set(.read, true, on: ["a.txt"]) == 1)
        #expect(marks.set(.star, true, on: ["b.txt"]) == 1)
        #expect(marks.set(.read, true, on: ["a.txt", "b.txt", "c.txt", "c.txt"]) == 2)
        #expect(marks.set(.read, true, on: ["a.txt"]) == 0)
        #expect(marks.read == ["a.txt", "b.txt", "c.txt"])
        #expect(marks.undo() == 2)
        #expect(marks.read == ["a.txt"])
        #expect(marks.starred == ["b.txt"])
        #expect(marks.undo() == 1)
        #expect(marks.starred.isEmpty)
        #expect(marks.undo() == 1)
        #expect(marks.read.isEmpty)
        #expect(marks.undo() == 0)
    }

    @Test("undo keeps the last hundred changes")
    func undoLimit() {
        var marks = ReadingMarks()
        for i in 0..<150 { marks.set(.read, true, on: ["\(i).txt"]) }
        var undone = 0
        while marks.undo() > 0 { undone += 1 }
        #expect(undone == ReadingMarks.undoLevels)
        #expect(marks.read.count == 50)
    }

    @Test("the state file keeps every mark, whatever the path holds, and reports lines it cannot read")
    func fileFormat() {
        var marks = ReadingMarks()
        let paths = ["a b/c.txt", "tab\there.txt", "new\nline.txt", "back\\slash.txt", "ünï/日本.txt", "cr\r\n.txt"]
        marks.set(.read, true, on: paths)
        marks.set(.star, true, on: paths.prefix(2))
        let read = ReadingMarks(parsing: marks.serialized)
        #expect(read.read == marks.read)
        #expect(read.starred == marks.starred)
        #expect(read.problems.isEmpty)
        // What is read back has no history: nothing to undo.
        var reread = read
        #expect(reread.undo() == 0)
        #expect(marks.serialized.hasPrefix("# kabar reading state 1\n"))
        let broken = ReadingMarks(parsing: "# kabar reading state 1\nread\tok.txt\nseen\tx.txt\nread\tbad\\q\nstar\n")
        #expect(broken.read == ["ok.txt"])
        #expect(broken.problems.map(\.line) == [3, 4, 5])
    }

    @Test("marks and the theme chosen with t go to the reading state the program provides")
    func savedThroughTheStore() {
        let kept = MemoryReadingState()
        var harness = Harness(width: 80, height: 10)
        harness.runner = EffectRunner(library: FakeLibrary.standard, readingState: kept)
        harness.state.themeNames = ["default", "light"]
        harness.press(.character("x"), .down, .character("s"), .character("t"))
        #expect(kept.marks?.read == ["store/1.txt"])
        #expect(kept.marks?.starred == ["store/2.txt"])
        #expect(kept.theme == "light")
        #expect(harness.effects.contains(.rememberTheme("light")))
    }

    @Test("when the kept marks could not be read, marks made now are shown but never saved over them")
    func unreadableMarksAreLeftAlone() {
        let kept = MemoryReadingState()
        var harness = Harness(width: 80, height: 10)
        harness.runner = EffectRunner(library: FakeLibrary.standard, readingState: kept)
        harness.state.keepsMarks = false
        harness.press(.character("x"), .down, .character("s"), .character("A"), .character("u"), .enter)
        #expect(harness.state.marks.read.contains("store/1.txt"))
        #expect(!harness.effects.contains { if case .saveMarks = $0 { true } else { false } })
        #expect(kept.marks == nil)
    }

    @Test("x, s, A and u mark, star, mark all in view and undo; opening an article marks it read")
    func keys() {
        var harness = Harness(width: 80, height: 10)
        #expect(harness.screen.lines[9].hasPrefix(" 3 articles · 3 unread · 1/3"))
        harness.press(.character("x"))
        #expect(harness.state.marks.read == ["store/1.txt"])
        #expect(harness.screen.lines[9].hasPrefix(" 3 articles · 2 unread"))
        #expect(harness.screen.lines[9].contains("Marked read (u undoes)"))
        harness.press(.down, .character("s"))
        #expect(harness.state.marks.starred == ["store/2.txt"])
        #expect(harness.screen.lines[9].hasPrefix(" 3 articles · 2 unread · 2/3"))
        // The read title is drawn as a title; after moving up, the unread one in its own role.
        #expect(roles(harness.screen, row: 2).contains(.listTitle))
        #expect(!roles(harness.screen, row: 2).contains(.listUnread))
        harness.press(.up)
        #expect(harness.screen.lines[3].hasPrefix("*2024-06-20 11:33 radardetik.id"))
        #expect(roles(harness.screen, row: 3).contains(.listUnread))
        #expect(roles(harness.screen, row: 3).contains(.listStar))
        harness.press(.character("A"))
        #expect(harness.state.marks.read.count == 3)
        #expect(harness.screen.lines[9].contains("2 articles marked read"))
        harness.press(.character("u"))
        #expect(harness.state.marks.read == ["store/1.txt"])
        harness.press(.character("u"), .character("u"))
        #expect(harness.state.marks.read.isEmpty)
        #expect(harness.state.marks.starred.isEmpty)
        harness.press(.character("u"))
        #expect(harness.screen.lines[9].contains("Nothing to undo."))
        harness.press(.down, .enter)
        #expect(harness.state.pane == .article)
        #expect(harness.state.marks.read == ["store/2.txt"])
        #expect(harness.effects.filter { if case .saveMarks = $0 { true } else { false } }.count == 7)
    }
}

func roles(_ canvas: Canvas, row: Int) -> Set<Role> { Set((0..<canvas.width).map { canvas[$0, row].role }) }

/// Reading state kept in memory, as a program would keep it in files.
final class MemoryReadingState: ReadingStateStore, @unchecked Sendable {
    private let lock = NSLock()
    private var storedMarks: ReadingMarks?
    private var storedTheme: String?

    var marks: ReadingMarks? { lock.withLock { storedMarks } }
    var theme: String? { lock.withLock { storedTheme } }

    func loadMarks() throws -> ReadingMarks { lock.withLock { storedMarks ?? ReadingMarks() } }
    func saveMarks(_ marks: ReadingMarks) throws { lock.withLock { storedMarks = marks } }
    func rememberedTheme() -> String? { theme }
    func rememberTheme(_ name: String) throws { lock.withLock { storedTheme = name } }

    private var storedSearches = SavedSearches()
    private var storedHistory = SearchHistory()
    var searches: SavedSearches { lock.withLock { storedSearches } }
    var history: SearchHistory { lock.withLock { storedHistory } }
    func loadSearches() throws -> SavedSearches { searches }
    func saveSearches(_ searches: SavedSearches) throws { lock.withLock { storedSearches = searches } }
    func loadHistory() throws -> SearchHistory { history }
    func saveHistory(_ history: SearchHistory) throws { lock.withLock { storedHistory = history } }

    private var storedNotes = ArticleNotes()
    var notes: ArticleNotes { lock.withLock { storedNotes } }
    func loadNotes() throws -> ArticleNotes { notes }
    func saveNotes(_ notes: ArticleNotes) throws { lock.withLock { storedNotes = notes } }
}
