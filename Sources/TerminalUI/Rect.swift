/// A rectangle of cells: origin at the top-left, sizes in columns and rows.
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxY: Int { y + height }
    public var maxX: Int { x + width }
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// The rectangle with `count` rows taken from the top.
    public func droppingTop(_ count: Int) -> Rect {
        let taken = min(max(0, count), height)
        return Rect(x: x, y: y + taken, width: width, height: height - taken)
    }

    /// The rectangle with `count` rows taken from the bottom.
    public func droppingBottom(_ count: Int) -> Rect {
        Rect(x: x, y: y, width: width, height: height - min(max(0, count), height))
    }

    /// The row at `offset` from the top, as a one-row rectangle.
    public func row(_ offset: Int) -> Rect {
        Rect(x: x, y: y + offset, width: width, height: offset >= 0 && offset < height ? 1 : 0)
    }

    /// A rectangle of the given size centred inside this one.
    public func centered(width: Int, height: Int) -> Rect {
        let w = min(width, self.width)
        let h = min(height, self.height)
        return Rect(x: x + (self.width - w) / 2, y: y + (self.height - h) / 2, width: w, height: h)
    }

    /// The rectangle shrunk by `amount` cells on every side.
    public func inset(by amount: Int) -> Rect {
        Rect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
    }
}
