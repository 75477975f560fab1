/// What supporters reported for one Urgent Action, as the public and the officials are shown it.
/// A report is one person; its counts are their actions.
public struct Totals: Hashable, Sendable {
    public var reports: Int
    public var byChannel: [Channel: Int]
    /// People per reporter country; reports that gave no country are counted under nil.
    public var peopleByCountry: [Country?: Int]
    /// Only reports that named the official count for them.
    public var byTarget: [Identifier<Target>: TargetTotals]
    /// What groups reported together, apart from the people above: a group report is not one person.
    public var groups: GroupTotals

    public init(
        reports: Int = 0, byChannel: [Channel: Int] = [:], peopleByCountry: [Country?: Int] = [:],
        byTarget: [Identifier<Target>: TargetTotals] = [:], groups: GroupTotals = GroupTotals()
    ) {
        self.reports = reports
        self.byChannel = byChannel
        self.peopleByCountry = peopleByCountry
        self.byTarget = byTarget
        self.groups = groups
    }

    public var actions: Int { byChannel.values.reduce(0, +) }
    /// Countries people reported from; reports without a country add none.
    public var countries: Int { peopleByCountry.keys.compactMap { $0 }.count }
}

public struct TargetTotals: Hashable, Sendable {
    public var reports: Int
    public var byChannel: [Channel: Int]
    public var peopleByCountry: [Country?: Int]
    /// What groups reported for this official, apart from individual reports.
    public var groups: GroupTotals

    public init(
        reports: Int = 0, byChannel: [Channel: Int] = [:], peopleByCountry: [Country?: Int] = [:], groups: GroupTotals = GroupTotals()
    ) {
        self.reports = reports
        self.byChannel = byChannel
        self.peopleByCountry = peopleByCountry
        self.groups = groups
    }

    public var actions: Int { byChannel.values.reduce(0, +) }
    public var countries: Int { peopleByCountry.keys.compactMap { $0 }.count }
}
