import SQLKit

/// Partner systems' webhooks (the secret sealed with the data key), their deliveries as a durable queue,
/// and how many reports each action had when its last `reports.received` event was queued.
struct M0024_CreateWebhooks: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "webhooks")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("url", type: .text, .notNull)
            .column("events", type: .text, .notNull)
            .column("secret_sealed", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("created_by", type: .text, .notNull)
            .column("removed_at", type: .bigint)
            .run()
        try await database.create(table: "webhook_deliveries")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("webhook_id", type: .text, .notNull, .references("webhooks", "id", onDelete: .cascade))
            .column("delivery_id", type: .text, .notNull, .unique)
            .column("event", type: .text, .notNull)
            .column("payload", type: .text, .notNull)
            // queued → sending (claimed until `claimed_until`) → delivered, or back to queued, or failed.
            .column("status", type: .text, .notNull)
            .column("attempts", type: .int, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("next_attempt_at", type: .bigint, .notNull)
            .column("claimed_until", type: .bigint)
            .column("delivered_at", type: .bigint)
            .column("last_response", type: .text)
            .run()
        try await database.create(index: "webhook_deliveries_due").on("webhook_deliveries").column("status").column("next_attempt_at").run()
        try await database.create(index: "webhook_deliveries_by_hook").on("webhook_deliveries").column("webhook_id").column("id").run()
        try await database.create(table: "webhook_report_marks")
            .column(
                "urgent_action_id", type: .text, .primaryKey(autoIncrement: false), .references("urgent_actions", "id", onDelete: .cascade)
            )
            .column("reports", type: .bigint, .notNull)
            .run()
    }
}
