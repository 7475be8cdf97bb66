import ArticleFiles
import Articles
import Foundation

extension ArticleFile {
    /// An article file's text, read as the indexer reads it (bounded in size, binary files
    /// refused, Windows-1252 and UTF-16 decoded); an error naming the file and the reason when it
    /// holds no article.
    static func text(at path: String) throws -> String {
        switch read(path: path) {
        case .success(let contents):
            if contents.isTruncated { noteTruncated(path) }
            return contents.text
        case .failure(let problem): throw CommandFailure("\(path): \(problem.reason)")
        }
    }

    /// Tells on standard error that only the beginning of a long file is read.
    static func noteTruncated(_ path: String) {
        FileHandle.standardError.write(
            Data("kabar: \(path): longer than \(byteLimit >> 20) MiB; only its beginning is read\n".utf8))
    }
}

/// Reads the files a command goes through one after another, each as the indexer reads it: a
/// file that cannot be read is named on standard error with the reason and skipped.
struct ArticleFileReader {
    /// How many files were skipped.
    private(set) var skipped = 0

    /// The file's text, or nil when it was skipped.
    mutating func text(at path: String) -> String? {
        do {
            return try ArticleFile.text(at: path)
        } catch {
            FileHandle.standardError.write(Data("kabar: skipping \(error)\n".utf8))
            skipped += 1
            return nil
        }
    }
}
