import SQLKit

/// When the situation changes: open actions a status change (a release, a transfer, a death in custody, a
/// family's request for silence) put in front of coordinators, and which action each queued alert is about,
/// so that an action's alerts wait while it does.
struct M0026_CreateActionAttention: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "action_attention")
            .column("urgent_action_id", type: .text, .primaryKey(autoIncrement: false), .references("urgent_actions", "id"))
            .column("event_id", type: .text, .notNull)
            .column("kind", type: .text, .notNull)
            .column("since", type: .bigint, .notNull)
            .run()
        try await database.alter(table: "outbox").column("urgent_action_id", type: .text).run()
    }
}
