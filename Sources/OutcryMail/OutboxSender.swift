import Foundation
import Logging
import Synchronization

/// A message the outbox handed to a sender, ready to go.
public struct OutboxItem: Sendable {
    public let id: Int64
    public let message: MailMessage
    public let attempts: Int
    /// Claimed again after a sender stopped while sending it: the server may already have it, and it
    /// goes out with the same Message-ID so receiving systems can drop the copy.
    public let isResend: Bool

    public init(id: Int64, message: MailMessage, attempts: Int, isResend: Bool) {
        self.id = id
        self.message = message
        self.attempts = attempts
        self.isResend = isResend
    }
}

/// Where messages wait to be sent; the store keeps it, so several senders on one PostgreSQL share it.
public protocol Outbox: Sendable {
    /// Claims up to `limit` due messages for `worker` until `now + lease`, oldest first.
    func claim(worker: String, limit: Int, lease: TimeInterval, now: Date) async throws -> [OutboxItem]
    /// The message is about to go to the server: if the sender stops before `delivered`, it may be there.
    func sending(_ id: Int64) async throws
    /// The server accepted the message: it must never be sent again. `next`, if given, is about to go
    /// (as with `sending`), recorded in the same write.
    func delivered(_ id: Int64, next: Int64?, worker: String, now: Date) async throws
    /// Sending did not work: send again at `retryAt`, or never (nil).
    func undelivered(_ id: Int64, reason: String, retryAt: Date?) async throws
    /// Puts back what `worker` and its connections (`worker#1`, `worker#2`…) had claimed and not finished
    /// (it stopped, and is starting again); returns how many. Each may have reached the server already,
    /// so each counts as a resend.
    func recover(worker: String) async throws -> Int
}

/// What one pass of the sender did.
public struct SendReport: Sendable, Equatable {
    public var delivered = 0
    public var retrying = 0
    public var failed = 0
    public var resends = 0

    public init() {}

    mutating func add(_ other: SendReport) {
        delivered += other.delivered
        retrying += other.retrying
        failed += other.failed
        resends += other.resends
    }
}

/// Sends what the outbox holds over `connections` connections at once, each claiming its own batches
/// and recording each message as delivered the moment the server accepts it, before its next one goes:
/// if the process dies, at most the one message in flight on each connection can arrive twice, and it
/// carries the same Message-ID both times.
public struct OutboxSender: Sendable {
    public let outbox: any Outbox
    public let client: SMTPClient
    public let worker: String
    public let connections: Int
    public let batchSize: Int
    public let maximumAttempts: Int
    let logger: Logger

    public init(
        outbox: any Outbox, client: SMTPClient, worker: String, connections: Int = 1, batchSize: Int = 100, maximumAttempts: Int = 8,
        logger: Logger
    ) {
        self.outbox = outbox
        self.client = client
        self.worker = worker
        self.connections = max(1, connections)
        self.batchSize = batchSize
        self.maximumAttempts = maximumAttempts
        self.logger = logger
    }

    /// Sends everything due, batch after batch on every connection, until the outbox has nothing due or
    /// the connections fail. What this worker left unfinished when it last stopped goes first.
    public func sendDue(
        now: @escaping @Sendable () -> Date = Date.init, progress: @escaping @Sendable (SendReport) -> Void = { _ in }
    ) async throws -> SendReport {
        let recovered = try await outbox.recover(worker: worker)
        if recovered > 0 { logger.notice("resending messages left unfinished", metadata: ["count": .stringConvertible(recovered)]) }
        let total = Tally()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 1...connections {
                group.addTask {
                    try await sendDue(as: "\(worker)#\(lane)", now: now) { progress(total.adding($0)) }
                }
            }
            try await group.waitForAll()
        }
        return total.sum
    }

    /// One connection's work: claims batches as `lane` until nothing is due or its connection fails.
    private func sendDue(as lane: String, now: () -> Date, progress: (SendReport) -> Void) async throws {
        while true {
            // Another instance takes over a claim only once it has run out: long enough for a whole
            // batch at the slowest pace, so a live sender never loses one.
            let items = try await outbox.claim(worker: lane, limit: batchSize, lease: 900, now: now())
            guard !items.isEmpty else { return }
            var report = SendReport()
            let connectionFailed = try await send(items, worker: lane, now: now, into: &report)
            progress(report)
            if connectionFailed { return }
        }
    }

    /// True when the connection itself failed (the rest of the batch waits for the next pass).
    private func send(_ items: [OutboxItem], worker: String, now: () -> Date, into report: inout SendReport) async throws -> Bool {
        var remaining = items[...]
        var pass = report
        do {
            try await client.withSession { session in
                var marked = false
                while let item = remaining.first {
                    do {
                        if !marked { try await outbox.sending(item.id) }
                        try await session.send(item.message)
                        let next = remaining.dropFirst().first?.id
                        try await outbox.delivered(item.id, next: next, worker: worker, now: now())
                        marked = next != nil
                        pass.delivered += 1
                        if item.isResend { pass.resends += 1 }
                    } catch let error as SMTPError where !(error == .connectionClosed) {
                        try await giveBack(item, error, now: now(), report: &pass)
                        marked = false
                    }
                    remaining = remaining.dropFirst()
                }
            }
            report = pass
            return false
        } catch let error as SMTPError {
            report = pass
            logger.warning(
                "sending alerts paused", metadata: ["reason": .string(error.description), "waiting": .stringConvertible(remaining.count)])
            for item in remaining { try await giveBack(item, error, now: now(), report: &report) }
            return true
        }
    }

    private func giveBack(_ item: OutboxItem, _ error: SMTPError, now: Date, report: inout SendReport) async throws {
        if error.isTemporary, item.attempts < maximumAttempts {
            // 1, 2, 4, 8… minutes, at most six hours.
            let delay = min(60 * pow(2, Double(item.attempts - 1)), 6 * 3600)
            try await outbox.undelivered(item.id, reason: error.description, retryAt: now.addingTimeInterval(delay))
            report.retrying += 1
        } else {
            try await outbox.undelivered(item.id, reason: error.description, retryAt: nil)
            report.failed += 1
            logger.notice("an alert could not be delivered", metadata: ["reason": .string(error.description)])
        }
    }
}

/// What the connections of one pass did together.
private final class Tally: Sendable {
    private let report = Mutex(SendReport())

    /// Adds one batch's work and returns the whole so far.
    func adding(_ batch: SendReport) -> SendReport {
        report.withLock {
            $0.add(batch)
            return $0
        }
    }

    var sum: SendReport { report.withLock { $0 } }
}
