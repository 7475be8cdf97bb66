import Foundation

/// What story grouping knows of an article: its most telling words, weighted (TF-IDF of the title,
/// the lead and the rest of the body, the title counting most), and the days its title names
/// (`Harga Emas Hari Ini 13 Juni` is not the same story as the 14 June one).
public struct StoryFeatures: Hashable, Sendable {
    /// Word hashes in ascending order, with their weights (the vector has unit length).
    public var words: [UInt32]
    public var weights: [Float]
    /// Days the title names, as `month * 32 + day`, ascending.
    public var titleDays: [UInt16]
    /// The day the article was published, as `month * 32 + day`; 0 when not known.
    public var publishedDay: UInt16 = 0
    /// A hash of the outlet's name; 0 when not known.
    public var outlet: UInt32 = 0
    /// Which of `words` are the `leadingCount` weightiest, as bits (bit i for `words[i]`): the
    /// words by which other articles of its story are found.
    public var leading: UInt32 = 0
    public static let leadingCount = 6
    /// The title's rarest words that name people and places (names news rarely mention),
    /// ascending: `Lewotobi`, `Ghazali`; not the acronym of a bill or a body that a day's many
    /// reports of different happenings share.
    public var titleAnchors: [UInt32] = []
    /// Rarity from which a title word is an anchor: used by a handful of the reference articles.
    static let anchorRarity: Float = 6.5
    /// The figures the title gives of a measure that tells one happening from another of its kind
    /// (`Divonis 3 Tahun`, `ke Level 7.107`, `Pukul 21.30`): the measure in the top byte, a hash of
    /// the number below; ascending.
    public var titleFigures: [UInt32] = []

    /// Words kept per article: enough to compare two articles' subjects, few enough to store.
    public static let wordLimit = 32
    /// The weight of a word's use in the title, in the lead (the first three paragraphs) and
    /// further down; a word used less than once in all (once in the body alone) does not count.
    static let titleUse: Float = 2
    static let leadUse: Float = 1
    static let bodyUse: Float = 0.25
    static let leadParagraphs = 3
    /// Words commoner than this (`yang`, `dan`, `mengatakan`) say nothing of the subject.
    static let minimumRarity: Float = 1.5

    public init(words: [UInt32], weights: [Float], titleDays: [UInt16], publishedDay: UInt16 = 0) {
        self.words = words
        self.weights = weights
        self.titleDays = titleDays
        self.publishedDay = publishedDay
        leading = Self.leadingMask(weights)
    }

    /// The bits of the `leadingCount` greatest weights (ties to the earlier word).
    static func leadingMask(_ weights: [Float]) -> UInt32 {
        let order = weights.indices.sorted { weights[$0] != weights[$1] ? weights[$0] > weights[$1] : $0 < $1 }
        return order.prefix(leadingCount).reduce(UInt32(0)) { $0 | (1 << UInt32($1)) }
    }

