import Foundation
import OutcryCore
import SQLKit

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

    public init(
        dedupeKey: String, subscription: Identifier<Subscription>?, recipientSealed: String, messageID: String, kind: String,
        subject: String, text: String, html: String?, headers: [String: String]
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

/// A subscription as stored: the address sealed.
struct SubscriptionRow: Codable, Sendable {
    var id: String
    var emailLookup: String
    var emailSealed: String
    var language: String
    var filter: String
    var frequency: String
    var status: String
    var consentWording: String
    var consentAt: Int64
    var createdAt: Int64
    var confirmedAt: Int64?
}

/// A subscription with its address still sealed: what the store hands out.
public struct StoredSubscription: Sendable {
    public let id: Identifier<Subscription>
    public let emailSealed: String
    public let language: String
    public let filter: AlertFilter
    public let frequency: AlertFrequency
    public let status: Subscription.Status
    public let consent: Consent
    public let createdAt: Date
    public let confirmedAt: Date?

    init(_ row: SubscriptionRow) throws {
        let reader = RowReader(table: "subscriptions", id: row.id)
        id = Identifier(row.id)
        emailSealed = row.emailSealed
        language = row.language
        filter = try reader.json(row.filter)
        frequency = try reader.value(row.frequency)
        status = try reader.value(row.status)
        consent = Consent(wording: row.consentWording, givenAt: Date(timeIntervalSince1970: TimeInterval(row.consentAt)))
        createdAt = Date(timeIntervalSince1970: TimeInterval(row.createdAt))
        confirmedAt = row.confirmedAt.map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }
}

extension Store {
    /// Records a request to subscribe. A new address is kept pending until confirmed; an address already
    /// there keeps its state (so the form tells nobody whether an address is subscribed) and gets its new choices
    /// only once confirmed again. Returns the subscription as stored.
    public func subscribe(
        lookup: String, sealed: String, language: String, filter: AlertFilter, frequency: AlertFrequency, consent: Consent, now: Date
    ) async throws -> StoredSubscription {
        let row = SubscriptionRow(
            id: randomToken(bytes: 12), emailLookup: lookup, emailSealed: sealed, language: language, filter: try jsonText(filter),
            frequency: frequency.rawValue, status: Subscription.Status.pending.rawValue, consentWording: consent.wording,
            consentAt: Int64(consent.givenAt.timeIntervalSince1970), createdAt: Int64(now.timeIntervalSince1970), confirmedAt: nil)
        return try await engine.transaction { database in
            try await database.insert(into: "subscriptions")
                .model(row, keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil)
                .ignoringConflicts(with: "email_lookup")
                .run()
            return try StoredSubscription(
                try await database.select().columns("*").from("subscriptions").where("email_lookup", .equal, lookup)
                    .first(decoding: SubscriptionRow.self, keyDecodingStrategy: .convertFromSnakeCase)!)
        }
    }

    public func subscription(_ id: Identifier<Subscription>) async throws -> StoredSubscription? {
        try await subscription(where: "id", is: id.rawValue)
    }

    public func subscription(lookup: String) async throws -> StoredSubscription? {
        try await subscription(where: "email_lookup", is: lookup)
    }

    private func subscription(where column: String, is value: String) async throws -> StoredSubscription? {
        try await engine.read { database in
            try await database.select().columns("*").from("subscriptions").where(SQLIdentifier(column), .equal, SQLBind(value))
                .first(decoding: SubscriptionRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        }.map(StoredSubscription.init)
    }

    /// Confirms a subscription (the link in the confirmation message was followed); false if it is gone.
    public func confirm(_ id: Identifier<Subscription>, now: Date) async throws -> Bool {
        try await engine.transaction { database in
            let found = try await database.select().column("status").from("subscriptions").where("id", .equal, id.rawValue).first()
            guard found != nil else { return false }
            try await database.update("subscriptions")
                .set("status", to: Subscription.Status.confirmed.rawValue).set("confirmed_at", to: Int64(now.timeIntervalSince1970))
                .where("id", .equal, id.rawValue).where("status", .equal, Subscription.Status.pending.rawValue)
                .run()
            return true
        }
    }

    public func updatePreferences(
        _ id: Identifier<Subscription>, language: String, filter: AlertFilter, frequency: AlertFrequency
    ) async throws {
        try await engine.transaction { database in
            try await database.update("subscriptions")
                .set("language", to: language).set("filter", to: try jsonText(filter)).set("frequency", to: frequency.rawValue)
                .where("id", .equal, id.rawValue).run()
        }
    }

    /// Removes the subscription, the messages still waiting for it and any address kept from a report
    /// under the same lookup: after this nothing about the address is held.
    public func erase(_ id: Identifier<Subscription>) async throws {
        try await engine.transaction { database in
            guard let lookup = try await database.select().column("email_lookup").from("subscriptions").where("id", .equal, id.rawValue)
                .first()?.decode(column: "email_lookup", as: String.self)
            else { return }
            try await database.delete(from: "outbox").where("subscription_id", .equal, id.rawValue).run()
            try await database.delete(from: "subscriptions").where("id", .equal, id.rawValue).run()
            try await database.delete(from: "supporter_contacts").where("lookup", .equal, lookup).run()
        }
    }

    /// Confirmed subscribers of `frequency` whose filter matches an action about `item`.
    public func subscribers(for item: Case, frequency: AlertFrequency) async throws -> [StoredSubscription] {
        try await subscribers(frequency: frequency).filter { $0.filter.matches(item) }
    }

    /// Every confirmed subscriber of `frequency`.
    public func subscribers(frequency: AlertFrequency) async throws -> [StoredSubscription] {
        try await engine.read { database in
            try await database.select().columns("*").from("subscriptions")
                .where("status", .equal, Subscription.Status.confirmed.rawValue).where("frequency", .equal, frequency.rawValue)
                .orderBy("created_at").orderBy("id")
                .all(decoding: SubscriptionRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        }.map(StoredSubscription.init)
    }
}

// MARK: - Occasions, history and export

extension Store {
    /// Notes that subscribers are being told about an action (the weekly digest lists these).
    public func recordOccasion(_ occasion: AlertOccasion, of action: Identifier<UrgentAction>, now: Date) async throws {
        try await engine.transaction { database in
            try await database.insert(into: "alert_occasions").columns("urgent_action_id", "occasion", "at")
                .values(SQLBind(action.rawValue), SQLBind(occasion.rawValue), SQLBind(Int64(now.timeIntervalSince1970)))
                .onConflict(with: ["urgent_action_id", "occasion"]) { $0.set(excludedValueOf: "at") }
                .run()
        }
    }

    /// Occasions since `date`, oldest first.
    public func occasions(since date: Date) async throws -> [(action: Identifier<UrgentAction>, occasion: AlertOccasion, at: Date)] {
        try await engine.read { database in
            try await database.select().columns("urgent_action_id", "occasion", "at").from("alert_occasions")
                .where("at", .greaterThanOrEqual, Int64(date.timeIntervalSince1970)).orderBy("at").orderBy("urgent_action_id").all()
                .compactMap { row in
                    guard let occasion = AlertOccasion(rawValue: try row.decode(column: "occasion", as: String.self)) else { return nil }
                    return (Identifier(try row.decode(column: "urgent_action_id", as: String.self)), occasion,
                            Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "at", as: Int64.self))))
                }
        }
    }

    /// The messages sent or waiting for a subscription: what a supporter's export lists.
    public func messages(for id: Identifier<Subscription>) async throws -> [(subject: String, status: String, createdAt: Date, sentAt: Date?)] {
        try await engine.read { database in
            try await database.select().columns("subject", "status", "created_at", "sent_at").from("outbox")
                .where("subscription_id", .equal, id.rawValue).orderBy("id").all()
                .map { row in
                    (try row.decode(column: "subject", as: String.self), try row.decode(column: "status", as: String.self),
                     Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "created_at", as: Int64.self))),
                     try row.decode(column: "sent_at", as: Int64?.self).map { Date(timeIntervalSince1970: TimeInterval($0)) })
                }
        }
    }

    /// An address kept from the report form, if one with this lookup is: its consent and where it came from.
    public func reportContact(lookup: String) async throws -> (consent: Consent, source: String)? {
        try await engine.read { database in
            guard let row = try await database.select().columns("consent_wording", "consent_at", "source").from("supporter_contacts")
                .where("lookup", .equal, lookup).first()
            else { return nil }
            return (
                Consent(
                    wording: try row.decode(column: "consent_wording", as: String.self),
                    givenAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "consent_at", as: Int64.self)))),
                try row.decode(column: "source", as: String.self))
        }
    }
}

