import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Substring search on UTF-8 bytes: exact, and far cheaper than Foundation's locale-aware search.
extension StringProtocol {
    /// The text without the Unicode scalars of `characters` at either end, as
    /// `trimmingCharacters(in: CharacterSet(charactersIn: characters))` gives it, without making
    /// a character set and a Foundation string for every word.
    func trimmingScalars(in characters: String) -> String {
        let scalars = unicodeScalars
        let trimmed = characters.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, trimmed.contains(scalars[start]) { start = scalars.index(after: start) }
        while end > start, trimmed.contains(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }

    /// True when `needle` occurs in the string, byte for byte.
    func containsBytes(_ needle: String) -> Bool {
        firstByteOffset(of: needle) != nil
    }

    /// The UTF-8 offset of the first occurrence of `needle`, if any.
    func firstByteOffset(of needle: String) -> Int? {
        var needle = needle
        return needle.withUTF8 { target in
            guard let found = utf8.withContiguousStorageIfAvailable({ Self.search(target, in: $0) }) else {
                return Self.search(target, in: Array(utf8).withUnsafeBufferPointer { $0 })
            }
            return found
        }
    }

    /// True when the byte occurs in the string's UTF-8.
    func containsByte(_ byte: UInt8) -> Bool {
        let found = utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        }
        return found ?? utf8.contains(byte)
    }

    static func search(_ target: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !target.isEmpty else { return 0 }
        guard text.count >= target.count, let base = text.baseAddress, let needle = target.baseAddress else {
            return nil
        }
        // memchr finds candidates for the first byte many bytes at a time; memcmp checks them.
        var start = base
        let end = base + (text.count - target.count + 1)
        while start < end, let hit = memchr(start, Int32(needle[0]), end - start) {
            let candidate = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(candidate, needle, target.count) == 0 { return base.distance(to: candidate) }
            start = candidate + 1
        }
        return nil
    }
}

/// Shortcuts that read UTF-8 bytes where the answer is plain from them, and otherwise give the
/// answer of the `Character`-level operation they stand for.
extension StringProtocol {
    /// True when every byte is ASCII.
    var isASCIIText: Bool {
        if let answer = utf8.withContiguousStorageIfAvailable({ bytes in
            var any: UInt8 = 0
            for byte in bytes { any |= byte }
            return any < 0x80
        }) {
            return answer
        }
        return utf8.allSatisfy { $0 < 0x80 }
    }

