import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import Testing

@testable import OutcryWeb

/// Every coordinator route, for anonymous visitors and each role: who gets in, who is refused, who is sent to sign in.
@Suite struct AdminAuthorizationTests {
    /// Who may use a route. `open` routes need no session (signing in, one-time links).
    enum Access: Comparable { case open, viewer, editor, admin }

    struct Route: Sendable, CustomStringConvertible {
        let method: HTTPRequest.Method
        /// As the router writes it, `{id}` for a parameter.
        let pattern: String
        /// A real address that matches the pattern, on the demo data.
        let example: String
        let access: Access
        var description: String { "\(method) \(example)" }
    }

    static let routes: [Route] =
        [
            .init(method: .get, pattern: "/admin/sign-in", example: "/admin/sign-in", access: .open),
            .init(method: .post, pattern: "/admin/sign-in", example: "/admin/sign-in", access: .open),
            .init(method: .get, pattern: "/admin/sign-in/code", example: "/admin/sign-in/code", access: .open),
            .init(method: .post, pattern: "/admin/sign-in/code", example: "/admin/sign-in/code", access: .open),
            .init(method: .get, pattern: "/admin/set-password/{token}", example: "/admin/set-password/nope", access: .open),
            .init(method: .post, pattern: "/admin/set-password/{token}", example: "/admin/set-password/nope", access: .open),
            .init(method: .post, pattern: "/admin/sign-out", example: "/admin/sign-out", access: .viewer),
            .init(method: .post, pattern: "/admin/sign-out-everywhere", example: "/admin/sign-out-everywhere", access: .viewer),
            .init(method: .get, pattern: "/admin/account", example: "/admin/account", access: .viewer),
            .init(method: .post, pattern: "/admin/account/two-factor/start", example: "/admin/account/two-factor/start", access: .viewer),
            .init(method: .post, pattern: "/admin/account/language", example: "/admin/account/language", access: .viewer),
            .init(method: .get, pattern: "/admin/account/two-factor", example: "/admin/account/two-factor", access: .viewer),
            .init(method: .post, pattern: "/admin/account/two-factor", example: "/admin/account/two-factor", access: .viewer),
            .init(method: .get, pattern: "/admin", example: "/admin", access: .viewer),
            .init(method: .get, pattern: "/admin/actions", example: "/admin/actions", access: .viewer),
            .init(method: .get, pattern: "/admin/actions/{id}", example: "/admin/actions/30-24", access: .viewer),
            .init(method: .get, pattern: "/admin/actions/{id}/preview", example: "/admin/actions/30-24/preview", access: .viewer),
            .init(method: .get, pattern: "/admin/actions/{id}/edit", example: "/admin/actions/30-24/edit", access: .editor),
            .init(method: .get, pattern: "/admin/actions/new", example: "/admin/actions/new", access: .editor),
            .init(method: .post, pattern: "/admin/actions", example: "/admin/actions", access: .editor),
            .init(method: .post, pattern: "/admin/actions/{id}", example: "/admin/actions/30-24", access: .editor),
            .init(method: .post, pattern: "/admin/actions/{id}/publish", example: "/admin/actions/30-24/publish", access: .editor),
            .init(method: .post, pattern: "/admin/actions/{id}/deadline", example: "/admin/actions/30-24/deadline", access: .editor),
            .init(method: .post, pattern: "/admin/actions/{id}/close", example: "/admin/actions/30-24/close", access: .editor),
            .init(method: .post, pattern: "/admin/actions/{id}/reopen", example: "/admin/actions/30-24/reopen", access: .editor),
            .init(method: .post, pattern: "/admin/actions/{id}/keep", example: "/admin/actions/30-24/keep", access: .editor),
            .init(method: .get, pattern: "/admin/contacts", example: "/admin/contacts", access: .viewer),
            .init(method: .post, pattern: "/admin/contacts", example: "/admin/contacts", access: .editor),
            .init(
                method: .post, pattern: "/admin/actions/{id}/reports/{report}", example: "/admin/actions/30-24/reports/1", access: .editor),
            .init(method: .get, pattern: "/admin/import", example: "/admin/import", access: .editor),
            .init(method: .post, pattern: "/admin/import", example: "/admin/import", access: .editor),
            .init(method: .get, pattern: "/admin/import/{draft}", example: "/admin/import/0123456789ab", access: .editor),
            .init(method: .post, pattern: "/admin/import/{draft}", example: "/admin/import/0123456789ab", access: .editor),
            .init(method: .get, pattern: "/admin/users", example: "/admin/users", access: .admin),
            .init(method: .post, pattern: "/admin/users", example: "/admin/users", access: .admin),
            .init(
                method: .post, pattern: "/admin/users/{email}/disable", example: "/admin/users/nobody%40example.org/disable", access: .admin
            ),
            .init(
                method: .post, pattern: "/admin/users/{email}/enable", example: "/admin/users/nobody%40example.org/enable", access: .admin),
            .init(method: .post, pattern: "/admin/users/{email}/reset", example: "/admin/users/nobody%40example.org/reset", access: .admin),
            .init(method: .post, pattern: "/admin/settings/two-factor", example: "/admin/settings/two-factor", access: .admin),
            .init(method: .get, pattern: "/admin/audit", example: "/admin/audit", access: .admin),
            .init(method: .get, pattern: "/admin/api-tokens", example: "/admin/api-tokens", access: .admin),
            .init(method: .post, pattern: "/admin/api-tokens", example: "/admin/api-tokens", access: .admin),
            .init(method: .post, pattern: "/admin/api-tokens/{id}/revoke", example: "/admin/api-tokens/none/revoke", access: .admin),
            .init(method: .get, pattern: "/admin/webhooks", example: "/admin/webhooks", access: .admin),
            .init(method: .post, pattern: "/admin/webhooks", example: "/admin/webhooks", access: .admin),
            .init(method: .get, pattern: "/admin/webhooks/{id}", example: "/admin/webhooks/none", access: .admin),
            .init(method: .post, pattern: "/admin/webhooks/{id}/remove", example: "/admin/webhooks/none/remove", access: .admin),
            .init(
                method: .get, pattern: "/admin/translations/{kind}/{id}", example: "/admin/translations/case/temirov-live-2024",
                access: .viewer),
            .init(
                method: .get, pattern: "/admin/translations/{kind}/{id}/{language}",
                example: "/admin/translations/case/temirov-live-2024/de",
                access: .viewer),
            .init(
                method: .post, pattern: "/admin/translations/{kind}/{id}/{language}",
                example: "/admin/translations/case/temirov-live-2024/de", access: .editor),
            .init(
                method: .post, pattern: "/admin/translations/{kind}/{id}/{language}/delete",
                example: "/admin/translations/case/temirov-live-2024/de/delete", access: .editor),
            .init(
                method: .get, pattern: "/admin/people/{id}/portrait", example: "/admin/people/makhabat-tazhibek-kyzy/portrait",
                access: .viewer),
            .init(
                method: .post, pattern: "/admin/people/{id}/portrait", example: "/admin/people/makhabat-tazhibek-kyzy/portrait",
                access: .editor),
            .init(method: .get, pattern: "/admin/site-pages", example: "/admin/site-pages", access: .viewer),
            .init(method: .get, pattern: "/admin/cases/{id}/picture", example: "/admin/cases/temirov-live-2024/picture", access: .viewer),
            .init(method: .post, pattern: "/admin/cases/{id}/picture", example: "/admin/cases/temirov-live-2024/picture", access: .editor),
            .init(
                method: .post, pattern: "/admin/cases/{id}/picture/remove", example: "/admin/cases/temirov-live-2024/picture/remove",
                access: .editor),
            .init(method: .get, pattern: "/admin/site-pages/{kind}/{language}", example: "/admin/site-pages/privacy/ru", access: .viewer),
            .init(method: .post, pattern: "/admin/site-pages/{kind}/{language}", example: "/admin/site-pages/privacy/ru", access: .editor),
            .init(
                method: .post, pattern: "/admin/site-pages/{kind}/{language}/reset", example: "/admin/site-pages/privacy/ru/reset",
                access: .editor),
            .init(
                method: .post, pattern: "/admin/people/{id}/portrait/remove",
                example: "/admin/people/makhabat-tazhibek-kyzy/portrait/remove", access: .editor),
            .init(method: .get, pattern: "/admin/replies/{id}/scan", example: "/admin/replies/no-such-reply/scan", access: .viewer),
            .init(method: .post, pattern: "/admin/replies/{id}/scan", example: "/admin/replies/no-such-reply/scan", access: .editor),
            .init(
                method: .post, pattern: "/admin/replies/{id}/scan/remove", example: "/admin/replies/no-such-reply/scan/remove",
                access: .editor),
            .init(method: .post, pattern: "/admin/groups/{id}/new-link", example: "/admin/groups/no-such-group/new-link", access: .editor),
            .init(method: .get, pattern: "/admin/group-reports", example: "/admin/group-reports", access: .viewer),
            .init(method: .post, pattern: "/admin/group-reports/{report}", example: "/admin/group-reports/no-such-report", access: .editor),
            .init(
                method: .get, pattern: "/admin/group-reports/{report}/photo", example: "/admin/group-reports/no-such-report/photo",
                access: .viewer),
        ]
        + [
            ("cases", "temirov-live-2024"), ("targets", "sadyr-japarov"), ("people", "makhabat-tazhibek-kyzy"),
            ("organisations", "kloop-media"),
            ("status-changes", "temirov-detained-2024-01-16"), ("statements", "kloop-media-staff-detained-2025"),
            ("replies", "no-such-reply"), ("campaigns", "no-such-campaign"), ("groups", "no-such-group"),
        ].flatMap { kind, id in
            // Every kind of record has the same five routes: reading needs a viewer, writing an editor.
            [
                Route(method: .get, pattern: "/admin/\(kind)", example: "/admin/\(kind)", access: .viewer),
                Route(method: .get, pattern: "/admin/\(kind)/{id}", example: "/admin/\(kind)/\(id)", access: .viewer),
                Route(method: .get, pattern: "/admin/\(kind)/new", example: "/admin/\(kind)/new", access: .editor),
                Route(method: .post, pattern: "/admin/\(kind)", example: "/admin/\(kind)", access: .editor),
                Route(method: .post, pattern: "/admin/\(kind)/{id}", example: "/admin/\(kind)/\(id)", access: .editor),
            ]
        }

