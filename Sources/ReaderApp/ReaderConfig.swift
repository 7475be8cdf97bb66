import Research
import TerminalUI

/// The reader's settings from `config.toml`: a theme, the mouse, the format `E` exports in, and keys
/// rebound by action name.
///
/// ```toml
/// theme = "light"            # a bundled theme's name or a theme file's path
/// mouse = true               # wheel, click and double-click
/// export-format = "csv"      # jsonl (the default), csv or md
/// database = "postgres://reader@news.example/kabar"   # read the team index instead of a store
///
/// [keys]
/// move-down = ["j", "Down", "Ctrl-N"]   # replaces the action's default keys
/// toggle-star = "Z"
/// cycle-theme = []                      # no key at all
/// ```
///
/// The file is read as a small part of TOML: comments, `[keys]`, and `name = value` lines whose
/// values are strings, arrays of strings or booleans, each on one line. Every problem names its
/// line; the lines that are fine still apply.
public struct ReaderConfig: Hashable, Sendable {
    public var theme: String?
    public var mouse = false
    /// The format `E` writes; JSON lines when the file does not say.
    public var exportFormat = ExportFormat.jsonl
    /// The team index to read when no store is given (`--database` overrides it).
    public var database: String?
    /// Keys per action, in the order the file gives them, with the line each came from.
    public var keys: [Rebinding] = []
    /// What could not be used, with line numbers.
    public var problems: [Problem] = []

    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// An action's keys as the file gives them.
    public struct Rebinding: Hashable, Sendable {
        public var action: Action
        public var keys: [KeyPress]
        public var line: Int
    }

    public init() {}

    /// A value on the right of `=`.
    enum Value: Equatable {
        case string(String)
        case strings([String])
        case bool(Bool)
    }

