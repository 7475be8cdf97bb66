/// A semantic tag for a piece of text on screen; a theme maps each role to a style.
public struct Role: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static let text = Role("text")
    public static let dim = Role("dim")
    public static let title = Role("title")
    public static let heading = Role("heading")
    public static let metaLabel = Role("meta.label")
    public static let metaValue = Role("meta.value")
    public static let listDate = Role("list.date")
    public static let listOutlet = Role("list.outlet")
    public static let listTitle = Role("list.title")
    public static let listSelected = Role("list.selected")
    public static let listUnread = Role("list.unread")
    public static let listStar = Role("list.star")
    public static let tabActive = Role("tab.active")
    public static let tabInactive = Role("tab.inactive")
    public static let status = Role("status")
    public static let statusFilter = Role("status.filter")
    public static let prompt = Role("prompt")
    public static let searchHit = Role("search.hit")
    public static let entityPerson = Role("entity.person")
    public static let entityOrganization = Role("entity.organization")
    public static let entityPlace = Role("entity.place")
    /// The words of a direct quote in an article.
    public static let quote = Role("quote")
    public static let boilerplate = Role("boilerplate")
    public static let error = Role("error")
    public static let border = Role("border")
    /// Bars of a chart (the timeline).
    public static let chart = Role("chart")
    /// A passage the user marked with a note.
    public static let highlight = Role("highlight")

    /// Every role the views use; a theme must style exactly these.
    public static let all: [Role] = [
        .text, .dim, .title, .heading, .metaLabel, .metaValue, .listDate, .listOutlet, .listTitle,
        .listSelected, .listUnread, .listStar, .tabActive, .tabInactive, .status, .statusFilter, .prompt, .searchHit,
        .entityPerson, .entityOrganization, .entityPlace, .quote, .boilerplate, .error, .border,
        .chart, .highlight,
    ]
}
