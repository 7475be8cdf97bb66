import Articles

/// Article ids in publication order: the day an article was published (counted from 1900-01-01)
/// above a 10-bit sequence number, and negative ids for undated articles. Newest first is then the
/// order of ids, and a range of days is a range of ids. Ids stay close together, which keeps the
/// FTS index's row-id deltas short. A day with more than 1,024 articles goes on into the next
/// day's ids.
enum ArticleKey {
    static let sequenceBits: Int64 = 10
    /// The first id of undated articles; they count up towards 0.
    static let undatedBase: Int64 = -(1 << 40)

    /// Days since 1900-01-01 (0 for earlier dates), nil for no date.
    static func day(of date: PublishedDate?) -> Int64? {
        guard let date else { return nil }
        return max(0, daysSinceEpoch(year: date.year, month: date.month, day: date.day))
    }

    /// The first id of a day.
    static func firstID(ofDay day: Int64) -> Int64 { day << sequenceBits }

    /// The ids of articles published from `fromDay` to `toDay` (`YYYY-MM-DD`, inclusive), as a
    /// half-open range; nil when neither bound is set. Undated articles are in no range.
    static func range(fromDay: String?, toDay: String?) -> Range<Int64>? {
        guard fromDay != nil || toDay != nil else { return nil }
        var lower: Int64 = 0
        var upper = Int64.max
        if let fromDay, let (y, m, d) = parse(day: fromDay) {
            lower = firstID(ofDay: max(0, daysSinceEpoch(year: y, month: m, day: d)))
        }
        if let toDay, let (y, m, d) = parse(day: toDay) {
            upper = firstID(ofDay: max(0, daysSinceEpoch(year: y, month: m, day: d) + 1))
        }
        return lower < upper ? lower..<upper : lower..<lower
    }

    static func parse(day: String) -> (Int, Int, Int)? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return (parts[0], parts[1], parts[2])
    }

    /// Days from 1900-01-01 to a civil date (proleptic Gregorian).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int64 {
        func civil(_ y: Int, _ m: Int, _ d: Int) -> Int64 {
            let y = Int64(m <= 2 ? y - 1 : y)
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let mp = Int64((m + 9) % 12)
            let doy = (153 * mp + 2) / 5 + Int64(d) - 1
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
            return era * 146_097 + doe
        }
        return civil(year, month, day) - civil(1900, 1, 1)
    }
}
