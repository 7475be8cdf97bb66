import Entities
import Foundation
import Library
import Search
import TerminalUI

extension AppState {
    /// Rows of the content area between the tab bar and the status line.
    var contentHeight: Int { geometry.content.height }
    /// Columns the article's text is laid out to.
    var articleWidth: Int { geometry.articleText.width }
    /// Article rows visible in the list pane (below its column header).
    var listRows: Int { max(1, contentHeight - 1) }
    /// Text rows visible in the article pane.
    var detailRows: Int { max(1, contentHeight) }
    /// Hits visible in the search pane, three rows each, below the prompt and the count.
    var searchHitRows: Int { max(1, (contentHeight - 2) / 3) }

    /// Applies one message and returns the work it asks for: then the list's rows around the view
    /// that are not loaded yet, and the unread count when the marks changed.
    public mutating func update(_ message: Message) -> [Effect] {
        let marksBefore = marksVersion
        var effects = receive(message)
        if marksVersion != marksBefore { effects += countUnread() }
        return effects + loadListPages() + loadStoryPages()
    }

    private mutating func receive(_ message: Message) -> [Effect] {
        switch message {
        case .key(let key):
            // A key the reader acts on replaces the last word on the status line; the terminal
            // settling its size (a resize reported as a key) does not.
            if key != .resize { self.message = nil }
            return handle(key)
        case .resize(let width, let height):
            self.width = width
            self.height = height
            relayoutDetail()
            clampList()
            clampSearch()
            return loadSearchPages() + (listDays == nil ? countListDays() : [])
        case .listLoaded(let page, let request):
            guard request == listRequest else { return [] }
            // The selected article stays selected where it now stands, and the view moves with it;
            // one chosen since the list was asked for is looked for in the page that came.
            var position = page.position
            if listSelection != listSelectionAsked {
                let chosen = articles[listSelection]?.id
                position =
                    page.rows.firstIndex { $0.id == chosen }.map { page.page * ListRows.pageSize + $0 }
                    ?? listSelection
            }
            articles.reset(count: page.count)
            articles.store(page.rows, page: page.page)
            if filter.isEmpty { totalArticles = page.count }
            isLoadingList = false
            listTop += position - listSelection
            listSelection = position
            clampList()
            return countUnread()
        case .listPageLoaded(let rows, let page, let request):
            if request == listRequest { articles.store(rows, page: page) }
            return []
        case .readCounted(let read, let request):
            if request == unreadRequest { unreadCount = max(0, articles.count - read) }
            return []
        case .listPathsLoaded(let paths, let request):
            guard request == listRequest else { return [] }
            return markRead(paths)
        case .outletsLoaded(let outlets):
            self.outlets = outlets
            if totalArticles == nil { totalArticles = outlets.reduce(0) { $0 + $1.count } }
            return []
        case .undatedCounted(let count, let request):
            if request == listRequest { hiddenUndated = count }
            return []
        case .searchFinished(let results, let query, let elapsed, let request, let offset):
            guard request == searchRequest else { return [] }
            let page = offset / SearchState.pageSize
            search.requestedPages.remove(page)
            if offset == 0 {
                // The same query asked again (the index grew) keeps its place; a new one starts at the top.
                if search.resultsQuery?.text != query.text {
                    search.selection = 0
                    search.top = 0
                }
                search.results = results
                search.resultsQuery = query
                search.resultsRequest = request
                search.pages = [0: results.hits]
                search.elapsedMilliseconds = elapsed
                search.error = nil
            } else {
                guard search.resultsRequest == request else { return [] }
                search.pages[page] = results.hits
            }
            // A short later page ends the matches, whatever the count said (the index changed
            // meanwhile, or the count was an estimate).
            let estimated = search.results?.countIsEstimate == true
            if offset > 0, results.hits.count < SearchState.pageSize,
                offset + results.hits.count < search.hitCount || estimated
            {
                search.results?.totalCount = offset + results.hits.count
                search.results?.countIsAtLeast = false
                search.results?.countIsEstimate = false
            } else if offset > 0, estimated, offset + results.hits.count >= search.hitCount {
                // A full page at the end of an estimate: there may be more, which the next page tells.
                search.results?.totalCount = offset + results.hits.count + 1
            }
            clampSearch()
            // Counting stopped at a bound: the whole count follows, the results shown meanwhile.
            let counting: [Effect] =
                offset == 0 && results.countIsAtLeast
                ? [.countMatches(query, filter(for: query, filter), request: request)] : []
            if offset == 0 && search.opensWhenAnswered {
                search.opensWhenAnswered = false
                return counting + openAnsweredQuery()
            }
            return counting + loadSearchPages()
        case .matchesCounted(let count, let request):
            guard request == searchRequest, search.resultsRequest == request else { return [] }
            search.results?.totalCount = count.count
            search.results?.countIsAtLeast = false
            search.results?.countIsEstimate = count.isEstimate
            return loadSearchPages()
        case .articleLoaded(let article, let query, let request):
            guard request == articleRequest else { return [] }
            guard let article else {
                self.message = "That article is no longer in the index; the store may have changed."
                return []
            }
            detail = DetailState(article: article, query: query)
            detail?.noteRanges = notes.notes(on: article.summary.path).compactMap { $0.range(in: article.body) }
            if let passage = pendingPassage {
                pendingPassage = nil
                relayoutDetail(revealing: ArticleNote.range(of: passage, in: article.body)?.lowerBound ?? 0)
            } else if let start = pendingQuoteStart {
                pendingQuoteStart = nil
                relayoutDetail(revealing: start)
            } else {
                relayoutDetail()
            }
            pane = .article
            return marks.set(.read, true, on: [article.summary.path]) > 0 ? savingMarks : []
        case .marksSaved:
            marksUnsaved = false
            return []
        case .themeRemembered:
            return []
        case .marksNotSaved(let text):
            marksUnsaved = true
            self.message = text
            return []
        case .externalFinished(let text), .notice(let text):
            self.message = text
            return []
        case .libraryReplaced:
            listDays = nil
            return reloadList()
        case .connectionLost(let reason):
            connectionProblem = reason
            return []
        case .connectionBack:
            guard connectionProblem != nil else { return [] }
            connectionProblem = nil
            self.message = "Reconnected to the team index"
            listDays = nil
            // Marks made while it was away are written now.
            return reloadList() + (marksUnsaved ? savingMarks : [])
        case .skippedFilesLoaded(let files):
            overlay = .skippedFiles(files, scroll: 0)
            return []
        case .indexProgress(let progress):
            let namesBegin = progress.phase == .names && indexing?.phase != .names
            indexing = progress
            if namesBegin {
                // Phase 1 is over: every new article is listed and searchable by its words.
                listReloadedAt = 0
                return reloadList()
            }
            // The list grows as files are read: reloaded every two seconds (half a second while it
            // is empty), not per batch.
            let interval = articles.isEmpty ? Self.listReloadInterval / 4 : Self.listReloadInterval
            // Phase 2 adds no article: the list stays as phase 1 left it.
            guard progress.phase == .words, progress.done > 0, progress.elapsedSeconds - listReloadedAt >= interval
            else {
                return []
            }
            listReloadedAt = progress.elapsedSeconds
            return reloadList()
        case .indexFinished(let text, let skipped):
            indexing = nil
            isScanningStore = false
            skippedFileCount = skipped
            listReloadedAt = 0
            if let text { self.message = text }
            // The list's days are counted again once, now the store is read. The search runs
            // again with the list, and an open entity table is read again: what was partial while
            // names were found is whole.
            listDays = nil
            return reloadList() + recheckNotes() + reloadEntities()
        case .failed(let text):
            self.message = text
            return []
        case .storiesLoaded, .storyPageLoaded, .storyLoaded, .comparisonLoaded:
            return receiveStories(message)
        case .quotesCounted(let counts, let request):
            guard request == quotesRequest, detail != nil else { return [] }
            detail?.storeQuoteCounts = counts
            return []
        case .quotesLoaded(let speaker, let quotes, let request):
            guard request == quotesRequest else { return [] }
            overlay = .quotes(speaker: speaker, quotes, selection: 0)
            return []
        case .timelineLoaded(let days, let request):
            receiveTimeline(days, request: request)
            return []
        case .exportProgress, .exportFinished:
            receiveExport(message)
            return []
        case .searchesCounted(let counts, let request):
            receiveSearchCounts(counts, request: request)
            return []
        case .notesSaved, .notesChecked:
            return receiveNotes(message)
        case .daysCounted(let days, let request):
            if request == daysRequest { listDays = days }
            return []
        case .entitiesLoaded(let rows, let request):
            guard case .entities(var table) = overlay, table.request == request else { return [] }
            table.rows = rows
            table.selection = min(table.selection, max(0, rows.count - 1))
            overlay = .entities(table)
            return []
        case .stateSaved:
            return []
        }
    }

