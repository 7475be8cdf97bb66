import Foundation
import KabarTestSupport
import Testing

@Suite("kabar entities")
struct EntitiesCommandTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    /// Writes `text` into the test folder and returns the file's path, shell-quoted.
    func file(_ name: String, _ text: String) throws -> String {
        let path = folder.url.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return shellQuoted(path)
    }

    func run(_ arguments: String, input: String? = nil) throws -> CommandResult {
        var command = shellQuoted(kabarBinary) + " " + arguments
        if let input { command += " < " + (try file("input", input)) }
        return try runCommand("/bin/sh", ["-c", command], environment: ["LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"])
    }

    @Test("--conll writes every input token back in order with an IOB2 tag, sentence by sentence")
    func conllInterface() throws {
        let long = String(repeating: "x", count: 3000)
        let input = [
            "\n\n",  // empty sentences before the first
            "Presiden\tB-PER\nJoko O\nWidodo\ntiba\ndi\nBandung\n.\n\n\n\n",  // gold columns are ignored
            "\"\n“\n🙂\n\(long)\n-\n''\nI-PER\n\n",
            "Putin\n",  // no blank line at the end
        ].joined()
        let result = try run("entities --conll", input: input)
        #expect(result.status == 0, "\(result.errorOutput)")
        let sentences = result.output.components(separatedBy: "\n\n").filter { !$0.isEmpty }
        let rows = sentences.map {
            $0.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        }
        #expect(
            rows.map { $0.map { String($0[0]) } } == [
                ["Presiden", "Joko", "Widodo", "tiba", "di", "Bandung", "."],
                ["\"", "“", "🙂", long, "-", "''", "I-PER"],
                ["Putin"],
            ])
        let valid = Set(["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"])
        #expect(rows.joined().allSatisfy { $0.count == 2 && valid.contains(String($0[1])) })
        #expect(rows[0].map { String($0[1]) } == ["O", "B-PER", "I-PER", "O", "O", "B-LOC", "O"])
        #expect(result.output.hasSuffix("\n\n"))
    }

    @Test("--evaluate prints precision, recall and F1 per type and overall")
    func evaluate() throws {
        let gold = "Presiden O\nJoko B-PER\nWidodo I-PER\ntiba O\ndi O\nBandung B-LOC\n. O\n"
        let result = try run("entities --evaluate " + (try file("gold.txt", gold)))
        #expect(result.status == 0)
        #expect(result.output.contains("micro avg  1.0000  1.0000  1.0000        2"))
        #expect(result.output.contains("PER        1.0000  1.0000  1.0000        1"))
    }

    @Test("a CoNLL file with an unknown tag is refused with the file and line named")
    func badFile() throws {
        let result = try run("entities --evaluate " + (try file("bad.txt", "Joko B-PER\nWidodo X-PER\n")))
        #expect(result.status == 1)
        #expect(result.errorOutput.contains("bad.txt: line 2: unknown tag X-PER"))
    }

    @Test(
        "training writes a model that --model then uses, with either objective",
        arguments: ["--objective crf --l2 1", "--objective perceptron --runs 2"])
    func train(objective: String) throws {
        let sentence = "Presiden O\nJoko B-PER\nWidodo I-PER\ntiba O\ndi O\nBandung B-LOC\n. O\n"
        let path = try file("train.txt", sentence + "\n" + sentence)
        let other = try file("other.txt", "Gubernur O\nRidwan B-PER\nKamil I-PER\n")
        let model = shellQuoted(folder.url.appendingPathComponent("m.model").path)
        let trained = try run(
            "entities --train \(path) --auxiliary \(other) --output \(model) --epochs 3 \(objective)")
        #expect(trained.status == 0, "\(trained.errorOutput)")
        #expect(trained.output.contains("trained on 3 sentences (17 tokens)"))
        let scored = try run("entities --model \(model) --evaluate \(path)")
        #expect(scored.output.contains("micro avg  1.0000  1.0000  1.0000"))
        let missing = try run("entities --model /nonexistent/m.model --conll", input: "a\n")
        #expect(missing.status == 1)
        #expect(missing.errorOutput.contains("/nonexistent/m.model: no such file or directory"))
    }

    @Test("--cross-validate scores every fold and all of them, and writes no model")
    func crossValidate() throws {
        let sentence = "Presiden O\nJoko B-PER\nWidodo I-PER\ntiba O\ndi O\nBandung B-LOC\n. O\n"
        let path = try file("train.txt", Array(repeating: sentence, count: 4).joined(separator: "\n"))
        let result = try run("entities --train \(path) --cross-validate 2 --epochs 2")
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.contains("== fold 1/2: 2 sentences held out"))
        #expect(result.output.contains("== fold 2/2: 2 sentences held out"))
        #expect(result.output.contains("== all 2 folds"))
        #expect(result.output.contains("micro avg  1.0000  1.0000  1.0000        4"))
        let tooMany = try run("entities --train \(path) --cross-validate 9")
        #expect(tooMany.status == 1)
        #expect(tooMany.errorOutput.contains("--cross-validate 9 needs at least 9 sentences in --train"))
        let badObjective = try run("entities --train \(path) --cross-validate 2 --objective svm")
        #expect(badObjective.status != 0)
        #expect(badObjective.errorOutput.contains("--objective must be crf or perceptron, not 'svm'"))
        let badPenalty = try run("entities --train \(path) --cross-validate 2 --l2=-1")
        #expect(badPenalty.status != 0)
        #expect(badPenalty.errorOutput.contains("--l2 must be 0 or more"))
        let noOutput = try run("entities --train \(path)")
        #expect(noOutput.status != 0)
        #expect(noOutput.errorOutput.contains("--train needs --output PATH or --cross-validate N"))
    }

    @Test("entities FILE lists an article's entities once each, with mention counts, from its cleaned text")
    func listsEntities() throws {
        let article = """
            KOMPAS.com - Presiden Rusia Vladimir Putin bertemu Kim Jong-un di Pyongyang.
            Baca juga: Joko Widodo Tiba di Bandung
            Putin dan Kim Jong Un menandatangani pakta. Gedung Putih mengecam, kata John Kirby.
            """
        let path = try file("article.txt", article)
        let result = try run("entities \(path)")
        #expect(result.status == 0, "\(result.errorOutput)")
        let rows = result.output.split(separator: "\n").dropFirst().map(String.init)
        #expect(rows.contains("PER\t2\tVladimir Putin"), "\(rows)")
        #expect(
            rows.contains { $0.range(of: "^PER\t2\tKim Jong[- ][Uu]n$", options: .regularExpression) != nil }, "\(rows)"
        )
        #expect(rows.contains("ORG\t1\tGedung Putih"), "\(rows)")
        #expect(rows.contains("LOC\t1\tRusia"), "\(rows)")
        #expect(!rows.contains { $0.hasSuffix("Joko Widodo") }, "the related link is not the article: \(rows)")
        let plain = try run("entities --plain \(path)")
        #expect(plain.output.contains("PER\t1\tJoko Widodo"), "\(plain.output)")
        let missing = try run("entities /nonexistent/article.txt")
        #expect(missing.status == 1)
        #expect(missing.errorOutput.contains("/nonexistent/article.txt"))
    }
}

