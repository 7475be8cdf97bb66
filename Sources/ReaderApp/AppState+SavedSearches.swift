import Library
import Search
import TerminalUI

/// The list of saved searches over the reader: each with its live match count and how many
/// matched when it was last opened.
public struct SavedSearchesList: Hashable, Sendable {
    public var selection = 0
    /// Each search's matches now, and how many of them are unread, once counted (in the order of
    /// the saved searches).
    public var counts: [SavedSearchCount]?
    public var request: Int

    public init(request: Int) { self.request = request }
}

/// What a saved search matches now: how many articles, and how many of them are not marked read.
public struct SavedSearchCount: Hashable, Sendable {
    public var matches: Int
    public var unread: Int

    public init(matches: Int, unread: Int) {
        self.matches = matches
        self.unread = unread
    }
}

/// Saved searches (`S` saves, `L` lists them) and the search prompt's history (`↑`, `↓`, Ctrl-R).
extension AppState {
    /// What `S` offers to save: the search in force in the search pane (or an article opened
    /// from it), else the list's filter; nil when there is neither.
    var searchToSave: SavedSearch? {
        let query = SearchQuery(search.input)
        if viewsSearch, !query.isEmpty, query.error == nil {
            return SavedSearch(name: search.input, query: search.input, filter: filter, seenCount: search.hitCount)
        }
        guard !filter.isEmpty else { return nil }
        return SavedSearch(name: filter.summary, query: "", filter: filter, seenCount: articles.count)
    }

    mutating func askToSaveSearch() -> [Effect] {
        guard let search = searchToSave else {
            message = "Nothing to save: search (/) or filter (o, d) first."
            return []
        }
        overlay = .saveSearch(input: LineInput(offering: search.name), error: nil)
        return []
    }

    mutating func handle(_ key: KeyPress, inSavePrompt input: LineInput) -> [Effect] {
        if let edited = input.edited(with: key) {
            overlay = .saveSearch(input: edited, error: nil)
            return []
        }
        switch key {
        case .escape:
            overlay = nil
        case .enter:
            let name = input.value.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, var search = searchToSave else {
                overlay = .saveSearch(input: input, error: "give the search a name")
                return []
            }
            overlay = nil
            search.name = name
            let replaced = savedSearches.searches.contains { $0.name.lowercased() == name.lowercased() }
            savedSearches.save(search)
            guard keepsSearches else {
                message = "Saved for this session only: the saved searches file could not be read, so it is left alone"
                return []
            }
            message = "\(replaced ? "Replaced" : "Saved") “\(name)” (L lists saved searches)"
            return [.saveSearches(savedSearches)]
        default:
            break
        }
        return []
    }

    public mutating func showSavedSearches() -> [Effect] {
        searchesRequest += 1
        overlay = .savedSearches(SavedSearchesList(request: searchesRequest))
        // `note:` in a saved query counts the files whose notes match now.
        return [
            .countSearches(savedSearches.searches.map(notes.resolving), read: marks.read, request: searchesRequest)
        ]
    }

    mutating func handle(_ key: KeyPress, inSavedSearches list: SavedSearchesList) -> [Effect] {
        var list = list
        let action = keymap.action(for: key)
        let count = savedSearches.searches.count
        if let next = Self.moved(list.selection, by: action, count: count) {
            list.selection = next
            overlay = .savedSearches(list)
            return []
        }
        if key == .character("D") || key == .delete {
            guard savedSearches.searches.indices.contains(list.selection) else { return [] }
            let name = savedSearches.searches[list.selection].name
            savedSearches.remove(at: list.selection)
            list.counts?.remove(at: list.selection)
            list.selection = min(list.selection, max(0, savedSearches.searches.count - 1))
            overlay = .savedSearches(list)
            message = "Removed “\(name)”"
            return keepsSearches ? [.saveSearches(savedSearches)] : []
        }
        switch action {
        case .open:
            guard savedSearches.searches.indices.contains(list.selection) else { return [] }
            return run(savedSearchAt: list.selection, count: list.counts?[list.selection].matches)
        case .back, .savedSearches, .quit:
            overlay = nil
        default:
            break
        }
        return []
    }

    /// Runs a saved search: its filter applied, its query searched (its articles listed when it
    /// has none); what it matches now becomes what was seen.
    mutating func run(savedSearchAt index: Int, count: Int?) -> [Effect] {
        let saved = savedSearches.searches[index]
        overlay = nil
        var effects: [Effect] = []
        if let count, count != saved.seenCount {
            savedSearches.setSeenCount(count, at: index)
            if keepsSearches { effects.append(.saveSearches(savedSearches)) }
        }
        if saved.query.isEmpty {
            pane = .list
            search.input = ""
            search.results = nil
            search.resultsQuery = nil
            return effects + apply(saved.filter)
        }
        search.input = saved.query
        search.isEditing = false
        pane = .search
        if saved.filter == filter { return effects + rerunSearch() }
        return effects + apply(saved.filter)
    }

    mutating func receiveSearchCounts(_ counts: [SavedSearchCount], request: Int) {
        guard case .savedSearches(var list) = overlay, list.request == request else { return }
        list.counts = counts
        overlay = .savedSearches(list)
    }

    // MARK: - History

    /// Keeps the query in the input as the history's newest, when it is one worth keeping.
    mutating func rememberQuery() -> [Effect] {
        historyPosition = nil
        let query = SearchQuery(search.input)
        guard !query.isEmpty, query.error == nil, history.add(search.input) else { return [] }
        return keepsHistory ? [.saveHistory(history)] : []
    }

    /// `↑` in the search input: the next older query of the history (the newest first).
    mutating func recallOlderQuery() -> [Effect] {
        var position = (historyPosition ?? history.entries.count) - 1
        // The newest is often what the input holds already (its placeholder, recalled): skip it.
        if historyPosition == nil, history.entries.indices.contains(position), history.entries[position] == search.input
        {
            position -= 1
        }
        guard history.entries.indices.contains(position) else {
            message = history.entries.isEmpty ? "No earlier query." : "This is the oldest query kept."
            return []
        }
        historyPosition = position
        search.input = history.entries[position]
        search.isEditing = true
        return rerunSearch()
    }

    /// `↓` after `↑`: the next newer query, then an empty input again.
    mutating func recallNewerQuery() -> [Effect] {
        guard let position = historyPosition else { return [] }
        if position + 1 < history.entries.count {
            historyPosition = position + 1
            search.input = history.entries[position + 1]
        } else {
            historyPosition = nil
            search.input = ""
        }
        search.isEditing = true
        return rerunSearch()
    }

    mutating func handle(_ key: KeyPress, inHistorySearch input: LineInput, match: Int?) -> [Effect] {
        if let edited = input.edited(with: key) {
            overlay = .historySearch(input: edited, match: history.newest(containing: edited.value))
            return []
        }
        switch key {
        case .control("r"):
            let older = match.flatMap { history.newest(containing: input.value, before: $0) } ?? match
            overlay = .historySearch(input: input, match: older)
        case .escape, .control("g"):
            overlay = nil
        case .enter:
            overlay = nil
            guard let match, history.entries.indices.contains(match) else { return [] }
            search.input = history.entries[match]
            search.isEditing = true
            return rerunSearch()
        default:
            break
        }
        return []
    }
}
