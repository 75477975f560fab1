import Foundation
import OutcryCore
import SQLKit

/// Partners' webhooks and their deliveries: events are queued in the same transaction as the change they
/// tell of, so none is lost; a sender claims due deliveries for a while, and one it did not finish goes
/// again (with the same delivery id, which receivers use to drop a repeat).
extension Store {
    /// Registers a hook; `secretSealed` is its signing secret sealed with the data key.
    public func createWebhook(
        url: String, events: Set<Webhook.Event>, secretSealed: String, actor: String, now: Date
    ) async throws -> Webhook {
        guard Webhook.isAcceptable(url: url) else { throw StoreError.invalid("a webhook needs an http or https address") }
        guard !events.isEmpty else { throw StoreError.invalid("a webhook needs at least one event") }
        let hook = Webhook(id: Identifier(randomToken(bytes: 9)), url: url, events: events, createdAt: now, createdBy: actor)
        try await engine.transaction { database in
            try await database.insert(into: "webhooks")
                .columns("id", "url", "events", "secret_sealed", "created_at", "created_by")
                .values(
                    SQLBind(hook.id.rawValue), SQLBind(url), SQLBind(Self.eventList(events)), SQLBind(secretSealed),
                    SQLBind(Int64(now.timeIntervalSince1970)), SQLBind(actor)
                )
                .run()
            try await Self.append(
                AuditEntry(
                    at: now, actor: actor, action: "webhook registered", recordKind: "webhook", recordID: hook.id.rawValue,
                    summary: "\(url): \(Self.eventList(events))"),
                on: database)
        }
        return hook
    }

    /// The hooks in use, oldest first.
    public func webhooks() async throws -> [Webhook] {
        try await engine.read { database in
            try await database.select().columns("id", "url", "events", "created_at", "created_by").from("webhooks")
                .where("removed_at", .is, SQLLiteral.null).orderBy("created_at").all().map(Self.webhook)
        }
    }

    /// Stops a hook: nothing more is queued for it, and what waited is given up. False when there is no such hook.
    public func removeWebhook(_ id: Identifier<Webhook>, actor: String, now: Date) async throws -> Bool {
        try await engine.transaction { database in
            let removed = try await database.update("webhooks").set("removed_at", to: Int64(now.timeIntervalSince1970))
                .where("id", .equal, id.rawValue).where("removed_at", .is, SQLLiteral.null).returning("url").all()
            guard let url = try removed.first?.decode(column: "url", as: String.self) else { return false }
            try await database.update("webhook_deliveries").set("status", to: "failed").set("last_response", to: "hook removed")
                .where("webhook_id", .equal, id.rawValue).where("status", .in, ["queued", "sending"]).run()
            try await Self.append(
                AuditEntry(at: now, actor: actor, action: "webhook removed", recordKind: "webhook", recordID: id.rawValue, summary: url),
                on: database)
            return true
        }
    }

    /// A hook's latest deliveries, newest first.
    public func webhookDeliveries(of id: Identifier<Webhook>, limit: Int = 50) async throws -> [WebhookDelivery] {
        try await engine.read { database in
            try await database.select().columns("*").from("webhook_deliveries").where("webhook_id", .equal, id.rawValue)
                .orderBy("id", .descending).limit(limit).all().map(Self.delivery)
        }
    }

