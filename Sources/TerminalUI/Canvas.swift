/// A grid of cells that views draw into; the terminal backend copies it to the screen.
public struct Canvas: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Fills a rectangle with blanks of one role.
    public mutating func fill(_ rect: Rect, role: Role) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) {
                put(Cell(" ", role: role), x: x, y: y, width: 1)
            }
        }
    }

    /// Places a cell of display width 1 or 2, blanking any wide character it cuts in half.
    private mutating func put(_ cell: Cell, x: Int, y: Int, width: Int) {
        // Overwriting the right half of a wide character leaves its left half alone: blank it.
        if self[x, y].isContinuation, x > 0 {
            self[x - 1, y] = Cell(" ", role: self[x - 1, y].role)
        }
        // Overwriting the left half orphans the right half: blank it.
        let end = x + width
        if end < self.width, self[end, y].isContinuation {
            self[end, y] = Cell(" ", role: self[end, y].role)
        }
        self[x, y] = cell
        if width == 2 { self[x + 1, y] = Cell(" ", role: cell.role, isContinuation: true) }
    }

    /// Writes text from column `x` of row `y`, cut to end with `…` at `maxX` (the canvas edge by
    /// default) when it does not fit. Returns the column after the last cell written.
    @discardableResult
    public mutating func write(
        _ text: some StringProtocol, x: Int, y: Int, role: Role = .text, maxX: Int? = nil
    ) -> Int {
        guard y >= 0, y < height else { return x }
        let limit = min(maxX ?? width, width)
        if x >= 0, x < limit, x + DisplayWidth.of(text) > limit {
            return write(String(text).truncated(toWidth: limit - x), x: x, y: y, role: role, maxX: limit)
        }
        var column = x
        for character in text {
            let w = DisplayWidth.of(character)
            if w == 0 {
                // A lone zero-width cluster joins the previous cell when there is one.
                if column > 0, column - 1 < limit, column - 1 >= max(0, x) {
                    var previous = self[column - 1, y]
                    if !previous.isContinuation {
                        previous.character = Character(String(previous.character) + String(character))
                        self[column - 1, y] = previous
                    }
                }
                continue
            }
            if column + w > limit { break }
            if column >= 0 {
                put(Cell(character, role: role), x: column, y: y, width: w)
            }
            column += w
        }
        return column
    }

    /// Writes a styled line from column `x` of row `y`, cut to end with `…` at `maxX` when it does
    /// not fit.
    @discardableResult
    public mutating func write(_ line: StyledLine, x: Int, y: Int, maxX: Int? = nil) -> Int {
        let limit = min(maxX ?? width, width)
        var line = line
        if x >= 0, x < limit, x + line.displayWidth > limit { line = line.truncated(toWidth: limit - x) }
        var column = x
        for run in line.runs {
            column = write(run.text, x: column, y: y, role: run.role, maxX: maxX)
        }
        return column
    }

    /// The screen as text, the way `tmux capture-pane -p` shows it: trailing blanks trimmed.
    public var plainText: String {
        lines.joined(separator: "\n")
    }

    /// Each row as text, trailing blanks trimmed.
    public var lines: [String] {
        (0..<height).map { y in
            var row = ""
            for x in 0..<width where !self[x, y].isContinuation {
                row.append(self[x, y].character)
            }
            while row.last == " " { row.removeLast() }
            return row
        }
    }
}
