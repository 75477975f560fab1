import Foundation
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import Testing

@testable import OutcryWeb

/// Campaigns of several actions: coordinators gather actions under a title and a goal; the public page
/// adds up what people did on each of them, live, and lists each with its own count; drafts stay hidden.
@Suite struct CampaignTests {
    @Test(arguments: TestApp.engines)
    func aCampaignPageAddsUpItsActionsTowardItsGoal(engine: SQLEngineKind) async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock, engine: engine) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            _ = try await client.post("/admin/actions", ActionLifeCycleTests.newAction, as: editor)  // a draft, 31-24
            let created = try await client.post(
                "/admin/campaigns",
                [
                    ("title", "Write for Rights 2026"), ("summary", "Ten cases, one week of letters."), ("goal", "1,000"),
                    ("action", "30-24"), ("action", "31-24"),
                ], as: editor)
            #expect(created.status == .seeOther)
            let campaign = try #require(try await store.allCampaigns().first)
            #expect(campaign.goal == 1000 && campaign.actions == ["30-24", "31-24"])

            for letters in ["2", "3"] {
                let token = try await client.formToken(on: "/actions/30-24")
                _ = try await client.submit("/actions/30-24/report", [("token", token), ("count_letter", letters)])
            }
            let page = try await client.get("/campaigns/\(campaign.id)", as: nil)
            #expect(page.status == .ok)
            #expect(page.text.contains("Write for Rights 2026"))
            #expect(page.text.contains(#"<progress id="goal-progress" max="1000" value="2"></progress>"#))
            #expect(page.text.contains("Letters: <strong>5</strong>"))
            #expect(page.text.contains("2 people have acted"))
            #expect(!page.text.contains("Journalists sentenced"), "a draft is not shown")
            let russian = try await client.get("/ru/campaigns/\(campaign.id)", as: nil).text
            #expect(russian.contains(#"<html lang="ru""#) && !russian.contains("Together so far"))
            #expect(try await client.get("/campaigns/nothing-here", as: nil).status == .notFound)
        }
    }

    @Test func aCampaignWithoutActionsOrWithAGoalThatIsNoNumberIsRefused() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            let refused = try await client.post("/admin/campaigns", [("title", "Empty"), ("goal", "many")], as: editor)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Choose at least one Urgent Action."))
            #expect(refused.text.contains("Give the goal as a whole number of people, such as 5000."))
            #expect(try await store.allCampaigns().isEmpty)
        }
    }
}
