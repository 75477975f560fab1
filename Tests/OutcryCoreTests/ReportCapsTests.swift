import OutcryCore
import Testing

@Suite struct ReportCapsTests {
    let caps = ReportCaps(reportsPerDay: 3, actionsPerDay: 10)

    @Test func reportsWithinBothCapsAreCounted() {
        #expect(caps.decide(honeypotFilled: false, reportsToday: 1, actionsToday: 1) == .count)
        #expect(caps.decide(honeypotFilled: false, reportsToday: 3, actionsToday: 10) == .count, "reaching a cap is allowed")
    }

    @Test func theReportThatGoesOverACapIsHeldWithItsReason() {
        #expect(
            caps.decide(honeypotFilled: false, reportsToday: 4, actionsToday: 4)
                == .hold(reason: "more than 3 reports from one connection today"))
        #expect(
            caps.decide(honeypotFilled: false, reportsToday: 1, actionsToday: 11)
                == .hold(reason: "more than 10 actions from one connection today"))
        // Over both, the count of reports is the reason given.
        #expect(
            caps.decide(honeypotFilled: false, reportsToday: 4, actionsToday: 11).holdReason
                == "more than 3 reports from one connection today")
    }

    @Test func aRobotIsHeldWhateverItsCounts() {
        let decision = caps.decide(honeypotFilled: true, reportsToday: 1, actionsToday: 1)
        #expect(decision == .robot)
        #expect(decision.holdReason == "a field hidden from people was filled in")
        #expect(caps.decide(honeypotFilled: true, reportsToday: 9, actionsToday: 99) == .robot)
    }

    @Test func theDefaultCapsAreTenReportsAndTwoHundredActions() {
        let defaults = ReportCaps()
        #expect(defaults.decide(honeypotFilled: false, reportsToday: 10, actionsToday: 200) == .count)
        #expect(defaults.decide(honeypotFilled: false, reportsToday: 11, actionsToday: 11) != .count)
        #expect(defaults.decide(honeypotFilled: false, reportsToday: 1, actionsToday: 201) != .count)
        #expect(ReportDecision.count.holdReason == nil)
    }
}
