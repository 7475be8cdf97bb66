/// Word wrapping of styled text by display width.
extension StyledLine {
    /// Splits the line into lines of at most `width` columns, breaking at spaces where it can and
    /// inside a word only when the word alone is wider than a line. Roles stay with their text.
    public func wrapped(toWidth width: Int) -> [StyledLine] {
        guard width > 0 else { return [] }
        // Tokens alternate words and spaces, each a list of (character, role).
        typealias Piece = (character: Character, role: Role)
        var tokens: [[Piece]] = []
        var current: [Piece] = []
        var currentIsSpace = false
        for run in runs {
            for character in run.text {
                let isSpace = character == " "
                if !current.isEmpty && isSpace != currentIsSpace {
                    tokens.append(current)
                    current = []
                }
                currentIsSpace = isSpace
                current.append((character, run.role))
            }
        }
        if !current.isEmpty { tokens.append(current) }

        var result: [StyledLine] = []
        var line = StyledLine()
        var used = 0
        func flush() {
            while let last = line.runs.last, last.text.hasSuffix(" ") {
                let trimmed = String(last.text.dropLast())
                if trimmed.isEmpty { line.runs.removeLast() } else { line.runs[line.runs.count - 1].text = trimmed }
            }
            result.append(line)
            line = StyledLine()
            used = 0
        }
        for token in tokens {
            let isSpace = token.first?.character == " "
            let tokenWidth = token.reduce(0) { $0 + DisplayWidth.of($1.character) }
            if isSpace {
                if used == 0 { continue }  // no leading blanks on a wrapped line
                if used + tokenWidth > width {
                    flush()
                    continue
                }
            } else if used + tokenWidth > width && used > 0 {
                flush()
            }
            for piece in token {
                let w = DisplayWidth.of(piece.character)
                if used + w > width { flush() }
                line.append(String(piece.character), role: piece.role)
                used += w
            }
        }
        if !line.runs.isEmpty || result.isEmpty { flush() }
        return result
    }
}
