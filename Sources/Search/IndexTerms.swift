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
        var result: Set<String> = []
        var run: [UInt8] = []
        // Whether the run began right after a character that may be part of the word.
        var afterWordCharacter = false
        func finish(open: Bool) {
            if let first = run.first, first >= 0x61, first <= 0x7A {
                result.insert(String(decoding: run, as: UTF8.self))
                if open { result.insert(String(decoding: run, as: UTF8.self) + String(Self.open)) }
            }
            run.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                    run.append(byte)
                } else if byte >= 0x41 && byte <= 0x5A {
                    run.append(byte | 0x20)
                } else {
                    finish(open: false)
                    afterWordCharacter = false
                }
                continue
            }
            guard mayBePartOfWord(scalar) else {
                finish(open: false)
                afterWordCharacter = false
                continue
            }
            if run.isEmpty && !afterWordCharacter, let folded = foldedLetter(scalar) {
                // A word that starts here may start with the letter this folds to.
                result.insert(String(folded) + String(Self.open))
            }
            finish(open: true)
            afterWordCharacter = true
        }
        finish(open: false)
        return result
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
