/// A run of text that shares one role.
public struct StyledRun: Hashable, Sendable {
    public var text: String
    public var role: Role

    public init(_ text: String, role: Role = .text) {
        self.text = text
        self.role = role
    }
}

/// One line of styled text, as a sequence of runs.
public struct StyledLine: Hashable, Sendable, ExpressibleByStringLiteral {
    public var runs: [StyledRun]

    public init(_ runs: [StyledRun] = []) { self.runs = runs }
    public init(_ text: String, role: Role = .text) { self.runs = [StyledRun(text, role: role)] }
    public init(stringLiteral value: String) { self.runs = [StyledRun(value)] }

    /// The line's text without roles.
    public var text: String { runs.map(\.text).joined() }
    public var displayWidth: Int { runs.reduce(0) { $0 + DisplayWidth.of($1.text) } }

    public mutating func append(_ text: String, role: Role = .text) {
        guard !text.isEmpty else { return }
        if let last = runs.last, last.role == role {
            runs[runs.count - 1].text += text
        } else {
            runs.append(StyledRun(text, role: role))
        }
    }
}
