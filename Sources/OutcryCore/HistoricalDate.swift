/// A calendar date known to a day, a month or only a year, as sources report them
/// ("16 January 2024", "February 2024", "2024"). Written in ISO 8601 form: `2024-01-16`, `2024-02`, `2024`.
public struct HistoricalDate: Hashable, Sendable, Comparable, ISOCoded, CustomStringConvertible {
    public enum Precision: String, Codable, Sendable, Comparable {
        case year, month, day

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
        private var rank: Int {
            switch self {
            case .year: 0
            case .month: 1
            case .day: 2
            }
        }
    }

    public let year: Int
    public let month: Int?
    public let day: Int?

    public var precision: Precision { day != nil ? .day : (month != nil ? .month : .year) }

    public init(year: Int, month: Int? = nil, day: Int? = nil) throws(DateError) {
        guard (1...9999).contains(year) else { throw .outOfRange("year \(year)") }
        if let month, !(1...12).contains(month) { throw .outOfRange("month \(month)") }
        if let day {
            guard let month else { throw .dayWithoutMonth }
            guard (1...Self.daysIn(month: month, year: year)).contains(day) else { throw .outOfRange("day \(day) of month \(month)") }
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public init(iso text: String) throws(DateError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count),
            parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
            let numbers = Optional(parts.compactMap { Int($0) }), numbers.count == parts.count,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) })
        else { throw .malformed(text) }
        try self.init(year: numbers[0], month: numbers.count > 1 ? numbers[1] : nil, day: numbers.count > 2 ? numbers[2] : nil)
    }

    public var iso: String {
        var text = pad(year, 4)
        if let month { text += "-" + pad(month, 2) }
        if let day { text += "-" + pad(day, 2) }
        return text
    }

    public var description: String { iso }

    /// A less precise date sorts before the more precise dates it contains: `2024-03` < `2024-03-01`.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.month ?? 0, lhs.day ?? 0) < (rhs.year, rhs.month ?? 0, rhs.day ?? 0)
    }

    /// The first and the last day the date covers, as days since 1970-01-01: `2024-05` runs from
    /// 1 to 31 May. For counting days between dates without a calendar or a time zone.
    public var firstDayNumber: Int { Self.dayNumber(year, month ?? 1, day ?? 1) }
    public var lastDayNumber: Int {
        let month = month ?? 12
        return Self.dayNumber(year, month, day ?? Self.daysIn(month: month, year: year))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    private static func dayNumber(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]
}

public enum DateError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(String)
    case outOfRange(String)
    case dayWithoutMonth
    case rangeEndsBeforeStart(String)

    public var description: String {
        switch self {
        case .malformed(let text): "“\(text)” is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (a range as START/END)"
        case .outOfRange(let what): "\(what) does not exist"
        case .dayWithoutMonth: "a day needs a month"
        case .rangeEndsBeforeStart(let text): "the range “\(text)” ends before it starts"
        }
    }
}

private func pad(_ number: Int, _ width: Int) -> String {
    let digits = String(number)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

/// A date value that is written, in JSON as in SQL, as its ISO 8601 text.
public protocol ISOCoded: Codable {
    /// Parses the ISO 8601 text, refusing anything that is not a real date.
    init(iso text: String) throws(DateError)
    /// The ISO 8601 text, at the value's own precision.
    var iso: String { get }
}

extension ISOCoded {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { try self.init(iso: text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
