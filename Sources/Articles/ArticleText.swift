import Foundation

/// Turning a file's bytes into the text kabar works with.
public enum ArticleText {
    /// Decodes bytes as UTF-8 (invalid sequences become U+FFFD, never an error), drops a leading
    /// byte-order mark, turns CRLF and lone CR into `\n`, and normalises to NFC.
    public static func decode(_ bytes: some Collection<UInt8>) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.unicodeScalars.first == "\u{FEFF}" {
            text.unicodeScalars.removeFirst()
        }
        return normalize(text)
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
        if isASCII || result.unicodeScalars.allSatisfy(isStable) { return result }
        return result.precomposedStringWithCanonicalMapping
    }
}
