import Articles

/// Article ids in publication order: the minute an article was published (counted from
/// 1900-01-01, 0 for undated articles) above a 24-bit sequence number. Newest first is then the
/// order of ids, and a range of days is a range of ids.
enum ArticleKey {
    static let sequenceBits: Int64 = 24
    static let sequenceLimit: Int64 = 1 << sequenceBits

    /// Minutes since 1900-01-01 00:00, at least 1; 0 for no date.
    static func minute(of date: PublishedDate?) -> Int64 {
        guard let date else { return 0 }
        let days = daysSinceEpoch(year: date.year, month: date.month, day: date.day)
        return max(1, days * 1440 + Int64(date.hour ?? 0) * 60 + Int64(date.minute ?? 0))
    }

    /// The first id of a minute.
    static func firstID(ofMinute minute: Int64) -> Int64 { minute << sequenceBits }

    /// The ids of articles published from `fromDay` to `toDay` (`YYYY-MM-DD`, inclusive), as a
    /// half-open range; nil when neither bound is set.
    static func range(fromDay: String?, toDay: String?) -> Range<Int64>? {
        guard fromDay != nil || toDay != nil else { return nil }
        var lower = firstID(ofMinute: 1)
        var upper = Int64.max
        if let fromDay, let (y, m, d) = parse(day: fromDay) {
            lower = max(lower, firstID(ofMinute: max(1, daysSinceEpoch(year: y, month: m, day: d) * 1440)))
        }
        if let toDay, let (y, m, d) = parse(day: toDay) {
            upper = firstID(ofMinute: max(1, (daysSinceEpoch(year: y, month: m, day: d) + 1) * 1440))
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
