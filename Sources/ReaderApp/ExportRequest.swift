import Library
import Research
import Search

/// The articles of a view to export, and the file to write them to.
public struct ExportRequest: Hashable, Sendable {
    /// Which articles: those matching a query (all when nil) and a filter, or one story's.
    public enum Source: Hashable, Sendable {
        case view(SearchQuery?, ArticleFilter)
        case story(Int64)
    }

    public var source: Source
    /// What the view is, in words: the digest's title and the start of the file's name.
    public var name: String
    public var format: ExportFormat
    /// The user's marks as they are now, written beside each article.
    public var marks: ReadingMarks
    /// The user's notes, written beside the articles they are on.
    public var notes = ArticleNotes()
    public var request: Int

    public init(source: Source, name: String, format: ExportFormat, marks: ReadingMarks, request: Int) {
        self.source = source
        self.name = name
        self.format = format
        self.marks = marks
        self.request = request
    }

    /// A file name from the view's name: letters, digits and dashes, at most 60 characters, with
    /// the format's extension (`putin-kim.jsonl`, `outlet-kompas.jsonl`).
    public var fileName: String {
        var slug = ""
        for character in name.lowercased() {
            if character.isLetter || character.isNumber {
                slug.append(character)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.last == "-" { slug.removeLast() }
        let base = slug.isEmpty ? "kabar-export" : String(slug.prefix(60))
        return base + "." + format.fileExtension
    }
}

/// How far an export beside the reader has got.
public struct ExportProgress: Hashable, Sendable {
    public var done: Int
    public var total: Int
    public var request: Int

    public init(done: Int, total: Int, request: Int) {
        self.done = done
        self.total = total
        self.request = request
    }
}