    // MARK: - Keys

    private mutating func handle(_ key: KeyPress) -> [Effect] {
        if key == .resize { return [] }
        if key == .control("c") {
            isFinished = true
            return []
        }
        if isAskingToQuit {
            // `q` again or `y` quits; any other key stays.
            isAskingToQuit = false
            let quits = [.character("q"), .character("y"), .character("Y")].contains(key)
            if quits || keymap.action(for: key) == .quit { isFinished = true }
            return []
        }
        if case .mouse(let event) = key { return handleMouse(event) }
        if key == .escape, exporting != nil, overlay == nil, !(pane == .search && search.isEditing) {
            return cancelExport()
        }
        if let overlay { return handle(key, in: overlay) }
        if pane == .article, let selection = detail?.selection { return handleLineSelection(key, selection) }
        if pane == .search && search.isEditing { return handleSearchInput(key) }
        guard let action = keymap.action(for: key) else { return [] }
        return perform(action, key: key)
    }

    /// Questions and answers of quitting from the list, for the status line.
    static let quitQuestion = "Quit kabar? q again or y to quit, any other key stays"
    static let topListNotice = "This is the top list: q asks to quit, Q quits"

    private mutating func perform(_ action: Action, key: KeyPress? = nil) -> [Effect] {
        switch action {
        case .quit:
            isFinished = true
            return []
        case .help:
            overlay = .help(scroll: 0, filter: "", isEditing: false)
            return []
        case .search:
            enterSearchInput()
            return []
        case .nextPane, .previousPane:
            var panes = Pane.allCases
            if detail == nil { panes.removeAll { $0 == .article } }
            let index = panes.firstIndex(of: pane) ?? 0
            let step = action == .nextPane ? 1 : panes.count - 1
            return go(to: panes[(index + step) % panes.count])
        case .listPane: return go(to: .list)
        case .articlePane:
            guard detail != nil else {
                message = "No article open: choose one in the list and press Enter."
                return []
            }
            return go(to: .article)
        case .searchPane: return go(to: .search)
        case .storiesPane: return go(to: .stories)
        case .filterOutlet:
            overlay = .outletPicker(selection: currentOutletChoice)
            return []
        case .filterDate:
            let current = filter.hasDateRange ? "\(filter.fromDay ?? "")..\(filter.toDay ?? "")" : ""
            overlay = .datePrompt(input: LineInput(offering: current), error: nil)
            return []
        case .clearFilter:
            guard !filter.isEmpty else {
                self.message = "No filter to clear."
                return []
            }
            return apply(ArticleFilter())
        case .toggleUndated:
            guard filter.hasDateRange else {
                self.message = "Undated articles are all shown; only a date filter (d) hides them."
                return []
            }
            var newFilter = filter
            newFilter.includeUndated.toggle()
            return apply(newFilter)
        case .toggleRead, .toggleStar:
            guard let path = selectedPath else {
                self.message = "No article selected."
                return []
            }
            let kind: ReadingMarks.Kind = action == .toggleRead ? .read : .star
            let value = !marks.contains(kind, path)
            marks.set(kind, value, on: [path])
            self.message =
                kind == .read
                ? (value ? "Marked read (u undoes)" : "Marked unread (u undoes)")
                : (value ? "Starred (u undoes)" : "Star removed (u undoes)")
            return savingMarks
        case .markAllRead:
            // The results loaded, or every article of the list (fetched first: most are not loaded).
            guard viewsSearch else { return [.loadListPaths(filter, request: listRequest)] }
            return markRead(search.loadedHits.map(\.summary.path))
        case .cycleTheme:
            guard !themeNames.isEmpty else {
                self.message = "No other theme to switch to."
                return []
            }
            let index = themeNames.firstIndex(of: themeName).map { ($0 + 1) % themeNames.count } ?? 0
            themeName = themeNames[index]
            self.message = "Theme: \(themeName) (t for the next)"
            return [.rememberTheme(themeName)]
        case .skippedFiles:
            return [.loadSkippedFiles]
        case .timeline:
            return openTimelineOfView()
        case .export:
            return startExport()
        case .saveSearch:
            return askToSaveSearch()
        case .savedSearches:
            return showSavedSearches()
        case .notesView:
            return showNotes()
        case .whoIsInTheNews:
            return showEntities()
        case .note:
            return noteHere()
        case .selectLines:
            guard pane == .article else {
                self.message = "Open an article to choose lines of it."
                return []
            }
            return startLineSelection()
        case .story:
            guard pane != .stories else { break }
            return openStory(of: selectedSummary)
        case .copyCitation:
            guard let summary = selectedSummary else {
                self.message = "No article selected."
                return []
            }
            self.message = "Citation copied (OSC 52): " + DetailState.citation(summary, storeRoot: storeRoot)
            return [.copyToClipboard(DetailState.citation(summary, storeRoot: storeRoot))]
        case .openSource:
            guard let summary = selectedSummary else {
                self.message = "No article selected."
                return []
            }
            return [.openPager(path: DetailState.absolutePath(summary.path, storeRoot: storeRoot))]
        case .openURL:
            guard let summary = selectedSummary else {
                self.message = "No article selected."
                return []
            }
            guard let url = summary.url else {
                self.message = "The file gives no web address for this article."
                return []
            }
            return [.openURL(url)]
        case .pipe:
            guard pane == .article, detail != nil else {
                self.message = "Open an article to pipe it to a command."
                return []
            }
            overlay = .pipePrompt(input: LineInput(offering: lastPipeCommand))
            return []
        case .readingMode:
            readingMode.toggle()
            relayoutDetail()
            self.message = readingMode ? "Reading mode: the article alone, centred (z leaves it)" : nil
            guard readingMode else { return [] }
            if detail != nil {
                pane = .article
                return []
            }
            return openSelection()
        case .undo:
            let restored = marks.undo()
            self.message =
                restored == 0 ? "Nothing to undo." : "Undone: \(restored) mark\(restored == 1 ? "" : "s") restored"
            return restored == 0 ? [] : savingMarks
        default:
            break
        }
        switch pane {
        case .list: return performInList(action, key: key)
        case .article: return performInArticle(action)
        case .search: return performInSearch(action)
        case .stories: return performInStories(action)
        }
    }

