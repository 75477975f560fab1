import Foundation
import OutcryCore
import SQLKit

/// Messages waiting to be sent: queued once per purpose, claimed by one sender at a time, never lost.
public protocol OutboxRecords: Sendable {
    /// Queues messages in one transaction; one already queued for the same purpose is left as it is.
    /// Returns how many were new.
    @discardableResult
    func queue(_ drafts: [OutboxDraft], now: Date) async throws -> Int
    /// Claims up to `limit` due messages for `worker` until `now + lease`: queued ones whose time has come,
    /// and ones another sender claimed and did not finish before its claim ran out (a resend if it was in flight).
    /// On PostgreSQL, rows another instance is claiming at the same moment are skipped, never shared.
    func claimOutbox(worker: String, limit: Int, lease: TimeInterval, now: Date) async throws -> [OutboxEntry]
    /// The message is about to go to the server: from now until `markSent`, a stop may leave a copy there.
    func markInFlight(_ id: Int64) async throws
    /// The server took the message: it is never sent again. The next message about to go, if any, is
    /// marked in flight in the same transaction: one commit per message.
    func markSent(_ id: Int64, nextInFlight next: Int64?, now: Date) async throws
    /// Sending did not work: try again at `retryAt`, or give up (nil) with the reason kept for coordinators.
    func markUnsent(_ id: Int64, error: String, retryAt: Date?) async throws
    /// Puts back the messages `worker` and its connections (`worker#1`…) claimed and did not finish; the one
    /// each had in flight counts as a resend.
    func recoverOutbox(worker: String) async throws -> Int
    /// How many messages wait, are being sent, went and failed, and the latest errors, for coordinators.
    func outboxStatus() async throws -> OutboxStatus
}

/// A message to put in the outbox: for one address (sealed), with what it is for.
public struct OutboxDraft: Sendable {
    public var dedupeKey: String
    public var subscription: Identifier<Subscription>?
    public var recipientSealed: String
    public var messageID: String
    public var kind: String
    public var subject: String
    public var text: String
    public var html: String?
    public var headers: [String: String]
    /// The action an alert is about: it waits while the action waits for a coordinator.
    public var action: Identifier<UrgentAction>?

    public init(
        dedupeKey: String, subscription: Identifier<Subscription>?, recipientSealed: String, messageID: String, kind: String,
        subject: String, text: String, html: String?, headers: [String: String], action: Identifier<UrgentAction>? = nil
    ) {
        self.dedupeKey = dedupeKey
        self.subscription = subscription
        self.recipientSealed = recipientSealed
        self.messageID = messageID
        self.kind = kind
        self.subject = subject
        self.text = text
        self.html = html
        self.headers = headers
        self.action = action
    }
}

/// A message a sender has claimed.
public struct OutboxEntry: Sendable {
    public let id: Int64
    public let recipientSealed: String
    public let messageID: String
    public let subject: String
    public let text: String
    public let html: String?
    public let headers: [String: String]
    public let attempts: Int
    /// Claimed again after another sender stopped while sending it: the server may already have it.
    public let isResend: Bool

    public init(
        id: Int64, recipientSealed: String, messageID: String, subject: String, text: String, html: String?,
        headers: [String: String], attempts: Int, isResend: Bool
    ) {
        self.id = id
        self.recipientSealed = recipientSealed
        self.messageID = messageID
        self.subject = subject
        self.text = text
        self.html = html
        self.headers = headers
        self.attempts = attempts
        self.isResend = isResend
    }
}

/// How the outbox stands, for coordinators.
public struct OutboxStatus: Sendable, Equatable {
    public var queued = 0
    public var sending = 0
    public var sent = 0
    public var failed = 0
    public var resends = 0
    public var lastErrors: [String] = []

    public init() {}
}

extension Store: OutboxRecords {
    @discardableResult
    public func queue(_ drafts: [OutboxDraft], now: Date) async throws -> Int {
        guard !drafts.isEmpty else { return 0 }
        return try await engine.transaction { database in
            var added = 0
            for chunk in stride(from: 0, to: drafts.count, by: 200).map({ drafts[$0..<min($0 + 200, drafts.count)] }) {
                let insert = database.insert(into: "outbox").columns(
                    "dedupe_key", "subscription_id", "recipient_sealed", "message_id", "kind", "subject", "body_text", "body_html",
                    "headers", "status", "attempts", "in_flight", "resends", "next_attempt_at", "created_at", "urgent_action_id")
                for draft in chunk {
                    insert.values(
                        SQLBind(draft.dedupeKey), SQLBind(draft.subscription?.rawValue), SQLBind(draft.recipientSealed),
                        SQLBind(draft.messageID), SQLBind(draft.kind), SQLBind(draft.subject), SQLBind(draft.text), SQLBind(draft.html),
                        SQLBind(try jsonText(draft.headers)), SQLBind("queued"), SQLBind(0), SQLBind(false), SQLBind(0),
                        SQLBind(Int64(now.timeIntervalSince1970)), SQLBind(Int64(now.timeIntervalSince1970)),
                        SQLBind(draft.action?.rawValue))
                }
                added += try await insert.ignoringConflicts(with: "dedupe_key").returning("id").all().count
            }
            return added
        }
    }

