import Entities
import Search

/// A person, organisation or place an article names, and how many times it does (short forms
/// of the name included).
public struct NamedEntity: Hashable, Sendable {
    public var kind: EntityKind
    /// The name as the article most often writes its fullest form.
    public var name: String
    public var mentions: Int

    public init(kind: EntityKind, name: String, mentions: Int) {
        self.kind = kind
        self.name = name
        self.mentions = mentions
    }

    /// The entities of a text from its entity spans, most mentioned first.
    public static func entities(in text: String, spans: [EntitySpan]) -> [NamedEntity] {
        EntityDirectory.entries(in: text, spans: spans).map {
            NamedEntity(kind: $0.kind, name: $0.name, mentions: $0.mentions.count)
        }
    }
}

/// How many articles were published on one day (`YYYY-MM-DD`), of one outlet when counted by
/// outlet (nil: the outlet is not known, or the counts are not by outlet).
public struct DayCount: Hashable, Sendable {
    public var day: String
    public var outlet: String?
    public var count: Int

    public init(day: String, outlet: String? = nil, count: Int) {
        self.day = day
        self.outlet = outlet
        self.count = count
    }
}

/// A person, organisation or place of a view, with how many of the view's articles name it and
/// how many do so each day.
public struct EntityCount: Hashable, Sendable {
    public var kind: EntityKind
    public var name: String
    public var articles: Int
    /// The view's articles naming it, per day of publication (undated ones left out).
    public var days: [DayCount]

    public init(kind: EntityKind, name: String, articles: Int, days: [DayCount]) {
        self.kind = kind
        self.name = name
        self.articles = articles
        self.days = days
    }
}

/// The articles of a view, as the entity table and other summaries of it take them: those
/// matching a query (all when nil) and a filter, or one story's.
public enum ArticleView: Hashable, Sendable {
    case matching(SearchQuery?, ArticleFilter)
    case story(Int64)
}