// MARK: - The outbox

extension Store {
    /// Queues messages in one transaction; one already queued for the same purpose is left as it is.
    /// Returns how many were new.
    @discardableResult
    public func queue(_ drafts: [OutboxDraft], now: Date) async throws -> Int {
        guard !drafts.isEmpty else { return 0 }
        return try await engine.transaction { database in
            var added = 0
            for chunk in stride(from: 0, to: drafts.count, by: 200).map({ drafts[$0..<min($0 + 200, drafts.count)] }) {
                let insert = database.insert(into: "outbox").columns(
                    "dedupe_key", "subscription_id", "recipient_sealed", "message_id", "kind", "subject", "body_text", "body_html",
                    "headers", "status", "attempts", "in_flight", "resends", "next_attempt_at", "created_at")
                for draft in chunk {
                    insert.values(
                        SQLBind(draft.dedupeKey), SQLBind(draft.subscription?.rawValue), SQLBind(draft.recipientSealed), SQLBind(draft.messageID),
                        SQLBind(draft.kind), SQLBind(draft.subject), SQLBind(draft.text), SQLBind(draft.html), SQLBind(try jsonText(draft.headers)),
                        SQLBind("queued"), SQLBind(0), SQLBind(false), SQLBind(0), SQLBind(Int64(now.timeIntervalSince1970)),
                        SQLBind(Int64(now.timeIntervalSince1970)))
                }
                added += try await insert.ignoringConflicts(with: "dedupe_key").returning("id").all().count
            }
            return added
        }
    }

