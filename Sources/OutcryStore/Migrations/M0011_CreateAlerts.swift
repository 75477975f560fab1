import SQLKit

/// Alert subscriptions (addresses sealed, found by keyed hash) and the outbox every e-mail goes through.
struct M0011_CreateAlerts: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "subscriptions")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("email_lookup", type: .text, .notNull, .unique)
            .column("email_sealed", type: .text, .notNull)
            .column("language", type: .text, .notNull)
            .column("filter", type: .text, .notNull)
            .column("frequency", type: .text, .notNull)
            .column("status", type: .text, .notNull)
            .column("consent_wording", type: .text, .notNull)
            .column("consent_at", type: .bigint, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("confirmed_at", type: .bigint)
            .run()
        try await database.create(table: "outbox")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            // What the message is for, so the same alert is never queued twice for one subscriber.
            .column("dedupe_key", type: .text, .notNull, .unique)
            .column("subscription_id", type: .text, .references("subscriptions", "id", onDelete: .cascade))
            .column("recipient_sealed", type: .text, .notNull)
            .column("message_id", type: .text, .notNull)
            .column("kind", type: .text, .notNull)
            .column("subject", type: .text, .notNull)
            .column("body_text", type: .text, .notNull)
            .column("body_html", type: .text)
            .column("headers", type: .text, .notNull)
            // queued → sending (claimed by one sender until `claimed_until`) → sent, or back to queued, or failed.
            .column("status", type: .text, .notNull)
            .column("attempts", type: .int, .notNull)
            // Set just before the message goes to the server: if the sender stops then, the server may have it.
            .column("in_flight", type: .custom(SQLRaw("BOOLEAN")), .notNull)
            // Times the message was sent again after a sender stopped while it was in flight: each may be a duplicate.
            .column("resends", type: .int, .notNull)
            .column("next_attempt_at", type: .bigint, .notNull)
            .column("claimed_by", type: .text)
            .column("claimed_until", type: .bigint)
            .column("sent_at", type: .bigint)
            .column("last_error", type: .text)
            .column("created_at", type: .bigint, .notNull)
            .run()
        // What subscribers were told about, and when: the weekly digest is made from these.
        try await database.create(table: "alert_occasions")
            .column("urgent_action_id", type: .text, .notNull, .references("urgent_actions", "id", onDelete: .cascade))
            .column("occasion", type: .text, .notNull)
            .column("at", type: .bigint, .notNull)
            .primaryKey("urgent_action_id", "occasion")
            .run()
        try await database.create(index: "outbox_due").on("outbox").column("status").column("next_attempt_at").run()
    }
}
