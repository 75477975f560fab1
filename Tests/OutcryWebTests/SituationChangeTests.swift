import Foundation
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import SQLKit
import Testing

@testable import OutcryWeb

/// When the situation changes: a release, a transfer, a death in custody or a family's request for
/// silence puts every open action of the case in front of coordinators, and pauses its alerts and share
/// prompts until one of them updates, closes or keeps it.
@Suite struct SituationChangeTests {
    static let release: [(String, String)] = [
        ("case", "temirov-live-2024"), ("date", "2026-11-26"), ("kind", "released"),
        ("summary", "Makhabat Tazhibek-kyzy was released from prison."), ("person", "makhabat-tazhibek-kyzy"),
    ]

    @Test(arguments: TestApp.engines)
    func aReleasePausesTheActionsAlertsAndSharingUntilACoordinatorKeepsIt(engine: SQLEngineKind) async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock, engine: engine) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            #expect(try await client.get("/actions/30-24", as: nil).text.contains(#"id="share-heading""#))
            try await store.queue([Self.alert(about: "30-24")], now: clock.now)

            let recorded = try await client.post("/admin/status-changes", Self.release, as: editor)
            #expect(recorded.status == .seeOther)
            #expect(try await store.actionsNeedingAttention().map(\.action) == ["30-24"])

            let home = try await client.get("/admin", as: editor).text
            #expect(home.contains("Needs your attention"))
            #expect(home.contains("UA 30.24: Kyrgyzstan: 11 journalists face up to 10 years in prison — Released (26 November 2026)"))
            let dashboard = try await client.get("/admin/actions/30-24", as: editor).text
            #expect(dashboard.contains("This action needs your attention"))
            #expect(dashboard.contains("Keep it running as it is"))

            let page = try await client.get("/actions/30-24", as: nil).text
            #expect(!page.contains(#"id="share-heading""#), "nobody is asked to spread a call that may no longer fit")
            #expect(page.contains("report"), "what people already did can still be reported")
            let token = try await client.formToken(on: "/actions/30-24")
            _ = try await client.submit("/actions/30-24/report", [("token", token), ("count_letter", "1")])
            #expect(!(try await client.get("/actions/30-24/thanks", as: nil).text.contains("share-heading")))
            #expect(try await store.claimOutbox(worker: "test", limit: 10, lease: 60, now: clock.now).isEmpty, "its alerts wait")

            let kept = try await client.postFollowingRedirect("/admin/actions/30-24/keep", as: editor)
            #expect(kept.text.contains("The action runs as before"))
            #expect(try await store.actionsNeedingAttention().isEmpty)
            #expect(try await client.get("/actions/30-24", as: nil).text.contains(#"id="share-heading""#))
            #expect(try await store.claimOutbox(worker: "test", limit: 10, lease: 60, now: clock.now).count == 1, "and go out again")
            let again = try await client.post("/admin/actions/30-24/keep", [], as: editor)
            #expect(again.text.contains("This action no longer waits for anyone"))
            #expect(try await store.auditLog(limit: 5, recordID: "30-24").contains { $0.action == "kept running" })
        }
    }

    @Test func closingAnActionThatWaitsWithdrawsItsWaitingAlertsAndTheDigestLeavesItOut() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            try await store.queue([Self.alert(about: "30-24")], now: clock.now)
            var death = Self.release
            death[2] = ("kind", "died_in_custody")
            death[3] = ("summary", "Makhabat Tazhibek-kyzy died in custody.")
            _ = try await client.post("/admin/status-changes", death, as: editor)
            let person = try await client.get("/people/makhabat-tazhibek-kyzy", as: nil).text
            #expect(person.contains("Died in custody on 26 November 2026"))

            let closed = try await client.postFollowingRedirect(
                "/admin/actions/30-24/close", [("outcome", "other"), ("note", "She died in custody."), ("confirm", "yes")], as: editor)
            #expect(closed.status == .ok)
            #expect(try await store.actionsNeedingAttention().isEmpty)
            let withdrawn = try await store.engine.read { database in
                try await database.raw("SELECT status, last_error FROM outbox WHERE dedupe_key = 'test:30-24'").first()
            }
            #expect(try withdrawn?.decode(column: "status", as: String.self) == "failed")
            #expect(try withdrawn?.decode(column: "last_error", as: String.self).hasPrefix("withdrawn") == true)
        }
    }

    @Test func correctingAnOldReleaseAsksNobodyToLookAgainAndOtherChangesAskNothing() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            var questioned = Self.release
            questioned[2] = ("kind", "questioned")
            _ = try await client.post("/admin/status-changes", questioned, as: editor)
            #expect(try await store.actionsNeedingAttention().isEmpty, "being questioned does not change the call")
            let release = try #require(try await store.events(inCase: "temirov-live-2024").first { $0.kind == .releasedUnderSupervision })
            var corrected = release
            corrected.summary += " (corrected)"
            try await store.save(
                corrected,
                audit: AuditEntry(at: clock.now, actor: "test", action: "edited", recordKind: "event", recordID: "x", summary: "typo"))
            #expect(try await store.actionsNeedingAttention().isEmpty)
        }
    }

    static func alert(about action: Identifier<UrgentAction>) -> OutboxDraft {
        OutboxDraft(
            dedupeKey: "test:\(action)", subscription: nil, recipientSealed: "sealed", messageID: "m@example.org", kind: "alert",
            subject: "New action", text: "text", html: nil, headers: [:], action: action)
    }
}
