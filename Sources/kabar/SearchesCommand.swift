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
            One line per saved search, in the order they were saved: name<TAB>matches<TAB>new<TAB>\
            query<TAB>filter, tabs, newlines and backslashes escaped as kabar list escapes them; \
            new counts the matches beyond those when the search was last run from the reader. With \
            --json, one object per line: {"name", "query", "filter", "matches", "new"}. The \
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
        for search in saved.searches {
            let matches = try runner.count(search)
            let new = max(0, matches - search.seenCount)
            if json {
                let object: [String: Any] = [
                    "name": search.name, "query": search.query, "filter": search.filter.summary, "matches": matches,
                    "new": new,
                ]
                let data = try JSONSerialization.data(
                    withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
                print(String(decoding: data, as: UTF8.self))
            } else {
                print(
                    [search.name, String(matches), String(new), search.query, search.filter.summary]
                        .map(ArticleListing.escaped).joined(separator: "\t"))
            }
        }
    }
}