    /// The features of an article; `published` is its publication day (month, day) when known;
    /// `names` the people and places the entity tagger finds in the body, whose words alone can be
    /// anchors (nil: any word the body writes capitalised can).
    public init(
        title: String?, body: String, published: (month: Int, day: Int)? = nil, outlet: String? = nil,
        names: [String]? = nil, rarity: WordRarity = .standard
    ) {
        var uses: [UInt32: Float] = [:]
        if let title { for word in Self.words(of: title) { uses[word, default: 0] += Self.titleUse } }
        // Paragraphs of a few words (captions, datelines) are not the lead.
        var paragraph = 0
        // Split on the newline byte: splitting the String would walk its characters.
        for line in body.utf8.split(separator: UInt8(ascii: "\n")) {
            let words = Self.words(of: Substring(line))
            let use = paragraph < Self.leadParagraphs ? Self.leadUse : Self.bodyUse
            if words.count >= 6 { paragraph += 1 }
            for word in words { uses[word, default: 0] += use }
        }
        var weighted: [(UInt32, Float)] = []
        for (word, use) in uses where use >= 1 {
            let rarity = rarity.weight(of: word)
            guard rarity > Self.minimumRarity else { continue }
            weighted.append((word, (1 + log(use)) * rarity))
        }
        weighted.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        weighted = Array(weighted.prefix(Self.wordLimit)).sorted { $0.0 < $1.0 }
        let norm = weighted.reduce(Float(0)) { $0 + $1.1 * $1.1 }.squareRoot()
        words = weighted.map(\.0)
        weights = weighted.map { norm > 0 ? $0.1 / norm : 0 }
        leading = Self.leadingMask(weights)
        titleDays = title.map(Self.days(namedIn:)) ?? []
        titleAnchors = title.map { Self.anchors(title: $0, body: body, names: names, rarity: rarity) } ?? []
        titleFigures = title.map(Self.figures(namedIn:)) ?? []
        publishedDay = published.map { UInt16($0.month * 32 + $0.day) } ?? 0
        self.outlet = Self.hash(outlet: outlet)
    }

    /// The `leadingCount` words of greatest weight (all of them when there are fewer).
    public var leadingWords: [UInt32] {
        words.indices.compactMap { leading & (1 << UInt32($0)) != 0 ? words[$0] : nil }
    }

