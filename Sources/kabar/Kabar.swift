import ArgumentParser
import Foundation

/// The command line: the reader by default, and commands for scripts.
struct Kabar: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kabar",
        abstract: "A keyboard-driven terminal reader for archives of scraped news articles.",
        discussion: """
            With no command, opens the reader on STORE, a folder of .txt article files (searched \
            recursively), or on the bundled sample store. kabar never writes into a store; its index \
            lives in $XDG_CACHE_HOME/kabar (or ~/.cache/kabar).
            """,
        subcommands: [
            Read.self, List.self, Show.self, Search.self, Extract.self, EntitiesCommand.self, CopiesCommand.self,
            StoriesCommand.self, QuotesCommand.self, TimelineCommand.self, ExportCommand.self, SearchesCommand.self,
            NotesCommand.self, Index.self,
            StemCommand.self, Doctor.self, Bench.self,
        ],
        defaultSubcommand: Read.self
    )
}

@main
enum Main {
    static func main() {
        do {
            var command = try Kabar.parseAsRoot()
            Installation.warnAtStart()
            try command.run()
        } catch let exitCode as ExitCode {
            exit(exitCode.rawValue)
        } catch {
            let code = Kabar.exitCode(for: error)
            var message = Kabar.fullMessage(for: error)
            if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
            if code == .success {
                if !message.isEmpty { print(message) }
                exit(0)
            }
            if !message.isEmpty {
                FileHandle.standardError.write(Data(("kabar: " + message + "\n").utf8))
            }
            exit(code == .validationFailure ? 2 : 1)
        }
    }
}
