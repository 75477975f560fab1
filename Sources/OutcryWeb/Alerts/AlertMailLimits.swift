import Foundation
import NIOCore

/// How many messages the alert forms (subscribe, "lost your link?") may send, so that the site cannot be
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

    /// Nil when a message may go; else what to tell the person and in how many seconds to try again.
    func refusal(peer: SocketAddress?, forwardedFor: String?, now: Date) -> (message: String, retryAfter: Int)? {
        if let until = clients.take(clients.client(peer: peer, forwardedFor: forwardedFor), now: now) {
            let minutes = Self.minutes(until, now)
            return (
                "Several requests for alerts came from your connection in the last hour, so no message was sent this time. "
                    + "Please try again in about \(minutes) minute\(minutes == 1 ? "" : "s").",
                Int(until.timeIntervalSince(now).rounded(.up))
            )
        }
        if let until = site.take("site", now: now) {
            let minutes = Self.minutes(until, now)
            return (
                "This site has sent many confirmation messages in the last hour, so no message was sent this time. "
                    + "Please try again in about \(minutes) minute\(minutes == 1 ? "" : "s").",
                Int(until.timeIntervalSince(now).rounded(.up))
            )
        }
        return nil
    }

    private static func minutes(_ until: Date, _ now: Date) -> Int {
        max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
    }
}
