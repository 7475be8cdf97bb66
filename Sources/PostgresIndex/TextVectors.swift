import Entities
import Library
import NIOCore
import Quotes
import Search

/// An article's words and names as PostgreSQL `tsvector` values, made with kabar's own word
/// folding (`SearchQuery.foldedWords`, as the SQLite index's tokenizer folds) so that both
/// backends see the same words; and the `tsquery` literals that search them.
///
/// - `words`: the title's words at positions 1… with weight A, then the body's after a gap (a
///   phrase does not run from the title into the body), and the stem of each word that is not
///   its own stem as a lexeme `~stem` without positions, so that a query word finds every form
///   of its stem (the stem itself, where it is a word of the article, by its own lexeme: a
///   word is most often its own stem, and its lexeme written twice made the word index half as
///   large again).
/// - `names`: each person, organisation and place named, each quote's speaker and each direct
///   quote's words, as `kind:word` lexemes, with a gap between names so that a phrase stays in one.
///
/// PostgreSQL keeps positions up to 16,383 and 256 of them per lexeme: a phrase past the
/// 16,383rd word of a very long article is not found there.
public enum TextVectors {
    static let maximumPosition = 16383

    /// The lexeme of a name's word of `kind` (`PER`, `ORG`, `LOC`, `SAID`, `QUOTE`).
    static func nameLexeme(_ kind: String, _ word: String) -> String { namePrefix(kind) + word }

    /// What a name's lexemes of `kind` start with.
    static func namePrefix(_ kind: String) -> String { kind.lowercased() + ":" }

    /// The lexeme of a stem.
    static func stemLexeme(_ stem: String) -> String { "~" + stem }

    /// A lexeme quoted for a `tsvector` or `tsquery` literal.
    static func quoted(_ lexeme: String) -> String {
        // Folded words hold neither a quote nor a backslash: nothing to escape in them.
        guard lexeme.utf8.contains(where: { $0 == 0x27 || $0 == 0x5C }) else { return "'" + lexeme + "'" }
        return "'" + lexeme.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// The words of an article.
    public static func words(title: String?, body: String, stemmer: Stemmer) -> TextVector {
        var stems = StemCache(stemmer: stemmer)
        return words(title: title, body: body, stems: &stems)
    }

    /// Stems of words seen before, kept for the next articles (a load's words repeat).
    public struct StemCache {
        let stemmer: Stemmer
        var known: [String: String] = [:]
        /// Words met since `takeForms()` whose stem differs from them, by stem.
        var forms: [String: Set<String>] = [:]

        public init(stemmer: Stemmer) { self.stemmer = stemmer }

        mutating func stem(_ word: String) -> String {
            if let stem = known[word] { return stem }
            if known.count > 200_000 { known.removeAll(keepingCapacity: true) }
            let stem = stemmer.stem(word)
            known[word] = stem
            if stem != word { forms[stem, default: []].insert(word) }
            return stem
        }

        /// The affixed words met since the last call, as (stem, word) pairs.
        mutating func takeForms() -> [(stem: String, word: String)] {
            defer { forms.removeAll(keepingCapacity: true) }
            return forms.flatMap { stem, words in words.map { (stem, $0) } }
        }
    }

    /// The words of an article, stems kept in `stems` for the next.
    public static func words(title: String?, body: String, stems cache: inout StemCache) -> TextVector {
        // Each word once, in the order first met, with its positions (the title's of weight A).
        var words = DistinctWords(capacity: 512)
        var positions: [[UInt16]] = []
        func add(_ word: String, _ position: UInt16) {
            let (index, inserted) = words.place(of: word, hash: DistinctWords.hash(word))
            if inserted {
                positions.append([position])
            } else {
                TextVector.append(position, to: &positions[index])
            }
        }
        var position = 0
        for word in SearchQuery.foldedWords(in: title ?? "") {
            position = min(position + 1, maximumPosition)
            add(word.word, UInt16(position) | TextVector.weightA)
        }
        position += 1
        for word in SearchQuery.foldedWords(in: body) {
            position = min(position + 1, maximumPosition)
            add(word.word, UInt16(position))
        }
        var entries: [TextVector.Entry] = []
        entries.reserveCapacity(words.count * 2)
        var stems = DistinctWords(capacity: words.count)
        for (index, word) in words.words.enumerated() {
            entries.append(TextVector.Entry(lexeme: word, positions: positions[index]))
            let stem = cache.stem(word)
            if stem != word, stems.insert(stem) {
                entries.append(TextVector.Entry(lexeme: stemLexeme(stem), positions: []))
            }
        }
        return TextVector(entries)
    }

    /// The names of an article: its entities, speakers and direct quotes' words.
    public static func names(body: String, entities: [EntitySpan], quotes: [Quote]) -> TextVector {
        let bytes = Array(body.utf8)
        var names: [(kind: String, text: String)] = []
        for span in entities where span.start >= 0 && span.end <= bytes.count && span.start < span.end {
            names.append((span.kind.rawValue, String(decoding: bytes[span.start..<span.end], as: UTF8.self)))
        }
        for quote in quotes {
            if let speaker = quote.speaker { names.append((SearchQuery.saidKind, speaker)) }
            if quote.kind == .direct { names.append((SearchQuery.quoteKind, quote.words(in: body))) }
        }
        var positions: [String: [UInt16]] = [:]
        var position = 0
        for name in names {
            let prefix = namePrefix(name.kind)
            for word in SearchQuery.foldedWords(in: name.text) {
                position = min(position + 1, maximumPosition)
                TextVector.append(UInt16(position), to: &positions[prefix + word.word, default: []])
            }
            position += 1
        }
        return TextVector(positions.map { TextVector.Entry(lexeme: $0.key, positions: $0.value) })
    }

    /// A phrase of lexemes as a `tsquery`: `'a' <-> 'b'`.
    static func phrase(_ lexemes: [String]) -> String {
        lexemes.count == 1 ? quoted(lexemes[0]) : "(" + lexemes.map(quoted).joined(separator: " <-> ") + ")"
    }
}

/// A `tsvector` made on this side and sent in PostgreSQL's binary form, so that the server need
/// not read it from text (reading a load's vectors from text took a third of the server's time).
public struct TextVector: Sendable, Equatable {
    /// A lexeme and its positions, each a word's place (1…16,383) with its weight in the top two
    /// bits, rising.
    public struct Entry: Sendable, Equatable {
        public var lexeme: String
        public var positions: [UInt16]

