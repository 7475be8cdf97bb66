import ArgumentParser
import ArticleFiles
import ArticleIndex
import Articles
import Foundation
import Library
import ReaderApp
import StateFiles

/// `kabar doctor [STORE]`: the health of a store, its index and its reading state.
struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a store, its index and its reading state, and list the files that could not be indexed.",
        discussion:
            "Exits with 1 when the integrity check finds problems, the reading state cannot be read or a file shipped with kabar is missing."
    )

    @Argument(
        help: ArgumentHelp(
            "A folder of .txt articles (or --store); the bundled sample store when left out.", valueName: "store"))
    var storeArgument: String?

    @Option(help: ArgumentHelp("The store to check; the bundled sample store when left out.", valueName: "path"))
    var store: String?

    @OptionGroup var options: StoreOptions

    func validate() throws {
        _ = try OpenStore.path(argument: storeArgument, option: store)
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let (root, isSample) = try OpenStore.resolve(try OpenStore.path(argument: storeArgument, option: store))
        let opened = try OpenStore.open(root: root, isSample: isSample, options: options)
        let index = opened.index
        var healthy = true

        print("Store     \(isSample ? "the bundled sample store" : root.path)")
        print("          never written: kabar keeps its index and reading state in its own folders")

        let location = index.url.map(\.path) ?? "in memory (the cache folder cannot be written)"
        let size = index.url.flatMap { try? FileManager.default.attributesOfItem(atPath: $0.path)[.size] as? Int } ?? 0
        print("Index     \(location)\(size > 0 ? " (\(Self.megabytes(size)))" : "")")
        if let note = index.recoveryNote { print("          \(note)") }
        let problems = try index.integrityProblems()
        if problems.isEmpty {
            print("          integrity check: ok")
        } else {
            healthy = false
            print("          integrity check: \(problems.count) problem\(problems.count == 1 ? "" : "s")")
            for problem in problems.prefix(10) { print("            \(problem)") }
            print("          delete the index file to have it rebuilt; the reading state is kept apart")
        }
        let statistics = try index.statistics()
        print(
            "          \(Self.count(statistics.articles, "article")) from \(Self.count(statistics.outlets, "outlet")) in \(Self.count(statistics.folders, "folder"))"
        )
        let report = opened.report
        print(
            "          this check: \(report.added) added, \(report.updated) updated, \(report.removed) removed, \(report.unchanged) unchanged"
        )
        if statistics.ghosts > 0 {
            print(
                "          \(statistics.ghosts) rows of changed or deleted files wait for a rebuild (searches skip them)"
            )
        }

        let stateURL = IndexLocation.readingStateURL(forStore: root, environment: environment)
        print("Reading   \(stateURL.path)")
        do {
            let marks = try ReadingStateFiles(
                marks: stateURL, theme: IndexLocation.themeStateURL(environment: environment)
            ).loadMarks()
            print("          \(marks.read.count) read, \(marks.starred.count) starred")
        } catch {
            healthy = false
            print("          cannot be read: \(error); the reader leaves it as it is and does not save over it")
        }

        let skipped = try index.skippedFiles()
        print("Skipped   \(skipped.isEmpty ? "none: every .txt file was indexed" : Self.count(skipped.count, "file"))")
        for file in skipped {
            print("          \(Self.printable(file.path)): \(file.reason)")
        }
        if !statistics.truncated.isEmpty {
            print(
                "Truncated \(statistics.truncated.count) file\(statistics.truncated.count == 1 ? "" : "s") longer than \(ArticleFile.byteLimit >> 20) MiB: only the beginning is indexed"
            )
            for file in statistics.truncated {
                print("          \(Self.printable(file.path)) (\(Self.megabytes(Int(file.size))))")
            }
        }
        let installation = Installation.loadProblems()
        print("Bundled   \(installation.isEmpty ? "every file kabar ships with was read" : "broken installation")")
        for file in Installation.bundledFiles {
            if let problem = installation.first(where: { $0.file == file }) {
                healthy = false
                print("          \(problem)")
            } else {
                print("          \(file): ok")
            }
        }
        print(healthy ? "Healthy." : "Problems found.")
        if !healthy { throw ExitCode(1) }
    }

    /// `1 folder`, `3 folders`.
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MB" : "\(max(1, bytes >> 10)) KB"
    }

    /// A path on one line: control characters (a newline in a name) shown escaped.
    static func printable(_ path: String) -> String {
        path.unicodeScalars.map { $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0) }
            .joined()
    }
}
