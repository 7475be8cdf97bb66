import TerminalUI

/// Everything a key can ask the reader to do.
public enum Action: String, CaseIterable, Hashable, Sendable {
    case moveDown = "move-down"
    case moveUp = "move-up"
    case pageDown = "page-down"
    case pageUp = "page-up"
    case top
    case bottom
    case open
    case nextPane = "next-pane"
    case previousPane = "previous-pane"
    case listPane = "list-pane"
    case articlePane = "article-pane"
    case searchPane = "search-pane"
    case storiesPane = "stories-pane"
    case search
    case back
    case quit
    case help
    case filterOutlet = "filter-outlet"
    case filterDate = "filter-date"
    case clearFilter = "clear-filter"
    case toggleUndated = "toggle-undated"
    case toggleRawPage = "raw-page"
    case nextArticle = "next-article"
    case previousArticle = "previous-article"
    case entityList = "entity-list"
    case nextMention = "next-mention"
    case previousMention = "previous-mention"
    case toggleRead = "toggle-read"
    case toggleStar = "toggle-star"
    case markAllRead = "mark-all-read"
    case undo
    case cycleTheme = "cycle-theme"
    case readingMode = "reading-mode"
    case find
    case nextMatch = "next-match"
    case previousMatch = "previous-match"
    case pipe
    case openSource = "open-source"
    case openURL = "open-url"
    case copyCitation = "copy-citation"
    case skippedFiles = "skipped-files"
    case story
    case compare
    case moreOutlets = "more-outlets"
    case fewerOutlets = "fewer-outlets"
    case quotes
    case timeline
    case export
    case saveSearch = "save-search"
    case savedSearches = "saved-searches"
    case note
    case selectLines = "select-lines"
    case notesView = "notes"
    case whoIsInTheNews = "who-is-in-the-news"

    /// One line for the help screen.
    public var help: String {
        switch self {
        case .moveDown: "move down one line"
        case .moveUp: "move up one line"
        case .pageDown: "page down"
        case .pageUp: "page up"
        case .top: "go to the top"
        case .bottom: "go to the end"
        case .open: "open the selected article"
        case .nextPane: "next pane"
        case .previousPane: "previous pane"
        case .listPane: "go to the list (tab 1)"
        case .articlePane: "go to the open article (tab 2)"
        case .searchPane: "go to the search (tab 3)"
        case .storiesPane: "go to the stories (tab 4)"
        case .search: "search the store"
        case .back: "back; on the list, ask to quit"
        case .quit: "quit kabar"
        case .help: "show this help"
        case .filterOutlet: "filter by outlet"
        case .filterDate: "filter by date range"
        case .clearFilter: "clear every filter"
        case .toggleUndated: "show or hide undated articles under a date filter"
        case .toggleRawPage: "show the raw page, stripped lines dimmed and labelled (again: back)"
        case .nextArticle: "open the next article in the list"
        case .previousArticle: "open the previous article in the list"
        case .entityList: "list the article's people, organisations and places"
        case .nextMention: "next mention of the chosen entity (of any, if none is chosen)"
        case .previousMention: "previous mention of the chosen entity (of any, if none is chosen)"
        case .toggleRead: "mark the selected article read or unread"
        case .toggleStar: "star or unstar the selected article"
        case .markAllRead: "mark every article in view read (the list as filtered, or the search results)"
        case .undo: "undo the last change to read and starred marks (again: the one before)"
        case .cycleTheme: "switch to the next theme"
        case .readingMode: "article only, in a centred column of comfortable width (again: back)"
        case .find: "find text in the open article, as you type"
        case .nextMatch: "next match of the found text (or of the search that opened the article)"
        case .previousMatch: "previous match"
        case .pipe: "pipe the cleaned article to a shell command"
        case .openSource: "open the article's file in $PAGER"
        case .openURL: "open the article's web address in $BROWSER (or xdg-open)"
        case .copyCitation: "copy a citation (outlet, date, title, web address, file) to the clipboard"
        case .skippedFiles: "list the store's files that could not be indexed, with the reason"
        case .story: "open the selected article's story: every outlet's version of the event"
        case .compare: "in a story, compare two articles (press on one, then on the other)"
        case .moreOutlets: "in the Stories pane, list only stories of more outlets"
        case .fewerOutlets: "in the Stories pane, list stories of fewer outlets too"
        case .quotes: "in the entity list, everything the chosen person said across the store, newest first"
        case .timeline:
            "a timeline of the list, the search or (in the entity list) the chosen name; Enter on a period filters to it"
        case .export:
            "export the list, the search results or the open story to a file in the current folder (export-format)"
        case .saveSearch: "save the search in force (or the list's filter) under a name"
        case .savedSearches:
            "list the saved searches with their counts and how many are new; Enter runs one, D removes it"
        case .note: "note the lines chosen with V, the current match, or the paragraph at the top (highlighted)"
        case .selectLines: "in an article, choose lines for a note (j k extend, i or Enter attaches, Esc cancels)"
        case .notesView: "list every note with its article; Enter opens it at the passage, D removes it"
        case .whoIsInTheNews:
            "who is in the news: the names in the most articles of the view, with sparklines; → their companions"
        }
    }
}

