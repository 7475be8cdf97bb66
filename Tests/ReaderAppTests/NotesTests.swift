import Foundation
import KabarTestSupport
import Library
import Search
import TerminalUI
import Testing

@testable import ReaderApp

@Suite("Notes and highlights")
struct NotesTests {
    static let note = ArticleNote(
        path: "store/1.txt", passage: "Putin juga mengumumkan kerja sama dengan Korea Utara.", text: "cek sumber\tlain",
        title: "Rusia Menantang Barat Soal Ukraina", written: "2026-12-05T10:00")

    @Test("notes are written one a line and read back the same; one on the same passage replaces it")
    func roundTrip() {
        var notes = ArticleNotes()
        notes.save(Self.note)
        notes.save(
            ArticleNote(
                path: "odd\tname\n.txt", passage: "two\nlines", text: "", title: "", written: "2026-12-05T11:00"))
        let read = ArticleNotes(parsing: notes.serialized)
        #expect(read.problems.isEmpty)
        #expect(read == notes)
        var edited = Self.note
        edited.text = "sudah dicek"
        notes.save(edited)
        #expect(notes.notes.count == 2)
        #expect(notes.notes(on: "store/1.txt").map(\.text) == ["sudah dicek"])
        let damaged = ArticleNotes(parsing: "# kabar notes 1\na\tb\tc\td\te\nonly\ttwo\n\tno path\tx\ty\tz\n")
        #expect(damaged.notes.count == 1)
        #expect(damaged.problems.map(\.line) == [3, 4])
    }

    @Test("a note's passage is found wherever it moved in the text, and not when it is gone")
    func passageRange() {
        let body =
            "Kalimat baru di depan.\nGenPI.co - Presiden Rusia.\nPutin juga mengumumkan kerja sama dengan Korea Utara."
        let range = Self.note.range(in: body)
        #expect(range.map { String(decoding: Array(body.utf8)[$0], as: UTF8.self) } == Self.note.passage)
        #expect(Self.note.range(in: "Putin juga mengumumkan hal lain.") == nil)
    }

    @Test("note: words find the files whose notes or passages have them all, case and accents ignored")
    func noteWords() {
        var notes = ArticleNotes([Self.note])
        notes.save(
            ArticleNote(path: "store/3.txt", passage: "Kirby", text: "Sumber Gedung Putih", title: "", written: ""))
        #expect(notes.paths(withWords: ["sumber"]) == ["store/1.txt", "store/3.txt"])
        #expect(notes.paths(withWords: ["sumber", "putih"]) == ["store/3.txt"])
        #expect(notes.paths(withWords: ["korea"]) == ["store/1.txt"])
        #expect(notes.paths(withWords: ["gempa"]).isEmpty)
        #expect(SearchQuery("note:\"Sumber Lain\" putin").noteWords == ["sumber", "lain"])
        #expect(SearchQuery("note:").error != nil)
    }

    /// The first article open, its second paragraph chosen with V and j, and a note typed on it.
    func noted(_ text: String) -> Harness {
        var harness = Harness(width: 90, height: 24)
        harness.press(.enter, .character("V"), .character("j"), .character("j"))
        harness.press(.character("i"))
        harness.type(text)
        harness.press(.enter)
        return harness
    }

