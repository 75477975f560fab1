import Foundation
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import Testing

@testable import OutcryWeb

/// About, Privacy, Contact and Accessibility: linked from every page, a default text until coordinators
/// write their own, in each language, with English standing in where a language is not written yet.
@Suite struct SitePagesTests {
    @Test func everyPageLinksThemAndTheyStartWithTheDefaultText() async throws {
        try await TestApp.withDemo { client in
            for path in ["/", "/actions/30-24", "/people"] {
                let page = try await client.execute(uri: path, method: .get).text
                #expect(page.contains(#"<li><a href="/privacy">Privacy</a></li>"#), "\(path)")
            }
            let russianHome = try await client.execute(uri: "/ru/", method: .get).text
            #expect(russianHome.contains(#"<a href="/ru/accessibility">"#))
            let privacy = try await client.execute(uri: "/privacy", method: .get)
            #expect(privacy.status == .ok)
            #expect(privacy.text.contains("We do not keep your IP address"))
            let russian = try await client.execute(uri: "/ru/privacy", method: .get).text
            #expect(russian.contains(#"<html lang="ru">"#) && !russian.contains("We do not keep your IP address"))
        }
    }

    @Test(arguments: TestApp.engines)
    func coordinatorsWriteEachLanguageAndCanGoBackToTheDefault(engine: SQLEngineKind) async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock, engine: engine) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            let list = try await client.get("/admin/site-pages", as: editor).text
            #expect(list.contains(#"<a href="/admin/site-pages/contact/ru">Default text</a>"#))
            let form = try await client.get("/admin/site-pages/contact/en", as: editor).text
            #expect(form.contains("has not yet written here how to reach it"), "the form starts from the default text")

            let body = "Write to press@example.org or see https://example.org/contact.\n\nWe answer within two days."
            let saved = try await client.postFollowingRedirect(
                "/admin/site-pages/contact/en", [("title", "Contact us"), ("body", body)], as: editor)
            #expect(saved.text.contains("The page is saved and shown on the site."))
            let english = try await client.execute(uri: "/contact", method: .get).text
            #expect(english.contains(#"<h1 id="site-page-title">Contact us</h1>"#))
            #expect(english.contains(#"Write to <a href="mailto:press@example.org">press@example.org</a> or see "#))
            #expect(english.contains(#"<a href="https://example.org/contact">https://example.org/contact</a>.</p>"#))
            // Not yet written in Russian: the English text, marked as such.
            let russian = try await client.execute(uri: "/ru/contact", method: .get).text
            #expect(russian.contains(#"<h1 id="site-page-title" lang="en">Contact us</h1>"#))
            _ = try await client.post("/admin/site-pages/contact/ru", [("title", "Контакты"), ("body", "Пишите нам.")], as: editor)
            #expect(try await client.execute(uri: "/ru/contact", method: .get).text.contains(#"<h1 id="site-page-title">Контакты</h1>"#))

            let empty = try await client.post("/admin/site-pages/contact/en", [("title", ""), ("body", "")], as: editor)
            #expect(empty.status == .unprocessableContent)
            let viewer = try await store.signedIn(.viewer, now: clock.now)
            #expect(
                try await client.post("/admin/site-pages/contact/en", [("title", "X"), ("body", "Y")], as: viewer).status == .forbidden)
            #expect(try await client.get("/admin/site-pages/nowhere/en", as: editor).status == .notFound)
            #expect(try await client.get("/admin/site-pages/contact/xx", as: editor).status == .notFound)

            let reset = try await client.postFollowingRedirect("/admin/site-pages/contact/en/reset", as: editor)
            #expect(reset.text.contains("The page shows the default text again."))
            #expect(try await client.execute(uri: "/contact", method: .get).text.contains("has not yet written here how to reach it"))
            #expect(try await store.auditLog(recordID: "contact/en").map(\.action) == ["reset", "edited"])
        }
    }
}
