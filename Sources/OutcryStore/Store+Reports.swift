import Foundation
import OutcryCore
import SQLKit

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

    public init(email: EmailAddress, consent: Consent, source: String, vault: ContactVault) throws {
        lookup = vault.lookup(email.normalised)
        emailSealed = try vault.seal(email.value)
        consentWording = consent.wording
        consentAt = Int64((consent.givenAt.timeIntervalSince1970 * 1000).rounded())
        self.source = source
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

extension Store {
    /// Records a batch of reports in one transaction and returns each one's outcome, in order.
    /// Counters move in the same transaction, so totals never disagree with the stored reports.
    /// `ledger` keeps the day's counts per client between batches (see `ClientLedger`); without one, they
    /// are read and written in this transaction.
    public func record(_ reports: [IncomingReport], caps: ReportCaps, ledger: ClientLedger? = nil) async throws -> [ReportOutcome] {
        guard !reports.isEmpty else { return [] }
        let ledger = ledger ?? ClientLedger(flushInterval: 0)
        let now = ledger.clock.now
        let known = ledger.snapshot(of: Set(reports.map(ActivityKey.init)), now: now)
        let flush = ledger.flushIsDue(now: now)
        let pending = flush ? ledger.pending : [:]
        let result = try await engine.transaction { database in
            try await Self.record(reports, caps: caps, known: known, pending: pending, flush: flush, on: database)
        }
        ledger.apply(seeded: result.seeded, added: result.added, flushed: flush, now: now)
        return result.outcomes
    }

    private struct Recorded: Sendable {
        var outcomes: [ReportOutcome]
        var seeded: [ActivityKey: ActivityCount]
        var added: [ActivityKey: ActivityCount]
    }

    private static func record(
        _ reports: [IncomingReport], caps: ReportCaps, known: [ActivityKey: ActivityCount], pending: [ActivityKey: ActivityCount],
        flush: Bool, on database: any SQLDatabase
    ) async throws -> Recorded {
        // The first report of each key; a robot's is flagged at once, the caps are decided below.
        var seen = Set<String>()
        let firsts = reports.filter { seen.insert($0.idempotencyKey).inserted }
        let robot = ReportDecision.robot.holdReason
        let inserted = try await insertNew(
            firsts.map { ActionReportRow($0, flagReason: $0.honeypotFilled ? robot : nil) }, on: database)
        let new = firsts.filter { inserted.contains($0.idempotencyKey) }

        // The day's counts of the clients the ledger does not know come from the database; then every
        // report is counted in its turn and flagged when it goes over a cap.
        let seeded = try await storedActivity(of: Set(new.map(ActivityKey.init)).subtracting(known.keys), on: database)
        var counts = known.merging(seeded) { current, _ in current }
        var added: [ActivityKey: ActivityCount] = [:]
        var rows: [ActionReportRow] = []
        for report in new {
            let key = ActivityKey(report)
            let at = (counts[key] ?? ActivityCount()).adding(report)
            counts[key] = at
            added[key] = (added[key] ?? ActivityCount()).adding(report)
            let decision = caps.decide(honeypotFilled: report.honeypotFilled, reportsToday: at.reports, actionsToday: at.actions)
            rows.append(ActionReportRow(report, flagReason: decision.holdReason))
        }
        // A robot's report was flagged when it was inserted.
        let heldByCaps = rows.filter { $0.flagged && $0.flagReason != robot }
        for (reason, flagged) in Dictionary(grouping: heldByCaps, by: { $0.flagReason! }) {
            try await database.update("action_reports").set("flagged", to: true).set("flag_reason", to: reason)
                .where("idempotency_key", .in, flagged.map(\.idempotencyKey))
                .run()
        }
        if flush { try await addActivity(pending.merging(added) { $0.plus($1) }, on: database) }
        try await addToTotals(rows.filter { !$0.flagged }, on: database)
        for contact in new.compactMap(\.contact) {
            try await database.upsert(into: "supporter_contacts", contact, conflictingOn: "lookup")
        }

        var outcomes: [String: ReportOutcome] = [:]
        for row in rows { outcomes[row.idempotencyKey] = row.flagReason.map { .flagged(reason: $0) } ?? .counted }
        var reported = Set<String>()
        return Recorded(
            outcomes: reports.map { report in
                // The first of a key in this batch gets its outcome; later copies, and keys stored before, are duplicates.
                guard reported.insert(report.idempotencyKey).inserted, let outcome = outcomes[report.idempotencyKey] else { return .duplicate }
                return outcome
            },
            seeded: seeded, added: added)
    }

    /// Inserts the rows whose key is new and returns the keys inserted; a key stored earlier, by this
    /// instance or another, is skipped by the database itself.
    private static func insertNew(_ rows: [ActionReportRow], on database: any SQLDatabase) async throws -> Set<String> {
        guard !rows.isEmpty else { return [] }
        var inserted = Set<String>()
        // Kept well under SQLite's limit of bound parameters per statement.
        for chunk in stride(from: 0, to: rows.count, by: 500).map({ rows[$0..<min($0 + 500, rows.count)] }) {
            // Bound by hand rather than encoded as models: this is the hottest statement under a spike.
            let insert = database.insert(into: "action_reports").columns(ActionReportRow.columns)
            for row in chunk { insert.values(row.binds) }
            let keys = try await insert
                .ignoringConflicts(with: "idempotency_key")
                .returning("idempotency_key")
                .all()
                .map { try $0.decode(column: "idempotency_key", as: String.self) }
            inserted.formUnion(keys)
        }
        return inserted
    }

    /// The day's counts stored for these clients; a client with none stored counts from zero.
    private static func storedActivity(of keys: Set<ActivityKey>, on database: any SQLDatabase) async throws -> [ActivityKey: ActivityCount] {
        var activity: [ActivityKey: ActivityCount] = [:]
        for key in keys { activity[key] = ActivityCount() }
        for (group, members) in Dictionary(grouping: keys, by: { [$0.day, $0.urgentAction] }) {
            for chunk in stride(from: 0, to: members.count, by: 500).map({ Array(members[$0..<min($0 + 500, members.count)]) }) {
                let rows = try await database.select().columns("client_hash", "reports", "actions").from("client_activity")
                    .where("day", .equal, group[0]).where("urgent_action_id", .equal, group[1])
                    .where("client_hash", .in, chunk.map(\.clientHash))
                    .all()
                for row in rows {
                    let key = ActivityKey(day: group[0], clientHash: try row.decode(column: "client_hash", as: String.self), urgentAction: group[1])
                    activity[key] = ActivityCount(reports: try row.decode(column: "reports", as: Int.self), actions: try row.decode(column: "actions", as: Int.self))
                }
            }
        }
        return activity
    }

    /// Adds counts to each client's for the day, in one statement per few hundred clients.
    private static func addActivity(_ increments: [ActivityKey: ActivityCount], on database: any SQLDatabase) async throws {
        let entries = Array(increments)
        for chunk in stride(from: 0, to: entries.count, by: 500).map({ entries[$0..<min($0 + 500, entries.count)] }) {
            let insert = database.insert(into: "client_activity")
                .columns("day", "client_hash", "urgent_action_id", "reports", "actions")
            for (key, increment) in chunk {
                insert.values(SQLBind(key.day), SQLBind(key.clientHash), SQLBind(key.urgentAction), SQLBind(increment.reports), SQLBind(increment.actions))
            }
            try await insert
                .onConflict(with: ["day", "client_hash", "urgent_action_id"]) {
                    $0.set(SQLIdentifier("reports"), to: SQLRaw("client_activity.reports + excluded.reports"))
                        .set(SQLIdentifier("actions"), to: SQLRaw("client_activity.actions + excluded.actions"))
                }
                .run()
        }
    }

    /// Adds counted reports to the counters: one row per action × breakdown × key × channel.
    static func addToTotals(_ rows: [ActionReportRow], on database: any SQLDatabase) async throws {
        var counters: [TotalsKey: Int] = [:]
        for row in rows {
            for (dimension, key) in row.breakdownKeys {
                counters[TotalsKey(action: row.urgentActionId, dimension: dimension, key: key, channel: TotalsKey.reportsChannel), default: 0] += 1
                guard dimension != .targetCountry else { continue }
                for (channel, count) in row.counts where count > 0 {
                    counters[TotalsKey(action: row.urgentActionId, dimension: dimension, key: key, channel: channel.rawValue), default: 0] += count
                }
            }
        }
        guard !counters.isEmpty else { return }
        let insert = database.insert(into: "action_totals").columns("urgent_action_id", "dimension", "key", "channel", "count")
        for (key, count) in counters.sorted(by: { $0.key < $1.key }) {
            insert.values(SQLBind(key.action), SQLBind(key.dimension.rawValue), SQLBind(key.key), SQLBind(key.channel), SQLBind(count))
        }
        try await insert
            .onConflict(with: ["urgent_action_id", "dimension", "key", "channel"]) {
                $0.set(SQLIdentifier("count"), to: SQLRaw("action_totals.count + excluded.count"))
            }
            .run()
    }

    /// The public totals of one action, read from its counters (a handful of rows, never the reports).
    public func totals(of action: Identifier<UrgentAction>) async throws -> Totals {
        let rows = try await engine.read { database in
            try await database.select().columns("dimension", "key", "channel", "count").from("action_totals")
                .where("urgent_action_id", .equal, action.rawValue)
                .all(decoding: TotalsRow.self)
        }
        return Self.totals(from: rows)
    }

    static func totals(from rows: [TotalsRow]) -> Totals {
        var totals = Totals()
        for row in rows {
            let isReports = row.channel == TotalsKey.reportsChannel
            let channel = Channel(rawValue: row.channel)
            switch TotalsDimension(rawValue: row.dimension) {
            case .all:
                if isReports { totals.reports = row.count } else if let channel { totals.byChannel[channel] = row.count }
            case .country:
                if isReports { totals.peopleByCountry[Country(rawValue: row.key)] = row.count }
            case .target where !row.key.isEmpty:
                let target = Identifier<Target>(row.key)
                if isReports {
                    totals.byTarget[target, default: TargetTotals()].reports = row.count
                } else if let channel {
                    totals.byTarget[target, default: TargetTotals()].byChannel[channel] = row.count
                }
            case .targetCountry:
                let parts = row.key.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, !parts[0].isEmpty else { continue }
                totals.byTarget[Identifier(String(parts[0])), default: TargetTotals()]
                    .peopleByCountry[Country(rawValue: String(parts[1]))] = row.count
            case .target, nil:
                continue
            }
        }
        return totals
    }

    /// Deletes the activity and salts of days before yesterday: afterwards no stored hash can be tied to an address.
    public func forgetOldClientActivity(now: Date) async throws {
        let cutoff = String(Int(ActivityKey.day(of: now))! - 1)
        try await engine.transaction { database in
            try await database.delete(from: "client_activity").where("day", .lessThan, cutoff).run()
            try await database.delete(from: "client_salts").where("day", .lessThan, cutoff).run()
        }
    }

    /// Today's salt for hashing client addresses, created on first use and shared by every instance.
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

    /// A long-lived random secret of this installation (for signing forms), created on first use.
    public func secret(named name: String) async throws -> String {
        let key = "secret:\(name)"
        return try await engine.transaction { database in
            try await database.insert(into: "settings").columns("key", "value")
                .values(SQLBind(key), SQLBind(randomToken(bytes: 32)))
                .ignoringConflicts(with: ["key"])
                .run()
            return try await database.select().column("value").from("settings").where("key", .equal, key)
                .first()!.decode(column: "value", as: String.self)
        }
    }
}

/// One client's reports on one action on one day.
struct ActivityKey: Hashable, Sendable {
    let day: String
    let clientHash: String
    let urgentAction: String

    init(day: String, clientHash: String, urgentAction: String) {
        self.day = day
        self.clientHash = clientHash
        self.urgentAction = urgentAction
    }

    init(_ report: IncomingReport) {
        self.init(day: report.day, clientHash: report.clientHash, urgentAction: report.urgentAction.rawValue)
    }

    /// Days since 1970 (UTC), as the caps, the activity and the salts count them.
    static func day(of date: Date) -> String {
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        return String(days)
    }
}

/// How many reports and actions one client reported on one action on one day.
struct ActivityCount: Sendable, Equatable {
    var reports = 0
    var actions = 0

    func adding(_ report: IncomingReport) -> Self { Self(reports: reports + 1, actions: actions + report.input.total) }
    func plus(_ other: Self) -> Self { Self(reports: reports + other.reports, actions: actions + other.actions) }
}

/// The breakdowns kept as counters.
enum TotalsDimension: String, Sendable {
    case all
    case target
    case country
    /// Reports per target and country, so a target's report can say "in M countries".
    case targetCountry = "target_country"
}

struct TotalsKey: Hashable, Comparable {
    /// The pseudo-channel counting reports, that is people who acted.
    static let reportsChannel = "reports"

    let action: String
    let dimension: TotalsDimension
    let key: String
    let channel: String

    static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.action, lhs.dimension.rawValue, lhs.key, lhs.channel) < (rhs.action, rhs.dimension.rawValue, rhs.key, rhs.channel)
    }
}

