/// Limits per client (per salted address hash) per action per day, and per report, beyond which reports are
/// held for review. Each report is judged on its own: one absurd report is held without holding back the
/// connection's later ones, and many people behind one shared address (mobile networks, universities, VPNs,
/// Tor, common where the press is censored) are held only when their volume is implausible even for that.
public struct ReportCaps: Sendable, Equatable {
    public var reportsPerDay: Int
    /// Actions of the connection's counted reports: a held report adds none.
    public var actionsPerDay: Int
    /// Actions in one report: more is held as implausible for one person (groups report apart).
    public var actionsPerReport: Int

    public init(reportsPerDay: Int = 50, actionsPerDay: Int = 500, actionsPerReport: Int = 100) {
        self.reportsPerDay = reportsPerDay
        self.actionsPerDay = actionsPerDay
        self.actionsPerReport = actionsPerReport
    }

    /// Counts a report of `actions` or holds it for a coordinator. `reportsToday` is the client's reports for
    /// this action today, this one included, held or not; `countedActionsToday` the actions of its reports
    /// that were counted, this one not included.
    public func decide(honeypotFilled: Bool, actions: Int, reportsToday: Int, countedActionsToday: Int) -> ReportDecision {
        if honeypotFilled { return .robot }
        if actions > actionsPerReport { return .hold(reason: "\(actions) actions in one report (more than \(actionsPerReport))") }
        if reportsToday > reportsPerDay { return .hold(reason: "more than \(reportsPerDay) reports from one connection today") }
        if countedActionsToday + actions > actionsPerDay {
            return .hold(reason: "more than \(actionsPerDay) actions from one connection today")
        }
        return .count
    }
}

/// Whether a report goes into the public totals now.
public enum ReportDecision: Hashable, Sendable {
    case count
    /// Kept, but out of the totals until a coordinator accepts it; the reason is shown to them.
    case hold(reason: String)

    /// The form's hidden field was filled in, as only robots do: held whatever the counts.
    public static let robot = ReportDecision.hold(reason: "a field hidden from people was filled in")

    public var holdReason: String? {
        guard case .hold(let reason) = self else { return nil }
        return reason
    }
}
