import Entities
import Foundation
import GRDB
import Library
import Quotes
import Search

/// Quotes in the index: who said what, in which article and where.
extension ArticleIndex {
    /// One row a quote: its article, where it starts in the cleaned text, what kind it is, its
    /// speaker (the resolved name, and its folded words for looking it up), role and cue, and the
    /// beginning of its words (the text itself stays in the store).
    static let quoteTable = """
        CREATE TABLE quote(
            article INTEGER NOT NULL, start INTEGER NOT NULL, kind TEXT NOT NULL, speaker TEXT, speaker_key TEXT,
            role TEXT, cue TEXT, excerpt TEXT NOT NULL, PRIMARY KEY (article, start)) WITHOUT ROWID;
        CREATE INDEX quote_speaker ON quote(speaker_key);
        """

    /// Longest beginning of a quote's words kept in the index, in characters.

    /// A quote as the index keeps it.
    struct PreparedQuote: Sendable {
        var start: Int
        var kind: QuoteKind
        var speaker: String?
        var role: String?
        var cue: String?
        var excerpt: String
    }

    /// The quotes of a cleaned text as rows, and the text of the `said` and `quoted` columns of the
    /// full-text table: the speakers' names and the direct quotes' words, each apart from the next.
    static func prepareQuotes(in body: String, entities: [EntitySpan], sentences: [[TextToken]]) -> (
        quotes: [PreparedQuote], said: String, quoted: String, found: [Quote]
    ) {
        let quotes = QuoteFinder().quotes(in: body, entities: entities, sentences: sentences)
        var prepared: [PreparedQuote] = []
        var speakers: [String] = []
        var quoted: [String] = []
        for quote in quotes {
            let words = quote.words(in: body)
            let excerpt = quote.excerpt(in: body)
            prepared.append(
                PreparedQuote(
                    start: quote.start, kind: quote.kind, speaker: quote.speaker, role: quote.role,
                    cue: Quote.slice(quote.cue, of: body), excerpt: excerpt))
            if let speaker = quote.speaker, !speakers.contains(speaker) { speakers.append(speaker) }
            if quote.kind == .direct { quoted.append(words) }
        }
        let separator = " \(nameSeparator) "
        return (prepared, speakers.joined(separator: separator), quoted.joined(separator: separator), quotes)
    }

    /// The folded words of a name, space-separated, as `speaker_key` holds them.
    static func speakerKey(_ name: String) -> String {
        SearchQuery.foldedWords(in: name).map(\.word).joined(separator: " ")
    }

    static func storeQuotes(_ quotes: [PreparedQuote], of article: Int64, in db: Database) throws {
        for quote in quotes {
            try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO quote(article, start, kind, speaker, speaker_key, role, cue, excerpt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(
                arguments: [
                    article, quote.start, quote.kind.rawValue, quote.speaker, quote.speaker.map(speakerKey),
                    quote.role, quote.cue, quote.excerpt,
                ])
        }
    }

    static func forgetQuotes(of article: Int64, in db: Database) throws {
        try db.run("DELETE FROM quote WHERE article = ?", [article])
    }

    /// SQL and arguments matching speakers whose name has all of `name`'s words (folded words are
    /// letters and digits, so none holds LIKE's `%` or `_`). The names table's `said` column
    /// finds the articles first, so only their quotes are compared word by word.
    static func speakerCondition(_ name: String) -> (sql: String, arguments: StatementArguments)? {
        let words = SearchQuery.foldedWords(in: name).map(\.word)
        guard !words.isEmpty else { return nil }
        let match = "said : (" + words.map(Expander.quoted).joined(separator: " ") + ")"
        let sql =
            "q.article IN (SELECT rowid FROM names WHERE names MATCH ?) AND "
            + words.map { _ in "(' ' || q.speaker_key || ' ') LIKE ?" }.joined(separator: " AND ")
        return (sql, StatementArguments([match] + words.map { "% \($0) %" }))
    }

    /// The quotes of speakers whose name has all of `speaker`'s words (every quote when nil), of
    /// articles passing the filter, newest first.
    public func quotes(bySpeaker speaker: String?, filter: ArticleFilter, limit: Int?) throws -> [QuoteSummary] {
        try database.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let speaker {
                guard let condition = Self.speakerCondition(speaker) else { return [] }
                conditions.append(condition.sql)
                arguments += condition.arguments
            }
            Self.addFilter(filter, alias: "a", idColumn: "a.id", to: &conditions, &arguments)
            arguments += [limit ?? -1]
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.summaryColumns), q.start AS quoteStart, q.kind AS quoteKind, q.speaker AS quoteSpeaker,
                        q.role AS quoteRole, q.cue AS quoteCue, q.excerpt AS quoteExcerpt
                    FROM quote q JOIN article a ON a.id = q.article \(Self.summaryJoin)
                    \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                    ORDER BY a.id DESC, q.start LIMIT ?
                    """,
                arguments: arguments)
            return rows.map { row in
                QuoteSummary(
                    article: Self.summary(row), start: row["quoteStart"],
                    kind: QuoteKind(rawValue: row["quoteKind"]) ?? .direct, speaker: row["quoteSpeaker"],
                    role: row["quoteRole"], cue: row["quoteCue"], excerpt: row["quoteExcerpt"])
            }
        }
    }

    /// How many quotes each of these names has across the index (the speakers whose name has all
    /// of its words); names without quotes are left out.
    public func quoteCounts(speakers: [String]) throws -> [String: Int] {
        try database.read { db in
            var counts: [String: Int] = [:]
            for name in Set(speakers) {
                guard let condition = Self.speakerCondition(name) else { continue }
                let count =
                    try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM quote q WHERE \(condition.sql)", arguments: condition.arguments)
                    ?? 0
                if count > 0 { counts[name] = count }
            }
            return counts
        }
    }
}
