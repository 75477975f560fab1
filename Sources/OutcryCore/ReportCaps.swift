/// Limits per client (per salted address hash) per action per day, beyond which reports are held for review.
public struct ReportCaps: Sendable, Equatable {
    public var reportsPerDay: Int
    public var actionsPerDay: Int

    public init(reportsPerDay: Int = 10, actionsPerDay: Int = 200) {
        self.reportsPerDay = reportsPerDay
        self.actionsPerDay = actionsPerDay
    }

    /// Counts a report or holds it for a coordinator. `reportsToday` and `actionsToday` are the client's
    /// for this action today, this report included, so the report that goes over a cap is the first held.
    public func decide(honeypotFilled: Bool, reportsToday: Int, actionsToday: Int) -> ReportDecision {
        if honeypotFilled { return .robot }
        if reportsToday > reportsPerDay { return .hold(reason: "more than \(reportsPerDay) reports from one connection today") }
        if actionsToday > actionsPerDay { return .hold(reason: "more than \(actionsPerDay) actions from one connection today") }
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
