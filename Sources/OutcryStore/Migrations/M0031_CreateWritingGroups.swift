import SQLKit

/// Groups that write together (school classes, local groups, events) and what they report, counted apart
/// from individual supporters' reports. A group's contact address is sealed as supporters' are.
struct M0031_CreateWritingGroups: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "writing_groups")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("name", type: .text, .notNull)
            .column("town", type: .text, .notNull)
            .column("country", type: .text)
            .column("kind", type: .text, .notNull)
            .column("size", type: .int, .notNull)
            .column("shows_name", type: .custom(SQLRaw("BOOLEAN")), .notNull)
            .column("status", type: .text, .notNull)
            // A coordinator checked the group (or made it): its size is believed and its name may be shown.
            .column("verified", type: .custom(SQLRaw("BOOLEAN")), .notNull)
            // A keyed digest of the organiser's address, and the address sealed: never in the clear.
            .column("email_lookup", type: .text)
            .column("email_sealed", type: .text)
            // The organiser agreed to hear how the actions the group reported on ended, in these words.
            .column("hears_outcome", type: .custom(SQLRaw("BOOLEAN")), .notNull)
            .column("consent_wording", type: .text)
            .column("language", type: .text, .notNull)
            // Moved on when a coordinator replaces the group's private link: the old one stops working.
            .column("link_version", type: .int, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("confirmed_at", type: .bigint)
            .run()
        try await database.create(table: "group_reports")
            .column("idempotency_key", type: .text, .primaryKey(autoIncrement: false))
            .column("group_id", type: .text, .notNull, .references("writing_groups", "id", onDelete: .cascade))
            .column("urgent_action_id", type: .text, .notNull, .references("urgent_actions", "id"))
            .column("target_id", type: .text)
            .column("from_day", type: .text, .notNull)
            .column("to_day", type: .text, .notNull)
            .column("letters", type: .int, .notNull)
            .column("cards", type: .int, .notNull)
            .column("signatures", type: .int, .notNull)
            .column("other", type: .int, .notNull)
            .column("reported_at", type: .bigint, .notNull)
            // counted, held (for a coordinator, with the reason) or rejected.
            .column("status", type: .text, .notNull)
            .column("hold_reason", type: .text)
            .column("reviewed_by", type: .text)
            .column("photo_type", type: .text)
            .column("photo", type: .blob)
            .run()
        try await database.create(index: "group_reports_by_action").on("group_reports").column("urgent_action_id").column("status")
            .run()
        try await database.create(index: "group_reports_by_group").on("group_reports").column("group_id").run()
    }
}
