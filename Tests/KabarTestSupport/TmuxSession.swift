import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A private tmux server running one command in an 80×24 (or given) window, for end-to-end tests.
///
/// Every tmux call is started with `posix_spawn` and an empty signal mask: a child of a test
/// thread would otherwise inherit blocked SIGCHLD/SIGTERM and the server would never exit, and
/// `Foundation.Process` would wait for the forked server to close an inherited socket.
public final class TmuxSession {
    /// True when a `tmux` executable is on the PATH.
    public static var isAvailable: Bool { executablePath("tmux") != nil }

    let tmux: String
    let socket: String
    var serverPID: pid_t = 0
    var isClosed = false

    /// Starts a server and a session running `command` through `/bin/sh`.
    public init(command: String, width: Int = 80, height: Int = 24) throws {
        guard let tmux = Self.executablePath("tmux") else { throw TmuxError("tmux is not installed") }
        self.tmux = tmux
        socket = "kabar-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        serverPID = try spawnProcess(
            [tmux, "-L", socket, "-f", "/dev/null", "-D"], environment: nil, outputPath: nil, errorPath: nil)
        let deadline = Date().addingTimeInterval(10)
        while run(["show-options", "-g", "exit-empty"]).status != 0 {
            guard Date() < deadline else {
                close()
                throw TmuxError("tmux server did not start")
            }
            usleep(20_000)
        }
        let result = run(["new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)", command])
        guard result.status == 0 else {
            close()
            throw TmuxError("tmux new-session failed: \(result.output)")
        }
    }

    deinit { close() }

    /// Sends keys by tmux name (`Enter`, `Down`, `C-c`) or as literal characters with `literal`.
    public func send(_ keys: String..., literal: Bool = false) {
        _ = run(["send-keys", "-t", "main"] + (literal ? ["-l"] : []) + keys)
    }

    /// The screen's text as `capture-pane -p` gives it; with `escapes`, with SGR codes too.
    public func capture(escapes: Bool = false) -> String {
        run(["capture-pane", "-t", "main", "-p"] + (escapes ? ["-e"] : [])).output
    }

    /// Polls the screen until `predicate` holds; returns the last screen and whether it held.
    @discardableResult
    public func waitFor(timeoutSeconds: Double = 15, _ predicate: (String) -> Bool) -> (screen: String, matched: Bool) {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        var screen = capture()
        while !predicate(screen) {
            guard Date() < deadline else { return (screen, false) }
            usleep(50_000)
            screen = capture()
        }
        return (screen, true)
    }

    public func resize(width: Int, height: Int) {
        _ = run(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
    }

    /// Stops the server and reaps it.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        _ = run(["kill-server"])
        if serverPID > 0 { _ = waitForExit(serverPID) }
    }

    /// Runs one tmux client command against this server.
    public func run(_ arguments: [String]) -> (status: Int32, output: String) {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)").path
        defer { unlink(outputPath) }
        guard
            let pid = try? spawnProcess(
                [tmux, "-L", socket, "-f", "/dev/null"] + arguments, environment: nil, outputPath: outputPath,
                errorPath: nil)
        else { return (-1, "") }
        let status = waitForExit(pid)
        return (status, (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "")
    }

    static func executablePath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

public struct TmuxError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The SGR parameters in force where `text` first starts on a screen captured with escapes
/// (`capture-pane -e`), each as its number (`"3"` italic, `"90"` bright black, `"38;5;24"`); nil when no line
/// holds `text`. A reset clears them; a colour or an attribute turned off replaces its kind.
public func sgrParameters(before text: String, in screen: String) -> Set<String>? {
    guard let line = screen.split(separator: "\n").first(where: { $0.contains(text) }),
        let end = line.range(of: text)?.lowerBound
    else { return nil }
    var active = Set<String>()
    /// Drops the foreground (or background) colour in force, before another takes its place.
    func dropColour(foreground: Bool) {
        active = active.filter { kept in
            let first = Int(kept.prefix { $0 != ";" }) ?? 0
            return foreground
                ? !((30...39).contains(first) || (90...97).contains(first))
                : !((40...49).contains(first) || (100...107).contains(first))
        }
    }
    var rest = line[..<end]
    while let start = rest.range(of: "\u{1B}[") {
        let after = rest[start.upperBound...]
        guard let close = after.firstIndex(of: "m") else { break }
        var parameters = after[..<close].split(separator: ";", omittingEmptySubsequences: false).map(String.init)[...]
        while let parameter = parameters.popFirst() {
            let number = Int(parameter) ?? 0
            switch number {
            case 0: active.removeAll()
            case 22: active.subtract(["1", "2"])
            case 23: active.remove("3")
            case 24: active.remove("4")
            case 27: active.remove("7")
            case 38, 48:
                // An extended colour, kept whole: `38;5;24`, `48;2;0;95;135`.
                let count = parameters.first == "5" ? 2 : parameters.first == "2" ? 4 : 0
                dropColour(foreground: number == 38)
                active.insert(([parameter] + parameters.prefix(count)).joined(separator: ";"))
                parameters = parameters.dropFirst(count)
            case 30...39, 90...97:
                dropColour(foreground: true)
                if number != 39 { active.insert(parameter) }
            case 40...49, 100...107:
                dropColour(foreground: false)
                if number != 49 { active.insert(parameter) }
            default: active.insert(parameter)
            }
        }
        rest = after[after.index(after: close)...]
    }
    return active
}

/// Quotes a string for `/bin/sh`.
public func shellQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
