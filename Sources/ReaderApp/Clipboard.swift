import Foundation

/// The terminal's clipboard, reached through escape sequences.
public enum Clipboard {
    /// OSC 52: asks the terminal (or tmux with `set-clipboard on`) to put `text` on the clipboard.
    public static func osc52(_ text: String) -> String {
        "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
    }
}
