/// What a supporter reports, before it is accepted: counts per channel, optionally the official and
/// the supporter's country.
public struct ReportInput: Hashable, Sendable {
    public var counts: [Channel: Int]
    /// The officials the supporter acted toward: none, one, or several for one letter copied to each.
    public var targets: [Identifier<Target>]
    public var country: Country?

    public init(counts: [Channel: Int], targets: [Identifier<Target>], country: Country? = nil) {
        self.counts = counts
        self.targets = targets
        self.country = country
    }

    public init(counts: [Channel: Int], target: Identifier<Target>? = nil, country: Country? = nil) {
        self.init(counts: counts, targets: target.map { [$0] } ?? [], country: country)
    }

    public var total: Int { counts.values.reduce(0, +) }
}

/// Why a report is refused, in words for the supporter who sent it.
public enum ReportError: Error, Equatable, Sendable, CustomStringConvertible {
    case nothingReported
    case notANumber(Channel)
    case negative(Channel)
    case tooMany(Channel, limit: Int)
    case unknownTarget
    case unknownCountry
    case actionClosed
    case actionNotFound

    public var description: String {
        switch self {
        case .nothingReported: "Please tell us how many actions you took: every box is empty or zero."
        case .notANumber(let channel): "“\(channel.label)” must be a whole number, such as 1 or 2."
        case .negative(let channel): "“\(channel.label)” cannot be below zero."
        case .tooMany(let channel, let limit):
            "“\(channel.label)” is more than \(limit). If a group acted together, please report for the group in several parts or write "
                + "to us."
        case .unknownTarget: "The official you chose is not on this action. Please choose one from the list."
        case .unknownCountry: "Please choose your country from the list, or leave it empty."
        case .actionClosed: "This action is closed, so no more actions are being counted. Thank you for caring."
        case .actionNotFound: "This action does not exist."
        }
    }
}

public enum ReportRules {
    /// The most actions of one kind one report may claim; more is refused, not trimmed.
    public static let perChannelLimit = 500

    /// Checks a report against the action it is for, returning the counts that will be stored.
    public static func validate(_ input: ReportInput, for action: UrgentAction) throws(ReportError) -> ReportInput {
        guard action.status == .published else { throw action.status == .closed ? .actionClosed : .actionNotFound }
        for channel in Channel.allCases {
            let count = input.counts[channel] ?? 0
            if count < 0 { throw .negative(channel) }
            if count > perChannelLimit { throw .tooMany(channel, limit: perChannelLimit) }
        }
        for target in input.targets where !action.targets.contains(where: { $0.target == target }) { throw .unknownTarget }
        var cleaned = input
        // Named twice (a form sent by hand), an official still counts once.
        cleaned.targets = input.targets.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        cleaned.counts = input.counts.filter { $0.value > 0 }
        guard !cleaned.counts.isEmpty else { throw .nothingReported }
        return cleaned
    }
}
