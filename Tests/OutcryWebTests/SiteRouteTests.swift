import Foundation
import Hummingbird
import HummingbirdTesting
import Mustache
import OutcryCore
import OutcryStore
import Testing

@testable import OutcryWeb

/// The route table: one value gives the router its pattern and a page its link, and reads a path back.
@Suite struct SiteRouteTests {
    @Test(arguments: [
        (SiteRoute.home, "/", "/"),
        (.urgentAction("30-24"), "/actions/30-24", "/actions/:id"),
        (.letter("30-24", to: "sadyr-japarov"), "/actions/30-24/letter/sadyr-japarov", "/actions/:id/letter/:target"),
        (.officialsReport("30-24", for: "sadyr-japarov"), "/actions/30-24/officials/sadyr-japarov", "/actions/:id/officials/:target"),
        (.caseFeed("temirov-live-2024"), "/feeds/cases/temirov-live-2024.atom", "/feeds/cases/:file"),
        (.manageAlerts("a.b_c-d"), "/alerts/manage/a.b_c-d", "/alerts/manage/:token"),
        (.admin(.home), "/admin", "/admin"),
        (.admin(.actionStep("30-24", .reopen)), "/admin/actions/30-24/reopen", "/admin/actions/:id/reopen"),
        (.admin(.record(.statusChanges, id: "raid-1")), "/admin/status-changes/raid-1", "/admin/status-changes/:id"),
        (.admin(.user(email: "ainura@example.org", .reset)), "/admin/users/ainura%40example.org/reset", "/admin/users/:email/reset"),
    ])
    func linksAndPatternsComeFromOneValue(route: SiteRoute, path: String, pattern: String) {
        #expect(route.path == path)
        #expect(route.pattern == pattern)
        #expect(route.parameters(in: path) != nil, "a route reads back its own link")
    }

    @Test func parametersAreOneSegmentWhateverTheyHold() {
        let route = SiteRoute.admin(.user(email: "a/b?c#d é@example.org", .disable))
        #expect(route.path == "/admin/users/a%2Fb%3Fc%23d%20%C3%A9%40example.org/disable")
        #expect(route.parameters(in: route.path)?["email"]?.removingPercentEncoding == "a/b?c#d é@example.org")
    }

    @Test func thePathIsReadBackOnlyWhenItMatches() {
        let report = SiteRoute.report(.key)
        #expect(report.parameters(in: "/actions/30-24/report")?["id"] == "30-24")
        for other in ["/actions/30-24", "/actions//report", "/actions/30-24/report/", "actions/30-24/report", "/cases/30-24/report"] {
            #expect(report.parameters(in: other) == nil, "\(other)")
        }
        #expect(SiteRoute.home.parameters(in: "/") == [:])
        #expect(SiteRoute.home.parameters(in: "/x") == nil)
    }

    @Test func pagesForSupportersCarryTheReadersLanguageAndTheRestDoNot() {
        #expect(SiteRoute.urgentAction("30-24").path(language: "ru") == "/ru/actions/30-24")
        #expect(SiteRoute.home.path(language: "ky") == "/ky")
        #expect(SiteRoute.urgentAction("30-24").path(language: "en") == "/actions/30-24", "the default language stays at the root")
        #expect(SiteRoute.urgentAction("30-24").path(language: nil) == "/actions/30-24")
        #expect(SiteRoute.isLocalisedPath("/actions/30-24"))
        #expect(SiteRoute.actionsFeed.path(language: "ru") == "/ru/feeds/actions.atom")
        for route in [SiteRoute.admin(.home), .stylesheet, .health, .totalsCSV("30-24")] {
            #expect(route.path(language: "ru") == route.path, "\(route)")
            #expect(!SiteRoute.isLocalisedPath(route.path), "\(route)")
        }
    }

