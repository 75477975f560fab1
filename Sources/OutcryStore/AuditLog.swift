import Foundation
import OutcryCore
import SQLKit

extension Store {
    /// Every change writes its entry with this, inside the change's own transaction.
    static func append(_ entry: AuditEntry, on database: any SQLDatabase) async throws {
        try await database.insert(into: "audit_log").columns("at", "actor", "action", "record_kind", "record_id", "summary")
            .values(
                SQLBind(Int64(entry.at.timeIntervalSince1970)), SQLBind(entry.actor), SQLBind(entry.action), SQLBind(entry.recordKind),
                SQLBind(entry.recordID), SQLBind(String(entry.summary.prefix(2000)))
            )
            .run()
    }

    public func record(_ entry: AuditEntry) async throws {
        try await engine.transaction { database in try await Self.append(entry, on: database) }
    }

    public func auditLog(limit: Int = 200, recordID: String? = nil) async throws -> [AuditEntry] {
        try await engine.read { database in
            var query = database.select().columns("at", "actor", "action", "record_kind", "record_id", "summary").from("audit_log")
            if let recordID { query = query.where("record_id", .equal, recordID) }
            return try await query.orderBy("id", .descending).limit(limit).all().map { row in
                AuditEntry(
                    at: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "at", as: Int64.self))),
                    actor: try row.decode(column: "actor", as: String.self), action: try row.decode(column: "action", as: String.self),
                    recordKind: try row.decode(column: "record_kind", as: String.self),
                    recordID: try row.decode(column: "record_id", as: String.self),
                    summary: try row.decode(column: "summary", as: String.self))
            }
        }
    }
}
