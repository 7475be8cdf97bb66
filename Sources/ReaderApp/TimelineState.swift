import Library
import Research
import Search
import TerminalUI

/// The timeline over the reader: how many articles of the list or the search were published per
/// period, a period chosen with the arrows, Enter narrowing the list to it.
public struct TimelineState: Hashable, Sendable {
    /// What is counted, in words for the box's title: `the list`, `“putin”`.
    public var subject: String
    public var query: SearchQuery?
    public var filter: ArticleFilter
    /// Counted outlet by outlet (one row each) rather than in all.
    public var byOutlet = false
    /// The period chosen with `p`; nil: the one fitting the span.
    public var unit: Timeline.Unit?
    /// The day counts as loaded, and the timeline drawn from them (nil while loading).
    public var days: [DayCount] = []
    public var timeline: Timeline?
    /// The chosen period, an index into the timeline's periods.
    public var selection = 0
    public var request: Int

    public init(subject: String, query: SearchQuery?, filter: ArticleFilter, request: Int) {
        self.subject = subject
        self.query = query
        self.filter = filter
        self.request = request
    }

    /// What a key asks of the reader beyond the timeline itself.
    enum Outcome: Equatable {
        case stay
        case close
        /// The day counts are wanted again (by outlet or not).
        case reload
        /// The list narrowed to these days.
        case narrow(from: String, to: String)
    }

    /// Takes the day counts, the latest period chosen.
    mutating func receive(_ days: [DayCount]) {
        self.days = days
        let timeline = Timeline(days: days, unit: unit)
        self.timeline = timeline
        selection = max(0, timeline.periods.count - 1)
    }

    mutating func handle(_ key: KeyPress, action: Action?) -> Outcome {
        let count = timeline?.periods.count ?? 0
        switch key {
        case .left, .character("h"): selection = max(0, selection - 1)
        case .right, .character("l"): selection = min(max(0, count - 1), selection + 1)
        case .home, .character("g"): selection = 0
        case .end, .character("G"): selection = max(0, count - 1)
        case .pageUp, .character("b"): selection = max(0, selection - 10)
        case .pageDown, .character(" "): selection = min(max(0, count - 1), selection + 10)
        case .character("o"):
            byOutlet.toggle()
            timeline = nil
            return .reload
        case .character("p"):
            unit = Self.unit(after: unit)
            let chosen =
                timeline?.periods.indices.contains(selection) == true ? timeline?.periods[selection].first : nil
            let timeline = Timeline(days: days, unit: unit)
            self.timeline = timeline
            // The new period holding the first day of the one chosen before.
            selection =
                chosen.flatMap { day in timeline.periods.lastIndex { $0.first <= day } }
                ?? max(0, timeline.periods.count - 1)
        case .enter:
            guard let timeline, timeline.periods.indices.contains(selection) else { return .stay }
            let period = timeline.periods[selection]
            return .narrow(from: period.first, to: period.last)
        default:
            if action == .back || action == .timeline || action == .quit || key == .escape { return .close }
        }
        return .stay
    }

    /// The period `p` chooses next: day, week, month, then the one fitting the span again.
    static func unit(after unit: Timeline.Unit?) -> Timeline.Unit? {
        switch unit {
        case nil: .day
        case .day: .week
        case .week: .month
        case .month: nil
        }
    }
}