    public init(parsing text: String) {
        var table = ""
        var seen: [String: Int] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            var line = Substring(rawLine)
            if line.last == "\r" { line = line.dropLast() }
            line = line.drop { $0 == " " || $0 == "\t" }
            if line.isEmpty || line.first == "#" { continue }
            if line.first == "[" {
                let header = line.prefix { $0 != "#" }.trimmed()
                guard header.hasSuffix("]"), !header.hasPrefix("[[") else {
                    problems.append(Problem(line: number, message: "expected a table header such as `[keys]`"))
                    continue
                }
                table = header.dropFirst().dropLast().trimmed()
                if table != "keys" {
                    problems.append(Problem(line: number, message: "unknown table `[\(table)]`; kabar reads `[keys]`"))
                }
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                problems.append(Problem(line: number, message: "expected `name = value`"))
                continue
            }
            var name = line[..<equals].trimmed()
            if name.count >= 2, name.first == "\"", name.last == "\"" { name = String(name.dropFirst().dropLast()) }
            let value: Value
            do {
                value = try Self.value(line[line.index(after: equals)...])
            } catch {
                problems.append(Problem(line: number, message: "`\(name)`: \(error.message)"))
                continue
            }
            let qualified = table.isEmpty ? name : table + "." + name
            if let earlier = seen[qualified] {
                problems.append(Problem(line: number, message: "`\(name)` is already set on line \(earlier)"))
                continue
            }
            seen[qualified] = number
            apply(name, value, table: table, line: number)
        }
    }

    private mutating func apply(_ name: String, _ value: Value, table: String, line: Int) {
        switch (table, name, value) {
        case ("", "theme", .string(let theme)):
            self.theme = theme
        case ("", "mouse", .bool(let on)):
            mouse = on
        case ("", "export-format", .string(let format)):
            guard let chosen = ExportFormat(rawValue: format.lowercased()) else {
                problems.append(Problem(line: line, message: "`export-format` is jsonl, csv or md, not \"\(format)\""))
                return
            }
            exportFormat = chosen
        case ("", "database", .string(let address)):
            database = address
        case ("", "database", _):
            problems.append(Problem(line: line, message: "`database` takes a string: postgres://user@host/database"))
        case ("", "export-format", _):
            problems.append(Problem(line: line, message: "`export-format` takes a string: jsonl, csv or md"))
        case ("", "theme", _):
            problems.append(Problem(line: line, message: "`theme` takes a string, such as \"light\""))
        case ("", "mouse", _):
            problems.append(Problem(line: line, message: "`mouse` takes true or false"))
        case ("", _, _):
            problems.append(
                Problem(
                    line: line,
                    message: "unknown setting `\(name)`; kabar reads theme, mouse, export-format, database, [keys]"))
        case ("keys", _, _):
            guard let action = Action(rawValue: name) else {
                problems.append(
                    Problem(line: line, message: "unknown action `\(name)`"))
                return
            }
            let names: [String]
            switch value {
            case .string(let key): names = [key]
            case .strings(let list): names = list
            case .bool:
                problems.append(Problem(line: line, message: "`\(name)` takes a key or a list of keys"))
                return
            }
            var keys: [KeyPress] = []
            for keyName in names {
                guard let key = KeyPress(name: keyName) else {
                    problems.append(
                        Problem(
                            line: line,
                            message: "`\(keyName)` is not a key; write a character, Ctrl-X, F1, or a name such as Enter"
                        ))
                    continue
                }
                if key == .control("c") {
                    problems.append(Problem(line: line, message: "Ctrl-C always quits and cannot be bound"))
                    continue
                }
                keys.append(key)
            }
            self.keys.append(Rebinding(action: action, keys: keys, line: line))
        default:
            break
        }
    }

    struct ValueError: Error {
        var message: String
    }

    /// Parses a one-line value: `"text"`, `'text'`, `["a", "b"]`, `true` or `false`, with an
    /// optional comment after it.
    static func value(_ text: Substring) throws(ValueError) -> Value {
        var rest = text.drop { $0 == " " || $0 == "\t" }
        func skipBlanks() { rest = rest.drop { $0 == " " || $0 == "\t" } }
        func endOfLine() throws(ValueError) {
            skipBlanks()
            guard rest.isEmpty || rest.first == "#" else {
                throw ValueError(message: "unexpected `\(rest.trimmed())` after the value")
            }
        }
        if rest.hasPrefix("true") || rest.hasPrefix("false") {
            let isTrue = rest.hasPrefix("true")
            rest = rest.dropFirst(isTrue ? 4 : 5)
            try endOfLine()
            return .bool(isTrue)
        }
        if rest.first == "[" {
            rest = rest.dropFirst()
            var items: [String] = []
            while true {
                skipBlanks()
                if rest.first == "]" {
                    rest = rest.dropFirst()
                    break
                }
                guard rest.first == "\"" || rest.first == "'" else {
                    throw ValueError(message: rest.isEmpty ? "the list is not closed with `]`" : "a list holds strings")
                }
                items.append(try string(&rest))
                skipBlanks()
                if rest.first == "," {
                    rest = rest.dropFirst()
                } else if rest.isEmpty {
                    throw ValueError(message: "the list is not closed with `]`")
                } else if rest.first != "]" {
                    throw ValueError(message: "expected `,` or `]` in the list")
                }
            }
            try endOfLine()
            return .strings(items)
        }
        if rest.first == "\"" || rest.first == "'" {
            let text = try string(&rest)
            try endOfLine()
            return .string(text)
        }
        throw ValueError(message: rest.isEmpty ? "a value is missing" : "expected a string, a list or true/false")
    }

    /// Reads a basic (`"…"`, with escapes) or literal (`'…'`) string from the front of `rest`.
    static func string(_ rest: inout Substring) throws(ValueError) -> String {
        let quote = rest.removeFirst()
        var result = ""
        while let character = rest.first {
            rest = rest.dropFirst()
            if character == quote { return result }
            guard quote == "\"", character == "\\" else {
                result.append(character)
                continue
            }
            guard let escaped = rest.first else { break }
            rest = rest.dropFirst()
            switch escaped {
            case "\\": result.append("\\")
            case "\"": result.append("\"")
            case "t": result.append("\t")
            case "n": result.append("\n")
            case "u", "U":
                let length = escaped == "u" ? 4 : 8
                guard let value = UInt32(String(rest.prefix(length)), radix: 16), let scalar = Unicode.Scalar(value)
                else { throw ValueError(message: "bad \\\(escaped) escape") }
                result.unicodeScalars.append(scalar)
                rest = rest.dropFirst(length)
            default: throw ValueError(message: "unknown escape `\\\(escaped)`")
            }
        }
        throw ValueError(message: "the string is not closed")
    }

    /// The standard keymap with this file's keys: each action listed gets exactly the keys given.
    /// A key given to two actions stays with the first and is reported; a key the defaults give
    /// another action moves to the action the file names, which is reported too so nothing changes
    /// silently.
    public func keymap(from base: Keymap = .standard) -> (Keymap, [Problem]) {
        var problems: [Problem] = []
        let rebound = Set(keys.map(\.action))
        var bindings = base.bindings.filter { !rebound.contains($0.action) }
        var claimed: [KeyPress: (action: Action, line: Int)] = [:]
        var added: [(key: KeyPress, action: Action)] = []
        for entry in keys {
            for key in entry.keys {
                if let earlier = claimed[key] {
                    if earlier.action != entry.action {
                        problems.append(
                            Problem(
                                line: entry.line,
                                message:
                                    "\(key) is already bound to \(earlier.action.rawValue) on line \(earlier.line); kept there"
                            ))
                    }
                    continue
                }
                claimed[key] = (entry.action, entry.line)
                if let taken = bindings.firstIndex(where: { $0.key == key }) {
                    let other = bindings[taken].action
                    bindings.remove(at: taken)
                    let left = bindings.filter { $0.action == other }.map(\.key.description)
                    let keeps = left.isEmpty ? "now has no key" : "keeps " + left.joined(separator: " ")
                    problems.append(
                        Problem(
                            line: entry.line,
                            message:
                                "\(key) was \(other.rawValue)'s key by default and is now \(entry.action.rawValue)'s; \(other.rawValue) \(keeps)"
                        ))
                }
                added.append((key, entry.action))
            }
        }
        return (Keymap(bindings: bindings + added), problems)
    }
}

