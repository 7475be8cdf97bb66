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

    /// The line cut to at most `width` columns, ending with `…` (in the role of the text it cut)
    /// when something was cut, as `String.truncated(toWidth:)` cuts.
    public func truncated(toWidth width: Int) -> StyledLine {
        guard displayWidth > width else { return self }
        guard width > 0 else { return StyledLine() }
        var result = StyledLine()
        var used = 0
        for run in runs {
            var kept = ""
            for character in run.text {
                let w = DisplayWidth.of(character)
                if used + w > width - 1 {
                    result.append(kept, role: run.role)
                    result.append("…", role: run.role)
                    return result
                }
                kept.append(character)
                used += w
            }
            result.append(kept, role: run.role)
        }
        return result
    }

    public mutating func append(_ text: String, role: Role = .text) {
        guard !text.isEmpty else { return }
        if let last = runs.last, last.role == role {
            runs[runs.count - 1].text += text
        } else {
            runs.append(StyledRun(text, role: role))
        }
    }
}
