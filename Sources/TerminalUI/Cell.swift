/// One column of the screen: a grapheme cluster and the role that styles it.
public struct Cell: Hashable, Sendable {
    /// The grapheme cluster shown here; a blank for empty cells and continuation cells.
    public var character: Character
    public var role: Role
    /// True for the right half of a double-width character, which the backend skips.
    public var isContinuation: Bool

    public init(_ character: Character = " ", role: Role = .text, isContinuation: Bool = false) {
        self.character = character
        self.role = role
        self.isContinuation = isContinuation
    }

    public static let blank = Cell()
}
