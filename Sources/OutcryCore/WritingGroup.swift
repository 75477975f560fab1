import Foundation

/// People who act together and report together: a school class, a local group, a letter-writing evening.
/// Most letters for people at risk are written this way; a group's report says what all of them did.
public struct WritingGroup: Hashable, Codable, Sendable, Identifiable {
    public var id: Identifier<WritingGroup>
    public var name: String
    public var town: String
    public var country: Country?
    public var kind: GroupKind
    /// How many people are in it, or expected at the event: what makes a report's numbers plausible.
    public var size: Int
    /// The group agreed to be named, with its town, on campaign pages and its own public page.
    public var showsName: Bool
    public var status: GroupStatus
    /// A coordinator checked the group (or made it): its size is believed and its name may be shown. A group
    /// registered on the site is not, until a coordinator looks at it.
    public var verified: Bool
    /// The language its organiser reads: the group's own pages and messages are in it.
    public var language: String
    /// Which private link is the group's: a coordinator who replaces a link that went too far moves it on.
    public var linkVersion: Int

    public init(
        id: Identifier<WritingGroup>, name: String, town: String = "", country: Country? = nil, kind: GroupKind = .localGroup,
        size: Int = 10, showsName: Bool = false, status: GroupStatus = .confirmed, verified: Bool = true, language: String = "en",
        linkVersion: Int = 1
    ) {
        self.id = id
        self.name = name
        self.town = town
        self.country = country
        self.kind = kind
        self.size = size
        self.showsName = showsName
        self.status = status
        self.verified = verified
        self.language = language
        self.linkVersion = linkVersion
    }
}

public enum GroupKind: String, Codable, Sendable, CaseIterable {
    case school
    case localGroup = "local_group"
    case event

    /// The most actions each member plausibly takes for one Urgent Action, across all the group's reports
    /// on it: a pupil writes to each official and signs a card or two; more is held for a coordinator.
    public var actionsPerMember: Int {
        switch self {
        case .school: 10
        case .localGroup: 20
        case .event: 10
        }
    }

    /// How many people a group no coordinator has checked is believed to have, whatever it says: a class. Anyone
    /// with a mailbox can register "an event of 20,000"; its numbers wait for a coordinator above this.
    public static let unverifiedSize = 40

    /// The largest group of this kind a form accepts.
    public var largestSize: Int {
        switch self {
        case .school: 3_000
        case .localGroup: 1_000
        case .event: 20_000
        }
    }
}

public enum GroupStatus: String, Codable, Sendable {
    /// Registered on the site; the organiser has not yet opened the link sent to them.
    case waiting
    /// Confirmed by its organiser, or created by a coordinator: it may report.
    case confirmed
}

/// What a group did together, as a group report counts it.
public enum GroupActionKind: String, Codable, Sendable, CaseIterable, CodingKeyRepresentable {
    case letter, card, signature, other
}

/// What a group reports for one Urgent Action, before it is accepted.
public struct GroupReportInput: Hashable, Sendable {
    public var action: Identifier<UrgentAction>
    /// The official the letters went to; nil for several or none in particular.
    public var target: Identifier<Target>?
    public var counts: [GroupActionKind: Int]
    /// The day, or the first and last days, the group acted.
    public var from: HistoricalDate
    public var to: HistoricalDate

    public init(
        action: Identifier<UrgentAction>, target: Identifier<Target>? = nil, counts: [GroupActionKind: Int], from: HistoricalDate,
        to: HistoricalDate? = nil
    ) {
        self.action = action
        self.target = target
        self.counts = counts
        self.from = from
        self.to = to ?? from
    }

    public var total: Int { counts.values.reduce(0, +) }
}

/// Why a group's report is refused, for the organiser who sent it.
public enum GroupReportError: Error, Equatable, Sendable {
    case nothingReported
    case negative(GroupActionKind)
    /// More of one kind than any group could do; refused, not held.
    case tooMany(GroupActionKind, limit: Int)
    case unknownTarget
    case actionNotOpen
    case endsBeforeItStarts
    case inTheFuture
    case notConfirmed
}

public enum GroupReportRules {
    /// The most of one kind one report may claim, whatever the group; above it the form asks for parts.
    public static let perKindLimit = 100_000

    /// Checks a report against the action and the day it is sent, returning the counts to store.
    public static func validate(
        _ input: GroupReportInput, for action: UrgentAction, group: WritingGroup, today: HistoricalDate
    ) throws(GroupReportError) -> GroupReportInput {
        guard group.status == .confirmed else { throw .notConfirmed }
        guard action.status == .published else { throw .actionNotOpen }
        for kind in GroupActionKind.allCases {
            let count = input.counts[kind] ?? 0
            if count < 0 { throw .negative(kind) }
            if count > perKindLimit { throw .tooMany(kind, limit: perKindLimit) }
        }
        if let target = input.target, !action.targets.contains(where: { $0.target == target }) { throw .unknownTarget }
        guard input.from.iso <= input.to.iso else { throw .endsBeforeItStarts }
        guard input.to.iso <= today.iso else { throw .inTheFuture }
        var cleaned = input
        cleaned.counts = input.counts.filter { $0.value > 0 }
        guard !cleaned.counts.isEmpty else { throw .nothingReported }
        return cleaned
    }

    /// Counts the report, or holds it for a coordinator when, with what the group already had counted for
    /// this action, it is more than the group's kind and size make plausible.
    public static func decide(_ input: GroupReportInput, group: WritingGroup, countedBefore: Int) -> ReportDecision {
        let members = group.verified ? group.size : min(group.size, GroupKind.unverifiedSize)
        let plausible = members * group.kind.actionsPerMember
        let total = countedBefore + input.total
        guard total > plausible else { return .count }
        return .hold(
            reason: "\(total) actions for this action from a group of \(group.size) (\(group.kind.rawValue)): more than the "
                + "\(plausible) plausible\(group.verified ? "" : " before a coordinator checks the group")")
    }
}

/// What groups reported for one action, shown apart from individual supporters' reports.
public struct GroupTotals: Hashable, Sendable {
    /// Groups with at least one counted report.
    public var groups: Int
    public var byKind: [GroupActionKind: Int]

    public init(groups: Int = 0, byKind: [GroupActionKind: Int] = [:]) {
        self.groups = groups
        self.byKind = byKind
    }

    public var actions: Int { byKind.values.reduce(0, +) }

    /// As signed statements and the daily record of totals write them, `key` and number in a fixed order:
    /// none at all when no group reported, so records made before groups existed keep their bytes.
    public var lines: [(key: String, value: Int)] {
        guard groups > 0 else { return [] }
        return [("groups", groups)] + GroupActionKind.allCases.map { ("group-" + $0.rawValue, byKind[$0] ?? 0) }
    }
}
