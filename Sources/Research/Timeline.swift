import Articles
import Library

/// Articles over time: counts per day, week or month from the first dated article to the last,
/// periods without articles included, in all and (when asked) outlet by outlet.
public struct Timeline: Hashable, Sendable {
    /// How long one period of the timeline is.
    public enum Unit: String, CaseIterable, Hashable, Sendable {
        case day, week, month

        /// The unit for a span of days: days up to three months, weeks up to two years, else months.
        public static func fitting(spanDays: Int64) -> Unit {
            spanDays <= 92 ? .day : spanDays <= 731 ? .week : .month
        }
    }

    /// One period: its first and last day (`YYYY-MM-DD`, weeks from Monday) and its label.
    public struct Period: Hashable, Sendable {
        public var first: String
        public var last: String
        /// `2024-06-19`, `2024-W25` (the ISO week) or `2024-06`.
        public var label: String
    }

    /// One outlet's counts, period by period (nil: articles whose outlet is not known).
    public struct OutletRow: Hashable, Sendable {
        public var outlet: String?
        public var counts: [Int]
        public var total: Int { counts.reduce(0, +) }
    }

    public var unit: Unit
    public var periods: [Period]
    /// Articles of every outlet, period by period.
    public var counts: [Int]
    /// By outlet, most articles first, when the day counts were by outlet.
    public var outlets: [OutletRow]

    public var total: Int { counts.reduce(0, +) }

    /// The timeline of day counts (by outlet when they carry outlets), in `unit` or the unit fitting
    /// their span.
    public init(days: [DayCount], unit: Unit? = nil) {
        let dated = days.compactMap { count in
            PublishedDate(iso: count.day).map { (day: $0.daysSince1900, count: count) }
        }
        guard let first = dated.map(\.day).min(), let last = dated.map(\.day).max() else {
            self.unit = unit ?? .day
            periods = []
            counts = []
            outlets = []
            return
        }
        let unit = unit ?? Unit.fitting(spanDays: last - first + 1)
        self.unit = unit
        let start = Self.periodStart(of: first, unit: unit)
        var periods: [Period] = []
        var starts: [Int64] = []
        var day = start
        while day <= last {
            let next = Self.nextPeriodStart(after: day, unit: unit)
            periods.append(
                Period(
                    first: PublishedDate(daysSince1900: day).isoDay,
                    last: PublishedDate(daysSince1900: next - 1).isoDay,
                    label: Self.label(of: day, unit: unit)))
            starts.append(day)
            day = next
        }
        self.periods = periods
        func index(of day: Int64) -> Int {
            // Periods are in order: the last one starting on or before the day.
            var low = 0
            var high = starts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if starts[middle] <= day { low = middle } else { high = middle - 1 }
            }
            return low
        }
        var counts = Array(repeating: 0, count: periods.count)
        var byOutlet: [String?: [Int]] = [:]
        let hasOutlets = days.contains { $0.outlet != nil }
        for (day, count) in dated {
            let at = index(of: day)
            counts[at] += count.count
            if hasOutlets {
                byOutlet[count.outlet, default: Array(repeating: 0, count: periods.count)][at] += count.count
            }
        }
        self.counts = counts
        outlets = byOutlet.map { OutletRow(outlet: $0.key, counts: $0.value) }
            .sorted {
                // Most articles first; on a tie, named outlets by name, the unknown outlet last.
                if $0.total != $1.total { return $0.total > $1.total }
                return ($0.outlet == nil ? 1 : 0, $0.outlet ?? "") < ($1.outlet == nil ? 1 : 0, $1.outlet ?? "")
            }
    }

    static func periodStart(of day: Int64, unit: Unit) -> Int64 {
        switch unit {
        case .day: return day
        case .week: return day - Int64(PublishedDate(daysSince1900: day).weekday)
        case .month:
            let date = PublishedDate(daysSince1900: day)
            return PublishedDate.daysSince1900(year: date.year, month: date.month, day: 1)
        }
    }

    static func nextPeriodStart(after start: Int64, unit: Unit) -> Int64 {
        switch unit {
        case .day: return start + 1
        case .week: return start + 7
        case .month:
            let date = PublishedDate(daysSince1900: start)
            return date.month == 12
                ? PublishedDate.daysSince1900(year: date.year + 1, month: 1, day: 1)
                : PublishedDate.daysSince1900(year: date.year, month: date.month + 1, day: 1)
        }
    }

    static func label(of start: Int64, unit: Unit) -> String {
        let date = PublishedDate(daysSince1900: start)
        switch unit {
        case .day: return date.isoDay
        case .month: return String(date.isoDay.prefix(7))
        case .week:
            // The ISO week: the week belongs to the year of its Thursday.
            let thursday = PublishedDate(daysSince1900: start + 3)
            let week = (start + 3 - PublishedDate.daysSince1900(year: thursday.year, month: 1, day: 1)) / 7 + 1
            return "\(thursday.year)-W" + (week < 10 ? "0" : "") + String(week)
        }
    }

    /// Day counts gathered into `count` equal spans of days from `first` to `last` (`YYYY-MM-DD`,
    /// inclusive; fewer spans when there are fewer days): the columns of a sparkline that lines up
    /// with others over the same days. Days outside are left out.
    public static func buckets(_ days: [DayCount], first: String, last: String, count: Int) -> [Int] {
        guard let start = PublishedDate(iso: first)?.daysSince1900, let end = PublishedDate(iso: last)?.daysSince1900,
            end >= start, count > 0
        else { return [] }
        let span = end - start + 1
        let columns = Int(min(Int64(count), span))
        var result = Array(repeating: 0, count: columns)
        for day in days {
            guard let number = PublishedDate(iso: day.day)?.daysSince1900, number >= start, number <= end else {
                continue
            }
            result[Int((number - start) * Int64(columns) / span)] += day.count
        }
        return result
    }

    /// Eight heights of block, lowest first; a period without articles is a space.
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// Counts as one character each, the highest count a full block; any article shows at least
    /// the lowest block, none a space.
    public static func sparkline(_ counts: [Int]) -> String {
        let highest = counts.max() ?? 0
        return String(
            counts.map { count -> Character in
                guard count > 0, highest > 0 else { return " " }
                return blocks[min(7, max(0, (count * 8 - 1) / highest))]
            })
    }
}
