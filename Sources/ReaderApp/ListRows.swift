import Library

/// The list as filtered: its articles.
public typealias ListRows = PagedRows<ArticleSummary>

/// A long list (articles, stories): how many rows it has, and pages of them loaded around the
/// view. Only pages near the view are kept, so a list of a million rows costs a few hundred.
public struct PagedRows<Row: Hashable & Sendable>: Hashable, Sendable {
    /// Rows per page loaded at once.
    public static var pageSize: Int { 100 }
    /// Pages kept beyond those the view asks for, either side, before far ones are let go.
    static var slackPages: Int { 4 }

    /// How many rows the list has, loaded or not.
    public private(set) var count = 0
    private(set) var pages: [Int: [Row]] = [:]
    /// Pages asked for and not answered yet.
    var requested: Set<Int> = []

    public init() {}

    /// A list whose rows are all loaded (for small lists and tests).
    public init(_ rows: [Row]) {
        reset(count: rows.count)
        for page in stride(from: 0, to: rows.count, by: Self.pageSize) {
            store(Array(rows[page..<min(rows.count, page + Self.pageSize)]), page: page / Self.pageSize)
        }
    }

    public var isEmpty: Bool { count == 0 }
    public var indices: Range<Int> { 0..<count }

    /// The row at `index`, when its page is loaded.
    public subscript(index: Int) -> Row? {
        guard indices.contains(index), let page = pages[index / Self.pageSize] else { return nil }
        let offset = index % Self.pageSize
        return offset < page.count ? page[offset] : nil
    }

    /// The loaded rows, in list order, with their positions.
    public var loaded: [(index: Int, summary: Row)] {
        pages.keys.sorted().flatMap { page in
            pages[page]!.enumerated().map { (page * Self.pageSize + $0.offset, $0.element) }
        }
    }

    /// The loaded rows alone, in list order (all of a small list).
    public var loadedRows: [Row] { loaded.map(\.summary) }

    /// A new list of `count` rows, none loaded.
    mutating func reset(count: Int) {
        self.count = count
        pages = [:]
        requested = []
    }

    mutating func store(_ rows: [Row], page: Int) {
        requested.remove(page)
        guard page >= 0, page * Self.pageSize < max(count, 1) else { return }
        pages[page] = rows
    }

    /// The pages holding rows `range` (clamped to the list) that are neither loaded nor asked for;
    /// they count as asked for from now on. Pages far from `range` are let go.
    mutating func missingPages(covering range: ClosedRange<Int>) -> [Int] {
        guard count > 0 else { return [] }
        let first = max(0, range.lowerBound) / Self.pageSize
        let last = min(count - 1, max(0, range.upperBound)) / Self.pageSize
        guard first <= last else { return [] }
        let kept = (first - Self.slackPages)...(last + Self.slackPages)
        pages = pages.filter { kept.contains($0.key) }
        let missing = (first...last).filter { pages[$0] == nil && !requested.contains($0) }
        requested.formUnion(missing)
        return missing
    }
}

/// The first answer to loading the list of articles.
public typealias ListPage = RowsPage<ArticleSummary>

/// The first answer to loading a long list: how many rows it has, the row to select (where the
/// one that was selected stands now, else the place asked for), and the page around it.
public struct RowsPage<Row: Hashable & Sendable>: Hashable, Sendable {
    public var count: Int
    public var position: Int
    public var page: Int
    public var rows: [Row]

    public init(count: Int, position: Int, page: Int, rows: [Row]) {
        self.count = count
        self.position = position
        self.page = page
        self.rows = rows
    }
}