extension Action {
    /// Where a moving action takes a selection in a list of `count` rows, `page` of them shown;
    /// nil for an action that does not move it. The caller keeps the result within the list.
    func movedSelection(from selection: Int, page: Int, count: Int) -> Int? {
        switch self {
        case .moveDown: selection + 1
        case .moveUp: selection - 1
        case .pageDown: selection + page
        case .pageUp: selection - page
        case .top: 0
        case .bottom: count - 1
        default: nil
        }
    }
}

/// Which keys do what: data, so help is generated from it and users can rebind later.
public struct Keymap: Hashable, Sendable {
    public var bindings: [(key: KeyPress, action: Action)]

    public init(bindings: [(key: KeyPress, action: Action)]) {
        self.bindings = bindings
    }

    public static func == (lhs: Keymap, rhs: Keymap) -> Bool {
        lhs.bindings.map(\.key) == rhs.bindings.map(\.key) && lhs.bindings.map(\.action) == rhs.bindings.map(\.action)
    }

    public func hash(into hasher: inout Hasher) {
        for binding in bindings {
            hasher.combine(binding.key)
            hasher.combine(binding.action)
        }
    }

    /// The action bound to a key, if any.
    public func action(for key: KeyPress) -> Action? {
        bindings.first { $0.key == key }?.action
    }

    /// Every key bound to an action, in binding order.
    public func keys(for action: Action) -> [KeyPress] {
        bindings.filter { $0.action == action }.map(\.key)
    }

    public static let standard = Keymap(bindings: [
        (.down, .moveDown), (.character("j"), .moveDown),
        (.up, .moveUp), (.character("k"), .moveUp),
        (.pageDown, .pageDown), (.character(" "), .pageDown), (.control("f"), .pageDown),
        (.pageUp, .pageUp), (.character("b"), .pageUp), (.control("b"), .pageUp),
        (.home, .top), (.character("g"), .top),
        (.end, .bottom), (.character("G"), .bottom),
        (.enter, .open), (.right, .open), (.character("l"), .open),
        (.tab, .nextPane), (.backTab, .previousPane),
        (.character("1"), .listPane), (.character("2"), .articlePane), (.character("3"), .searchPane),
        (.character("4"), .storiesPane),
        (.character("/"), .search),
        (.character("q"), .back), (.escape, .back), (.left, .back), (.character("h"), .back),
        (.character("Q"), .quit),
        (.character("?"), .help),
        (.character("o"), .filterOutlet),
        (.character("d"), .filterDate),
        (.character("c"), .clearFilter),
        (.character("U"), .toggleUndated),
        (.character("r"), .toggleRawPage),
        (.character("J"), .nextArticle), (.character("]"), .nextArticle),
        (.character("K"), .previousArticle), (.character("["), .previousArticle),
        (.character("e"), .entityList),
        (.character("m"), .nextMention), (.character("M"), .previousMention),
        (.character("x"), .toggleRead), (.character("s"), .toggleStar), (.character("A"), .markAllRead),
        (.character("u"), .undo), (.character("t"), .cycleTheme),
        (.character("z"), .readingMode),
        (.character("f"), .find), (.character("n"), .nextMatch), (.character("N"), .previousMatch),
        (.character("|"), .pipe), (.character("v"), .openSource), (.character("w"), .openURL),
        (.character("y"), .copyCitation),
        (.character("!"), .skippedFiles),
        (.character("a"), .story), (.character("C"), .compare),
        (.character("+"), .moreOutlets), (.character("-"), .fewerOutlets),
        (.character("\""), .quotes),
        (.character("T"), .timeline), (.character("E"), .export),
        (.character("S"), .saveSearch), (.character("L"), .savedSearches),
        (.character("i"), .note), (.character("V"), .selectLines), (.character("'"), .notesView),
        (.character("W"), .whoIsInTheNews),
    ])
}
