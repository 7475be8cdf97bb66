/// What the extractor makes of one page: metadata, and every line labelled.
public struct ExtractedArticle: Hashable, Sendable {
    /// The outlet's domain in lower case (`genpi.co`), when the text names it, else as the file's
    /// folders or name suggest it (see `outletByPath`).
    public var outlet: String?
    /// The outlet comes from the file's folders or name: the text names none.
    public var outletByPath: Bool
    /// The outlet as the text names it; nil where it names none.
    public var namedOutlet: String? { outletByPath ? nil : outlet }
    public var title: String?
    public var published: PublishedDate?
    /// The page's address, where the scraper saved it beside the text.
    public var url: String?
    public var lines: [LabelledLine]

    public init(
        outlet: String?, title: String?, published: PublishedDate?, url: String? = nil, lines: [LabelledLine],
        outletByPath: Bool = false
    ) {
        self.outlet = outlet
        self.outletByPath = outletByPath
        self.title = title
        self.published = published
        self.url = url
        self.lines = lines
    }

    /// 1-based numbers of the body lines.
    public var bodyLineNumbers: [Int] { lines.filter { $0.kind == .body }.map(\.number) }

    /// The cleaned text: body lines as paragraphs, separated by `\n`.
    public var body: String { lines.filter { $0.kind == .body }.map(\.readableText).joined(separator: "\n") }

    /// Whether the body is its lines as the file has them (no line cleaned within), so that the
    /// lines' numbers alone give it back.
    public var bodyIsFileLines: Bool { !lines.contains { $0.kind == .body && $0.cleanedText != nil } }

    /// Every non-blank line that is not body (title, date and site-name lines included), kept so
    /// the reader can show what was removed and why.
    public var strippedLines: [LabelledLine] { lines.filter { $0.kind != .body && $0.kind != .blank } }
}
