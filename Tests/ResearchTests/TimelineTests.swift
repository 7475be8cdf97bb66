import Library
import Testing

@testable import Research

@Suite("Timeline")
struct TimelineTests {
    @Test(
        "the period fits the span: days up to three months, weeks up to two years, months beyond",
        arguments: [
            (Int64(1), Timeline.Unit.day), (92, .day), (93, .week), (731, .week), (732, .month), (5000, .month),
        ])
    func unitFitsSpan(span: Int64, unit: Timeline.Unit) {
        #expect(Timeline.Unit.fitting(spanDays: span) == unit)
    }

    @Test("days without articles between the first and the last are periods of zero")
    func gapsAreZero() {
        let timeline = Timeline(days: [DayCount(day: "2024-06-30", count: 2), DayCount(day: "2024-07-02", count: 5)])
        #expect(timeline.unit == .day)
        #expect(timeline.periods.map(\.label) == ["2024-06-30", "2024-07-01", "2024-07-02"])
        #expect(timeline.counts == [2, 0, 5])
        #expect(timeline.total == 7)
        #expect(timeline.outlets.isEmpty)
    }

    @Test("weeks run Monday to Sunday and are named by ISO week, the year being their Thursday's")
    func isoWeeks() {
        let timeline = Timeline(
            days: [
                DayCount(day: "2020-12-31", count: 1), DayCount(day: "2021-01-03", count: 1),
                DayCount(day: "2021-01-04", count: 4),
            ], unit: .week)
        #expect(timeline.periods.map(\.label) == ["2020-W53", "2021-W01"])
        #expect(timeline.periods.map(\.first) == ["2020-12-28", "2021-01-04"])
        #expect(timeline.periods.map(\.last) == ["2021-01-03", "2021-01-10"])
        #expect(timeline.counts == [2, 4])
        let firstWeek = Timeline(days: [DayCount(day: "2024-01-01", count: 1)], unit: .week)
        #expect(firstWeek.periods.map(\.label) == ["2024-W01"])
    }

    @Test("months run from the first to the last day, December into January")
    func months() {
        let timeline = Timeline(
            days: [DayCount(day: "2023-11-15", count: 1), DayCount(day: "2024-02-29", count: 3)], unit: .month)
        #expect(timeline.periods.map(\.label) == ["2023-11", "2023-12", "2024-01", "2024-02"])
        #expect(timeline.periods.last?.last == "2024-02-29")
        #expect(timeline.counts == [1, 0, 0, 3])
    }

    @Test("by outlet, each outlet has a row of counts, most articles first; unknown outlets are one row")
    func byOutlet() {
        let timeline = Timeline(days: [
            DayCount(day: "2024-06-01", outlet: "a.com", count: 1),
            DayCount(day: "2024-06-02", outlet: "b.com", count: 3),
            DayCount(day: "2024-06-02", outlet: nil, count: 1), DayCount(day: "2024-06-01", outlet: "b.com", count: 1),
        ])
        #expect(timeline.counts == [2, 4])
        #expect(timeline.outlets.map(\.outlet) == ["b.com", "a.com", nil])
        #expect(timeline.outlets[0].counts == [1, 3])
        #expect(timeline.outlets.map(\.total).reduce(0, +) == timeline.total)
    }

    @Test("no dated article, no periods")
    func empty() {
        #expect(Timeline(days: []).periods.isEmpty)
        #expect(Timeline(days: [DayCount(day: "not a day", count: 3)]).total == 0)
    }

    @Test("a sparkline has a character per period: a space for none, the full block for the most")
    func sparkline() {
        #expect(Timeline.sparkline([0, 1, 8, 4]) == " ▁█▄")
        #expect(Timeline.sparkline([1000, 1]) == "█▁")
        #expect(Timeline.sparkline([]) == "")
        #expect(Timeline.sparkline([0, 0]) == "  ")
    }
}
