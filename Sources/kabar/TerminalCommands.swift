import Foundation
import Glibc
import ReaderApp

/// Commands the reader runs in the terminal: a pipe of the cleaned article, and `$PAGER`.
enum TerminalCommands {
    /// Carries out `.pipe` and `.openPager` while the screen is suspended.
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
                let status = try shell(pager + " \"$1\"", arguments: [path], input: nil)
                return .externalFinished(
                    status == 0 ? "Back from \(pager)" : "\(pager) exited with status \(status) on \(path)")
            } catch {
                return .failed("Cannot run the pager `\(pager)`: \(error)")
            }
        case .openURL(let url):
            guard let browser = browserCommand(environment: environment) else {
                return .failed("No browser to open \(url): set $BROWSER or install xdg-open")
            }
            do {
                let status = try shell(browser + " \"$1\"", arguments: [url], input: nil)
                return .externalFinished(
                    status == 0 ? "Opened \(url) with \(browser)" : "\(browser) exited with status \(status) on \(url)")
            } catch {
                return .failed("Cannot run the browser `\(browser)`: \(error)")
            }
        default:
            return .failed("Not a terminal command.")
        }
    }

    /// Runs `/bin/sh -c script` with `arguments` as `$1…`, on this terminal, feeding `input` to its
    /// standard input when given; returns the exit status.
    static func shell(_ script: String, arguments: [String], input: String?) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, "kabar"] + arguments
        let pipe = input.map { _ in Pipe() }
        if let pipe { process.standardInput = pipe }
        try process.run()
        if let pipe, let input {
            // Written from another thread, so a command that reads nothing cannot block the reader;
            // a command that stops reading early only ends the write (SIGPIPE is ignored).
            let handle = pipe.fileHandleForWriting
            DispatchQueue.global().async {
                try? handle.write(contentsOf: Data(input.utf8))
                try? handle.close()
            }
        }
        process.waitUntilExit()
        return process.terminationStatus
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

    /// Reads standard input up to a newline (or its end).
    static func waitForEnter() {
        var byte: UInt8 = 0
        while read(STDIN_FILENO, &byte, 1) == 1 && byte != 10 && byte != 13 {}
    }
}
