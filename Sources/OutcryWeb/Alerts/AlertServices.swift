import Foundation
import Logging
import OutcryCore
import OutcryMail
import ServiceLifecycle

/// Sends what the outbox holds every few seconds while the server runs, and queues the weekly digest
/// (checked hourly; at most one per subscriber per week, however many instances check).
struct AlertSenderService: Service {
    let sender: OutboxSender
    let alerts: Alerts?
    let clock: any WallClock
    let logger: Logger
    /// An idle outbox costs one indexed read per poll, so new alerts leave within seconds.
    var interval: Duration = .seconds(2)

    func run() async throws {
        var digestCheckedAt = Date.distantPast
        while !Task.isCancelledOrShuttingDown {
            do {
                if let alerts, clock.now.timeIntervalSince(digestCheckedAt) >= 3600 {
                    digestCheckedAt = clock.now
                    let queued = try await alerts.queueDigest(now: clock.now)
                    if queued > 0 { logger.info("weekly digest queued", metadata: ["messages": "\(queued)"]) }
                }
                let report = try await sender.sendDue()
                if report.delivered + report.failed > 0 {
                    logger.info(
                        "alerts sent",
                        metadata: ["delivered": "\(report.delivered)", "failed": "\(report.failed)", "retrying": "\(report.retrying)"])
                }
            } catch {
                logger.error("sending alerts failed", metadata: ["error": .string("\(error)")])
            }
            try? await Task.sleep(for: interval)
        }
    }
}

/// Hourly, on every instance whether or not it sends mail: deletes the subscriptions whose confirmation
/// link expired unused, with the messages still waiting for them, as the confirmation message promises, and
/// the groups registered and never confirmed.
struct AlertHousekeepingService: Service {
    let alerts: Alerts
    let clock: any WallClock
    let logger: Logger
    var interval: Duration = .seconds(3600)

    func run() async throws {
        while !Task.isCancelledOrShuttingDown {
            do {
                let forgotten = try await alerts.forgetUnconfirmed(now: clock.now)
                if forgotten > 0 { logger.info("unconfirmed subscriptions deleted", metadata: ["subscriptions": "\(forgotten)"]) }
                // Groups whose organiser never opened the link, with the address they gave.
                let groups = try await alerts.store.forgetUnconfirmedGroups(
                    registeredBefore: clock.now.addingTimeInterval(-GroupPages.confirmationLifetime))
                if groups > 0 { logger.info("unconfirmed groups deleted", metadata: ["groups": "\(groups)"]) }
            } catch {
                logger.error("deleting unconfirmed subscriptions failed", metadata: ["error": .string("\(error)")])
            }
            // An hour's wait must not hold up a stop.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
