/// What the extractor makes of one page: metadata, and every line labelled.
public struct ExtractedArticle: Hashable, Sendable {
    /// The outlet's domain in lower case (`genpi.co`), when the text names it.
    public var outlet: String?
    public var title: String?
    public var published: PublishedDate?
    /// The page's address, where the scraper saved it beside the text.
    public var url: String?
    public var lines: [LabelledLine]

    public init(outlet: String?, title: String?, published: PublishedDate?, url: String? = nil, lines: [LabelledLine]) {
        self.outlet = outlet
        self.title = title
        self.published = published
        self.url = url
        self.lines = lines
    }

    /// 1-based numbers of the body lines.
    public var bodyLineNumbers: [Int] { lines.filter { $0.kind == .body }.map(\.number) }

    /// The cleaned text: body lines as paragraphs, separated by `\n`.
    public var body: String { lines.filter { $0.kind == .body }.map(\.readableText).joined(separator: "\n") }

    /// Every non-blank line that is not body (title, date and site-name lines included), kept so
    /// the reader can show what was removed and why.
    public var strippedLines: [LabelledLine] { lines.filter { $0.kind != .body && $0.kind != .blank } }
}
