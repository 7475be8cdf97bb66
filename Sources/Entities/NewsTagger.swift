import BundledFiles
import Foundation

/// Finds people, organisations and places with the trained tagger model.
public struct NewsTagger: EntityRecognizer {
    public let model: TaggerModel

    public init(model: TaggerModel) {
        self.model = model
    }

    /// The trained model that ships with kabar.
    public static let modelFile = BundledFile(name: "ner.model", purpose: "entity model", in: .module)

    /// The names whose kind is fixed (see `knownNames`), shipped beside the model.
    public static let knownNamesFile = BundledFile(name: "known-names.tsv", purpose: "list of known names", in: .module)

    /// The files the tagger ships with.
    public static var bundledFiles: [BundledFile] { [modelFile, knownNamesFile] }

    /// The tagger with the model in `file`, or why it cannot be had.
    public static func load(_ file: BundledFile) -> Result<NewsTagger, BundledFile.Problem> {
        file.load({ NewsTagger(model: try TaggerModel(data: $0)) }, isEmpty: { _ in false })
    }

    private static let bundledLoad = load(modelFile)

    /// The model that ships with kabar, read once; nil when it is missing or damaged (`loadProblems`
    /// says which).
    public static var bundled: NewsTagger? { try? bundledLoad.get() }

    /// The trained tagger; without its model a recogniser that finds nothing. A missing model is a
    /// broken installation, which the program reports from `loadProblems`.
    public static var standard: any EntityRecognizer { bundled ?? NoEntitiesFound() }

    /// What is wrong with the tagger's bundled files, each read (once) to find out.
    public static var loadProblems: [BundledFile.Problem] {
        [bundledLoad.problem, knownNamesLoad.problem].compactMap { $0 }
    }

    /// Offices that stand before a country and its office holder: `Presiden Rusia Vladimir Putin`.
    static let titles: Set<String> = [
        "presiden", "wapres", "menteri", "menlu", "menhan", "pm", "perdana", "raja", "ratu", "kanselir",
        "pemimpin", "sekjen", "dubes", "duta", "gubernur", "wali", "bupati", "president", "minister",
    ]

    /// Forms of address that stand before a name without being part of it: `Tuan Kim`.
    static let honorifics: Set<String> = [
        "tuan", "nyonya", "nona", "ny", "ny.", "bapak", "pak", "ibu", "bu", "mr", "mr.", "mrs", "mrs.", "ms", "ms.",
    ]

    /// Whether the model reads a word as a place where a sentence puts it after `di` ("in").
    func isPlace(_ word: String) -> Bool {
        model.tags(for: ["di", word]) == [.outside, .beginPlace]
    }

    public func tags(for tokens: [String]) -> [EntityTag] {
        model.tags(for: tokens)
    }

    /// Names whose kind a reader should always see the same way, shipped as data (one
    /// `KIND<TAB>name` per line): institutions the news names by their buildings or seats
    /// (`Gedung Putih menyebut …`: the White House, speaking), which a tagger trained on place names
    /// reads as places, and countries, places also where a sentence makes one act.
    /// The kind counted most often, the first of `EntityKind.allCases` among equals, so that a tie
    /// is broken the same way in every run (a dictionary's order changes from run to run).
    static func likeliest(_ counts: [EntityKind: Int]) -> (kind: EntityKind, count: Int)? {
        var best: (kind: EntityKind, count: Int)?
        for kind in EntityKind.allCases {
            guard let count = counts[kind], count > (best?.count ?? 0) else { continue }
            best = (kind, count)
        }
        return best
    }

    public static let knownNames: [String: EntityKind] = (try? knownNamesLoad.get()) ?? [:]

    private static let knownNamesLoad = loadKnownNames(knownNamesFile)

    /// The names listed in `file`, or why they cannot be had (a file with no name is empty).
    static func loadKnownNames(_ file: BundledFile) -> Result<[String: EntityKind], BundledFile.Problem> {
        file.load({ parseKnownNames(String(decoding: $0, as: UTF8.self)) }, isEmpty: \.isEmpty)
    }