    /// The matrix covers every route the coordinator area registers: a new route without a row fails here.
    @Test func theMatrixListsEveryCoordinatorRoute() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("outcry-routes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await Store.open(.sqlite(path: directory.path + ".sqlite"), logger: TestApp.logger)
        defer { Task { await store.shutdown() } }
        let renderer = try await PageRenderer(themeDirectory: nil)
        let router = Router(context: OutcryRequestContext.self)
        let clock = FixedClock()
        addCoordinatorRoutes(
            to: router,
            auth: AdminAuth(
                store: store, clock: clock, secureCookies: false, passwordCost: 4, vault: try ContactVault(key: Data(count: 32)),
                trustForwardedFor: false),
            tokens: FormTokens(secret: "x"), renderer: renderer,
            pages: PublicPages(store: store, siteName: "Outcry", publicURL: "http://localhost", offersEmail: false),
            cache: PageCache(store: store, clock: clock, fill: { _ in "" }, immediateFill: { _ in "" }), alerts: nil,
            siteURL: "http://localhost", groupLinks: GroupLinks(secret: "x"), totals: TotalsCache(store: store, clock: clock))
        let registered = Set(router.routes.map { "\($0.method) \($0.path)" })
        let listed = Set(Self.routes.map { "\($0.method) \($0.pattern)" })
        let unlisted = registered.subtracting(listed).sorted()
        let gone = listed.subtracting(registered).sorted()
        #expect(registered == listed, "registered but not in the matrix: \(unlisted); listed but gone: \(gone)")
    }

