import ArgumentParser
import Articles
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
            Otherwise the entities of the given article files are listed, each once as \
            KIND<TAB>mentions<TAB>name, most mentioned first (spellings and short forms of one name \
            count as one), from the cleaned text the reader shows or, with --plain, the whole file. \
            With --store, the people, organisations and places named in the most articles of the \
            store (of those matching the query given instead of files) are listed as the reader's W \
            shows them: KIND<TAB>articles<TAB>name<TAB>sparkline (articles per stretch of days over \
            the span of the list); --with NAME lists the names most often in the same articles as \
            NAME; with --json, {"kind", "name", "articles", "days"} per line.
            """)

    @Flag(help: "Tag tokens read from standard input, one per line.")
    var conll = false

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Score the tagger on these CoNLL files.", valueName: "file"))
    var evaluate: [String] = []

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Train a model on these CoNLL files.", valueName: "file"))
    var train: [String] = []

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp(
            "With --train: CoNLL files of other kinds of text or other annotation habits, each learnt apart as well.",
            valueName: "file"))
    var auxiliary: [String] = []

    @Option(help: ArgumentHelp("Where --train writes the model.", valueName: "path"))
    var output: String?

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp(
            "With --train: plain-text files or folders of .txt files to learn capitalisation and word clusters from.",
            valueName: "path"))
    var plainText: [String] = []

    @Option(
        help: ArgumentHelp(
            "With --train: crf (a linear-chain conditional random field, the default) or perceptron (an averaged structured perceptron).",
            valueName: "objective"))
    var objective: String?

    @Option(help: "With --train: passes over the data (default: 15 for crf, 8 for perceptron).")
    var epochs: Int?

    @Option(help: "With --train and crf: the L2 penalty on the weights (default: 10).")
    var l2: Double?

    @Option(
        help:
            "With --train and perceptron: training runs over differently shuffled data, averaged into one model (default: 1)."
    )
    var runs: Int?

    @Option(
        name: .customLong("cross-validate"),
        help: ArgumentHelp(
            "With --train: instead of writing a model, score the training as N-fold cross-validation over the --train sentences (the auxiliary sets train every fold).",
            valueName: "N"))
    var folds: Int?

    @Option(help: ArgumentHelp("Use this model file instead of the bundled one.", valueName: "path"))
    var model: String?

    @Flag(help: "List the entities of the whole file, not of the article's cleaned text.")
    var plain = false

    @Argument(
        help: ArgumentHelp(
            "Article files, or folders searched for .txt files; with --store, a query (as kabar search takes it).",
            valueName: "file"))
    var files: [String] = []

    @Option(
        help: ArgumentHelp(
            "The names in the most articles of this store (of those matching the query given, if any).",
            valueName: "path"))
    var store: String?

    @Option(help: "With --store: how many names to list.")
    var top: Int = 20

    @Option(help: ArgumentHelp("With --store: the names in the same articles as this one.", valueName: "name"))
    var with: String?

    @Flag(help: "With --store: one JSON object per name and line.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    /// The training objective chosen, the CRF unless --objective says otherwise.
    var chosenObjective: TaggerTrainer.Objective? { TaggerTrainer.Objective(rawValue: objective ?? "crf") }

    func validate() throws {
        // Options that would be parsed and then ignored are refused.
        let modes = [(!train.isEmpty, "--train"), (!evaluate.isEmpty, "--evaluate"), (conll, "--conll")]
            .filter(\.0).map(\.1)
        if modes.count > 1 {
            throw ValidationError("\(modes.joined(separator: " and ")) do different things: give one of them")
        }
        if let mode = modes.first, !files.isEmpty {
            throw ValidationError("\(mode) reads no article files (\(files[0])): list their entities without \(mode)")
        }
        if train.isEmpty {
            let trainingOptions: [(Bool, String)] = [
                (!plainText.isEmpty, "--plain-text"), (!auxiliary.isEmpty, "--auxiliary"),
                (objective != nil, "--objective"),
                (epochs != nil, "--epochs"), (l2 != nil, "--l2"), (runs != nil, "--runs"), (output != nil, "--output"),
                (folds != nil, "--cross-validate"),
            ]
            if let (_, name) = trainingOptions.first(where: \.0) {
                throw ValidationError("\(name) is an option of training: give --train FILE… with it")
            }
        }
        if model != nil && !train.isEmpty {
            throw ValidationError("--model is the model to tag with; --train makes a new one: give one of them")
        }
        if plain && !modes.isEmpty {
            throw ValidationError("--plain is for listing the entities of article files, not with \(modes[0])")
        }
        if !train.isEmpty && output == nil && folds == nil {
            throw ValidationError("--train needs --output PATH or --cross-validate N")
        }
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1") }
        guard let chosenObjective else {
            throw ValidationError("--objective must be crf or perceptron, not '\(objective ?? "")'")
        }
        if let l2 {
            if chosenObjective != .crf {
                throw ValidationError("--l2 is for --objective crf; the perceptron has no penalty")
            }
            if !(l2 >= 0) { throw ValidationError("--l2 must be 0 or more") }
        }
        if let runs {
            if chosenObjective != .perceptron {
                throw ValidationError("--runs is for --objective perceptron; the CRF trains once")
            }
            if runs < 1 { throw ValidationError("--runs must be at least 1") }
        }
        if let folds, folds < 2 { throw ValidationError("--cross-validate needs at least 2 folds") }
        if store == nil && with == nil {
            if json { throw ValidationError("--json goes with --store (the table of a store's names)") }
            if top != 20 { throw ValidationError("--top goes with --store (the table of a store's names)") }
        } else {
            if let mode = modes.first { throw ValidationError("\(mode) reads no store: give one of them") }
            if plain { throw ValidationError("--plain is for article files, not --store") }
            if top < 1 { throw ValidationError("--top must be at least 1") }
        }
    }

    func tagger() throws -> NewsTagger {
        if let model {
            let data = try Self.contents(of: model)
            do { return NewsTagger(model: try TaggerModel(data: data)) } catch {
                throw CommandFailure("\(model): \(error)")
            }
        }
        return try bundledTagger()
    }

    /// A whole text file (CoNLL files may be longer than an article file is read).
    static func text(of path: String) throws -> String {
        let data = try contents(of: path)
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure("\(path): not UTF-8 text")
        }
        return text
    }

    /// A file's bytes, or an error that names the file and the system's reason.
    static func contents(of path: String) throws -> Data {
        guard let kind = PathKind(of: path) else { throw CommandFailure("\(path): no such file or directory") }
        if kind == .folder { throw CommandFailure("\(path): a folder, not a file") }
        guard access(path, R_OK) == 0, let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("\(path): cannot be read (\(String(cString: strerror(errno))))")
        }
        return data
    }

    static func sentences(in path: String) throws -> [TaggedSentence] {
        let text = try text(of: path)
        do { return try CoNLL.read(text) } catch { throw CommandFailure("\(path): \(error)") }
    }

    func run() throws {
        if store != nil || with != nil {
            return try storeTable(store)
        }
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
        let auxiliarySets = try auxiliary.map { try Self.sentences(in: $0) }
        var plainSentences: [[String]] = []
        var reader = ArticleFileReader()
        for file in try textFiles(in: plainText) {
            guard let text = reader.text(at: file) else { continue }
            plainSentences += NewsTokenizer.sentences(in: text).map { $0.map(\.text) }
        }
        if let folds {
            try crossValidate(sentences, auxiliary: auxiliarySets, plain: plainSentences, folds: folds)
            return
        }
        let start = Date()
        let model = trainModel(sentences, auxiliary: auxiliarySets, plain: plainSentences)
        let data = model.serialized()
        do { try data.write(to: URL(fileURLWithPath: output!)) } catch {
            throw CommandFailure("\(output!): cannot be written")
        }
        let all = sentences + auxiliarySets.joined()
        let tokens = all.reduce(0) { $0 + $1.tokens.count }
        print(
            "trained on \(all.count) sentences (\(tokens) tokens) in "
                + String(format: "%.1f s", Date().timeIntervalSince(start))
                + "; model \(data.count / 1024) KiB written to \(output!)")
    }

    /// Learns the lexicon from the plain text and the training tokens, then the weights.
    func trainModel(_ sentences: [TaggedSentence], auxiliary: [[TaggedSentence]], plain: [[String]])
        -> TaggerModel
    {
        let text = (sentences + auxiliary.joined()).map(\.tokens) + plain
        let clusters = WordClusters.learn(from: text) { message in
            FileHandle.standardError.write(Data("\(message)\n".utf8))
        }
        let lexicon = Lexicon(cases: CaseProfile.learn(from: text), clusters: clusters)
        var options = TaggerTrainer.Options(objective: chosenObjective ?? .crf, epochs: epochs)
        if let runs { options.runs = runs }
        if let l2 { options.l2 = l2 }
        return TaggerTrainer.train(sentences, auxiliary: auxiliary, lexicon: lexicon, options: options) {
            run, epoch in
            let runs = options.objective == .perceptron ? "run \(run)/\(options.runs), " : ""
            FileHandle.standardError.write(Data("\(runs)pass \(epoch)/\(options.epochs)\n".utf8))
        }
    }

    /// Trains on all folds but one and scores the one left out, for every fold; prints each fold's
    /// score and the score over all of them.
    func crossValidate(_ sentences: [TaggedSentence], auxiliary: [[TaggedSentence]], plain: [[String]], folds: Int)
        throws
    {
        guard sentences.count >= folds else {
            throw CommandFailure("--cross-validate \(folds) needs at least \(folds) sentences in --train")
        }
        var total = EntityScores()
        for fold in 0..<folds {
            let held = sentences.indices.filter { $0 % folds == fold }.map { sentences[$0] }
            let kept = sentences.indices.filter { $0 % folds != fold }.map { sentences[$0] }
            let tagger = NewsTagger(model: trainModel(kept, auxiliary: auxiliary, plain: plain))
            var scores = EntityScores()
            for sentence in held {
                let predicted = tagger.tags(for: sentence.tokens)
                scores.add(gold: sentence.tags, predicted: predicted)
                total.add(gold: sentence.tags, predicted: predicted)
            }
            print("== fold \(fold + 1)/\(folds): \(held.count) sentences held out")
            print(scores.report)
        }
        print("== all \(folds) folds")
        print(total.report)
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
        let extractor = try configuredExtractor()
        let paths = try textFiles(in: files)
        var reader = ArticleFileReader()
        for path in paths {
            guard let file = reader.text(at: path) else { continue }
            // The article's cleaned text, as the reader shows it, unless the whole file is asked for.
            let text = plain ? file : extractor.extract(file, path: path).body
            print("== \(path)")
            for entry in EntityDirectory.entries(in: text, spans: tagger.entities(in: text)) {
                print("\(entry.kind.rawValue)\t\(entry.mentions.count)\t\(entry.name)")
            }
        }
        if reader.skipped > 0 { throw CommandFailure("\(reader.skipped) of \(paths.count) files could not be read") }
    }
}

/// The entity tagger kabar ships, or an error that says what is wrong with its file.
func bundledTagger() throws -> NewsTagger {
    guard let bundled = NewsTagger.bundled else {
        let problem = NewsTagger.loadProblems.first { $0.file == NewsTagger.modelFile }
        throw CommandFailure(problem.map { "\($0)" } ?? "the bundled entity model cannot be read")
    }
    return bundled
}
