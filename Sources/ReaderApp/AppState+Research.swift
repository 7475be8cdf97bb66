import Entities
import Library
import Research
import Search
import TerminalUI

/// The timeline and the export: their keys and answers.
extension AppState {
    /// What the timeline and the export of the current view cover: the search in force in the
    /// search pane (or an article opened from it), else the list as filtered.
    var viewInWords: (query: SearchQuery?, subject: String) {
        if viewsSearch, let query = search.resultsQuery, !query.isEmpty {
            return (query, "“\(search.input)”")
        }
        return (nil, filter.isEmpty ? "the list" : filter.summary)
    }

    /// `T`: the timeline of the view, or of the name chosen in the entity list.
    public mutating func openTimeline(query: SearchQuery?, subject: String) -> [Effect] {
        timelineRequest += 1
        let state = TimelineState(subject: subject, query: query, filter: filter, request: timelineRequest)
        overlay = .timeline(state)
        return [.loadTimeline(query, self.filter(for: query, filter), byOutlet: false, request: timelineRequest)]
    }

    mutating func openTimelineOfView() -> [Effect] {
        let (query, subject) = viewInWords
        return openTimeline(query: query, subject: subject)
    }

    /// The query finding the articles that name an entity (`person:"joko widodo"`).
    static func query(naming entry: EntityEntry) -> String { query(naming: entry.kind, entry.name) }

    /// The query finding the articles that name an entity of this kind and name.
    static func query(naming kind: EntityKind, _ name: String) -> String {
        let field: String
        switch kind {
        case .person: field = "person"
        case .organization: field = "org"
        case .place: field = "place"
        }
        return "\(field):\"\(EntityDirectory.normalisedWords(name).joined(separator: " "))\""
    }

    mutating func handle(_ key: KeyPress, inTimeline timeline: TimelineState) -> [Effect] {
        var timeline = timeline
        switch timeline.handle(key, action: keymap.action(for: key)) {
        case .stay:
            overlay = .timeline(timeline)
        case .close:
            overlay = nil
        case .reload:
            timelineRequest += 1
            timeline.request = timelineRequest
            overlay = .timeline(timeline)
            return [
                .loadTimeline(
                    timeline.query, filter(for: timeline.query, timeline.filter), byOutlet: timeline.byOutlet,
                    request: timelineRequest)
            ]
        case .narrow(let from, let to):
            overlay = nil
            var narrowed = filter
            narrowed.fromDay = from
            narrowed.toDay = to
            if let query = timeline.query, query.text != SearchQuery(search.input).text {
                // The timeline of a name: its articles of that period, in the search pane.
                search.input = query.text
                search.isEditing = false
                pane = .search
            }
            return apply(narrowed)
        }
        return []
    }

    mutating func receiveTimeline(_ days: [DayCount], request: Int) {
        guard case .timeline(var timeline) = overlay, timeline.request == request else { return }
        timeline.receive(days)
        overlay = .timeline(timeline)
    }

    // MARK: - Who is in the news

    /// `W`: the names in the most articles of the view: the open story in the Stories pane, else
    /// the search or the list.
    mutating func showEntities() -> [Effect] {
        entitiesRequest += 1
        let table: EntitiesTableState
        if pane == .stories, let story = stories.open {
            table = EntitiesTableState(subject: "the story", view: .story(story.id), request: entitiesRequest)
        } else {
            let (query, subject) = viewInWords
            table = EntitiesTableState(
                subject: subject, view: .matching(query, filter(for: query, filter)), request: entitiesRequest)
        }
        overlay = .entities(table)
        return [.loadEntities(table.view, cooccurring: nil, request: entitiesRequest)]
    }

    /// The open entity table asked for again (its view changed, or the names of its articles
    /// have all been found since); nothing when none is open.
    mutating func reloadEntities() -> [Effect] {
        guard case .entities(var table) = overlay else { return [] }
        entitiesRequest += 1
        table.request = entitiesRequest
        overlay = .entities(table)
        return [.loadEntities(table.view, cooccurring: table.cooccurring, request: entitiesRequest)]
    }

    mutating func handle(_ key: KeyPress, inEntities table: EntitiesTableState) -> [Effect] {
        var table = table
        switch table.handle(key, action: keymap.action(for: key)) {
        case .stay:
            overlay = .entities(table)
        case .close:
            overlay = nil
        case .reload:
            overlay = .entities(table)
            return reloadEntities()
        case .search(let query):
            overlay = nil
            search.input = query
            search.isEditing = false
            pane = .search
            return rerunSearch()
        }
        return []
    }

    // MARK: - Export

    /// `E`: the view written to a file named after it, beside the reader.
    mutating func startExport() -> [Effect] {
        if exporting != nil {
            message = "An export is running already (Esc stops it)."
            return []
        }
        exportRequest += 1
        let source: ExportRequest.Source
        let name: String
        if pane == .stories, let story = stories.open {
            source = .story(story.id)
            name = "story " + story.headline
        } else {
            let (query, subject) = viewInWords
            source = .view(query, self.filter(for: query, filter))
            name = query.map { $0.text + (filter.isEmpty ? "" : " " + filter.summary) } ?? subject
        }
        exporting = ExportProgress(done: 0, total: 0, request: exportRequest)
        message = nil
        var request = ExportRequest(
            source: source, name: name, format: exportFormat, marks: marks, request: exportRequest)
        // The notes go with the articles they are on.
        request.notes = notes
        return [.export(request)]
    }

    /// Esc while an export runs stops it.
    mutating func cancelExport() -> [Effect] {
        guard let exporting else { return [] }
        message = "Stopping the export…"
        return [.cancelExport(request: exporting.request)]
    }

    mutating func receiveExport(_ message: Message) {
        switch message {
        case .exportProgress(let progress):
            guard progress.request == exportRequest, exporting != nil else { return }
            exporting = progress
        case .exportFinished(let text, let request):
            guard request == exportRequest else { return }
            exporting = nil
            self.message = text
        default:
            break
        }
    }
}
