import SQLKit

/// What makes an action page a campaign: a goal for the number of people who act, and portraits of the
/// people at risk, stored cleaned in the database itself so that every instance serves the same ones.
struct M0017_AddCampaignPage: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.alter(table: "urgent_actions").column("goal", type: .bigint).run()
        try await database.create(table: "images")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("media_type", type: .text, .notNull)
            .column("data", type: .blob, .notNull)
            .column("width", type: .bigint, .notNull)
            .column("height", type: .bigint, .notNull)
            // Who confirmed that the person shown (or their family) agreed to its publication, and when.
            .column("consent_recorded_by", type: .text, .notNull)
            .column("created", type: .text, .notNull)
            .run()
        try await database.alter(table: "people").column("portrait_image_id", type: .text).run()
        try await database.alter(table: "people").column("portrait_alt", type: .text).run()
    }
}
