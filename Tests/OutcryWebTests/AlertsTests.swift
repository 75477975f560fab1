import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import SQLKit
import Testing

@testable import OutcryWeb

/// Alerts through the real router: double opt-in, queued alerts, one-click unsubscribe, export and erase.
/// What the SMTP server then receives is tested in OutcryMailTests and e2e.
@Suite struct AlertsTests {
    /// The links in the newest queued message for anyone.
    static func links(in store: Store) async throws -> [String] {
        let text =
            try await store.engine.read { database in
                try await database.select().column("body_text").from("outbox").orderBy("id", .descending).limit(1).first()?
                    .decode(column: "body_text", as: String.self)
            } ?? ""
        return try TestApp.vault.openMarked(text).split(whereSeparator: \.isWhitespace).map(String.init).filter { $0.hasPrefix("http") }
    }

    static func path(_ url: String) -> String {
        URLComponents(string: url)!.path
    }

    static func subscribe(_ client: any TestClientProtocol, email: String, _ extra: [(String, String)] = []) async throws -> TestResponse {
        let form = try await client.get("/alerts", as: nil)
        return try await client.post("/alerts", [("token", form.hidden("token")!), ("email", email), ("consent", "yes")] + extra, as: nil)
    }

    @Test func doubleOptInThenAnAlertWhenAnActionIsPublished() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let noConsent = try await client.post(
                "/alerts", [("token", try await client.get("/alerts", as: nil).hidden("token")!), ("email", "ana@example.org")], as: nil)
            #expect(noConsent.status == .unprocessableContent)
            #expect(noConsent.text.contains("Please tick the box"))

            let response = try await Self.subscribe(client, email: "Ana@Example.org", [("receive", "countries"), ("country", "KG")])
            #expect(response.text.contains("Check your inbox"))
            // Only the confirmation is queued, and the address is stored sealed, nowhere in clear.
            let outbox = try await store.outboxStatus()
            #expect(outbox.queued == 1)
            let raw = try await store.engine.read { database in
                try await database.select().columns("email_sealed", "email_lookup").from("subscriptions").all()
                    .map { try $0.decode(column: "email_sealed", as: String.self) + $0.decode(column: "email_lookup", as: String.self) }
            }
            #expect(raw.count == 1 && !raw[0].lowercased().contains("ana@example.org"))
            let confirm = try #require(try await Self.links(in: store).first { $0.contains("/alerts/confirm/") })

