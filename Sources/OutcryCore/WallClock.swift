import Foundation

/// Where "now" comes from: injected, so tests can fix the date on a letter or the age of a form.
public protocol WallClock: Sendable {
    /// The current moment.
    var now: Date { get }
}

public struct SystemWallClock: WallClock {
    public init() {}
    public var now: Date { Date() }
}

extension HistoricalDate {
    /// The calendar day (UTC) of a moment.
    public init(day date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self = (try? HistoricalDate(year: parts.year!, month: parts.month, day: parts.day)) ?? (try! HistoricalDate(year: 1970))
    }
}
