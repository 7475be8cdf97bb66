import Entities
import Foundation
import Library
import Research
import Search
import TerminalUI

/// The reader's panes, in Tab order.
public enum Pane: String, CaseIterable, Hashable, Sendable {
    case list, article, search, stories

    public var title: String {
        switch self {
        case .list: "List"
        case .article: "Article"
        case .search: "Search"
        case .stories: "Stories"
        }
    }
}

/// An index handed to the run loop in a message: equal only to itself.
public struct LibraryHandle: Hashable, Sendable {
    public let library: any ArticleLibrary
    let identity = UUID()

    public init(_ library: any ArticleLibrary) { self.library = library }

    public static func == (lhs: LibraryHandle, rhs: LibraryHandle) -> Bool { lhs.identity == rhs.identity }
    public func hash(into hasher: inout Hasher) { hasher.combine(identity) }
}

/// How far the index update running beside the reader has got.
public struct IndexingProgress: Hashable, Sendable {
    /// Phase 1 makes articles listed and searchable by words; phase 2 finds their names, quotes
    /// and stories. Each phase counts its own files and time.
    public var phase: IndexPhase
    public var done: Int
    public var total: Int
    public var elapsedSeconds: Double

    public init(phase: IndexPhase = .words, done: Int, total: Int, elapsedSeconds: Double) {
        self.phase = phase
        self.done = done
        self.total = total
        self.elapsedSeconds = elapsedSeconds
    }

    /// Files read per second so far.
    public var rate: Double? { elapsedSeconds > 0.2 && done > 0 ? Double(done) / elapsedSeconds : nil }

    /// Seconds until the rest is read at the rate so far.
    public var secondsLeft: Double? { rate.map { Double(total - done) / $0 } }

    public var fraction: Double { total == 0 ? 1 : Double(done) / Double(total) }
}

/// An article opened in the article pane, with its text laid out for the current width.
public struct DetailState: Hashable, Sendable {
    public var article: StoredArticle
    /// Search hits to highlight in the body.
    public var query: SearchQuery?
    /// Showing the page as the file has it, with stripped lines labelled.
    public var showsRawPage = false
    public var scroll = 0
    /// The text wrapped to `layoutWidth`, as drawn.
    public var lines: [StyledLine] = []
    public var layoutWidth = 0
    /// Where body text starts on the drawn lines: (line index, byte offset into the body), in order.
    public var bodyLines: [BodyLine] = []
    /// The article's entities, each once, most mentioned first.
    public var entities: [EntityEntry]
    /// How many quotes each person of `entities` has across the store, once counted (the entity
    /// list asks when it opens).
    public var storeQuoteCounts: [String: Int]?
    /// The entity whose mentions `m` and `M` step through, an index into `entities`.
    public var focusedEntity: Int?
    /// The mention shown as the current one.
    public var focusedMention: EntitySpan?
    /// The text found with `f`, its matches in the body (UTF-8 offsets, in order), and the one
    /// shown as current.
    public var findTerm = ""
    public var findMatches: [Range<Int>] = []
    public var findIndex: Int?
    /// The passages of the article's notes, as UTF-8 ranges of the body (drawn highlighted).
    public var noteRanges: [Range<Int>] = []
    /// Lines chosen with `V` to attach a note to: drawn lines from `anchor` to `cursor`.
    public var selection: LineSelection?

    public init(article: StoredArticle, query: SearchQuery?) {
        self.article = article
        self.query = query
        entities = EntityDirectory.entries(in: article.body, spans: article.entities)
    }

    /// The match drawn as the current one: the found text's, else the chosen entity mention.
    public var focusRange: Range<Int>? {
        if let findIndex, findMatches.indices.contains(findIndex) { return findMatches[findIndex] }
        return focusedMention.map { $0.start..<$0.end }
    }

