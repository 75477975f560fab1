import Foundation
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import Testing

/// The action page asks for one act first — writing to the first official — with "Tell us what you did"
/// beside it, at the top and in a bar that stays at the bottom of a phone's screen; a page that no longer
/// asks for action asks for neither.
@Suite struct CallToActTests {
    @Test func theOpenActionAsksForOneActFirstInEveryLanguage() async throws {
        try await TestApp.withDemo { client in
            let page = try await client.execute(uri: "/actions/30-24", method: .get).text
            let call = try #require(page.range(of: ##"<a class="button primary" href="#"##))
            #expect(page[call.upperBound...].hasPrefix(#"target-sadyr-japarov">Write to Sadyr Japarov</a>"#))
            #expect(page[call.upperBound...].contains(##"<a class="button secondary" href="#report">Tell us what you did</a>"##))
            let summary = try #require(page.range(of: #"id="summary-heading""#))
            #expect(call.lowerBound < summary.lowerBound, "the call comes before the account of what happened")
            #expect(
                page.contains(
                    ##"<nav class="act-bar" aria-label="Act now"><a class="button primary" href="#target-sadyr-japarov">Write now</a>"##))
            #expect(page.contains(#"id="target-sadyr-japarov""#), "the call leads to the official's card")
            let russian = try await client.execute(uri: "/ru/actions/30-24", method: .get).text
            #expect(russian.contains("Написать письмо: Sadyr Japarov"))
        }
    }

    @Test func aClosedActionAsksForNothing() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            _ = try await client.post(
                "/admin/actions/30-24/close", [("outcome", "released"), ("note", "All were freed."), ("confirm", "yes")], as: editor)
            let page = try await client.get("/actions/30-24", as: nil).text
            #expect(!page.contains("button primary"))
            #expect(!page.contains("act-bar"))
            #expect(page.contains("No actions have been reported so far."))
            #expect(!page.contains("Be the first"))
            #expect(page.contains("This action is closed.</strong> Outcome: Released."))
            #expect(try await client.get("/de/actions/30-24", as: nil).text.contains("Ausgang: Freilassung."))
        }
    }

    @Test func theReportFormAsksOnlyAboutWaysTheOfficialsReallyOffer() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let form = try await client.get("/actions/30-24/report", as: nil).text
            #expect(form.contains(#"name="count_letter""#) && form.contains(#"name="count_other""#))
            for absent in ["count_email", "count_fax", "count_call", "count_social"] {
                #expect(!form.contains(#"name="\#(absent)""#), "the demo's officials offer no \(absent)")
            }
            var japarov = try #require(try await store.targets(["sadyr-japarov"]).first)
            japarov.emails = ["office@president.example.kg"]
            japarov.phone = "+996 312 000000"
            try await store.save(
                japarov,
                audit: AuditEntry(
                    at: clock.now, actor: "test", action: "edited", recordKind: "target", recordID: "sadyr-japarov", summary: ""))
            clock.advance(seconds: 2)
            let offered = try await client.get("/actions/30-24/report", as: nil).text
            #expect(offered.contains(#"name="count_email""#) && offered.contains(#"name="count_call""#))
            #expect(!offered.contains(#"name="count_fax""#))
        }
    }

    /// Shared where supporters in Central Asia talk — WhatsApp and Telegram — and anywhere, from a field that
    /// holds the address; a link to the page shows its title and summary (Open Graph).
    @Test func theActionIsSharedWhereSupportersTalk() async throws {
        try await TestApp.withDemo { client in
            let page = try await client.execute(uri: "/ru/actions/30-24", method: .get).text
            let address = "http://127.0.0.1:8080/ru/actions/30-24"
            #expect(page.contains(#"href="https://wa.me/?text="#))
            #expect(page.contains("https://t.me/share/url?url=http%3A%2F%2F127.0.0.1%3A8080%2Fru%2Factions%2F30-24&amp;text="))
            #expect(page.contains(#"<input id="share-link" type="text" readonly value="\#(address)">"#))
            #expect(page.contains(#"<meta property="og:url" content="\#(address)">"#))
            #expect(page.contains(#"<link rel="canonical" href="\#(address)">"#))
            #expect(page.contains(#"<meta property="og:locale" content="ru_RU">"#))
            #expect(page.contains(#"<meta property="og:title" content="Срочная акция 30.24"#))
        }
    }
}
