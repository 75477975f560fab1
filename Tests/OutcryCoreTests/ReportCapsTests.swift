import OutcryCore
import Testing

@Suite struct ReportCapsTests {
    let caps = ReportCaps(reportsPerDay: 3, actionsPerDay: 10, actionsPerReport: 6)

    func decide(actions: Int = 1, reports: Int = 1, counted: Int = 0, robot: Bool = false) -> ReportDecision {
        caps.decide(honeypotFilled: robot, actions: actions, reportsToday: reports, countedActionsToday: counted)
    }

    @Test func reportsWithinEveryCapAreCounted() {
        #expect(decide() == .count)
        #expect(decide(actions: 6, reports: 3, counted: 4) == .count, "reaching a cap is allowed")
    }

    @Test func theReportThatGoesOverACapIsHeldWithItsReason() {
        #expect(decide(actions: 7) == .hold(reason: "7 actions in one report (more than 6)"))
        #expect(decide(reports: 4) == .hold(reason: "more than 3 reports from one connection today"))
        #expect(decide(actions: 2, counted: 9) == .hold(reason: "more than 10 actions from one connection today"))
        // A report over several caps gives the one about itself first.
        #expect(decide(actions: 7, reports: 4, counted: 9).holdReason == "7 actions in one report (more than 6)")
    }

    @Test func aRobotIsHeldWhateverItsCounts() {
        #expect(decide(robot: true) == .robot)
        #expect(ReportDecision.robot.holdReason == "a field hidden from people was filled in")
        #expect(decide(actions: 99, reports: 9, counted: 99, robot: true) == .robot)
    }

    /// Fifty reports a day from one address (a campus, a mobile network's gateway, a Tor exit) are ordinary;
    /// a hundred actions in one report are not, and they hold back nobody else's.
    @Test func theDefaultsLeaveRoomForSharedAddresses() {
        let defaults = ReportCaps()
        #expect(defaults.decide(honeypotFilled: false, actions: 1, reportsToday: 50, countedActionsToday: 499) == .count)
        #expect(defaults.decide(honeypotFilled: false, actions: 1, reportsToday: 51, countedActionsToday: 0) != .count)
        #expect(defaults.decide(honeypotFilled: false, actions: 101, reportsToday: 1, countedActionsToday: 0) != .count)
        #expect(defaults.decide(honeypotFilled: false, actions: 100, reportsToday: 1, countedActionsToday: 400) == .count)
        #expect(ReportDecision.count.holdReason == nil)
    }
}
