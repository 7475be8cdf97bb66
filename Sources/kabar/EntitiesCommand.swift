import ArgumentParser
import Entities
import Foundation

/// `kabar entities`: tag text, score the tagger, train it.
struct EntitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entities",
        abstract: "Find people, organisations and places; score or train the entity tagger.",
        discussion: """
            With --conll, tokens are read from standard input, one per line (anything after a tab or \
            space is ignored; a blank line ends a sentence), and each is written back as \
            token<TAB>tag, tags in IOB2 over PER, ORG and LOC, a blank line between sentences. \
            With --evaluate, CoNLL files with gold tags in the last column are tagged and scored: \
            precision, recall and F1 per type and overall, on exact entity spans (strict IOB2). \
            With --train, a model is trained from CoNLL files and written to --output. \
            Otherwise the entities of the given text files are listed.
            """)

    @Flag(help: "Tag tokens read from standard input, one per line.")
    var conll = false

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Score the tagger on these CoNLL files.", valueName: "file"))
    var evaluate: [String] = []

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Train a model on these CoNLL files.", valueName: "file"))
    var train: [String] = []

    @Option(help: ArgumentHelp("Where --train writes the model.", valueName: "path"))
    var output: String?

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp(
            "With --train: plain-text files or folders of .txt files to learn word capitalisation from.",
            valueName: "path"))
    var caseText: [String] = []

    @Option(help: "Training passes over the data.")
    var epochs = 12

    @Option(help: ArgumentHelp("Use this model file instead of the bundled one.", valueName: "path"))
    var model: String?

    @Argument(help: ArgumentHelp("Text files whose entities to list.", valueName: "file"))
    var files: [String] = []

    func validate() throws {
        if !train.isEmpty && output == nil { throw ValidationError("--train needs --output PATH") }
        if epochs < 1 { throw ValidationError("--epochs must be at least 1") }
    }

    func tagger() throws -> NewsTagger {
        if let model {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: model)) } catch {
                throw CommandFailure("\(model): cannot be read")
            }
            do { return NewsTagger(model: try PerceptronModel(data: data)) } catch {
                throw CommandFailure("\(model): \(error)")
            }
        }
        guard let bundled = NewsTagger.bundled else { throw CommandFailure("the bundled entity model is missing") }
        return bundled
    }

    static func text(of path: String) throws -> String {
        do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CommandFailure("\(path): cannot be read as UTF-8 text")
        }
    }

    static func sentences(in path: String) throws -> [TaggedSentence] {
        let text = try text(of: path)
        do { return try CoNLL.read(text) } catch { throw CommandFailure("\(path): \(error)") }
    }

    func run() throws {
        if !train.isEmpty {
            try runTraining()
        } else if !evaluate.isEmpty {
            try runEvaluation()
        } else if conll {
            try runConll()
        } else {
            try listEntities()
        }
    }

    func runTraining() throws {
        var sentences: [TaggedSentence] = []
        for path in train { sentences += try Self.sentences(in: path) }
        let start = Date()
        var caseSentences = sentences.map(\.tokens)
        for file in try textFiles(in: caseText) {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            caseSentences += NewsTokenizer.sentences(in: text).map { $0.map(\.text) }
        }
        var trainer = PerceptronTrainer(profile: CaseProfile.learn(from: caseSentences))
        trainer.train(sentences, epochs: epochs) { epoch in
            FileHandle.standardError.write(Data("epoch \(epoch)/\(epochs)\n".utf8))
        }
        let data = trainer.model().serialized()
        do { try data.write(to: URL(fileURLWithPath: output!)) } catch {
            throw CommandFailure("\(output!): cannot be written")
        }
        let tokens = sentences.reduce(0) { $0 + $1.tokens.count }
        print(
            "trained on \(sentences.count) sentences (\(tokens) tokens) in "
                + String(format: "%.1f s", Date().timeIntervalSince(start))
                + "; model \(data.count / 1024) KiB written to \(output!)")
    }

    func runEvaluation() throws {
        let tagger = try tagger()
        for path in evaluate {
            var scores = EntityScores()
            for sentence in try Self.sentences(in: path) {
                scores.add(gold: sentence.tags, predicted: tagger.tags(for: sentence.tokens))
            }
            print("== \(path)")
            print(scores.report)
        }
    }

    func runConll() throws {
        let tagger = try tagger()
        var sentence: [String] = []
        var output = ""
        func flush() {
            let tags = tagger.tags(for: sentence)
            for (token, tag) in zip(sentence, tags) { output += "\(token)\t\(tag.iob2)\n" }
            output += "\n"
            sentence = []
            FileHandle.standardOutput.write(Data(output.utf8))
            output = ""
        }
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let text = String(decoding: input, as: UTF8.self)
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        if lines.last == "" { lines.removeLast() }
        for rawLine in lines {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let token = line.split(whereSeparator: { $0 == "\t" || $0 == " " }).first
            if let token {
                sentence.append(String(token))
            } else if !sentence.isEmpty {
                flush()
            }
        }
        if !sentence.isEmpty { flush() }
    }

    func listEntities() throws {
        guard !files.isEmpty else { throw ValidationError("give text files, or --conll, --evaluate or --train") }
        let tagger = try tagger()
        for path in files {
            let text = try Self.text(of: path)
            print("== \(path)")
            for span in tagger.entities(in: text) {
                print("\(span.kind.rawValue)\t\(span.text(in: text))")
            }
        }
    }
}
