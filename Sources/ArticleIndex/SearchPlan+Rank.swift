import Foundation
import GRDB
import Library

extension SearchPlan {
    /// How much a match weighs in each FTS column, as ranking sees it: title, body, outlet.
    static let columnWeights: [Double] = [4, 1, 0]

    /// Articles a word's weight is counted from at most; past them it is estimated.
    static let weightCountingLimit = 1000

    /// The phrases of the MATCH expression in order (as FTS5 numbers them), each with the group of
    /// phrases one column filter gives (`{title body} : ("a" OR "b")`, `outlet : ^"x"*`); nil when
    /// the expression is not one this plan writes.
    static func phrases(of match: String) -> [(text: String, group: Int, inText: Bool)]? {
        let textFilter = Array((Expander.textColumns + " : ").utf8)
        let outletFilter = Array("outlet : ".utf8)
        let bytes = Array(match.utf8)
        var phrases: [(text: String, group: Int, inText: Bool)] = []
        var group = -1
        var inText = false
        var index = 0
        func starts(_ prefix: [UInt8]) -> Bool {
            index + prefix.count <= bytes.count && Array(bytes[index..<(index + prefix.count)]) == prefix
        }
        /// A quoted string from `index`, its closing quote and a `*` after it included.
        func quoted() -> String? {
            let start = index
            index += 1
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") {
                        index += 2
                        continue
                    }
                    index += 1
                    if index < bytes.count && bytes[index] == UInt8(ascii: "*") { index += 1 }
                    return String(decoding: bytes[start..<index], as: UTF8.self)
                }
                index += 1
            }
            return nil
        }
        while index < bytes.count {
            if starts(textFilter) {
                group += 1
                inText = true
                index += textFilter.count
            } else if starts(outletFilter) {
                group += 1
                inText = false
                index += outletFilter.count
            } else if bytes[index] == UInt8(ascii: "\"") {
                guard group >= 0, var text = quoted() else { return nil }
                // `"a" + "b"` is one phrase.
                while true {
                    var next = index
                    while next < bytes.count && bytes[next] == UInt8(ascii: " ") { next += 1 }
                    guard next < bytes.count && bytes[next] == UInt8(ascii: "+") else { break }
                    next += 1
                    while next < bytes.count && bytes[next] == UInt8(ascii: " ") { next += 1 }
                    guard next < bytes.count && bytes[next] == UInt8(ascii: "\"") else { return nil }
                    index = next
                    guard let more = quoted() else { return nil }
                    text += " + " + more
                }
                phrases.append((text, group, inText))
            } else {
                index += 1
            }
        }
        return phrases
    }

    /// `kabar_rank`'s argument for this plan's MATCH: the `columnWeights`, as the ranking by
    /// `bm25` has them too, and for each phrase the weight of its word (every form of a word one
    /// weight) from how many articles have it: counted up to `weightCountingLimit`, past it
    /// estimated from how far back the newest that many reach (`article_day`). Nil when there is
    /// no MATCH or it cannot be read.
    func rankWeights(in db: Database, countingUpTo limit: Int = weightCountingLimit) throws -> String? {
        guard let match, let phrases = Self.phrases(of: match), !phrases.isEmpty else { return nil }
        let total = Double(max(1, try ArticleIndex.articleTotal(in: db)))
        // Rows of changed and deleted files stay in the FTS table: they are not counted (a
        // crawl's rewritten files are the newest rows, and would make a word seem common).
        let live = hasGhosts ? "AND \(Self.notGhost)" : ""
        var weights: [Int: Double] = [:]
        for group in Set(phrases.map(\.group)) {
            let members = phrases.filter { $0.group == group }
            guard members.first?.inText == true else {
                weights[group] = 0
                continue
            }
            let expression = Expander.inText(anyOf: members.map(\.text))
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*) AS n, min(r) AS oldest
                    FROM (SELECT m.rowid AS r FROM fts m WHERE fts MATCH ? \(live) ORDER BY m.rowid DESC LIMIT ?)
                    """,
                arguments: [expression, limit])
            let counted = row?["n"] as Int? ?? 0
            var articles = Double(counted)
            if counted >= limit, let oldest = row?["oldest"] as Int64? {
                // The newest `limit` reach back to `oldest`: as a share of the articles that new.
                let newer =
                    try Double.fetchOne(
                        db,
                        sql: """
                            SELECT sum(CASE WHEN day > ?1 THEN articles ELSE articles / 2.0 END)
                            FROM article_day WHERE day >= ?1
                            """,
                        arguments: [ArticleKey.bucket(of: oldest)]) ?? 0
                articles = min(total, Double(counted) * total / max(newer, Double(counted)))
            }
            let weight = log((total - articles + 0.5) / (articles + 0.5))
            weights[group] = weight > 0 ? weight : 1e-6
        }
        return RankFunction.Weights.argument(
            columns: Self.columnWeights, phrases: phrases.map { weights[$0.group] ?? 0 })
    }
}
