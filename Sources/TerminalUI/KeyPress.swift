/// A key as the reader sees it, free of any terminal library's numbering.
public enum KeyPress: Hashable, Sendable {
    case character(Character)
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, tab, backTab, backspace, delete, escape
    case function(Int)
    case resize
    /// A mouse event at a cell (only when the mouse is switched on).
    case mouse(MouseEvent)
}

/// What the mouse did, and where (column and row from the top-left, from 0).
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case wheelUp, wheelDown, click, doubleClick
    }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

extension KeyPress: CustomStringConvertible {
    /// The key as help text names it: `j`, `Enter`, `PgDn`, `Ctrl-C`.
    public var description: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .control(let c): "Ctrl-\(c.uppercased())"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .escape: "Esc"
        case .function(let n): "F\(n)"
        case .resize: "resize"
        case .mouse(let event): "mouse \(event.kind) at \(event.x),\(event.y)"
        }
    }
}