    /// Claims up to `limit` due messages for `worker` until `now + lease`: queued ones whose time has come,
    /// and ones another sender claimed and did not finish before its claim ran out (a resend if it was in flight).
    /// On PostgreSQL, rows another instance is claiming at the same moment are skipped, never shared.
    public func claimOutbox(worker: String, limit: Int, lease: TimeInterval, now: Date) async throws -> [OutboxEntry] {
        let seconds = Int64(now.timeIntervalSince1970)
        // A read first: senders poll often, and an idle outbox should cost no write.
        let due = try await engine.read { database in
            try await database.raw("""
                SELECT id FROM outbox
                WHERE (status = 'queued' AND next_attempt_at <= \(bind: seconds)) OR (status = 'sending' AND claimed_until <= \(bind: seconds))
                LIMIT 1
                """).first() != nil
        }
        guard due else { return [] }
        let lock = engine.kind == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await engine.transaction { database in
            let rows = try await database.raw("""
                UPDATE outbox SET
                    resends = resends + CASE WHEN status = 'sending' AND in_flight THEN 1 ELSE 0 END,
                    status = 'sending', in_flight = \(bind: false), claimed_by = \(bind: worker), claimed_until = \(bind: seconds + Int64(lease)),
                    attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM outbox
                    WHERE (status = 'queued' AND next_attempt_at <= \(bind: seconds)) OR (status = 'sending' AND claimed_until <= \(bind: seconds))
                    ORDER BY id LIMIT \(bind: limit)\(unsafeRaw: lock))
                RETURNING id, recipient_sealed, message_id, subject, body_text, body_html, headers, attempts, resends
                """).all()
            return try rows.map { row in
                OutboxEntry(
                    id: try row.decode(column: "id", as: Int64.self), recipientSealed: try row.decode(column: "recipient_sealed", as: String.self),
                    messageID: try row.decode(column: "message_id", as: String.self), subject: try row.decode(column: "subject", as: String.self),
                    text: try row.decode(column: "body_text", as: String.self), html: try row.decode(column: "body_html", as: String?.self),
                    headers: try RowReader(table: "outbox", id: "claimed").json(try row.decode(column: "headers", as: String.self)),
                    attempts: try row.decode(column: "attempts", as: Int.self), isResend: try row.decode(column: "resends", as: Int.self) > 0)
            }
            .sorted { $0.id < $1.id }
        }
    }

    /// The message is about to go to the server: from now until `markSent`, a stop may leave a copy there.
    public func markInFlight(_ id: Int64) async throws {
        try await engine.transaction { database in
            try await database.update("outbox").set("in_flight", to: true).where("id", .equal, id).run()
        }
    }

    /// The server took the message: it is never sent again. The next message about to go, if any, is
    /// marked in flight in the same transaction: one commit per message.
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

    /// Sending did not work: try again at `retryAt`, or give up (nil) with the reason kept for coordinators.
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

    /// Puts back the messages `worker` claimed and did not finish; the one it had in flight counts as a resend.
    public func recoverOutbox(worker: String) async throws -> Int {
        try await engine.transaction { database in
            try await database.raw("""
                UPDATE outbox SET status = 'queued', resends = resends + CASE WHEN in_flight THEN 1 ELSE 0 END,
                    in_flight = \(bind: false), claimed_by = NULL, claimed_until = NULL
                WHERE status = 'sending' AND claimed_by = \(bind: worker)
                RETURNING id
                """).all().count
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
