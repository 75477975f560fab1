import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import Testing

/// An Urgent Action from draft to outcome through the coordinator area, and the public site at each step.
@Suite struct ActionLifeCycleTests {
    static let newAction: [(String, String)] = [
        ("number", "31.24"), ("kind", "update"), ("updates", "30-24"), ("case", "temirov-live-2024"),
        ("title", "Kyrgyzstan: Journalists sentenced"), ("summary", "Two of the journalists were sentenced on 10 October 2024."),
        ("issued", "2024-10-11"), ("deadline", "2026-12-01"), ("language", "en"),
        ("asks", "Quash the sentences\nRelease Makhabat Tazhibek-kyzy immediately"),
        ("person", "makhabat-tazhibek-kyzy"), ("target-sadyr-japarov", "primary"), ("target-baktybek-amanbaev", "copy"),
        ("salutation", "Dear President,"), ("letter", "I am writing about the journalists of Temirov LIVE.\n\nPlease release them."),
        ("closing", "Yours sincerely,"),
    ]

    @Test(arguments: TestApp.engines)
    func draftPreviewPublishExtendAndCloseWithAnOutcome(engine: SQLEngineKind) async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock, engine: engine) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            let created = try await client.post("/admin/actions", Self.newAction, as: editor)
            #expect(created.status == .seeOther)
            #expect(created.headers[.location] == "/admin/actions/31-24?done=created")
            let draft = try #require(try await store.urgentAction("31-24"))
            #expect(draft.status == .draft)
            #expect(draft.targets == [.init(target: "sadyr-japarov", role: .primary), .init(target: "baktybek-amanbaev", role: .copy)])
            #expect(draft.letters.first?.paragraphs == ["I am writing about the journalists of Temirov LIVE.", "Please release them."])
            #expect(draft.asks.count == 2)
            #expect(draft.updates == "30-24")

            // Never public while a draft; the preview is the public page with a banner.
            #expect(try await client.get("/actions/31-24", as: nil).status == .notFound)
            #expect(!(try await client.get("/", as: nil).text.contains("Journalists sentenced")))
            #expect(!(try await client.get("/actions/30-24", as: nil).text.contains("31.24")))
            let preview = try await client.get("/admin/actions/31-24/preview", as: editor)
            #expect(preview.text.contains("Preview: this draft is not public."))
            #expect(preview.text.contains("Please release them."))
            #expect(!preview.text.contains("<!--outcry:"), "every hole of the page is filled")

            let published = try await client.postFollowingRedirect("/admin/actions/31-24/publish", as: editor)
            #expect(published.text.contains("Published. The public page is live."))
            let page = try await client.get("/actions/31-24", as: nil)
            #expect(page.status == .ok)
            #expect(page.text.contains("Journalists sentenced"))
            #expect(
                try await client.get("/actions/30-24", as: nil).text.contains("/actions/31-24"), "the earlier action links to its update")

            let earlier = try await client.post("/admin/actions/31-24/deadline", [("deadline", "2026-11-30")], as: editor)
            #expect(earlier.text.contains("The new deadline must be after the current one (1 December 2026)."))
            let extended = try await client.postFollowingRedirect("/admin/actions/31-24/deadline", [("deadline", "2027-01-15")], as: editor)
            #expect(extended.text.contains("Deadline extended to 15 January 2027."))
            #expect(try await client.get("/actions/31-24", as: nil).text.contains("15 January 2027"))

            let noNote = try await client.post("/admin/actions/31-24/close", [("outcome", "released")], as: editor)
            #expect(noNote.status == .unprocessableContent)
            // Closing is asked once more, with what it will do and the outcome as it was typed; nothing changes yet.
            let asked = try await client.post(
                "/admin/actions/31-24/close", [("outcome", "released"), ("note", "Freed <today>.")], as: editor)
            #expect(asked.status == .ok)
            #expect(asked.text.contains("<h1>Close Urgent Action 31.24?</h1>"))
            #expect(asked.text.contains(#"<input type="hidden" name="note" value="Freed &lt;today&gt;.">"#))
            #expect(asked.text.contains(#"<input type="hidden" name="confirm" value="yes">"#))
            #expect(try await store.urgentAction("31-24")?.status == .published)
            let closed = try await client.postFollowingRedirect(
                "/admin/actions/31-24/close",
                [("outcome", "released"), ("note", "Makhabat Tazhibek-kyzy was released on 2 December 2024."), ("confirm", "yes")],
                as: editor)
            #expect(closed.text.contains("Closed. The public page now shows the outcome."))
            let final = try await client.get("/actions/31-24", as: nil).text
            #expect(final.contains("Makhabat Tazhibek-kyzy was released on 2 December 2024."))
            #expect(!final.contains(#"action="/actions/31-24/report""#), "a closed action takes no more reports")

            let log = try await store.auditLog(recordID: "31-24")
            #expect(log.map(\.action) == ["closed", "extended", "published", "created"])
            #expect(log.allSatisfy { $0.actor == editor.email })
            #expect(log[1].summary == "deadline 2026-12-01 → 2027-01-15")
        }
    }

    /// Every change answers with a redirect to a page that says what was done, so a reload never sends a form
    /// again; the address carries only a known word, never text the page would print.
    @Test func everyChangeRedirectsToAPageThatSaysWhatWasDone() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            let extended = try await client.post("/admin/actions/30-24/deadline", [("deadline", "2026-12-24")], as: editor)
            #expect(extended.status == .seeOther)
            #expect(extended.headers[.location] == "/admin/actions/30-24?done=extended")
            let saved = try await client.post("/admin/targets/sadyr-japarov", [("name", "Sadyr Japarov")], as: editor)
            #expect(saved.headers[.location] == "/admin/targets/sadyr-japarov?done=saved")
            #expect(try await client.get("/admin/targets/sadyr-japarov?done=saved", as: editor).text.contains("Saved."))
            let forged = try await client.get("/admin/actions/30-24?done=%3Cscript%3E&alerts=many", as: editor).text
            #expect(!forged.contains("<script>") && !forged.contains(#"class="notice" role="status""#))
        }
    }

    @Test func aClosedActionCanBeReopenedAndTakesReportsAgain() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            let notClosed = try await client.post("/admin/actions/30-24/reopen", as: editor)
            #expect(notClosed.status == .unprocessableContent)
            #expect(notClosed.text.contains("Only a closed action can be reopened."))
            _ = try await client.post(
                "/admin/actions/30-24/close", [("outcome", "other"), ("note", "Closed by mistake."), ("confirm", "yes")], as: editor)
            #expect(!(try await client.get("/actions/30-24", as: nil).text.contains(#"action="/actions/30-24/report""#)))
            // The status is checked before the form: a closed action's deadline is not "a date to fix".
            let noDate = try await client.post("/admin/actions/30-24/deadline", [("deadline", "")], as: editor)
            #expect(noDate.text.contains("Only a published action&#39;s deadline can be extended."))
            let reopened = try await client.postFollowingRedirect("/admin/actions/30-24/reopen", as: editor)
            #expect(reopened.text.contains("Reopened. The public page takes reports again."))
            let action = try #require(try await store.urgentAction("30-24"))
            #expect(action.status == .published)
            #expect(action.outcome == nil)
            let page = try await client.get("/actions/30-24", as: nil).text
            #expect(page.contains(#"action="/actions/30-24/report""#))
            #expect(!page.contains("Closed by mistake."))
            #expect(try await store.auditLog(recordID: "30-24").first?.summary == "reopened UA 30.24, outcome other removed")
        }
    }

    @Test func aFormWithProblemsComesBackWithEveryMessageAndNothingSaved() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            var fields = Self.newAction.filter { !["title", "issued", "salutation"].contains($0.0) }
            fields = fields.map { $0.0 == "number" ? ("number", "30.24") : $0.0 == "deadline" ? ("deadline", "1 Dec") : $0 }
            let response = try await client.post("/admin/actions", fields + [("issued", "2024-10-11")], as: editor)
            #expect(response.status == .unprocessableContent)
            let html = response.text
            #expect(html.contains("Urgent Action 30.24 exists already."))
            #expect(html.contains("Title: Fill this in."))
            #expect(html.contains("“1 Dec” is not a date."))
            #expect(html.contains("Give the letter&#39;s salutation"))
            #expect(html.contains(##"href="#field-title""##), "the summary links to the field")
            #expect(html.contains("Two of the journalists were sentenced"), "what was typed is kept")
            #expect(try await store.allUrgentActions().count == 1)
        }
    }

    @Test func lettersInOtherLanguagesReachTheOfficialsWhoPreferThem() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            let kyrgyz: [(String, String)] = [
                ("letter-1-language", "ky"), ("letter-1-salutation", "Урматтуу Президент,"),
                ("letter-1", "Журналисттерди бошотууңузду суранам."),
                ("letter-1-closing", "Урматтоо менен,"),
            ]
            let twice = try await client.post(
                "/admin/actions",
                Self.newAction + kyrgyz + [("letter-2-language", "ky"), ("letter-2-salutation", "Салам,"), ("letter-2", "Дагы бир кат.")],
                as: editor)
            #expect(twice.text.contains("There is already a letter in “ky”."))
            #expect(try await client.post("/admin/actions", Self.newAction + kyrgyz, as: editor).status == .seeOther)
            #expect(try await store.urgentAction("31-24")?.letters.map(\.language) == ["en", "ky"])
            let form = try await client.get("/admin/actions/31-24/edit", as: editor).text
            #expect(form.contains(#"name="letter-1-language" type="text" value="ky""#))
            #expect(form.contains(#"name="letter-2-language""#), "one empty set of fields for another language")

            var president = try #require(try await store.targets(["sadyr-japarov"]).first)
            president.preferredLanguage = "ky"
            try await store.save(
                president,
                audit: AuditEntry(
                    at: clock.now, actor: editor.email, action: "edited", recordKind: "target", recordID: "sadyr-japarov",
                    summary: "language"))
            _ = try await client.post("/admin/actions/31-24/publish", as: editor)
            // The reader's language first, with the official's named; theirs one choice away, and first on their pages.
            let english = try await client.get("/actions/31-24/letter/sadyr-japarov", as: nil).text
            #expect(english.contains("Please release them."))
            #expect(english.contains("Sadyr Japarov&#39;s office reads Kyrgyz."))
            #expect(english.contains(#"<a href="/actions/31-24/letter/sadyr-japarov?language=ky" lang="ky" hreflang="ky">Кыргызча</a>"#))
            let letter = try await client.get("/actions/31-24/letter/sadyr-japarov?language=ky", as: nil).text
            #expect(letter.contains("Журналисттерди бошотууңузду суранам."))
            #expect(try await client.get("/ky/actions/31-24/letter/sadyr-japarov", as: nil).text.contains("Журналисттерди бошотууңузду"))
            #expect(try await client.get("/actions/31-24/letter/baktybek-amanbaev", as: nil).text.contains("Please release them."))
        }
    }

    @Test func publishingNeedsAnOfficialAndALetter() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            let bare = Self.newAction.filter { !$0.0.hasPrefix("target-") && !["salutation", "letter"].contains($0.0) }
            #expect(try await client.post("/admin/actions", bare, as: editor).status == .seeOther)
            let refused = try await client.post("/admin/actions/31-24/publish", as: editor)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Before publishing: choose at least one official to write to; write the sample letter."))
            #expect(try await store.urgentAction("31-24")?.status == .draft)
        }
    }

    @Test func editingAPublishedActionChangesThePublicPageAtOnce() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            _ = try await client.get("/actions/30-24", as: nil)
            let form = try await client.get("/admin/actions/30-24/edit", as: editor)
            #expect(form.status == .ok)
            let action = try #require(try await store.urgentAction("30-24"))
            let fields: [(String, String)] =
                [
                    ("kind", "new"), ("case", action.caseID.rawValue), ("title", "Kyrgyzstan: Eleven journalists at risk"),
                    ("summary", action.summary), ("issued", action.issued.iso), ("language", "en"),
                    ("take_action", action.takeAction.joined(separator: "\n")), ("asks", action.asks.joined(separator: "\n")),
                    ("salutation", action.letters[0].salutation), ("letter", action.letters[0].paragraphs.joined(separator: "\n\n")),
                    ("closing", action.letters[0].closing),
                ] + action.people.map { ("person", $0.rawValue) }
                + action.targets.map { ("target-\($0.target.rawValue)", $0.role.rawValue) }
            let saved = try await client.post("/admin/actions/30-24", fields, as: editor)
            #expect(saved.status == .seeOther)
            let after = try #require(try await store.urgentAction("30-24"))
            #expect(after.title == "Kyrgyzstan: Eleven journalists at risk")
            #expect(after.people == action.people && after.targets == action.targets && after.letters == action.letters)
            #expect(try await client.get("/actions/30-24", as: nil).text.contains("Eleven journalists at risk"))
            #expect(try await store.auditLog(recordID: "30-24").first?.summary == "title changed")
        }
    }

    @Test(arguments: TestApp.engines)
    func flaggedReportsWaitForADecisionAndAnAcceptedOneCountsOnce(engine: SQLEngineKind) async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock, engine: engine) { client, store in
            // Three reports from one connection with the hidden field filled: all flagged, none counted.
            for _ in 0..<2 {
                let token = try await client.formToken(on: "/actions/30-24")
                _ = try await client.submit("/actions/30-24/report", [("token", token), ("count_letter", "3"), ("website", "spam")])
            }
            #expect(try await store.totals(of: "30-24").reports == 0)
            let flagged = try await store.flaggedReports(of: "30-24")
            #expect(flagged.count == 2)

            let viewer = try await store.signedIn(.viewer, now: clock.now)
            let dashboard = try await client.get("/admin/actions/30-24", as: viewer)
            #expect(dashboard.text.contains("a field hidden from people was filled in"))
            #expect(!dashboard.text.contains(">Accept<"), "viewers see flagged reports but cannot decide")

            let editor = try await store.signedIn(.editor, now: clock.now)
            let accepted = try await client.postFollowingRedirect(
                "/admin/actions/30-24/reports/\(flagged[0].id)", [("decision", "accept")], as: editor)
            #expect(accepted.text.contains("now counts in the totals"))
            let twice = try await client.post("/admin/actions/30-24/reports/\(flagged[0].id)", [("decision", "accept")], as: editor)
            #expect(twice.text.contains("was already decided"))
            let rejected = try await client.postFollowingRedirect(
                "/admin/actions/30-24/reports/\(flagged[1].id)", [("decision", "reject")], as: editor)
            #expect(rejected.text.contains("stays out of the totals"))
            let totals = try await store.totals(of: "30-24")
            #expect(totals.reports == 1)
            #expect(totals.byChannel[.letter] == 3)
            #expect(try await store.flaggedReports(of: "30-24").isEmpty)
            #expect(try await store.auditLog(recordID: "30-24").map(\.action).prefix(2) == ["rejected report", "accepted report"])

            // The chart counts the accepted report on its day.
            let after = try await client.get("/admin/actions/30-24", as: editor).text
            #expect(after.contains(#"<svg class="chart""#))
            #expect(after.contains("<title>27 November 2026: 3</title>"))
        }
    }

    @Test func casesAndTargetsAreCreatedOnceAndReused() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            let target = try await client.post(
                "/admin/targets",
                [
                    ("name", "Ulukbek Maripov"), ("title", "Chairman of the Cabinet"), ("emails", "not an address"),
                    ("social", "myspace @x"),
                ],
                as: editor)
            #expect(target.status == .unprocessableContent)
            #expect(target.text.contains("“not an address” is not an e-mail address."))
            #expect(target.text.contains("as a network name, a space and the handle"))
            let saved = try await client.post(
                "/admin/targets",
                [
                    ("name", "Ulukbek Maripov"), ("title", "Chairman of the Cabinet"), ("emails", "cabinet@example.kg"),
                    ("social", "x @maripov"),
                    ("country", "KG"), ("last_verified", "2026-11-20"),
                ],
                as: editor)
            #expect(saved.headers[.location] == "/admin/targets/ulukbek-maripov?done=created")
            let again = try await client.post("/admin/targets", [("name", "Ulukbek Maripov")], as: editor)
            #expect(again.headers[.location] == "/admin/targets/ulukbek-maripov-2?done=created")
            let stored = try #require(try await store.targets(["ulukbek-maripov"]).first)
            #expect(stored.socialHandles == [SocialHandle(network: .x, handle: "@maripov")])
            #expect(stored.lastVerified?.iso == "2026-11-20")

            let item = try await client.post(
                "/admin/cases",
                [
                    ("title", "Kloop staff"), ("country", "KG"), ("summary", "Staff of Kloop detained."),
                    ("themes", "press freedom, fair trial"),
                ],
                as: editor)
            #expect(item.headers[.location] == "/admin/cases/kloop-staff?done=created")
            #expect(try await store.case("kloop-staff")?.themes == ["press freedom", "fair trial"])
            let form = try await client.get("/admin/actions/new", as: editor).text
            #expect(form.contains("Ulukbek Maripov, Chairman of the Cabinet"))
            #expect(form.contains(#"<option value="kloop-staff">Kloop staff (Kyrgyzstan)</option>"#))
        }
    }
}
