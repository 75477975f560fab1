import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import SQLKit
import Testing

/// Reporting through the real router: counted once, refused with a reason, never half-written.
@Suite struct ReportingTests {
    @Test func aReportIsCountedOnceHoweverOftenItIsSent() async throws {
        try await TestApp.withDemo { client in
            let token = try await client.formToken(on: "/actions/30-24")
            let fields = [("token", token), ("count_letter", "2"), ("count_email", "1"), ("target", "sadyr-japarov"), ("country", "DE")]
            for _ in 0..<3 {
                let response = try await client.submit("/actions/30-24/report", fields)
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/actions/30-24/thanks")
            }
            let thanks = try await client.execute(uri: "/actions/30-24/thanks", method: .get).text
            #expect(thanks.contains("<strong>1 person</strong> in <strong>1 country</strong> has reported <strong>3 actions</strong>."))
            let page = try await client.execute(uri: "/actions/30-24", method: .get).text
            #expect(page.contains("Letters: <strong>2</strong>"))
            #expect(page.contains("E-mails: <strong>1</strong>"))
        }
    }

    @Test(arguments: [
        ([("count_letter", "-2")], "“Letters” cannot be below zero."),
        ([("count_letter", "0")], "Please tell us how many actions you took: every box is empty or zero."),
        ([("count_call", "two")], "“Calls” must be a whole number, such as 1 or 2."),
        ([("count_social", "501")], "“Social media posts” is more than 500."),
        ([("count_letter", "1"), ("target", "someone-else")], "The official you chose is not on this action."),
        ([("count_letter", "1"), ("country", "XX")], "Please choose your country from the list, or leave it empty."),
    ])
    func badReportsComeBackWithTheReasonAndTheValues(fields: [(String, String)], message: String) async throws {
        try await TestApp.withDemo { client in
            let token = try await client.formToken(on: "/actions/30-24")
            let response = try await client.submit("/actions/30-24/report", [("token", token)] + fields)
            #expect(response.status == .unprocessableContent)
            let html = response.text
            #expect(html.contains(#"<div class="error" role="alert" id="report-error"><p>"#))
            #expect(html.contains(message))
            // The demo's officials can only be written to: the form has boxes for letters and other actions.
            if let (name, value) = fields.first(where: { ["count_letter", "count_other"].contains($0.0) }) {
                #expect(html.contains(#"name="\#(name)" value="\#(value)""#), "the supporter's value is kept")
            }
            let page = try await client.execute(uri: "/actions/30-24", method: .get).text
            #expect(page.contains("No actions have been reported so far."))
        }
    }

