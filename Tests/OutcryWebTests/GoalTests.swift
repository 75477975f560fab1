import Foundation
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import Testing

@testable import OutcryWeb

/// A goal the coordinators set: the page shows how far the people who acted are toward it, live, in the
/// reader's language, and the form takes it as people write numbers.
@Suite struct GoalTests {
    @Test func thePageShowsProgressTowardTheGoalAsPeopleReport() async throws {
        try await TestApp.withDemo { client in
            let before = try await client.execute(uri: "/actions/30-24", method: .get).text
            #expect(before.contains(#"<label for="goal-progress">Goal: 5,000 people · 0% of the way</label>"#))
            #expect(before.contains(#"<progress id="goal-progress" max="5000" value="0"></progress>"#))
            for _ in 0..<3 {
                let token = try await client.formToken(on: "/actions/30-24")
                _ = try await client.submit("/actions/30-24/report", [("token", token), ("count_letter", "1")])
            }
            let after = try await client.execute(uri: "/actions/30-24", method: .get).text
            #expect(after.contains(#"<progress id="goal-progress" max="5000" value="3"></progress>"#))
            let russian = try await client.execute(uri: "/ru/actions/30-24", method: .get).text
            #expect(russian.contains("Цель: 5\u{A0}000 человек"))
            let home = try await client.execute(uri: "/", method: .get).text
            #expect(!home.contains("goal-progress"), "cards show the count alone")
        }
    }

    @Test(arguments: [("5000", 5000), ("5,000", 5000), ("5 000", 5000), ("5.000", 5000), ("", nil)] as [(String, Int?)])
    func theFormTakesTheGoalAsPeopleWriteIt(typed: String, goal: Int?) throws {
        let (action, errors) = Self.read(goal: typed)
        #expect(errors.isEmpty)
        #expect(action.goal == goal)
    }

    @Test(arguments: ["many", "0", "-5", "1e9", "100000001"])
    func aGoalThatIsNoCountOfPeopleIsRefused(typed: String) {
        let (_, errors) = Self.read(goal: typed)
        #expect(errors["goal"] == "Give the goal as a whole number of people, such as 5000.")
    }

    static func read(goal: String) -> (UrgentAction, FormErrors) {
        let base = UrgentAction(
            id: "30-24", number: "30.24", caseID: "temirov-live-2024", title: "T", summary: "S",
            issued: try! HistoricalDate(iso: "2024-04-17"),
            goal: 100)
        let form = ActionForm(
            cases: [Case(id: "temirov-live-2024", title: "C", country: Country(rawValue: "KG")!, summary: "S")], people: [], targets: [],
            actions: [], messages: .english, today: try! HistoricalDate(iso: "2026-11-27"))
        return form.read(
            FormBody(lists: [
                "kind": ["new"], "case": ["temirov-live-2024"], "title": ["T"], "summary": ["S"], "issued": ["2024-04-17"],
                "language": ["en"], "goal": [goal],
            ]), base: base, isNew: false)
    }
}
