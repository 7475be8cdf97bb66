import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Substring search on UTF-8 bytes: exact, and far cheaper than Foundation's locale-aware search.
extension StringProtocol {
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

    private static func search(_ target: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> Int? {
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
    func lowercasedQuickly() -> String {
        guard isASCIIText else { return lowercased() }
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
        guard !utf8.contains(0x0D) else { return split(separator: "\n", omittingEmptySubsequences: false) }
        return utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
    }
}

extension UInt8 {
    /// A printable ASCII byte other than the space: a character of its own that is no white space
    /// in any sense, and that ends no longer character as the last byte of a string.
    @inline(__always)
    var isVisibleASCII: Bool { self > 0x20 && self < 0x7F }
}

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)`, without Foundation when both ends are plain ASCII.
    func trimmingSpacesQuickly() -> String {
        let plain = utf8.withContiguousStorageIfAvailable { bytes in
            bytes.first.map { $0.isVisibleASCII } == true && bytes.last.map { $0.isVisibleASCII } == true
        }
        return plain == true ? String(self) : trimmingCharacters(in: .whitespaces)
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
        let bytes = Array(utf8)
        let target = Array(needle.utf8)
        guard !target.isEmpty, bytes.count >= target.count else { return nil }
        for start in stride(from: bytes.count - target.count, through: 0, by: -1)
        where bytes[start..<(start + target.count)].elementsEqual(target) {
            let lower = utf8.index(startIndex, offsetBy: start)
            return lower..<utf8.index(lower, offsetBy: target.count)
        }
        return nil
    }
}
