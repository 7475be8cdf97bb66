import Foundation
import Library
import Search

extension SearchQuery {
    /// Whether a stored article passes the query by the query language's own meaning
    /// (`SearchQuery.admits`), from its cleaned text (and title, as the index searches it, unless
    /// `title` is false), entities, quotes, outlet and date; with `stemmer`, a word also matches the other
    /// forms of its stem, as the index finds them.
    public func admits(_ article: StoredArticle, title: Bool = true, stemmer: Stemmer? = nil) -> Bool {
        let bytes = Array(article.body.utf8)
        var entities = article.entities.map { span in
            let name = String(decoding: bytes[span.start..<span.end], as: UTF8.self)
            return (kind: span.kind.rawValue, words: SearchQuery.foldedWords(in: name).map(\.word))
        }
        // Quotes: their speakers for `said:`, direct quotes' words for `quote:`.
        for quote in article.quotes {
            if let speaker = quote.speaker {
                entities.append((SearchQuery.saidKind, SearchQuery.foldedWords(in: speaker).map(\.word)))
            }
            if quote.kind == .direct {
                entities.append(
                    (SearchQuery.quoteKind, SearchQuery.foldedWords(in: quote.words(in: article.body)).map(\.word)))
            }
        }
        let words = SearchQuery.foldedWords(in: (title ? article.summary.title ?? "" : "") + "\n" + article.body).map(
            \.word)
        return admits(
            words: words, entities: entities, outlet: article.summary.outlet,
            published: article.summary.published?.iso, storyOutlets: article.summary.storyOutlets,
            stem: { stemmer?.stem($0) ?? $0 })
    }
}

/// Queries whose answers every index must agree on: the query tests' own, over the sample store,
/// and queries made from the words, names, outlets and dates of any articles.
public enum QueryMeaningCases {
    /// The day `since:` counts back from in `sampleQueries`: 2024-06-26.
    public static let sampleToday = Date(timeIntervalSince1970: 1_719_360_000)

    /// Queries over the five sample articles.
    public static let sampleQueries = [
        "putin", "putin -kirby", "kirby OR \"kim jong un\"", "(putin OR kirby) -pyongyang", "-putin",
        "korea -(rusia OR ukraina)", "person:putin -place:ukraina", "person:kirby OR org:\"gedung putih\"",
        "person:kim", "person:jong", "person:put", "perjanji*", "kor* -kirby", "pyong* OR amer*", "outlet:genpi",
        "outlet:radar putin",
        "outlet:g", "date:2024-06", "from:2024-06-21", "to:2024-06-20 putin", "since:2d", "since:10d korea",
        "sort:old korea", "place:\"korea utara\" -kirby", "\"korea utara\" OR \"amerika serikat\"",
        // Words whose other forms are in the articles: `perjanjian` for janji, `memperkuat`
        // and `terkuat` for kuat, `diserang` for serangan, `kunjungan` for berkunjung.
        "janji", "kuat -janji", "serangan", "berkunjung", "bertemu OR diserang", "perkuat putin",
        // The five are one story of five outlets.
        "story:5 kirby", "story:6", "story:2 -putin",
        // Quotes: who said something, and words inside a quote.
        "said:blinken", "said:putin -said:kim", "said:miller OR said:stoltenberg", "quote:amunisi",
        "quote:\"kerja sama\" -said:putin", "putin -quote:putin", "said:\"jens stoltenberg\"",
        // A word next to a no-break space, found through another form of its stem.
        "menandatangani -kirby",
    ]

    /// Queries over the five sample articles that the plain meaning does not model (compound
    /// roots written apart), which every index must still answer alike.
    public static let sampleCompoundQueries = ["kerja sama", "kerjasama", "tanda tangan", "bertanggung jawab"]

    /// Queries made from the articles themselves: for each, words of its title alone, excluded
    /// and in OR, a phrase and a prefix of its body, its names by kind, its speakers, its outlet's
    /// first letters and its month.
    public static func queries(for articles: [StoredArticle]) -> [String] {
        var queries: [String] = []
        var previousWord: String?
        for article in articles {
            let title = SearchQuery.foldedWords(in: article.summary.title ?? "").map(\.word).filter { $0.count > 3 }
            let body = SearchQuery.foldedWords(in: article.body).map(\.word).filter { $0.count > 2 }
            if let word = title.first {
                queries.append(word)
                if let previousWord { queries += ["\(word) -\(previousWord)", "\(word) OR \(previousWord)"] }
                previousWord = word
            }
            if title.count > 2 { queries.append("\(title[1]) \(title[2])") }
            if body.count > 40 {
                queries.append("\"\(body[20]) \(body[21])\"")
                queries.append(String(body[30].prefix(4)) + "*")
                queries.append("\(body[35]) -\(body[36])")
            }
            let bytes = Array(article.body.utf8)
            for span in article.entities.prefix(4) {
                let name = SearchQuery.foldedWords(in: String(decoding: bytes[span.start..<span.end], as: UTF8.self))
                    .map(\.word)
                guard !name.isEmpty else { continue }
                let field = ["PER": "person", "ORG": "org", "LOC": "place"][span.kind.rawValue] ?? "person"
                queries.append("\(field):\"\(name.joined(separator: " "))\"")
                queries.append("\(field):\(name.last!) -\(title.first ?? "x")")
            }
            for quote in article.quotes.prefix(2) {
                if let speaker = quote.speaker, let word = SearchQuery.foldedWords(in: speaker).last?.word {
                    queries.append("said:\(word)")
                }
            }
            if let outlet = article.summary.outlet { queries.append("outlet:\(outlet.prefix(3))") }
            if let published = article.summary.published {
                queries.append("date:\(published.iso.prefix(7)) \(body.first ?? "x")")
                queries.append("from:\(published.iso.prefix(10))")
            }
        }
        var seen = Set<String>()
        return queries.filter { seen.insert($0).inserted }
    }
}
