import Foundation
import NIOCore

/// How many messages the alert forms (subscribe, "lost your link?") and group registrations may send, so that the site cannot be
/// used to mail lists of strangers and get the organisation's domain block-listed: a few an hour from one
/// client, and a ceiling an hour for the whole instance. Counted before anything is stored or queued.
struct AlertMailLimits: Sendable {
    static let perClient = ClientThrottle.Limit(count: 5, window: 3600)

    private let clients: ClientThrottle
    private let site: ClientThrottle

    init(perHour: Int, trustForwardedFor: Bool) {
        clients = ClientThrottle(Self.perClient, trustForwardedFor: trustForwardedFor)
        site = ClientThrottle(.init(count: perHour, window: 3600), trustForwardedFor: false, capacity: 1)
    }

    /// Nil when a message may go; else what to tell the person, in their language, and in how many seconds to try again.
    /// `clientWords` says why one client was refused, in the words of the form it sent.
    func refusal(
        peer: SocketAddress?, forwardedFor: String?, now: Date, messages: Messages = .english, clientWords: String = "alerts.limit-client"
    ) -> (message: String, retryAfter: Int)? {
        if let until = clients.take(clients.client(peer: peer, forwardedFor: forwardedFor), now: now) {
            return (messages.plural(clientWords, count: Self.minutes(until, now)), Int(until.timeIntervalSince(now).rounded(.up)))
        }
        if let until = site.take("site", now: now) {
            return (messages.plural("alerts.limit-site", count: Self.minutes(until, now)), Int(until.timeIntervalSince(now).rounded(.up)))
        }
        return nil
    }

    private static func minutes(_ until: Date, _ now: Date) -> Int {
        max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
    }
}
