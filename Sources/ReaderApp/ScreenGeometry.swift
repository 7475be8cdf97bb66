import TerminalUI

/// Where each part of the reader goes at a terminal size: one pane at a time on narrow
/// terminals, list and article side by side on wide ones, and a centred column for reading.
public struct ScreenGeometry: Hashable, Sendable {
    /// Below this size the reader shows only "terminal too small".
    public static let minimumWidth = 40
    public static let minimumHeight = 10
    /// From this width on, the list (or search) pane and the article share the screen.
    public static let splitWidth = 120
    /// The text column of the reading mode, in columns.
    public static let readingWidth = 80

    public let width: Int
    public let height: Int
    public let isTooSmall: Bool
    public let isSplit: Bool
    /// Between the tab bar and the status line.
    public let content: Rect
    /// The list or search pane: the left part when split, else the whole content area.
    public let side: Rect
    /// The article pane: the right part when split, else the whole content area.
    public let article: Rect
    /// Where the article's lines go: the article pane, or a centred column in reading mode.
    public let articleText: Rect

    public init(width: Int, height: Int, readingMode: Bool) {
        self.width = width
        self.height = height
        isTooSmall = width < Self.minimumWidth || height < Self.minimumHeight
        content = Rect(x: 0, y: 1, width: width, height: max(0, height - 2))
        isSplit = !readingMode && width >= Self.splitWidth
        if isSplit {
            let sideWidth = min(max(60, width * 2 / 5), 80)
            side = Rect(x: 0, y: content.y, width: sideWidth, height: content.height)
            article = Rect(x: sideWidth + 1, y: content.y, width: width - sideWidth - 1, height: content.height)
            articleText = article
        } else {
            side = content
            article = content
            articleText =
                readingMode
                ? Rect(
                    x: max(0, (width - Self.readingWidth) / 2), y: content.y, width: min(width, Self.readingWidth),
                    height: content.height)
                : content
        }
    }

    /// The column between the panes when split.
    public var separatorX: Int? { isSplit ? side.maxX : nil }
}
