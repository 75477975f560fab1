import ArgumentParser
import Foundation
import OutcryMail
import OutcryStore
import OutcryWeb

/// `outcry send-alerts`: what `serve` does every few seconds, once, for cron or a separate worker.
struct SendAlerts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send-alerts",
        abstract: "Send the alerts waiting in the outbox (and with --digest, queue this week's digest first).",
        discussion: "Safe to stop at any moment: a message is never lost, and at most the one in flight can arrive twice, with the same "
            + "Message-ID.\n\n" + ConfigurationKey.environmentOnly(for: .sendAlerts))

    @Flag(help: "Queue the weekly digest for subscribers who chose it, then send.")
    var digest = false

    @Option(help: "A name for this sender, the same each time it runs on this host (default: the host name).")
    var worker: String?

    @OptionGroup var options: PublicOptions

    func run() async throws {
        try await options.withStore(for: .sendAlerts) { store, configuration in
            let terminal = isatty(STDERR_FILENO) == 1
            let summary = try await AlertDelivery.run(
                configuration: configuration, store: store, logger: makeLogger(level: configuration.logLevel), digest: digest,
                worker: worker ?? "\(ProcessInfo.processInfo.hostName):send-alerts",
                progress: { report in
                    let line = "sending alerts: \(report.delivered) delivered, \(report.retrying) to retry, \(report.failed) failed"
                    FileHandle.standardError.write(Data((terminal ? "\r\u{1B}[K" + line : line + "\n").utf8))
                })
            if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
            if summary.unconfirmedDeleted > 0 {
                print("Deleted \(summary.unconfirmedDeleted) request(s) to subscribe not confirmed within 7 days, with their messages.")
            }
            if digest { print("Weekly digest: \(summary.digestsQueued) message(s) queued.") }
            let report = summary.report
            print(
                "Delivered \(report.delivered), retrying later \(report.retrying), failed \(report.failed)"
                    + (report.resends > 0 ? ", of which \(report.resends) sent again after an interruption (same Message-ID)." : "."))
            let outbox = summary.outbox
            print(
                "Outbox: \(outbox.queued) waiting, \(outbox.sent) sent, \(outbox.failed) failed, \(outbox.resends) resent after "
                    + "interruptions."
            )
            for error in outbox.lastErrors.prefix(3) { print("  last error: \(error)") }
        }
    }
}
