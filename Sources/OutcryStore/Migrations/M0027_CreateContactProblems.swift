import SQLKit

/// Contacts that decay: supporters' reports that an official's address bounced or number is wrong (one per
/// client, contact and day, under the day's client hash, never an address), and the contacts coordinators
/// then marked as not working.
struct M0027_CreateContactProblems: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "contact_problems")
            .column("target_id", type: .text, .notNull, .references("targets", "id"))
            .column("channel", type: .text, .notNull)
            .column("value", type: .text, .notNull)
            .column("day", type: .text, .notNull)
            .column("client_hash", type: .text, .notNull)
            .column("reported_at", type: .bigint, .notNull)
            .primaryKey("target_id", "channel", "value", "day", "client_hash")
            .run()
        try await database.create(table: "dead_contacts")
            .column("target_id", type: .text, .notNull, .references("targets", "id"))
            .column("channel", type: .text, .notNull)
            .column("value", type: .text, .notNull)
            .column("decided_at", type: .bigint, .notNull)
            .column("decided_by", type: .text, .notNull)
            .primaryKey("target_id", "channel", "value")
            .run()
    }
}
