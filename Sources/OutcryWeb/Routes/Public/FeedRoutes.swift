import Foundation
import Hummingbird
import OutcryCore
import OutcryStore

/// Atom feeds (RFC 4287) of Urgent Actions, of each case, and of statements, for feed readers and partners.
struct FeedRoutes: Sendable {
    let store: Store
    let siteURL: String
    let siteName: String

    func add(to router: Router<OutcryRequestContext>) {
        router.get(RouterPath(PublicPath.actionsFeed)) { _, _ in
            let actions = try await store.publicUrgentActions()
            return response(AtomFeed(
                title: "\(siteName): Urgent Actions", path: PublicPath.actionsFeed, alternate: PublicPath.home, siteURL: siteURL,
                entries: actions.map(entry)))
        }
        router.get(RouterPath(PublicPath.statementsFeed)) { _, _ in
            let statements = try await store.statements(limit: 50)
            return response(AtomFeed(
                title: "\(siteName): statements", path: PublicPath.statementsFeed, alternate: PublicPath.home, siteURL: siteURL,
                entries: statements.map(entry)))
        }
        router.get(RouterPath(PublicPath.Pattern.caseFeed)) { _, context in
            let file = context.parameters.get("file") ?? ""
            guard file.hasSuffix(".atom"), Slug.isValid(String(file.dropLast(5))) else { throw HTTPError(.notFound) }
            let id = Identifier<Case>(String(file.dropLast(5)))
            let item = try await found(store.case(id))
            let entries = try await store.publicUrgentActions(inCase: id).map(entry) + store.statements(aboutCase: id).map(entry)
            return response(AtomFeed(
                title: "\(siteName): \(item.title)", path: PublicPath.caseFeed(id), alternate: PublicPath.case(id), siteURL: siteURL,
                entries: entries.sorted { $0.updated > $1.updated }))
        }
    }

    private func entry(_ action: UrgentAction) -> AtomFeed.Entry {
        let label = action.kind == .update ? "Update: " : action.kind == .closing || action.status == .closed ? "Outcome: " : ""
        return AtomFeed.Entry(
            title: "\(label)Urgent Action \(action.number): \(action.title)", path: PublicPath.urgentAction(action.id),
            updated: action.issued.startOfDay, summary: action.status == .closed ? (action.outcome?.note ?? action.summary) : action.summary)
    }

    private func entry(_ statement: Statement) -> AtomFeed.Entry {
        AtomFeed.Entry(
            title: statement.title, path: PublicPath.statement(statement.id), updated: statement.published.startOfDay,
            summary: statement.lead.first ?? statement.title)
    }

    private func response(_ feed: AtomFeed) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/atom+xml; charset=utf-8"
        headers[.cacheControl] = "public, max-age=300"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: feed.xml)))
    }
}

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
    var entries: [Entry]

    var xml: String {
        let dates = ISO8601DateFormatter()
        let updated = entries.map(\.updated).max() ?? Date(timeIntervalSince1970: 0)
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
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
