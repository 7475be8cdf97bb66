import TerminalUI

extension Canvas {
    /// Each row as one symbol per column naming the role there, from `legend`
    /// (roles missing from the legend show as `?`).
    public func roleLines(legend: [Role: Character]) -> [String] {
        (0..<height).map { y in
            String((0..<width).map { x in legend[self[x, y].role] ?? "?" })
        }
    }
}
