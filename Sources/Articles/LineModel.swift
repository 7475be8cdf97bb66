import BundledFiles
import Foundation
import SequenceModels

/// The trained line model: a linear-chain CRF over a page's non-blank lines that tells the
/// article's body lines and its headline from the page around them, given the wording rules'
/// judgement of each line as one of its features.
public struct LineModel: Sendable {
    /// The labels, in the model's order.
    public static let labelNames = ["body", "title", "other"]
    static let body = 0
    static let title = 1
    static let other = 2

    public let model: SequenceModel
    /// A digest of the model's file bytes: two models that read pages differently differ in it.
    public let digest: UInt64

    public init(model: SequenceModel) {
        precondition(model.labelCount == Self.labelNames.count, "a line model has three labels")
        self.model = model
        digest = Self.digest(of: model.serialized(precision: .float32))
    }

    /// The model in a file's bytes (see `serialized`).
    public init(data: Data) throws {
        let model = try SequenceModel(data: data)
        guard model.labelCount == Self.labelNames.count else {
            throw FormatError(reason: "\(model.labelCount) labels, not the line model's 3")
        }
        self.model = model
        digest = Self.digest(of: data)
    }

    /// FNV-1a over the bytes.
    static func digest(of data: Data) -> UInt64 {
        data.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    public struct FormatError: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { "not a line model: \(reason)" }
    }

    /// The file's bytes.
    public func serialized() -> Data { model.serialized(precision: .float32) }

    /// The model that ships with kabar.
    public static let file = BundledFile(name: "lines.model", purpose: "line model", in: .module)
    public static var bundledFiles: [BundledFile] { [file] }
    private static let bundledLoad = file.load({ try LineModel(data: $0) }, isEmpty: { $0.model.keys.isEmpty })
    /// The shipped model, read once on first use; nil when it is missing or damaged.
    public static var bundled: LineModel? { try? bundledLoad.get() }
    /// What is wrong with the shipped model, if anything.
    public static var loadProblems: [BundledFile.Problem] { [bundledLoad.problem].compactMap { $0 } }

    /// How the shipped model is trained: a CRF by averaged stochastic gradient descent with an L2
    /// penalty (chosen by leave-one-outlet-out cross-validation).
    public static let trainingOptions = SequenceTrainer.Options(
        objective: .crf, epochs: 80, l2: 1, learningRate: 0.1, margin: 0, optimizer: .averagedSGD)

    // MARK: - Reading a page

    /// The model's reading of a page's lines.
    struct Reading {
        /// Indices (into the page's lines) of the non-blank lines the model read.
        var indices: [Int]
        var shapes: [LineShape]
        /// Each read line's label.
        var labels: [Int]
        /// The probability of each read line's label.
        var confidences: [Float]
        /// The position (among the read lines) of the headline, if the model finds one.
        var title: Int?
    }

    /// The non-blank lines of a page labelled by the rules, their shapes and their features.
    static func sequence(of lines: [LabelledLine], evidence: PageEvidence? = nil) -> (
        indices: [Int], shapes: [LineShape], features: FeatureSequence
    ) {
        var indices: [Int] = []
        var shapes: [LineShape] = []
        var kinds: [LineKind] = []
        for (i, line) in lines.enumerated() where line.kind != .blank {
            let shape = LineShape(line.text[...])
            guard shape.characters > 0 else { continue }
            indices.append(i)
            shapes.append(shape)
            kinds.append(line.kind)
        }
        let counts = evidence.map { evidence in indices.map { evidence.templateCounts[$0] } }
        return (indices, shapes, LineFeatures.features(shapes: shapes, kinds: kinds, evidence: counts))
    }