    /// The file path of the article the keys act on: the list's or the results' selection, or the
    /// open article.
    var selectedPath: String? {
        switch pane {
        case .list: return articles[listSelection]?.path
        case .article: return detail?.article.summary.path
        case .search: return search.hit(at: search.selection)?.summary.path
        case .stories: return selectedStoryArticle?.path
        }
    }

    /// The summary of the article the keys act on (see `selectedPath`).
    var selectedSummary: ArticleSummary? {
        switch pane {
        case .list: return articles[listSelection]
        case .article: return detail?.article.summary
        case .search: return search.hit(at: search.selection)?.summary
        case .stories: return selectedStoryArticle
        }
    }

    /// Whether the view is the search: the search pane, or an article opened from its results.
    var viewsSearch: Bool { pane == .search || (pane == .article && articleOpenedFrom == .search) }

    /// Opens the list's or the results' selected article.
    mutating func openSelection() -> [Effect] {
        switch pane {
        case .list:
            guard let summary = articles[listSelection] else { return [] }
            return open(summary.id, query: nil, from: .list)
        case .search:
            guard let hit = search.hit(at: search.selection) else { return [] }
            return open(hit.summary.id, query: search.resultsQuery, from: .search)
        case .stories:
            guard let article = selectedStoryArticle else { return [] }
            return open(article.id, query: nil, from: .stories)
        case .article:
            return []
        }
    }

