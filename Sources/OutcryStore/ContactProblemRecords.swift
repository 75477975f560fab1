import Foundation
import OutcryCore
import SQLKit

/// What supporters reported about one contact of an official that nobody has decided on yet.
public struct ContactProblem: Hashable, Sendable {
    public var target: Identifier<Target>
    public var contact: DeadContact
    /// Reports, each from another client or another day.
    public var reports: Int
    public var lastReportedAt: Date
}

/// What a coordinator decided about a reported contact.
public enum ContactDecision: String, Sendable {
    /// It does not work: supporters are no longer offered it.
    case dead
    /// It works: the reports are set aside.
    case works
}

extension Store {
    /// The most one client may report in a day, over every official: enough for a supporter who tried them all.
    public static let contactProblemsPerClientPerDay = 20

    /// Records that a supporter found `contact` not working; false when this client has reported too much
    /// today. The same client on the same contact on the same day counts once.
    public func reportContactProblem(
        _ contact: DeadContact, of target: Identifier<Target>, clientHash: String, now: Date
    ) async throws -> Bool {
        let day = TotalsStatement.day(of: now)
        return try await engine.transaction { database in
            let today =
                try await database.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "reports")
                .from("contact_problems").where("client_hash", .equal, clientHash).where("day", .equal, day).first()?
                .decode(column: "reports", as: Int.self) ?? 0
            guard today < Self.contactProblemsPerClientPerDay else { return false }
            try await database.insert(into: "contact_problems")
                .columns("target_id", "channel", "value", "day", "client_hash", "reported_at")
                .values(
                    SQLBind(target.rawValue), SQLBind(contact.channel.rawValue), SQLBind(contact.value), SQLBind(day), SQLBind(clientHash),
                    SQLBind(Int64(now.timeIntervalSince1970))
                )
                .ignoringConflicts().run()
            return true
        }
    }

    /// Contacts supporters reported and nobody decided on, the most reported first.
    public func openContactProblems() async throws -> [ContactProblem] {
        try await engine.read { database in
            try await database.raw(
                """
                SELECT target_id, channel, value, COUNT(*) AS reports, MAX(reported_at) AS last_reported_at
                FROM contact_problems GROUP BY target_id, channel, value
                ORDER BY COUNT(*) DESC, MAX(reported_at) DESC, target_id, channel, value
                """
            ).all().compactMap { row in
                guard let channel = ContactChannel(rawValue: try row.decode(column: "channel", as: String.self)) else { return nil }
                return ContactProblem(
                    target: Identifier(try row.decode(column: "target_id", as: String.self)),
                    contact: DeadContact(channel: channel, value: try row.decode(column: "value", as: String.self)),
                    reports: try row.decode(column: "reports", as: Int.self),
                    lastReportedAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "last_reported_at", as: Int64.self))))
            }
        }
    }

    /// A coordinator's decision on a reported contact: the reports are settled, the official counts as
    /// checked today, and a dead contact is no longer offered. False when nothing was waiting.
    public func decideContactProblem(
        _ contact: DeadContact, of target: Identifier<Target>, _ decision: ContactDecision, audit: AuditEntry
    ) async throws -> Bool {
        let waiting = try await engine.read { database in
            try await database.select().column("target_id").from("contact_problems").where("target_id", .equal, target.rawValue)
                .where("channel", .equal, contact.channel.rawValue).where("value", .equal, contact.value).limit(1).first() != nil
        }
        guard waiting else { return false }
        try await saveRecord(audit) { database in
            try await database.delete(from: "contact_problems").where("target_id", .equal, target.rawValue)
                .where("channel", .equal, contact.channel.rawValue).where("value", .equal, contact.value).run()
            if decision == .dead {
                try await database.insert(into: "dead_contacts").columns("target_id", "channel", "value", "decided_at", "decided_by")
                    .values(
                        SQLBind(target.rawValue), SQLBind(contact.channel.rawValue), SQLBind(contact.value),
                        SQLBind(Int64(audit.at.timeIntervalSince1970)), SQLBind(audit.actor)
                    )
                    .ignoringConflicts().run()
            }
            try await database.update("targets").set("last_verified", to: HistoricalDate(day: audit.at).iso)
                .where("id", .equal, target.rawValue).run()
        }
        return true
    }

    /// The contacts of these officials marked as not working.
    public func deadContacts(of targets: [Identifier<Target>]) async throws -> [Identifier<Target>: [DeadContact]] {
        guard !targets.isEmpty else { return [:] }
        return try await engine.read { database in
            try await database.select().columns("target_id", "channel", "value").from("dead_contacts")
                .where("target_id", .in, targets.map(\.rawValue)).all()
        }.reduce(into: [:]) { found, row in
            guard let channel = ContactChannel(rawValue: try row.decode(column: "channel", as: String.self)) else { return }
            found[Identifier(try row.decode(column: "target_id", as: String.self)), default: []]
                .append(DeadContact(channel: channel, value: try row.decode(column: "value", as: String.self)))
        }
    }

    public func liveTargets(_ ids: [Identifier<Target>]) async throws -> [Target] {
        let dead = try await deadContacts(of: ids)
        return try await targets(ids).map { $0.withoutDead(dead[$0.id] ?? []) }
    }
}
