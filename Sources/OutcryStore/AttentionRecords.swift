import Foundation
import OutcryCore
import SQLKit

/// An open action whose case changed in a way that may change the call: until a coordinator updates,
/// closes or confirms it, it is listed on their home page and its alerts and share prompts wait.
public struct ActionAttention: Hashable, Sendable {
    public var action: Identifier<UrgentAction>
    /// The status change that raised it.
    public var event: Identifier<Event>
    public var kind: EventKind
    public var since: Date
}

/// What the public pages ask: whether an action waits for a coordinator.
public protocol AttentionRecords: Sendable {
    func attention(of action: Identifier<UrgentAction>) async throws -> ActionAttention?
}

extension Store: AttentionRecords {
    /// Every action waiting for a coordinator's look, the longest waiting first.
    public func actionsNeedingAttention() async throws -> [ActionAttention] {
        try await engine.read { database in
            try await database.select().columns("urgent_action_id", "event_id", "kind", "since").from("action_attention")
                .orderBy("since").orderBy("urgent_action_id").all().compactMap(Self.attention)
        }
    }

    public func attention(of action: Identifier<UrgentAction>) async throws -> ActionAttention? {
        try await engine.read { database in
            try await database.select().columns("urgent_action_id", "event_id", "kind", "since").from("action_attention")
                .where("urgent_action_id", .equal, action.rawValue).first().flatMap(Self.attention)
        }
    }

    /// A coordinator looked and keeps the action running as it is: its alerts and share prompts resume.
    /// False when it was not waiting.
    public func confirmAction(_ action: Identifier<UrgentAction>, audit: AuditEntry) async throws -> Bool {
        guard try await attention(of: action) != nil else { return false }
        try await saveRecord(audit) { database in
            try await database.delete(from: "action_attention").where("urgent_action_id", .equal, action.rawValue).run()
        }
        return true
    }

    /// Inside the transaction that records `event`: every published action of its case waits for a coordinator.
    static func raiseAttention(for event: Event, on database: any SQLDatabase, now: Date) async throws {
        guard event.kind.changesTheCall else { return }
        try await database.raw(
            """
            INSERT INTO action_attention (urgent_action_id, event_id, kind, since)
            SELECT id, \(bind: event.id.rawValue), \(bind: event.kind.rawValue), \(bind: Int64(now.timeIntervalSince1970))
            FROM urgent_actions WHERE case_id = \(bind: event.caseID.rawValue) AND status = 'published'
            ON CONFLICT (urgent_action_id) DO UPDATE SET event_id = excluded.event_id, kind = excluded.kind
            """
        ).run()
    }

    /// Inside the transaction that saves `action`: a coordinator changed it, so it no longer waits. Closed
    /// while its alerts waited, those alerts (a call to act on something over) are withdrawn, never sent.
    static func settleAttention(on action: UrgentAction, on database: any SQLDatabase) async throws {
        let settled = try await database.delete(from: "action_attention").where("urgent_action_id", .equal, action.id.rawValue)
            .returning("event_id").all()
        guard !settled.isEmpty, action.status == .closed else { return }
        try await database.update("outbox").set("status", to: "failed")
            .set("last_error", to: "withdrawn: the action was closed while its alerts waited for a coordinator")
            .where("urgent_action_id", .equal, action.id.rawValue).where("status", .equal, "queued").run()
    }

    private static func attention(_ row: any SQLRow) throws -> ActionAttention? {
        guard let kind = EventKind(rawValue: try row.decode(column: "kind", as: String.self)) else { return nil }
        return ActionAttention(
            action: Identifier(try row.decode(column: "urgent_action_id", as: String.self)),
            event: Identifier(try row.decode(column: "event_id", as: String.self)), kind: kind,
            since: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "since", as: Int64.self))))
    }
}
