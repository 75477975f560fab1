import SQLKit

/// A report may name several officials (one letter copied to each): the first stays in
/// `action_reports.target_id`, the others are listed here, so the common report of one official costs
/// nothing more to store.
struct M0018_CreateReportTargets: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "action_report_targets")
            .column("idempotency_key", type: .text, .notNull, .references("action_reports", "idempotency_key", onDelete: .cascade))
            .column("target_id", type: .text, .notNull, .references("targets", "id"))
            .position()
            .primaryKey("idempotency_key", "target_id")
            .run()
    }
}
