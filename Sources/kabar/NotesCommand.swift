import ArgumentParser
import Foundation
import Library
import ReaderApp

/// `kabar notes`: the notes made in the reader, with their articles.
struct NotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notes",
        abstract: "List the notes made in the reader (V, i) with their articles, oldest first.",
        discussion: """
            One line per note: written<TAB>file<TAB>title<TAB>passage<TAB>note<TAB>state, tabs, \
            newlines and backslashes escaped as kabar list escapes them; state is "ok", \
            "orphaned" (the passage is no longer in the article's text; the note is kept) or "file \
            gone". With --json, one object per line: {"written", "path", "title", "passage", \
            "note", "state"}. Notes are kept in $XDG_STATE_HOME/kabar/notes, one file per store, \
            keyed by the file and the passage's words, so they survive rebuilding the index.
            """)

    @Argument(help: ArgumentHelp("The store (or --store); the bundled sample store when left out.", valueName: "store"))
    var storeArgument: String?

    @Option(help: ArgumentHelp("The store; the bundled sample store when left out.", valueName: "path"))
    var store: String?

    @Flag(help: "Print one JSON object per line.")
    var json = false

    @OptionGroup var options: StoreOptions

    func run() throws {
        let path = try OpenStore.path(argument: storeArgument, option: store)
        let (root, _) = try OpenStore.resolve(path)
        let notes: ArticleNotes
        do {
            notes = try UserState(store: root).files.loadNotes()
        } catch {
            throw CommandFailure("\(error)")
        }
        let opened = try OpenStore.open(path, options: options, progress: OpenStore.terminalProgress())
        let runner = EffectRunner(library: opened.index)
        for note in notes.notes {
            let check = try runner.check(note)
            let state = check.article == nil ? "file gone" : check.isOrphaned ? "orphaned" : "ok"
            if json {
                let object: [String: Any] = [
                    "written": note.written, "path": note.path, "title": note.title, "passage": note.passage,
                    "note": note.text, "state": state,
                ]
                print(jsonLine(object))
            } else {
                print(
                    [note.written, note.path, note.title, note.passage, note.text, state].map(ArticleListing.escaped)
                        .joined(separator: "\t"))
            }
        }
    }
}
