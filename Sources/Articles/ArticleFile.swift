import Foundation

/// Reading one article file from disk: bounded in size, decoded, and refused with a reason when it
/// holds no article.
public enum ArticleFile {
    /// Files longer than this are read up to it (at a line end when there is one near) and marked
    /// as truncated: 4 MiB, about a thousand times a long news article.
    public static let byteLimit = 4 << 20

    /// A file's text as kabar reads it.
    public struct Contents: Sendable {
        public var text: String
        public var encoding: ArticleText.Encoding
        /// Only the first `byteLimit` bytes were read.
        public var isTruncated: Bool
    }

    /// Why a file is not an article, in words for the user.
    public struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
        public init(_ reason: String) { self.reason = reason }
    }

    /// Reads the file at `path`: at most `limit` bytes, never the whole of a huge file.
    public static func read(path: String, limit: Int = byteLimit) -> Result<Contents, Problem> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(Problem("cannot be read (\(String(cString: strerror(errno))))")) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            return .failure(Problem("cannot be read (\(String(cString: strerror(errno))))"))
        }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(Problem("not a regular file")) }
        // Its listed size and one byte more (up to one past the limit), read straight into place.
        var failure: Int32 = 0
        func fill(_ buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
            var count = 0
            while count < buffer.count {
                let got = Glibc.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
                if got < 0 && errno == EINTR { continue }
                if got < 0 { failure = errno }
                if got <= 0 { break }
                count += got
            }
            return count
        }
        let expected = min(max(0, Int(info.st_size)), limit) + 1
        var bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, count in count = fill(buffer) }
        // Grown since it was listed: read on, up to one byte past the limit.
        var filled = bytes.count == expected
        while failure == 0 && filled && bytes.count <= limit {
            let more = min(64 << 10, limit + 1 - bytes.count)
            let chunk = [UInt8](unsafeUninitializedCapacity: more) { buffer, count in count = fill(buffer) }
            bytes += chunk
            filled = chunk.count == more
        }
        if failure != 0 { return .failure(Problem("cannot be read (\(String(cString: strerror(failure))))")) }
        return decode(bytes, limit: limit)
    }

    /// Decodes a file's first bytes; more than `limit` bytes means the file was longer.
    public static func decode(_ bytes: [UInt8], limit: Int = byteLimit) -> Result<Contents, Problem> {
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
        return .success(Contents(text: text, encoding: encoding, isTruncated: isTruncated))
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
