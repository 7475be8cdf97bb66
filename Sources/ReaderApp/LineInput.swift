import TerminalUI

/// A one-line input of a prompt: what is typed, and the prompt's previous entry, offered as a
/// placeholder until a key edits the input.
///
/// Every prompt edits the same way: typing replaces the placeholder, `↑` recalls it for editing,
/// Backspace or Ctrl-U drop it, and Enter on an untouched input takes it as it is.
public struct LineInput: Hashable, Sendable, ExpressibleByStringLiteral {
    /// The text typed so far.
    public private(set) var text: String
    /// The previous entry, shown dim while nothing is typed.
    public private(set) var placeholder: String

    /// An input holding `text`, with the cursor after it.
    public init(text: String = "") {
        self.text = text
        placeholder = ""
    }

    /// An empty input offering `previous` as a placeholder.
    public init(offering previous: String) {
        text = ""
        placeholder = previous
    }

    public init(stringLiteral text: String) { self.init(text: text) }

    /// The input offering what it holds now as the placeholder: the way a prompt opens again.
    public var offeredAgain: LineInput { LineInput(offering: value) }

    /// What the prompt acts on: the typed text, or the placeholder when nothing is typed.
    public var value: String { showsPlaceholder ? placeholder : text }

    /// True while the placeholder stands in for the text.
    public var showsPlaceholder: Bool { text.isEmpty && !placeholder.isEmpty }

    /// The input after an editing key (a character, Backspace, Ctrl-U clears, `↑` recalls the
    /// placeholder); nil for any other key.
    public func edited(with key: KeyPress) -> LineInput? {
        switch key {
        case .character(let character):
            return LineInput(text: text + String(character))
        case .backspace, .delete, .control("h"):
            return LineInput(text: String(text.dropLast()))
        case .control("u"):
            return LineInput()
        case .up:
            guard showsPlaceholder else { return nil }
            return LineInput(text: placeholder)
        default:
            return nil
        }
    }
}
