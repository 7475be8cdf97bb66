import Articles

/// Article ids in publication order, all positive. A dated article's id holds the minute it was
/// published (counted from 1900-01-01 00:00; a date without a time of day stands before the day's
/// first minute) above a 6-bit sequence number, and every dated id lies above the block of
/// undated articles' ids. Newest first is then the order of ids, undated articles last, and a
/// range of days is a range of ids. A minute with more than 64 articles goes on into the next
/// minute's ids.
public enum ArticleKey {
    public static let sequenceBits: Int64 = 6
    /// Slots of a day: one for a date without a time, then one per minute.
    public static let slotsPerDay: Int64 = 1 + 24 * 60
    /// The first id of undated articles; they count up towards `firstDatedID`.
    public static let firstUndatedID: Int64 = 1
    /// The first id of dated articles: below it, every id is an undated article's.
    public static let firstDatedID: Int64 = 1 << 32

    /// The publication slot of a date: its day (counted from 1900-01-01, 0 for earlier dates)
    /// times `slotsPerDay`, plus 1 + the minute of the day when the time is known; nil for no date.
    public static func slot(of date: PublishedDate?) -> Int64? {
        guard let date else { return nil }
        let day = max(0, daysSinceEpoch(year: date.year, month: date.month, day: date.day))
        var minute: Int64 = 0
        if let hour = date.hour, let minutes = date.minute { minute = 1 + Int64(hour * 60 + minutes) }
        return day * slotsPerDay + minute
    }

    /// The first id of a slot.
    public static func firstID(ofSlot slot: Int64) -> Int64 { firstDatedID + (slot << sequenceBits) }

    /// The first id of a day.
    public static func firstID(ofDay day: Int64) -> Int64 { firstID(ofSlot: day * slotsPerDay) }

    /// The minute of a publication slot, counted from 1900-01-01 00:00 (a date without a time of
    /// day counts as its first minute).
    public static func minute(ofSlot slot: Int64) -> Int64 {
        slot / slotsPerDay * 24 * 60 + max(0, slot % slotsPerDay - 1)
    }

    /// The day of a minute counted as `minute(ofSlot:)` counts them.
    public static func day(ofMinute minute: Int64) -> Int64 { minute >= 0 ? minute / (24 * 60) : 0 }

    /// The civil date of a day counted from 1900-01-01.
    public static func date(ofDay day: Int64) -> PublishedDate { PublishedDate(daysSince1900: day) }

    /// Whether an id is an undated article's.
    public static func isUndated(_ id: Int64) -> Bool { id < firstDatedID }

    /// The ids of articles published from `fromDay` to `toDay` (`YYYY-MM-DD`, inclusive), as a
    /// half-open range; nil when neither bound is set. Undated articles are in no range.
    public static func range(fromDay: String?, toDay: String?) -> Range<Int64>? {
        guard fromDay != nil || toDay != nil else { return nil }
        var lower = firstDatedID
        var upper = Int64.max
        if let fromDay, let (y, m, d) = parse(day: fromDay) {
            lower = firstID(ofDay: max(0, daysSinceEpoch(year: y, month: m, day: d)))
        }
        if let toDay, let (y, m, d) = parse(day: toDay) {
            upper = firstID(ofDay: max(0, daysSinceEpoch(year: y, month: m, day: d) + 1))
        }
        return lower < upper ? lower..<upper : lower..<lower
    }

    /// Undated ids are counted in blocks of 2^12 in `article_day`.
    public static let undatedBlockBits: Int64 = 12

    /// What `article_day` counts an id under: a dated article's day (0 and up, read from its id,
    /// so that an article of a full minute's last id may count on the next day), and for undated
    /// articles their block of 4,096 ids, as -1, -2, and so on.
    public static func bucket(of id: Int64) -> Int64 {
        id >= firstDatedID ? ((id - firstDatedID) >> sequenceBits) / slotsPerDay : -1 - (id >> undatedBlockBits)
    }

    /// The ids counted under a bucket of `bucket(of:)`.
    public static func ids(ofBucket bucket: Int64) -> Range<Int64> {
        guard bucket < 0 else { return firstID(ofDay: bucket)..<firstID(ofDay: bucket + 1) }
        return max(firstUndatedID, (-1 - bucket) << undatedBlockBits)..<min(firstDatedID, -bucket << undatedBlockBits)
    }

    public static func parse(day: String) -> (Int, Int, Int)? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return (parts[0], parts[1], parts[2])
    }

    /// Days from 1900-01-01 to a civil date (proleptic Gregorian).
    public static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int64 {
        PublishedDate.daysSince1900(year: year, month: month, day: day)
    }
}