    private mutating func performInList(_ action: Action, key: KeyPress?) -> [Effect] {
        if let moved = action.movedSelection(from: listSelection, page: listRows, count: articles.count) {
            listSelection = moved
            clampList()
            return []
        }
        switch action {
        case .open:
            return openSelection()
        case .back:
            // Nothing is behind the list: ← and h stay, q and Esc ask before quitting.
            if key == .left || key == .character("h") {
                self.message = Self.topListNotice
            } else {
                isAskingToQuit = true
                self.message = Self.quitQuestion
            }
        default:
            break
        }
        clampList()
        return []
    }

    private mutating func performInArticle(_ action: Action) -> [Effect] {
        guard var detail else {
            if action == .back { pane = .list }
            return []
        }
        let maxScroll = max(0, detail.lines.count - detailRows)
        switch action {
        case .moveDown: detail.scroll += 1
        case .moveUp: detail.scroll -= 1
        case .pageDown, .open: detail.scroll += max(1, detailRows - 1)
        case .pageUp: detail.scroll -= max(1, detailRows - 1)
        case .top: detail.scroll = 0
        case .bottom: detail.scroll = maxScroll
        case .toggleRawPage:
            detail.showsRawPage.toggle()
            (detail.lines, detail.bodyLines) = DetailLayout.layout(for: detail, width: articleWidth)
            detail.scroll = 0
            self.message =
                detail.showsRawPage
                ? "Raw page: \(detail.article.strippedLines.count) lines stripped, shown dimmed; r returns"
                : nil
        case .back:
            pane = articleOpenedFrom
            return []
        case .nextArticle, .previousArticle:
            return openNeighbour(action == .nextArticle ? 1 : -1)
        case .entityList:
            guard !detail.entities.isEmpty else {
                self.message = "No people, organisations or places found in this article."
                return []
            }
            overlay = .entityList(selection: detail.focusedEntity ?? 0)
            // The people's quotes across the store, counted once an article.
            guard detail.storeQuoteCounts == nil else { return [] }
            let people = detail.entities.filter { $0.kind == .person }.map(\.name)
            guard !people.isEmpty else { return [] }
            quotesRequest += 1
            return [.countQuotes(speakers: people, request: quotesRequest)]
        case .nextMention, .previousMention:
            self.detail = detail
            stepMention(forward: action == .nextMention)
            return []
        case .find:
            overlay = .find(input: LineInput(offering: detail.findTerm))
            return []
        case .nextMatch, .previousMatch:
            self.detail = detail
            stepMatch(forward: action == .nextMatch)
            return []
        default:
            break
        }
        detail.scroll = min(max(0, detail.scroll), max(0, detail.lines.count - detailRows))
        self.detail = detail
        return []
    }

    /// Shows the next or previous mention of the chosen entity, or of any entity when none is chosen.
    private mutating func stepMention(forward: Bool) {
        guard var detail else { return }
        let mentions: [EntitySpan]
        if let focused = detail.focusedEntity, detail.entities.indices.contains(focused) {
            mentions = detail.entities[focused].mentions
        } else {
            mentions = detail.entities.flatMap(\.mentions).sorted { $0.start < $1.start }
        }
        guard !mentions.isEmpty else {
            self.message = "No people, organisations or places found in this article."
            return
        }
        if detail.showsRawPage {
            detail.showsRawPage = false
            detail.scroll = 0
        }
        let index: Int
        if let current = detail.focusedMention, let at = mentions.firstIndex(of: current) {
            index = (at + (forward ? 1 : mentions.count - 1)) % mentions.count
        } else if let current = detail.focusedMention {
            // The current mention belongs to another entity: the nearest one after or before it.
            index =
                forward
                ? (mentions.firstIndex { $0.start > current.start } ?? 0)
                : (mentions.lastIndex { $0.start < current.start } ?? mentions.count - 1)
        } else {
            // From what is on screen: the first mention at or below the top line, or above the bottom.
            let top = detail.scroll
            let lineOf = { (span: EntitySpan) in detail.line(ofBodyOffset: span.start) ?? 0 }
            index =
                forward
                ? (mentions.firstIndex { lineOf($0) >= top } ?? 0)
                : (mentions.lastIndex { lineOf($0) < top + detailRows } ?? mentions.count - 1)
        }
        let mention = mentions[index]
        detail.focusedMention = mention
        detail.findIndex = nil
        self.detail = detail
        relayoutDetail(revealing: mention.start)
        let entry = detail.entities.first { $0.mentions.contains(mention) }
        let name = entry?.name ?? mention.text(in: detail.article.body)
        let kind = entry?.kind.label ?? mention.kind.label
        if detail.focusedEntity != nil {
            self.message = "\(name) (\(kind)): mention \(index + 1) of \(mentions.count) · m/M next/previous"
        } else {
            self.message = "\(name) (\(kind)) · mention \(index + 1) of \(mentions.count) in the article · e lists them"
        }
    }

    /// Finds `term` in the open article (ignoring case and accents) and shows the first match at or
    /// below the top of the pane.
    mutating func find(_ term: String) {
        guard var detail else { return }
        detail.findTerm = term
        detail.findMatches = Self.ranges(of: term, in: detail.article.body)
        detail.findIndex = nil
        if detail.showsRawPage { detail.showsRawPage = false }
        self.detail = detail
        guard !detail.findMatches.isEmpty else {
            relayoutDetail()
            self.message = term.isEmpty ? nil : "“\(term)”: not in this article"
            return
        }
        let top = detail.scroll
        let first = detail.findMatches.firstIndex { (detail.line(ofBodyOffset: $0.lowerBound) ?? 0) >= top } ?? 0
        showMatch(first)
    }

