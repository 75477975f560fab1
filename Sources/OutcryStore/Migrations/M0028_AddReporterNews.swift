import SQLKit

/// Telling reporters how it ended: the language a supporter reported in, and which actions each supporter
/// who left an address reported on.
struct M0028_AddReporterNews: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.alter(table: "supporter_contacts").column("language", type: .text).run()
        try await database.create(table: "supporter_contact_actions")
            .column("lookup", type: .text, .notNull, .references("supporter_contacts", "lookup", onDelete: .cascade))
            .column("urgent_action_id", type: .text, .notNull, .references("urgent_actions", "id"))
            .primaryKey("lookup", "urgent_action_id")
            .run()
    }
}
