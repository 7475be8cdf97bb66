/// A mapping from roles to styles, read from a theme file.
///
/// The format is one role per line: `role = [foreground] [on background] [attributes…]`, where
/// colours are names (`red`, `bright-blue`, `default`), numbers 0–255 or `#rrggbb`, and attributes
/// are `bold`, `dim`, `italic`, `underline` and `reverse`. `#` starts a comment line.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var styles: [Role: Style]

    public init(name: String, styles: [Role: Style]) {
        self.name = name
        self.styles = styles
    }

    /// The style for a role; roles the theme leaves out are drawn plain.
    public func style(for role: Role) -> Style {
        styles[role] ?? .plain
    }

    /// A problem in a theme file, with its line number.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Parses theme text; every role it names must be one of `Role.all`.
    public init(name: String, parsing text: String) throws(ParseError) {
        self.name = name
        var styles: [Role: Style] = [:]
        let known = Set(Role.all)
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = rawLine.trimmingCharacters(in: " \t\r")
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw ParseError(line: lineNumber, message: "expected `role = style`, got `\(line)`")
            }
            let roleName = line[..<equals].trimmingCharacters(in: " \t")
            let role = Role(roleName)
            guard known.contains(role) else {
                throw ParseError(line: lineNumber, message: "unknown role `\(roleName)`")
            }
            var style = Style()
            var expectBackground = false
            var sawForeground = false
            for word in line[line.index(after: equals)...].split(separator: " ").map(String.init) {
                switch word.lowercased() {
                case "on": expectBackground = true
                case "bold": style.bold = true
                case "dim": style.dim = true
                case "italic": style.italic = true
                case "underline": style.underline = true
                case "reverse": style.reverse = true
                default:
                    guard let color = TerminalColor(parsing: word) else {
                        throw ParseError(line: lineNumber, message: "unknown colour or attribute `\(word)`")
                    }
                    if expectBackground {
                        style.background = color
                        expectBackground = false
                    } else if !sawForeground {
                        style.foreground = color
                        sawForeground = true
                    } else {
                        throw ParseError(
                            line: lineNumber, message: "two foreground colours; write `on` before a background")
                    }
                }
            }
            if expectBackground {
                throw ParseError(line: lineNumber, message: "`on` needs a background colour after it")
            }
            styles[role] = style
        }
        self.styles = styles
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var slice = self[...]
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