    @Test("V chooses lines, i attaches a note; the passage is drawn highlighted and the note is kept with its time")
    func attachNote() throws {
        var harness = Harness(width: 90, height: 24)
        harness.press(.enter, .character("V"))
        #expect(harness.state.detail?.selection != nil)
        harness.press(.character("j"), .character("j"))
        let marked = harness.screen.lines.filter { $0.hasPrefix("▌") || $0.hasPrefix("▶") }
        #expect(marked.count == 3)
        harness.press(.character("i"))
        guard case .notePrompt(_, let passage) = harness.state.overlay else {
            Issue.record("i shows no note prompt")
            return
        }
        #expect(passage.hasPrefix("GenPI.co - Presiden Rusia Vladimir Putin"))
        #expect(passage.hasSuffix("Putin juga mengumumkan kerja sama dengan Korea Utara."))
        harness.type("cek sumber")
        harness.press(.enter)
        #expect(harness.state.message == "Note kept (' lists notes)")
        let note = try #require(harness.state.notes.notes.first)
        #expect(note.text == "cek sumber")
        #expect(note.path == "store/1.txt")
        // The runner gave it the time it was saved.
        #expect(note.written.count == 16)
        #expect(harness.effects.contains { if case .saveNotes = $0 { true } else { false } })
        let screen = harness.screen
        let row = try #require(screen.lines.firstIndex { $0.contains("Putin juga mengumumkan") })
        let column = try #require(screen.lines[row].range(of: "mengumumkan")).lowerBound.utf16Offset(
            in: screen.lines[row])
        #expect(screen[column, row].role == .highlight)
        #expect(harness.state.detail?.selection == nil)
    }

    @Test("i alone notes the paragraph at the top, or the match shown; Esc leaves lines unchosen")
    func noteWithoutSelection() {
        var harness = Harness(width: 90, height: 24)
        harness.press(.enter, .character("V"), .escape)
        #expect(harness.state.detail?.selection == nil)
        #expect(harness.state.pane == .article)
        harness.press(.character("i"))
        guard case .notePrompt(_, let passage) = harness.state.overlay else {
            Issue.record("i shows no note prompt")
            return
        }
        #expect(passage == "GenPI.co - Presiden Rusia Vladimir Putin bersedia menantang negara-negara Barat.")
        harness.press(.escape, .character("f"))
        harness.type("Korea Utara")
        harness.press(.enter, .character("i"))
        guard case .notePrompt(_, let found) = harness.state.overlay else {
            Issue.record("i shows no note prompt")
            return
        }
        #expect(found == "Korea Utara")
        // An empty note keeps the passage highlighted.
        harness.press(.enter)
        #expect(harness.state.notes.notes.map(\.text) == [""])
        #expect(harness.state.message == "Passage highlighted (' lists notes)")
    }

    @Test("' lists every note with its article; Enter opens the article at the passage; D removes the note")
    func notesView() throws {
        var harness = noted("cek sumber")
        harness.press(.character("1"), .character("'"))
        let screen = harness.screen.lines.joined(separator: "\n")
        #expect(screen.contains("1 note, newest first"))
        #expect(screen.contains("Rusia Menantang Barat Soal Ukraina"))
        #expect(screen.contains("cek sumber"))
        #expect(!screen.contains("passage no longer"))
        harness.press(.enter)
        #expect(harness.state.pane == .article)
        #expect(harness.state.detail?.article.summary.id == 1)
        harness.press(.character("'"), .character("D"))
        #expect(harness.state.notes.notes.isEmpty)
        #expect(harness.state.detail?.noteRanges.isEmpty == true)
    }

    @Test("a note whose passage left the article is kept and shown as orphaned")
    func orphaned() {
        var harness = Harness(width: 100, height: 20)
        harness.state.notes = ArticleNotes([
            ArticleNote(
                path: "store/2.txt", passage: "Kalimat yang sudah dihapus.", text: "hilang?", title: "Putin Teken",
                written: "2026-12-01T09:00"),
            ArticleNote(
                path: "store/9.txt", passage: "Berkas lama.", text: "", title: "Berkas yang dihapus",
                written: "2026-12-01T08:00"),
        ])
        harness.press(.character("'"))
        let screen = harness.screen.lines.joined(separator: "\n")
        #expect(screen.contains("(passage no longer in the article) Putin Teken"))
        #expect(screen.contains("(file gone) Berkas yang dihapus"))
        expectSnapshot(harness.screen, named: "notes-100x20")
    }

    @Test("note:WORDS searches the articles whose notes have the words, with the rest of the query")
    func noteSearch() {
        var harness = noted("cek sumber")
        harness.press(.character("/"))
        harness.type("note:sumber")
        #expect(harness.state.search.hitCount == 1)
        #expect(harness.state.search.hit(at: 0)?.summary.id == 1)
        harness.press(.escape, .character("/"), .up)
        harness.type(" kirby")
        #expect(harness.state.search.input == "note:sumber kirby")
        #expect(harness.state.search.hitCount == 0)
        harness.state.search.input = ""
        harness.press(.character("/"))
        harness.type("note:gempa")
        #expect(harness.state.search.hitCount == 0)
    }

    @Test("notes made while the notes file could not be read are kept for the session, never written")
    func unreadableNotesFileIsLeftAlone() {
        var harness = Harness(width: 90, height: 24)
        harness.state.keepsNotes = false
        harness.press(.enter, .character("i"))
        harness.type("cek")
        harness.press(.enter)
        #expect(harness.state.notes.notes.count == 1)
        #expect(!harness.effects.contains { if case .saveNotes = $0 { true } else { false } })
        #expect(harness.state.message?.hasPrefix("Noted for this session only") == true)
    }

    @Test("Enter before the notes' articles are found opens the chosen one when they are")
    func enterBeforeChecked() {
        var state = AppState(storeName: "test", isSampleStore: false, width: 90, height: 20)
        state.notes = ArticleNotes([Self.note])
        let asked = state.update(.key(.character("'")))
        #expect(asked == [.checkNotes([Self.note], request: 1)])
        #expect(state.update(.key(.enter)).isEmpty)
        let effects = state.update(.notesChecked([NoteCheck(article: 1, isOrphaned: false)], request: 1))
        #expect(effects == [.loadArticle(id: 1, query: nil, request: 1)])
        #expect(state.overlay == nil)
        #expect(state.pendingPassage == Self.note.passage)
    }
}
