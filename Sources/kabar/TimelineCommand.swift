import ArgumentParser
import Foundation
import Library
import Research

/// `kabar timeline`: how many articles matching a query were published per day, week or month.
struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Count the articles matching a query (every article without one) per day, week or month.",
        discussion: """
            One line per period from the first dated match to the last, periods without articles \
            included: period<TAB>first day<TAB>last day<TAB>count<TAB>bar. The period is chosen \
            from the span (days up to three months, weeks, ISO-numbered, up to two years, else \
            months) unless --by says. With --by-outlet a header line names the outlets and each \
            line gives every outlet's count after the total (an outlet the text does not name is \
            "-"). With --json one object per period and line: {"period", "first", "last", \
            "count"}, and "outlets" with --by-outlet. Undated articles are counted on standard \
            error.
            """)

    @Argument(
        parsing: .allUnrecognized, help: ArgumentHelp("The query (as kabar search takes it).", valueName: "query"))
    var query: [String] = []

    @Option(help: ArgumentHelp("The store to read; the bundled sample store when left out.", valueName: "path"))
    var store: String?

    @Option(help: ArgumentHelp("day, week or month (by default, from the span).", valueName: "period"))
    var by: String?

    @Flag(help: "Count outlet by outlet too.")
    var byOutlet = false

    @Flag(help: "Print one JSON object per period and line.")
    var json = false

    @OptionGroup var filterOptions: FilterOptions
    @OptionGroup var options: StoreOptions

    func validate() throws {
        if let by, Timeline.Unit(rawValue: by.lowercased()) == nil {
            throw ValidationError("--by must be day, week or month, not '\(by)'")
        }
        if let option = query.first(where: { $0.hasPrefix("--") && $0.count > 2 }) {
            throw ValidationError("unknown option \(option)")
        }
        _ = try filterOptions.filter()
    }

    func run() throws {
        let given = try filterOptions.filter()
        let parsed = try QueryWords.parse(query)
        let opened = try OpenStore.open(store, options: options, progress: OpenStore.terminalProgress())
        let filter = UserState(store: opened.root).filter(for: parsed, given)
        let days = try opened.index.dayCounts(matching: parsed, filter: filter, byOutlet: byOutlet)
        let timeline = Timeline(days: days, unit: by.flatMap { Timeline.Unit(rawValue: $0.lowercased()) })
        // Counted, not listed: the undated are the matches no period holds.
        let matching =
            try parsed.map { try opened.index.matchCount($0, filter: filter) }
            ?? opened.index.articleCount(matching: filter)
        for line in Self.lines(timeline, json: json, byOutlet: byOutlet) { print(line) }
        if matching > timeline.total {
            let undated = matching - timeline.total
            FileHandle.standardError.write(
                Data("kabar: \(undated) undated article\(undated == 1 ? "" : "s") not counted\n".utf8))
        }
    }

    /// The timeline as lines: TSV with a bar, or JSON objects.
    static func lines(_ timeline: Timeline, json: Bool, byOutlet: Bool) -> [String] {
        let highest = timeline.counts.max() ?? 0
        var lines: [String] = []
        if byOutlet && !json {
            lines.append(
                (["period", "first", "last", "count"] + timeline.outlets.map { $0.outlet ?? "-" })
                    .map(ArticleListing.escaped).joined(separator: "\t"))
        }
        for (index, period) in timeline.periods.enumerated() {
            let count = timeline.counts[index]
            if json {
                var object: [String: Any] = [
                    "period": period.label, "first": period.first, "last": period.last, "count": count,
                ]
                if byOutlet {
                    var outlets: [String: Int] = [:]
                    for row in timeline.outlets where row.counts[index] > 0 {
                        outlets[row.outlet ?? "-"] = row.counts[index]
                    }
                    object["outlets"] = outlets
                }
                lines.append(jsonLine(object))
            } else {
                var fields = [period.label, period.first, period.last, String(count)]
                if byOutlet {
                    fields += timeline.outlets.map { String($0.counts[index]) }
                } else {
                    let width = highest == 0 ? 0 : (count * 40 + highest - 1) / highest
                    fields.append(String(repeating: "█", count: width))
                }
                lines.append(fields.joined(separator: "\t"))
            }
        }
        return lines
    }
}