    /// The cleaned article as plain text: headline, outlet, date and file, then the body.
    public var plainText: String {
        let summary = article.summary
        var text = summary.displayTitle + "\n\n"
        text += "Outlet: " + (summary.outlet ?? "not named in the text") + "\n"
        text += "Date: " + (summary.published.map(ListLayout.display) ?? "no publication date in the text") + "\n"
        text += "File: " + summary.path + "\n"
        if let url = summary.url { text += "Web: " + url + "\n" }
        text += "\n"
        let paragraphs = article.body.split(separator: "\n").filter { !$0.allSatisfy { $0 == " " } }
        return text + paragraphs.joined(separator: "\n\n") + "\n"
    }

    /// A one-line citation of an article: outlet, date, “title”, web address where known, file.
    public static func citation(_ summary: ArticleSummary, storeRoot: String?) -> String {
        var parts: [String] = []
        parts.append(summary.outlet ?? "outlet not named")
        parts.append(summary.published.map(ListLayout.display) ?? "undated")
        parts.append("“" + summary.displayTitle + "”")
        if let url = summary.url { parts.append(url) }
        parts.append(absolutePath(summary.path, storeRoot: storeRoot))
        return parts.joined(separator: ", ")
    }

    /// A store path made absolute against the store's folder.
    static func absolutePath(_ path: String, storeRoot: String?) -> String {
        guard let storeRoot, !path.hasPrefix("/") else { return path }
        return storeRoot.hasSuffix("/") ? storeRoot + path : storeRoot + "/" + path
    }

    /// The drawn line that shows the body byte `offset`.
    public func line(ofBodyOffset offset: Int) -> Int? {
        var found: Int?
        for start in bodyLines {
            if start.offset > offset { break }
            found = start.line
        }
        return found
    }
}

/// Drawn lines of the article pane chosen for a note: from the line where `V` was pressed to the
/// cursor, whichever comes first.
public struct LineSelection: Hashable, Sendable {
    public var anchor: Int
    public var cursor: Int
    public var lines: ClosedRange<Int> { min(anchor, cursor)...max(anchor, cursor) }
}

/// A drawn line of the article pane that starts with body text at `offset`.
public struct BodyLine: Hashable, Sendable {
    public var line: Int
    public var offset: Int
}

/// The search pane: the query being typed and its latest results.
public struct SearchState: Hashable, Sendable {
    /// How many hits the library is asked for at a time; more are asked for as the selection
    /// comes near them.
    public static let pageSize = 200

    /// The query input; the previous query is its placeholder when the input is entered again.
    public var prompt = LineInput()
    /// The query in force: the typed text, or the previous query while the input is untouched.
    public var input: String {
        get { prompt.value }
        set { prompt = LineInput(text: newValue) }
    }
    public var isEditing = false
    /// The first answer to the query: how many articles match, the query as the library answered
    /// it, and the first page of hits.
    public var results: SearchResults?
    /// The query the shown results answer.
    public var resultsQuery: SearchQuery?
    /// The request the shown results answer.
    public var resultsRequest = 0
    /// The hits loaded so far, by page of `pageSize` (page 0 is `results.hits`).
    public var pages: [Int: [SearchHit]] = [:]
    /// Pages asked for and not answered yet.
    public var requestedPages: Set<Int> = []
    /// Enter was pressed before the answer to the typed query came: its best hit opens when it comes.
    public var opensWhenAnswered = false
    /// The selected hit and the first one drawn, counted over every match (not only those loaded).
    public var selection = 0
    public var top = 0
    public var elapsedMilliseconds: Double?
    public var error: String?
    /// Why the typed query does not parse, and where; shown under the input instead of results.
    public var queryError: SearchQuery.ParseError?
    /// The typed query has no word, phrase or filter to search for (`*`, `-`, `""`).
    public var hasNothingToSearch = false

    public init() {}

    /// How many articles match, as far as the pages can reach.
    public var hitCount: Int { results?.totalCount ?? 0 }

