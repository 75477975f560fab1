import SQLKit

/// Per-client daily counts for abuse caps, keyed by a salted hash that changes every day; the salts
/// themselves are deleted after two days, so yesterday's hashes cannot be linked to addresses.
struct M0006_CreateReportSafeguards: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "client_salts")
            .column("day", type: .text, .primaryKey(autoIncrement: false))
            .column("salt", type: .text, .notNull)
            .run()
        try await database.create(table: "client_activity")
            .column("day", type: .text, .notNull)
            .column("client_hash", type: .text, .notNull)
            .column("urgent_action_id", type: .text, .notNull)
            .column("reports", type: .int, .notNull)
            .column("actions", type: .int, .notNull)
            .primaryKey("day", "client_hash", "urgent_action_id")
            .run()
    }
}
