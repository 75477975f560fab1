import Foundation
import Hummingbird
import OutcryCore
import OutcryStore

/// The administrators' pages of webhooks: registering one (its signing secret shown in that answer only and
/// kept sealed with the data key), each one's delivery log, removing one.
struct WebhooksController: Sendable {
    let auth: AdminAuth
    let renderer: PageRenderer

    private var store: Store { auth.store }

    func addRoutes(to routes: CoordinatorRoutes) {
        routes.get(.webhooks, .admin, use: list)
        routes.post(.webhooks, .admin, use: create)
        routes.get(.webhook(.key), .admin, use: log)
        routes.post(.removeWebhook(.key), .admin, use: remove)
    }

    @Sendable func list(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let coordinator = context.coordinator
        var notice: String?
        if let address = request.uri.queryParameters["removed"].map(String.init),
            try await !store.webhooks().contains(where: { $0.url == address })
        {
            notice = coordinator.messages("admin.webhooks.removed", ["address": address])
        }
        return try await page(coordinator, notice: notice)
    }

    @Sendable func create(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        let messages = coordinator.messages
        let url = form.text("url") ?? ""
        let events = Set(form.all("event").compactMap(Webhook.Event.init(rawValue:)))
        guard Webhook.isAcceptable(url: url) else {
            return try await page(coordinator, error: messages("admin.webhooks.bad-address"), url: url, events: events)
        }
        guard !events.isEmpty else { return try await page(coordinator, error: messages("admin.webhooks.bad-events"), url: url) }
        let secret = "whsec_" + randomToken(bytes: 32)
        let hook = try await store.createWebhook(
            url: url, events: events, secretSealed: try auth.vault.seal(secret), actor: coordinator.email, now: auth.now)
        // The secret is in this answer only: it is kept sealed, and no page shows it again.
        return try await page(coordinator, notice: messages("admin.webhooks.created", ["address": hook.url]), secret: secret)
    }

    @Sendable func log(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let coordinator = context.coordinator
        let messages = coordinator.messages
        let id = Identifier<Webhook>(context.parameters.get("id") ?? "")
        guard let hook = try await store.webhooks().first(where: { $0.id == id }) else { throw HTTPError(.notFound) }
        let deliveries = try await store.webhookDeliveries(of: id)
        let heading = messages("admin.webhooks.log-heading", ["address": hook.url])
        return try renderer.response(
            WebhookLogView(
                admin: AdminPage(title: heading, coordinator: coordinator, current: AdminRoute.webhooks.path), heading: heading,
                deliveries: deliveries.map { delivery in
                    .init(
                        when: messages.moment(delivery.createdAt), event: delivery.event.rawValue, delivery: delivery.deliveryID,
                        state: messages("admin.webhooks.state-" + delivery.status.rawValue), attempts: delivery.attempts,
                        answer: delivery.lastResponse ?? "—")
                }, hasDeliveries: !deliveries.isEmpty, back: AdminRoute.webhooks.path))
    }

    @Sendable func remove(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        let id = Identifier<Webhook>(context.parameters.get("id") ?? "")
        let hook = try await store.webhooks().first { $0.id == id }
        _ = try await store.removeWebhook(id, actor: coordinator.email, now: auth.now)
        return seeOther(SiteRoute.admin(.webhooks).path(query: ["removed": hook?.url]))
    }

    private func page(
        _ coordinator: Coordinator, notice: String? = nil, error: String? = nil, secret: String? = nil, url: String = "",
        events: Set<Webhook.Event> = Set(Webhook.Event.allCases)
    ) async throws -> Response {
        let messages = coordinator.messages
        let hooks = try await store.webhooks()
        let view = WebhooksView(
            admin: AdminPage(
                title: messages("admin.webhooks.heading"), coordinator: coordinator, current: AdminRoute.webhooks.path, notice: notice,
                error: error),
            secret: secret, csrf: coordinator.session.csrf,
            hooks: hooks.map { hook in
                .init(
                    url: hook.url, events: hook.events.sorted().map(\.rawValue).joined(separator: ", "),
                    added: messages.moment(hook.createdAt) + " · " + hook.createdBy, log: AdminRoute.webhook(hook.id).path,
                    logLabel: messages("admin.webhooks.deliveries-label", ["address": hook.url]),
                    remove: AdminRoute.removeWebhook(hook.id).path,
                    removeLabel: messages("admin.webhooks.remove-label", ["address": hook.url]))
            }, hasHooks: !hooks.isEmpty, create: AdminRoute.webhooks.path, url: url,
            events: Webhook.Event.allCases.map {
                .init(value: $0.rawValue, label: messages("admin.webhooks.event-" + $0.rawValue), selected: events.contains($0))
            })
        return try renderer.response(view, status: error == nil ? .ok : .unprocessableContent)
    }
}
