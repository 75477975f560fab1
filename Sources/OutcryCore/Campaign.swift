/// Several Urgent Actions run together ("Write for Rights 2026", ten cases), with a page of their own,
/// their combined totals and a goal.
public struct Campaign: Hashable, Codable, Sendable, Identifiable {
    public var id: Identifier<Campaign>
    public var title: String
    public var summary: String
    /// People the coordinators hope will act across the campaign's actions.
    public var goal: Int?
    /// In the order the coordinators present them.
    public var actions: [Identifier<UrgentAction>]

    public init(id: Identifier<Campaign>, title: String, summary: String = "", goal: Int? = nil, actions: [Identifier<UrgentAction>] = []) {
        self.id = id
        self.title = title
        self.summary = summary
        self.goal = goal
        self.actions = actions
    }
}

extension Totals {
    /// The totals of several actions together: each report counts once for the action it was made on.
    public static func combined(_ all: some Sequence<Totals>) -> Totals {
        all.reduce(into: Totals()) { sum, totals in
            sum.reports += totals.reports
            sum.byChannel.merge(totals.byChannel, uniquingKeysWith: +)
            sum.peopleByCountry.merge(totals.peopleByCountry, uniquingKeysWith: +)
            // A group that acted on two actions is counted for each: the campaign page counts groups itself.
            sum.groups.groups += totals.groups.groups
            sum.groups.byKind.merge(totals.groups.byKind, uniquingKeysWith: +)
        }
    }
}
