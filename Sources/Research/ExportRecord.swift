import Entities
import Foundation
import Library

/// One article as an export writes it: where it is, what it says, what it names, and the user's
/// marks and notes on it.
public struct ExportRecord: Hashable, Sendable {
    public var summary: ArticleSummary
    /// The file's full path (its path in the store when the store's folder is not known).
    public var file: String
    /// The cleaned text, paragraphs separated by `\n`.
    public var body: String
    public var entities: [NamedEntity]
    public var isRead: Bool
    public var isStarred: Bool
    /// The user's notes on the article, each with the passage it is attached to.
    public var notes: [ExportNote]

    public init(
        summary: ArticleSummary, file: String, body: String, entities: [NamedEntity], isRead: Bool = false,
        isStarred: Bool = false, notes: [ExportNote] = []
    ) {
        self.summary = summary
        self.file = file
        self.body = body
        self.entities = entities
        self.isRead = isRead
        self.isStarred = isStarred
        self.notes = notes
    }
}

/// A note as exported: the passage it is attached to and what the user wrote.
public struct ExportNote: Hashable, Sendable, Codable {
    public var passage: String
    public var text: String

    public init(passage: String, text: String) {
        self.passage = passage
        self.text = text
    }
}

/// The formats `kabar export` writes.
public enum ExportFormat: String, CaseIterable, Hashable, Sendable {
    /// One JSON object per line.
    case jsonl
    /// Comma-separated values with a header row, quoted as RFC 4180 says (CRLF between records).
    case csv
    /// A readable digest: a heading and a citation per article, its opening and its names.
    case md

    public var fileExtension: String { rawValue }
}
