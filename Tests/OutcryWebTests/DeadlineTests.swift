import Foundation
import HTTPTypes
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import Testing

/// A deadline means something: an action past it leaves the open ones and says so, reports of what people did
/// still count until it is closed, and no coordinator can publish or extend into the past. The tests' clock
/// stands on 27 November 2026.
@Suite struct DeadlineTests {
    /// The demo action with this deadline, saved as another instance would.
    static func setDeadline(_ iso: String, _ store: Store, _ clock: FixedClock) async throws {
        var action = try #require(try await store.urgentAction("30-24"))
        action.deadline = .day(iso)
        let audit = AuditEntry(
            at: clock.now, actor: "test", action: "edited", recordKind: "urgent action", recordID: "30-24", summary: "deadline")
        try await store.save(action, audit: audit)
        clock.advance(seconds: 2)
    }

    @Test(arguments: TestApp.engines)
    func anActionPastItsDeadlineLeavesTheOpenOnesAndStillCountsReports(engine: SQLEngineKind) async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock, engine: engine) { client, store in
            try await Self.setDeadline("2026-11-20", store, clock)
            let home = try await client.get("/", as: nil).text
            let open = try #require(home.range(of: "Deadline passed"))
            #expect(!home[..<open.lowerBound].contains("/actions/30-24"), "not under the open ones")
            #expect(home[open.upperBound...].contains("/actions/30-24"), "listed under the deadline passed")

            let page = try await client.get("/actions/30-24", as: nil).text
            #expect(page.contains(#"<span class="chip passed">Deadline passed</span>"#))
            #expect(page.contains("The deadline for this action has passed."))
            #expect(page.contains(#"action="/actions/30-24/report""#), "what people did still counts")
            #expect(!page.contains("share-heading"), "no longer asked to be shared")
            #expect(!page.contains("button primary"), "nor to write")
            #expect(try await client.get("/ru/actions/30-24", as: nil).text.contains("Срок истёк"))

            let openList = try await client.get("/actions?status=open", as: nil).text
            #expect(!openList.contains("/actions/30-24"))
            #expect(try await client.get("/actions", as: nil).text.contains("Deadline passed"))

            let token = try await client.formToken(on: "/actions/30-24/report")
            let report = try await client.submit("/actions/30-24/report", [("token", token), ("count_letter", "1")])
            #expect(report.status == .seeOther)
            #expect(try await store.totals(of: "30-24").actions == 1)

            let editor = try await store.signedIn(.editor, now: clock.now)
            #expect(try await client.get("/admin/actions/30-24", as: editor).text.contains("The deadline has passed"))
            let past = try await client.post("/admin/actions/30-24/deadline", [("deadline", "2026-11-25")], as: editor)
            #expect(past.status == .unprocessableContent)
            #expect(past.text.contains("The new deadline must be today or later."))
            let extended = try await client.postFollowingRedirect("/admin/actions/30-24/deadline", [("deadline", "2026-12-07")], as: editor)
            #expect(extended.text.contains("Deadline extended to 7 December 2026."))
            clock.advance(seconds: 2)
            #expect(try await client.get("/actions?status=open", as: nil).text.contains("/actions/30-24"), "open again")
        }
    }

    @Test func thePageCountsTheDaysLeftAndANewDayRendersItAnew() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            try await Self.setDeadline("2026-11-29", store, clock)
            #expect(try await client.get("/actions/30-24", as: nil).text.contains(#"<span class="chip">2 days left</span>"#))
            #expect(try await client.get("/ru/actions/30-24", as: nil).text.contains("Осталось 2 дня"))
            clock.advance(seconds: 86_400)
            #expect(try await client.get("/actions/30-24", as: nil).text.contains(#"<span class="chip">1 day left</span>"#))
            clock.advance(seconds: 86_400)
            #expect(try await client.get("/actions/30-24", as: nil).text.contains("Last day to act: today"))
            clock.advance(seconds: 86_400)
            let after = try await client.get("/actions/30-24", as: nil)
            #expect(after.text.contains("Deadline passed"))
            #expect(try await client.get("/", as: nil).text.contains("Deadline passed"))
        }
    }

    @Test func aDraftWhoseDeadlinePassedIsNotPublished() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            let fields = ActionLifeCycleTests.newAction.map { $0.0 == "deadline" ? ("deadline", "2026-11-01") : $0 }
            _ = try await client.post("/admin/actions", fields, as: editor)
            let dashboard = try await client.get("/admin/actions/31-24", as: editor).text
            #expect(dashboard.contains("set a deadline that has not passed, or leave it empty"))
            let refused = try await client.post("/admin/actions/31-24/publish", as: editor)
            #expect(refused.status == .unprocessableContent)
            #expect(try await store.urgentAction("31-24")?.status == .draft)
        }
    }

    /// Only published actions are open: a draft or a closed action with a deadline still to come is never listed.
    @Test(arguments: TestApp.engines)
    func draftsAndClosedActionsWithAFutureDeadlineAreNotOpen(engine: SQLEngineKind) async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock, engine: engine) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            let fields = ActionLifeCycleTests.newAction.map { $0.0 == "title" ? ("title", "Embargoed draft") : $0 }
            #expect(try await client.post("/admin/actions", fields, as: editor).status == .seeOther)
            try await Self.setDeadline("2027-01-31", store, clock)
            _ = try await client.post(
                "/admin/actions/30-24/close", [("outcome", "released"), ("note", "Freed."), ("confirm", "yes")], as: editor)
            clock.advance(seconds: 2)
            for list in ["/actions?status=open", "/actions?status=open&country=KG", "/actions"] {
                let page = try await client.get(list, as: nil).text
                #expect(!page.contains("Embargoed draft") && !page.contains("/actions/31-24"), "\(list) shows no draft")
            }
            #expect(!(try await client.get("/actions?status=open", as: nil).text.contains("/actions/30-24")), "closed is not open")
        }
    }

    @Test func editingAPublishedActionNeverMovesItsDeadlineIntoThePast() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            let action = try #require(try await store.urgentAction("30-24"))
            let fields: [(String, String)] = [
                ("kind", "new"), ("case", action.caseID.rawValue), ("title", action.title), ("summary", action.summary),
                ("issued", action.issued.iso), ("deadline", "2026-11-20"), ("language", action.language),
                ("target-sadyr-japarov", "primary"), ("salutation", "Dear President,"), ("letter", "Release them."),
            ]
            let refused = try await client.post("/admin/actions/30-24", fields, as: editor)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("The new deadline must be today or later."))
            #expect(try await store.urgentAction("30-24")?.deadline == nil)
        }
    }
}
