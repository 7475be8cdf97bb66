import ArgumentParser
import ArticleIndex
import BundledThemes
import CursesTerminal
import Foundation
import Library
import PostgresIndex
import ReaderApp
import StateFiles
import TerminalUI

/// `kabar [STORE]`: the interactive reader.
struct Read: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Open the reader on a store (the default command).")

    @Argument(
        help: ArgumentHelp(
            "A folder of .txt articles (or --store); the bundled sample store when left out.", valueName: "store"))
    var storeArgument: String?

    @Option(help: ArgumentHelp("The store to read; the bundled sample store when left out.", valueName: "path"))
    var store: String?

    @Option(
        help: ArgumentHelp(
            "A bundled theme's name or a theme file's path (default: the config file's, else the one last chosen with t, else default).",
            valueName: "name|path"))
    var theme: String?

    @Option(
        help: ArgumentHelp(
            "The settings file (default: $XDG_CONFIG_HOME/kabar/config.toml, or ~/.config/kabar/config.toml).",
            valueName: "path"))
    var config: String?

    @Flag(help: "Use the mouse: the wheel scrolls the pane under it, a click selects, a double click opens.")
    var mouse = false

    @OptionGroup var options: StoreOptions

    @OptionGroup var team: TeamOptions

    func validate() throws {
        try team.refuse(store: try OpenStore.path(argument: storeArgument, option: store))
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        // A command given to `|` may stop reading early; that must not end the reader.
        signal(SIGPIPE, SIG_IGN)
        let (config, configProblems) = try loadConfig(environment: environment)
        let (keymap, keyProblems) = config.keymap()
        let problems = (configProblems + keyProblems).sorted { $0.line < $1.line }.map(\.description)
        let path = try OpenStore.path(argument: storeArgument, option: store)
        // The team index: given, or the config file's when no store is given.
        if let database = team.database ?? (path == nil ? config.database : nil) {
            try runOnTeamIndex(database, config: config, keymap: keymap, problems: problems, environment: environment)
            return
        }
        // Check the store before taking over the terminal, so errors print plainly.
        let (root, isSample) = try OpenStore.resolve(path)
        let readingState = ReadingStateFiles(
            marks: IndexLocation.readingStateURL(forStore: root, environment: environment),
            theme: IndexLocation.themeStateURL(environment: environment))
        let (theme, themeProblems) = try chosenTheme(
            config: config, readingState: readingState, environment: environment)
        try MainActor.assumeIsolated {
            let screen = try CursesScreen(theme: theme, environment: environment)
            defer { screen.close() }
            if mouse || config.mouse { screen.enableMouse() }
            let (index, notes) = try OpenStore.openIndex(root: root, options: options)
            var state = AppState(
                storeName: isSample ? "sample store" : root.path, isSampleStore: isSample,
                width: screen.size.width, height: screen.size.height, keymap: keymap)
            state.storeRoot = root.path
            // Until the update beside the reader has read the store, an empty list is not an
            // empty store.
            state.isScanningStore = true
            Self.prepare(&state, problems: themeProblems + problems, notes: notes, readingState: readingState)
            state.themeName = theme.name
            state.exportFormat = config.exportFormat
            let program = ReaderProgram(
                state: state,
                runner: EffectRunner(
                    library: index, readingState: readingState,
                    // Exports go where the user started kabar, as a shell command's output would.
                    exportDestination: ExportFolder(
                        url: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)),
                    storeRoot: root),
                screen: screen)
            // The index is brought up to date beside the reader: the list shows what is indexed
            // and grows while files are read.
            Self.updateInBackground(index, full: options.fullRescan, events: program.events)
            try Self.run(program, screen: screen, environment: environment)
        }
    }

    /// The reader on the team index at `database`: articles, search and stories from the
    /// server; the reading marks, notes and saved searches the user's, kept there too.
    func runOnTeamIndex(
        _ database: String, config: ReaderConfig, keymap: Keymap, problems: [String],
        environment: [String: String]
    ) throws {
        // Connect before taking over the terminal, so a wrong address or password prints plainly.
        let library = try TeamOptions.library(database)
        let address = library.session.address
        let themeFile = IndexLocation.themeStateURL(environment: environment)
        let readingState = TeamReadingState(
            library: library, user: team.user, theme: ReadingStateFiles(marks: themeFile, theme: themeFile))
        let (theme, themeProblems) = try chosenTheme(
            config: config, readingState: readingState, environment: environment)
        let skipped = (try? library.skippedFiles().count) ?? 0
        try MainActor.assumeIsolated {
            let screen = try CursesScreen(theme: theme, environment: environment)
            defer { screen.close() }
            if mouse || config.mouse { screen.enableMouse() }
            var state = AppState(
                storeName: address.description + " as " + readingState.user, isSampleStore: false,
                width: screen.size.width, height: screen.size.height, keymap: keymap)
            state.skippedFileCount = skipped
            Self.prepare(&state, problems: themeProblems + problems, notes: [], readingState: readingState)
            state.themeName = theme.name
            state.exportFormat = config.exportFormat
            let program = ReaderProgram(
                state: state,
                runner: EffectRunner(
                    library: library, readingState: readingState,
                    exportDestination: ExportFolder(
                        url: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))),
                screen: screen)
            Self.watchConnection(library.session, events: program.events)
            try Self.run(program, screen: screen, environment: environment)
        }
    }

    /// Checks the server every second while the reader is open, telling it when the connection is
    /// lost and when it is back (so it reads again what it shows).
    static func watchConnection(_ session: DatabaseSession, events: Mailbox) {
        Thread.detachNewThread {
            var lost = false
            while true {
                do {
                    try session.query("SELECT 1")
                    if lost { events.post(.connectionBack) }
                    lost = false
                } catch {
                    if !lost { events.post(.connectionLost(Self.connectionReason(error))) }
                    lost = true
                }
                Thread.sleep(forTimeInterval: 1)
            }
        }
    }

    /// Why the server cannot be reached, in a few words for the status line.
    static func connectionReason(_ error: any Error) -> String {
        let text = "\(error)"
        guard let colon = text.range(of: ": ", options: .backwards) else { return text }
        return String(text[colon.upperBound...])
    }

    /// The theme to start with, and problems to tell of it (a config file's theme that cannot
    /// be loaded gives way to the default).
    func chosenTheme(config: ReaderConfig, readingState: any ReadingStateStore, environment: [String: String]) throws
        -> (Theme, [String])
    {
        // NO_COLOR: the monochrome theme, whose attributes keep hits and entity types apart.
        let choice = ThemeChoice(
            option: self.theme, config: config.theme, remembered: readingState.rememberedTheme(),
            noColor: !(environment["NO_COLOR"] ?? "").isEmpty, bundled: BundledThemes.names)
        if choice.source != .config { return (try Self.loadTheme(choice.name), []) }
        // A theme the config file names but kabar cannot load is reported; the default is used.
        do {
            return (try Self.loadTheme(choice.name), [])
        } catch {
            return (try Self.loadTheme("default"), ["theme: \(error)"])
        }
    }

    /// Fills the reader's state with what is kept for the user (marks, saved searches, history,
    /// notes) and the problems to tell at once; what cannot be read in full is left as it is and
    /// not saved over.
    @MainActor
    static func prepare(
        _ state: inout AppState, problems: [String], notes: [String], readingState: any ReadingStateStore
    ) {
        state.configProblems = problems
        if let note = notes.first { state.message = Self.sentence(note) }
        if let first = problems.first {
            let more = problems.count > 1 ? " (and \(problems.count - 1) more; ? lists them)" : " (? shows it)"
            state.message = "config.toml " + first + more
        }
        do {
            state.marks = try readingState.loadMarks()
        } catch {
            // Kept as it is, never overwritten: marks made now are not saved.
            state.message = "Cannot read the reading state (\(error)); marks made now will not be saved"
            state.keepsMarks = false
        }
        // Saved searches and the search history likewise: a file that cannot be read in full is
        // left as it is, and changes are kept for this session only.
        do {
            state.savedSearches = try readingState.loadSearches()
        } catch {
            state.message = Self.unreadable("the saved searches", error, "searches saved now will not be kept")
            state.keepsSearches = false
        }
        do {
            state.history = try readingState.loadHistory()
        } catch {
            state.message = Self.unreadable("the search history", error, "queries typed now will not be kept")
            state.keepsHistory = false
        }
        do {
            state.notes = try readingState.loadNotes()
        } catch {
            state.message = Self.unreadable("the notes", error, "notes made now will not be kept")
            state.keepsNotes = false
        }
        state.themeNames = BundledThemes.names
    }

    /// Runs the reader until it is quit or a signal ends it.
    @MainActor
    static func run(_ program: ReaderProgram, screen: CursesScreen, environment: [String: String]) throws {
        program.runInTerminal = { effect in TerminalCommands.run(effect, environment: environment) }
        program.themeChanged = { name in
            if let theme = try? Self.loadTheme(name) { screen.setTheme(theme) }
        }
        var signal: Int32?
        program.run(shouldStop: {
            signal = screen.takePendingSignal()
            return signal != nil
        })
        if let signal {
            // Ended by a signal: restore the terminal, then exit as shells expect (128 + signal).
            screen.close()
            throw ExitCode(128 + signal)
        }
    }

    /// What the status line says of a state file it cannot read: the reason (with the line) first,
    /// the file's path last, where a narrow screen may cut it.
    static func unreadable(_ what: String, _ error: any Error, _ consequence: String) -> String {
        guard let error = error as? ReadingStateFiles.FileError else {
            return "Cannot read \(what) (\(error)); \(consequence)"
        }
        return "Cannot read \(what), \(error.reason); \(consequence) (\(error.url.path))"
    }

    /// Runs the index update on another thread, posting its progress (at most ten times a second)
    /// and its end to the reader; then watches the store and brings the index up to date again
    /// whenever files are added, rewritten, renamed or removed, so the list follows the store.
    static func updateInBackground(_ index: ArticleIndex, full: Bool, events: Mailbox) {
        Thread.detachNewThread {
            // Watched from before the first scan, so nothing written meanwhile is missed.
            let watcher = StoreWatcher(root: index.scanner.root)
            var fallback: String?
            let updated: ArticleIndex
            do {
                let report: UpdateReport
                (updated, report) = try OpenStore.update(
                    index, full: full,
                    waiting: {
                        events.post(.notice("Another kabar is indexing this store; showing what it has indexed so far"))
                    },
                    fallingBack: { note in
                        fallback = sentence(note)
                        events.post(.notice(sentence(note)))
                    }, progress: progressPoster(events))
                if updated !== index { events.post(.libraryReplaced(LibraryHandle(updated))) }
                let said = [fallback, summary(report)].compactMap { $0 }
                let skipped = (try? updated.skippedFiles().count) ?? report.skipped.count
                events.post(.indexFinished(said.isEmpty ? nil : said.joined(separator: "; "), skippedFiles: skipped))
            } catch {
                events.post(.indexFinished("Indexing stopped: \(error)"))
                return
            }
            watchStore(updated, watcher: watcher, events: events)
        }
    }

    /// How often the store is re-scanned when some of its folders are not watched (inotify
    /// missing, or more folders than it can watch).
    static let rescanSeconds = 10

    /// Updates the index after each change the watcher sees (or every `rescanSeconds` without
    /// one), and tells the reader when articles came, changed or went. Runs until kabar ends.
    static func watchStore(_ index: ArticleIndex, watcher: StoreWatcher?, events: Mailbox) {
        while true {
            var folders = Set<String>()
            if let watcher {
                folders = watcher.changedFolders(timeoutMilliseconds: Int32(rescanSeconds * 1000))
                if folders.isEmpty && watcher.watchesEveryFolder { continue }
            } else {
                Thread.sleep(forTimeInterval: Double(rescanSeconds))
            }
            do {
                let report = try index.update(relisting: folders, progress: progressPoster(events))
                guard report.added + report.updated + report.removed > 0 || !report.skipped.isEmpty else { continue }
                let skipped = (try? index.skippedFiles().count) ?? report.skipped.count
                events.post(.indexFinished(changeSummary(report), skippedFiles: skipped))
            } catch {
                events.post(.notice("Stopped following changes to the store: \(error)"))
                return
            }
        }
    }

    /// Posts an update's progress to the reader, at most ten times a second.
    static func progressPoster(_ events: Mailbox) -> (IndexProgress) -> Void {
        var start = DispatchTime.now().uptimeNanoseconds
        var lastPost: UInt64 = 0
        var phase = IndexPhase.words
        return { progress in
            let now = DispatchTime.now().uptimeNanoseconds
            // A new phase is told at once, and its rate and time left count from its start.
            let newPhase = progress.phase != phase
            if newPhase {
                phase = progress.phase
                start = now
            }
            guard progress.total > 0, newPhase || now - lastPost > 100_000_000 || progress.done == progress.total
            else {
                return
            }
            lastPost = now
            let elapsed = Double(now - start) / 1_000_000_000
            events.post(
                .indexProgress(
                    IndexingProgress(
                        phase: progress.phase, done: progress.done, total: progress.total, elapsedSeconds: elapsed)))
        }
    }

    /// What a re-scan after a change in the store found: `The store changed: 2 articles added, 1 removed`.
    static func changeSummary(_ report: UpdateReport) -> String {
        var parts: [String] = []
        let articles = { (count: Int) in "\(count) article\(count == 1 ? "" : "s")" }
        if report.added > 0 { parts.append(articles(report.added) + " added") }
        if report.updated > 0 {
            parts.append((parts.isEmpty ? articles(report.updated) : "\(report.updated)") + " changed")
        }
        if report.removed > 0 {
            parts.append((parts.isEmpty ? articles(report.removed) : "\(report.removed)") + " removed")
        }
        if !report.skipped.isEmpty {
            let count = report.skipped.count
            parts.append("\(count) file\(count == 1 ? "" : "s") could not be indexed (! lists them)")
        }
        return "The store changed: " + parts.joined(separator: ", ")
    }

    /// A note as a sentence for the status line: its first letter capitalised.
    static func sentence(_ note: String) -> String {
        note.prefix(1).uppercased() + note.dropFirst()
    }

    /// What an update did, when worth a word on the status line.
    static func summary(_ report: UpdateReport) -> String? {
        var parts: [String] = []
        if report.rebuilt { parts.append("pages are now read another way, so the index was built again") }
        if report.added + report.updated >= 100 { parts.append("\(report.added + report.updated) files indexed") }
        if !report.skipped.isEmpty {
            let count = report.skipped.count
            parts.append("\(count) file\(count == 1 ? "" : "s") could not be indexed (! lists them)")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// The settings file, parsed; a missing default file means the defaults. A file given with
    /// `--config` must exist.
    func loadConfig(environment: [String: String]) throws -> (ReaderConfig, [ReaderConfig.Problem]) {
        let url = config.map { URL(fileURLWithPath: $0) } ?? IndexLocation.configURL(environment: environment)
        guard FileManager.default.fileExists(atPath: url.path) else {
            if config != nil { throw CommandFailure("no config file at \(url.path)") }
            return (ReaderConfig(), [])
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CommandFailure("cannot read the config file \(url.path): permission denied or not a file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure("cannot read the config file \(url.path): it is not UTF-8 text")
        }
        let parsed = ReaderConfig(parsing: text)
        return (parsed, parsed.problems)
    }

    static func loadTheme(_ name: String) throws -> Theme {
        let text: String
        let label: String
        if let bundled = BundledThemes.text(named: name) {
            text = bundled
            label = name
        } else if FileManager.default.fileExists(atPath: name) {
            guard let contents = try? String(contentsOfFile: name, encoding: .utf8) else {
                throw CommandFailure("cannot read theme file \(name)")
            }
            text = contents
            label = name
        } else {
            throw ValidationError(
                "no theme named '\(name)'; bundled themes: \(BundledThemes.names.joined(separator: ", ")), or give a file path"
            )
        }
        do {
            return try Theme(name: label, parsing: text)
        } catch {
            throw CommandFailure("theme \(label), \(error)")
        }
    }
}
