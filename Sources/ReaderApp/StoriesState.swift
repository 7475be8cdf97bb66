import Library
import Search
import Stories

/// The Stories pane: the stories of the store as filtered, a story opened as its articles, and
/// two of its articles compared.
public struct StoriesState: Hashable, Sendable {
    /// The stories listed, loaded a page at a time around the view.
    public var list = PagedRows<StorySummary>()
    public var isLoading = false
    /// Stories are loaded for this filter and query; loaded again when either changes.
    public var loadedFor: ArticleFilter?
    public var loadedQuery: SearchQuery?
    public var selection = 0
    public var top = 0
    /// Only stories carried by at least this many outlets are listed.
    public var minimumOutlets = 2
    public var open: OpenStory?
    public var comparison: ComparisonState?

    public init() {}
}

/// A story opened as its articles, earliest first, each copy folded under its original.
public struct OpenStory: Hashable, Sendable {
    public var id: Int64
    public var headline: String
    public var articles: [ArticleSummary]
    /// The article each copy copies, by id.
    public var originals: [Int64: Int64]
    public var selection = 0
    public var top = 0
    /// The article chosen to be compared with the next one chosen.
    public var marked: Int64?

    public init(id: Int64, headline: String, articles: [ArticleSummary], originals: [Int64: Int64]) {
        self.id = id
        self.headline = headline
        self.articles = articles
        self.originals = originals
    }

    /// The rows drawn: each original (or article with no copy), then its copies, indented.
    public var rows: [(article: ArticleSummary, isCopy: Bool)] {
        var result: [(article: ArticleSummary, isCopy: Bool)] = []
        for article in articles where originals[article.id] == nil {
            result.append((article, false))
            for copy in articles where originals[copy.id] == article.id { result.append((copy, true)) }
        }
        return result
    }

    /// Groups the articles' copies: `bodies` are the cleaned texts by id; each copy's original is the
    /// earliest article of its group.
    public static func originals(of articles: [ArticleSummary], bodies: [Int64: String]) -> [Int64: Int64] {
        var groups = CopyGroups()
        var numbered: [Int64] = []
        for article in articles {
            guard let body = bodies[article.id], let signature = MinHashSignature(shingles: Shingles.hashes(of: body))
            else { continue }
            groups.add(signature)
            numbered.append(article.id)
        }
        var result: [Int64: Int64] = [:]
        for group in groups.groups() {
            // Articles come earliest first, so the group's first is the original.
            let original = numbered[group[0]]
            for member in group.dropFirst() { result[numbered[member]] = original }
        }
        return result
    }
}

/// Two articles of a story side by side: the sentences both have, and those only one has.
public struct ComparisonState: Hashable, Sendable {
    public var left: ArticleSummary
    public var right: ArticleSummary
    public var rows: [StoryComparison.Row]
    /// Names each article mentions that the other does not.
    public var leftNames: [String]
    public var rightNames: [String]
    public var scroll = 0

    public init(
        left: ArticleSummary, right: ArticleSummary, rows: [StoryComparison.Row], leftNames: [String],
        rightNames: [String]
    ) {
        self.left = left
        self.right = right
        self.rows = rows
        self.leftNames = leftNames
        self.rightNames = rightNames
    }

    /// Compares two articles: their sentences, and the names (from their entities) each has alone.
    public init(left: StoredArticle, right: StoredArticle) {
        func names(_ article: StoredArticle) -> Set<String> {
            let bytes = Array(article.body.utf8)
            return Set(article.entities.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) })
        }
        let (a, b) = (names(left), names(right))
        self.init(
            left: left.summary, right: right.summary,
            rows: StoryComparison(left: left.body, right: right.body).rows,
            leftNames: a.subtracting(b).sorted(), rightNames: b.subtracting(a).sorted())
    }
}
