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
        let actions = try await store.publicUrgentActions()
        return try response(
            AtomFeed(
                title: "\(siteName): Urgent Actions", path: SiteRoute.actionsFeed.path, alternate: SiteRoute.home.path, siteURL: siteURL,
                entries: actions.map(entry)))
    }

    @Sendable func statements(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let statements = try await store.statements(limit: 50)
        return try response(
            AtomFeed(
                title: "\(siteName): statements", path: SiteRoute.statementsFeed.path, alternate: SiteRoute.home.path, siteURL: siteURL,
                entries: statements.map(entry)))
    }

    @Sendable func `case`(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let file = context.parameters.get("file") ?? ""
        let suffix = SiteRoute.feedSuffix
        guard file.hasSuffix(suffix), Slug.isValid(String(file.dropLast(suffix.count))) else { throw HTTPError(.notFound) }
        let id = Identifier<Case>(String(file.dropLast(suffix.count)))
        let item = try await found(store.case(id))
        let entries = try await store.publicUrgentActions(inCase: id).map(entry) + store.statements(aboutCase: id).map(entry)
        return try response(
            AtomFeed(
                title: "\(siteName): \(item.title)", path: SiteRoute.caseFeed(id).path, alternate: SiteRoute.case(id).path,
                siteURL: siteURL, entries: entries.sorted { $0.updated > $1.updated }))
    }

    private func entry(_ action: UrgentAction) -> AtomFeed.Entry {
        let label = action.kind == .update ? "Update: " : action.kind == .closing || action.status == .closed ? "Outcome: " : ""
        return AtomFeed.Entry(
            title: "\(label)Urgent Action \(action.number): \(action.title)", path: SiteRoute.urgentAction(action.id).path,
            updated: action.issued.startOfDay, summary: action.status == .closed ? (action.outcome?.note ?? action.summary) : action.summary
        )
    }

    private func entry(_ statement: Statement) -> AtomFeed.Entry {
        AtomFeed.Entry(
            title: statement.title, path: SiteRoute.statement(statement.id).path, updated: statement.published.startOfDay,
            summary: statement.lead.first ?? statement.title)
    }

    private func response(_ feed: AtomFeed) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/atom+xml; charset=utf-8"
        headers[.cacheControl] = "public, max-age=300"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: feed.xml)))
    }
}
