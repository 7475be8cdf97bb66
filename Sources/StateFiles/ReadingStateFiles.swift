import Foundation
import ReaderApp

/// The reading state in files of kabar's state folder, never in the store: one file of marks per
/// store, and one file naming the theme last chosen with `t`.
public struct ReadingStateFiles: ReadingStateStore {
    /// The store's marks, in the format of `ReadingMarks.serialized`.
    public let marksURL: URL
    /// The theme's name on one line.
    public let themeURL: URL

    public init(marks: URL, theme: URL) {
        marksURL = marks
        themeURL = theme
    }

    /// The marks in the file; none when it does not exist yet. Throws when the file is not UTF-8 or
    /// has a line that is not a mark.
    public func loadMarks() throws -> ReadingMarks {
        guard FileManager.default.fileExists(atPath: marksURL.path) else { return ReadingMarks() }
        let data = try Data(contentsOf: marksURL)
        guard let text = String(data: data, encoding: .utf8) else {
            throw FileError(url: marksURL, reason: "not UTF-8 text")
        }
        let marks = ReadingMarks(parsing: text)
        // Saving would drop the lines it cannot read: the caller must leave such a file alone.
        if let problem = marks.problems.first { throw FileError(url: marksURL, reason: problem.description) }
        return marks
    }

    /// Writes the marks, replacing the file at once (a crash leaves the old file or the new one).
    public func saveMarks(_ marks: ReadingMarks) throws {
        try write(marks.serialized, to: marksURL)
    }

    public func rememberedTheme() -> String? {
        guard let text = try? String(contentsOf: themeURL, encoding: .utf8) else { return nil }
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return name.isEmpty ? nil : name
    }

    public func rememberTheme(_ name: String) throws {
        try write(name + "\n", to: themeURL)
    }

    private func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .atomic)
    }

    /// A state file that could not be read, with the reason.
    public struct FileError: Error, CustomStringConvertible {
        public var url: URL
        public var reason: String
        public var description: String { "\(url.path): \(reason)" }
    }
}
