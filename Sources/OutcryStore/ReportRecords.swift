import Foundation
import OutcryCore
import SQLKit

/// Supporters' reports of the actions they took: storing them under the abuse caps, the totals they add
/// up to, and the review of those held back.
public protocol ReportRecords: Sendable {
    /// Records a batch of reports in one transaction and returns each one's outcome, in order.
    func record(_ reports: [IncomingReport], caps: ReportCaps, ledger: ClientLedger?) async throws -> [ReportOutcome]
    /// The public totals of one action.
    func totals(of action: Identifier<UrgentAction>) async throws -> Totals
    /// The public totals of many actions at once; every action asked for has an entry, empty if nobody reported.
    func totals(of actions: [Identifier<UrgentAction>]) async throws -> [Identifier<UrgentAction>: Totals]
    /// An action's flagged reports that nobody has decided on yet, oldest first.
    func flaggedReports(of action: Identifier<UrgentAction>, limit: Int) async throws -> [FlaggedReport]
    /// Accepts or rejects a flagged report; false when it is not waiting for a decision.
    func review(report id: Int64, of action: Identifier<UrgentAction>, accept: Bool, actor: String, now: Date) async throws -> Bool
    /// Actions reported and counted per day (UTC), oldest first.
    func dailyActions(of action: Identifier<UrgentAction>) async throws -> [(day: Date, actions: Int)]
    /// Deletes the activity and salts of days before yesterday.
    func forgetOldClientActivity(now: Date) async throws
    /// Today's salt for hashing client addresses, shared by every instance.
    func clientSalt(for date: Date) async throws -> String
}

/// A validated report as the web layer hands it over, with what the abuse caps need.
public struct IncomingReport: Sendable, Hashable {
    public var idempotencyKey: String
    public var urgentAction: Identifier<UrgentAction>
    public var input: ReportInput
    /// The client address hashed with today's salt; the address itself never reaches the store.
    public var clientHash: String
    public var reportedAt: Date
    /// The form's hidden field was filled in, as only robots do.
    public var honeypotFilled: Bool
    /// An e-mail address given with consent, already sealed.
    public var contact: SealedContact?

    public init(
        idempotencyKey: String, urgentAction: Identifier<UrgentAction>, input: ReportInput, clientHash: String,
        reportedAt: Date, honeypotFilled: Bool = false, contact: SealedContact? = nil
    ) {
        self.idempotencyKey = idempotencyKey
        self.urgentAction = urgentAction
        self.input = input
        self.clientHash = clientHash
        self.reportedAt = reportedAt
        self.honeypotFilled = honeypotFilled
        self.contact = contact
    }

    var day: String { ActivityKey.day(of: reportedAt) }
}

/// An e-mail address sealed by a `ContactVault`, with the consent given for it.
public struct SealedContact: Codable, Sendable, Hashable {
    var lookup: String
    var emailSealed: String
    var consentWording: String
    var consentAt: Int64
    var source: String
    /// The language the supporter reported in: news of the action reaches them in it.
    var language: String?

    public init(email: EmailAddress, consent: Consent, source: String, language: String? = nil, vault: ContactVault) throws {
        lookup = vault.lookup(email.normalised)
        emailSealed = try vault.seal(email.value)
        consentWording = consent.wording
        consentAt = Int64((consent.givenAt.timeIntervalSince1970 * 1000).rounded())
        self.source = source
        self.language = language
    }
}

/// What became of a report.
public enum ReportOutcome: Sendable, Hashable {
    /// Stored and counted in the public totals.
    case counted
    /// Stored, but left out of the public totals until a coordinator accepts it.
    case flagged(reason: String)
    /// Already stored under the same key (a double click, a reload, a retry): nothing changed.
    case duplicate
}

/// A report kept out of the totals until a coordinator decides on it.
public struct FlaggedReport: Hashable, Sendable, Identifiable {
    public let id: Int64
    public let reportedAt: Date
    public let targets: [Identifier<Target>]
    public let country: Country?
    public let counts: [Channel: Int]
    public let reason: String

    public init(
        id: Int64, reportedAt: Date, targets: [Identifier<Target>], country: Country?, counts: [Channel: Int], reason: String
    ) {
        self.id = id
        self.reportedAt = reportedAt
        self.targets = targets
        self.country = country
        self.counts = counts
        self.reason = reason
    }
}

extension Store: ReportRecords {
    /// Counters move in the same transaction as the reports, so totals never disagree with them.
    /// `ledger` keeps the day's counts per client between batches (see `ClientLedger`); without one, they
    /// are read and written in this transaction.
    public func record(_ reports: [IncomingReport], caps: ReportCaps, ledger: ClientLedger? = nil) async throws -> [ReportOutcome] {
        guard !reports.isEmpty else { return [] }
        let ledger = ledger ?? ClientLedger(flushInterval: 0)
        let now = ledger.clock.now
        let known = ledger.snapshot(of: Set(reports.map(ActivityKey.init)), now: now)
        let flush = ledger.flushIsDue(now: now)
        let pending = flush ? ledger.pending : [:]
        let shard = counterShard
        let result = try await engine.transaction { database in
            try await Self.record(reports, caps: caps, known: known, pending: pending, flush: flush, shard: shard, on: database)
        }
        ledger.apply(seeded: result.seeded, added: result.added, flushed: flush, now: now)
        return result.outcomes
    }