    /// Steps to the next or previous match of the found text, or of the search that opened the
    /// article when nothing was found with `f`.
    private mutating func stepMatch(forward: Bool) {
        guard var detail else { return }
        if detail.findTerm.isEmpty, let query = detail.query {
            detail.findMatches = query.matches(in: detail.article.body)
            detail.findTerm = query.text
            self.detail = detail
        }
        guard !detail.findMatches.isEmpty else {
            self.message =
                detail.findTerm.isEmpty
                ? "Nothing to find yet: f finds text." : "“\(detail.findTerm)”: not in this article"
            return
        }
        let count = detail.findMatches.count
        let next = detail.findIndex.map { ($0 + (forward ? 1 : count - 1)) % count } ?? (forward ? 0 : count - 1)
        showMatch(next)
    }

    /// Makes match `index` the current one and scrolls it into view.
    private mutating func showMatch(_ index: Int) {
        guard var detail else { return }
        detail.findIndex = index
        detail.focusedMention = nil
        self.detail = detail
        relayoutDetail(revealing: detail.findMatches[index].lowerBound)
        self.message = "“\(detail.findTerm)”: match \(index + 1) of \(detail.findMatches.count) · n/N next/previous"
    }

    /// Byte ranges of `term` in `text`, ignoring case and accents; none for an empty term.
    static func ranges(of term: String, in text: String) -> [Range<Int>] {
        guard !term.isEmpty else { return [] }
        var result: [Range<Int>] = []
        var searchStart = text.startIndex
        while searchStart < text.endIndex,
            let found = text.range(
                of: term, options: [.caseInsensitive, .diacriticInsensitive], range: searchStart..<text.endIndex)
        {
            let lower = text.utf8.distance(from: text.startIndex, to: found.lowerBound)
            let upper = text.utf8.distance(from: text.startIndex, to: found.upperBound)
            result.append(lower..<upper)
            searchStart = found.upperBound > found.lowerBound ? found.upperBound : text.index(after: found.lowerBound)
        }
        return result
    }

    /// Chooses an entity from the list and shows its first mention.
    private mutating func focus(entity index: Int) {
        guard var detail, detail.entities.indices.contains(index) else { return }
        detail.focusedEntity = index
        detail.focusedMention = nil
        self.detail = detail
        stepMention(forward: true)
    }

    private mutating func performInSearch(_ action: Action) -> [Effect] {
        if let moved = action.movedSelection(from: search.selection, page: searchHitRows, count: search.hitCount) {
            search.selection = moved
        }
        switch action {
        case .open:
            return openSelection()
        case .back:
            pane = .list
        default:
            break
        }
        clampSearch()
        return loadSearchPages()
    }

    /// Shows a pane as its tab or Tab reaches it: the search pane ready for a query, the Stories
    /// pane with its stories loading.
    private mutating func go(to target: Pane) -> [Effect] {
        pane = target
        if pane == .article { articleOpenedFrom = .list }
        if pane == .search { enterSearchInput() }
        if pane == .stories { return enterStories() }
        return []
    }

    /// Puts the cursor in the search pane's query input, the query in force offered as its
    /// placeholder.
    private mutating func enterSearchInput() {
        pane = .search
        if !search.isEditing { search.prompt = search.prompt.offeredAgain }
        search.isEditing = true
    }

    private mutating func handleSearchInput(_ key: KeyPress) -> [Effect] {
        if let edited = search.prompt.edited(with: key) {
            let before = search.input
            search.prompt = edited
            if key != .up { historyPosition = nil }
            return search.input == before ? [] : runSearch()
        }
        switch key {
        case .up:
            return recallOlderQuery()
        case .down where historyPosition != nil:
            return recallNewerQuery()
        case .control("r"):
            overlay = .historySearch(input: LineInput(), match: history.newest(containing: ""))
            return []
        case .escape, .down:
            search.isEditing = false
            search.opensWhenAnswered = false
            return rememberQuery()
        case .tab, .backTab:
            search.isEditing = false
            search.opensWhenAnswered = false
            return rememberQuery() + perform(key == .tab ? .nextPane : .previousPane)
        case .enter:
            return rememberQuery() + openTypedQuery()
        default:
            return []
        }
    }

    /// Enter in the query input: opens the best hit of the query as typed, at once when its answer
    /// is in, else when it comes.
    private mutating func openTypedQuery() -> [Effect] {
        // A query that does not parse or has nothing to search for says why under the input.
        guard search.queryError == nil, !search.hasNothingToSearch else { return [] }
        guard !search.input.allSatisfy(\.isWhitespace) else { return [] }
        guard search.results != nil, search.resultsRequest == searchRequest else {
            search.opensWhenAnswered = true
            return []
        }
        return openAnsweredQuery()
    }

    /// Opens the selected hit of the answered query, leaving the input.
    private mutating func openAnsweredQuery() -> [Effect] {
        search.isEditing = false
        guard let hit = search.hit(at: search.selection) else {
            if search.hitCount == 0 { self.message = "Nothing matches “\(search.input)”." }
            return []
        }
        return open(hit.summary.id, query: search.resultsQuery, from: .search)
    }

    /// Searches the input again, as when it changes.
    mutating func rerunSearch() -> [Effect] { runSearch() }