        public init(lexeme: String, positions: [UInt16]) {
            self.lexeme = lexeme
            self.positions = positions
        }
    }

    /// The lexemes in the server's order (by their bytes), each once.
    public private(set) var entries: [Entry]

    /// The weight of a title's words (`A`), in a position's top two bits.
    public static let weightA: UInt16 = 3 << 14
    /// A position's place, its bits below the weight's.
    static let placeBits: UInt16 = 0x3FFF
    /// Positions a lexeme keeps at most, as PostgreSQL does.
    static let positionsKept = 256
    /// The longest lexeme PostgreSQL takes, in bytes; longer ones are left out.
    static let longestLexeme = 2046

    /// The entries sorted and merged; lexemes the server cannot hold (empty, too long, with a
    /// NUL byte) left out.
    public init(_ entries: [Entry]) {
        // By their bytes: the first eight as a number (a shorter lexeme padded with zeros, which
        // none holds, comes first, as the server has it), the rest where those are the same.
        var keyed: [(key: UInt64, index: Int)] = []
        keyed.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            var key: UInt64 = 0
            var count = 0
            var holdsNul = false
            for byte in entry.lexeme.utf8 {
                if count < 8 { key = key << 8 | UInt64(byte) }
                count += 1
                holdsNul = holdsNul || byte == 0
            }
            guard count > 0, count <= Self.longestLexeme, !holdsNul else { continue }
            keyed.append((count >= 8 ? key : key << (8 * UInt64(8 - count)), index))
        }
        keyed.sort { $0.key < $1.key }
        // Lexemes whose first eight bytes are the same, by the rest.
        var start = 0
        while start < keyed.count {
            var end = start + 1
            while end < keyed.count && keyed[end].key == keyed[start].key { end += 1 }
            if end - start > 1 {
                keyed[start..<end].sort {
                    entries[$0.index].lexeme.utf8.lexicographicallyPrecedes(entries[$1.index].lexeme.utf8)
                }
            }
            start = end
        }
        var merged: [Entry] = []
        merged.reserveCapacity(keyed.count)
        for (_, index) in keyed {
            let entry = entries[index]
            if let last = merged.last, last.lexeme == entry.lexeme {
                var positions = last.positions
                for position in entry.positions { positions.append(position) }
                positions.sort { $0 & Self.placeBits < $1 & Self.placeBits }
                var unique: [UInt16] = []
                for position in positions { Self.append(position, to: &unique) }
                merged[merged.count - 1].positions = unique
            } else {
                merged.append(entry)
            }
        }
        self.entries = merged
    }

    /// Appends a position after a lexeme's others: kept when it comes after the last (positions
    /// stop rising at the last one PostgreSQL keeps) and fewer than 256 are kept.
    static func append(_ position: UInt16, to positions: inout [UInt16]) {
        guard positions.count < positionsKept else { return }
        if let last = positions.last, position & Self.placeBits <= last & Self.placeBits { return }
        positions.append(position)
    }

    /// The vector as PostgreSQL writes it as text: `'lexeme':1A,5 'other'`.
    public var literal: String {
        entries.map { entry in
            let quoted = TextVectors.quoted(entry.lexeme)
            guard !entry.positions.isEmpty else { return quoted }
            return quoted + ":"
                + entry.positions.map { String($0 & Self.placeBits) + ($0 >= Self.weightA ? "A" : "") }.joined(
                    separator: ",")
        }.joined(separator: " ")
    }

    /// The length of the binary form, in bytes.
    var binaryLength: Int { entries.reduce(4) { $0 + $1.lexeme.utf8.count + 3 + 2 * $1.positions.count } }

    /// Writes the binary form `tsvector_recv` reads: the number of lexemes, then each lexeme
    /// ended by a NUL byte, its number of positions and the positions, in network byte order.
    func write(to buffer: inout ByteBuffer) {
        let length = binaryLength
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: length) { target in
            var at = 0
            func put16(_ value: UInt16) {
                target[at] = UInt8(value >> 8)
                target[at + 1] = UInt8(value & 0xFF)
                at += 2
            }
            put16(UInt16(entries.count >> 16))
            put16(UInt16(entries.count & 0xFFFF))
            for entry in entries {
                var lexeme = entry.lexeme
                lexeme.withUTF8 { bytes in
                    UnsafeMutableRawBufferPointer(rebasing: target[at..<at + bytes.count]).copyMemory(
                        from: UnsafeRawBufferPointer(bytes))
                    at += bytes.count
                }
                target[at] = 0
                at += 1
                put16(UInt16(entry.positions.count))
                for position in entry.positions { put16(position) }
            }
            return at
        }
    }
}
