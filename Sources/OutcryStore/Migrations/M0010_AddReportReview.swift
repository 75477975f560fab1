import SQLKit

/// A coordinator's decision on a flagged report: accepted (counted from then on) or rejected (kept, never counted).
struct M0010_AddReportReview: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.alter(table: "action_reports").column("review", type: .text).run()
        try await database.alter(table: "action_reports").column("reviewed_by", type: .text).run()
    }
}