    /// Hit `index` of all matches, if its page is loaded.
    public func hit(at index: Int) -> SearchHit? {
        guard index >= 0, let page = pages[index / Self.pageSize] else { return nil }
        let offset = index % Self.pageSize
        return page.indices.contains(offset) ? page[offset] : nil
    }

    /// Every loaded hit, in order.
    public var loadedHits: [SearchHit] { pages.keys.sorted().flatMap { pages[$0] ?? [] } }
}

/// A box or prompt drawn over the panes.
public enum Overlay: Hashable, Sendable {
    /// The keys, narrowed to those matching `filter`; `isEditing` while the filter is typed.
    case help(scroll: Int, filter: LineInput, isEditing: Bool)
    /// Outlets to filter by; those matching `filter`, typed after `/` while `isEditing`.
    case outletPicker(selection: Int, filter: String = "", isEditing: Bool = false)
    case datePrompt(input: LineInput, error: String?)
    case entityList(selection: Int)
    /// Text to find in the open article, found as typed.
    case find(input: LineInput)
    /// A shell command to pipe the cleaned article to.
    case pipePrompt(input: LineInput)
    /// The store's files that could not be indexed, with reasons.
    case skippedFiles([SkippedFile], scroll: Int)
    /// Everything one person said across the store, newest first.
    case quotes(speaker: String, [QuoteSummary], selection: Int)
    /// Articles per period of the list, the search or a name.
    case timeline(TimelineState)
    /// The name to save the search in force under.
    case saveSearch(input: LineInput, error: String?)
    /// The saved searches, with their counts.
    case savedSearches(SavedSearchesList)
    /// The search history searched as typed (Ctrl-R); `match` indexes the history's entries.
    case historySearch(input: LineInput, match: Int?)
    /// The note to attach to a passage of the open article.
    case notePrompt(input: LineInput, passage: String)
    /// Every note of the store, newest first.
    case notes(NotesList)
    /// The names in the most articles of a view.
    case entities(EntitiesTableState)
}

/// Everything the reader shows, as one value.
public struct AppState: Hashable, Sendable {
    /// How the store is named in the status line.
    public var storeName: String
    public var isSampleStore: Bool
    /// The store's folder, to name files by their full path (citations, the pager).
    public var storeRoot: String?
    public var keymap: Keymap
    public var width: Int
    public var height: Int

    public var pane: Pane = .list
    /// The pane to go back to from the article pane.
    public var articleOpenedFrom: Pane = .list
    public var filter = ArticleFilter()
    /// How many undated articles the filter's date range hides, once counted.
    public var hiddenUndated: Int?
    /// The list as filtered: its count, and the pages of rows loaded around the view.
    public var articles = ListRows()
    public var totalArticles: Int?
    /// The list's dated articles per day, for the timeline strip in its header on wide screens;
    /// nil until counted.
    public var listDays: [DayCount]?
    public var isLoadingList = true
    public var listSelection = 0
    public var listTop = 0
    public var outlets: [OutletCount] = []
    public var detail: DetailState?
    public var search = SearchState()
    public var stories = StoriesState()
    public var overlay: Overlay?
    /// Article-only reading in a centred column of comfortable width.
    public var readingMode = false
    /// The theme in use, and the themes `t` cycles through (bundled ones, in order).
    public var themeName = "default"
    public var themeNames: [String] = []
    /// Read and starred articles, kept in kabar's state file.
    public var marks = ReadingMarks() {
        didSet { marksVersion &+= 1 }
    }
    /// Changes with every change of the marks: the unread count is then asked for again.
    var marksVersion = 0
    /// The last request for the unread count; answers to older ones are dropped.
    var unreadRequest = 0
    /// Whether changed marks are saved: false when the saved ones could not be read, so that what
    /// is kept is left as it is rather than overwritten.
    public var keepsMarks = true
    /// Unread articles of the list as filtered: counted by the library when the list or the marks
    /// change, not per frame (a list can hold a million articles).
    public internal(set) var unreadCount = 0
    /// Problems in the config file, each naming its line; shown at the top of the help.
    public var configProblems: [String] = []
    /// The last command given to `|`, offered again.
    public var lastPipeCommand = ""
    /// The store being indexed while the reader runs, if it is.
    public var indexing: IndexingProgress?
    /// The index update beside the reader has not finished yet: an empty list means the store is
    /// still being read, not that it has no articles.
    public var isScanningStore = false
    /// Why the index's server cannot be reached, while it cannot (a team index only).
    public var connectionProblem: String?
    /// The last writing of the reading marks failed (the team index's server was away): they are
    /// written again when the connection is back.
    public var marksUnsaved = false
    /// How many of the store's files could not be indexed (`!` lists them), as of the last update.
    public var skippedFileCount = 0
    /// When the list was last reloaded during indexing, in the indexing's elapsed seconds.
    var listReloadedAt = 0.0
    /// A one-off message for the status line, such as an error.
    public var message: String?
    public var isFinished = false
    /// `q` or `Esc` on the list asked whether to quit; the next key answers.
    public var isAskingToQuit = false

