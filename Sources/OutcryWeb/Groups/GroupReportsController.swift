import Foundation
import HTTPTypes
import Hummingbird
import OutcryCore
import OutcryStore

/// Groups' reports held because they were more than the group's kind and size make plausible: the reason,
/// the photo if one came, and an editor's decision to count it or keep it out.
struct GroupReportsController: Sendable {
    let auth: AdminAuth
    let renderer: PageRenderer
    let totals: TotalsCache

    private var store: Store { auth.store }

    func addRoutes(to routes: CoordinatorRoutes) {
        routes.get(.groupReports, .viewer, use: list)
        routes.post(.groupReport(.key), .editor, use: decide)
        routes.get(.groupReportPhoto(.key), .viewer, use: photo)
        routes.post(.newGroupLink(.key), .editor, use: newLink)
    }

    /// A link that went further than the group: a new one, and the old one stops working at once.
    @Sendable func newLink(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let group = try await found(store.writingGroup(Identifier(try slug(context))))
        try await store.replaceGroupLink(
            group.id, audit: context.coordinator.audit("replaced private link", "group", group.id.rawValue, group.name, at: auth.now))
        return seeOther(SiteRoute.admin(.record(.groups, id: group.id.rawValue)).path(query: ["done": "newlink"]))
    }

    @Sendable func list(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let messages = context.coordinator.messages
        let notice = request.uri.queryParameters["done"].flatMap { ["accepted", "rejected"].contains(String($0)) ? String($0) : nil }
            .map { messages("admin.group-reports.done-" + $0) }
        return try await page(context.coordinator, notice: notice)
    }

    @Sendable func decide(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        guard let id = context.parameters.get("report"), let decision = form["decision"], ["accept", "reject"].contains(decision) else {
            return try await page(coordinator, error: coordinator.messages("admin.group-reports.choose"))
        }
        let held = try await store.groupReport(id)
        guard try await store.review(groupReport: id, accept: decision == "accept", actor: coordinator.email, now: auth.now) else {
            return try await page(coordinator, error: coordinator.messages("admin.group-reports.already"))
        }
        if let held, decision == "accept" { totals.invalidate(held.input.action) }
        return seeOther(AdminRoute.groupReports.path + "?done=" + (decision == "accept" ? "accepted" : "rejected"))
    }

    /// Cleaned of its metadata when it was sent; shown to coordinators only.
    @Sendable func photo(_ request: Request, context: CoordinatorContext) async throws -> Response {
        guard let id = context.parameters.get("report") else { throw HTTPError(.notFound) }
        let (type, bytes) = try await found(store.groupReportPhoto(id))
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "private, no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private func page(_ coordinator: Coordinator, notice: String? = nil, error: String? = nil) async throws -> Response {
        let messages = coordinator.messages
        let held = try await store.heldGroupReports()
        let groups = Dictionary(
            try await store.writingGroups(Array(Set(held.map(\.group)))).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let actions = Dictionary(
            try await store.urgentActions(Array(Set(held.map(\.input.action)))).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let heading = messages("admin.group-reports.heading")
        let view = GroupReportsView(
            admin: AdminPage(
                title: heading, coordinator: coordinator, current: AdminRoute.records(.groups).path, notice: notice, error: error),
            heading: heading,
            rows: held.enumerated().map { index, report in
                let group = groups[report.group]
                return GroupReportsView.Row(
                    decideTo: AdminRoute.groupReport(report.id).path, anchor: "held-\(index + 1)",
                    group: Link(
                        text: group.map { "\($0.name) (\(messages.groupKind($0.kind)), \(messages.number($0.size)))" }
                            ?? report.group.rawValue,
                        href: AdminRoute.record(.groups, id: report.group.rawValue).path),
                    action: actions[report.input.action].map { "UA \($0.number): \($0.title)" } ?? report.input.action.rawValue,
                    what: messages.groupActions(report.input.counts), when: messages.moment(report.reportedAt),
                    reason: report.holdReason ?? "",
                    photo: report.hasPhoto ? AdminRoute.groupReportPhoto(report.id).path : nil)
            },
            csrf: coordinator.session.csrf, canDecide: coordinator.account.role >= .editor)
        return try renderer.response(view, status: error == nil ? .ok : .unprocessableContent)
    }
}
