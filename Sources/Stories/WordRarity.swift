import BundledFiles
import Foundation

/// How rare each word is in news text: the number of articles of a reference corpus that use it,
/// by word hash, read from a shipped table. A word the table does not know is as rare as a word
/// seen once; an empty table makes every word equally rare.
public struct WordRarity: Sendable {
    /// Articles in the reference corpus.
    public let documents: Int
    /// Each word's count of articles, with its weight and share (`rarity(of:)`) reckoned once.
    private let rarities: WordTable<Rarity>
    private let unknown: Rarity

    /// A word's count of articles, its weight (`weight(of:)`) and the share of articles that use
    /// it, `e^-weight`.
    struct Rarity: Sendable {
        var count: UInt32
        var weight: Float
        var share: Float

        init(documents: Int, count: UInt32) {
            self.count = count
            weight = Float(log(Double(documents + 1) / Double(count + 1)))
            share = exp(-weight)
        }
    }

    public init(documents: Int, counts: [UInt32: UInt32]) {
        self.init(documents: documents, counts: counts.map { ($0.key, $0.value) })
    }

    private init(documents: Int, counts: [(word: UInt32, count: UInt32)]) {
        self.documents = documents
        unknown = Rarity(documents: documents, count: 1)
        var rarities = WordTable(minimumCapacity: counts.count, filler: unknown)
        for (word, count) in counts { rarities.set(word, to: Rarity(documents: documents, count: count)) }
        self.rarities = rarities
    }

    /// The inverse document frequency of a word: `ln((N + 1) / (df + 1))`, with an unknown word's
    /// `df` taken as 1.
    public func weight(of word: UInt32) -> Float { rarity(of: word).weight }

    /// A word's weight with its share of articles (`e^-weight`, about `df / N`).
    func rarity(of word: UInt32) -> Rarity { rarities[word] ?? unknown }

    public var isEmpty: Bool { rarities.count == 0 }

    // MARK: - The table file

    public static let file = BundledFile(name: "words.rarity", purpose: "story grouping's word table", in: .module)
    public static var bundledFiles: [BundledFile] { [file] }

    /// What is wrong with the shipped table, read as story grouping reads it.
    public static var loadProblems: [BundledFile.Problem] {
        if case .failure(let problem) = load(file) { return [problem] }
        return []
    }

    /// The shipped table, loaded on first use. When it cannot be read (`kabar doctor` says why),
    /// every word counts as a word of a few articles in a thousand: stories are still grouped, with
    /// common words weighing as much as names.
    public static let standard: WordRarity = (try? load(file).get()) ?? WordRarity(documents: 1000, counts: [:])

    public static func load(_ file: BundledFile) -> Result<WordRarity, BundledFile.Problem> {
        file.load({ try WordRarity(data: $0) }, isEmpty: \.isEmpty)
    }

    static let magic = Array("kabar-rarity 1\n".utf8)

    struct Damaged: Error, CustomStringConvertible {
        var description: String { "not a word table of this version" }
    }

    /// The table as bytes: a header line, the document count, then (word, count) pairs, all
    /// 32-bit little-endian, words in ascending order.
    public func encoded() -> Data {
        var data = Data(Self.magic)
        func put(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        put(UInt32(clamping: documents))
        for (word, rarity) in rarities.sorted {
            put(word)
            put(rarity.count)
        }
        return data
    }

    public init(data: Data) throws {
        let (documents, counts) = try Self.decoded(data)
        self.init(documents: documents, counts: counts)
    }

    private static func decoded(_ data: Data) throws -> (documents: Int, counts: [(word: UInt32, count: UInt32)]) {
        let bytes = [UInt8](data)
        guard bytes.starts(with: Self.magic), (bytes.count - Self.magic.count) % 8 == 4 else { throw Damaged() }
        func value(at offset: Int) -> UInt32 {
            UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
                | UInt32(bytes[offset + 3]) << 24
        }
        var offset = Self.magic.count
        let documents = Int(value(at: offset))
        offset += 4
        var counts: [(word: UInt32, count: UInt32)] = []
        counts.reserveCapacity((bytes.count - offset) / 8)
        while offset < bytes.count {
            counts.append((value(at: offset), value(at: offset + 4)))
            offset += 8
        }
        return (documents, counts)
    }

    /// Counts the articles that use each word, over a corpus. Words seen in a single article are
    /// left out (the table gives them that count anyway).
    public static func counting(_ articles: some Sequence<String>) -> WordRarity {
        var counts: [UInt32: UInt32] = [:]
        var documents = 0
        for text in articles {
            documents += 1
            for word in Set(StoryFeatures.words(of: text)) { counts[word, default: 0] += 1 }
        }
        return WordRarity(documents: documents, counts: counts.filter { $0.value > 1 })
    }
}