    func read(_ lines: [LabelledLine], evidence: PageEvidence? = nil) -> Reading {
        let (indices, shapes, features) = Self.sequence(of: lines, evidence: evidence)
        guard !indices.isEmpty else { return Reading(indices: [], shapes: [], labels: [], confidences: [], title: nil) }
        let decoding = model.decode(features)
        var labels = decoding.labels
        let bodyChances = decoding.marginals.map { $0[Self.body] }
        var confidences = indices.indices.map { Float(decoding.marginals[$0][labels[$0]]) }
        if !labels.contains(Self.body), let top = bodyChances.max() {
            // No line read as body: take the lines nearly as likely as the likeliest.
            for j in labels.indices where bodyChances[j] >= 0.5 * top && bodyChances[j] > 0.02 {
                labels[j] = Self.body
                confidences[j] = Float(bodyChances[j])
            }
        }
        var title: Int?
        var best = 0.05
        // A headline shares the lede's names and matter: the words of the model's first three body
        // lines weigh in beside its judgement (a teaser for another story shares none).
        let lede = LineFeatures.ledeWords(
            shapes, lines: labels.indices.lazy.filter { labels[$0] == Self.body }.prefix(3))
        var bestScore = 0.0
        // A headline is a line of 1 to 30 words above the article's first line that the rules did
        // not read as a date, a page header run together, a caption or the scraper's record.
        let firstBody = labels.firstIndex(of: Self.body) ?? labels.count
        for j in labels.indices
        where decoding.marginals[j][Self.title] > best && shapes[j].words <= 30 && j < firstBody
            && !Self.notTitles.contains(lines[indices[j]].kind)
        {
            let score =
                decoding.marginals[j][Self.title] + Self.ledeWeight
                * (LineFeatures.ledeShare(shapes[j].wordHashes, lede: lede) ?? 0)
            // (The wording of a line is read only when it would win.)
            if score > bestScore, !Self.cannotBeHeadline(shapes[j], first: j == 0) {
                bestScore = score
                title = j
            }
        }
        if title == nil, firstBody < labels.count {
            title = Self.headlineSharingLede(
                shapes: shapes, kinds: indices.map { lines[$0].kind }, lede: lede, firstBody: firstBody)
        }
        return Reading(indices: indices, shapes: shapes, labels: labels, confidences: confidences, title: title)
    }

    /// The headline where the model doubts every line: the line of 3 to 30 words just above the
    /// article's first line (`firstBody`) that shares most of the lede's words, if it shares many,
    /// and reads as no other kind of line.
    static func headlineSharingLede(shapes: [LineShape], kinds: [LineKind], lede: [UInt64], firstBody: Int) -> Int? {
        var title: Int?
        var bestShare = fallbackLedeShare
        for j in max(0, firstBody - fallbackReach)..<firstBody
        where (3...30).contains(shapes[j].words) && !notTitles.contains(kinds[j]) {
            let share = LineFeatures.ledeShare(shapes[j].wordHashes, lede: lede) ?? 0
            if share > bestShare, !cannotBeHeadline(shapes[j], first: j == 0) {
                bestShare = share
                title = j
            }
        }
        return title
    }

    /// How far above the article's first line, in read lines, a headline the model doubts may lie.
    static let fallbackReach = 8
    /// How much of the lede's words such a headline must share.
    static let fallbackLedeShare = 0.4

    /// Kinds of line the rules read that are never the headline.
    static let notTitles: Set<LineKind> = [
        .dateLine, .header, .caption, .picture, .embed, .metadata, .promo, .advert, .relatedLink, .relatedHeader,
        .credit, .copyright, .signOff,
    ]

    /// How much a candidate headline's share of the lede's words adds to the model's judgement.
    static let ledeWeight = 0.5

    // MARK: - Training

    /// The words of share buttons.
    static let shareButtons: Set<String> = [
        "share", "shares", "tweet", "whatsapp", "telegram", "facebook", "twitter", "line", "email", "komentar",
        "comment", "comments", "bagikan", "pinterest", "linkedin", "copy", "link", "salin", "tautan", "x",
    ]

