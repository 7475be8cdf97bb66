import ArgumentParser
import Foundation
import Search

/// `kabar stem`: show stems, or build the stemmer's root-word list from plain text.
struct StemCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stem",
        abstract: "Show the stem search uses for each word, or build the root-word list.",
        discussion: """
            Search finds a word's affixed forms through its stem: `kabar stem menandatangani` prints \
            `menandatangani → tandatangan`. With --derive-roots, counts the words of every .txt file \
            under the given folders and writes the root-word list (see README, Search).
            """)

    @Argument(help: ArgumentHelp("Words to stem, or with --derive-roots folders of text.", valueName: "word|path"))
    var inputs: [String] = []

    @Flag(help: "Build a root-word list from the .txt files under the given folders.")
    var deriveRoots = false

    @Option(help: ArgumentHelp("Where --derive-roots writes the list.", valueName: "path"))
    var output: String?

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give words to stem, or folders with --derive-roots") }
        if deriveRoots && output == nil { throw ValidationError("--derive-roots needs --output") }
    }

    func run() throws {
        guard deriveRoots, let output else {
            for word in inputs {
                let folded = SearchQuery.foldedWords(in: word).map(\.word)
                print("\(word) → \(folded.map(Stemmer.standard.stem).joined(separator: " "))")
            }
            return
        }
        var counts: [String: Int] = [:]
        let files = try textFiles(in: inputs)
        var reader = ArticleFileReader()
        for file in files {
            guard let text = reader.text(at: file) else { continue }
            for word in SearchQuery.foldedWords(in: text) { counts[word.word, default: 0] += 1 }
        }
        let roots = RootList.derive(counts: counts, compounds: Array(Stemmer.standard.compounds.values))
        let read = files.count - reader.skipped
        let header = "# Root words for kabar's stemmer: `kabar stem --derive-roots` over \(read) files.\n"
        do {
            try (header + roots.joined(separator: "\n") + "\n").write(
                toFile: output, atomically: true, encoding: .utf8)
        } catch {
            throw CommandFailure("\(output): cannot be written (\(error.localizedDescription))")
        }
        let skipped = reader.skipped > 0 ? " (\(reader.skipped) skipped)" : ""
        print("\(roots.count) roots from \(counts.count) distinct words in \(read) files\(skipped) → \(output)")
    }
}
