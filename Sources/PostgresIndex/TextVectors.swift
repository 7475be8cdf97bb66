import Entities
import Library
import Quotes
import Search

/// An article's words and names as PostgreSQL `tsvector` literals, made with kabar's own word
/// folding (`SearchQuery.foldedWords`, as the SQLite index's tokenizer folds) so that both
/// backends see the same words; and the `tsquery` literals that search them.
///
/// - `words`: the title's words at positions 1… with weight A, then the body's after a gap (a
///   phrase does not run from the title into the body), and each word's stem as a lexeme
///   `~stem` without positions, so that a query word finds every form of its stem.
/// - `names`: each person, organisation and place named, each quote's speaker and each direct
///   quote's words, as `kind:word` lexemes, with a gap between names so that a phrase stays in one.
///
/// PostgreSQL keeps positions up to 16,383 and 256 of them per lexeme: a phrase past the
/// 16,383rd word of a very long article is not found there.
public enum TextVectors {
    static let maximumPosition = 16383

    /// The lexeme of a name's word of `kind` (`PER`, `ORG`, `LOC`, `SAID`, `QUOTE`).
    static func nameLexeme(_ kind: String, _ word: String) -> String { kind.lowercased() + ":" + word }

    /// The lexeme of a stem.
    static func stemLexeme(_ stem: String) -> String { "~" + stem }

    /// A lexeme quoted for a `tsvector` or `tsquery` literal.
    static func quoted(_ lexeme: String) -> String {
        // Folded words hold neither a quote nor a backslash: nothing to escape in them.
        guard lexeme.utf8.contains(where: { $0 == 0x27 || $0 == 0x5C }) else { return "'" + lexeme + "'" }
        return "'" + lexeme.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// The words literal of an article.
    public static func words(title: String?, body: String, stemmer: Stemmer) -> String {
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

    /// The words literal of an article, stems kept in `stems` for the next.
    public static func words(title: String?, body: String, stems cache: inout StemCache) -> String {
        // Each word once, in the order first met, with its positions (a title's negative: weight A),
        // at most the 256 PostgreSQL keeps.
        var words = DistinctWords(capacity: 512)
        var positions: [[Int32]] = []
        func add(_ word: String, _ position: Int32) {
            let (index, inserted) = words.place(of: word, hash: DistinctWords.hash(word))
            if inserted {
                positions.append([position])
            } else if positions[index].count < 256 {
                positions[index].append(position)
            }
        }
        var position = 0
        for word in SearchQuery.foldedWords(in: title ?? "") {
            position = min(position + 1, maximumPosition)
            add(word.word, Int32(-position))
        }
        position += 1
        for word in SearchQuery.foldedWords(in: body) {
            position = min(position + 1, maximumPosition)
            add(word.word, Int32(position))
        }
        var result = ""
        result.reserveCapacity(body.utf8.count * 2)
        var stems = DistinctWords(capacity: words.count)
        for (index, word) in words.words.enumerated() {
            if !result.isEmpty { result += " " }
            result += quoted(word)
            result += ":"
            for (number, position) in positions[index].enumerated() {
                if number > 0 { result += "," }
                result += position < 0 ? String(-position) + "A" : String(position)
            }
            let stem = cache.stem(word)
            if stems.insert(stem) {
                result += " "
                result += quoted(stemLexeme(stem))
            }
        }
        return result
    }

    /// The names literal of an article: its entities, speakers and direct quotes' words.
    public static func names(body: String, entities: [EntitySpan], quotes: [Quote]) -> String {
        let bytes = Array(body.utf8)
        var names: [(kind: String, text: String)] = []
        for span in entities where span.start >= 0 && span.end <= bytes.count && span.start < span.end {
            names.append((span.kind.rawValue, String(decoding: bytes[span.start..<span.end], as: UTF8.self)))
        }
        for quote in quotes {
            if let speaker = quote.speaker { names.append((SearchQuery.saidKind, speaker)) }
            if quote.kind == .direct { names.append((SearchQuery.quoteKind, quote.words(in: body))) }
        }
        var positions: [String: [Int]] = [:]
        var order: [String] = []
        var position = 0
        for name in names {
            for word in SearchQuery.foldedWords(in: name.text) {
                position = min(position + 1, maximumPosition)
                let lexeme = nameLexeme(name.kind, word.word)
                if positions[lexeme] == nil { order.append(lexeme) }
                positions[lexeme, default: []].append(position)
            }
            position += 1
        }
        return order.map { quoted($0) + ":" + positions[$0]!.prefix(256).map(String.init).joined(separator: ",") }
            .joined(separator: " ")
    }

    /// A phrase of lexemes as a `tsquery`: `'a' <-> 'b'`.
    static func phrase(_ lexemes: [String]) -> String {
        lexemes.count == 1 ? quoted(lexemes[0]) : "(" + lexemes.map(quoted).joined(separator: " <-> ") + ")"
    }
}
