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

/// Quotes a string for `/bin/sh`.
public func shellQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