    @Test(arguments: ["", "nonsense", "1795777326.abc.def"])
    func aFormWithoutAGenuineTokenRecordsNothing(token: String) async throws {
        try await TestApp.withDemo { client in
            let response = try await client.submit("/actions/30-24/report", [("token", token), ("count_letter", "1")])
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("This form could not be accepted. Please send it again from this page."))
            #expect(try await client.execute(uri: "/actions/30-24", method: .get).text.contains("No actions have been reported so far."))
        }
    }

    /// A genuine token does not make a form from another site acceptable: a report, an alert sign-up or a
    /// sign-in posted from elsewhere is refused before anything is read, on the router as on the raw lane.
    @Test(
        arguments: [
            [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"], [.origin: "https://evil.example"], [.origin: "null"],
        ] as [HTTPFields])
    func aFormFromAnotherSiteChangesNothing(from: HTTPFields) async throws {
        try await TestApp.withDemo { client in
            let token = try await client.formToken(on: "/actions/30-24")
            var headers = from
            headers[.contentType] = "application/x-www-form-urlencoded"
            for path in ["/actions/30-24/report", "/alerts", "/admin/sign-in"] {
                let response = try await client.execute(
                    uri: path, method: .post, headers: headers, body: ByteBuffer(string: "token=\(token)&count_letter=1"))
                #expect(response.status == .forbidden, "\(path)")
                #expect(response.text.contains("This form was sent from another site, so nothing was changed."))
            }
            #expect(try await client.execute(uri: "/actions/30-24", method: .get).text.contains("No actions have been reported so far."))
            var sameSite = headers
            sameSite[HTTPField.Name("Sec-Fetch-Site")!] = "same-origin"
            let accepted = try await client.execute(
                uri: "/actions/30-24/report", method: .post, headers: sameSite, body: ByteBuffer(string: "token=\(token)&count_letter=1"))
            #expect(accepted.status == .seeOther, "the browser's own word that the form is this site's decides")
        }
    }

    @Test func aTamperedTokenIsRefused() async throws {
        try await TestApp.withDemo { client in
            let token = try await client.formToken(on: "/actions/30-24")
            let parts = token.split(separator: ".")
            let renewed = "\(Int(parts[0])! + 86_400).\(parts[1]).\(parts[2])"
            for tampered in [token + "x", renewed] {
                let response = try await client.submit("/actions/30-24/report", [("token", tampered), ("count_letter", "1")])
                #expect(response.status == .unprocessableContent)
            }
            #expect(try await client.execute(uri: "/actions/30-24", method: .get).text.contains("No actions have been reported so far."))
        }
    }

    @Test func aClosedActionSaysSoAndRecordsNothing() async throws {
        try await TestApp.withDemo(prepare: { store in
            var data = try DemoData.dataset()
            data.urgentActions[0].status = .closed
            data.urgentActions[0].outcome = Outcome(kind: .noChange, note: "The journalists remain in detention.")
            try await store.save(data)
        }) { client in
            let page = try await client.execute(uri: "/actions/30-24", method: .get).text
            #expect(
                page.contains(
                    "<strong>This action is closed.</strong> Outcome: No change. <span>The journalists remain in detention.</span>"))
            #expect(!page.contains("Tell us what you did"))
            let form = try await client.execute(uri: "/actions/30-24/report", method: .get).text
            #expect(form.contains("This action is closed, so no more actions are being counted."))
            let token = try await client.formToken(on: "/actions/30-24/report")
            let response = try await client.submit("/actions/30-24/report", [("token", token), ("count_letter", "1")])
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("This action is closed"))
            let csv = try await client.execute(uri: "/actions/30-24/totals.csv", method: .get).text
            #expect(csv.contains("30.24,all,,people,0"))
        }
    }

    @Test func oneReportCoversEveryOfficialTicked() async throws {
        try await TestApp.withDemo { client in
            let form = try await client.execute(uri: "/actions/30-24", method: .get).text
            #expect(form.contains(#"<input type="checkbox" name="target" value="sadyr-japarov"> Sadyr Japarov</label>"#))
            let token = try await client.formToken(on: "/actions/30-24")
            let sent = try await client.submit(
                "/actions/30-24/report",
                [("token", token), ("count_letter", "1"), ("target", "sadyr-japarov"), ("target", "baktybek-amanbaev")])
            #expect(sent.status == .seeOther)
            let csv = try await client.execute(uri: "/actions/30-24/totals.csv", method: .get).text
            #expect(csv.contains("30.24,all,,people,1"))
            #expect(
                csv.contains("30.24,target,Sadyr Japarov,people,1") && csv.contains("30.24,target,Ambassador Baktybek Amanbaev,people,1"),
                "\(csv)")
            // An official who is not on the action is refused, and the ticks come back as they were.
            let other = try await client.formToken(on: "/actions/30-24")
            let refused = try await client.submit(
                "/actions/30-24/report", [("token", other), ("count_letter", "1"), ("target", "sadyr-japarov"), ("target", "nobody")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"value="sadyr-japarov" checked>"#))
        }
    }

    @Test func anEmailIsKeptOnlyWithConsentAndOnlySealed() async throws {
        try await TestApp.withDemoAndOtherInstance(clock: FixedClock()) { client, store in
            let form = try await client.execute(uri: "/actions/30-24", method: .get).text
            #expect(form.contains(#"<input id="report-email" name="email" type="email""#))

            var token = try await client.formToken(on: "/actions/30-24")
            let noConsent = try await client.submit(
                "/actions/30-24/report", [("token", token), ("count_letter", "1"), ("email", "ana@example.pt")])
            #expect(noConsent.status == .unprocessableContent)
            #expect(noConsent.text.contains("To keep your e-mail address we need your consent"))
            #expect(noConsent.text.contains(#"value="ana@example.pt""#), "the address typed is kept in the form")

            let badAddress = try await client.submit(
                "/actions/30-24/report", [("token", token), ("count_letter", "1"), ("email", "ana at example"), ("consent", "yes")])
            #expect(badAddress.text.contains("That e-mail address does not look right."))

            token = try await client.formToken(on: "/actions/30-24")
            let ok = try await client.submit(
                "/actions/30-24/report", [("token", token), ("count_letter", "1"), ("email", "ana@example.pt"), ("consent", "yes")])
            #expect(ok.status == .seeOther)
            let rows = try await store.engine.read { database in
                try await database.select().columns("email_sealed", "consent_wording", "source").from("supporter_contacts").all()
            }
            #expect(rows.count == 1)
            let sealed = try rows[0].decode(column: "email_sealed", as: String.self)
            #expect(!sealed.contains("ana"))
            #expect(try rows[0].decode(column: "consent_wording", as: String.self) == Consent.reportFollowUp)
            #expect(try rows[0].decode(column: "source", as: String.self) == "report:30-24")
            #expect(try await client.execute(uri: "/actions/30-24/thanks", method: .get).text.contains("<strong>1 person</strong>"))
        }
    }

    @Test func saltsOlderThanYesterdayAreDeletedOnANewDay() async throws {
        let clock = FixedClock()
        try await TestApp.withDemoAndOtherInstance(clock: clock) { client, store in
            for _ in 0..<2 {
                let token = try await client.formToken(on: "/actions/30-24")
                #expect(try await client.submit("/actions/30-24/report", [("token", token), ("count_call", "1")]).status == .seeOther)
                clock.advance(seconds: 3 * 86_400)
            }
            let days = try await store.engine.read { database in
                try await database.select().column("day").from("client_salts").all().count
            }
            #expect(days == 1, "only the salt of the day in use is left")
        }
    }

    @Test func theHoneypotIsHeldForReviewNotCounted() async throws {
        try await TestApp.withDemo { client in
            let token = try await client.formToken(on: "/actions/30-24")
            let response = try await client.submit(
                "/actions/30-24/report", [("token", token), ("count_letter", "5"), ("website", "http://spam.example")])
            #expect(response.headers[.location] == "/actions/30-24/thanks?held=1")
            let thanks = try await client.execute(uri: "/actions/30-24/thanks?held=1", method: .get).text
            #expect(thanks.contains("a coordinator will check it before it is added to the public count"))
            #expect(thanks.contains("No actions have been reported so far."))
        }
    }

    @Test func oversizedAndForeignBodiesAreRefusedClearly() async throws {
        try await TestApp.withDemo { client in
            let huge = try await client.execute(
                uri: "/actions/30-24/report", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "token=" + String(repeating: "a", count: 70_000)))
            #expect(huge.status == .contentTooLarge)
            #expect(huge.text.contains("What you sent is too long."))
            let json = try await client.execute(
                uri: "/actions/30-24/report", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{}"))
            #expect(json.status == .unsupportedMediaType)
        }
    }

    @Test func theOfficialsReportAndCSVAddUp() async throws {
        try await TestApp.withDemo { client in
            for (letters, country) in [("2", "DE"), ("1", "KG"), ("4", "DE")] {
                let token = try await client.formToken(on: "/actions/30-24")
                _ = try await client.submit(
                    "/actions/30-24/report",
                    [("token", token), ("count_letter", letters), ("target", "sadyr-japarov"), ("country", country)])
            }
            let token = try await client.formToken(on: "/actions/30-24")
            _ = try await client.submit("/actions/30-24/report", [("token", token), ("count_call", "1")])

            let report = try await client.execute(uri: "/actions/30-24/officials/sadyr-japarov", method: .get)
            #expect(report.status == .ok)
            let html = report.text
            #expect(
                html.contains(
                    "Between 17 April 2024 and 27 November 2026, 3 people in 2 countries told us they sent you 7 messages about "
                        + "Makhabat Tazhibek-kyzy and Aike Beishekeeva."))
            #expect(html.contains(#"<tr><th scope="row">Germany</th><td>2</td></tr>"#))
            #expect(html.contains("In all, 4 people in 2 countries reported 8 actions on Urgent Action 30.24."))
            #expect(html.contains(#"<p class="salutation">Dear Mr. President,</p>"#))

            let csv = try await client.execute(uri: "/actions/30-24/totals.csv", method: .get)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = csv.text.components(separatedBy: "\r\n")
            #expect(lines.contains("30.24,all,,people,4"))
            #expect(lines.contains("30.24,all,,letter,7"))
            #expect(lines.contains("30.24,target,Sadyr Japarov,letter,7"))
            #expect(lines.contains("30.24,country,DE,people,2"))
            #expect(lines.contains("30.24,country,,people,1"))
        }
    }
}