    /// Read from the counters (a handful of rows per action, never the reports).
    public func totals(of action: Identifier<UrgentAction>) async throws -> Totals {
        try await totals(of: [action])[action] ?? Totals()
    }

    public func totals(of actions: [Identifier<UrgentAction>]) async throws -> [Identifier<UrgentAction>: Totals] {
        guard !actions.isEmpty else { return [:] }
        // The sum of each counter's shards.
        let rows = try await engine.read { database in
            try await database.select()
                .columns("urgent_action_id", "dimension", "key", "channel").column(SQLRaw("CAST(SUM(count) AS BIGINT)"), as: "count")
                .from("action_counters").where("urgent_action_id", .in, actions.map(\.rawValue))
                .groupBy("urgent_action_id").groupBy("dimension").groupBy("key").groupBy("channel")
                .orderBy("dimension")
                .all(decoding: TotalsRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        }
        let byAction = Dictionary(grouping: rows, by: \.urgentActionId)
        return Dictionary(actions.map { ($0, Self.totals(from: byAction[$0.rawValue] ?? [])) }, uniquingKeysWith: { first, _ in first })
    }

    public func flaggedReports(of action: Identifier<UrgentAction>, limit: Int = 500) async throws -> [FlaggedReport] {
        try await engine.read { database in
            let rows = try await database.select().columns("*").from("action_reports")
                .where("urgent_action_id", .equal, action.rawValue).where("flagged", .equal, true)
                .where("review", .is, SQLLiteral.null)
                .orderBy("id").limit(limit)
                .all(decoding: StoredReportRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            let reports = try await Self.withOtherTargets(rows.map(\.report), on: database)
            return zip(rows, reports).map { row, report in
                FlaggedReport(
                    id: row.id, reportedAt: Date(timeIntervalSince1970: TimeInterval(report.reportedAt) / 1000),
                    targets: report.targets, country: report.reporterCountry.flatMap(Country.init(rawValue:)),
                    counts: report.counts, reason: report.flagReason ?? "")
            }
        }
    }

    /// An accepted report is counted from now on, in this transaction; a rejected one is kept, never
    /// counted. False also when another coordinator decided first.
    public func review(
        report id: Int64, of action: Identifier<UrgentAction>, accept: Bool, actor: String, now: Date
    ) async throws -> Bool {
        let shard = counterShard
        return try await engine.transaction { database in
            guard
                let row = try await database.select().columns("*").from("action_reports")
                    .where("id", .equal, id).where("urgent_action_id", .equal, action.rawValue)
                    .where("flagged", .equal, true).where("review", .is, SQLLiteral.null)
                    .first(decoding: StoredReportRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            else { return false }
            guard var report = try await Self.withOtherTargets([row.report], on: database).first else { return false }
            // Decided only if still waiting, in the statement that decides: of two coordinators at once (PostgreSQL
            // reads committed), one decides and the other is told someone did.
            let decided = try await database.update("action_reports")
                .set("review", to: accept ? "accepted" : "rejected").set("reviewed_by", to: actor)
                .set("flagged", to: !accept)
                .where("id", .equal, id).where("review", .is, SQLLiteral.null)
                .returning("id").all()
            guard !decided.isEmpty else { return false }
            if accept {
                report.flagged = false
                try await Self.addToTotals([report], shard: shard, on: database)
            }
            let total = report.counts.values.reduce(0, +)
            let summary =
                "report \(id) (\(total) action\(total == 1 ? "" : "s"), flagged: \(report.flagReason ?? "")) "
                + (accept ? "now counted" : "kept out of the totals")
            try await Self.append(
                AuditEntry(
                    at: now, actor: actor, action: accept ? "accepted report" : "rejected report", recordKind: "urgent action",
                    recordID: action.rawValue, summary: summary),
                on: database)
            return true
        }
    }

    /// For the dashboard's chart.
    public func dailyActions(of action: Identifier<UrgentAction>) async throws -> [(day: Date, actions: Int)] {
        try await engine.read { database in
            try await database.raw(
                """
                SELECT reported_at / 86400000 AS day, SUM(letters + emails + faxes + calls + social + other) AS actions
                FROM action_reports WHERE urgent_action_id = \(bind: action.rawValue) AND flagged = \(bind: false)
                GROUP BY reported_at / 86400000 ORDER BY day
                """
            )
            .all()
            .map { row in
                (
                    Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "day", as: Int64.self)) * 86400),
                    Int(try row.decode(column: "actions", as: Int64.self))
                )
            }
        }
    }

    /// Afterwards no stored hash can be tied to an address.
    public func forgetOldClientActivity(now: Date) async throws {
        let cutoff = String(Int(ActivityKey.day(of: now))! - 1)
        try await engine.transaction { database in
            try await database.delete(from: "client_activity").where("day", .lessThan, cutoff).run()
            try await database.delete(from: "client_salts").where("day", .lessThan, cutoff).run()
        }
    }

    /// Created on first use.
    public func clientSalt(for date: Date) async throws -> String {
        let day = ActivityKey.day(of: date)
        return try await engine.transaction { database in
            try await database.insert(into: "client_salts").columns("day", "salt")
                .values(SQLBind(day), SQLBind(randomToken(bytes: 32)))
                .ignoringConflicts(with: ["day"])
                .run()
            return try await database.select().column("salt").from("client_salts").where("day", .equal, day)
                .first()!.decode(column: "salt", as: String.self)
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