    /// Sequence numbers of the latest request of each kind; older answers are dropped.
    public var listRequest = 0
    /// The selection when the list was last asked for: moved since, the user's choice wins.
    var listSelectionAsked = 0
    public var searchRequest = 0
    public var articleRequest = 0
    /// The latest request for a person's quotes, and where in the article to show once it opens.
    public var quotesRequest = 0
    public var pendingQuoteStart: Int?
    public var storiesRequest = 0
    public var timelineRequest = 0
    public var daysRequest = 0
    public var searchesRequest = 0
    /// Searches saved with `S`, and whether changes to them are kept (not when the file could not
    /// be read: it is left as it is).
    public var savedSearches = SavedSearches()
    public var keepsSearches = true
    /// Queries typed in the search prompt, and whether changes are kept.
    public var history = SearchHistory()
    public var keepsHistory = true
    /// Where `↑` and `↓` in the search input are in the history; nil while not stepping through it.
    public var historyPosition: Int?
    /// The user's notes on articles of the store, and whether changes are kept.
    public var notes = ArticleNotes()
    public var keepsNotes = true
    public var notesRequest = 0
    public var entitiesRequest = 0
    /// A passage to show once the article being opened arrives (from the Notes view).
    public var pendingPassage: String?
    /// The export running beside the reader, if one is (Esc stops it).
    public var exporting: ExportProgress?
    /// The format `E` writes (`export-format` in the config file).
    public var exportFormat = ExportFormat.jsonl
    public var exportRequest = 0

    public init(storeName: String, isSampleStore: Bool, width: Int, height: Int, keymap: Keymap = .standard) {
        self.storeName = storeName
        self.isSampleStore = isSampleStore
        self.width = width
        self.height = height
        self.keymap = keymap
    }

    /// Where the panes go at the current size and mode.
    public var geometry: ScreenGeometry { ScreenGeometry(width: width, height: height, readingMode: readingMode) }

    /// The pane drawn on the left when split, or alone when the article is not active: the list
    /// or the search.
    public var sidePane: Pane { pane == .article ? (articleOpenedFrom == .article ? .list : articleOpenedFrom) : pane }

    /// The requests to make when the reader starts.
    public mutating func start() -> [Effect] {
        listRequest += 1
        return [.loadList(filter, request: listRequest, keeping: nil, near: 0), .loadOutlets] + countListDays()
    }

    /// Counting the list's articles per day, when the screen is wide enough to show them (the list
    /// beside the article).
    mutating func countListDays() -> [Effect] {
        guard geometry.isSplit else { return [] }
        daysRequest += 1
        return [.countDays(filter, request: daysRequest)]
    }
}

