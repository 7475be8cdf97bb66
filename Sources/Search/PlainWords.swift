/// Fast word scanning over UTF-8 for what the stemmer can use: runs of ASCII letters, lower-cased.
/// A run touching a digit or any non-ASCII letter is not a plain word and is left out.
public enum PlainWords {
    /// The distinct plain words of 3 to 30 letters in `text`.
    public static func distinct(in text: String) -> Set<String> {
        var table = DistinctWords()
        collect(in: text, into: &table)
        return Set(table.words)
    }

    /// Adds the distinct plain words of 3 to 30 letters in `text` to `table`.
    public static func collect(in text: String, into table: inout DistinctWords) {
        var text = text
        // The word being finished, lower-cased (at most 30 letters).
        let folded = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 32)
        defer { folded.deallocate() }
        text.withUTF8 { bytes in
            var start = -1
            var plain = true
            var index = 0
            func finish(_ end: Int) {
                if start >= 0, plain, end - start >= 3, end - start <= 30 {
                    for i in start..<end { folded[i - start] = bytes[i] | 0x20 }
                    let word = UnsafeBufferPointer(rebasing: folded[0..<(end - start)])
                    table.insert(bytes: word, hash: DistinctWords.hash(word))
                }
                start = -1
                plain = true
            }
            while index < bytes.count {
                let byte = bytes[index]
                let isLetter = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
                let isDigit = byte >= 0x30 && byte <= 0x39
                if isLetter || isDigit {
                    if start < 0 { start = index }
                    if !isLetter { plain = false }
                } else if byte >= 0x80 {
                    // Outside ASCII: a letter, digit or mark makes the run no plain word; other
                    // characters (a no-break space, curly quotes, dashes) end it, as they end a
                    // word for the full-text index.
                    let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
                    let end = min(bytes.count, index + length)
                    let scalar = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
                        .unicodeScalars.first
                    if let scalar, Self.isWordPart(scalar, continuing: start >= 0) {
                        if start < 0 { start = index }
                        plain = false
                    } else {
                        finish(index)
                    }
                    index = end
                    continue
                } else {
                    finish(index)
                }
                index += 1
            }
            finish(bytes.count)
        }
    }

    /// Whether a character outside ASCII belongs to a word, as `SearchQuery.foldedWords` reads
    /// words: letters and digits, and marks after them.
    static func isWordPart(_ scalar: Unicode.Scalar, continuing: Bool) -> Bool {
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return continuing
        default: return properties.isAlphabetic || properties.numericType != nil
        }
    }
}
