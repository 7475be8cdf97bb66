/// A token of running text with its UTF-8 byte offsets.
public struct TextToken: Hashable, Sendable {
    public var text: String
    public var start: Int
    public var end: Int
}

/// Splits news text into sentences of tokens the way the training corpora are tokenised: words
/// keep inner hyphens, apostrophes and number separators (`Kim Jong-un`, `Jum'at`, `1.202`, `3,5`);
/// every other punctuation mark is a token of its own.
public enum NewsTokenizer {
    static let abbreviations: Set<String> = [
        "dr", "drs", "dra", "prof", "ir", "h", "hj", "st", "jl", "jln", "no", "tbk", "kol", "jend", "brigjen",
        "mayjen", "letjen", "kombes", "akbp", "kh", "mr", "mrs", "ms", "sdr", "bpk", "tn", "ny", "mt", "sh", "se",
        "msi", "phd", "vs", "dll", "dsb", "dkk", "a.n", "u.p", "s.h", "m.h", "m.si", "s.e",
    ]

    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || s.properties.numericType != nil
            || s.properties.generalCategory == .nonspacingMark || s.properties.generalCategory == .spacingMark
    }

    static func isJoiner(_ s: Unicode.Scalar) -> Bool {
        s == "-" || s == "'" || s == "’" || s == "." || s == "," || s == "/" || s == "&"
    }

    /// Tokens of `text` in order, with byte offsets into it.
    public static func tokens(in text: String) -> [TextToken] {
        var text = text
        return text.withUTF8 { tokens(in: $0, range: 0..<$0.count) }
    }

    /// What an ASCII byte is to the tokenizer: 0 space, 1 letter, 2 digit, 3 anything else.
    static let asciiClass: [UInt8] = (0..<128).map { byte -> UInt8 in
        switch byte {
        case 9...13, 32: return 0
        case 65...90, 97...122: return 1
        case 48...57: return 2
        default: return 3
        }
    }

    /// The scalar that starts at `i` of valid UTF-8, and its length in bytes.
    @inline(__always)
    static func scalar(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[i])
        if lead < 0x80 { return (Unicode.Scalar(UInt8(lead)), 1) }
        if lead < 0xE0 {
            let value = (lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
            return (Unicode.Scalar(value) ?? "\u{FFFD}", 2)
        }
        if lead < 0xF0 {
            let value = (lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
            return (Unicode.Scalar(value) ?? "\u{FFFD}", 3)
        }
        let value =
            (lead & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
            | UInt32(bytes[i + 3] & 0x3F)
        return (Unicode.Scalar(value) ?? "\u{FFFD}", 4)
    }

    /// Tokens of the valid UTF-8 `bytes[range]`, with offsets into `bytes`.
    static func tokens(in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> [TextToken] {
        var tokens: [TextToken] = []
        func make(_ from: Int, _ to: Int) -> TextToken {
            TextToken(
                text: String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self), start: from,
                end: to)
        }
        /// Whether the scalar at `i` is a word character, and its scalar and length.
        @inline(__always) func word(at i: Int) -> (Bool, Unicode.Scalar, Int) {
            let byte = bytes[i]
            if byte < 0x80 {
                return (asciiClass[Int(byte)] == 1 || asciiClass[Int(byte)] == 2, Unicode.Scalar(byte), 1)
            }
            let (s, width) = scalar(at: i, in: bytes)
            return (isWordScalar(s), s, width)
        }
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let byte = bytes[i]
            if byte < 0x80 && asciiClass[Int(byte)] == 0 {
                i += 1
                continue
            }
            let (isWord, s, width) = word(at: i)
            if byte >= 0x80 && (s.properties.isWhitespace || s == "\u{200B}" || s == "\u{FEFF}") {
                i += width
                continue
            }
            guard isWord else {
                tokens.append(make(i, i + width))
                i += width
                continue
            }
            // A word: word characters, and joiners between them where `allowsJoin` lets them.
            var j = i + width
            var count = 1
            var last = s
            while j < end {
                let (nextIsWord, next, nextWidth) = word(at: j)
                if nextIsWord {
                    j += nextWidth
                    count += 1
                    last = next
                    continue
                }
                guard isJoiner(next), j + nextWidth < end else { break }
                let (afterIsWord, after, afterWidth) = word(at: j + nextWidth)
                guard afterIsWord, allowsJoin(next, last: last, count: count, after: after) else { break }
                j += nextWidth + afterWidth
                count += 2
                last = after
            }
            tokens.append(make(i, j))
            i = j
        }
        return tokens
    }

    /// `.` and `,` join digits only (`1.202`, `3,5`); `/` and `&` join letters of one acronym or
    /// digits (`TNI/Polri` stays two words); hyphens and apostrophes join any word characters.
    /// `last` is the word's last character so far and `count` its length in characters.
    @inline(__always)
    static func allowsJoin(_ joiner: Unicode.Scalar, last: Unicode.Scalar, count: Int, after: Unicode.Scalar) -> Bool {
        switch joiner {
        case ".", ",":
            return isDigit(last) && isDigit(after)
        case "/", "&":
            return (isDigit(last) && isDigit(after)) || (count <= 2 && isUpper(after) && isUpper(last))
        default:
            return true
        }
    }

    @inline(__always)
    static func isDigit(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x80 ? (s.value >= 48 && s.value <= 57) : s.properties.numericType != nil
    }

    @inline(__always)
    static func isUpper(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x80 ? (s.value >= 65 && s.value <= 90) : s.properties.isUppercase
    }

    /// Sentences of tokens: a line break, or `.`, `!`, `?` not closing an initial or abbreviation,
    /// ends a sentence.
    public static func sentences(in text: String) -> [[TextToken]] {
        var sentences: [[TextToken]] = []
        var text = text
        text.withUTF8 { bytes in
            for line in lines(of: bytes) { sentences += Self.sentences(of: tokens(in: bytes, range: line)) }
        }
        return sentences
    }

    /// The sentences of one line's tokens.
    static func sentences(of tokens: [TextToken]) -> [[TextToken]] {
        var sentences: [[TextToken]] = []
        var current: [TextToken] = []
        for (index, token) in tokens.enumerated() {
            current.append(token)
            if token.end - token.start <= 3, [".", "!", "?", "…"].contains(token.text) {
                let previous = index > 0 ? tokens[index - 1].text : ""
                let isInitial = previous.count == 1 && previous.first?.isUppercase == true
                let next = index + 1 < tokens.count ? tokens[index + 1].text : ""
                if token.text == "." && (isInitial || abbreviations.contains(previous.lowercased())) {
                    continue
                }
                if next.isEmpty || next.first?.isUppercase == true || next.first?.isNumber == true
                    || next.first == "\"" || next.first == "“"
                {
                    sentences.append(current)
                    current = []
                }
            }
        }
        if !current.isEmpty { sentences.append(current) }
        return sentences
    }

    static func lines(of bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for (i, byte) in bytes.enumerated() where byte == 0x0A {
            if i > start { ranges.append(start..<i) }
            start = i + 1
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        return ranges
    }
}
