import Foundation

/// A sentence of a CoNLL file: tokens and, when the file has them, their gold tags.
public struct TaggedSentence: Sendable {
    public var tokens: [String]
    public var tags: [EntityTag]

    public init(tokens: [String], tags: [EntityTag]) {
        self.tokens = tokens
        self.tags = tags
    }
}

/// Reads CoNLL-style text: one token per line, the tag in the last column, a blank line between
/// sentences. Columns are separated by tabs or spaces; CRLF line ends are accepted.
public enum CoNLL {
    public struct FormatError: Error, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    public static func read(_ text: String) throws -> [TaggedSentence] {
        var sentences: [TaggedSentence] = []
        var current = TaggedSentence(tokens: [], tags: [])
        var number = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            number += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let columns = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
            if columns.isEmpty || line.hasPrefix("-DOCSTART-") {
                if !current.tokens.isEmpty { sentences.append(current) }
                current = TaggedSentence(tokens: [], tags: [])
                continue
            }
            guard columns.count >= 2 else { throw FormatError(line: number, reason: "no tag column") }
            guard let tag = EntityTag(iob2: columns[columns.count - 1]) else {
                throw FormatError(line: number, reason: "unknown tag \(columns[columns.count - 1])")
            }
            current.tokens.append(String(columns[0]))
            current.tags.append(tag)
        }
        if !current.tokens.isEmpty { sentences.append(current) }
        return sentences
    }
}

/// Precision, recall and F1 of predicted entities against gold ones, per kind and overall
/// (micro-averaged), counted on exact spans and kinds.
public struct EntityScores: Sendable {
    public struct Counts: Sendable {
        public var correct = 0
        public var predicted = 0
        public var gold = 0

        public var precision: Double { predicted == 0 ? 0 : Double(correct) / Double(predicted) }
        public var recall: Double { gold == 0 ? 0 : Double(correct) / Double(gold) }
        public var f1: Double {
            let p = precision
            let r = recall
            return p + r == 0 ? 0 : 2 * p * r / (p + r)
        }
    }

    public var byKind: [EntityKind: Counts] = [:]
    public var overall = Counts()

    public init() {}

    public mutating func add(gold: [EntityTag], predicted: [EntityTag]) {
        let goldChunks = Set(EntityChunk.chunks(of: gold))
        let predictedChunks = Set(EntityChunk.chunks(of: predicted))
        for chunk in goldChunks {
            byKind[chunk.kind, default: Counts()].gold += 1
            overall.gold += 1
        }
        for chunk in predictedChunks {
            byKind[chunk.kind, default: Counts()].predicted += 1
            overall.predicted += 1
            if goldChunks.contains(chunk) {
                byKind[chunk.kind, default: Counts()].correct += 1
                overall.correct += 1
            }
        }
    }

    /// A table like seqeval's classification report.
    public var report: String {
        func row(_ name: String, _ c: Counts) -> String {
            func f(_ x: Double) -> String { String(format: "%.4f", x) }
            return name.padding(toLength: 10, withPad: " ", startingAt: 0)
                + " \(f(c.precision))  \(f(c.recall))  \(f(c.f1))  \(String(c.gold).leftPadded(7))"
        }
        var lines = ["           precision  recall     f1       support"]
        for kind in EntityKind.allCases.sorted(by: { $0.rawValue < $1.rawValue }) {
            lines.append(row(kind.rawValue, byKind[kind] ?? Counts()))
        }
        lines.append(row("micro avg", overall))
        return lines.joined(separator: "\n")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