    private mutating func runSearch() -> [Effect] {
        searchRequest += 1
        search.opensWhenAnswered = false
        let query = SearchQuery(search.input)
        search.queryError = query.error
        search.hasNothingToSearch = query.isEmpty && !search.input.allSatisfy(\.isWhitespace)
        if query.error != nil || query.isEmpty {
            // Results of an older query would answer something else: the reason stands alone.
            search.results = nil
            search.resultsQuery = nil
            search.pages = [:]
            search.elapsedMilliseconds = nil
            return []
        }
        search.requestedPages = [0]
        return [.search(query, filter(for: query, filter), request: searchRequest)]
    }

    /// Asks for the pages of hits on screen, and a screen either side, that are not loaded or
    /// asked for yet (the first page comes with the answer to the query).
    mutating func loadSearchPages() -> [Effect] {
        guard let query = search.resultsQuery, search.resultsRequest == searchRequest, search.hitCount > 0 else {
            return []
        }
        let first = max(0, search.top - searchHitRows)
        let last = min(search.hitCount - 1, search.top + 2 * searchHitRows)
        var effects: [Effect] = []
        for page in (first / SearchState.pageSize)...(last / SearchState.pageSize)
        where search.pages[page] == nil && !search.requestedPages.contains(page) {
            search.requestedPages.insert(page)
            effects.append(
                .search(query, filter(for: query, filter), request: searchRequest, offset: page * SearchState.pageSize))
        }
        return effects
    }

    // MARK: - Mouse

    /// Wheel scrolls the pane under the pointer, a click selects (or switches tab), a double click
    /// opens.
    private mutating func handleMouse(_ event: MouseEvent) -> [Effect] {
        if let overlay {
            switch event.kind {
            case .wheelUp: return handle(.up, in: overlay)
            case .wheelDown: return handle(.down, in: overlay)
            case .click, .doubleClick: return []
            }
        }
        let geometry = self.geometry
        guard !geometry.isTooSmall else { return [] }
        if event.y == 0 {
            guard event.kind == .click || event.kind == .doubleClick,
                let tab = ReaderView.tabSpans.first(where: { $0.columns.contains(event.x) })?.pane
            else { return [] }
            if tab == .article && detail == nil { return [] }
            if tab == .search && pane != .search {
                enterSearchInput()
                return []
            }
            if tab == .stories { return enterStories() }
            pane = tab
            return []
        }
        guard event.y >= geometry.content.y, event.y < geometry.content.maxY else { return [] }
        let target: Pane
        if let separator = geometry.separatorX {
            guard event.x != separator else { return [] }
            target = event.x < separator ? sidePane : .article
        } else {
            target = pane
        }
        let area = target == .article ? geometry.article : geometry.side
        switch event.kind {
        case .wheelUp, .wheelDown:
            let step = event.kind == .wheelDown ? 1 : -1
            switch target {
            case .list:
                listSelection += 3 * step
                clampList()
            case .search:
                search.selection += step
                clampSearch()
                return loadSearchPages()
            case .article:
                guard var detail else { return [] }
                detail.scroll = min(max(0, detail.scroll + 3 * step), max(0, detail.lines.count - detailRows))
                self.detail = detail
            case .stories:
                return performInStories(step > 0 ? .moveDown : .moveUp)
            }
            return []
        case .click, .doubleClick:
            let opens = event.kind == .doubleClick
            switch target {
            case .list:
                let index = listTop + event.y - (area.y + 1)
                guard event.y > area.y, articles[index] != nil else { return [] }
                listSelection = index
                pane = .list
                clampList()
            case .search:
                let offset = event.y - (area.y + 2)
                guard offset >= 0, search.hit(at: search.top + offset / 3) != nil else { return [] }
                search.selection = search.top + offset / 3
                search.isEditing = false
                pane = .search
                clampSearch()
            case .article:
                if detail != nil { pane = .article }
                return []
            case .stories:
                let row = event.y - (area.y + 1)
                guard row >= 0, stories.comparison == nil else { return [] }
                pane = .stories
                if var open = stories.open {
                    open.selection = open.top + row
                    stories.open = open
                } else {
                    stories.selection = stories.top + row
                }
                clampStories()
                if opens { return performInStories(.open) }
                return []
            }
            return opens ? openSelection() : []
        }
    }

    // MARK: - Overlays

