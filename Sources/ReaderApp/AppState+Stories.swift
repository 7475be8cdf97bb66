import Library
import Search

/// The Stories pane's keys and answers.
extension AppState {
    /// Story rows visible below the pane's header line.
    var storyRows: Int { max(1, contentHeight - 1) }

    /// The article selected in an opened story.
    var selectedStoryArticle: ArticleSummary? {
        guard stories.comparison == nil, let open = stories.open else { return nil }
        let rows = open.rows
        return rows.indices.contains(open.selection) ? rows[open.selection].article : nil
    }

    /// The query the Stories pane narrows its stories to: the search in force, if any.
    var storiesQuery: SearchQuery? {
        let query = SearchQuery(search.input)
        return query.isEmpty ? nil : query
    }

    /// Shows the Stories pane, loading the stories when the filter or the search changed since
    /// they were loaded.
    public mutating func enterStories() -> [Effect] {
        pane = .stories
        let current = stories.loadedFor == filter && stories.loadedQuery?.text == storiesQuery?.text
        guard !current || stories.list.isEmpty && !stories.isLoading else { return [] }
        return reloadStories()
    }

    mutating func reloadStories() -> [Effect] {
        storiesRequest += 1
        stories.isLoading = true
        stories.loadedFor = filter
        stories.loadedQuery = storiesQuery
        return [
            .loadStories(
                filter, query: storiesQuery, minimumOutlets: stories.minimumOutlets, request: storiesRequest,
                keeping: stories.list[stories.selection]?.id)
        ]
    }

    /// The pages of the stories on screen, a screen either side, and the selection's, that are
    /// not loaded or asked for yet (while the pane shows the list).
    mutating func loadStoryPages() -> [Effect] {
        guard pane == .stories, stories.open == nil, !stories.isLoading, !stories.list.isEmpty else { return [] }
        let rows = storyRows
        let range =
            min(stories.top - rows, stories.selection)...max(stories.top + 2 * rows, stories.selection)
        let (filter, query, minimum) = (stories.loadedFor ?? filter, stories.loadedQuery, stories.minimumOutlets)
        return stories.list.missingPages(covering: range).map {
            .loadStoryPage(filter, query: query, minimumOutlets: minimum, request: storiesRequest, page: $0)
        }
    }

    /// Opens the story of an article, from the list, the results or the article pane.
    mutating func openStory(of summary: ArticleSummary?) -> [Effect] {
        guard let summary else {
            message = "No article selected."
            return []
        }
        guard let story = summary.story else {
            message = "No other article in the store reports this one's story."
            return []
        }
        pane = .stories
        stories.comparison = nil
        storiesRequest += 1
        return [.loadStory(id: story, headline: nil, request: storiesRequest)]
    }

    mutating func receiveStories(_ message: Message) -> [Effect] {
        switch message {
        case .storiesLoaded(let page, let request):
            guard request == storiesRequest else { return [] }
            // The selected story stays selected where it now stands, and the view moves with it.
            stories.list.reset(count: page.count)
            stories.list.store(page.rows, page: page.page)
            stories.isLoading = false
            stories.top += page.position - stories.selection
            stories.selection = page.position
            clampStories()
        case .storyPageLoaded(let rows, let page, let request):
            if request == storiesRequest { stories.list.store(rows, page: page) }
        case .storyLoaded(var story, let request):
            guard request == storiesRequest else { return [] }
            stories.isLoading = false
            if let current = stories.open, current.id == story.id {
                story.selection = current.selection
                story.marked = current.marked
            }
            stories.open = story
            clampStories()
        case .comparisonLoaded(let comparison, let request):
            guard request == storiesRequest else { return [] }
            stories.comparison = comparison
            pane = .stories
        default:
            break
        }
        return []
    }

    mutating func performInStories(_ action: Action) -> [Effect] {
        if var comparison = stories.comparison {
            let lines = StoriesView.comparisonLines(comparison, width: geometry.content.width).count
            let page = max(1, storyRows - 1)
            switch action {
            case .moveDown: comparison.scroll += 1
            case .moveUp: comparison.scroll -= 1
            case .pageDown, .open: comparison.scroll += page
            case .pageUp: comparison.scroll -= page
            case .top: comparison.scroll = 0
            case .bottom: comparison.scroll = lines
            case .back:
                stories.comparison = nil
                return []
            default: return []
            }
            comparison.scroll = min(max(0, comparison.scroll), max(0, lines - storyRows))
            stories.comparison = comparison
            return []
        }
        if var open = stories.open {
            if let moved = action.movedSelection(from: open.selection, page: storyRows, count: open.rows.count) {
                open.selection = moved
                stories.open = open
                clampStories()
                return []
            }
            switch action {
            case .open:
                return openSelection()
            case .back:
                stories.open = nil
                return stories.list.isEmpty ? reloadStories() : []
            case .compare:
                guard open.rows.indices.contains(open.selection) else { return [] }
                let chosen = open.rows[open.selection].article
                guard let marked = open.marked, marked != chosen.id else {
                    open.marked = chosen.id
                    stories.open = open
                    message = "Chosen to compare; press C on another article of the story"
                    return []
                }
                open.marked = nil
                stories.open = open
                storiesRequest += 1
                return [.compare(marked, chosen.id, request: storiesRequest)]
            default:
                return []
            }
        }
        if let moved = action.movedSelection(from: stories.selection, page: storyRows, count: stories.list.count) {
            stories.selection = moved
            clampStories()
            return []
        }
        switch action {
        case .open:
            guard let story = stories.list[stories.selection] else { return [] }
            storiesRequest += 1
            return [.loadStory(id: story.id, headline: story.headline, request: storiesRequest)]
        case .moreOutlets, .fewerOutlets:
            let next = stories.minimumOutlets + (action == .moreOutlets ? 1 : -1)
            guard next >= 1 else {
                message = "Stories of one outlet are already listed."
                return []
            }
            stories.minimumOutlets = next
            message = "Stories of \(next) or more outlet\(next == 1 ? "" : "s")"
            return reloadStories()
        case .back:
            pane = .list
            return []
        default:
            return []
        }
    }

    mutating func clampStories() {
        stories.selection = min(max(0, stories.selection), max(0, stories.list.count - 1))
        stories.top = min(max(stories.top, stories.selection - storyRows + 1), stories.selection)
        stories.top = max(0, stories.top)
        if var open = stories.open {
            open.selection = min(max(0, open.selection), max(0, open.rows.count - 1))
            open.top = max(0, min(max(open.top, open.selection - storyRows + 1), open.selection))
            stories.open = open
        }
    }
}
