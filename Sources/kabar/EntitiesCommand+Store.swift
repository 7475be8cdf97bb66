import ArgumentParser
import Foundation
import Library
import Research

/// `kabar entities --store S [QUERY]`: who is in the news, as the reader's `W` shows it.
extension EntitiesCommand {
    func storeTable(_ storePath: String?) throws {
        let parsed = try QueryWords.parse(files)
        let opened = try OpenStore.open(storePath, options: storeOptions, progress: OpenStore.terminalProgress())
        let state = UserState(store: opened.root)
        let view = ArticleView.matching(parsed, state.filter(for: parsed, ArticleFilter()))
        var companion: NamedEntity?
        if let with {
            guard let found = try opened.index.entity(named: with) else {
                throw CommandFailure("no person, organisation or place named \(with) in this store")
            }
            companion = found
        }
        let rows = try opened.index.topEntities(in: view, cooccurring: companion, limit: top)
        let days = rows.flatMap { $0.days.map(\.day) }
        for row in rows {
            if json {
                var perDay: [String: Int] = [:]
                for day in row.days { perDay[day.day] = day.count }
                let object: [String: Any] = [
                    "kind": row.kind.label, "name": row.name, "articles": row.articles, "days": perDay,
                ]
                print(jsonLine(object))
            } else {
                var spark = ""
                if let first = days.min(), let last = days.max() {
                    spark = Timeline.sparkline(Timeline.buckets(row.days, first: first, last: last, count: 24))
                }
                print(
                    [row.kind.rawValue, String(row.articles), ArticleListing.escaped(row.name), spark].joined(
                        separator: "\t"))
            }
        }
    }
}