    private mutating func handle(_ key: KeyPress, in overlay: Overlay) -> [Effect] {
        switch overlay {
        case .help(let scroll, let filter, let isEditing):
            if isEditing {
                if let edited = filter.edited(with: key) {
                    self.overlay = .help(scroll: 0, filter: edited, isEditing: true)
                    return []
                }
                switch key {
                case .escape:
                    self.overlay = .help(scroll: 0, filter: "", isEditing: false)
                    return []
                case .enter, .down, .tab:
                    self.overlay = .help(scroll: 0, filter: LineInput(text: filter.value), isEditing: false)
                    return []
                default: return []
                }
            }
            let page = max(1, contentHeight - 5)
            let lineCount = ReaderView.helpLines(
                keymap, filter: filter.value, problems: configProblems, width: min(width, 100) - 4
            ).count
            let scroll = min(scroll, max(0, lineCount - max(0, min(contentHeight, lineCount + 4) - 4)))
            switch keymap.action(for: key) {
            case .moveDown: self.overlay = .help(scroll: scroll + 1, filter: filter, isEditing: false)
            case .bottom: self.overlay = .help(scroll: lineCount, filter: filter, isEditing: false)
            case .moveUp: self.overlay = .help(scroll: max(0, scroll - 1), filter: filter, isEditing: false)
            case .pageDown: self.overlay = .help(scroll: scroll + page, filter: filter, isEditing: false)
            case .pageUp: self.overlay = .help(scroll: max(0, scroll - page), filter: filter, isEditing: false)
            case .top: self.overlay = .help(scroll: 0, filter: filter, isEditing: false)
            case .search: self.overlay = .help(scroll: 0, filter: filter.offeredAgain, isEditing: true)
            case .back where !filter.value.isEmpty:
                // The first Esc clears the search, the next closes.
                self.overlay = .help(scroll: 0, filter: "", isEditing: false)
            case .quit:
                isFinished = true
            default: self.overlay = nil
            }
            return []
        case .outletPicker(let selection, let typed, let isEditing):
            return handleOutletPicker(key, selection: selection, typed: typed, isEditing: isEditing)
        case .entityList(let selection):
            let action = keymap.action(for: key)
            if let next = Self.moved(selection, by: action, count: detail?.entities.count ?? 0) {
                self.overlay = .entityList(selection: next)
                return []
            }
            switch action {
            case .open:
                self.overlay = nil
                focus(entity: selection)
                return []
            case .search:
                // Every article that mentions it.
                self.overlay = nil
                guard let entry = detail?.entities[selection] else { return [] }
                search.input = Self.query(naming: entry)
                search.isEditing = true
                pane = .search
                return runSearch()
            case .timeline:
                guard let entry = detail?.entities[selection] else { return [] }
                return openTimeline(query: SearchQuery(Self.query(naming: entry)), subject: entry.name)
            case .quotes:
                guard let entry = detail?.entities[selection], entry.kind == .person else {
                    self.message = "Quotes are listed for people: choose a person."
                    return []
                }
                quotesRequest += 1
                return [.loadQuotes(speaker: entry.name, request: quotesRequest)]
            case .back, .entityList:
                self.overlay = nil
            default:
                break
            }
            return []
        case .quotes(let speaker, let quotes, let selection):
            let action = keymap.action(for: key)
            if let next = Self.moved(selection, by: action, count: quotes.count) {
                self.overlay = .quotes(speaker: speaker, quotes, selection: next)
                return []
            }
            switch action {
            case .open:
                guard quotes.indices.contains(selection) else { return [] }
                self.overlay = nil
                let effects = open(
                    quotes[selection].article.id, query: nil, from: pane == .article ? articleOpenedFrom : pane)
                pendingQuoteStart = quotes[selection].start
                return effects
            case .back, .quotes:
                self.overlay = nil
            default:
                break
            }
            return []
        case .timeline(let timeline):
            return handle(key, inTimeline: timeline)
        case .saveSearch(let input, _):
            return handle(key, inSavePrompt: input)
        case .savedSearches(let list):
            return handle(key, inSavedSearches: list)
        case .historySearch(let input, let match):
            return handle(key, inHistorySearch: input, match: match)
        case .notePrompt(let input, let passage):
            return handle(key, inNotePrompt: input, passage: passage)
        case .notes(let list):
            return handle(key, inNotes: list)
        case .entities(let table):
            return handle(key, inEntities: table)
        case .skippedFiles(let files, let scroll):
            let page = max(1, contentHeight - 5)
            let limit = max(0, files.count - page)
            switch keymap.action(for: key) {
            case .moveDown: self.overlay = .skippedFiles(files, scroll: min(limit, scroll + 1))
            case .moveUp: self.overlay = .skippedFiles(files, scroll: max(0, scroll - 1))
            case .pageDown: self.overlay = .skippedFiles(files, scroll: min(limit, scroll + page))
            case .pageUp: self.overlay = .skippedFiles(files, scroll: max(0, scroll - page))
            case .top: self.overlay = .skippedFiles(files, scroll: 0)
            case .bottom: self.overlay = .skippedFiles(files, scroll: limit)
            default: self.overlay = nil
            }
            return []
        case .find(let input):
            if let edited = input.edited(with: key) {
                self.overlay = .find(input: edited)
                if edited.value != input.value { find(edited.value) }
                return []
            }
            switch key {
            case .enter, .down:
                self.overlay = nil
                return []
            case .escape:
                self.overlay = nil
                find("")
                return []
            default: return []
            }
        case .pipePrompt(let input):
            if let edited = input.edited(with: key) {
                self.overlay = .pipePrompt(input: edited)
                return []
            }
            switch key {
            case .escape:
                self.overlay = nil
                return []
            case .enter:
                self.overlay = nil
                let command = input.value.trimmingCharacters(in: .whitespaces)
                guard !command.isEmpty, let detail else { return [] }
                lastPipeCommand = command
                return [.pipe(command: command, text: detail.plainText)]
            default: return []
            }
        case .datePrompt(let input, _):
            if let edited = input.edited(with: key) {
                self.overlay = .datePrompt(input: edited, error: nil)
                return []
            }
            switch key {
            case .escape:
                self.overlay = nil
            case .enter:
                if input.value.trimmingCharacters(in: .whitespaces).isEmpty {
                    self.overlay = nil
                    var newFilter = filter
                    newFilter.fromDay = nil
                    newFilter.toDay = nil
                    return apply(newFilter)
                }
                do {
                    let (from, to) = try DateRange.parse(input.value)
                    self.overlay = nil
                    var newFilter = filter
                    newFilter.fromDay = from
                    newFilter.toDay = to
                    return apply(newFilter)
                } catch {
                    self.overlay = .datePrompt(input: input, error: error.message)
                }
            default:
                break
            }
            return []
        }
    }

    // MARK: - Helpers

