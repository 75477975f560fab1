import Foundation

/// What a supporter says they did for an Urgent Action. Anonymous: no name, no address, a country at most.
public struct ActionReport: Hashable, Codable, Sendable, Identifiable {
    public var id: Identifier<ActionReport>
    public var urgentAction: Identifier<UrgentAction>
    public var target: Identifier<Target>?
    public var counts: [Channel: Int]
    public var reporterCountry: Country?
    public var reportedAt: Date
    /// Reports over the abuse caps are kept but left out of public totals until a coordinator accepts them.
    public var flagged: Bool

    public init(
        id: Identifier<ActionReport>, urgentAction: Identifier<UrgentAction>, target: Identifier<Target>? = nil, counts: [Channel: Int],
        reporterCountry: Country? = nil, reportedAt: Date, flagged: Bool = false
    ) {
        self.id = id
        self.urgentAction = urgentAction
        self.target = target
        self.counts = counts
        self.reporterCountry = reporterCountry
        self.reportedAt = reportedAt
        self.flagged = flagged
    }
}

public enum Channel: String, Codable, Sendable, CaseIterable, CodingKeyRepresentable {
    case letter, email, fax, call, social, other

    public var label: String {
        switch self {
        case .letter: "Letters"
        case .email: "E-mails"
        case .fax: "Faxes"
        case .call: "Calls"
        case .social: "Social media posts"
        case .other: "Other actions"
        }
    }
}
