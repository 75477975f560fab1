import Foundation
import Hummingbird
import OutcryCore
import OutcryStore

/// Atom feeds (RFC 4287) of Urgent Actions, of each case, and of statements, for feed readers and partners.
struct FeedsController: Sendable {
    let store: Store
    let siteURL: String
    let siteName: String

    func addRoutes(to router: Router<OutcryRequestContext>) {
        router.get(.actionsFeed, use: actions)
        router.get(.statementsFeed, use: statements)
        router.get(.caseFeed(.key), use: `case`)
    }

    @Sendable func actions(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let messages = context.messages
        let actions = try await translated(store.publicUrgentActions(), messages)
        return try response(
            AtomFeed(
                title: messages("feeds.actions", ["site": siteName]), path: messages.href(.actionsFeed), alternate: messages.href(.home),
                siteURL: siteURL, language: messages.language.rawValue, entries: actions.map { entry($0, messages) }))
    }

    @Sendable func statements(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let messages = context.messages
        let statements = try await translated(store.statements(limit: 50), messages)
        return try response(
            AtomFeed(
                title: messages("feeds.statements", ["site": siteName]), path: messages.href(.statementsFeed),
                alternate: messages.href(.home), siteURL: siteURL, language: messages.language.rawValue,
                entries: statements.map { entry($0, messages) }))
    }

    @Sendable func `case`(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let messages = context.messages
        let file = context.parameters.get("file") ?? ""
        let suffix = SiteRoute.feedSuffix
        guard file.hasSuffix(suffix), Slug.isValid(String(file.dropLast(suffix.count))) else { throw HTTPError(.notFound) }
        let id = Identifier<Case>(String(file.dropLast(suffix.count)))
        let item = try await found(translated(store.case(id).map { [$0] } ?? [], messages).first)
        let entries =
            try await translated(store.publicUrgentActions(inCase: id), messages).map { entry($0, messages) }
            + translated(store.statements(aboutCase: id), messages).map { entry($0, messages) }
        return try response(
            AtomFeed(
                title: "\(siteName): \(item.title)", path: messages.href(.caseFeed(id)), alternate: messages.href(.case(id)),
                siteURL: siteURL, language: messages.language.rawValue, entries: entries.sorted { $0.updated > $1.updated }))
    }

    private func entry(_ action: UrgentAction, _ messages: Messages) -> AtomFeed.Entry {
        let title = messages("action.number-title", ["number": action.number, "title": action.title])
        let label: String? =
            action.kind == .update ? "feeds.update" : action.kind == .closing || action.status == .closed ? "feeds.outcome" : nil
        return AtomFeed.Entry(
            title: label.map { messages($0, ["title": title]) } ?? title, path: messages.href(.urgentAction(action.id)),
            updated: action.issued.startOfDay, summary: action.status == .closed ? (action.outcome?.note ?? action.summary) : action.summary
        )
    }

    private func entry(_ statement: Statement, _ messages: Messages) -> AtomFeed.Entry {
        AtomFeed.Entry(
            title: statement.title, path: messages.href(.statement(statement.id)), updated: statement.published.startOfDay,
            summary: statement.lead.first ?? statement.title)
    }

    /// The records in the feed's language where they are translated into it.
    private func translated<T: Translatable>(_ records: [T], _ messages: Messages) async throws -> [T] {
        try await store.translated(records, into: messages.language.rawValue).map(\.record)
    }

    private func response(_ feed: AtomFeed) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/atom+xml; charset=utf-8"
        headers[.cacheControl] = "public, max-age=300"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: feed.xml)))
    }
}