    /// A picker's selection after a movement key, kept within its `count` rows; nil for other keys.
    static func moved(_ selection: Int, by action: Action?, count: Int) -> Int? {
        let next: Int
        switch action {
        case .moveDown: next = selection + 1
        case .moveUp: next = selection - 1
        case .top: next = 0
        case .bottom: next = count - 1
        case .pageDown: next = selection + 10
        case .pageUp: next = selection - 10
        default: return nil
        }
        return min(max(0, next), max(0, count - 1))
    }

    /// Seconds between list reloads while the store is indexed.
    static let listReloadInterval = 2.0

    /// Marks the articles in view read, saying how many were not.
    mutating func markRead(_ paths: [String]) -> [Effect] {
        let changed = marks.set(.read, true, on: paths)
        self.message =
            changed == 0
            ? "Every article in view is already read."
            : "\(changed) article\(changed == 1 ? "" : "s") marked read (u undoes)"
        return changed == 0 ? [] : savingMarks
    }

    /// Asks how many of the list's articles are read (the unread count is the rest).
    mutating func countUnread() -> [Effect] {
        unreadRequest += 1
        return [.countRead(filter, paths: marks.read, request: unreadRequest)]
    }

    /// The pages of the list's rows on screen, a screen either side, and the selection's, that are
    /// not loaded or asked for yet.
    mutating func loadListPages() -> [Effect] {
        guard !articles.isEmpty else { return [] }
        let range = min(listTop - listRows, listSelection)...max(listTop + 2 * listRows, listSelection)
        return articles.missingPages(covering: range).map { .loadListPage(filter, request: listRequest, page: $0) }
    }

    /// The selected article's id, when its row is loaded: a reloaded list keeps it selected.
    var selectedListID: Int64? { articles[listSelection]?.id }

    /// Loads the list and the outlets again, keeping the selection (the store was indexed further).
    private mutating func reloadList() -> [Effect] {
        listRequest += 1
        listSelectionAsked = listSelection
        var effects: [Effect] = [
            .loadList(filter, request: listRequest, keeping: selectedListID, near: listSelection), .loadOutlets,
        ]
        // Not on every reload while the store is indexed: once, and again when indexing ends.
        if listDays == nil { effects += countListDays() }
        if filter.hidesUndated { effects.append(.countUndated(filter, request: listRequest)) }
        if !SearchQuery(search.input).isEmpty && search.queryError == nil { effects += runSearch() }
        return effects
    }

    mutating func apply(_ newFilter: ArticleFilter) -> [Effect] {
        filter = newFilter
        listRequest += 1
        isLoadingList = true
        hiddenUndated = nil
        listDays = nil
        listSelectionAsked = listSelection
        var effects: [Effect] = [.loadList(filter, request: listRequest, keeping: selectedListID, near: 0)]
        effects += countListDays()
        if filter.hidesUndated { effects.append(.countUndated(filter, request: listRequest)) }
        if !SearchQuery(search.input).isEmpty {
            effects += runSearch()
        }
        if pane == .stories && stories.open == nil { effects += reloadStories() }
        return effects
    }

    /// Saving the marks as they are now, unless they are not kept.
    private var savingMarks: [Effect] { keepsMarks ? [.saveMarks(marks)] : [] }

    mutating func open(_ id: Int64, query: SearchQuery?, from origin: Pane) -> [Effect] {
        articleRequest += 1
        // A place to show from an earlier open is not this article's.
        pendingQuoteStart = nil
        articleOpenedFrom = origin
        return [.loadArticle(id: id, query: query, request: articleRequest)]
    }

    /// Opens the article after or before the current one in the list it was opened from.
    private mutating func openNeighbour(_ step: Int) -> [Effect] {
        if articleOpenedFrom == .search, search.results != nil {
            let next = search.selection + step
            guard let hit = search.hit(at: next) else { return [] }
            search.selection = next
            clampSearch()
            return open(hit.summary.id, query: search.resultsQuery, from: .search) + loadSearchPages()
        }
        let next = listSelection + step
        guard let summary = articles[next] else { return [] }
        listSelection = next
        clampList()
        return open(summary.id, query: nil, from: .list)
    }

    mutating func relayoutDetail() {
        guard var detail else { return }
        (detail.lines, detail.bodyLines) = DetailLayout.layout(for: detail, width: articleWidth)
        detail.layoutWidth = articleWidth
        detail.scroll = min(detail.scroll, max(0, detail.lines.count - detailRows))
        self.detail = detail
    }

    /// Lays the article out again and scrolls the body byte `offset` into view (a third of the way
    /// down when it was out of view).
    mutating func relayoutDetail(revealing offset: Int) {
        relayoutDetail()
        guard var detail else { return }
        if let line = detail.line(ofBodyOffset: offset), line < detail.scroll || line >= detail.scroll + detailRows {
            detail.scroll = line - detailRows / 3
        }
        detail.scroll = min(max(0, detail.scroll), max(0, detail.lines.count - detailRows))
        self.detail = detail
    }

    mutating func clampList() {
        listSelection = min(max(0, listSelection), max(0, articles.count - 1))
        if listSelection < listTop { listTop = listSelection }
        if listSelection >= listTop + listRows { listTop = listSelection - listRows + 1 }
        listTop = min(max(0, listTop), max(0, articles.count - listRows))
    }

    mutating func clampSearch() {
        let count = search.hitCount
        search.selection = min(max(0, search.selection), max(0, count - 1))
        if search.selection < search.top { search.top = search.selection }
        if search.selection >= search.top + searchHitRows { search.top = search.selection - searchHitRows + 1 }
        search.top = max(0, search.top)
    }
}
