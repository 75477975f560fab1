import Foundation

/// English wording of dates as a case worker writes them: "16 January 2024", "March 2024",
/// "28–29 May 2025", "12 March – 9 April 2024".
public enum DateWording {
    /// A date in a language (an ISO 639-1 code), as ICU writes it there: "17 апреля 2024 г.", "avril 2024".
    /// English keeps this project's own wording.
    /// `governed`: the form a preposition takes ("с марта 2024 г.", not the heading's "март 2024 г."):
    /// ICU's pattern for a month and year, with its stand-alone month (`LLLL`) made the format one (`MMMM`).
    public static func text(_ date: HistoricalDate, language: String, governed: Bool = false) -> String {
        guard language != "en" else { return text(date) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let moment = calendar.date(from: DateComponents(year: date.year, month: date.month ?? 1, day: date.day ?? 1)) else {
            return text(date)
        }
        let formatter = DateFormatter()
        formatter.calendar = calendar
        formatter.timeZone = calendar.timeZone
        formatter.locale = Locale(identifier: language)
        switch (date.month, date.day) {
        case (_?, _?): formatter.dateStyle = .long
        case (_?, nil):
            formatter.setLocalizedDateFormatFromTemplate("MMMMy")
            if governed { formatter.dateFormat = formatter.dateFormat.replacingOccurrences(of: "LLLL", with: "MMMM") }
        default: formatter.setLocalizedDateFormatFromTemplate("y")
        }
        return formatter.string(from: moment)
    }

    /// A date or a range in a language, as ICU writes ranges there ("28–29 мая 2025 г."); English keeps
    /// this project's own wording.
    public static func text(_ date: EventDate, language: String) -> String {
        guard language != "en" else { return text(date) }
        guard let end = date.end else { return text(date.start, language: language) }
        let start = date.start
        if start.precision == .day, end.precision == .day, let from = moment(start), let to = moment(end) {
            let formatter = DateIntervalFormatter()
            formatter.locale = Locale(identifier: language)
            formatter.timeZone = TimeZone(identifier: "UTC")!
            formatter.dateStyle = .long
            formatter.timeStyle = .none
            return formatter.string(from: from, to: to)
        }
        return "\(text(start, language: language)) – \(text(end, language: language))"
    }

    private static func moment(_ date: HistoricalDate) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: date.year, month: date.month ?? 1, day: date.day ?? 1))
    }

    public static func text(_ date: HistoricalDate) -> String {
        var words: [String] = []
        if let day = date.day { words.append(String(day)) }
        if let month = date.month { words.append(HistoricalDate.monthNames[month - 1]) }
        words.append(String(date.year))
        return words.joined(separator: " ")
    }

    public static func text(_ date: EventDate) -> String {
        guard let end = date.end else { return text(date.start) }
        let start = date.start
        if start.precision == .day, end.precision == .day, start.year == end.year {
            if start.month == end.month { return "\(start.day!)–\(text(end))" }
            return "\(start.day!) \(HistoricalDate.monthNames[start.month! - 1]) – \(text(end))"
        }
        if start.precision == .month, end.precision == .month, start.year == end.year {
            return "\(HistoricalDate.monthNames[start.month! - 1]) – \(text(end))"
        }
        return "\(text(start)) – \(text(end))"
    }

    /// Whether a range reads as it is after "since" ("since 28–29 May 2025"): days within one month;
    /// any other range is "some time between … and …", since the exact day is unknown.
    public static func readsAsOneDate(_ date: EventDate) -> Bool {
        guard let end = date.end else { return true }
        return date.start.precision == .day && end.precision == .day && date.start.month == end.month && date.start.year == end.year
    }

    /// Follows "since": a range reads "some time between … and …", since the exact day is unknown.
    public static func since(_ date: EventDate) -> String {
        guard let end = date.end else { return text(date.start) }
        // A span of days within one month reads naturally as it is ("since 28–29 May 2025").
        if date.start.precision == .day, end.precision == .day, date.start.month == end.month, date.start.year == end.year {
            return text(date)
        }
        return "some time between \(text(date.start)) and \(text(end))"
    }
}
