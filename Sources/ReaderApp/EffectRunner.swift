import Dispatch
import Foundation
import Library
import Research
import Search

/// Carries out effects against a library and reports each answer as a message.
public struct EffectRunner: Sendable {
    public let library: any ArticleLibrary
    /// Where reading marks and the chosen theme are kept; nowhere when nil.
    public let readingState: (any ReadingStateStore)?
    /// Where exports are written; exporting is not offered when nil.
    public let exportDestination: (any ExportDestination)?
    /// The store's folder, to give exported files their full path.
    public let storeRoot: URL?

    public init(
        library: any ArticleLibrary, readingState: (any ReadingStateStore)? = nil,
        exportDestination: (any ExportDestination)? = nil, storeRoot: URL? = nil
    ) {
        self.library = library
        self.readingState = readingState
        self.exportDestination = exportDestination
        self.storeRoot = storeRoot
    }

    /// The same runner reading another library.
    public func reading(_ library: any ArticleLibrary) -> EffectRunner {
        EffectRunner(
            library: library, readingState: readingState, exportDestination: exportDestination, storeRoot: storeRoot)
    }

    /// Articles of a story whose texts are read to find the copies among them.
    static let copiesLookedFor = 60
    /// A person's quotes listed at most (the newest).
    static let quotesListed = 2000

    public func perform(_ effect: Effect) -> Message {
        do {
            switch effect {
            case .loadList(let filter, let request, let keeping, let near):
                let count = try library.articleCount(matching: filter)
                let kept = try keeping.flatMap { try library.articlePosition(id: $0, matching: filter) }
                let position = min(kept ?? near, max(0, count - 1))
                let page = position / ListRows.pageSize
                let rows = try library.articles(
                    matching: filter, offset: page * ListRows.pageSize, limit: ListRows.pageSize)
                return .listLoaded(ListPage(count: count, position: position, page: page, rows: rows), request: request)
            case .loadListPage(let filter, let request, let page):
                let rows = try library.articles(
                    matching: filter, offset: page * ListRows.pageSize, limit: ListRows.pageSize)
                return .listPageLoaded(rows, page: page, request: request)
            case .countRead(var filter, let paths, let request):
                // The read files among the filter's own (a `note:` narrowing keeps only its files).
                filter.paths = filter.paths.map { $0.intersection(paths) } ?? paths
                let read = filter.paths!.isEmpty ? 0 : try library.articleCount(matching: filter)
                return .readCounted(read, request: request)
            case .loadListPaths(let filter, let request):
                // A thousand summaries at a time: a list of a million is never held whole.
                let ids = try library.articleIDs(matching: nil, filter: filter)
                var paths: [String] = []
                for start in stride(from: 0, to: ids.count, by: 1000) {
                    paths += try library.summaries(ids: Array(ids[start..<min(ids.count, start + 1000)])).map(\.path)
                }
                return .listPathsLoaded(paths, request: request)
            case .loadOutlets:
                return .outletsLoaded(try library.outlets())
            case .countUndated(let filter, let request):
                return .undatedCounted(try library.undatedCount(matching: filter), request: request)
            case .search(let query, let filter, let request, let offset, let limit):
                let start = DispatchTime.now().uptimeNanoseconds
                let results = try library.search(query, filter: filter, offset: offset, limit: limit)
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
                return .searchFinished(
                    results, query: query, elapsedMilliseconds: elapsed, request: request, offset: offset)
            case .countMatches(let query, let filter, let request):
                return .matchesCounted(try library.estimatedMatchCount(query, filter: filter), request: request)
            case .loadArticle(let id, let query, let request):
                return .articleLoaded(try library.article(id: id), query: query, request: request)
            case .saveMarks(let marks):
                do {
                    try readingState?.saveMarks(marks)
                } catch {
                    return .marksNotSaved("Cannot save read and starred marks: \(error)")
                }
                return .marksSaved
            case .rememberTheme(let name):
                // A preference: when it cannot be kept, the theme is simply not remembered.
                try? readingState?.rememberTheme(name)
                return .themeRemembered
            case .loadSkippedFiles:
                return .skippedFilesLoaded(try library.skippedFiles())
            case .loadStories(let filter, let query, let minimumOutlets, let request, let keeping):
                let count = try library.storyCount(matching: query, filter: filter, minimumOutlets: minimumOutlets)
                let kept = try keeping.flatMap {
                    try library.storyPosition(id: $0, matching: query, filter: filter, minimumOutlets: minimumOutlets)
                }
                let position = min(kept ?? 0, max(0, count - 1))
                let page = position / PagedRows<StorySummary>.pageSize
                let rows = try storyPage(page, query, filter, minimumOutlets)
                return .storiesLoaded(
                    RowsPage(count: count, position: position, page: page, rows: rows), request: request)
            case .loadStoryPage(let filter, let query, let minimumOutlets, let request, let page):
                return .storyPageLoaded(
                    try storyPage(page, query, filter, minimumOutlets), page: page, request: request)
            case .loadStory(let id, let headline, let request):
                let articles = try library.articles(ofStory: id)
                // Copies are looked for among the first articles of a large story.
                var bodies: [Int64: String] = [:]
                for article in articles.prefix(Self.copiesLookedFor) {
                    bodies[article.id] = try? library.body(id: article.id)
                }
                return .storyLoaded(
                    OpenStory(
                        id: id,
                        headline: try headline ?? library.story(id: id)?.headline
                            ?? articles.first(where: \.hasHeadline)?.displayTitle ?? "",
                        articles: articles, originals: OpenStory.originals(of: articles, bodies: bodies)),
                    request: request)
            case .compare(let first, let second, let request):
                guard let left = try library.article(id: first), let right = try library.article(id: second) else {
                    return .failed("That article is no longer in the index; the store may have changed.")
                }
                return .comparisonLoaded(ComparisonState(left: left, right: right), request: request)
            case .countQuotes(let speakers, let request):
                return .quotesCounted(try library.quoteCounts(speakers: speakers), request: request)
            case .loadTimeline(let query, let filter, let byOutlet, let request):
                return .timelineLoaded(
                    try library.dayCounts(matching: query, filter: filter, byOutlet: byOutlet), request: request)
            case .export(let request):
                return export(request)
            case .loadQuotes(let speaker, let request):
                return .quotesLoaded(
                    speaker: speaker,
                    try library.quotes(bySpeaker: speaker, filter: ArticleFilter(), limit: Self.quotesListed),
                    request: request)
            case .saveSearches(let searches):
                do {
                    try readingState?.saveSearches(searches)
                } catch {
                    return .failed("Cannot save the saved searches: \(error)")
                }
                return .stateSaved
            case .saveHistory(let history):
                do {
                    try readingState?.saveHistory(history)
                } catch {
                    return .failed("Cannot save the search history: \(error)")
                }
                return .stateSaved
            case .saveNotes(let notes):
                var stamped = ArticleNotes()
                let now = ArticleNote.timestamp(Date())
                for var note in notes.notes {
                    if note.written.isEmpty { note.written = now }
                    stamped.save(note)
                }
                do {
                    try readingState?.saveNotes(stamped)
                } catch {
                    return .failed("Cannot save the notes: \(error)")
                }
                return .notesSaved(stamped)
            case .countDays(let filter, let request):
                return .daysCounted(
                    try library.dayCounts(matching: nil, filter: filter, byOutlet: false), request: request)
            case .loadEntities(let view, let cooccurring, let request):
                return .entitiesLoaded(
                    try library.topEntities(in: view, cooccurring: cooccurring, limit: EntitiesTableState.limit),
                    request: request)
            case .checkNotes(let notes, let request):
                return .notesChecked(try notes.map(check), request: request)
            case .countSearches(let searches, let read, let request):
                return .searchesCounted(
                    try searches.map { search in
                        let matches = try count(search)
                        var readOnly = search
                        readOnly.filter.paths = search.filter.paths.map { $0.intersection(read) } ?? read
                        let readMatches = matches == 0 || read.isEmpty ? 0 : try count(readOnly)
                        return SavedSearchCount(matches: matches, unread: max(0, matches - readMatches))
                    }, request: request)
            case .cancelExport:
                // The run loop stops the export it runs beside the reader.
                return .notice("No export to stop.")
            default:
                // The effects that need the terminal (`Effect.needsTerminal`): the run loop carries
                // them out itself.
                return .failed("This needs the terminal.")
            }
        } catch {
            return .failed("Index error: \(error)")
        }
    }

