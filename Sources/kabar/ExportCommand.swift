import ArgumentParser
import ArticleIndex
import Foundation
import Library
import ReaderApp
import Research
import StateFiles

/// `kabar export`: articles matching a query, with their text, names, marks and notes, as JSON
/// lines, CSV or a Markdown digest.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the articles matching a query (every article without one) as JSON lines, CSV or Markdown.",
        discussion: """
            One record per article, newest first: id, file (its full path), path (in the store), \
            outlet, published, title, url, story, read, starred (the reader's marks), entities \
            (kind, name, mentions; most mentioned first), notes and body (the cleaned text, \
            paragraphs separated by a newline).

            jsonl: one JSON object per line (pandas.read_json(path, lines=True) reads it). csv: a \
            header row, then one row per article, fields quoted where needed (RFC 4180, CRLF line \
            ends, newlines kept inside quoted fields); people, organisations and places are \
            columns of "Name (mentions)" separated by "; "; --bom starts the file with a UTF-8 \
            byte-order mark for spreadsheet programs. md: a digest with a heading, a citation and \
            the opening of each article.

            With --output the file appears whole when the export ends, or not at all: Ctrl-C stops \
            the export and leaves nothing behind. Without it the records go to standard output.
            """)

    @Argument(
        parsing: .allUnrecognized, help: ArgumentHelp("The query (as kabar search takes it).", valueName: "query"))
    var query: [String] = []

    @Option(help: ArgumentHelp("The store to export from; the bundled sample store when left out.", valueName: "path"))
    var store: String?

    @Option(help: ArgumentHelp("jsonl, csv or md.", valueName: "format"))
    var format: String = "jsonl"

    @Option(help: ArgumentHelp("The file to write (standard output when left out).", valueName: "file"))
    var output: String?

    @Flag(help: "With --format csv: start the file with a UTF-8 byte-order mark.")
    var bom = false

    @OptionGroup var filterOptions: FilterOptions
    @OptionGroup var options: StoreOptions
    @OptionGroup var team: TeamOptions

    var chosenFormat: ExportFormat? { ExportFormat(rawValue: format.lowercased()) }

    func validate() throws {
        guard let chosenFormat else {
            throw ValidationError("--format must be jsonl, csv or md, not '\(format)'")
        }
        if bom && chosenFormat != .csv { throw ValidationError("--bom goes with --format csv") }
        if let option = query.first(where: { $0.hasPrefix("--") && $0.count > 2 }) {
            throw ValidationError("unknown option \(option)")
        }
        _ = try filterOptions.filter()
        try team.refuse(store: store)
    }

    func run() throws {
        let filter = try filterOptions.filter()
        let parsed = try QueryWords.parse(query)
        let library: any ArticleLibrary
        let root: URL?
        let marks: ReadingMarks
        let notes: ArticleNotes
        let narrowed: ArticleFilter
        if let teamLibrary = try team.library() {
            let state = TeamState(library: teamLibrary, user: team.user)
            (library, root) = (teamLibrary, nil)
            marks = UserState.kept(state.state.loadMarks, or: "exporting without read and starred marks")
            notes = UserState.kept(state.state.loadNotes, or: "exporting without notes")
            narrowed = try state.filter(for: parsed, filter)
        } else {
            let opened = try OpenStore.open(store, options: options, progress: OpenStore.terminalProgress())
            let state = UserState(store: opened.root)
            (library, root) = (opened.index, opened.root)
            marks = state.marks(purpose: "exporting")
            notes = state.notes(purpose: "exporting")
            narrowed = state.filter(for: parsed, filter)
        }
        let ids = try library.articleIDs(matching: parsed, filter: narrowed)
        let title = [query.joined(separator: " "), filter.summary].filter { !$0.isEmpty }.joined(separator: " · ")
        let exporter = Exporter(
            library: library, storeRoot: root,
            writer: ExportWriter(format: chosenFormat ?? .jsonl, byteOrderMark: bom, title: title),
            marks: { (marks.isRead($0), marks.isStarred($0)) },
            notes: { notes.notes(on: $0).map { ExportNote(passage: $0.passage, text: $0.text) } })
        guard let output else {
            let out = FileHandle.standardOutput
            try exporter.export(ids: ids, write: { out.write(Data($0.utf8)) })
            return
        }
        let interruption = Interruption()
        let progress = Self.progress(total: ids.count)
        do {
            try AtomicFile.write(to: output) { write in
                try exporter.export(
                    ids: ids, write: write, progress: progress, isCancelled: { interruption.isRequested })
            }
        } catch let error as AtomicFile.WriteError {
            throw CommandFailure(error.description)
        } catch is Exporter.Cancelled {
            FileHandle.standardError.write(Data("\r\u{1B}[Kkabar: export stopped; \(output) was not written\n".utf8))
            throw ExitCode(130)
        }
        if isatty(STDERR_FILENO) == 1 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        FileHandle.standardError.write(
            Data("kabar: \(ids.count) article\(ids.count == 1 ? "" : "s") written to \(output)\n".utf8))
    }

    /// Progress on standard error when it is a terminal, at most a few times a second.
    static func progress(total: Int) -> (Int, Int) -> Void {
        guard isatty(STDERR_FILENO) == 1 else { return { _, _ in } }
        var last = DispatchTime.now().uptimeNanoseconds
        return { done, total in
            let now = DispatchTime.now().uptimeNanoseconds
            guard now - last > 200_000_000 || done == total else { return }
            last = now
            FileHandle.standardError.write(Data("\rexporting \(done)/\(total) articles… (Ctrl-C stops)".utf8))
        }
    }
}
