import Foundation

/// A partner system's address that hears of events, registered by an administrator. Each delivery is
/// signed with the hook's secret, which is shown once and kept sealed.
public struct Webhook: Hashable, Sendable, Identifiable {
    public enum Event: String, Codable, Sendable, CaseIterable, Comparable {
        case actionPublished = "action.published"
        case actionUpdated = "action.updated"
        case actionClosed = "action.closed"
        case personStatusChanged = "person.status_changed"
        /// Reports received since the last one, at most one a minute per action.
        case reportsReceived = "reports.received"

        public static func < (lhs: Self, rhs: Self) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public var id: Identifier<Webhook>
    public var url: String
    public var events: Set<Event>
    public var createdAt: Date
    public var createdBy: String

    public init(id: Identifier<Webhook>, url: String, events: Set<Event>, createdAt: Date, createdBy: String) {
        self.id = id
        self.url = url
        self.events = events
        self.createdAt = createdAt
        self.createdBy = createdBy
    }

    /// An address a hook may have: http or https, with a host, without credentials or a fragment.
    public static func isAcceptable(url text: String) -> Bool {
        guard text.count <= 2000, let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty, components.user == nil,
            components.password == nil, components.fragment == nil
        else { return false }
        return true
    }
}

/// One event for one hook: queued, being sent, delivered, or given up after every retry.
public struct WebhookDelivery: Hashable, Sendable {
    public enum Status: String, Sendable { case queued, sending, delivered, failed }

    public var id: Int64
    public var webhook: Identifier<Webhook>
    /// The same for every attempt: receivers drop a repeat by it.
    public var deliveryID: String
    public var event: Webhook.Event
    public var payload: String
    public var status: Status
    public var attempts: Int
    public var createdAt: Date
    public var nextAttemptAt: Date
    public var deliveredAt: Date?
    /// The receiver's last HTTP status, or why there was none.
    public var lastResponse: String?

    public init(
        id: Int64, webhook: Identifier<Webhook>, deliveryID: String, event: Webhook.Event, payload: String, status: Status, attempts: Int,
        createdAt: Date, nextAttemptAt: Date, deliveredAt: Date?, lastResponse: String?
    ) {
        self.id = id
        self.webhook = webhook
        self.deliveryID = deliveryID
        self.event = event
        self.payload = payload
        self.status = status
        self.attempts = attempts
        self.createdAt = createdAt
        self.nextAttemptAt = nextAttemptAt
        self.deliveredAt = deliveredAt
        self.lastResponse = lastResponse
    }
}
