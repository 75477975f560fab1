import Foundation
import Hummingbird
import OutcryCore
import OutcryStore

/// Contacts that decay: what supporters reported about officials' addresses and numbers, with the number of
/// reports, and the editors' decision on each: not working (no longer offered) or working (reports set aside).
struct ContactProblemsController: Sendable {
    let auth: AdminAuth
    let renderer: PageRenderer

    private var store: Store { auth.store }

    func addRoutes(to routes: CoordinatorRoutes) {
        routes.get(.contactProblems, .viewer, use: list)
        routes.post(.contactProblems, .editor, use: decide)
    }

    @Sendable func list(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let messages = context.coordinator.messages
        let notice = request.uri.queryParameters["done"].flatMap { ContactDecision(rawValue: String($0)) }.map {
            messages("admin.contacts.decided-" + $0.rawValue)
        }
        return try await page(context.coordinator, notice: notice)
    }

    @Sendable func decide(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        let messages = coordinator.messages
        guard let target = form.text("target").map({ Identifier<Target>($0) }),
            let channel = form["channel"].flatMap(ContactChannel.init(rawValue:)), let value = form["value"],
            let decision = form["decision"].flatMap(ContactDecision.init(rawValue:))
        else { return try await page(coordinator, error: messages("admin.contacts.choose")) }
        let contact = DeadContact(channel: channel, value: value)
        let decided = try await store.decideContactProblem(
            contact, of: target, decision,
            audit: coordinator.audit(
                decision == .dead ? "marked a contact not working" : "confirmed a contact works", "target", target.rawValue,
                "\(channel.rawValue) \(value)", at: auth.now))
        guard decided else { return try await page(coordinator, error: messages("admin.contacts.already")) }
        return seeOther(AdminRoute.contactProblems.path + "?done=" + decision.rawValue)
    }

    private func page(_ coordinator: Coordinator, notice: String? = nil, error: String? = nil) async throws -> Response {
        let messages = coordinator.messages
        let problems = try await store.openContactProblems()
        let targets = Dictionary(
            try await store.targets(Array(Set(problems.map(\.target)))).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let heading = messages("admin.contacts.heading")
        let view = ContactProblemsView(
            admin: AdminPage(title: heading, coordinator: coordinator, current: AdminRoute.home.path, notice: notice, error: error),
            heading: heading,
            rows: problems.map { problem in
                let target = targets[problem.target]
                return ContactProblemsView.Row(
                    official: Link(
                        text: target?.fullName ?? problem.target.rawValue,
                        href: AdminRoute.record(.targets, id: problem.target.rawValue).path),
                    what: messages("admin.contacts.channel-" + problem.contact.channel.rawValue, ["value": problem.contact.value]),
                    reports: messages.plural("admin.contacts.reports", count: problem.reports),
                    last: messages.moment(problem.lastReportedAt),
                    checked: target?.lastVerified.map { messages.date($0).text } ?? messages("admin.contacts.never-checked"),
                    target: problem.target.rawValue, channel: problem.contact.channel.rawValue, value: problem.contact.value)
            },
            csrf: coordinator.session.csrf, canDecide: coordinator.account.role >= .editor, action: AdminRoute.contactProblems.path)
        return try renderer.response(view, status: error == nil ? .ok : .unprocessableContent)
    }
}
