import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import Testing

/// Coordinators translate a record on a page per language, with the original beside each field, and see
/// which languages are missing or older than the original.
@Suite struct TranslationFormsTests {
    @Test func anEditorTranslatesACaseAndSeesWhenTheOriginalChanges() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            let viewer = try await store.signedIn(.viewer, now: clock.now)
            let overview = try await client.get("/admin/translations/case/temirov-live-2024", as: viewer).text
            #expect(overview.contains(#"<a href="/admin/translations/case/temirov-live-2024/de">German (Deutsch)</a>"#))
            #expect(overview.contains("Not translated"))
            #expect(!overview.contains(">English ("), "no translation into the original's own language")
            let form = try await client.get("/admin/translations/case/temirov-live-2024/de", as: editor).text
            #expect(form.contains(#"<div class="original" lang="en">"#), "the original beside the field")
            #expect(form.contains(#"name="t-title""#) && form.contains(#"name="t-summary""#))

            let denied = try await client.post("/admin/translations/case/temirov-live-2024/de", [("t-title", "x")], as: viewer)
            #expect(denied.status == .forbidden)
            let empty = try await client.post("/admin/translations/case/temirov-live-2024/de", [("t-title", " ")], as: editor)
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains("Nothing is translated yet"))
            let saved = try await client.postFollowingRedirect(
                "/admin/translations/case/temirov-live-2024/de",
                [("t-title", "Die Journalisten von Temirov LIVE"), ("t-summary", "Elf Journalisten.\n\nSie sind angeklagt.")], as: editor)
            #expect(saved.status == .ok && saved.text.contains("Saved."))
            let stored = try #require(try await store.translations(of: .case, "temirov-live-2024").first)
            #expect(
                stored.fields == ["title": ["Die Journalisten von Temirov LIVE"], "summary": ["Elf Journalisten.", "Sie sind angeklagt."]])
            let page = try await client.get("/de/cases/temirov-live-2024", as: nil).text
            #expect(page.contains(#"<h1 id="case-title">Die Journalisten von Temirov LIVE</h1>"#))
            #expect(try await client.get("/admin/translations/case/temirov-live-2024", as: editor).text.contains("Up to date"))
            #expect(try await store.auditLog(limit: 5, recordID: "temirov-live-2024").contains { $0.action == "translated" })

            var item = try #require(try await store.case("temirov-live-2024"))
            item.summary += " A court date was set."
            try await store.save(
                item,
                audit: AuditEntry(
                    at: clock.now, actor: "test", action: "edited", recordKind: "case", recordID: item.id.rawValue, summary: ""))
            #expect(try await client.get("/admin/translations/case/temirov-live-2024", as: editor).text.contains("Older than the original"))

            #expect(try await client.post("/admin/translations/case/temirov-live-2024/de/delete", [], as: editor).status == .seeOther)
            #expect(try await store.translations(of: .case, "temirov-live-2024").isEmpty)
            #expect(try await client.get("/admin/translations/case/temirov-live-2024/xx", as: editor).status == .notFound)
            #expect(try await client.get("/admin/translations/nonsense/temirov-live-2024", as: editor).status == .notFound)
            #expect(try await client.get("/admin/translations/case/no-such-case", as: editor).status == .notFound)
        }
    }

    @Test func theDashboardSaysWhereEachLanguageStands() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            let dashboard = try await client.get("/admin/actions/30-24", as: editor).text
            #expect(dashboard.contains(#"<a href="/admin/translations/urgent_action/30-24">Translations</a>"#))
            #expect(dashboard.contains("Russian: up to date"))
            #expect(dashboard.contains("French: not translated"))
            let letter = try await client.get("/admin/translations/urgent_action/30-24/ru", as: editor).text
            #expect(letter.contains(#"name="t-letter-body""#) && letter.contains("Уважаемый господин Президент!"))
        }
    }

    @Test func anOfficeMayReadSeveralLanguagesInOrder() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            let wrong = try await client.post(
                "/admin/targets/sadyr-japarov", [("name", "Sadyr Japarov"), ("language", "ky, russian")], as: editor)
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("“russian” is not a language code"))
            _ = try await client.post("/admin/targets/sadyr-japarov", [("name", "Sadyr Japarov"), ("language", "RU;ky")], as: editor)
            #expect(try await store.targets(["sadyr-japarov"]).first?.preferredLanguage == "ru, ky")
        }
    }
}
