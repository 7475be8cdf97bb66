import ArgumentParser
import ArticleIndex
import Foundation
import Library
import PostgresIndex
import ReaderApp
import Search

/// `--database` and `--user`: reading the team index on PostgreSQL instead of a store.
struct TeamOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Read the team index on PostgreSQL instead of a store (postgres://user@host/database; the password from the URL, PGPASSWORD or ~/.pgpass).",
            valueName: "url"))
    var database: String?

    @Option(
        help: ArgumentHelp(
            "With --database: whose reading marks, notes and saved searches to use (default: the database role).",
            valueName: "name"))
    var user: String?

    /// An address as given on the command line or in the config file, parsed.
    static func address(_ text: String) throws -> DatabaseAddress {
        do {
            return try DatabaseAddress(parsing: text)
        } catch let problem as DatabaseAddress.Problem {
            throw ValidationError(problem.description)
        }
    }

    /// The team index at an address as given, opened for reading; what is wrong, said plainly.
    static func library(_ text: String) throws -> TeamLibrary {
        do {
            return try TeamLibrary(address: try address(text))
        } catch let error as TeamIndexError {
            throw CommandFailure(error.description)
        }
    }

    /// The team library, when `--database` was given.
    func library() throws -> TeamLibrary? { try database.map(Self.library) }

    /// Refuses a store given beside `--database`.
    func refuse(store: String?) throws {
        if store != nil && database != nil { throw ValidationError("give a store or --database, not both") }
    }

    func validate() throws {
        if user != nil && database == nil { throw ValidationError("--user goes with --database") }
        _ = try database.map(Self.address)
    }
}

/// `kabar index --database URL STORE…`: brings stores into the team index.
struct Index: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Bring stores into the team index on PostgreSQL, adding new and changed files and removing gone ones.",
        discussion: """
            Each store is first brought up to date in its own index in kabar's cache folder (its \
            text cleaned, names, quotes and stories found; that index keeps each article's lines, \
            names and quotes, so none is cleaned or tagged twice), and what changed is then written \
            to the database: one transaction per 500 articles, so an indexer that is stopped loses \
            nothing and, run again, goes on where it stopped. The first load into a team index \
            with no articles makes its word indexes at the end. Articles keep their path in the \
            store under the store's name (--name, else the folder's name): STORE/PATH. Indexers of \
            different stores may run at once; two of one store take turns. The tables are made, or \
            moved forward from an older kabar's, when the indexer starts.
            """)

    @Option(help: ArgumentHelp("The team index (postgres://user@host/database).", valueName: "url"))
    var database: String

    @Option(help: ArgumentHelp("The store's name in the team index (one store only).", valueName: "name"))
    var name: String?

    @Argument(help: ArgumentHelp("The stores to bring in.", valueName: "store"))
    var stores: [String] = []

    @OptionGroup var options: StoreOptions

    func validate() throws {
        if stores.isEmpty { throw ValidationError("give at least one store to index") }
        // An empty argument would be the folder kabar runs in, which is rarely meant.
        if stores.contains(where: { $0.isEmpty }) { throw ValidationError("a store's path is empty") }
        if stores.count > 1 && name != nil { throw ValidationError("--name goes with one store") }
        if stores.count > 1 && options.index != nil { throw ValidationError("--index goes with one store") }
        if let name, name.isEmpty || name.contains("/") {
            throw ValidationError("--name must be a name without /")
        }
        _ = try TeamOptions.address(database)
    }

    func run() throws {
        let address = try TeamOptions.address(database)
        let loader: TeamLoader
        do {
            loader = try TeamLoader(address: address)
        } catch let error as TeamIndexError {
            throw CommandFailure(error.description)
        }
        for path in stores {
            let opened = try OpenStore.open(
                path, options: options, keepingDetails: true, progress: OpenStore.terminalProgress())
            let storeName = name ?? opened.root.lastPathComponent
            let report: TeamLoader.Report
            do {
                report = try loader.load(opened.index, store: storeName, progress: Self.progress(storeName))
            } catch let error as TeamIndexError {
                throw CommandFailure(error.description)
            }
            for file in report.unreadable {
                FileHandle.standardError.write(
                    Data("kabar: \(TabSeparated.escaped(file.path)): \(file.reason)\n".utf8))
            }
            print(
                "\(storeName): \(report.added) added, \(report.removed) removed, \(report.stories) stories, "
                    + "\(report.unreadable.count) unreadable")
        }
    }

    /// Progress on standard error, when it is a terminal.
    static func progress(_ store: String) -> (Int, Int) -> Void {
        guard isatty(STDERR_FILENO) == 1 else { return { _, _ in } }
        return { done, total in
            let text = done < total ? "\r\u{1B}[Kwriting \(store) to the database \(done)/\(total)…" : "\r\u{1B}[K"
            FileHandle.standardError.write(Data(text.utf8))
        }
    }
}

/// The reader's state kept in the team index for one person, as commands for scripts read it.
struct TeamState {
    let state: TeamReadingState

    init(library: TeamLibrary, user: String?) {
        state = TeamReadingState(library: library, user: user)
    }

    /// The filter a query is answered with: `note:` narrows it to the files whose notes match.
    func filter(for query: SearchQuery?, _ filter: ArticleFilter) throws -> ArticleFilter {
        guard let query, !query.noteWords.isEmpty else { return filter }
        return try state.loadNotes().narrowing(filter, for: query)
    }
}