    @Test func anonymousVisitorsAreSentToSignInForEveryProtectedRoute() async throws {
        try await TestApp.withCoordinators { client, _ in
            for route in Self.routes where route.access != .open {
                let response =
                    route.method == .get
                    ? try await client.get(route.example, as: nil) : try await client.post(route.example, as: nil)
                #expect(response.status == .seeOther, "\(route)")
                #expect(response.headers[.location]?.hasPrefix("/admin/sign-in") == true, "\(route)")
            }
        }
    }

    @Test(arguments: [Role.viewer, .editor, .admin])
    func eachRoleGetsExactlyWhatItIsAllowed(role: Role) async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            for route in Self.routes where route.access != .open {
                // A new session each time: some routes (signing out) end the one they are given.
                let browser = try await store.signedIn(role, now: clock.now)
                let response =
                    route.method == .get
                    ? try await client.get(route.example, as: browser) : try await client.post(route.example, as: browser)
                let allowed = route.access <= Self.access(of: role)
                if allowed {
                    #expect(response.status != .forbidden, "\(role) should reach \(route)")
                    #expect(
                        response.headers[.location]?.hasPrefix("/admin/sign-in") != true || route.example.contains("sign-out"),
                        "\(role) at \(route)")
                    #expect(response.status.code < 500, "\(role) at \(route): \(response.status)")
                } else {
                    #expect(response.status == .forbidden, "\(role) must not reach \(route): got \(response.status)")
                    #expect(response.text.contains("cannot"), "\(route)")
                }
                #expect(response.headers[.cacheControl] == "no-store", "\(route)")
            }
        }
    }

    static func access(of role: Role) -> Access {
        switch role {
        case .viewer: .viewer
        case .editor: .editor
        case .admin: .admin
        }
    }

    @Test func aFormWithoutTheSessionsTokenChangesNothing() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            for csrf in ["", "forged", String(repeating: "a", count: 32)] {
                let response = try await client.post(
                    "/admin/actions/30-24/deadline", [("deadline", "2030-01-01")], as: editor, csrf: csrf)
                #expect(response.status == .forbidden)
                #expect(response.text.contains("did not come from this site, so nothing was changed"))
            }
            // Another session's token is no good either.
            let other = try await store.signedIn(.editor, now: clock.now)
            let response = try await client.post(
                "/admin/actions/30-24/deadline", [("deadline", "2030-01-01")], as: editor, csrf: other.csrf)
            #expect(response.status == .forbidden)
            #expect(try await store.urgentAction("30-24")?.deadline == nil)
            #expect(try await store.auditLog().allSatisfy { $0.action != "extended" })
        }
    }
}
