import ArticleIndex
import Foundation
import Library
import PostgresIndex
import Search

/// `kabar bench search --database`: the store loaded into the team index, and the table's queries
/// timed there beside SQLite's, in the same run.
enum TeamBench {
    /// The rows compared, by the keys of `BenchSearch`'s figures.
    static let queryRows = ["common", "rare", "phrase", "prefix", "filtered", "browse", "count", "days", "names"]
    /// The rows of this table alone.
    static let ownRows = [
        "days": "timeline of a very common word: day counts",
        "names": "names pane of a common word: top 20 with their days",
    ]
    /// Each query within this many times SQLite's figure.
    static let slowerAtMost = 3.0
    /// Articles loaded per second, at least.
    static let loadingTarget = 3000.0

    /// Loads the store's index into the team index (its rows there replaced first, or with
    /// `reuse` brought up to date) and times the queries; figures under `team-` keys, `team-load`
    /// in articles per second when articles were loaded.
    static func measure(
        index: ArticleIndex, address: DatabaseAddress, store: String, reuse: Bool, bench: BenchSearch
    ) throws -> [String: Figure] {
        var figures: [String: Figure] = [:]
        let loader = try TeamLoader(address: address)
        // Every bench store goes first (the other sizes' too), so the queries see this one alone.
        try loader.session.transaction {
            let found = try loader.session.query(
                "SELECT id FROM kabar_store WHERE name LIKE 'bench-%' AND NOT (name = $1 AND $2)", .of([store, reuse]))
            for id in try found.map({ try $0.decode(Int.self) }) {
                for table in ["kabar_article", "kabar_story", "kabar_skipped"] {
                    try loader.session.query("DELETE FROM \(table) WHERE store = $1", .of([id]))
                }
            }
        }
        bench.log("\(store): loading into \(address)")
        let start = bench.now()
        let report = try loader.load(index, store: store)
        let seconds = bench.now() - start
        try loader.session.query("ANALYZE kabar_article")
        // Brought up to date (`reuse`), a few articles' load is no loading figure.
        if report.added > 0 && !reuse {
            var load = Figure(seconds: [seconds], unit: .seconds)
            load.note = String(
                format:
                    "%.0f articles/s, %d articles; waiting for preparation %.0f s (%.0f/s), writing %.0f s (%.0f/s)",
                Double(report.added) / max(seconds, 1e-9), report.added, report.preparing,
                Double(report.added) / max(report.preparing, 1e-9), report.writing,
                Double(report.added) / max(report.writing, 1e-9))
            figures["team-load"] = load
        }
        let team = try TeamLibrary(address: address)
        for (row, text) in BenchSearch.queries {
            let query = SearchQuery(text)
            var found = ""
            figures["team-" + row] = try bench.timed {
                found = try team.search(query, filter: ArticleFilter(), limit: 50).countText
            }
            figures["team-" + row]?.note = "\(found) matches"
        }
        // The reader's timeline and names pane, on both backends (the main table has no such
        // rows with --queries-only).
        let common = SearchQuery(BenchSearch.queries[0].text)
        let government = SearchQuery("pemerintah")
        let tools: [(row: String, unit: String, work: (any ArticleLibrary) throws -> Int)] = [
            ("days", "days", { try $0.dayCounts(matching: common, filter: ArticleFilter(), byOutlet: false).count }),
            (
                "names", "names",
                {
                    try $0.topEntities(in: .matching(government, ArticleFilter()), cooccurring: nil, limit: 20).count
                }
            ),
        ]
        for tool in tools {
            for (key, library) in [(tool.row, index as any ArticleLibrary), ("team-" + tool.row, team)] {
                var found = 0
                figures[key] = try bench.timed { found = try tool.work(library) }
                figures[key]?.note = "\(found) \(tool.unit)"
            }
        }
        // The count the status line shows, as in the SQLite row: an estimate when the planner
        // expects very many matches.
        var shown = MatchCount(0)
        figures["team-count"] = try bench.timed {
            shown = try team.estimatedMatchCount(common, filter: ArticleFilter())
        }
        let exact = try team.matchCount(common, filter: ArticleFilter())
        figures["team-count"]?.note = shown.isEstimate ? "~\(shown.count) shown, \(exact) exact" : "\(exact) exact"
        return figures
    }

    static func render(columns: [String: [String: Figure]], sizes: [String]) -> String {
        var lines = [
            "| team index (PostgreSQL) |" + sizes.map { " \($0) SQLite | \($0) PostgreSQL |" }.joined() + " target |",
            "|---|" + String(repeating: "---|---|", count: sizes.count) + "---|",
        ]
        var load = "| loading (articles/s) |"
        for size in sizes {
            let figure = columns[size]?["team-load"]
            let rate = figure.flatMap { figure in
                figure.note.flatMap { Double($0.split(separator: " ").first ?? "") }
            }
            let mark = rate.map { $0 >= loadingTarget ? " ✓" : " ✗" } ?? ""
            load += " — | \(figure.map { "\($0.text) [\($0.note ?? "")]\(mark)" } ?? "—") |"
        }
        lines.append(load + " ≥ \(Int(loadingTarget)) articles/s |")
        for row in queryRows {
            let name = ownRows[row] ?? BenchTable.rows.first { $0.0 == row }?.1 ?? row
            var line = "| \(name) |"
            for size in sizes {
                let sqlite = columns[size]?[row]
                let team = columns[size]?["team-" + row]
                var teamText = team.map { "\($0.text) [\($0.note ?? "")]" } ?? "—"
                if let sqlite, let team, sqlite.median > 0 {
                    let ratio = team.median / sqlite.median
                    teamText += String(format: " ×%.1f", ratio) + (ratio <= slowerAtMost ? " ✓" : " ✗")
                }
                let sqliteText = sqlite.map { $0.text + (ownRows[row] != nil ? " [\($0.note ?? "")]" : "") }
                line += " \(sqliteText ?? "—") | \(teamText) |"
            }
            lines.append(line + " ≤ \(Int(slowerAtMost))× SQLite |")
        }
        return lines.joined(separator: "\n")
    }
}
