import Foundation

/// Turning a file's bytes into the text kabar works with.
public enum ArticleText {
    /// Decodes a file's bytes: UTF-8 (a byte-order mark dropped), UTF-16 with a byte-order mark,
    /// or Windows-1252 (which covers Latin-1) when the bytes are not UTF-8; then CRLF and lone CR
    /// become `\n` and the text is composed (NFC). Never fails: bytes that fit no encoding become
    /// U+FFFD.
    public static func decode(_ bytes: some Collection<UInt8>) -> String {
        decodeDetecting(Array(bytes)).text
    }

    /// The encodings kabar reads.
    public enum Encoding: String, Hashable, Sendable {
        case utf8 = "UTF-8"
        case utf16LittleEndian = "UTF-16LE"
        case utf16BigEndian = "UTF-16BE"
        case windows1252 = "Windows-1252"
    }

    /// Decodes as `decode(_:)` does, saying which encoding it took.
    public static func decodeDetecting(_ bytes: [UInt8]) -> (text: String, encoding: Encoding) {
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            return (normalize(utf16(bytes.dropFirst(2), bigEndian: false)), .utf16LittleEndian)
        }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            return (normalize(utf16(bytes.dropFirst(2), bigEndian: true)), .utf16BigEndian)
        }
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let content = bytes[start...]
        if looksLikeUTF8(content) {
            return (normalize(String(decoding: content, as: UTF8.self)), .utf8)
        }
        return (normalize(windows1252(content)), .windows1252)
    }

    /// Whether bytes are UTF-8: valid throughout, or with multi-byte characters and only a few
    /// stray bytes (a damaged UTF-8 file, not a Latin-1 one).
    static func looksLikeUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        var valid = 0
        var invalid = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                continue
            }
            let length = byte >= 0xF0 && byte <= 0xF4 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 && byte < 0xE0 ? 2 : 0
            guard length > 0, index + length <= bytes.endIndex,
                bytes[(index + 1)..<(index + length)].allSatisfy({ $0 & 0xC0 == 0x80 })
            else {
                // A character cut at the end of a truncated read is not evidence against UTF-8.
                if length > 0 && index + length > bytes.endIndex
                    && bytes[(index + 1)...].allSatisfy({ $0 & 0xC0 == 0x80 })
                {
                    break
                }
                invalid += 1
                index += 1
                continue
            }
            valid += 1
            index += length
        }
        return invalid == 0 || invalid * 10 < valid
    }

    /// Windows-1252, whose 0x80–0x9F hold quotes, dashes and the euro sign; the rest is Latin-1.
    static func windows1252(_ bytes: ArraySlice<UInt8>) -> String {
        let high: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
            0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
            0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
        ]
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value = byte >= 0x80 && byte < 0xA0 ? high[Int(byte) - 0x80] : UInt32(byte)
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }

    /// UTF-16 code units from bytes in either order; an odd last byte is dropped.
    static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// Whether NFC keeps this character as it is whatever comes next to it: Latin letters up to
    /// U+02FF, and the punctuation and symbols of U+2000–U+2BFF (quotes, dashes, ellipsis, currency)
    /// but for the few of them NFC replaces.
    @inline(__always)
    static func isStable(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x300 { return true }
        if v >= 0x2002 && v < 0x2C00 { return v != 0x2126 && v != 0x212A && v != 0x212B && v != 0x2329 && v != 0x232A }
        return false
    }

    /// Whether every character of valid UTF-8 is one `isStable(_:)` accepts, read from the bytes.
    static func isStable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
            } else if lead >= 0xC2 && lead <= 0xCB {
                // U+0080–U+02FF.
                i += 2
            } else if lead == 0xE2 && i + 2 < bytes.count {
                let value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                guard let scalar = Unicode.Scalar(value), isStable(scalar) else { return false }
                i += 3
            } else {
                return false
            }
        }
        return true
    }

    /// Line ends as `\n`, composed characters (NFC).
    public static func normalize(_ text: String) -> String {
        var result = text
        let (hasReturn, isASCII) = result.withUTF8 { bytes -> (Bool, Bool) in
            var any: UInt8 = 0
            for byte in bytes { any |= byte }
            return (bytes.contains(13), any < 0x80)
        }
        if hasReturn {
            result = result.replacingOccurrences(of: "\r\n", with: "\n")
                .replacingOccurrences(of: "\r", with: "\n")
        }
        // Pure ASCII is already NFC, and so is text whose every character NFC leaves alone.
        if isASCII || result.withUTF8(isStable) { return result }
        return result.precomposedStringWithCanonicalMapping
    }
}
