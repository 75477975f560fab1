import SQLKit

/// Campaigns of several actions, with their own page, combined totals and goal.
struct M0030_CreateCampaigns: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "campaigns")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("title", type: .text, .notNull)
            .column("summary", type: .text, .notNull)
            .column("goal", type: .int)
            .run()
        try await database.create(table: "campaign_actions")
            .column("campaign_id", type: .text, .notNull, .references("campaigns", "id", onDelete: .cascade))
            .column("urgent_action_id", type: .text, .notNull, .references("urgent_actions", "id"))
            .column("position", type: .int, .notNull)
            .primaryKey("campaign_id", "urgent_action_id")
            .run()
    }
}
