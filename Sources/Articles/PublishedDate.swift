/// A publication date as the page shows it, in the page's local time; the time is optional.
public struct PublishedDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int?
    public var minute: Int?

    public init(year: Int, month: Int, day: Int, hour: Int? = nil, minute: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
    }

    /// Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
    public init?(iso: String) {
        let parts = iso.split(separator: "T", maxSplits: 1)
        guard let datePart = parts.first else { return nil }
        let ymd = datePart.split(separator: "-").compactMap { Int($0) }
        guard ymd.count == 3, datePart.count == 10 else { return nil }
        self.init(year: ymd[0], month: ymd[1], day: ymd[2])
        if parts.count == 2 {
            let hm = parts[1].split(separator: ":").compactMap { Int($0) }
            guard hm.count >= 2 else { return nil }
            hour = hm[0]
            minute = hm[1]
        }
        guard isValid else { return nil }
    }

    public var isValid: Bool {
        guard (1900...2200).contains(year), (1...12).contains(month) else { return false }
        guard (1...PublishedDate.daysIn(month: month, year: year)).contains(day) else { return false }
        if let hour, !(0...23).contains(hour) { return false }
        if let minute, !(0...59).contains(minute) { return false }
        return true
    }

    /// `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM` when the time is known.
    public var iso: String {
        let date = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        guard let hour, let minute else { return date }
        return date + "T\(pad(hour, 2)):\(pad(minute, 2))"
    }

    /// `YYYY-MM-DD` alone.
    public var isoDay: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }

    /// Days from 1900-01-01 to the date (proleptic Gregorian; negative before 1900).
    public var daysSince1900: Int64 { Self.daysSince1900(year: year, month: month, day: day) }

    /// Days from 1900-01-01 to a civil date (proleptic Gregorian).
    public static func daysSince1900(year: Int, month: Int, day: Int) -> Int64 {
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

    /// The date `days` days after 1900-01-01, without a time of day.
    public init(daysSince1900 days: Int64) {
        // Days from 0000-03-01 to 1900-01-01, then the inverse of `daysSince1900`.
        let z = days + 693_901
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), month: Int(m), day: Int(d))
    }

    /// The day of the week, 0 for Monday to 6 for Sunday.
    public var weekday: Int { Int(((daysSince1900 % 7) + 7) % 7) }  // 1900-01-01 was a Monday

    public var description: String { iso }

    public static func < (lhs: PublishedDate, rhs: PublishedDate) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.hour ?? -1, lhs.minute ?? -1)
            < (rhs.year, rhs.month, rhs.day, rhs.hour ?? -1, rhs.minute ?? -1)
    }

    /// Days in a month of the Gregorian calendar.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