extension EntitiesCommandTests {
    @Test(
        "options that would be ignored are refused with a message and exit code 2",
        arguments: [
            ("--plain-text {dir} {article}", "--plain-text is an option of training"),
            ("--auxiliary {conll} --evaluate {conll}", "--auxiliary is an option of training"),
            ("--objective perceptron {article}", "--objective is an option of training"),
            ("--epochs 3 --conll", "--epochs is an option of training"),
            ("--l2 1 {article}", "--l2 is an option of training"),
            ("--output {model} --evaluate {conll}", "--output is an option of training"),
            ("--train {conll} --output {model} --runs 2", "--runs is for --objective perceptron"),
            ("--train {conll} --output {model} --objective crf --runs 2", "--runs is for --objective perceptron"),
            ("--train {conll} --output {model} --objective perceptron --l2 1", "--l2 is for --objective crf"),
            ("--train {conll} --output {model} --model {model}", "--model is the model to tag with"),
            ("--plain --conll", "--plain is for listing the entities of article files, not with --conll"),
            ("--plain --evaluate {conll}", "--plain is for listing the entities of article files, not with --evaluate"),
            ("--conll {article}", "--conll reads no article files"),
            ("--evaluate {conll} --conll", "--evaluate and --conll do different things: give one of them"),
        ])
    func refusedCombinations(arguments: String, message: String) throws {
        let conll = try file("gold.txt", "Joko B-PER\ntiba O\n")
        let article = try file("article.txt", "Presiden Joko Widodo tiba di Bandung.\n")
        let model = shellQuoted(folder.url.appendingPathComponent("m.model").path)
        let command = arguments.replacingOccurrences(of: "{conll}", with: conll)
            .replacingOccurrences(of: "{article}", with: article).replacingOccurrences(
                of: "{dir}", with: shellQuoted(folder.url.path)
            )
            .replacingOccurrences(of: "{model}", with: model)
        let result = try run("entities " + command, input: "Joko\n")
        #expect(result.status == 2, "\(result.output)\(result.errorOutput)")
        #expect(result.errorOutput.contains("kabar: " + message), "\(result.errorOutput)")
        #expect(result.output.isEmpty, "\(result.output)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("m.model").path))
    }
}