    static func parseKnownNames(_ text: String) -> [String: EntityKind] {
        var names: [String: EntityKind] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2, let kind = EntityKind(rawValue: String(fields[0])) else { continue }
            let name = NewsTokenizer.tokens(in: String(fields[1])).map(\.text).joined(separator: " ")
            if !name.isEmpty { names[name] = kind }
        }
        return names
    }

    /// The kind the training sentences gave a name, when they gave it one kind only and tagged it
    /// at least half the times they had it.
    func trainedKind(of tokens: ArraySlice<TextToken>) -> EntityKind? {
        guard let entry = model.lexicon.names.entry(of: tokens.lazy.map(\.text)), entry >> 3 >= 2 else { return nil }
        switch entry & 7 {
        case 1: return .person
        case 2: return .organization
        case 4: return .place
        default: return nil
        }
    }

    static func isCapitalised(_ token: TextToken) -> Bool {
        guard let first = token.text.unicodeScalars.first else { return false }
        return first.isASCII ? ("A"..."Z").contains(first) : first.properties.isUppercase
    }

    /// The entities of a whole text, for reading it: the tagger's sentence-by-sentence findings made
    /// consistent across the text. A name keeps the kind most of its mentions have; a run that
    /// strings together names the text uses on their own elsewhere (`Presiden Rusia Vladimir Putin`,
    /// a headline's `Korea Utara Kim`) is cut into those names; a capitalised mention the tagger
    /// left out is still found when the text names it elsewhere, when it is one of `knownNames`, or
    /// when the training sentences knew it as one kind of name (`Amerika Serikat` as the subject of a
    /// sentence, which the news annotation leaves untagged, is still a place to a reader).
    public func entities(in text: String) -> [EntitySpan] {
        entities(in: text, sentences: NewsTokenizer.sentences(in: text))
    }

    public func entities(in text: String, sentences: [[TextToken]]) -> [EntitySpan] {
        let cache = WordCache.current(for: model)
        var found: [(sentence: Int, tokens: ArraySlice<TextToken>, kind: EntityKind, previous: String)] = []
        for (index, sentence) in sentences.enumerated() {
            let tags = model.tags(for: sentence.map { $0.text }, cache: cache)
            for chunk in EntityChunk.chunks(of: tags) {
                let previous = chunk.start > 0 ? sentence[chunk.start - 1].text.lowercased() : ""
                found.append((index, sentence[chunk.start..<chunk.end], chunk.kind, previous))
            }
        }
        func name(_ tokens: ArraySlice<TextToken>) -> String { tokens.map(\.text).joined(separator: " ") }
        var kindsByName: [String: [EntityKind: Int]] = [:]
        // The same counts by spelling-folded name (`Kim Jong-un` and `Kim Jong Un` are one name).
        var kindsByFolded: [[String]: [EntityKind: Int]] = [:]
        for entity in found {
            kindsByName[name(entity.tokens), default: [:]][entity.kind, default: 0] += 1
            kindsByFolded[EntityDirectory.normalisedWords(name(entity.tokens)), default: [:]][
                entity.kind, default: 0] += 1
        }

        func majority(_ name: String, otherwise kind: EntityKind) -> EntityKind {
            if let known = Self.knownNames[name] { return known }
            guard let counts = kindsByName[name], let (best, count) = Self.likeliest(counts),
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

        var pieces: [(sentence: Int, tokens: ArraySlice<TextToken>, kind: EntityKind)] = []
        for entity in found {
            var tokens = entity.tokens
            // A headline in title case runs the next word into a name the text uses on its own
            // (`Vladimir Putin Jamin Musuh`): a word running text seldom capitalises ends the name.
            if tokens.count >= 2, kindsByName[name(tokens.dropLast())] != nil,
                (1...2).contains(model.lexicon.cases.bucket(ofLowered: tokens.last!.text.lowercased()))
            {
                tokens = tokens.dropLast()
            }
            var cut: [(ArraySlice<TextToken>, EntityKind)] = []
            if tokens.count >= 2 {
                // Names the text uses on their own, strung together: cut into them.
                var i = tokens.startIndex
                var known: [(ArraySlice<TextToken>, EntityKind)] = []
                while i < tokens.endIndex, let j = knownName(in: tokens, from: i) {
                    known.append((tokens[i..<j], majority(name(tokens[i..<j]), otherwise: entity.kind)))
                    i = j
                }
                if i == tokens.endIndex && known.count >= 2 {
                    cut = known
                } else if entity.kind == .person, let first = known.first, first.1 != .person,
                    tokens.endIndex - first.0.endIndex >= 2
                {
                    // A place or organisation before a person's full name: `Sekjen NATO Jens Stoltenberg`.
                    cut = [first, (tokens[first.0.endIndex...], .person)]
                }
            }
            if cut.isEmpty, entity.kind == .person, tokens.count >= 3, Self.titles.contains(entity.previous),
                isPlace(tokens.first!.text)
            {
                // `Presiden Rusia Vladimir Putin` where the text names Rusia nowhere else.
                cut = [(tokens.prefix(1), .place), (tokens.dropFirst(), .person)]
            }
            if cut.isEmpty { cut = [(tokens, majority(name(tokens), otherwise: entity.kind))] }
            cut = cut.map { piece, kind in
                guard kind == .person, piece.count >= 2, Self.honorifics.contains(piece.first!.text.lowercased())
                else { return (piece, kind) }
                return (piece.dropFirst(), kind)
            }
            for (piece, kind) in cut { pieces.append((entity.sentence, piece, kind)) }
        }

        // Capitalised mentions the tagger left out.
        var covered = sentences.map { [Bool](repeating: false, count: $0.count) }
        for piece in pieces { for i in piece.tokens.indices { covered[piece.sentence][i] = true } }
        for (index, sentence) in sentences.enumerated() {
            var i = 0
            while i < sentence.count {
                var runEnd = i
                while runEnd < sentence.count, runEnd - i < Gazetteer.longest, !covered[index][runEnd],
                    Self.isCapitalised(sentence[runEnd])
                {
                    runEnd += 1
                }
                var matched = false
                for end in stride(from: runEnd, to: i, by: -1) {
                    let tokens = sentence[i..<end]
                    let words = name(tokens)
                    let kind =
                        Self.knownNames[words] ?? kindsByFolded[EntityDirectory.normalisedWords(words)].flatMap {
                            counts in Self.likeliest(counts)?.kind
                        } ?? trainedKind(of: tokens)
                    if let kind {
                        pieces.append((index, tokens, kind))
                        matched = true
                        // An office, its country, then the office holder: `Pemimpin Korea Utara Kim Jong-un`.
                        if kind == .place, i > 0, Self.titles.contains(sentence[i - 1].text.lowercased()),
                            runEnd - end >= 2
                        {
                            pieces.append((index, sentence[end..<runEnd], .person))
                            i = runEnd
                        } else {
                            i = end
                        }
                        break
                    }
                }
                if !matched { i += 1 }
            }
        }
        return pieces.map { EntitySpan(start: $0.tokens.first!.start, end: $0.tokens.last!.end, kind: $0.kind) }
            .sorted { $0.start < $1.start }
    }
}

/// What stands for the tagger when its model is missing: it finds nothing.
struct NoEntitiesFound: EntityRecognizer {
    func entities(in text: String) -> [EntitySpan] { [] }
}
