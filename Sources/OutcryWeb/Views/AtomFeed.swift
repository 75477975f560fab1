import Foundation
import OutcryCore

/// An Atom document: every entry with its permanent id, title, link, date and summary.
struct AtomFeed {
    struct Entry {
        var title: String
        var path: String
        var updated: Date
        var summary: String
    }

    var title: String
    var path: String
    var alternate: String
    var siteURL: String
    /// The language of the feed's own words (`xml:lang`).
    var language: String
    var entries: [Entry]

    var xml: String {
        let dates = ISO8601DateFormatter()
        let updated = entries.map(\.updated).max() ?? Date(timeIntervalSince1970: 0)
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(escape(language))">
            <title>\(escape(title))</title>
            <id>\(escape(siteURL + path))</id>
            <link rel="self" type="application/atom+xml" href="\(escape(siteURL + path))"/>
            <link rel="alternate" type="text/html" href="\(escape(siteURL + alternate))"/>
            <updated>\(dates.string(from: updated))</updated>
            <author><name>\(escape(title.components(separatedBy: ":").first ?? title))</name></author>

            """
        for entry in entries {
            xml += """
                <entry>
                <title>\(escape(entry.title))</title>
                <id>\(escape(siteURL + entry.path))</id>
                <link rel="alternate" type="text/html" href="\(escape(siteURL + entry.path))"/>
                <updated>\(dates.string(from: entry.updated))</updated>
                <summary>\(escape(entry.summary))</summary>
                </entry>

                """
        }
        return xml + "</feed>\n"
    }

    private func escape(_ text: String) -> String { Markup.escape(text) }
}

extension HistoricalDate {
    /// Midnight UTC on the first day the date covers: a feed needs a moment.
    var startOfDay: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month ?? 1, day: day ?? 1)) ?? Date(timeIntervalSince1970: 0)
    }
}
