import Entities
import Foundation
import Library

/// Writes export records as text in one format: a header, one piece per record, nothing after.
public struct ExportWriter: Sendable {
    public var format: ExportFormat
    /// The CSV starts with a byte-order mark, for spreadsheet programs that guess the encoding.
    public var byteOrderMark: Bool
    /// What was exported, as the Markdown digest's heading says it (`putin`, `outlet kompas.com`).
    public var title: String

    public init(format: ExportFormat, byteOrderMark: Bool = false, title: String = "") {
        self.format = format
        self.byteOrderMark = byteOrderMark
        self.title = title
    }

    static let csvColumns = [
        "id", "file", "outlet", "published", "title", "url", "story", "read", "starred", "people", "organisations",
        "places", "notes", "body",
    ]

    /// What comes before the first record; `count` is how many records follow.
    public func header(count: Int) -> String {
        switch format {
        case .jsonl: return ""
        case .csv: return (byteOrderMark ? "\u{FEFF}" : "") + Self.csvColumns.joined(separator: ",") + "\r\n"
        case .md:
            let heading = title.isEmpty ? "Articles" : title.replacingOccurrences(of: "\n", with: " ")
            return "# \(Self.markdownEscaped(heading))\n\n\(count) article\(count == 1 ? "" : "s").\n"
        }
    }

    /// One record as text, ending in its line break.
    public func text(of record: ExportRecord) -> String {
        switch format {
        case .jsonl: return Self.json(record) + "\n"
        case .csv: return csvRow(record)
        case .md: return markdown(record)
        }
    }

    // MARK: - JSON lines

    struct JSONRecord: Encodable {
        struct Entity: Encodable {
            var kind: String
            var name: String
            var mentions: Int
        }
        var id: Int64
        var file: String
        var path: String
        var outlet: String?
        var published: String?
        var title: String?
        var url: String?
        var story: Int64?
        var read: Bool
        var starred: Bool
        var entities: [Entity]
        var notes: [ExportNote]
        var body: String

        // Every key written, null or not, so that every line has the same columns.
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(file, forKey: .file)
            try container.encode(path, forKey: .path)
            try container.encode(outlet, forKey: .outlet)
            try container.encode(published, forKey: .published)
            try container.encode(title, forKey: .title)
            try container.encode(url, forKey: .url)
            try container.encode(story, forKey: .story)
            try container.encode(read, forKey: .read)
            try container.encode(starred, forKey: .starred)
            try container.encode(entities, forKey: .entities)
            try container.encode(notes, forKey: .notes)
            try container.encode(body, forKey: .body)
        }

        enum CodingKeys: String, CodingKey {
            case id, file, path, outlet, published, title, url, story, read, starred, entities, notes, body
        }
    }

    /// One JSON object on one line (JSON writes a newline inside a string as `\n`).
    static func json(_ record: ExportRecord) -> String {
        let summary = record.summary
        let value = JSONRecord(
            id: summary.id, file: record.file, path: summary.path, outlet: summary.outlet,
            published: summary.published?.iso, title: summary.title, url: summary.url, story: summary.story,
            read: record.isRead, starred: record.isStarred,
            entities: record.entities.map { .init(kind: $0.kind.label, name: $0.name, mentions: $0.mentions) },
            notes: record.notes, body: record.body)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and booleans cannot fail.
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    // MARK: - CSV

    func csvRow(_ record: ExportRecord) -> String {
        let summary = record.summary
        func names(_ kind: EntityKind) -> String {
            record.entities.filter { $0.kind == kind }.map { "\($0.name) (\($0.mentions))" }.joined(separator: "; ")
        }
        let fields = [
            String(summary.id), record.file, summary.outlet ?? "", summary.published?.iso ?? "", summary.title ?? "",
            summary.url ?? "", summary.story.map(String.init) ?? "", record.isRead ? "yes" : "no",
            record.isStarred ? "yes" : "no", names(.person), names(.organization), names(.place),
            record.notes.map { "“\($0.passage)”: \($0.text)" }.joined(separator: "\n"), record.body,
        ]
        return fields.map(Self.csvField).joined(separator: ",") + "\r\n"
    }

    /// A field quoted when it holds a comma, a quote or a line break, its quotes doubled. A field
    /// a spreadsheet would read as a formula (`=`, `+`, `-`, `@` first) gets a leading apostrophe.
    static func csvField(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@".contains(first), Double(text) == nil { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: - Markdown

    /// Paragraphs of each article the digest quotes.
    static let digestParagraphs = 2

    func markdown(_ record: ExportRecord) -> String {
        let summary = record.summary
        var text = "\n## \(Self.markdownEscaped(summary.displayTitle))\n\n"
        var citation = [summary.outlet ?? "outlet not named", summary.published.map(\.iso) ?? "undated"]
            .map(Self.markdownEscaped)
        if let url = summary.url { citation.append("<\(url)>") }
        text += "*" + citation[0] + "*, " + citation.dropFirst().joined(separator: ", ") + "  \n"
        text += "File: `\(record.file.replacingOccurrences(of: "`", with: "'"))`"
        var marks: [String] = []
        if record.isStarred { marks.append("starred") }
        if record.isRead { marks.append("read") }
        if !marks.isEmpty { text += " · " + marks.joined(separator: ", ") }
        text += "\n\n"
        let paragraphs = record.body.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        for paragraph in paragraphs.prefix(Self.digestParagraphs) {
            text += Self.markdownEscaped(paragraph) + "\n\n"
        }
        if paragraphs.count > Self.digestParagraphs {
            text += "*… \(paragraphs.count - Self.digestParagraphs) more paragraphs*\n\n"
        }
        for kind in EntityKind.allCases {
            let names = record.entities.filter { $0.kind == kind }.prefix(8).map(\.name)
            if !names.isEmpty {
                text +=
                    "- **\(Self.pluralLabel(kind))**: " + names.map(Self.markdownEscaped).joined(separator: ", ") + "\n"
            }
        }
        for note in record.notes {
            text += "\n> " + Self.markdownEscaped(note.passage).replacingOccurrences(of: "\n", with: "\n> ") + "\n\n"
            text += "Note: " + Self.markdownEscaped(note.text) + "\n"
        }
        return text
    }

    static func pluralLabel(_ kind: EntityKind) -> String {
        switch kind {
        case .person: "People"
        case .organization: "Organisations"
        case .place: "Places"
        }
    }

    /// Text with the characters Markdown would read as markup escaped.
    static func markdownEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\`*_[]<>#|".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
