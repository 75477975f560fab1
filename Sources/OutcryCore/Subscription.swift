import Foundation

/// What a supporter asked to be sent: everything, or only actions about some countries or some themes.
public enum AlertFilter: Hashable, Codable, Sendable {
    case everything
    case countries([Country])
    case themes([String])

    /// Whether an action about `item` is one this supporter wants.
    public func matches(_ item: Case) -> Bool {
        switch self {
        case .everything: true
        case .countries(let countries): countries.contains(item.country)
        case .themes(let themes):
            !Set(themes.map { $0.lowercased() }).isDisjoint(with: item.themes.map { $0.lowercased() })
        }
    }
}

/// Each alert on its own as it happens, or one message a week.
public enum AlertFrequency: String, Codable, Sendable, CaseIterable {
    case instant
    case weekly
}

/// A supporter's alert subscription. The address is kept sealed by the store; here it is plain only
/// while a page or a message needs it.
public struct Subscription: Hashable, Sendable, Identifiable {
    public enum Status: String, Codable, Sendable { case pending, confirmed }

    public var id: Identifier<Subscription>
    public var email: String
    public var language: String
    public var filter: AlertFilter
    public var frequency: AlertFrequency
    public var status: Status
    public var consent: Consent
    public var createdAt: Date
    public var confirmedAt: Date?

    public init(
        id: Identifier<Subscription>, email: String, language: String = "en", filter: AlertFilter = .everything,
        frequency: AlertFrequency = .instant, status: Status = .pending, consent: Consent, createdAt: Date, confirmedAt: Date? = nil
    ) {
        self.id = id
        self.email = email
        self.language = language
        self.filter = filter
        self.frequency = frequency
        self.status = status
        self.consent = consent
        self.createdAt = createdAt
        self.confirmedAt = confirmedAt
    }
}

extension Consent {
    public static let alerts =
        "Send me Urgent Actions, updates and outcomes by e-mail as I chose above. Every message has a link to stop them; I can also ask "
        + "for everything held about me, or its deletion, at any time."
}

/// Why an action's subscribers hear about it.
public enum AlertOccasion: String, Codable, Sendable {
    case published
    case updated
    case closed
}
