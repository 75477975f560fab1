import ArgumentParser
import Foundation
import OutcryMail
import OutcryStore
import OutcryWeb

/// `outcry send-alerts`: what `serve` does every few seconds, once, for cron or a separate worker.
struct SendAlerts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send-alerts",
        abstract: Outcry.words("cli.send-alerts.abstract"),
        discussion: Outcry.words("cli.send-alerts.discussion") + "\n\n" + ConfigurationKey.environmentOnly(for: .sendAlerts, Outcry.words))

    @Flag(help: ArgumentHelp(Outcry.words("cli.send-alerts.digest")))
    var digest = false

    @Option(help: ArgumentHelp(Outcry.words("cli.send-alerts.worker")))
    var worker: String?

    @OptionGroup var options: PublicOptions

    func run() async throws {
        let words = Outcry.words
        try await options.withStore(for: .sendAlerts) { store, configuration in
            let terminal = isatty(STDERR_FILENO) == 1
            let summary = try await AlertDelivery.run(
                configuration: configuration, store: store,
                logger: makeLogger(level: configuration.logLevel, format: configuration.logFormat), digest: digest,
                worker: worker ?? "\(ProcessInfo.processInfo.hostName):send-alerts",
                progress: { report in
                    let line = words(
                        "cli.send-alerts.progress",
                        [
                            "delivered": words.number(report.delivered), "retrying": words.number(report.retrying),
                            "failed": words.number(report.failed),
                        ])
                    FileHandle.standardError.write(Data((terminal ? "\r\u{1B}[K" + line : line + "\n").utf8))
                })
            if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
            if summary.unconfirmedDeleted > 0 {
                print(words.plural("cli.send-alerts.deleted", count: summary.unconfirmedDeleted))
            }
            if digest { print(words.plural("cli.send-alerts.digest-queued", count: summary.digestsQueued)) }
            let report = summary.report
            print(
                words(
                    "cli.send-alerts.report",
                    [
                        "delivered": words.number(report.delivered), "retrying": words.number(report.retrying),
                        "failed": words.number(report.failed),
                    ]))
            if report.resends > 0 { print(words.plural("cli.send-alerts.resends", count: report.resends)) }
            let outbox = summary.outbox
            print(
                words(
                    "cli.send-alerts.outbox",
                    [
                        "waiting": words.number(outbox.queued), "sent": words.number(outbox.sent), "failed": words.number(outbox.failed),
                        "resent": words.number(outbox.resends),
                    ]))
            for error in outbox.lastErrors.prefix(3) { print("  " + words("cli.send-alerts.last-error", ["error": error])) }
        }
    }
}
