import Foundation
import OutcryCore
import SQLKit

/// A change a coordinator makes, with the audit entry that records it; both land in one transaction.
extension Store {
    /// Every action, drafts included, newest first: the coordinator area's list.
    public func allUrgentActions() async throws -> [UrgentAction] {
        try await engine.read { database in
            let rows = try await database.select().columns("*").from("urgent_actions")
                .orderBy("issued", .descending).orderBy("number")
                .all(decoding: UrgentActionRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            var actions: [UrgentAction] = []
            for row in rows { actions.append(try await Self.urgentAction(from: row, on: database)) }
            return actions
        }
    }

    public func allCases() async throws -> [Case] {
        try await cases(ids(of: "cases", orderedBy: "title"))
    }

    public func allTargets() async throws -> [Target] {
        try await targets(ids(of: "targets", orderedBy: "name"))
    }

    public func allPeople() async throws -> [Person] {
        try await people(ids(of: "people", orderedBy: "name"))
    }

    public func allOrganisations() async throws -> [Organisation] {
        try await organisations(ids(of: "organisations", orderedBy: "name"))
    }

    /// Every status change of every case, in the order they happened.
    public func allEvents() async throws -> [Event] {
        try await events { $0 }
    }

    public func event(_ id: Identifier<Event>) async throws -> Event? {
        try await events { $0.where("id", .equal, id.rawValue) }.first
    }

    public func allStatements() async throws -> [Statement] {
        try await statements(limit: 100_000)
    }

    private func ids<T>(of table: String, orderedBy column: String) async throws -> [Identifier<T>] {
        try await engine.read { database in
            try await database.select().column("id").from(table).orderBy(SQLIdentifier(column)).orderBy("id").all()
                .map { Identifier(try $0.decode(column: "id", as: String.self)) }
        }
    }

    /// Saves one action as it is (its case, people and targets must exist), and records who did what.
    public func save(_ action: UrgentAction, audit: AuditEntry) async throws {
        try await saveRecord(audit) { database in
            try await Self.write(action, updates: action.updates, on: database)
        }
    }

    public func save(_ item: Case, audit: AuditEntry) async throws {
        try await saveRecord(audit) { database in try await Self.write(item, on: database) }
    }

    public func save(_ target: Target, audit: AuditEntry) async throws {
        try await saveRecord(audit) { database in try await Self.write(target, on: database) }
    }

    public func save(_ person: Person, audit: AuditEntry) async throws {
        try await saveRecord(audit) { database in try await Self.write(person, on: database) }
    }

    public func save(_ organisation: Organisation, audit: AuditEntry) async throws {
        try await saveRecord(audit) { database in try await Self.write(organisation, on: database) }
    }

    public func save(_ statement: Statement, audit: AuditEntry) async throws {
        try await saveRecord(audit) { database in try await Self.write(statement, on: database) }
    }

    /// Saves a status change; a new one goes after every event recorded so far, an edited one keeps its place.
    public func save(_ event: Event, audit: AuditEntry) async throws {
        try await saveRecord(audit) { database in
            let existing = try await database.select().column("position").from("events").where("id", .equal, event.id.rawValue).first()
            let position: Int
            if let existing {
                position = try existing.decode(column: "position", as: Int.self)
            } else {
                position = try await database.select().column(SQLFunction("COALESCE", args: SQLFunction("MAX", args: SQLColumn("position")), SQLLiteral.numeric("-1")), as: "last")
                    .from("events").first()!.decode(column: "last", as: Int.self) + 1
            }
            try await Self.write(event, position: position, on: database)
        }
    }

    /// Whether a record with this id exists in `table`: forms use it to refuse a second record with the same key.
    public func exists(_ id: String, in table: StoredRecord) async throws -> Bool {
        try await engine.read { database in
            try await database.select().column("id").from(table.rawValue).where("id", .equal, id).first() != nil
        }
    }

    private func saveRecord(_ audit: AuditEntry, _ write: @escaping @Sendable (any SQLDatabase) async throws -> Void) async throws {
        try await engine.transaction { database in
            try await write(database)
            try await Self.bumpContentVersion(on: database)
            try await Self.append(audit, on: database)
        }
        noteLocalChange()
    }
}

/// The tables a form may check an id against.
public enum StoredRecord: String, Sendable {
    case urgentActions = "urgent_actions"
    case cases
    case targets
    case people
    case organisations
    case events
    case statements
}

// MARK: - Reviewing flagged reports

/// A report kept out of the totals until a coordinator decides on it.
public struct FlaggedReport: Hashable, Sendable, Identifiable {
    public let id: Int64
    public let reportedAt: Date
    public let target: Identifier<Target>?
    public let country: Country?
    public let counts: [Channel: Int]
    public let reason: String
}

extension Store {
    /// An action's flagged reports that nobody has decided on yet, oldest first.
    public func flaggedReports(of action: Identifier<UrgentAction>, limit: Int = 500) async throws -> [FlaggedReport] {
        try await engine.read { database in
            try await database.select().columns("*").from("action_reports")
                .where("urgent_action_id", .equal, action.rawValue).where("flagged", .equal, true)
                .where("review", .is, SQLLiteral.null)
                .orderBy("id").limit(limit)
                .all(decoding: StoredReportRow.self, keyDecodingStrategy: .convertFromSnakeCase)
                .map { row in
                    FlaggedReport(
                        id: row.id, reportedAt: Date(timeIntervalSince1970: TimeInterval(row.report.reportedAt) / 1000),
                        target: row.report.targetId.map { Identifier($0) }, country: row.report.reporterCountry.flatMap(Country.init(rawValue:)),
                        counts: row.report.counts, reason: row.report.flagReason ?? "")
                }
        }
    }

