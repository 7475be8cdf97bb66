import SequenceModels

/// Word shingles of an article's text: every run of `width` consecutive words, hashed. Words are
/// read as runs of letters and digits, lower-cased (ASCII letters folded, other letters kept as
/// they are), every number alike, so punctuation, spacing, capitals and changed figures do not
/// tell two copies apart.
public enum Shingles {
    /// Words in a shingle: five, long enough that two different articles rarely share one, short
    /// enough that a changed word leaves most of a paragraph's shingles intact.
    public static let width = 5

    /// The hashes of the text's shingles, each once, sorted. A text of fewer than `width` words
    /// has one shingle: all of its words.
    public static func hashes(of text: some StringProtocol, width: Int = width) -> [UInt64] {
        let words = wordHashes(of: text)
        guard !words.isEmpty else { return [] }
        guard words.count >= width else { return [combine(words[...])] }
        var result = Set<UInt64>()
        result.reserveCapacity(words.count)
        for start in 0...(words.count - width) {
            result.insert(combine(words[start..<(start + width)]))
        }
        return result.sorted()
    }

    /// The hash of each word, in order.
    static func wordHashes(of text: some StringProtocol) -> [UInt64] {
        var hashes: [UInt64] = []
        forEachWord(in: text) { hash, _, isNumber, _ in hashes.append(isNumber ? numberHash : hash) }
        return hashes
    }

    /// Calls `body` with each word of the text, in order: its hash (of the lower-cased word), its
    /// length in characters, whether it is all digits and whether it begins with a capital.
    static func forEachWord(in text: some StringProtocol, _ body: (UInt64, Int, Bool, Bool) -> Void) {
        var hash = fnvOffset
        var length = 0
        var digitsOnly = true
        var capitalised = false
        for scalar in text.unicodeScalars {
            let isWordCharacter =
                scalar.isASCII
                ? (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar))
                : scalar.properties.isAlphabetic
            if isWordCharacter {
                if !("0"..."9").contains(scalar) { digitsOnly = false }
                if length == 0 {
                    capitalised = scalar.isASCII ? ("A"..."Z").contains(scalar) : scalar.properties.isUppercase
                }
                var value = ("A"..."Z").contains(scalar) ? scalar.value | 0x20 : scalar.value
                repeat {
                    hash = (hash ^ UInt64(value & 0xFF)) &* fnvPrime
                    value >>= 8
                } while value != 0
                length += 1
            } else if length > 0 {
                body(hash, length, digitsOnly, capitalised)
                hash = fnvOffset
                length = 0
                digitsOnly = true
            }
        }
        if length > 0 { body(hash, length, digitsOnly, capitalised) }
    }

    static func combine(_ words: ArraySlice<UInt64>) -> UInt64 {
        var hash = fnvOffset
        for word in words { hash = (hash ^ word) &* fnvPrime }
        return mix(hash)
    }

    /// Every number is the same word: a copy with its figures changed (`Rp 5.000` for `Rp 4.500`,
    /// a year, a toll) is still a copy.
    static let numberHash: UInt64 = 0x6e75_6d62_6572

    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    /// A strong 64-bit mix of a value: the first output of SplitMix64 seeded with it.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var generator = SplitMix(seed: value)
        return generator.next()
    }
}
