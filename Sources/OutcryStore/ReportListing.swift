import Foundation
import OutcryCore
import SQLKit

/// A counted report as partners may list it: what was done, toward whom, from which country, when; never
/// who (reports are anonymous, and an address left with one is not part of it).
public struct CountedReport: Sendable, Hashable {
    public let id: Int64
    public let counts: [Channel: Int]
    public let targets: [Identifier<Target>]
    public let country: Country?
    public let reportedAt: Date
}

extension Store {
    /// One page of an action's counted reports (those held for review only once accepted), oldest first, and
    /// how many there are.
    public func countedReports(
        of action: Identifier<UrgentAction>, offset: Int, limit: Int
    ) async throws -> (
        reports: [CountedReport], total: Int
    ) {
        try await engine.read { database in
            func counted(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
                query.from("action_reports").where("urgent_action_id", .equal, action.rawValue)
                    .where { $0.where("flagged", .equal, false).orWhere("review", .equal, "accepted") }
            }
            let total = try await counted(database.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count"))
                .first()!.decode(column: "count", as: Int.self)
            let rows = try await counted(
                database.select().columns(
                    "id", "idempotency_key", "target_id", "reporter_country", "reported_at", "letters", "emails", "faxes", "calls",
                    "social", "other")
            ).orderBy("id").limit(limit).offset(offset).all()
            let keys = try rows.map { try $0.decode(column: "idempotency_key", as: String.self) }
            var more: [String: [Identifier<Target>]] = [:]
            if !keys.isEmpty {
                for row in try await database.select().columns("idempotency_key", "target_id").from("action_report_targets")
                    .where("idempotency_key", .in, keys).orderBy("position").all()
                {
                    more[try row.decode(column: "idempotency_key", as: String.self), default: []].append(
                        Identifier(try row.decode(column: "target_id", as: String.self)))
                }
            }
            let reports = try rows.map { row in
                let key = try row.decode(column: "idempotency_key", as: String.self)
                var counts: [Channel: Int] = [:]
                for (channel, column) in [
                    (Channel.letter, "letters"), (.email, "emails"), (.fax, "faxes"), (.call, "calls"), (.social, "social"),
                    (.other, "other"),
                ] {
                    let count = try row.decode(column: column, as: Int.self)
                    if count > 0 { counts[channel] = count }
                }
                let first = try row.decode(column: "target_id", as: String?.self).map { Identifier<Target>($0) }
                return CountedReport(
                    id: try row.decode(column: "id", as: Int64.self), counts: counts,
                    targets: (first.map { [$0] } ?? []) + (more[key] ?? []).filter { $0 != first },
                    country: try row.decode(column: "reporter_country", as: String?.self).flatMap(Country.init(rawValue:)),
                    reportedAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "reported_at", as: Int64.self))))
            }
            return (reports, total)
        }
    }
}