    /// Accepts a flagged report (it is counted from now on, in this transaction) or rejects it (kept, never
    /// counted). False when the report is not waiting for a decision, for instance because another
    /// coordinator decided first.
    public func review(report id: Int64, of action: Identifier<UrgentAction>, accept: Bool, actor: String, now: Date) async throws -> Bool {
        try await engine.transaction { database in
            guard let row = try await database.select().columns("*").from("action_reports")
                .where("id", .equal, id).where("urgent_action_id", .equal, action.rawValue)
                .where("flagged", .equal, true).where("review", .is, SQLLiteral.null)
                .first(decoding: StoredReportRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            else { return false }
            var report = row.report
            try await database.update("action_reports")
                .set("review", to: accept ? "accepted" : "rejected").set("reviewed_by", to: actor)
                .set("flagged", to: !accept)
                .where("id", .equal, id).run()
            if accept {
                report.flagged = false
                try await Self.addToTotals([report], on: database)
            }
            let total = report.counts.values.reduce(0, +)
            try await Self.append(
                AuditEntry(
                    at: now, actor: actor, action: accept ? "accepted report" : "rejected report", recordKind: "urgent action",
                    recordID: action.rawValue,
                    summary: "report \(id) (\(total) action\(total == 1 ? "" : "s"), flagged: \(report.flagReason ?? "")) \(accept ? "now counted" : "kept out of the totals")"),
                on: database)
            return true
        }
    }

    /// Actions reported and counted per day (UTC), oldest first, for the dashboard's chart.
    public func dailyActions(of action: Identifier<UrgentAction>) async throws -> [(day: Date, actions: Int)] {
        try await engine.read { database in
            try await database.raw("""
                SELECT reported_at / 86400000 AS day, SUM(letters + emails + faxes + calls + social + other) AS actions
                FROM action_reports WHERE urgent_action_id = \(bind: action.rawValue) AND flagged = \(bind: false)
                GROUP BY reported_at / 86400000 ORDER BY day
                """)
                .all()
                .map { row in
                    (Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "day", as: Int64.self)) * 86400),
                     Int(try row.decode(column: "actions", as: Int64.self)))
                }
        }
    }
}

/// A stored report with its row number.
private struct StoredReportRow: Decodable {
    let id: Int64
    let report: ActionReportRow

    init(from decoder: any Decoder) throws {
        id = try decoder.container(keyedBy: Key.self).decode(Int64.self, forKey: .id)
        report = try ActionReportRow(from: decoder)
    }

    private enum Key: String, CodingKey { case id }
}