/// Something that happened: a key, a resize, or the answer to an effect.
public enum Message: Hashable, Sendable {
    case key(KeyPress)
    case resize(width: Int, height: Int)
    /// The list's count, and the page around the article that was selected (or around the place
    /// asked for).
    case listLoaded(ListPage, request: Int)
    /// Another page of the list's rows.
    case listPageLoaded([ArticleSummary], page: Int, request: Int)
    /// How many of the list's articles are marked read.
    case readCounted(Int, request: Int)
    /// Every file of the list, for marking them all read.
    case listPathsLoaded([String], request: Int)
    case outletsLoaded([OutletCount])
    /// How many undated articles the list's date range hides.
    case undatedCounted(Int, request: Int)
    /// Hits of a search from the `offset`-th match on (the first page when 0).
    case searchFinished(
        SearchResults, query: SearchQuery, elapsedMilliseconds: Double, request: Int, offset: Int = 0)
    case articleLoaded(StoredArticle?, query: SearchQuery?, request: Int)
    /// The reading marks were written to the state file.
    case marksSaved
    /// The reading marks could not be written; the text says why. They are written again when
    /// the team index's connection is back.
    case marksNotSaved(String)
    /// The theme chosen with `t` was kept for the next start, where that is possible.
    case themeRemembered
    /// A command run in the terminal ended; the text says how.
    case externalFinished(String)
    /// The files the index could not use, with reasons.
    case skippedFilesLoaded([SkippedFile])
    /// Something to tell the user on the status line.
    case notice(String)
    /// The index's server cannot be reached (why, in words); the status line says so until it is back.
    case connectionLost(String)
    /// The index's server answers again: what is shown is read again.
    case connectionBack
    /// From now on the reader reads another index (one in memory when the disk stopped taking
    /// writes); the run loop swaps it in, the state reloads the list.
    case libraryReplaced(LibraryHandle)
    /// The index update beside the reader read more files.
    case indexProgress(IndexingProgress)
    /// The index update finished; the text says what it did, if worth saying, and how many of the
    /// store's files could not be indexed.
    case indexFinished(String?, skippedFiles: Int = 0)
    /// Stories for the Stories pane: how many, the one to select and the page around it.
    case storiesLoaded(RowsPage<StorySummary>, request: Int)
    /// Another page of the Stories pane's list.
    case storyPageLoaded([StorySummary], page: Int, request: Int)
    /// A story's articles, earliest first, with the copies among them.
    case storyLoaded(OpenStory, request: Int)
    /// Two articles compared sentence by sentence.
    case comparisonLoaded(ComparisonState, request: Int)
    /// A person's quotes across the store, newest first.
    case quotesLoaded(speaker: String, [QuoteSummary], request: Int)
    /// How many quotes each person of the open article has across the store.
    case quotesCounted([String: Int], request: Int)
    /// Articles per day for the timeline.
    case timelineLoaded([DayCount], request: Int)
    /// How far the export has got.
    case exportProgress(ExportProgress)
    /// The export ended: the text says where it went, or why it did not.
    case exportFinished(String, request: Int)
    /// The saved searches' match counts and unread match counts, in their order.
    case searchesCounted([SavedSearchCount], request: Int)
    /// The search's matches counted, or estimated when there are many.
    case matchesCounted(MatchCount, request: Int)
    /// Saved searches or the search history were written to their state file.
    case stateSaved
    /// The notes were written, each with the time it was made.
    case notesSaved(ArticleNotes)
    /// For each note of the Notes view: its article's id, and whether its passage is still there.
    case notesChecked([NoteCheck], request: Int)
    /// The names in the most articles of a view.
    case entitiesLoaded([EntityCount], request: Int)
    /// The list's articles per day.
    case daysCounted([DayCount], request: Int)
    case failed(String)
}

