/// What the run loop needs from a terminal: its size, a way to show a canvas, and keys.
@MainActor
public protocol TerminalScreen: AnyObject {
    /// The current size in columns and rows.
    var size: (width: Int, height: Int) { get }
    /// Shows the canvas, resolving roles through the screen's theme.
    func draw(_ canvas: Canvas)
    /// Waits up to `timeoutMilliseconds` for a key; nil when none came.
    func readKey(timeoutMilliseconds: Int) -> KeyPress?
    /// Gives the terminal to another program while `body` runs (leaving full-screen mode), then
    /// takes it back; the next `draw` repaints every cell.
    func suspend(_ body: () -> Void)
    /// Sends an escape sequence to the terminal as it is, such as OSC 52 for the clipboard.
    func writeEscapeSequence(_ sequence: String)
}
