import Crypto
import Foundation
import Logging
import OutcryCore
import OutcryStore
import ServiceLifecycle

/// Delivers webhook events from the durable queue: each claimed delivery is signed with its hook's secret
/// and POSTed; a 2xx answer ends it, anything else is retried with growing waits (30 s, 1 min, 2 min… at
/// most 6 h apart) and given up after `attempts`. Once a minute it also queues `reports.received` events.
/// Every instance runs one; the queue shares the work among them.
struct WebhookSenderService: Service {
    let store: Store
    let vault: ContactVault
    let clock: any WallClock
    let logger: Logger
    var poster = WebhookPoster()
    /// An idle queue costs one indexed read per poll.
    var interval: Duration = .seconds(1)
    var reportInterval: Duration = .seconds(60)
    var attempts = 15
    /// How long a claimed delivery is this instance's before another may take it.
    var lease: TimeInterval = 60

    func run() async throws {
        var reportsCheckedAt: ContinuousClock.Instant?
        while !Task.isCancelledOrShuttingDown {
            do {
                if reportsCheckedAt.map({ ContinuousClock.now - $0 >= reportInterval }) ?? true {
                    reportsCheckedAt = .now
                    try await store.queueReportWebhooks(now: clock.now)
                }
                let claimed = try await store.claimWebhookDeliveries(limit: 20, lease: lease, now: clock.now)
                await withTaskGroup(of: Void.self) { group in
                    for entry in claimed {
                        group.addTask { await deliver(entry.delivery, to: entry.url, sealedSecret: entry.secretSealed) }
                    }
                }
                if !claimed.isEmpty { continue }
            } catch {
                logger.error("webhooks failed", metadata: ["error": .string("\(error)")])
            }
            try? await Task.sleep(for: interval)
        }
    }

    func deliver(_ delivery: WebhookDelivery, to url: String, sealedSecret: String) async {
        let now = clock.now
        do {
            let secret = try vault.open(sealedSecret)
            let body = Array(delivery.payload.utf8)
            let status = try await poster.post(
                to: url, body: body,
                headers: [
                    ("Content-Type", "application/json"), ("User-Agent", "Outcry-Webhooks/1"), ("Outcry-Event", delivery.event.rawValue),
                    ("Outcry-Delivery", delivery.deliveryID),
                    ("Outcry-Signature", Self.signature(secret: secret, timestamp: Int(now.timeIntervalSince1970), body: body)),
                ])
            if (200..<300).contains(status) {
                try await store.markWebhookDelivered(delivery.id, response: "HTTP \(status)", now: clock.now)
            } else {
                try await retry(delivery, response: "HTTP \(status)")
            }
        } catch {
            try? await retry(delivery, response: "\(error)")
        }
    }

    private func retry(_ delivery: WebhookDelivery, response: String) async throws {
        let wait = min(30 * pow(2, Double(delivery.attempts - 1)), 6 * 3600)
        let retryAt = delivery.attempts >= attempts ? nil : clock.now.addingTimeInterval(wait)
        try await store.markWebhookUndelivered(delivery.id, response: response, retryAt: retryAt)
        logger.notice(
            "webhook not delivered",
            metadata: [
                "delivery": .string(delivery.deliveryID), "response": .string(response), "retrying": .string(retryAt == nil ? "no" : "yes"),
            ])
    }

    /// `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>." followed by the body>`: a receiver recomputes it with
    /// the hook's secret, compares in constant time, and refuses a timestamp far from its own clock.
    static func signature(secret: String, timestamp: Int, body: [UInt8]) -> String {
        var mac = HMAC<SHA256>(key: SymmetricKey(data: Data(secret.utf8)))
        mac.update(data: Data("\(timestamp).".utf8))
        mac.update(data: body)
        return "t=\(timestamp),v1=" + mac.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