struct TotalsRow: Codable, Sendable {
    var dimension: String
    var key: String
    var channel: String
    var count: Int
}

struct ActionReportRow: Codable, Sendable {
    var idempotencyKey: String
    var urgentActionId: String
    var targetId: String?
    var reporterCountry: String?
    var reportedAt: Int64
    var flagged: Bool
    var flagReason: String?
    var letters: Int
    var emails: Int
    var faxes: Int
    var calls: Int
    var social: Int
    var other: Int

    init(_ report: IncomingReport, flagReason: String?) {
        idempotencyKey = report.idempotencyKey
        urgentActionId = report.urgentAction.rawValue
        targetId = report.input.target?.rawValue
        reporterCountry = report.input.country?.code
        reportedAt = Int64((report.reportedAt.timeIntervalSince1970 * 1000).rounded())
        flagged = flagReason != nil
        self.flagReason = flagReason
        let counts = report.input.counts
        letters = counts[.letter] ?? 0
        emails = counts[.email] ?? 0
        faxes = counts[.fax] ?? 0
        calls = counts[.call] ?? 0
        social = counts[.social] ?? 0
        other = counts[.other] ?? 0
    }

    var counts: [Channel: Int] {
        [.letter: letters, .email: emails, .fax: faxes, .call: calls, .social: social, .other: other]
    }

    static let columns = [
        "idempotency_key", "urgent_action_id", "target_id", "reporter_country", "reported_at", "flagged", "flag_reason",
        "letters", "emails", "faxes", "calls", "social", "other",
    ]

    /// The values in the order of `columns`.
    var binds: [any SQLExpression] {
        [
            SQLBind(idempotencyKey), SQLBind(urgentActionId), SQLBind(targetId), SQLBind(reporterCountry),
            SQLBind(reportedAt), SQLBind(flagged), SQLBind(flagReason), SQLBind(letters), SQLBind(emails), SQLBind(faxes),
            SQLBind(calls), SQLBind(social), SQLBind(other),
        ]
    }

    /// Every counter key this report adds to; "" stands for "not given".
    var breakdownKeys: [(TotalsDimension, String)] {
        [
            (.all, ""), (.target, targetId ?? ""), (.country, reporterCountry ?? ""),
            (.targetCountry, "\(targetId ?? "")/\(reporterCountry ?? "")"),
        ]
    }
}
