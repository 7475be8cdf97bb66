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
        let scalars = Array(text.unicodeScalars)
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var offset = 0
        for scalar in scalars {
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)

        var tokens: [TextToken] = []
        var i = 0
        func make(_ from: Int, _ to: Int) -> TextToken {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[from..<to])
            return TextToken(text: String(view), start: offsets[from], end: offsets[to])
        }
        while i < scalars.count {
            let s = scalars[i]
            if s.properties.isWhitespace || s == "\u{200B}" || s == "\u{FEFF}" {
                i += 1
                continue
            }
            if isWordScalar(s) {
                var j = i + 1
                while j < scalars.count {
                    if isWordScalar(scalars[j]) {
                        j += 1
                    } else if isJoiner(scalars[j]), j + 1 < scalars.count, isWordScalar(scalars[j + 1]),
                        allowsJoin(scalars[j], before: scalars[i..<j], after: scalars[j + 1])
                    {
                        j += 2
                    } else {
                        break
                    }
                }
                tokens.append(make(i, j))
                i = j
            } else {
                tokens.append(make(i, i + 1))
                i += 1
            }
        }
        return tokens
    }

    /// `.` and `,` join digits only (`1.202`, `3,5`); `/` and `&` join letters of one acronym or
    /// digits (`TNI/Polri` stays two words); hyphens and apostrophes join any word characters.
    static func allowsJoin(_ joiner: Unicode.Scalar, before: ArraySlice<Unicode.Scalar>, after: Unicode.Scalar)
        -> Bool
    {
        guard let last = before.last else { return false }
        switch joiner {
        case ".", ",":
            return last.properties.numericType != nil && after.properties.numericType != nil
        case "/", "&":
            return (last.properties.numericType != nil && after.properties.numericType != nil)
                || (before.count <= 2 && after.properties.isUppercase && last.properties.isUppercase)
        default:
            return true
        }
    }

    /// Sentences of tokens: a line break, or `.`, `!`, `?` not closing an initial or abbreviation,
    /// ends a sentence.
    public static func sentences(in text: String) -> [[TextToken]] {
        var sentences: [[TextToken]] = []
        let bytes = Array(text.utf8)
        for line in lines(of: bytes) {
            let lineText = String(decoding: bytes[line], as: UTF8.self)
            var current: [TextToken] = []
            let tokens = tokens(in: lineText)
            for (index, var token) in tokens.enumerated() {
                token.start += line.lowerBound
                token.end += line.lowerBound
                current.append(token)
                if [".", "!", "?", "…"].contains(token.text) {
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
        }
        return sentences
    }

    static func lines(of bytes: [UInt8]) -> [Range<Int>] {
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