    /// A line no headline looks like: a breadcrumb or a menu (`Home » Berita » …`, `Kanal / Berita`,
    /// `Kebijakan / Policies`),
    /// a picture's caption with its credit (`… (c) AP Photo`, `Foto: …`, `… [suara.com/Nama]`), a
    /// byline or date line with a date, a row of share buttons or a hashtag menu, a sentence with its
    /// full stop (unless it is the page's `first` line), or a few words all in capitals (a section's
    /// name).
    static func cannotBeHeadline(_ shape: LineShape, first: Bool = false) -> Bool {
        let text = shape.text
        if text.containsBytes("\u{BB}") || text.containsBytes("\u{203A}") { return true }
        // A breadcrumb of three parts or more, or two of a word or two each (`Kebijakan / Policies`).
        let parts = text.containsBytes(" / ") ? text.components(separatedBy: " / ") : [String(text)]
        if parts.count >= 3 || (parts.count == 2 && parts.allSatisfy { $0.split(separator: " ").count <= 2 }) {
            return true
        }
        // (A scraper's record opens with its headline, full stop and all.)
        if !first, text.hasSuffix("."), !text.hasSuffix("..") { return true }
        // A deck or caption, a sentence of eight words or more with its credit after it:
        // `… rambut berwarna pink. Nama Fotografer`.
        let whole = String(text)
        if let stop = whole.lastByteRange(of: ". ") {
            let tail = whole[stop.upperBound...].split(separator: " ")
            if (1...3).contains(tail.count), tail.allSatisfy({ $0.first?.isUppercase == true }),
                whole[..<stop.lowerBound].split(separator: " ").count >= 8,
                let last = text.last, last.isLetter
            {
                return true
            }
        }
        if shape.words <= 4, text.contains(where: \.isLetter), !text.contains(where: \.isLowercase) { return true }
        if text.hasSuffix("]"), let open = text.lastIndex(of: "["), text[open...].contains("/") { return true }
        // A picture's caption with its credit after a double dash: `… penghasil uang.--Gemini AI`.
        if let dashes = text.range(of: "--", options: .backwards),
            text[dashes.upperBound...].split(separator: " ").count <= 3,
            text[..<dashes.lowerBound].split(separator: " ").count >= 4
        {
            return true
        }
        let lower = text.lowercased()
        if ["(c)", "\u{A9}", "foto:", "photo:", "sumber:", "getty images"].contains(where: { lower.containsBytes($0) })
            || lower.containsWord("photo")
        {
            return true
        }
        if let (_, isOpeningStamp) = ArticleExtractor.dateEvidence(in: String(text)), !isOpeningStamp { return true }
        // A row of share buttons and their counts (`Share 0 Tweet 0 Whatsapp 0 …`), or a hashtag menu.
        if text.hasPrefix("#") { return true }
        let words = lower.split(separator: " ")
        let buttons = words.count { word in
            word.allSatisfy(\.isNumber) || shareButtons.contains(String(word.filter(\.isLetter)))
        }
        if words.count >= 4, buttons * 10 >= words.count * 7 { return true }
        return false
    }

    /// Each read line's gold label: body for the gold body lines; title for the line that reads as
    /// the gold headline (the last one before the body, else the first); other for the rest.
    static func goldLabels(lines indices: [Int], shapes: [LineShape], label: GoldLabel) -> [Int] {
        let body = Set(label.bodyLines)
        var labels = indices.map { body.contains($0 + 1) ? Self.body : Self.other }
        if let title = label.title.map(GoldLabel.normalised), !title.isEmpty {
            let texts = shapes.map { GoldLabel.normalised(String($0.text)) }
            let free = labels.indices.filter { labels[$0] == Self.other }
            var candidates = free.filter { texts[$0] == title }
            if candidates.isEmpty { candidates = free.filter { texts[$0].hasPrefix(title) } }
            let firstBody = labels.firstIndex(of: Self.body) ?? labels.count
            if let chosen = candidates.last(where: { $0 < firstBody }) ?? candidates.first {
                labels[chosen] = Self.title
            }
        }
        return labels
    }

    /// The labelled sequence of one page, its lines judged first by the rules alone.
    public static func trainingSequence(for page: GoldPage, outlets: OutletDirectory = .bundled) -> LabelledSequence {
        let rules = ArticleExtractor(outlets: outlets, lineModel: nil).extract(page.text)
        let (indices, shapes, features) = sequence(of: rules.lines)
        return LabelledSequence(
            features: features, labels: goldLabels(lines: indices, shapes: shapes, label: page.label))
    }

    /// Trains a model on the labelled sequences of `trainingSequence(for:)`.
    public static func train(
        _ sequences: [LabelledSequence], options: SequenceTrainer.Options = trainingOptions,
        progress: (Int) -> Void = { _ in }
    ) -> LineModel {
        let model = SequenceTrainer.train(
            sequences, labelCount: labelNames.count, options: options, progress: { _, epoch in progress(epoch) })
        return LineModel(
            model: SequenceModel(
                mask: model.mask, transitions: model.transitions,
                rows: model.keys.enumerated().map { row, key in
                    (key: key, weights: Array(model.weights[(row * 3)..<(row * 3 + 3)]))
                }, labelNames: labelNames))
    }
}

/// A page with its gold key, to learn from or to be scored on.
public struct GoldPage: Sendable {
    /// The file's name, for reports.
    public var name: String
    /// The group the page is held out with in cross-validation: its outlet.
    public var group: String
    /// The page's normalised text (see `ArticleText.decode`).
    public var text: String
    public var label: GoldLabel

    public init(name: String, group: String, text: String, label: GoldLabel) {
        self.name = name
        self.group = group
        self.text = text
        self.label = label
    }
}

/// A page's gold key: outlet, headline, publication date and body lines (1-based).
public struct GoldLabel: Codable, Sendable, Hashable {
    public var outlet: String?
    public var title: String?
    public var published: String?
    public var bodyLines: [Int]