    /// The cosine similarity of the two articles' word vectors, 0 to 1.
    public func similarity(to other: StoryFeatures) -> Float {
        var i = 0
        var j = 0
        var sum: Float = 0
        while i < words.count && j < other.words.count {
            if words[i] == other.words[j] {
                sum += weights[i] * other.weights[j]
                i += 1
                j += 1
            } else if words[i] < other.words[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return sum
    }

    /// Whether the two are reports of different days: their titles name days and none in common
    /// (two days' editions of a daily report), or one's title names days and the other was
    /// published neither on one of them nor the day after.
    public func namesOtherDays(than other: StoryFeatures) -> Bool {
        if !titleDays.isEmpty && !other.titleDays.isEmpty { return Set(titleDays).isDisjoint(with: other.titleDays) }
        func publishedApart(_ named: [UInt16], _ day: UInt16) -> Bool {
            // Day numbers of one month run 1…31 above month * 32; the day after the 31st is not
            // counted as the 1st of the next (rare enough not to matter).
            day != 0 && !named.isEmpty && !named.contains { day == $0 || day == $0 + 1 }
        }
        return publishedApart(titleDays, other.publishedDay) || publishedApart(other.titleDays, publishedDay)
    }

    /// Whether the two tell of different happenings whatever their words: other days
    /// (`namesOtherDays`) or other figures of one measure (`givesOtherFigures`).
    public func tellsOfOtherHappening(than other: StoryFeatures) -> Bool {
        namesOtherDays(than: other) || givesOtherFigures(than: other)
    }

    /// Whether the two titles give different figures of one measure and none in common: a
    /// sentence of 3 years and one of 16, the index's opening and closing level, a programme at
    /// 17.00 and another at 21.30 are different happenings, however alike the words around them.
    public func givesOtherFigures(than other: StoryFeatures) -> Bool {
        guard !titleFigures.isEmpty && !other.titleFigures.isEmpty else { return false }
        for measure in Set(titleFigures.map { $0 >> 24 }) {
            let mine = titleFigures.filter { $0 >> 24 == measure }
            let theirs = other.titleFigures.filter { $0 >> 24 == measure }
            if !theirs.isEmpty && Set(mine).isDisjoint(with: theirs) { return true }
        }
        return false
    }

    /// The measures whose figures tell happenings apart, by the word that names them: after the
    /// number (`3 Tahun`) or before it (`Level 7.107`, `Pukul 17.00`).
    static let measuresAfter = ["tahun": UInt32(1)]
    static let measuresBefore = ["level": UInt32(2), "pukul": UInt32(3)]

    /// The figures a title gives (see `titleFigures`). A number is read with `.`, `,` and `:`
    /// alike and without trailing zero decimals (`5,50` is `5,5`; `17.00` is `17`).
    static func figures(namedIn title: String) -> [UInt32] {
        // Most titles give no figure: in ASCII, one without a digit gives none.
        if title.utf8.allSatisfy({ $0 < 0x80 && !(0x30...0x39).contains($0) }) { return [] }
        let tokens = title.lowercased().split { !$0.isLetter && !$0.isNumber && !".,:".contains($0) }
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".,:")) }
        func number(_ token: String) -> String? {
            guard let first = token.first, first.isNumber, token.allSatisfy({ $0.isNumber || ".,:".contains($0) })
            else { return nil }
            var groups = token.split(whereSeparator: { ".,:".contains($0) }).map(String.init)
            if groups.count > 1 {
                var last = groups.removeLast()
                while last.hasSuffix("0") { last.removeLast() }
                if !last.isEmpty { groups.append(last) }
            }
            return groups.joined(separator: ".")
        }
        var figures = Set<UInt32>()
        for (index, token) in tokens.enumerated() {
            guard let value = number(token) else { continue }
            var measure: UInt32?
            if index + 1 < tokens.count { measure = measuresAfter[tokens[index + 1]] }
            if measure == nil, index > 0 { measure = measuresBefore[tokens[index - 1]] }
            guard let measure else { continue }
            let hash = value.utf8.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 }
            figures.insert(measure << 24 | hash & 0xFF_FFFF)
        }
        return figures.sorted()
    }

    /// The hashes of a text's words that can tell a subject: two letters or more, not numbers.
    public static func words(of text: some StringProtocol) -> [UInt32] {
        var result: [UInt32] = []
        Shingles.forEachWord(in: text) { hash, length, isNumber, _ in
            if length >= 2 && !isNumber { result.append(word(hash)) }
        }
        return result
    }

    /// A hash of an outlet's name (its words); 0 for none.
    static func hash(outlet: String?) -> UInt32 {
        guard let outlet else { return 0 }
        return words(of: outlet).reduce(UInt32(2_166_136_261)) { ($0 ^ $1) &* 16_777_619 }
    }

    static func word(_ hash: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: hash ^ (hash >> 32)) }

    /// The rare words of a title that the body writes as names: capitalised more often than not
    /// (`Lewotobi`, `Khamenei`; not `gamis` or `zodiak`, rare words of their own kind) and, when
    /// `names` are given, words of one of them (not `RKUHP`, a bill every party spoke of that day).
    static func anchors(title: String, body: String, names: [String]?, rarity: WordRarity) -> [UInt32] {
        var rare = Set(words(of: title).filter { rarity.weight(of: $0) >= anchorRarity })
        if let names, !rare.isEmpty { rare.formIntersection(names.flatMap { words(of: $0) }) }
        guard !rare.isEmpty else { return [] }
        var capitalised: [UInt32: Int] = [:]
        var lower: [UInt32: Int] = [:]
        Shingles.forEachWord(in: body) { hash, length, isNumber, isCapitalised in
            guard length >= 2, !isNumber else { return }
            let word = word(hash)
            guard rare.contains(word) else { return }
            if isCapitalised { capitalised[word, default: 0] += 1 } else { lower[word, default: 0] += 1 }
        }
        return rare.filter { (capitalised[$0] ?? 0) > (lower[$0] ?? 0) }.sorted()
    }

    static let months = [
        "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober",
        "november", "desember",
    ]

    /// The days a title names: `13 Juni`, `13 Juni 2025`, `(13/6)`, `13/6/2025`.
    static func days(namedIn title: String) -> [UInt16] {
        let tokens = title.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "/" }
        var days = Set<UInt16>()
        for (index, token) in tokens.enumerated() {
            let parts = token.split(separator: "/")
            if parts.count >= 2, let day = Int(parts[0]), let month = Int(parts[1]) {
                if (1...31).contains(day) && (1...12).contains(month) { days.insert(UInt16(month * 32 + day)) }
            } else if let day = Int(token), (1...31).contains(day), index + 1 < tokens.count,
                let month = months.firstIndex(of: String(tokens[index + 1]))
            {
                days.insert(UInt16((month + 1) * 32 + day))
            }
        }
        return days.sorted()
    }

    // MARK: - Storage

    /// The features as bytes for the index: counts, then words, weights, days and anchors, then
    /// the count of figures and the figures; little-endian.
    public func encoded() -> Data {
        var data = Data()
        data.reserveCapacity(
            16 + words.count * 8 + titleDays.count * 2 + titleAnchors.count * 4 + 2 + titleFigures.count * 4)
        func put<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
        }
        put(UInt16(words.count))
        put(UInt16(titleDays.count))
        put(publishedDay)
        put(UInt16(titleAnchors.count))
        put(outlet)
        put(leading)
        for word in words { put(word) }
        for weight in weights { put(weight.bitPattern) }
        for day in titleDays { put(day) }
        for anchor in titleAnchors { put(anchor) }
        put(UInt16(titleFigures.count))
        for figure in titleFigures { put(figure) }
        return data
    }

    /// Features read back from `encoded()`; nil when the bytes are not such.
    public init?(encoded data: Data) {
        guard let decoded = data.withUnsafeBytes({ StoryFeatures(encoded: $0) }) else { return nil }
        self = decoded
    }

    /// Features read back from the bytes of `encoded()` where they lie; nil when they are not such.
    public init?(encoded raw: UnsafeRawBufferPointer) {
        func u16(_ offset: Int) -> UInt16 {
            UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
        }
        func u32(_ offset: Int) -> UInt32 {
            UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        }
        guard raw.count >= 16 else { return nil }
        let wordCount = Int(u16(0))
        let dayCount = Int(u16(2))
        let anchorCount = Int(u16(6))
        let fixed = 16 + wordCount * 8 + dayCount * 2 + anchorCount * 4
        guard raw.count >= fixed + 2 else { return nil }
        let figureCount = Int(u16(fixed))
        guard raw.count == fixed + 2 + figureCount * 4 else { return nil }
        self.init(words: [], weights: [], titleDays: [], publishedDay: u16(4))
        outlet = u32(8)
        leading = u32(12)
        var offset = 16
        words = (0..<wordCount).map { u32(offset + 4 * $0) }
        offset += 4 * wordCount
        weights = (0..<wordCount).map { Float(bitPattern: u32(offset + 4 * $0)) }
        offset += 4 * wordCount
        titleDays = (0..<dayCount).map { u16(offset + 2 * $0) }
        offset += 2 * dayCount
        titleAnchors = (0..<anchorCount).map { u32(offset + 4 * $0) }
        offset += 4 * anchorCount + 2
        titleFigures = (0..<figureCount).map { u32(offset + 4 * $0) }
    }

    /// Features read back from the index: those of `encoded()`, or none (an article like no
    /// other) when the bytes are not such.
    public init(stored data: Data) {
        self = data.withUnsafeBytes { StoryFeatures(stored: $0) }
    }

    /// Features read back from the index where its bytes lie: those of `encoded()`, or none.
    public init(stored raw: UnsafeRawBufferPointer) {
        self = StoryFeatures(encoded: raw) ?? StoryFeatures(words: [], weights: [], titleDays: [])
    }

    /// Whether the two titles share an anchor: a name rare enough to mark one happening.
    public func sharesAnchor(with other: StoryFeatures) -> Bool {
        var i = 0
        var j = 0
        while i < titleAnchors.count && j < other.titleAnchors.count {
            if titleAnchors[i] == other.titleAnchors[j] { return true }
            if titleAnchors[i] < other.titleAnchors[j] { i += 1 } else { j += 1 }
        }
        return false
    }
}
