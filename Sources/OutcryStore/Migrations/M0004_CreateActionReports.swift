import SQLKit

/// Supporters' reports of what they did, and the counters that totals are read from.
struct M0004_CreateActionReports: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "action_reports")
            // A row number: the cheapest key to insert under a spike (SQLite's rowid, a PostgreSQL identity).
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            // From the form the supporter was shown: a double click or a retry carries the same key.
            .column("idempotency_key", type: .text, .notNull, .unique)
            .column("urgent_action_id", type: .text, .notNull, .references("urgent_actions", "id"))
            .column("target_id", type: .text, .references("targets", "id"))
            .column("reporter_country", type: .text)
            .column("reported_at", type: .bigint, .notNull)
            .column("flagged", type: .custom(SQLRaw("BOOLEAN")), .notNull)
            // Why a report was kept out of the public totals ("over the daily cap", "honeypot filled").
            .column("flag_reason", type: .text)
            .column("letters", type: .int, .notNull)
            .column("emails", type: .int, .notNull)
            .column("faxes", type: .int, .notNull)
            .column("calls", type: .int, .notNull)
            .column("social", type: .int, .notNull)
            .column("other", type: .int, .notNull)
            .run()
        // One row per action × breakdown × key × channel, so a report adds to a handful of counters and
        // a page reads totals without counting reports. `dimension` is "all", "target" or "country".
        try await database.create(table: "action_totals")
            .column("urgent_action_id", type: .text, .notNull, .references("urgent_actions", "id"))
            .column("dimension", type: .text, .notNull)
            .column("key", type: .text, .notNull)
            .column("channel", type: .text, .notNull)
            .column("count", type: .bigint, .notNull)
            .primaryKey("urgent_action_id", "dimension", "key", "channel")
            .run()
    }
}