    /// Queues `event` for every hook that listens to it, inside the transaction of the change it tells of.
    static func queueWebhookEvent(_ event: Webhook.Event, data: [String: Any], on database: any SQLDatabase, now: Date) async throws {
        let eventID = UUID().uuidString.lowercased()
        let payload: [String: Any] = [
            "id": eventID, "event": event.rawValue, "occurred_at": ISO8601DateFormatter().string(from: now), "data": data,
        ]
        let json = String(
            decoding: try JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
        let seconds = Int64(now.timeIntervalSince1970)
        try await database.raw(
            """
            INSERT INTO webhook_deliveries (webhook_id, delivery_id, event, payload, status, attempts, created_at, next_attempt_at)
            SELECT id, id || '-' || CAST(\(bind: eventID) AS TEXT), CAST(\(bind: event.rawValue) AS TEXT), CAST(\(bind: json) AS TEXT),
                'queued', 0, CAST(\(bind: seconds) AS BIGINT), CAST(\(bind: seconds) AS BIGINT)
            FROM webhooks WHERE removed_at IS NULL AND (',' || events || ',') LIKE \(bind: "%," + event.rawValue + ",%")
            """
        ).run()
    }

    /// For every public action whose reports changed since its last check, one `reports.received` event with
    /// how many arrived; an action seen for the first time only sets its mark. Instances checking at the same
    /// moment queue each event once: only the one that moves the mark queues it. Returns how many were queued.
    @discardableResult
    public func queueReportWebhooks(now: Date) async throws -> Int {
        guard try await webhooks().contains(where: { $0.events.contains(.reportsReceived) }) else { return 0 }
        let actions = try await publicUrgentActions()
        let totals = try await totals(of: actions.map(\.id))
        let marks: [String: Int64] = try await engine.read { database in
            Dictionary(
                try await database.select().columns("urgent_action_id", "reports").from("webhook_report_marks").all().map {
                    (try $0.decode(column: "urgent_action_id", as: String.self), try $0.decode(column: "reports", as: Int64.self))
                }, uniquingKeysWith: { first, _ in first })
        }
        var queued = 0
        for action in actions {
            let reports = Int64(totals[action.id]?.reports ?? 0)
            let mark = marks[action.id.rawValue]
            guard mark != reports else { continue }
            queued += try await engine.transaction { database in
                guard let mark else {
                    try await database.insert(into: "webhook_report_marks").columns("urgent_action_id", "reports")
                        .values(SQLBind(action.id.rawValue), SQLBind(reports)).ignoringConflicts(with: "urgent_action_id").run()
                    return 0
                }
                let moved = try await database.update("webhook_report_marks").set("reports", to: reports)
                    .where("urgent_action_id", .equal, action.id.rawValue).where("reports", .equal, mark).returning("urgent_action_id")
                    .all()
                guard !moved.isEmpty, reports > mark else { return 0 }
                try await Self.queueWebhookEvent(
                    .reportsReceived,
                    data: [
                        "action_id": action.id.rawValue, "reports": reports, "new_reports": reports - mark,
                        "href": "/api/v1/actions/\(action.id.rawValue)/totals",
                    ], on: database, now: now)
                return 1
            }
        }
        return queued
    }

    /// Claims up to `limit` due deliveries until `now + lease`, with each one's hook address and sealed secret.
    /// On PostgreSQL, rows another instance is claiming at the same moment are skipped, never shared.
    public func claimWebhookDeliveries(
        limit: Int, lease: TimeInterval, now: Date
    ) async throws -> [(delivery: WebhookDelivery, url: String, secretSealed: String)] {
        let seconds = Int64(now.timeIntervalSince1970)
        let idle = try await engine.read { database in
            try await database.raw(
                """
                SELECT id FROM webhook_deliveries
                WHERE (status = 'queued' AND next_attempt_at <= \(bind: seconds)) OR (status = 'sending' AND claimed_until <= \(bind: seconds))
                LIMIT 1
                """
            ).first() == nil
        }
        guard !idle else { return [] }
        let lock = engine.kind == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await engine.transaction { database in
            let claimed = try await database.raw(
                """
                UPDATE webhook_deliveries SET status = 'sending', claimed_until = \(bind: seconds + Int64(lease)), attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM webhook_deliveries
                    WHERE (status = 'queued' AND next_attempt_at <= \(bind: seconds)) OR (status = 'sending' AND claimed_until <= \(bind: seconds))
                    ORDER BY id LIMIT \(bind: limit)\(unsafeRaw: lock))
                RETURNING *
                """
            ).all().map(Self.delivery)
            let hooks = Set(claimed.map(\.webhook.rawValue))
            guard !hooks.isEmpty else { return [] }
            let rows = try await database.select().columns("id", "url", "secret_sealed").from("webhooks")
                .where("id", .in, Array(hooks)).all()
            var addresses: [String: (String, String)] = [:]
            for row in rows {
                addresses[try row.decode(column: "id", as: String.self)] = (
                    try row.decode(column: "url", as: String.self), try row.decode(column: "secret_sealed", as: String.self)
                )
            }
            return claimed.sorted { $0.id < $1.id }.compactMap { delivery in
                addresses[delivery.webhook.rawValue].map { (delivery, $0.0, $0.1) }
            }
        }
    }

    /// The receiver answered 2xx: the delivery is done.
    public func markWebhookDelivered(_ id: Int64, response: String, now: Date) async throws {
        try await engine.transaction { database in
            try await database.update("webhook_deliveries").set("status", to: "delivered")
                .set("delivered_at", to: Int64(now.timeIntervalSince1970)).set("last_response", to: String(response.prefix(200)))
                .set("claimed_until", to: SQLLiteral.null).where("id", .equal, id).where("status", .equal, "sending").run()
        }
    }

    /// It did not work: try again at `retryAt`, or give up (nil); `response` says what happened.
    public func markWebhookUndelivered(_ id: Int64, response: String, retryAt: Date?) async throws {
        try await engine.transaction { database in
            try await database.update("webhook_deliveries").set("status", to: retryAt == nil ? "failed" : "queued")
                .set("next_attempt_at", to: Int64((retryAt ?? Date(timeIntervalSince1970: 0)).timeIntervalSince1970))
                .set("last_response", to: String(response.prefix(200))).set("claimed_until", to: SQLLiteral.null)
                .where("id", .equal, id).where("status", .equal, "sending").run()
        }
    }

    private static func eventList(_ events: Set<Webhook.Event>) -> String { events.sorted().map(\.rawValue).joined(separator: ",") }

    private static func webhook(_ row: any SQLRow) throws -> Webhook {
        Webhook(
            id: Identifier(try row.decode(column: "id", as: String.self)), url: try row.decode(column: "url", as: String.self),
            events: Set(
                try row.decode(column: "events", as: String.self).split(separator: ",").compactMap { Webhook.Event(rawValue: String($0)) }),
            createdAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "created_at", as: Int64.self))),
            createdBy: try row.decode(column: "created_by", as: String.self))
    }

    private static func delivery(_ row: any SQLRow) throws -> WebhookDelivery {
        func date(_ column: String) throws -> Date? {
            try row.decode(column: column, as: Int64?.self).map { Date(timeIntervalSince1970: TimeInterval($0)) }
        }
        return WebhookDelivery(
            id: try row.decode(column: "id", as: Int64.self), webhook: Identifier(try row.decode(column: "webhook_id", as: String.self)),
            deliveryID: try row.decode(column: "delivery_id", as: String.self),
            event: Webhook.Event(rawValue: try row.decode(column: "event", as: String.self)) ?? .actionUpdated,
            payload: try row.decode(column: "payload", as: String.self),
            status: WebhookDelivery.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .failed,
            attempts: try row.decode(column: "attempts", as: Int.self), createdAt: try date("created_at")!,
            nextAttemptAt: try date("next_attempt_at")!, deliveredAt: try date("delivered_at"),
            lastResponse: try row.decode(column: "last_response", as: String?.self))
    }
}
