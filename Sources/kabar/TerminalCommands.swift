import Foundation
import Glibc
import ReaderApp

/// Commands the reader runs in the terminal: a pipe of the cleaned article, `$PAGER` and the browser.
enum TerminalCommands {
    /// Carries out `.pipe`, `.openPager` and `.openURL` while the screen is suspended.
    static func run(_ effect: Effect, environment: [String: String]) -> Message {
        switch effect {
        case .pipe(let command, let text):
            let status: Int32
            do {
                status = try shell(command, arguments: [], input: text)
            } catch {
                return .failed("Cannot run `\(command)`: \(error)")
            }
            // Output the command printed stays until the user has read it.
            FileHandle.standardOutput.write(
                Data("\n[`\(command)` exited with status \(status)] Press Enter to return to kabar".utf8))
            waitForEnter()
            return .externalFinished("`\(command)` exited with status \(status)")
        case .openPager(let path):
            let pager = environment["PAGER"].flatMap { $0.isEmpty ? nil : $0 } ?? "less"
            do {
                let status = try shell("exec " + pager + " \"$1\"", arguments: [path], input: nil)
                return .externalFinished(
                    status == 0 ? "Back from \(pager)" : "\(pager) exited with status \(status) on \(path)")
            } catch {
                return .failed("Cannot run the pager `\(pager)`: \(error)")
            }
        case .openURL(let url):
            guard let browser = browserCommand(environment: environment) else {
                return .failed("No browser to open the page: set $BROWSER or install xdg-open")
            }
            do {
                let status = try shell("exec " + browser + " \"$1\"", arguments: [url], input: nil)
                return .externalFinished(
                    status == 0 ? "Opened \(url) with \(browser)" : "\(browser) exited with status \(status) on \(url)")
            } catch {
                return .failed("Cannot run the browser `\(browser)`: \(error)")
            }
        default:
            return .failed("Not a terminal command.")
        }
    }

    /// Why a command could not be started.
    struct SpawnError: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `/bin/sh -c script` with `arguments` as `$1…`, on this terminal, feeding `input` to its
    /// standard input when given; returns the exit status (128 + the signal when a signal ended it).
    ///
    /// The command runs in kabar's own process group, which is the terminal's foreground group, so
    /// it can read the keyboard and set the terminal's modes (a command in a group of its own, as
    /// `Foundation.Process` starts it, is stopped by SIGTTIN at its first read). While it runs,
    /// Ctrl-C and Ctrl-\ are the command's alone (kabar ignores them), and Ctrl-Z stops both.
    static func shell(_ script: String, arguments: [String], input: String?) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var ends: [Int32] = [-1, -1]
        if input != nil {
            guard pipe(&ends) == 0 else {
                throw SpawnError(description: "no pipe: \(String(cString: strerror(errno)))")
            }
            // Neither end stays open in the command but as its standard input, so it sees the end
            // of the text when kabar closes its end.
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            posix_spawn_file_actions_adddup2(&actions, ends[0], STDIN_FILENO)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The command starts with no signal blocked and every signal kabar ignores or catches at
        // its default action (kabar ignores SIGPIPE; a pipeline such as `yes | head` needs it).
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in childDefaultSignals { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        // Ctrl-C that the command handles itself (less does) must not end the shell under it,
        // which would hand the terminal back to kabar while the command still runs: the shell runs
        // a no-op for SIGINT and SIGQUIT instead of dying, after the command ends; the commands it
        // starts get the default action back.
        let argv = ["/bin/sh", "-c", "trap : INT QUIT\n" + script, "kabar"] + arguments
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }

        let saved = KeyboardSignals.yieldToChild()
        defer { saved.restore() }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, "/bin/sh", &actions, &attributes, &cArguments, environ)
        if input != nil { close(ends[0]) }
        guard result == 0 else {
            if input != nil { close(ends[1]) }
            throw SpawnError(description: String(cString: strerror(result)))
        }
        if let input {
            // Written from another thread, so a command that reads nothing cannot block the reader;
            // a command that stops reading early only ends the write (SIGPIPE is ignored).
            let descriptor = ends[1]
            let bytes = Array(input.utf8)
            Thread.detachNewThread {
                bytes.withUnsafeBytes { buffer in
                    var offset = 0
                    while offset < buffer.count {
                        let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                        if written < 0 && errno == EINTR { continue }
                        if written <= 0 { break }
                        offset += written
                    }
                }
                close(descriptor)
            }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return -1 }
        }
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// The command that opens a web address: the first of `$BROWSER`'s colon-separated commands,
    /// else `xdg-open` when it is on the `PATH`; nil when there is none.
    static func browserCommand(environment: [String: String]) -> String? {
        if let browser = environment["BROWSER"]?.split(separator: ":").first, !browser.isEmpty {
            return String(browser)
        }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where access(folder + "/xdg-open", X_OK) == 0 {
            return "xdg-open"
        }
        return nil
    }

    /// Signals a command starts with at their default action, whatever kabar does with them.
    static let childDefaultSignals = [
        SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGPIPE, SIGTERM, SIGHUP, SIGCHLD, SIGWINCH,
    ]

    /// Reads standard input up to a newline (or its end).
    static func waitForEnter() {
        var byte: UInt8 = 0
        while read(STDIN_FILENO, &byte, 1) == 1 && byte != 10 && byte != 13 {}
    }
}

/// kabar's own handling of the keyboard's signals, set aside while a command has the terminal.
struct KeyboardSignals {
    var saved: [(Int32, sigaction)] = []

    /// Ignores Ctrl-C (SIGINT) and Ctrl-\ (SIGQUIT), which reach the command as well, and lets
    /// Ctrl-Z (SIGTSTP) stop kabar as it stops the command, without the screen's handler drawing
    /// over it; returns what to restore.
    static func yieldToChild() -> KeyboardSignals {
        var signals = KeyboardSignals()
        for (signal, handler) in [(SIGINT, SIG_IGN), (SIGQUIT, SIG_IGN), (SIGTSTP, SIG_DFL)] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = handler
            sigemptyset(&action.sa_mask)
            var previous = sigaction()
            if sigaction(signal, &action, &previous) == 0 { signals.saved.append((signal, previous)) }
        }
        return signals
    }

    func restore() {
        for (signal, action) in saved {
            var action = action
            sigaction(signal, &action, nil)
        }
    }
}
