import Foundation
import Hummingbird
import OutcryCore
import OutcryStore

/// The administrators' page of API tokens: making one (its secret shown in that answer only), listing them
/// without secrets, revoking one. `outcry token` does the same from the command line.
struct APITokensController: Sendable {
    let auth: AdminAuth
    let renderer: PageRenderer

    private var store: Store { auth.store }

    func addRoutes(to routes: CoordinatorRoutes) {
        routes.get(.apiTokens, .admin, use: list)
        routes.post(.apiTokens, .admin, use: create)
        routes.post(.revokeAPIToken(.key), .admin, use: revoke)
    }

    @Sendable func list(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let coordinator = context.coordinator
        var notice: String?
        if let id = request.uri.queryParameters["revoked"].map(String.init),
            let token = try await store.apiTokens().first(where: { $0.id.rawValue == id && $0.revokedAt != nil })
        {
            notice = coordinator.messages("admin.tokens.revoked-done", ["name": token.name])
        }
        return try await page(coordinator, notice: notice)
    }

    @Sendable func create(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        let messages = coordinator.messages
        let name = form.text("name") ?? ""
        let days = form.text("days") ?? ""
        let scopes = Set(form.all("scope").compactMap(APIToken.Scope.init(rawValue:)))
        func refused(_ key: String) async throws -> Response {
            try await page(coordinator, error: messages(key), name: name, days: days, account: form["account"], scopes: scopes)
        }
        guard (1...100).contains(name.count) else { return try await refused("admin.tokens.bad-name") }
        guard !scopes.isEmpty else { return try await refused("admin.tokens.bad-scopes") }
        guard let count = Int(days), (1...3650).contains(count) else { return try await refused("admin.tokens.bad-expiry") }
        guard let email = form["account"], try await store.account(email: email) != nil else {
            return try await refused("admin.tokens.no-account")
        }
        let now = auth.now
        let (token, secret) = try await store.createAPIToken(
            account: email, name: name, scopes: scopes, expiresAt: now.addingTimeInterval(TimeInterval(count) * 86_400),
            actor: coordinator.email, now: now)
        var notice = messages("admin.tokens.created", ["name": token.name, "email": token.accountEmail])
        if scopes.contains(where: { !token.allows($0) }) {
            notice += " " + messages("admin.tokens.role-limits", ["email": token.accountEmail])
        }
        // The secret is in this answer only: it is kept as a digest, so no later page could show it.
        return try await page(coordinator, notice: notice, secret: secret)
    }

    @Sendable func revoke(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        let id = Identifier<APIToken>(context.parameters.get("id") ?? "")
        _ = try await store.revokeAPIToken(id, actor: coordinator.email, now: auth.now)
        return seeOther(SiteRoute.admin(.apiTokens).path(query: ["revoked": id.rawValue]))
    }

    private func page(
        _ coordinator: Coordinator, notice: String? = nil, error: String? = nil, secret: String? = nil, name: String = "",
        days: String = "365", account: String? = nil, scopes: Set<APIToken.Scope> = [.read]
    ) async throws -> Response {
        let messages = coordinator.messages
        let now = auth.now
        let tokens = try await store.apiTokens()
        let accounts = try await store.accounts().filter { !$0.isDisabled }
        let view = APITokensView(
            admin: AdminPage(
                title: messages("admin.tokens.heading"), coordinator: coordinator, current: AdminRoute.apiTokens.path, notice: notice,
                error: error),
            secret: secret, csrf: coordinator.session.csrf,
            tokens: tokens.map { token in
                APITokensView.Row(
                    name: token.name, account: token.accountEmail, scopes: token.scopeList,
                    expires: token.expiresAt.map(messages.moment) ?? "—",
                    lastUsed: token.lastUsedAt.map(messages.moment) ?? messages("admin.tokens.never"),
                    state: messages(
                        token.revokedAt != nil
                            ? "admin.tokens.revoked" : token.isLive(at: now) ? "admin.tokens.live" : "admin.tokens.expired"),
                    isLive: token.isLive(at: now), revoke: AdminRoute.revokeAPIToken(token.id).path,
                    revokeLabel: messages("admin.tokens.revoke-label", ["name": token.name]))
            },
            hasTokens: !tokens.isEmpty, create: AdminRoute.apiTokens.path,
            accounts: accounts.map {
                .init(value: $0.email, label: "\($0.email) (\(messages.role($0.role)))", selected: $0.email == account)
            },
            scopes: APIToken.Scope.allCases.map {
                .init(value: $0.rawValue, label: messages("admin.tokens.scope-" + $0.rawValue), selected: scopes.contains($0))
            },
            name: name, days: days)
        return try renderer.response(view, status: error == nil ? .ok : .unprocessableContent)
    }
}