    enum CodingKeys: String, CodingKey {
        case outlet, title, published
        case bodyLines = "body_lines"
    }

    public init(outlet: String?, title: String?, published: String?, bodyLines: [Int]) {
        self.outlet = outlet
        self.title = title
        self.published = published
        self.bodyLines = bodyLines
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        outlet = try container.decodeIfPresent(String.self, forKey: .outlet)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        published = try container.decodeIfPresent(String.self, forKey: .published)
        bodyLines = try container.decodeIfPresent([Int].self, forKey: .bodyLines) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(outlet, forKey: .outlet)
        try container.encode(title, forKey: .title)
        try container.encode(published, forKey: .published)
        try container.encode(bodyLines, forKey: .bodyLines)
    }

    /// A headline as compared: compatibility forms, curly quotes and dashes made plain, zero-width
    /// characters removed, spaces collapsed, case folded.
    public static func normalised(_ text: String) -> String {
        var text = text.precomposedStringWithCompatibilityMapping
        for (from, to) in [
            ("\u{201C}", "\""), ("\u{201D}", "\""), ("\u{2018}", "'"), ("\u{2019}", "'"), ("\u{2013}", "-"),
            ("\u{2014}", "-"), ("\u{200B}", ""), ("\u{200E}", ""),
        ] where text.contains(from) {
            text = text.replacingOccurrences(of: from, with: to)
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }
}

/// Line-level scores of extraction against gold keys: body-line precision, recall and F1, and how
/// many titles, dates and outlets are right.
public struct ExtractionScore: Sendable, Hashable {
    public var pages = 0
    public var rightBodyLines = 0
    public var foundBodyLines = 0
    public var goldBodyLines = 0
    public var rightTitles = 0
    public var rightDates = 0
    public var rightOutlets = 0

    public init() {}

    /// Adds one page: what the extractor made of it against its key.
    public mutating func add(_ article: ExtractedArticle, gold: GoldLabel) {
        let found = Set(article.bodyLineNumbers)
        let expected = Set(gold.bodyLines)
        pages += 1
        rightBodyLines += found.intersection(expected).count
        foundBodyLines += found.count
        goldBodyLines += expected.count
        rightTitles += article.title.map(GoldLabel.normalised) == gold.title.map(GoldLabel.normalised) ? 1 : 0
        rightDates += article.published?.iso == gold.published ? 1 : 0
        rightOutlets += article.namedOutlet == gold.outlet ? 1 : 0
    }

    public mutating func add(_ other: ExtractionScore) {
        pages += other.pages
        rightBodyLines += other.rightBodyLines
        foundBodyLines += other.foundBodyLines
        goldBodyLines += other.goldBodyLines
        rightTitles += other.rightTitles
        rightDates += other.rightDates
        rightOutlets += other.rightOutlets
    }

    public var precision: Double { foundBodyLines > 0 ? Double(rightBodyLines) / Double(foundBodyLines) : 0 }
    public var recall: Double { goldBodyLines > 0 ? Double(rightBodyLines) / Double(goldBodyLines) : 0 }
    public var f1: Double { precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }
    public var titleShare: Double { pages > 0 ? Double(rightTitles) / Double(pages) : 0 }
    public var dateShare: Double { pages > 0 ? Double(rightDates) / Double(pages) : 0 }
    public var outletShare: Double { pages > 0 ? Double(rightOutlets) / Double(pages) : 0 }
}

extension LineModel {
    /// Leave-one-group-out cross-validation: for each group, a model trained on the other groups'
    /// pages extracts that group's pages. The scores per group, in the groups' sorted order.
    public static func crossValidate(
        _ pages: [GoldPage], outlets: OutletDirectory = .bundled, options: SequenceTrainer.Options = trainingOptions,
        progress: (String) -> Void = { _ in }, read: (GoldPage, ExtractedArticle) -> Void = { _, _ in }
    ) -> [(group: String, score: ExtractionScore)] {
        let sequences = pages.map { trainingSequence(for: $0, outlets: outlets) }
        let groups = Set(pages.map(\.group)).sorted()
        return groups.map { group in
            progress(group)
            let training = pages.indices.filter { pages[$0].group != group }.map { sequences[$0] }
            let model = train(training, options: options)
            let extractor = ArticleExtractor(outlets: outlets, lineModel: model)
            var score = ExtractionScore()
            for page in pages where page.group == group {
                // Read as `kabar extract` reads a file: its name is among the outlet's clues.
                let article = extractor.extract(page.text, path: page.name)
                read(page, article)
                score.add(article, gold: page.label)
            }
            return (group, score)
        }
    }
}
