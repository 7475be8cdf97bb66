/// Which articles the user has read and starred, by file path in the store (so the marks outlive
/// any rebuild of the index), with the changes made so far for undo.
public struct ReadingMarks: Hashable, Sendable {
    public private(set) var read: Set<String> = []
    public private(set) var starred: Set<String> = []
    /// Each change as it undoes: the paths it touched with their earlier marks, newest last.
    private var history: [[Mark: Bool]] = []

    /// Changes kept for undo.
    public static let undoLevels = 100

    public enum Kind: String, Hashable, Sendable {
        case read
        case star
    }

    struct Mark: Hashable, Sendable {
        var kind: Kind
        var path: String
    }

    public init() {}

    public func isRead(_ path: String) -> Bool { read.contains(path) }
    public func isStarred(_ path: String) -> Bool { starred.contains(path) }

    /// Sets one kind of mark on `paths` as one change; returns how many paths it changed.
    @discardableResult
    public mutating func set(_ kind: Kind, _ value: Bool, on paths: some Sequence<String>) -> Int {
        var earlier: [Mark: Bool] = [:]
        for path in paths where contains(kind, path) != value && earlier[Mark(kind: kind, path: path)] == nil {
            earlier[Mark(kind: kind, path: path)] = !value
            apply(kind, value, path)
        }
        guard !earlier.isEmpty else { return 0 }
        history.append(earlier)
        if history.count > Self.undoLevels { history.removeFirst(history.count - Self.undoLevels) }
        return earlier.count
    }

    /// Takes back the latest change; returns how many marks it restored (0: nothing to undo).
    @discardableResult
    public mutating func undo() -> Int {
        guard let last = history.popLast() else { return 0 }
        for (mark, value) in last { apply(mark.kind, value, mark.path) }
        return last.count
    }

    func contains(_ kind: Kind, _ path: String) -> Bool {
        kind == .read ? read.contains(path) : starred.contains(path)
    }

    private mutating func apply(_ kind: Kind, _ value: Bool, _ path: String) {
        switch (kind, value) {
        case (.read, true): read.insert(path)
        case (.read, false): read.remove(path)
        case (.star, true): starred.insert(path)
        case (.star, false): starred.remove(path)
        }
    }

    // MARK: - File format

    /// The marks as kabar's state file keeps them: a header line, then one `read<TAB>path` or
    /// `star<TAB>path` line per mark, sorted; backslash, tab, newline and carriage return in paths
    /// are written `\\`, `\t`, `\n` and `\r`. Undo history is not kept.
    public var serialized: String {
        var lines = [Self.header]
        for (kind, paths) in [(Kind.read, read), (.star, starred)] {
            for path in paths.sorted() { lines.append(kind.rawValue + "\t" + Self.escape(path)) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let header = "# kabar reading state 1"

    /// A line of a state file that could not be read.
    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    /// Reads a state file's text; lines it cannot read are skipped and reported.
    public init(parsing text: String) {
        self.init()
        var problems: [Problem] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard fields.count == 2, let kind = Kind(rawValue: String(fields[0])), let path = Self.unescape(fields[1]),
                !path.isEmpty
            else {
                problems.append(Problem(line: index + 1, reason: "expected `read` or `star`, a tab and a path"))
                continue
            }
            apply(kind, true, path)
        }
        self.problems = problems
    }

    /// Lines the text this was read from could not use.
    public private(set) var problems: [Problem] = []

    static func escape(_ path: String) -> String {
        var result = ""
        for character in path {
            switch character {
            case "\\": result += "\\\\"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\r\n": result += "\\r\\n"
            default: result.append(character)
            }
        }
        return result
    }

    static func unescape(_ text: Substring) -> String? {
        var result = ""
        var escaped = false
        for character in text {
            if escaped {
                switch character {
                case "\\": result += "\\"
                case "t": result += "\t"
                case "n": result += "\n"
                case "r": result += "\r"
                default: return nil
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return escaped ? nil : result
    }
}
