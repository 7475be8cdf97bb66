/// What the run loop needs from a terminal: its size, a way to show a canvas, and keys.
@MainActor
public protocol TerminalScreen: AnyObject {
    /// The current size in columns and rows.
    var size: (width: Int, height: Int) { get }
    /// Shows the canvas, resolving roles through the screen's theme.
    func draw(_ canvas: Canvas)
    /// Waits up to `timeoutMilliseconds` for a key; nil when none came.
    func readKey(timeoutMilliseconds: Int) -> KeyPress?
}
