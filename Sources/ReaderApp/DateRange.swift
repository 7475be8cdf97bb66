import Articles
import Foundation

/// Parses what the user types at the date-filter prompt into inclusive day bounds.
///
/// Accepted: `2024-06-20`, `2024-06`, `2024`, and ranges `A..B`, `A..`, `..B` of those.
public enum DateRange {
    public struct ParseError: Error, Hashable, Sendable {
        public var message: String
    }

    public static func parse(_ text: String) throws(ParseError) -> (from: String?, to: String?) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            throw ParseError(message: "type a date such as 2024-06 or 2024-06-01..2024-06-30")
        }
        if let range = trimmed.range(of: "..") {
            let left = String(trimmed[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
            let right = String(trimmed[range.upperBound...]).trimmingCharacters(in: .whitespaces)
            if left.isEmpty && right.isEmpty { throw ParseError(message: "give at least one end of the range") }
            let from = left.isEmpty ? nil : try bounds(of: left).first
            let to = right.isEmpty ? nil : try bounds(of: right).last
            if let from, let to, from > to { throw ParseError(message: "the range ends before it starts") }
            return (from, to)
        }
        let (first, last) = try bounds(of: trimmed)
        return (first, last)
    }

    /// The first and last day named by `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    static func bounds(of text: String) throws(ParseError) -> (first: String, last: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let numbers = parts.map { Int($0) }
        guard !parts.isEmpty, parts.count <= 3, numbers.allSatisfy({ $0 != nil }), parts[0].count == 4 else {
            throw ParseError(message: "`\(text)` is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
        }
        let year = numbers[0]!
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        switch parts.count {
        case 1:
            return ("\(year)-01-01", "\(year)-12-31")
        case 2:
            let month = numbers[1]!
            guard (1...12).contains(month) else { throw ParseError(message: "month \(month) is out of range") }
            return (
                "\(year)-\(two(month))-01",
                "\(year)-\(two(month))-\(two(PublishedDate.daysIn(month: month, year: year)))"
            )
        default:
            let month = numbers[1]!
            let day = numbers[2]!
            guard (1...12).contains(month), (1...PublishedDate.daysIn(month: month, year: year)).contains(day) else {
                throw ParseError(message: "`\(text)` is not a day of the calendar")
            }
            let iso = "\(year)-\(two(month))-\(two(day))"
            return (iso, iso)
        }
    }
}