    /// `lowercased()`, by bytes for ASCII text.
    /// `lowercased()`: each character (Unicode scalar) replaced by its lower-case mapping, the
    /// ASCII ones by bytes.
    func lowercasedQuickly() -> String {
        guard isASCIIText else {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(utf8.count)
            for scalar in unicodeScalars {
                let value = scalar.value
                if value < 0x80 {
                    bytes.append(value >= 0x41 && value <= 0x5A ? UInt8(value | 0x20) : UInt8(value))
                } else {
                    bytes.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        return String(unsafeUninitializedCapacity: utf8.count) { buffer in
            var i = 0
            for byte in utf8 {
                buffer[i] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                i += 1
            }
            return i
        }
    }

}

extension String {
    /// The lines of the text, as `split(separator: "\n", omittingEmptySubsequences: false)` gives
    /// them, cut at newline bytes unless a carriage return could join one to the character before.
    func linesQuickly() -> [Substring] {
        var text = self
        let ends: [Int]? = text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, memchr(base, 0x0D, bytes.count) == nil else { return nil }
            var ends: [Int] = []
            var start = base
            let end = base + bytes.count
            while start < end, let hit = memchr(start, 0x0A, end - start) {
                let newline = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
                ends.append(base.distance(to: newline))
                start = newline + 1
            }
            return ends
        }
        guard let ends else { return split(separator: "\n", omittingEmptySubsequences: false) }
        var lines: [Substring] = []
        lines.reserveCapacity(ends.count + 1)
        var lower = text.startIndex
        for end in ends + [text.utf8.count] {
            let upper = text.utf8.index(text.startIndex, offsetBy: end)
            lines.append(text[lower..<upper])
            if end < text.utf8.count { lower = text.utf8.index(after: upper) }
        }
        return lines
    }
}

extension UInt8 {
    /// A printable ASCII byte other than the space: a character of its own that is no white space
    /// in any sense, and that ends no longer character as the last byte of a string.
    @inline(__always)
    var isVisibleASCII: Bool { self > 0x20 && self < 0x7F }
}

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)`, by bytes unless what is left ends in other than printable ASCII.
    func trimmingSpacesQuickly() -> String {
        // Spaces and tabs are the ASCII in `.whitespaces`; trimming stops at printable ASCII.
        let kept = utf8.withContiguousStorageIfAvailable { bytes -> Range<Int>? in
            var start = 0
            var end = bytes.count
            while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            guard start == end || (bytes[start].isVisibleASCII && bytes[end - 1].isVisibleASCII) else { return nil }
            return start..<end
        }
        guard let kept = kept ?? nil else { return trimmingCharacters(in: .whitespaces) }
        if kept.count == utf8.count { return String(self) }
        let lower = utf8.index(utf8.startIndex, offsetBy: kept.lowerBound)
        return String(self[lower..<utf8.index(lower, offsetBy: kept.count)])
    }
}

extension StringProtocol {
    /// `split(separator: " ").count`, by bytes for ASCII text.
    var spaceSeparatedCount: Int {
        guard isASCIIText else { return split(separator: " ").count }
        var words = 0
        var inWord = false
        for byte in utf8 {
            if byte != 0x20 && !inWord { words += 1 }
            inWord = byte != 0x20
        }
        return words
    }
}

extension String {
    /// The range of the last occurrence of `needle`, byte for byte.
    func lastByteRange(of needle: String) -> Range<String.Index>? {
        var needle = needle
        let found: Int? = needle.withUTF8 { target in
            utf8.withContiguousStorageIfAvailable { Self.lastOffset(of: target, in: $0) }
                ?? Array(utf8).withUnsafeBufferPointer { Self.lastOffset(of: target, in: $0) }
        }
        guard let found else { return nil }
        let lower = utf8.index(startIndex, offsetBy: found)
        return lower..<utf8.index(lower, offsetBy: needle.utf8.count)
    }

    /// The offset of the last occurrence of `target` in `text`: the forward search (memchr and
    /// memcmp) again after each occurrence it finds.
    static func lastOffset(of target: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !target.isEmpty, let base = text.baseAddress else { return nil }
        var last: Int?
        var start = 0
        while start < text.count,
            let found = Self.search(target, in: UnsafeBufferPointer(start: base + start, count: text.count - start))
        {
            last = start + found
            start += found + 1
        }
        return last
    }
}

extension String {
    /// The first range of `needle` in ASCII text, ASCII letters matching in either case: what
    /// `range(of:options: .caseInsensitive)` finds in ASCII text.
    func asciiCaseInsensitiveRange(of needle: String) -> Range<String.Index>? {
        let bytes = Array(utf8)
        let target = Array(needle.utf8)
        func folded(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        guard !target.isEmpty, bytes.count >= target.count else { return nil }
        for start in 0...(bytes.count - target.count)
        where (0..<target.count).allSatisfy({ folded(bytes[start + $0]) == folded(target[$0]) }) {
            let lower = utf8.index(startIndex, offsetBy: start)
            return lower..<utf8.index(lower, offsetBy: target.count)
        }
        return nil
    }
}

/// Lists of phrases looked for in one pass over a text's UTF-8 bytes: which lists have a phrase
/// that occurs in the text, byte for byte, as `containsBytes` finds each (or in the text with
/// A–Z read as a–z, when folding case, for phrases in lower case).
struct PhraseTable: Sendable {
    /// The phrases' bytes, sorted by their first two bytes, and the list each belongs to.
    private let phrases: [(bytes: [UInt8], list: Int)]
    /// For each pair of bytes (first byte × 256 + second), one more than the index of the first
    /// phrase that opens with them; 0 when none does.
    private let firstByPair: [UInt8]
    private let foldsCase: Bool

    /// Lists of phrases of two bytes or more each (at most 32 lists, 255 phrases).
    init(_ lists: [[String]], foldingCase: Bool = false) {
        foldsCase = foldingCase
        precondition(lists.count <= 32)
        let all = lists.enumerated().flatMap { list, phrases in phrases.map { (bytes: Array($0.utf8), list: list) } }
        precondition(all.count < 255 && all.allSatisfy { $0.bytes.count >= 2 })
        func pair(_ bytes: [UInt8]) -> Int { Int(bytes[0]) << 8 | Int(bytes[1]) }
        let sorted = all.enumerated().sorted {
            (pair($0.element.bytes), $0.offset) < (pair($1.element.bytes), $1.offset)
        }
        .map(\.element)
        var firstByPair = [UInt8](repeating: 0, count: 65536)
        for (index, phrase) in sorted.enumerated().reversed() { firstByPair[pair(phrase.bytes)] = UInt8(index + 1) }
        phrases = sorted
        self.firstByPair = firstByPair
    }

    /// Bit `i` set when a phrase of list `i` occurs in the text.
    func lists(in text: some StringProtocol) -> UInt32 {
        if let found = text.utf8.withContiguousStorageIfAvailable(lists(in:)) { return found }
        return Array(text.utf8).withUnsafeBufferPointer(lists(in:))
    }

    func lists(in bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let count = bytes.count
        guard count >= 2 else { return 0 }
        let folds = foldsCase
        @inline(__always) func byte(_ i: Int) -> UInt8 {
            let byte = bytes[i]
            return folds && byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
        }
        var found: UInt32 = 0
        for start in 0..<(count - 1) {
            let pair = Int(byte(start)) << 8 | Int(byte(start + 1))
            let first = Int(firstByPair[pair])
            guard first > 0 else { continue }
            var index = first - 1
            while index < phrases.count {
                let phrase = phrases[index].bytes
                guard Int(phrase[0]) << 8 | Int(phrase[1]) == pair else { break }
                if phrase.count <= count - start {
                    var k = 2
                    while k < phrase.count, byte(start + k) == phrase[k] { k += 1 }
                    if k == phrase.count { found |= 1 << UInt32(phrases[index].list) }
                }
                index += 1
            }
        }
        return found
    }
}