            // Publishing before confirmation sends nothing to this address.
            let editor = try await store.signedIn(.editor, now: clock.now)
            _ = try await client.post("/admin/actions", ActionLifeCycleTests.newAction, as: editor)
            #expect(
                try await client.postFollowingRedirect("/admin/actions/31-24/publish", as: editor).text.contains(
                    "Alerts queued for 0 subscribers."))

            // Following the link changes nothing (mail scanners follow links); the page's button confirms.
            let page = try await client.get(Self.path(confirm), as: nil)
            #expect(page.text.contains(#"<form method="post" action="\#(Self.path(confirm))"><button type="submit">Confirm my alerts"#))
            #expect(try await store.subscription(lookup: TestApp.vault.lookup("ana@example.org"))?.status == .pending)
            let confirmed = try await client.post(Self.path(confirm), as: nil)
            #expect(confirmed.text.contains("Your alerts are on"))
            #expect(try await client.get(Self.path(confirm), as: nil).text.contains("Your alerts are on"), "followed again: nothing to do")
            // A forged or expired link is a clear page.
            #expect(try await client.get("/alerts/confirm/x.1.y", as: nil).status == .gone)
            #expect(try await client.post("/alerts/confirm/x.1.y", as: nil).status == .gone)

            let closed = try await client.postFollowingRedirect(
                "/admin/actions/31-24/close", [("outcome", "released"), ("note", "Released on 2 December."), ("confirm", "yes")], as: editor
            )
            #expect(closed.text.contains("Alerts queued for 1 subscriber."))
            let text = try await store.engine.read { database in
                try await database.select().columns("subject", "body_text", "headers").from("outbox").where("kind", .equal, "alert")
                    .first()!
            }
            #expect(
                try text.decode(column: "subject", as: String.self) == "Outcome of Urgent Action 31.24: Kyrgyzstan: Journalists sentenced")
            #expect(
                try TestApp.vault.openMarked(text.decode(column: "body_text", as: String.self)).contains(
                    "What happened: Released on 2 December."))
            #expect(try text.decode(column: "headers", as: String.self).contains("List-Unsubscribe=One-Click"))
            // Closing again (or a retried request) queues nothing more.
            #expect(try await store.queue([], now: clock.now) == 0)
        }
    }

    @Test func messagesAreWrittenInTheLanguageChosen() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            _ = try await Self.subscribe(client, email: "fleur@example.org", [("language", "fr")])
            let subject = try await store.engine.read { database in
                try await database.select().column("subject").from("outbox").first()!.decode(column: "subject", as: String.self)
            }
            #expect(subject == "Merci de confirmer vos alertes Actions urgentes")
            _ = try await client.post(Self.path(try await Self.links(in: store).first { $0.contains("/confirm/") }!), as: nil)
            let editor = try await store.signedIn(.editor, now: clock.now)
            _ = try await client.post("/admin/actions", ActionLifeCycleTests.newAction, as: editor)
            // Translated before it is published: the French subscriber reads it in French.
            let action = try #require(try await store.urgentAction("31-24"))
            try await store.save(
                Translation(
                    kind: .urgentAction, recordID: "31-24", language: "fr", fields: ["title": ["Kirghizistan : journalistes condamnés"]],
                    sourceFingerprint: action.sourceFingerprint),
                audit: AuditEntry(
                    at: clock.now, actor: "test", action: "translated", recordKind: "urgent action", recordID: "31-24", summary: ""))
            _ = try await client.post("/admin/actions/31-24/publish", as: editor)
            let alert = try await store.engine.read { database in
                try await database.select().columns("subject", "body_text").from("outbox").where("kind", .equal, "alert").first()!
            }
            #expect(
                try alert.decode(column: "subject", as: String.self)
                    == "Mise à jour de l’Action urgente 31.24: Kirghizistan : journalistes condamnés")
            let body = try TestApp.vault.openMarked(alert.decode(column: "body_text", as: String.self))
            #expect(body.contains("Agissez maintenant"))
            #expect(body.contains("/fr/actions/31-24"), "the link leads to the page in the subscriber's language")
            // Kyrgyz, offered on the form since the catalogs have it, with the deadline written in Kyrgyz.
            #expect(try await client.get("/alerts", as: nil).text.contains(#"<option value="ky" lang="ky">Кыргызча</option>"#))
            // A language the form does not offer falls back to English.
            _ = try await Self.subscribe(client, email: "zed@example.org", [("language", "xx")])
            let newest = try await store.engine.read { database in
                try await database.select().column("subject").from("outbox").orderBy("id", .descending).first()!.decode(
                    column: "subject", as: String.self)
            }
            #expect(newest == "Please confirm your Urgent Action alerts")
        }
    }

    @Test func aFilterForOtherCountriesHearsNothing() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            _ = try await Self.subscribe(client, email: "bo@example.org", [("receive", "countries"), ("country", "KG")])
            _ = try await client.post(Self.path(try await Self.links(in: store)[0]), as: nil)
            let missing = try await Self.subscribe(client, email: "cy@example.org", [("receive", "countries")])
            #expect(missing.text.contains("Choose at least one country"))
            let editor = try await store.signedIn(.editor, now: clock.now)
            _ = try await client.post("/admin/actions", ActionLifeCycleTests.newAction, as: editor)
            #expect(
                try await client.postFollowingRedirect("/admin/actions/31-24/publish", as: editor).text.contains(
                    "Alerts queued for 1 subscriber."))
            try await store.updatePreferences(
                try #require(try await store.subscribers(frequency: .instant).first?.id), language: "en",
                filter: .countries([Country(rawValue: "FR")!]),
                frequency: .instant)
            #expect(
                try await client.postFollowingRedirect(
                    "/admin/actions/31-24/close", [("outcome", "released"), ("note", "Released."), ("confirm", "yes")], as: editor
                ).text.contains("Alerts queued for 0 subscribers."))
        }
    }

    @Test func oneClickUnsubscribeExportAndErase() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            _ = try await Self.subscribe(client, email: "dee@example.org", [("frequency", "weekly")])
            let links = try await Self.links(in: store)
            _ = try await client.post(Self.path(links.first { $0.contains("/confirm/") }!), as: nil)
            let manage = Self.path(links.first { $0.contains("/manage/") }!)
            let page = try await client.get(manage, as: nil)
            #expect(page.text.contains("Your alerts"))
            #expect(page.headers[.cacheControl] == "no-store", "a supporter's own page is never kept by a browser or proxy")
            let token = try #require(page.hidden("token"))

            let export = try await client.post(manage + "/export", [("token", token)], as: nil)
            #expect(export.headers[.contentDisposition]?.contains("attachment") == true)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: export.body)) as? [String: Any])
            #expect(json["email"] as? String == "dee@example.org")
            #expect(json["frequency"] as? String == "weekly")
            #expect((json["consent"] as? [String: String])?["wording"] == Consent.alerts)
            #expect((json["messages"] as? [[String: Any]])?.count == 1)
            #expect(try await client.post(manage + "/export", [("token", "forged")], as: nil).status == .badRequest)

            // RFC 8058: the mail program posts "List-Unsubscribe=One-Click" to the link, with nothing else.
            let unsubscribe = manage.replacingOccurrences(of: "/manage/", with: "/unsubscribe/")
            #expect(try await client.get(unsubscribe, as: nil).text.contains("Stop my alerts"), "a GET changes nothing (link scanners)")
            #expect(try await store.subscribers(frequency: .weekly).count == 1)
            let stopped = try await client.post(unsubscribe, [("List-Unsubscribe", "One-Click")], as: nil)
            #expect(stopped.text.contains("Your alerts are stopped"))
            #expect(try await store.subscribers(frequency: .weekly).isEmpty)
            #expect(try await store.outboxStatus() == OutboxStatus(), "nothing about the address is left, not even its messages")
        }
    }

    @Test func feedsAreAtomWithEveryPublicAction() async throws {
        try await TestApp.withDemo { client in
            let feed = try await client.execute(uri: "/feeds/actions.atom", method: .get)
            #expect(feed.headers[.contentType] == "application/atom+xml; charset=utf-8")
            let xml = feed.text
            #expect(xml.hasPrefix(#"<?xml version="1.0" encoding="utf-8"?>"#))
            #expect(xml.contains(#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">"#))
            #expect(xml.contains("<title>Urgent Action 30.24: "))
            #expect(xml.contains("<updated>2024-04-17T00:00:00Z</updated>"))
            #expect(try await client.execute(uri: "/feeds/cases/temirov-live-2024.atom", method: .get).text.contains("Urgent Action 30.24"))
            #expect(try await client.execute(uri: "/feeds/statements.atom", method: .get).text.contains("<entry>"))
            #expect(try await client.execute(uri: "/feeds/cases/nope.atom", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/", method: .get).text.contains(#"<link rel="alternate" type="application/atom+xml""#))
        }
    }
}

