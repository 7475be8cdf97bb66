import Foundation

/// The words of a text as the full-text index may hold them, for finding the indexed words that
/// start with a prefix (`pemerint*` → `pemerintah`, `pemerintahan`, …) without asking FTS5 to
/// merge every such word's whole list of articles.
///
/// Every run of ASCII letters and digits that starts with a letter is a term, lowercased, as the
/// index's tokenizer gives it. Where a run meets a character outside ASCII that may belong to a
/// word (a letter, digit or mark: `bjørn`, `élite`), the index's word may go on past what this
/// can tell: the run so far is kept with `open` after it (`bj` + `open`; for a word that begins
/// with such a character, the ASCII letter it folds to: `e` + `open`), and a prefix that such a
/// word might start with is looked up by FTS5 itself. The part after the character is a term too,
/// in case the index took the character as a separator.
public enum IndexTerms {
    /// Written after a run whose word may go on in characters outside ASCII.
    public static let open: Character = "\u{1}"

    /// The terms of `text` (and the open runs, ending in `open`).
    public static func terms(in text: String) -> Set<String> {
        var table = DistinctWords()
        collect(in: text, into: &table)
        return Set(table.words)
    }

    /// Adds the terms of `text` (and the open runs, ending in `open`) to `table`.
    public static func collect(in text: String, into table: inout DistinctWords) {
        var text = text
        var run: [UInt8] = []
        run.reserveCapacity(64)
        // Whether the run began right after a character that may be part of the word.
        var afterWordCharacter = false
        func finish(open: Bool) {
            if let first = run.first, first >= 0x61, first <= 0x7A {
                run.withUnsafeBufferPointer { table.insert(bytes: $0, hash: DistinctWords.hash($0)) }
                if open {
                    run.append(0x01)
                    run.withUnsafeBufferPointer { table.insert(bytes: $0, hash: DistinctWords.hash($0)) }
                }
            }
            run.removeAll(keepingCapacity: true)
        }
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                        run.append(byte)
                    } else if byte >= 0x41 && byte <= 0x5A {
                        run.append(byte | 0x20)
                    } else {
                        finish(open: false)
                        afterWordCharacter = false
                    }
                    index += 1
                    continue
                }
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
                let end = min(bytes.count, index + length)
                let scalar = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
                    .unicodeScalars.first
                index = end
                guard let scalar, mayBePartOfWord(scalar) else {
                    finish(open: false)
                    afterWordCharacter = false
                    continue
                }
                if run.isEmpty && !afterWordCharacter, let folded = foldedLetter(scalar) {
                    // A word that starts here may start with the letter this folds to.
                    table.insert(String(folded) + String(Self.open))
                }
                finish(open: true)
                afterWordCharacter = true
            }
        }
        finish(open: false)
    }

    /// Whether the index's tokenizer may take a character outside ASCII as part of a word: all
    /// but spaces, punctuation, symbols and control characters.
    static func mayBePartOfWord(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .format, .surrogate,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            false
        default: true
        }
    }

    /// The ASCII letter or digit a character folds to without its accents (`é` → `e`), if any.
    static func foldedLetter(_ scalar: Unicode.Scalar) -> Character? {
        let folded = String(scalar).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        guard let first = folded.unicodeScalars.first, first.isASCII,
            first.properties.isAlphabetic || ("0"..."9").contains(first)
        else { return nil }
        return Character(first)
    }

    /// Whether `prefix` is one the index's terms can expand: ASCII letters and digits, starting
    /// with a letter.
    public static func canExpand(_ prefix: String) -> Bool {
        guard let first = prefix.utf8.first, first >= 0x61, first <= 0x7A else { return false }
        return prefix.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    /// The open runs that mean a word of the index starting with `prefix` may be missing from the
    /// terms: those the prefix starts with (`bj` + `open` for `bjo`). Open runs that start with the
    /// prefix are found with the terms.
    public static func openRuns(before prefix: String) -> [String] {
        (1...prefix.count).map { String(prefix.prefix($0)) + String(open) }
    }
}