    /// One page of the Stories pane's list.
    func storyPage(_ page: Int, _ query: SearchQuery?, _ filter: ArticleFilter, _ minimumOutlets: Int) throws
        -> [StorySummary]
    {
        let size = PagedRows<StorySummary>.pageSize
        return try library.stories(
            matching: query, filter: filter, minimumOutlets: minimumOutlets, offset: page * size, limit: size)
    }

    /// A note's article, and whether its passage is still in the article's text.
    public func check(_ note: ArticleNote) throws -> NoteCheck {
        guard let id = try library.articleID(path: note.path) else { return NoteCheck(article: nil, isOrphaned: true) }
        let body = try library.body(id: id) ?? ""
        return NoteCheck(article: id, isOrphaned: note.range(in: body) == nil)
    }

    /// How many articles a saved search matches now: its query's matches, or its filter's articles.
    public func count(_ search: SavedSearch) throws -> Int {
        let query = SearchQuery(search.query)
        guard !query.isEmpty, query.error == nil else {
            return search.query.isEmpty ? try library.articleCount(matching: search.filter) : 0
        }
        return try library.matchCount(query, filter: search.filter)
    }

    /// Writes a view's articles to a file at the export destination; `progress` hears how far it
    /// has got, and `isCancelled` stops it between batches, leaving no file.
    public func export(
        _ request: ExportRequest, progress: @escaping (ExportProgress) -> Void = { _ in },
        isCancelled: @escaping () -> Bool = { false }
    ) -> Message {
        guard let exportDestination else {
            return .exportFinished("Exporting is not available here.", request: request.request)
        }
        do {
            let ids: [Int64]
            switch request.source {
            case .view(let query, let filter): ids = try library.articleIDs(matching: query, filter: filter)
            case .story(let story): ids = try library.articles(ofStory: story).map(\.id)
            }
            let marks = request.marks
            let notes = request.notes
            let exporter = Exporter(
                library: library, storeRoot: storeRoot,
                writer: ExportWriter(format: request.format, title: request.name),
                marks: { (marks.isRead($0), marks.isStarred($0)) },
                notes: { notes.notes(on: $0).map { ExportNote(passage: $0.passage, text: $0.text) } })
            let path = try exportDestination.write(named: request.fileName) { write in
                try exporter.export(
                    ids: ids, write: write,
                    progress: { progress(ExportProgress(done: $0, total: $1, request: request.request)) },
                    isCancelled: isCancelled)
            }
            return .exportFinished(
                "Exported \(ids.count) article\(ids.count == 1 ? "" : "s") to \(path)", request: request.request)
        } catch is Exporter.Cancelled {
            return .exportFinished("Export stopped; no file was written.", request: request.request)
        } catch {
            return .exportFinished("Export failed: \(error)", request: request.request)
        }
    }
}