    @Test func logsKeepNoSecretALinkCarries() {
        #expect(SiteRoute.loggable(SiteRoute.admin(.setPassword("s3cret")).path) == "/admin/set-password/…")
        #expect(SiteRoute.loggable(SiteRoute.exportAlerts("s3cret").path) == "/alerts/manage/…")
        #expect(SiteRoute.loggable(SiteRoute.unsubscribe("s3cret").path) == "/alerts/unsubscribe/…")
        #expect(SiteRoute.loggable("/actions/30-24") == "/actions/30-24")
    }

    /// A page whose template cannot render is a 500 with the error page, never an empty 200.
    @Test func aPageThatCannotRenderIsAnErrorNotAnEmptyPage() async throws {
        var library = MustacheLibrary()
        try library.register("<h1>{{heading}}</h1>", named: ErrorPage.template)
        let renderer = PageRenderer(library: library)
        let router = Router(context: OutcryRequestContext.self)
        router.middlewares.add(ErrorPageMiddleware(renderer: renderer))
        router.get(.home) { _, _ in
            try renderer.response(
                MessageView(admin: AdminPage(title: "x", messages: .english, coordinator: nil), heading: "x", paragraphs: [], copyable: []))
        }
        let app = Application(router: router)
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .internalServerError)
            #expect(String(buffer: response.body) == "<h1>Something went wrong on our side</h1>")
        }
    }
}

extension SiteRouteTests {
    /// The database restarting is not the supporter's doing, nor a failure to hide: a 503 that asks to send
    /// again (the form's key counts it once), in the page's language, and when to try again.
    @Test func aLostDatabaseConnectionAsksToSendAgainInAMinute() async throws {
        let renderer = try await PageRenderer(themeDirectory: nil)
        let router = Router(context: OutcryRequestContext.self)
        router.middlewares.add(ErrorPageMiddleware(renderer: renderer))
        router.post(.report(.key)) { _, _ -> Response in throw StoreError.connectionLost }
        let app = Application(responder: LanguageResponder(inner: router.buildResponder(), messages: Messages.Source(pseudo: false)))
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/actions/30-24/report", method: .post)
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.retryAfter] == "10")
            #expect(String(buffer: response.body).contains("What you sent may not have been saved. Please send it again in a minute"))
            let russian = try await client.execute(uri: "/ru/actions/30-24/report", method: .post)
            #expect(String(buffer: russian.body).contains("Отправленное вами могло не сохраниться"))
        }
    }

    @Test func queriesAndFragmentsAreEncodedByTheTable() {
        #expect(SiteRoute.thanks("30-24").path(query: ["held": "1"]) == "/actions/30-24/thanks?held=1")
        #expect(SiteRoute.thanks("30-24").path(query: ["held": nil]) == "/actions/30-24/thanks")
        #expect(
            SiteRoute.admin(.signIn).path(query: ["next": "/admin/actions/30-24"]) == "/admin/sign-in?next=%2Fadmin%2Factions%2F30%2D24")
        #expect(SiteRoute.urgentAction("30-24").path(query: [:], fragment: "share-heading") == "/actions/30-24#share-heading")
    }

    /// A supporter's alert links stay at one address in every language, so logs and the no-store rule,
    /// which find them by address, keep working when the language prefix comes.
    @Test func secretBearingLinksAreNeverLocalised() {
        for route in SiteRoute.secretBearing + [.exportAlerts("t"), .eraseAlerts("t")] {
            #expect(!route.isLocalised, "\(route)")
        }
    }

    @Test func routesThatNeedASessionAreTheCoordinatorsAndOnlyThey() {
        #expect(SiteRoute.urgentAction("30-24").isOpen)
        #expect(SiteRoute.admin(.signIn).isOpen)
        #expect(SiteRoute.admin(.setPassword("t")).isOpen)
        #expect(!SiteRoute.admin(.home).isOpen)
        #expect(!SiteRoute.admin(.actionStep("30-24", .reopen)).isOpen)
    }
}
