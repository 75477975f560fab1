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
