import OutcryCore
import SQLKit

// How one batch of reports is stored: new keys inserted, each report decided against the caps in its
// turn, counted ones added to the totals, the clients' day counts moved on.
extension Store {
    struct Recorded: Sendable {
        var outcomes: [ReportOutcome]
        var seeded: [ActivityKey: ActivityCount]
        var added: [ActivityKey: ActivityCount]
    }

    static func record(
        _ reports: [IncomingReport], caps: ReportCaps, known: [ActivityKey: ActivityCount], pending: [ActivityKey: ActivityCount],
        flush: Bool, shard: Int, on database: any SQLDatabase
    ) async throws -> Recorded {
        // The first report of each key; a robot's is flagged at once, the caps are decided below.
        var seen = Set<String>()
        let firsts = reports.filter { seen.insert($0.idempotencyKey).inserted }
        let robot = ReportDecision.robot.holdReason
        let inserted = try await insertNew(
            firsts.map { ActionReportRow($0, flagReason: $0.honeypotFilled ? robot : nil) }, on: database)
        let new = firsts.filter { inserted.contains($0.idempotencyKey) }
        try await insertOtherTargets(of: new.map { ActionReportRow($0, flagReason: nil) }, on: database)

        // The day's counts of the clients the ledger does not know come from the database; then every
        // report is counted in its turn and flagged when it goes over a cap.
        let seeded = try await storedActivity(of: Set(new.map(ActivityKey.init)).subtracting(known.keys), on: database)
        var counts = known.merging(seeded) { current, _ in current }
        var added: [ActivityKey: ActivityCount] = [:]
        var rows: [ActionReportRow] = []
        for report in new {
            let key = ActivityKey(report)
            let before = counts[key] ?? ActivityCount()
            let decision = caps.decide(
                honeypotFilled: report.honeypotFilled, actions: report.input.total, reportsToday: before.reports + 1,
                countedActionsToday: before.actions)
            // A held report counts toward the connection's reports, never toward its actions.
            let counted = decision == .count
            counts[key] = before.adding(report, counted: counted)
            added[key] = (added[key] ?? ActivityCount()).adding(report, counted: counted)
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
        try await addToTotals(rows.filter { !$0.flagged }, shard: shard, on: database)
        for report in new {
            guard let contact = report.contact else { continue }
            try await database.upsert(into: "supporter_contacts", contact, conflictingOn: "lookup")
            // Who reported on what, so that those who agreed hear how it ended.
            try await database.insert(into: "supporter_contact_actions").columns("lookup", "urgent_action_id")
                .values(SQLBind(contact.lookup), SQLBind(report.urgentAction.rawValue)).ignoringConflicts().run()
        }

        var outcomes: [String: ReportOutcome] = [:]
        for row in rows { outcomes[row.idempotencyKey] = row.flagReason.map { .flagged(reason: $0) } ?? .counted }
        var reported = Set<String>()
        return Recorded(
            outcomes: reports.map { report in
                // The first of a key in this batch gets its outcome; later copies, and keys stored before, are duplicates.
                guard reported.insert(report.idempotencyKey).inserted, let outcome = outcomes[report.idempotencyKey] else {
                    return .duplicate
                }
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
            let keys =
                try await insert
                .ignoringConflicts(with: "idempotency_key")
                .returning("idempotency_key")
                .all()
                .map { try $0.decode(column: "idempotency_key", as: String.self) }
            inserted.formUnion(keys)
        }
        return inserted
    }

    /// The officials after the first of the reports that name several.
    private static func insertOtherTargets(of rows: [ActionReportRow], on database: any SQLDatabase) async throws {
        let links = rows.flatMap { row in row.otherTargets.enumerated().map { (row.idempotencyKey, $0.element, $0.offset) } }
        for chunk in stride(from: 0, to: links.count, by: 300).map({ links[$0..<min($0 + 300, links.count)] }) {
            let insert = database.insert(into: "action_report_targets").columns("idempotency_key", "target_id", "position")
            for (key, target, position) in chunk { insert.values(SQLBind(key), SQLBind(target), SQLBind(position)) }
            try await insert.run()
        }
    }

    /// The officials after the first, by report key, for reports read back from the database.
    static func withOtherTargets(_ rows: [ActionReportRow], on database: any SQLDatabase) async throws -> [ActionReportRow] {
        let keys = rows.filter { $0.targetId != nil }.map(\.idempotencyKey)
        guard !keys.isEmpty else { return rows }
        var others: [String: [String]] = [:]
        for chunk in stride(from: 0, to: keys.count, by: 500).map({ Array(keys[$0..<min($0 + 500, keys.count)]) }) {
            for row in try await database.select().columns("idempotency_key", "target_id").from("action_report_targets")
                .where("idempotency_key", .in, chunk).orderBy("position").all()
            {
                others[try row.decode(column: "idempotency_key", as: String.self), default: []].append(
                    try row.decode(column: "target_id", as: String.self))
            }
        }
        return rows.map { row in
            var row = row
            row.otherTargets = others[row.idempotencyKey] ?? []
            return row
        }
    }

    /// The day's counts stored for these clients; a client with none stored counts from zero.
    private static func storedActivity(
        of keys: Set<ActivityKey>, on database: any SQLDatabase
    ) async throws -> [ActivityKey: ActivityCount] {
        var activity: [ActivityKey: ActivityCount] = [:]
        for key in keys { activity[key] = ActivityCount() }
        for (group, members) in Dictionary(grouping: keys, by: { [$0.day, $0.urgentAction] }) {
            for chunk in stride(from: 0, to: members.count, by: 500).map({ Array(members[$0..<min($0 + 500, members.count)]) }) {
                let rows = try await database.select().columns("client_hash", "reports", "actions").from("client_activity")
                    .where("day", .equal, group[0]).where("urgent_action_id", .equal, group[1])
                    .where("client_hash", .in, chunk.map(\.clientHash))
                    .all()
                for row in rows {
                    let client = try row.decode(column: "client_hash", as: String.self)
                    activity[ActivityKey(day: group[0], clientHash: client, urgentAction: group[1])] = ActivityCount(
                        reports: try row.decode(column: "reports", as: Int.self), actions: try row.decode(column: "actions", as: Int.self))
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
                insert.values(
                    SQLBind(key.day), SQLBind(key.clientHash), SQLBind(key.urgentAction), SQLBind(increment.reports),
                    SQLBind(increment.actions))
            }
            try await insert
                .onConflict(with: ["day", "client_hash", "urgent_action_id"]) {
                    $0.set(SQLIdentifier("reports"), to: SQLRaw("client_activity.reports + excluded.reports"))
                        .set(SQLIdentifier("actions"), to: SQLRaw("client_activity.actions + excluded.actions"))
                }
                .run()
        }
    }
}

struct ActionReportRow: Codable, Sendable {
    var idempotencyKey: String
    var urgentActionId: String
    /// The first official the report names; the others are in `action_report_targets`.
    var targetId: String?
    /// The officials named after the first, in order.
    var otherTargets: [String] = []
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
        targetId = report.input.targets.first?.rawValue
        otherTargets = report.input.targets.dropFirst().map(\.rawValue)
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

    var targets: [Identifier<Target>] { ((targetId.map { [$0] } ?? []) + otherTargets).map { Identifier($0) } }

    /// The columns of `action_reports`; the other officials are rows of their own.
    enum CodingKeys: String, CodingKey {
        case idempotencyKey, urgentActionId, targetId, reporterCountry, reportedAt, flagged, flagReason
        case letters, emails, faxes, calls, social, other
    }

    /// Every counter key this report adds to; "" stands for "not given". A report naming several officials
    /// counts once in all, and once for each of them.
    var breakdownKeys: [(TotalsDimension, String)] {
        let country = reporterCountry ?? ""
        let targets = targets.isEmpty ? [""] : targets.map(\.rawValue)
        return [(.all, ""), (.country, country)] + targets.flatMap { [(.target, $0), (.targetCountry, "\($0)/\(country)")] }
    }
}