    /// Messages about an action that waits for a coordinator wait with it.
    static let notWaiting =
        "(urgent_action_id IS NULL OR urgent_action_id NOT IN (SELECT urgent_action_id FROM action_attention))"

    public func claimOutbox(worker: String, limit: Int, lease: TimeInterval, now: Date) async throws -> [OutboxEntry] {
        let seconds = Int64(now.timeIntervalSince1970)
        // A read first: senders poll often, and an idle outbox should cost no write.
        let due = try await engine.read { database in
            try await database.raw(
                """
                SELECT id FROM outbox
                WHERE ((status = 'queued' AND next_attempt_at <= \(bind: seconds))
                    OR (status = 'sending' AND claimed_until <= \(bind: seconds)))
                    AND \(unsafeRaw: Self.notWaiting)
                LIMIT 1
                """
            ).first() != nil
        }
        guard due else { return [] }
        let lock = engine.kind == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await engine.transaction { database in
            let rows = try await database.raw(
                """
                UPDATE outbox SET
                    resends = resends + CASE WHEN status = 'sending' AND in_flight THEN 1 ELSE 0 END,
                    status = 'sending', in_flight = \(bind: false), claimed_by = \(bind: worker),
                    claimed_until = \(bind: seconds + Int64(lease)), attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM outbox
                    WHERE ((status = 'queued' AND next_attempt_at <= \(bind: seconds))
                        OR (status = 'sending' AND claimed_until <= \(bind: seconds)))
                        AND \(unsafeRaw: Self.notWaiting)
                    ORDER BY id LIMIT \(bind: limit)\(unsafeRaw: lock))
                RETURNING id, recipient_sealed, message_id, subject, body_text, body_html, headers, attempts, resends
                """
            ).all()
            return try rows.map { row in
                OutboxEntry(
                    id: try row.decode(column: "id", as: Int64.self),
                    recipientSealed: try row.decode(column: "recipient_sealed", as: String.self),
                    messageID: try row.decode(column: "message_id", as: String.self),
                    subject: try row.decode(column: "subject", as: String.self),
                    text: try row.decode(column: "body_text", as: String.self), html: try row.decode(column: "body_html", as: String?.self),
                    headers: try RowReader(table: "outbox", id: "claimed").json(try row.decode(column: "headers", as: String.self)),
                    attempts: try row.decode(column: "attempts", as: Int.self),
                    isResend: try row.decode(column: "resends", as: Int.self) > 0)
            }
            .sorted { $0.id < $1.id }
        }
    }

    public func markInFlight(_ id: Int64) async throws {
        try await engine.transaction { database in
            try await database.update("outbox").set("in_flight", to: true).where("id", .equal, id).run()
        }
    }

    public func markSent(_ id: Int64, nextInFlight next: Int64? = nil, now: Date) async throws {
        try await engine.transaction { database in
            try await database.update("outbox")
                .set("status", to: "sent").set("sent_at", to: Int64(now.timeIntervalSince1970)).set("in_flight", to: false)
                .set("claimed_by", to: SQLLiteral.null).set("claimed_until", to: SQLLiteral.null)
                .where("id", .equal, id).run()
            if let next {
                try await database.update("outbox").set("in_flight", to: true).where("id", .equal, next).run()
            }
        }
    }

    public func markUnsent(_ id: Int64, error: String, retryAt: Date?) async throws {
        try await engine.transaction { database in
            try await database.update("outbox")
                .set("status", to: retryAt == nil ? "failed" : "queued").set("in_flight", to: false)
                .set("next_attempt_at", to: Int64((retryAt ?? Date(timeIntervalSince1970: 0)).timeIntervalSince1970))
                .set("last_error", to: String(error.prefix(500)))
                .set("claimed_by", to: SQLLiteral.null).set("claimed_until", to: SQLLiteral.null)
                .where("id", .equal, id).where("status", .equal, "sending").run()
        }
    }

    public func recoverOutbox(worker: String) async throws -> Int {
        try await engine.transaction { database in
            try await database.raw(
                """
                UPDATE outbox SET status = 'queued', resends = resends + CASE WHEN in_flight THEN 1 ELSE 0 END,
                    in_flight = \(bind: false), claimed_by = NULL, claimed_until = NULL
                WHERE status = 'sending'
                    AND (claimed_by = \(bind: worker)
                        OR substr(claimed_by, 1, length(\(bind: worker + "#"))) = \(bind: worker + "#"))
                RETURNING id
                """
            ).all().count
        }
    }

    public func outboxStatus() async throws -> OutboxStatus {
        try await engine.read { database in
            var status = OutboxStatus()
            for row in try await database.raw("SELECT status, COUNT(*) AS n, SUM(resends) AS r FROM outbox GROUP BY status").all() {
                let count = try row.decode(column: "n", as: Int.self)
                status.resends += (try? row.decode(column: "r", as: Int?.self)) ?? 0
                switch try row.decode(column: "status", as: String.self) {
                case "queued": status.queued = count
                case "sending": status.sending = count
                case "sent": status.sent = count
                default: status.failed = count
                }
            }
            status.lastErrors = try await database.select().column("last_error").from("outbox")
                .where("last_error", .isNot, SQLLiteral.null).orderBy("id", .descending).limit(5).all()
                .map { try $0.decode(column: "last_error", as: String.self) }
            return status
        }
    }
}
