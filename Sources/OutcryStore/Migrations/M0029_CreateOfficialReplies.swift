import SQLKit

/// The officials' side: what an official or their office answered, on which case, and where it leaves the call.
struct M0029_CreateOfficialReplies: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "official_replies")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("target_id", type: .text, .notNull, .references("targets", "id"))
            .column("case_id", type: .text, .notNull, .references("cases", "id"))
            .column("urgent_action_id", type: .text, .references("urgent_actions", "id"))
            .column("date", type: .text, .notNull)
            .column("signed_by", type: .text, .notNull)
            .column("channel", type: .text, .notNull)
            .column("summary", type: .text, .notNull)
            .column("full_text", type: .text)
            .column("position", type: .text, .notNull)
            .run()
    }
}