extension KeyPress {
    /// A key from its name in the config file: a single character, `Ctrl-X`, `F5`, or a name
    /// such as `Enter`, `Space`, `Down`, `PgDn` (names ignore case).
    public init?(name: String) {
        let lower = name.lowercased()
        if lower.hasPrefix("ctrl-") || lower.hasPrefix("c-") {
            let rest = lower.drop { $0 != "-" }.dropFirst()
            guard rest.count == 1, let letter = rest.first, ("a"..."z").contains(letter) else { return nil }
            self = .control(letter)
            return
        }
        if lower.hasPrefix("f"), let number = Int(lower.dropFirst()), (1...24).contains(number) {
            self = .function(number)
            return
        }
        switch lower {
        case "space": self = .character(" ")
        case "enter", "return": self = .enter
        case "tab": self = .tab
        case "shift-tab", "backtab": self = .backTab
        case "esc", "escape": self = .escape
        case "backspace": self = .backspace
        case "delete", "del": self = .delete
        case "up", "↑": self = .up
        case "down", "↓": self = .down
        case "left", "←": self = .left
        case "right", "→": self = .right
        case "pgup", "pageup": self = .pageUp
        case "pgdn", "pagedown": self = .pageDown
        case "home": self = .home
        case "end": self = .end
        default:
            guard name.count == 1, let character = name.first, !character.isWhitespace else { return nil }
            self = .character(character)
        }
    }
}

extension StringProtocol {
    /// The text without blanks and tabs at either end.
    fileprivate func trimmed() -> String {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