/// Work the reader asks its shell to do; the answer comes back as a `Message`.
public enum Effect: Hashable, Sendable {
    /// The list's count, and the page of rows around the article of id `keeping` (when it still
    /// passes the filter), else around row `near`.
    case loadList(ArticleFilter, request: Int, keeping: Int64?, near: Int)
    /// A page of the list's rows.
    case loadListPage(ArticleFilter, request: Int, page: Int)
    /// How many of the filter's articles are among these files (the read ones).
    case countRead(ArticleFilter, paths: Set<String>, request: Int)
    /// Every file of the filter's list.
    case loadListPaths(ArticleFilter, request: Int)
    case loadOutlets
    /// How many undated articles the filter's date range hides.
    case countUndated(ArticleFilter, request: Int)
    /// The `limit` best matches from the `offset`-th on.
    case search(SearchQuery, ArticleFilter, request: Int, offset: Int = 0, limit: Int = SearchState.pageSize)
    /// Every match of a query counted, when the search stopped counting at a bound.
    case countMatches(SearchQuery, ArticleFilter, request: Int)
    case loadArticle(id: Int64, query: SearchQuery?, request: Int)
    /// Write the reading marks to the state file.
    case saveMarks(ReadingMarks)
    /// Keep the theme chosen with `t` for the next start.
    case rememberTheme(String)
    /// Give the terminal to a shell command reading `text` on its standard input.
    case pipe(command: String, text: String)
    /// Give the terminal to `$PAGER` on a file of the store.
    case openPager(path: String)
    /// Give the terminal to `$BROWSER` (or `xdg-open`) on a web address.
    case openURL(String)
    /// Put text on the terminal's clipboard (OSC 52).
    case copyToClipboard(String)
    /// The files the index could not use.
    case loadSkippedFiles
    /// Stories with an article passing the filter (and matching the query, when there is one),
    /// carried by at least `minimumOutlets` outlets: how many, and the page around the story
    /// `keeping` (the first page when it is not among them).
    case loadStories(ArticleFilter, query: SearchQuery?, minimumOutlets: Int, request: Int, keeping: Int64?)
    /// Another page of those stories.
    case loadStoryPage(ArticleFilter, query: SearchQuery?, minimumOutlets: Int, request: Int, page: Int)
    /// A story's articles and the copies among them.
    case loadStory(id: Int64, headline: String?, request: Int)
    /// Two articles of a story compared.
    case compare(Int64, Int64, request: Int)
    /// Everything a person said across the store.
    case loadQuotes(speaker: String, request: Int)
    /// How many quotes these people have across the store.
    case countQuotes(speakers: [String], request: Int)
    /// Articles per day of the query's matches (the filter's articles without one).
    case loadTimeline(SearchQuery?, ArticleFilter, byOutlet: Bool, request: Int)
    /// Write the articles of a view to a file; runs beside the reader, reporting its progress.
    case export(ExportRequest)
    /// Stop the export running beside the reader; nothing of it is kept.
    case cancelExport(request: Int)
    /// Write the saved searches, or the search history, to their state files.
    case saveSearches(SavedSearches)
    case saveHistory(SearchHistory)
    /// How many articles each saved search matches now.
    /// How many articles each saved search matches now, and how many of them are not among
    /// the `read` files.
    case countSearches([SavedSearch], read: Set<String>, request: Int)
    /// Write the notes, giving those without a time the time now.
    case saveNotes(ArticleNotes)
    /// Find each note's article and whether its passage is still in it.
    case checkNotes([ArticleNote], request: Int)
    /// The names in the most articles of a view (of those naming `cooccurring`, when given).
    case loadEntities(ArticleView, cooccurring: NamedEntity?, request: Int)
    /// The filter's articles per day.
    case countDays(ArticleFilter, request: Int)

    /// Whether the run loop carries this out with the terminal rather than in the background.
    public var needsTerminal: Bool {
        switch self {
        case .pipe, .openPager, .openURL, .copyToClipboard: true
        default: false
        }
    }
}
