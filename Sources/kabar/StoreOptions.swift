import ArgumentParser
import ArticleIndex
import Articles
import Foundation
import SampleStore

/// Options every command that reads a store shares.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("The index database to use instead of the one in kabar's cache folder.", valueName: "path"))
    var index: String?

    @Flag(help: "Check every file's size and time, not only those in folders whose time changed.")
    var fullRescan = false
}

/// A store opened for reading, with its index brought up to date.
struct OpenStore {
    let root: URL
    let isSample: Bool
    let index: ArticleIndex
    let report: UpdateReport

    /// The store at `path`, or the bundled sample store when `path` is nil.
    static func resolve(_ path: String?) throws -> (URL, isSample: Bool) {
        guard let path else { return (SampleStore.url, true) }
        let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let scanner = StoreScanner(root: url.absoluteURL)
        try scanner.validate()
        return (scanner.root, false)
    }

    /// The store a command names by its argument, by `--store`, or by both alike; nil for the
    /// bundled sample store.
    static func path(argument: String?, option: String?) throws -> String? {
        if let argument, let option, argument != option {
            throw ValidationError("two stores given, \(argument) and --store \(option): give one")
        }
        return argument ?? option
    }

    /// Tells on standard error when no outlet of the store has a domain starting with `prefix`,
    /// which would leave a filter on it empty without a word.
    func noteUnknownOutlet(_ prefix: String) throws {
        let names = try index.outlets().compactMap(\.outlet)
        guard !names.contains(where: { $0.lowercased().hasPrefix(prefix.lowercased()) }) else { return }
        let known =
            names.isEmpty
            ? "the store has no outlet names"
            : "its outlets: " + names.prefix(8).joined(separator: ", ") + (names.count > 8 ? ", …" : "")
        FileHandle.standardError.write(
            Data("kabar: no outlet of this store starts with \(prefix) (\(known))\n".utf8))
    }

    /// Opens the store's index and processes new, changed and deleted files.
    /// `keepingDetails`: the index keeps each article's lines, names and quotes (`kabar index
    /// --database`, whose loader reads every article whole).
    static func open(
        _ path: String?, options: StoreOptions, keepingDetails: Bool = false,
        progress: (IndexProgress) -> Void = { _ in }
    ) throws -> OpenStore {
        let (root, isSample) = try resolve(path)
        return try open(
            root: root, isSample: isSample, options: options, keepingDetails: keepingDetails, progress: progress)
    }

    /// Opens the index of a store already resolved with `resolve(_:)`; what had to be done to
    /// the index file (`notes`) is told on standard error.
    static func open(
        root: URL, isSample: Bool, options: StoreOptions, keepingDetails: Bool = false,
        progress: (IndexProgress) -> Void = { _ in }
    ) throws -> OpenStore {
        let (index, notes) = try openIndex(root: root, options: options)
        for note in notes { FileHandle.standardError.write(Data("kabar: \(note)\n".utf8)) }
        // Only a matter of speed: without details, the loader reads each article afresh.
        if keepingDetails { try? index.keepDetails() }
        let (updated, report) = try update(
            index, full: options.fullRescan,
            waiting: {
                FileHandle.standardError.write(
                    Data("kabar: another kabar is indexing this store; waiting for it to finish\n".utf8))
            },
            fallingBack: { note in FileHandle.standardError.write(Data("kabar: \(note)\n".utf8)) },
            progress: progress)
        if report.rebuilt {
            FileHandle.standardError.write(
                Data("kabar: pages are now read another way, so the index was built again\n".utf8))
        }
        return OpenStore(root: root, isSample: isSample, index: updated, report: report)
    }

    /// Brings the index up to date. When the disk under it stops taking writes (a full disk, a
    /// cache that went read-only), tells `fallingBack` why and reads the store into an index in
    /// memory instead, which it returns.
    static func update(
        _ index: ArticleIndex, full: Bool, waiting: () -> Void, fallingBack: (String) -> Void,
        progress: (IndexProgress) -> Void
    ) throws -> (ArticleIndex, UpdateReport) {
        try index.updateKeepingStore(full: full, waiting: waiting, fallingBack: fallingBack, progress: progress)
    }

    /// Opens (creating if needed) the store's index without bringing it up to date, with notes
    /// for the user on what that took: a damaged file moved aside, or an index kept in memory
    /// because the cache folder cannot be written.
    static func openIndex(root: URL, options: StoreOptions) throws -> (ArticleIndex, notes: [String]) {
        let indexURL =
            options.index.map { URL(fileURLWithPath: $0) }
            ?? IndexLocation.defaultURL(forStore: root, environment: ProcessInfo.processInfo.environment)
        return try ArticleIndex.openKeepingStore(url: indexURL, store: root, extractor: try configuredExtractor())
    }

    /// Progress on standard error, when it is a terminal.
    static func terminalProgress() -> (IndexProgress) -> Void {
        guard isatty(STDERR_FILENO) == 1 else { return { _ in } }
        return { progress in
            guard progress.total > 0 else { return }
            let doing = progress.phase == .words ? "indexing" : "finding names in"
            let text =
                progress.done < progress.total
                ? "\r\u{1B}[K\(doing) \(progress.done)/\(progress.total) files…" : "\r\u{1B}[K"
            FileHandle.standardError.write(Data(text.utf8))
        }
    }
}

/// The extractor with the user's outlet table, `$XDG_CONFIG_HOME/kabar/outlets.tsv`, added to the
/// bundled one when it exists.
func configuredExtractor(environment: [String: String] = ProcessInfo.processInfo.environment) throws
    -> ArticleExtractor
{
    let config =
        environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
    let path = config + "/kabar/outlets.tsv"
    guard FileManager.default.fileExists(atPath: path) else { return ArticleExtractor() }
    do {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return ArticleExtractor(outlets: OutletDirectory.bundled.merging(try OutletDirectory(parsing: text)))
    } catch {
        throw CommandFailure("outlet table \(path), \(error)")
    }
}

/// A runtime failure with a message for the user; exits with code 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
