import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import Testing

/// People, status changes, organisations and statements through their forms, and what the public pages then show.
@Suite struct RecordFormsTests {
    @Test func aPersonWithNameVariantsAndAStatusChangeAppearOnThePublicPages() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            let bad = try await client.post("/admin/people", [("name", "Aruna Tashkentova"), ("variants", "Аруна | cyrillic")], as: editor)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("“cyrillic” is not a script code"))
            let person = try await client.post(
                "/admin/people",
                [
                    ("name", "Aruna Tashkentova"), ("variants", "Аруна Ташкентова | | ky\nAruna T."), ("role", "journalist"),
                    ("organisation", "temirov-live"),
                ],
                as: editor)
            #expect(person.headers[.location] == "/admin/people/aruna-tashkentova?done=created")
            let saved = try #require(try await store.person("aruna-tashkentova"))
            #expect(
                saved.variants == [NameVariant(name: "Аруна Ташкентова", script: "Cyrl", language: "ky"), NameVariant(name: "Aruna T.")])
            #expect(saved.affiliations == ["temirov-live"])

            var fields: [(String, String)] = [
                ("case", "temirov-live-2024"), ("date", "2024-03"), ("kind", "house_arrest"), ("summary", "Moved to house arrest."),
                ("person", "aruna-tashkentova"), ("source", "ua:30-24"),
            ]
            let noOne = try await client.post("/admin/status-changes", fields.filter { $0.0 != "person" }, as: editor)
            #expect(noOne.text.contains("Choose who it affects"))
            let badDate = try await client.post(
                "/admin/status-changes", fields.map { $0.0 == "date" ? ("date", "March 2024") : $0 }, as: editor)
            #expect(badDate.text.contains("“March 2024” is not a date this form understands"))
            let event = try await client.post("/admin/status-changes", fields, as: editor)
            #expect(event.headers[.location] == "/admin/status-changes/2024-03-house-arrest?done=created")
            let stored = try #require(try await store.event("2024-03-house-arrest"))
            #expect(stored.date.start.precision == .month)
            #expect(stored.source == .urgentAction("30-24"))

            let page = try await client.get("/people/aruna-tashkentova", as: nil).text
            #expect(page.contains("Аруна Ташкентова"))
            #expect(page.contains("House arrest"))
            #expect(page.contains("March 2024"))
            #expect(try await client.get("/cases/temirov-live-2024", as: nil).text.contains("Moved to house arrest."))

            // Editing keeps the event's place and records who changed it.
            fields = fields.map { $0.0 == "summary" ? ("summary", "Moved to house arrest in Bishkek.") : $0 }
            let edited = try await client.postFollowingRedirect("/admin/status-changes/2024-03-house-arrest", fields, as: editor)
            #expect(edited.text.contains("Saved."))
            #expect(try await store.auditLog(recordID: "2024-03-house-arrest").map(\.action) == ["edited", "created"])
        }
    }

    @Test func aStatementWithQuotesIsPublicOnceSaved() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            let missingSpeaker = try await client.post(
                "/admin/statements",
                [("title", "Journalists freed"), ("published", "2026-11-27"), ("lead", "Good news."), ("quote-0", "At last.")],
                as: editor)
            #expect(missingSpeaker.text.contains("Who said it: Fill this in."))
            let saved = try await client.post(
                "/admin/statements",
                [
                    ("title", "Journalists freed"), ("published", "2026-11-27"), ("lead", "Good news.\n\nMore to do."),
                    ("quote-0", "At last."), ("quote-0-speaker", "Marie Struthers"), ("quote-0-role", "Director"),
                    ("quote-1", ""), ("case", "temirov-live-2024"),
                ],
                as: editor)
            #expect(saved.headers[.location] == "/admin/statements/journalists-freed?done=created")
            let form = try await client.get("/admin/statements/journalists-freed", as: editor).text
            #expect(form.contains(#"name="quote-1""#), "an empty set of fields for one more quote")
            let page = try await client.get("/statements/journalists-freed", as: nil).text
            #expect(page.contains("At last."))
            #expect(page.contains("Marie Struthers"))
            #expect(try await store.statement("journalists-freed")?.lead == ["Good news.", "More to do."])
        }
    }

    @Test func organisationsKeepTheirOtherNames() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            let saved = try await client.post(
                "/admin/organisations",
                [
                    ("name", "State Committee for National Security"), ("kind", "security_service"), ("country", "KG"),
                    ("variants", "ГКНБ\nGKNB"),
                ],
                as: editor)
            #expect(saved.headers[.location] == "/admin/organisations/state-committee-for-national-security?done=created")
            let organisation = try #require(try await store.organisations(["state-committee-for-national-security"]).first)
            #expect(organisation.variants.map(\.script) == ["Cyrl", "Latn"])
            #expect(organisation.kind == .securityService)
            let viewer = try await store.signedIn(.viewer, now: clock.now)
            let list = try await client.get("/admin/organisations", as: viewer).text
            #expect(list.contains("State Committee for National Security"))
            #expect(!list.contains("New organisation"), "viewers get no link to add")
        }
    }
}
