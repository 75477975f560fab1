import Foundation
import OutcryCore

/// Actions per day as an SVG bar chart drawn on the server: no script, no library, readable by screen
/// readers through its title and the table that goes with it.
struct ActivityChart: Sendable {
    struct Day: Sendable {
        var date: HistoricalDate
        var actions: Int
    }

    let days: [Day]

    /// Every day from the first report (or `maximumDays` before `today`, whichever is later) to `today`.
    init(counts: [(day: Date, actions: Int)], today: Date, maximumDays: Int = 60) {
        let calendar = Self.calendar
        let end = calendar.startOfDay(for: today)
        let earliest = calendar.date(byAdding: .day, value: -(maximumDays - 1), to: end)!
        let start = max(counts.first.map { calendar.startOfDay(for: $0.day) } ?? end, earliest)
        let byDay = Dictionary(counts.map { (calendar.startOfDay(for: $0.day), $0.actions) }, uniquingKeysWith: +)
        var days: [Day] = []
        var day = min(start, end)
        while day <= end {
            days.append(Day(date: HistoricalDate(day: day), actions: byDay[day] ?? 0))
            day = calendar.date(byAdding: .day, value: 1, to: day)!
        }
        self.days = days
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// The chart, its words in the coordinator's language.
    func svg(_ messages: Messages) -> String {
        let width = 640
        let height = 200
        let left = 44
        let bottom = 24
        let top = 10
        let plotWidth = width - left - 8
        let plotHeight = height - bottom - top
        let peak = max(days.map(\.actions).max() ?? 0, 1)
        let scale = Self.niceCeiling(peak)
        let slot = Double(plotWidth) / Double(max(days.count, 1))
        let barWidth = max(1, slot * 0.8)
        let total = days.reduce(0) { $0 + $1.actions }
        let label = { (day: Day) in messages.date(day.date).text }
        let first = days.first.map(label) ?? ""
        let last = days.last.map(label) ?? ""
        let title = messages(
            "admin.chart.title", ["first": first, "last": last, "total": messages.number(total), "peak": messages.number(peak)])
        var svg = """
            <svg class="chart" viewBox="0 0 \(width) \(height)" role="img" aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg">
            <title id="chart-title">\(escape(title))</title>
            <line x1="\(left)" y1="\(top + plotHeight)" x2="\(width - 8)" y2="\(top + plotHeight)" stroke="#555"/>
            <text x="\(left - 6)" y="\(top + 4)" text-anchor="end" font-size="11" fill="#333">\(messages.number(scale))</text>
            <text x="\(left - 6)" y="\(top + plotHeight)" text-anchor="end" font-size="11" fill="#333">0</text>
            <line x1="\(left)" y1="\(top)" x2="\(width - 8)" y2="\(top)" stroke="#ccc" stroke-dasharray="3 3"/>

            """
        for (index, day) in days.enumerated() where day.actions > 0 {
            let barHeight = Double(plotHeight) * Double(day.actions) / Double(scale)
            let x = Double(left) + Double(index) * slot + (slot - barWidth) / 2
            svg += String(
                format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#8a1c1c\"><title>%@: %@</title></rect>\n",
                x, Double(top + plotHeight) - barHeight, barWidth, barHeight, escape(label(day)), messages.number(day.actions))
        }
        svg += """
            <text x="\(left)" y="\(height - 6)" font-size="11" fill="#333">\(escape(first))</text>
            <text x="\(width - 8)" y="\(height - 6)" text-anchor="end" font-size="11" fill="#333">\(escape(last))</text>
            </svg>
            """
        return svg
    }

    /// 1, 2 or 5 times a power of ten, at least `value`: an axis label people read at a glance.
    static func niceCeiling(_ value: Int) -> Int {
        var power = 1
        while true {
            for step in [1, 2, 5] where step * power >= value { return step * power }
            power *= 10
        }
    }

    private func escape(_ text: String) -> String { Markup.escape(text) }
}
