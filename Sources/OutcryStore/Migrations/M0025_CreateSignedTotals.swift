import SQLKit

/// Totals that can be checked: each action's daily record of its totals, chained by hash, and the
/// statements the site signed, kept under their short codes for the verification page.
struct M0025_CreateSignedTotals: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "daily_totals")
            .column("urgent_action_id", type: .text, .notNull, .references("urgent_actions", "id"))
            .column("day", type: .text, .notNull)
            .column("recorded_at", type: .bigint, .notNull)
            .column("numbers", type: .text, .notNull)
            .column("previous_hash", type: .text, .notNull)
            .column("hash", type: .text, .notNull)
            .primaryKey("urgent_action_id", "day")
            .run()
        try await database.create(table: "signed_statements")
            .column("code", type: .text, .primaryKey(autoIncrement: false))
            .column("urgent_action_id", type: .text, .notNull, .references("urgent_actions", "id"))
            .column("signed_text", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .run()
    }
}