@Suite struct ActingTests {
    @Test func theLetterPageIsReadyToPrintForEachOfficial() async throws {
        try await TestApp.withDemo { client in
            let president = try await client.execute(uri: "/actions/30-24/letter/sadyr-japarov", method: .get).text
            #expect(president.contains(#"<p class="salutation">Dear Mr. President,</p>"#))
            #expect(president.contains(#"<span class="line">720003, Bishkek</span>"#))
            #expect(president.contains(#"<time datetime="2026-11-27">27 November 2026</time>"#))
            let ambassador = try await client.execute(uri: "/actions/30-24/letter/baktybek-amanbaev", method: .get).text
            #expect(ambassador.contains(#"<p class="salutation">Dear Ambassador Amanbaev,</p>"#))
            #expect(try await client.execute(uri: "/actions/30-24/letter/someone", method: .get).status == .notFound)
        }
    }

    @Test func aSupporterMakesTheLetterTheirOwnAndNothingIsKept() async throws {
        try await TestApp.withDemo { client in
            let response = try await client.submit(
                "/actions/30-24/letter/sadyr-japarov",
                [("name", "Ana <b>Souza</b>"), ("town", "Porto, Portugal"), ("body", "I am a journalist too.\r\n\r\nFree them.")])
            #expect(response.status == .ok)
            let html = response.text
            #expect(html.contains("<p>I am a journalist too.</p>"))
            #expect(html.contains(#"<p class="signature">Ana &lt;b&gt;Souza&lt;/b&gt;</p>"#))
            #expect(html.contains(#"<span class="line">Porto, Portugal</span>"#))
            let again = try await client.execute(uri: "/actions/30-24/letter/sadyr-japarov", method: .get).text
            #expect(!again.contains("Souza"))

            let tooLong = try await client.submit(
                "/actions/30-24/letter/sadyr-japarov", [("name", String(repeating: "n", count: 300)), ("body", "Keep me")])
            #expect(tooLong.status == .unprocessableContent)
            #expect(tooLong.text.contains("The name is too long: please keep it under 200 characters."))
            #expect(tooLong.text.contains(">Keep me</textarea>"), "the supporter's text is not lost")
        }
    }

