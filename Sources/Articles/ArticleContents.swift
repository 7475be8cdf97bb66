/// A file's text as kabar reads it, decoded from its first bytes: bounded in size, and refused
/// with a reason when it holds no article.
public struct ArticleContents: Hashable, Sendable {
    /// Files longer than this are read up to it (at a line end when there is one near) and marked
    /// as truncated: 4 MiB, about a thousand times a long news article.
    public static let byteLimit = 4 << 20

    public var text: String
    public var encoding: ArticleText.Encoding
    /// Only the first `byteLimit` bytes were read.
    public var isTruncated: Bool

    /// Why a file is not an article, in words for the user.
    public struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
        public init(_ reason: String) { self.reason = reason }
    }

    /// Decodes a file's first bytes; more than `limit` bytes means the file was longer.
    public static func decode(_ bytes: [UInt8], limit: Int = byteLimit) -> Result<ArticleContents, Problem> {
        if bytes.isEmpty { return .failure(Problem("empty file")) }
        var bytes = bytes
        let isTruncated = bytes.count > limit
        if isTruncated { bytes = cut(bytes, at: limit) }
        let isUTF16 = bytes.count >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF)
        if !isUTF16 && bytes.contains(0) { return .failure(Problem("binary file (contains NUL bytes)")) }
        let (text, encoding) = ArticleText.decodeDetecting(bytes)
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace || $0 == "\u{FEFF}" }) {
            return .failure(Problem("only whitespace"))
        }
        return .success(ArticleContents(text: text, encoding: encoding, isTruncated: isTruncated))
    }

    /// The first `limit` bytes, ending at the last line end of their final 64 KiB when there is one.
    /// Else at the limit, moved back to the start of a UTF-8 character it would split (an even
    /// count for UTF-16).
    static func cut(_ bytes: [UInt8], at limit: Int) -> [UInt8] {
        let window = max(0, limit - (64 << 10))
        if let newline = bytes[window..<limit].lastIndex(of: 0x0A) { return Array(bytes[..<(newline + 1)]) }
        if bytes.count >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return Array(bytes[..<(limit & ~1)])
        }
        var end = limit
        while end > 0 && limit - end < 3 && bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return Array(bytes[..<end])
    }
}