/// The weekly digest, made by the same code `outcry send-alerts --digest` runs.
@Suite struct DigestTests {
    @Test func theWeekIsGroupedInOneMessageQueuedOnce() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            _ = try await AlertsTests.subscribe(client, email: "eve@example.org", [("frequency", "weekly")])
            _ = try await client.post(AlertsTests.path(try await AlertsTests.links(in: store).first { $0.contains("/confirm/") }!), as: nil)
            let editor = try await store.signedIn(.editor, now: clock.now)
            _ = try await client.post("/admin/actions", ActionLifeCycleTests.newAction, as: editor)
            #expect(
                try await client.postFollowingRedirect("/admin/actions/31-24/publish", as: editor).text.contains(
                    "Alerts queued for 0 subscribers."),
                "weekly subscribers wait")
            _ = try await client.post(
                "/admin/actions/31-24/close", [("outcome", "released"), ("note", "Released."), ("confirm", "yes")], as: editor)

            let alerts = Alerts(
                store: store, vault: TestApp.vault,
                links: AlertLinks(secret: "s", siteURL: "https://act.example.org"), mailHost: "example.org")
            #expect(try await alerts.queueDigest(now: clock.now) == 1)
            #expect(try await alerts.queueDigest(now: clock.now) == 0, "once a week")
            let digest = try await store.engine.read { database in
                try await database.select().columns("subject", "body_text").from("outbox").where("kind", .equal, "digest").first()!
            }
            #expect(try digest.decode(column: "subject", as: String.self) == "Urgent Actions this week: 2 to read")
            let text = try TestApp.vault.openMarked(digest.decode(column: "body_text", as: String.self))
            #expect(text.contains("Update: Urgent Action 31.24"), "31.24 is an update of 30.24")
            #expect(text.contains("Outcome: Urgent Action 31.24"))
            #expect(text.contains("https://act.example.org/actions/31-24"))
            clock.advance(seconds: 8 * 86_400)
            #expect(try await alerts.queueDigest(now: clock.now) == 0, "nothing happened in the next week")
        }
    }
}