    @Test func mastodonSharingLeadsOnlyToTheServerTheSupporterNamed() async throws {
        try await TestApp.withDemo { client in
            let good = try await client.execute(uri: "/actions/30-24/share/mastodon?instance=mastodon.social", method: .get)
            #expect(good.status == .ok)
            #expect(
                good.text.contains(
                    #"href="https://mastodon.social/share?text=Free%20Makhabat%20Tazhibek-kyzy%20and%20Aike%20Beishekeeva%20"#))
            let bad = try await client.execute(uri: "/actions/30-24/share/mastodon?instance=evil.com%2Fphish", method: .get)
            #expect(bad.status == .badRequest)
            #expect(!bad.text.contains("href=\"https://evil.com"))
        }
    }

    @Test func theCountryIsTypedInAnyLanguageAndAListComesOnlyWhenItIsNotUnderstood() async throws {
        try await TestApp.withDemo { client in
            var token = try await client.formToken(on: "/actions/30-24")
            let typed = try await client.submit(
                "/actions/30-24/report", [("token", token), ("count_letter", "1"), ("country", "Allemagne")])
            #expect(typed.status == .seeOther)
            token = try await client.formToken(on: "/ru/actions/30-24")
            let unknown = try await client.submit(
                "/ru/actions/30-24/report", [("token", token), ("count_letter", "2"), ("country", "Атлантида")])
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.text.contains(#"<select id="report-country" name="country" autocomplete="country""#))
            #expect(unknown.text.contains(#"<option value="KG">Киргизия</option>"#))
            #expect(unknown.text.contains(#"name="count_letter" value="2""#), "the rest of the report is kept")
            let chosen = try await client.submit("/ru/actions/30-24/report", [("token", token), ("count_letter", "2"), ("country", "KG")])
            #expect(chosen.status == .seeOther)
            let csv = try await client.execute(uri: "/actions/30-24/totals.csv", method: .get).text
            #expect(csv.contains("30.24,country,DE,people,1") && csv.contains("30.24,country,KG,people,1"), "\(csv)")
        }
    }

    @Test func theActionPageOffersEveryWayToAct() async throws {
        try await TestApp.withDemo { client in
            let html = try await client.execute(uri: "/actions/30-24", method: .get).text
            #expect(html.contains(#"<form class="letter-language" method="get" action="/actions/30-24/letter/sadyr-japarov">"#))
            #expect(html.contains(#"<button type="submit">Print a letter to Sadyr Japarov</button>"#))
            #expect(html.contains(#"href="https://x.com/intent/post?text=Free%20Makhabat"#))
            #expect(html.contains(#"href="https://bsky.app/intent/compose?text="#))
            #expect(html.contains(#"<form class="report" method="post" action="/actions/30-24/report">"#))
            #expect(
                html.contains(
                    #"<input id="report-country" name="country" type="text" value="" maxlength="80" autocomplete="country-name">"#))
            #expect(!html.contains(#"<option value="KG">"#), "no list of 249 countries in every page")
            #expect(!html.contains("mailto:"), "the embassy's hidden address is not offered as a link")
        }
    }
}
