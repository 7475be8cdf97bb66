import Articles
import Foundation

/// Reading one article file from disk: at most `byteLimit` bytes, decoded as `ArticleContents`
/// decodes them, and refused with a reason when it holds no article.
public enum ArticleFile {
    /// Files longer than this are read up to it and marked as truncated (`ArticleContents.byteLimit`).
    public static let byteLimit = ArticleContents.byteLimit

    /// A file's text as kabar reads it.
    public typealias Contents = ArticleContents

    /// Why a file is not an article, in words for the user.
    public typealias Problem = ArticleContents.Problem

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
        return ArticleContents.decode(bytes, limit: limit)
    }
}
