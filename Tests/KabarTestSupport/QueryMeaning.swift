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
