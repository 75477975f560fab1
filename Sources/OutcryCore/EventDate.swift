/// When something happened: a single date of any precision, or a range between two
/// ("28–29 May 2025", "between 12 March and 9 April 2024"). Written `START` or `START/END`.
public struct EventDate: Hashable, Sendable, Comparable, ISOCoded, CustomStringConvertible {
    public let start: HistoricalDate
    public let end: HistoricalDate?

    public init(_ start: HistoricalDate, to end: HistoricalDate? = nil) throws(DateError) {
        if let end, end < start { throw .rangeEndsBeforeStart("\(start.iso)/\(end.iso)") }
        self.start = start
        self.end = end == start ? nil : end
    }

    public init(iso text: String) throws(DateError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { throw .malformed(text) }
        let start = try HistoricalDate(iso: String(parts[0]))
        let end = parts.count == 2 ? try HistoricalDate(iso: String(parts[1])) : nil
        try self.init(start, to: end)
    }

    public var iso: String { end.map { "\(start.iso)/\($0.iso)" } ?? start.iso }
    public var description: String { iso }
    public var isRange: Bool { end != nil }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        if lhs.start != rhs.start { return lhs.start < rhs.start }
        return (lhs.end ?? lhs.start) < (rhs.end ?? rhs.start)
    }
}
