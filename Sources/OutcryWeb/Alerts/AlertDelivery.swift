import Foundation
import Logging
import OutcryCore
import OutcryMail
import OutcryStore

/// One pass of alert delivery outside the server, for cron: optionally queue the weekly digest, then
/// send everything due.
public enum AlertDelivery {
    public enum Failure: Error, CustomStringConvertible {
        case noKey
        case noServer

        public var description: String {
            switch self {
            case .noKey:
                "alerts need the data key that seals addresses: set OUTCRY_DATA_KEY (or use the SQLite data folder that holds "
                    + "outcry-data.key)"
            case .noServer: "set OUTCRY_SMTP_URL (for example smtp+starttls://user:password@mail.example.org:587) to send alerts"
            }
        }
    }

    public struct Summary: Sendable {
        public var digestsQueued = 0
        public var unconfirmedDeleted = 0
        public var report = SendReport()
        public var outbox = OutboxStatus()
    }

    public static func run(
        configuration: Configuration, store: Store, logger: Logger, digest: Bool, worker: String,
        progress: @escaping @Sendable (SendReport) -> Void
    ) async throws -> Summary {
        guard let vault = try contactVault(configuration) else { throw Failure.noKey }
        guard let smtp = configuration.smtp else { throw Failure.noServer }
        var summary = Summary()
        let alerts = Alerts(
            store: store, vault: vault, links: AlertLinks(secret: vault.secret(for: "alert links"), siteURL: configuration.siteURL),
            mailHost: configuration.mailHost)
        // Expired requests to subscribe go before anything is sent: their confirmations are not sent late.
        summary.unconfirmedDeleted = try await alerts.forgetUnconfirmed(now: Date())
        if digest { summary.digestsQueued = try await alerts.queueDigest(now: Date()) }
        let sender = OutboxSender(
            outbox: StoreOutbox(store: store, vault: vault, from: configuration.mailFrom, clock: SystemWallClock()),
            client: SMTPClient(configuration: smtp), worker: worker, connections: configuration.smtpConnections, logger: logger)
        summary.report = try await sender.sendDue(progress: progress)
        summary.outbox = try await store.outboxStatus()
        return summary
    }
}
