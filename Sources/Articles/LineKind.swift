/// What one line of a scraped page is, as the extractor judges it.
public enum LineKind: String, Hashable, Sendable, Codable, CaseIterable {
    case blank
    /// The journalist's text: lede, paragraphs, quotes, subheads.
    case body
    case title
    /// A line naming the site, such as `samudrafakta.com`.
    case siteName
    /// The publication date line.
    case dateLine
    /// What a scraper wrote about the page: `outlet | date | section | address`, the page's address
    /// alone, `Sumber: https://…`.
    case metadata
    /// An outlet dateline standing alone, with no prose after it: `Liputan6.com, Jakarta -`.
    case dateline
    /// The page header run together on one line: headline, date, credits and dateline.
    case header
    case caption
    /// A picture given only as markup (`<p><img src="…"></p>`), with no words of its own.
    case picture
    /// A post embedded from a social network (`View this post on Instagram`, a tweet's text and
    /// its signature), or its frame.
    case embed
    /// `Baca Juga: …` and similar links to other articles.
    case relatedLink
    /// `Artikel Terkait`, `BERITA TERPOPULER` and other list headers.
    case relatedHeader
    /// A headline listed under a related-articles header.
    case relatedItem
    case advert
    /// Buttons, widgets and other page furniture.
    case navigation
    /// Editor, writer and reporter credits.
    case credit
    /// Follow, subscribe and "read more on" prompts.
    case promo
    case copyright
    /// Initials or a marker closing the article on a line of their own: `(hal/rrd)`, `(*)`.
    case signOff
    /// A paragraph the page repeats word for word.
    case duplicate
    /// A line the wording rules took for body that the line model reads as the page around the
    /// article: menus, lists of other articles, widgets.
    case furniture
    /// A line that recurs on many pages of the same outlet: menus, footers, widget labels.
    case template

    /// A short human name for the kind, as the reader shows it.
    public var label: String {
        switch self {
        case .blank: "blank"
        case .body: "body"
        case .title: "title"
        case .siteName: "site name"
        case .dateLine: "date"
        case .metadata: "scraper metadata"
        case .dateline: "dateline"
        case .header: "page header"
        case .caption: "caption"
        case .picture: "picture"
        case .embed: "embedded post"
        case .relatedLink: "related link"
        case .relatedHeader: "related header"
        case .relatedItem: "related item"
        case .advert: "advert"
        case .navigation: "navigation"
        case .credit: "credit"
        case .promo: "promo"
        case .copyright: "copyright"
        case .signOff: "sign-off"
        case .duplicate: "duplicate"
        case .furniture: "furniture"
        case .template: "template"
        }
    }
}

/// One line of a page with its 1-based number and the extractor's judgement.
public struct LabelledLine: Hashable, Sendable {
    public var number: Int
    /// The line as the file has it.
    public var text: String
    public var kind: LineKind
    /// For body lines with inserted link text removed, the text to keep.
    public var cleanedText: String?
    /// How sure the line model is of the line's kind (body, title or neither): the probability of
    /// its choice; nil where the model did not judge the line.
    public var confidence: Float?

    public init(number: Int, text: String, kind: LineKind, cleanedText: String? = nil, confidence: Float? = nil) {
        self.number = number
        self.text = text
        self.kind = kind
        self.cleanedText = cleanedText
        self.confidence = confidence
    }

    /// The text a reader should see for the line.
    public var readableText: String { cleanedText ?? text }
}
