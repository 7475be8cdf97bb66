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

    /// Line ends as `\n`, composed characters (NFC).
    public static func normalize(_ text: String) -> String {
        var result = text
        if result.utf8.contains(13) {
            result = result.replacingOccurrences(of: "\r\n", with: "\n")
                .replacingOccurrences(of: "\r", with: "\n")
        }
        // Pure ASCII is already NFC.
        if result.utf8.allSatisfy({ $0 < 0x80 }) { return result }
        return result.precomposedStringWithCanonicalMapping
    }
}
