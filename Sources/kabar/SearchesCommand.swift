import ArgumentParser
import ArticleIndex
import Foundation
import Library
import ReaderApp
import Search
import StateFiles

/// `kabar searches`: the searches saved in the reader, with what they match now.
struct SearchesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "searches",
        abstract: "List the searches saved in the reader (S) with how many articles they match now.",
        discussion: """
            One line per saved search, in the order they were saved: name<TAB>matches<TAB>unread\
            <TAB>new<TAB>query<TAB>filter, tabs, newlines and backslashes escaped as kabar list \
            escapes them; unread counts the matches not marked read in the reader, new the matches \
            beyond those when the search was last run from the reader. With --json, one object per \
            line: {"name", "query", "filter", "matches", "unread", "new"}. The \
            searches are kept in $XDG_STATE_HOME/kabar/searches, one file per store (see the README \
            for its format).
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
        let saved: SavedSearches
        do {
            saved = try UserState(store: root).files.loadSearches()
        } catch {
            throw CommandFailure("\(error)")
        }
        let opened = try OpenStore.open(path, options: options, progress: OpenStore.terminalProgress())
        let runner = EffectRunner(library: opened.index)
        let state = UserState(store: opened.root)
        let read = state.marks(purpose: "counting").read
        let notes = state.notes(purpose: "counting")
        guard
            case .searchesCounted(let counts, _) = runner.perform(
                .countSearches(saved.searches.map(notes.resolving), read: read, request: 0))
        else { throw CommandFailure("the saved searches could not be counted") }
        for (search, count) in zip(saved.searches, counts) {
            let matches = count.matches
            let new = max(0, matches - search.seenCount)
            if json {
                let object: [String: Any] = [
                    "name": search.name, "query": search.query, "filter": search.filter.summary, "matches": matches,
                    "unread": count.unread, "new": new,
                ]
                print(jsonLine(object))
            } else {
                print(
                    [
                        search.name, String(matches), String(count.unread), String(new), search.query,
                        search.filter.summary,
                    ]
                    .map(ArticleListing.escaped).joined(separator: "\t"))
            }
        }
    }
}
