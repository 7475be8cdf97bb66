import Library
import Research
import TerminalUI

/// Draws the timeline box: bars per period (or a row of small bars per outlet), the chosen period
/// marked and named below, and the keys.
enum TimelineView {
    static func draw(_ timeline: TimelineState, into canvas: inout Canvas) {
        let area = canvas.bounds.droppingTop(1).droppingBottom(1)
        let rect = area.centered(width: min(area.width, 120), height: min(area.height, 20))
        let unitName = timeline.timeline.map { Self.unitName($0.unit) } ?? ""
        ReaderView.box(
            &canvas, rect, title: "Timeline of \(timeline.subject)" + (unitName.isEmpty ? "" : " by \(unitName)"))
        let inner = rect.inset(by: 1)
        guard inner.height >= 5, inner.width >= 20 else { return }
        let keys =
            " ←→ choose · Enter lists that \(unitName.isEmpty ? "period" : unitName) · p day/week/month · o by outlet · Esc"
        canvas.write(keys, x: inner.x, y: inner.maxY - 1, role: .dim, maxX: inner.maxX)
        guard let chart = timeline.timeline else {
            canvas.write(" counting…", x: inner.x, y: inner.y, role: .dim, maxX: inner.maxX)
            return
        }
        guard !chart.periods.isEmpty else {
            canvas.write(" No dated article to count.", x: inner.x, y: inner.y, role: .dim, maxX: inner.maxX)
            return
        }
        let first = chart.periods[0].label
        let last = chart.periods[chart.periods.count - 1].label
        let total = chart.total
        canvas.write(
            " \(first) … \(last) · \(total) dated article\(total == 1 ? "" : "s")", x: inner.x, y: inner.y, role: .dim,
            maxX: inner.maxX)
        // The chosen period, named under the chart.
        let selection = min(timeline.selection, chart.periods.count - 1)
        let period = chart.periods[selection]
        let count = chart.counts[selection]
        let span = period.first == period.last ? period.first : "\(period.first) to \(period.last)"
        let named = period.label == period.first ? span : "\(period.label) (\(span))"
        canvas.write(
            " \(named): \(count) article\(count == 1 ? "" : "s")", x: inner.x, y: inner.maxY - 2, role: .heading,
            maxX: inner.maxX)
        let chartArea = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 4)
        if timeline.byOutlet {
            drawOutlets(chart, selection: selection, in: chartArea, into: &canvas)
        } else {
            drawBars(chart, selection: selection, in: chartArea, into: &canvas)
        }
    }

    static func unitName(_ unit: Timeline.Unit) -> String { unit.rawValue }

    /// The periods shown when not all fit in `columns`: a window around the chosen one.
    static func window(count: Int, selection: Int, columns: Int) -> Range<Int> {
        guard count > columns else { return 0..<count }
        let start = min(max(0, selection - columns / 2), count - columns)
        return start..<(start + columns)
    }

    /// Eighths of a cell, lowest first.
    static let eighths: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One bar per period, as tall as its count against the highest, the axis labelled with it.
    static func drawBars(_ chart: Timeline, selection: Int, in area: Rect, into canvas: inout Canvas) {
        guard area.height >= 2 else { return }
        let highest = chart.counts.max() ?? 0
        let axis = String(highest).count + 2
        let plot = Rect(x: area.x + axis, y: area.y, width: area.width - axis - 1, height: area.height - 1)
        guard plot.width > 0, plot.height > 0 else { return }
        let columnWidth = max(1, min(4, plot.width / max(1, chart.periods.count)))
        let shown = window(count: chart.periods.count, selection: selection, columns: plot.width / columnWidth)
        canvas.write(rightAligned(String(highest), width: axis - 1), x: area.x, y: plot.y, role: .dim)
        canvas.write(rightAligned("0", width: axis - 1), x: area.x, y: plot.maxY - 1, role: .dim)
        for (column, index) in shown.enumerated() {
            let x = plot.x + column * columnWidth
            let barWidth = columnWidth > 2 ? columnWidth - 1 : columnWidth
            let role: Role = index == selection ? .searchHit : .chart
            let count = chart.counts[index]
            // Height in eighths of a cell; any article shows at least the lowest eighth.
            let height = highest == 0 || count == 0 ? 0 : max(1, count * plot.height * 8 / highest)
            for row in 0..<plot.height {
                let y = plot.maxY - 1 - row
                let filled = height - row * 8
                let cell: String
                if filled >= 8 {
                    cell = "█"
                } else if filled > 0 {
                    cell = String(eighths[filled - 1])
                } else {
                    cell = index == selection && row == 0 ? "·" : " "
                }
                canvas.write(String(repeating: cell, count: barWidth), x: x, y: y, role: role)
            }
        }
        // The first and last periods shown, under their bars.
        let labelY = plot.maxY
        let firstLabel = chart.periods[shown.lowerBound].label
        canvas.write(firstLabel, x: plot.x, y: labelY, role: .dim, maxX: area.maxX)
        let lastLabel = chart.periods[shown.upperBound - 1].label
        // Under the last bar when it fits there, else ending at the chart's edge.
        let lastX = min(plot.x + (shown.count - 1) * columnWidth, area.maxX - DisplayWidth.of(lastLabel))
        if shown.count > 1, lastX > plot.x + DisplayWidth.of(firstLabel) + 1 {
            canvas.write(lastLabel, x: lastX, y: labelY, role: .dim, maxX: area.maxX)
        }
    }

    /// A row of small bars per outlet, most articles first, as many as fit.
    static func drawOutlets(_ chart: Timeline, selection: Int, in area: Rect, into canvas: inout Canvas) {
        let nameWidth = min(22, max(8, area.width / 4))
        let columns = area.width - nameWidth - 8
        guard columns > 0 else { return }
        let shown = window(count: chart.periods.count, selection: selection, columns: columns)
        let highest = chart.outlets.flatMap { $0.counts[shown] }.max() ?? 0
        let rows = chart.outlets.count > area.height ? area.height - 1 : area.height
        for (row, outlet) in chart.outlets.prefix(max(0, rows)).enumerated() {
            let y = area.y + row
            canvas.write(
                " " + (outlet.outlet ?? "outlet unknown").truncated(toWidth: nameWidth - 2), x: area.x, y: y,
                role: .listOutlet)
            for (column, index) in shown.enumerated() {
                let count = outlet.counts[index]
                let level = highest == 0 || count == 0 ? -1 : min(7, (count * 8 - 1) / highest)
                let cell = level < 0 ? (index == selection ? "·" : " ") : String(eighths[level])
                canvas.write(
                    cell, x: area.x + nameWidth + column, y: y, role: index == selection ? .searchHit : .chart)
            }
            canvas.write(
                rightAligned(String(outlet.counts[selection]), width: 6),
                x: area.x + nameWidth + shown.count + 1, y: y, role: .dim, maxX: area.maxX)
        }
        if chart.outlets.count > rows {
            canvas.write(
                " and \(chart.outlets.count - rows) more outlets", x: area.x, y: area.y + rows, role: .dim,
                maxX: area.maxX)
        }
    }

    static func rightAligned(_ text: String, width: Int) -> String {
        String(repeating: " ", count: max(0, width - DisplayWidth.of(text))) + text
    }
}
