import Foundation

/// Finds people, organisations and places with the trained perceptron model.
public struct NewsTagger: EntityRecognizer {
    public let model: PerceptronModel

    public init(model: PerceptronModel) {
        self.model = model
    }

    /// Where the model that ships with kabar lies.
    public static var modelURL: URL? { Bundle.module.url(forResource: "ner", withExtension: "model") }

    /// The model that ships with kabar, read once.
    public static let bundled: NewsTagger? = {
        guard let url = modelURL,
            let data = try? Data(contentsOf: url), let model = try? PerceptronModel(data: data)
        else { return nil }
        return NewsTagger(model: model)
    }()

    /// The best recogniser available: the trained tagger, or capitalisation rules without it.
    public static var standard: any EntityRecognizer { bundled ?? CapitalizedRunRecognizer() }

    /// Offices that stand before a country and its office holder: `Presiden Rusia Vladimir Putin`.
    static let titles: Set<String> = [
        "presiden", "wapres", "menteri", "menlu", "menhan", "pm", "perdana", "raja", "ratu", "kanselir",
        "pemimpin", "sekjen", "dubes", "duta", "gubernur", "wali", "bupati", "president", "minister",
    ]

    /// Whether the model reads a word as a place where a sentence puts it after `di` ("in").
    func isPlace(_ word: String) -> Bool {
        model.tags(for: ["di", word]) == [.outside, .beginPlace]
    }

    public func tags(for tokens: [String]) -> [EntityTag] {
        model.tags(for: tokens)
    }

    /// The entities of a whole text, read sentence by sentence and then made consistent across the
    /// text: a name keeps the kind most of its mentions have, and a run that strings together names
    /// the text uses on their own elsewhere (`Presiden Rusia Vladimir Putin`, a headline's
    /// `Korea Utara Kim`) is cut into those names.
    public func entities(in text: String) -> [EntitySpan] {
        var found: [(tokens: ArraySlice<TextToken>, kind: EntityKind, previous: String)] = []
        for sentence in NewsTokenizer.sentences(in: text) {
            let tags = model.tags(for: sentence.map(\.text))
            for chunk in EntityChunk.chunks(of: tags) {
                let previous = chunk.start > 0 ? sentence[chunk.start - 1].text.lowercased() : ""
                found.append((sentence[chunk.start..<chunk.end], chunk.kind, previous))
            }
        }
        func name(_ tokens: ArraySlice<TextToken>) -> String { tokens.map(\.text).joined(separator: " ") }
        var kindsByName: [String: [EntityKind: Int]] = [:]
        for entity in found { kindsByName[name(entity.tokens), default: [:]][entity.kind, default: 0] += 1 }
        func majority(_ name: String, otherwise kind: EntityKind) -> EntityKind {
            guard let counts = kindsByName[name], let (best, count) = counts.max(by: { $0.value < $1.value }),
                count > (counts[kind] ?? 0)
            else { return kind }
            return best
        }

        /// The longest name the text uses on its own that starts at `i` and ends before `limit`.
        func knownName(in tokens: ArraySlice<TextToken>, from i: Int) -> Int? {
            for j in stride(from: tokens.endIndex, to: i, by: -1)
            where (i, j) != (tokens.startIndex, tokens.endIndex) && kindsByName[name(tokens[i..<j])] != nil {
                return j
            }
            return nil
        }

        var spans: [EntitySpan] = []
        for entity in found {
            let tokens = entity.tokens
            var pieces: [(ArraySlice<TextToken>, EntityKind)] = []
            if tokens.count >= 2 {
                // Names the text uses on their own, strung together: cut into them.
                var i = tokens.startIndex
                var known: [(ArraySlice<TextToken>, EntityKind)] = []
                while i < tokens.endIndex, let j = knownName(in: tokens, from: i) {
                    known.append((tokens[i..<j], majority(name(tokens[i..<j]), otherwise: entity.kind)))
                    i = j
                }
                if i == tokens.endIndex && known.count >= 2 {
                    pieces = known
                } else if entity.kind == .person, let first = known.first, first.1 != .person,
                    tokens.endIndex - first.0.endIndex >= 2
                {
                    // A place or organisation before a person's full name: `Sekjen NATO Jens Stoltenberg`.
                    pieces = [first, (tokens[first.0.endIndex...], .person)]
                }
            }
            if pieces.isEmpty, entity.kind == .person, tokens.count >= 3, Self.titles.contains(entity.previous),
                isPlace(tokens.first!.text)
            {
                // `Presiden Rusia Vladimir Putin` where the text names Rusia nowhere else.
                pieces = [(tokens.prefix(1), .place), (tokens.dropFirst(), .person)]
            }
            if pieces.isEmpty { pieces = [(tokens, majority(name(tokens), otherwise: entity.kind))] }
            for (piece, kind) in pieces {
                spans.append(EntitySpan(start: piece.first!.start, end: piece.last!.end, kind: kind))
            }
        }
        return spans
    }
}
