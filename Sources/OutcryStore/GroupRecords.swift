import Foundation
import OutcryCore
import SQLKit

/// How to reach a group's organiser: the address sealed, never in the clear, with what they agreed to.
public struct GroupContact: Sendable, Hashable {
    public var lookup: String
    public var emailSealed: String
    /// The organiser agreed to hear how the actions the group reported on ended.
    public var hearsOutcome: Bool
    public var consentWording: String?

    public init(email: EmailAddress, hearsOutcome: Bool, consentWording: String?, vault: ContactVault) throws {
        lookup = vault.lookup(email.normalised)
        emailSealed = try vault.seal(email.value)
        self.hearsOutcome = hearsOutcome
        self.consentWording = hearsOutcome ? consentWording : nil
    }

    init(lookup: String, emailSealed: String, hearsOutcome: Bool, consentWording: String?) {
        self.lookup = lookup
        self.emailSealed = emailSealed
        self.hearsOutcome = hearsOutcome
        self.consentWording = consentWording
    }
}

/// A group's report as the web layer hands it over.
public struct IncomingGroupReport: Sendable, Hashable {
    /// From the form's token: the same form sent twice is stored once.
    public var idempotencyKey: String
    public var group: Identifier<WritingGroup>
    public var input: GroupReportInput
    public var reportedAt: Date
    /// Already cleaned of everything but the picture.
    public var photo: CleanImage?

    public init(
        idempotencyKey: String, group: Identifier<WritingGroup>, input: GroupReportInput, reportedAt: Date, photo: CleanImage? = nil
    ) {
        self.idempotencyKey = idempotencyKey
        self.group = group
        self.input = input
        self.reportedAt = reportedAt
        self.photo = photo
    }
}

/// A stored group report.
public struct GroupReport: Sendable, Hashable, Identifiable {
    public enum Status: String, Sendable { case counted, held, rejected }

    public var id: String
    public var group: Identifier<WritingGroup>
    public var input: GroupReportInput
    public var reportedAt: Date
    public var status: Status
    public var holdReason: String?
    public var hasPhoto: Bool
}

/// A group to tell how an action ended.
public struct GroupToTell: Sendable, Hashable {
    public let group: Identifier<WritingGroup>
    public let lookup: String
    public let emailSealed: String
    public let language: String
}

extension Store {
    /// A group registered on the site: kept waiting until its organiser opens the link sent to them. Unseen on
    /// public pages until then, so no content changes.
    public func registerGroup(_ group: WritingGroup, contact: GroupContact, now: Date) async throws {
        try await engine.transaction { database in
            try await database.insert(into: "writing_groups").model(
                GroupRow(group, contact: contact, createdAt: now), keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil
            ).run()
        }
    }

    /// A group as a coordinator creates or edits it; its organiser's address and consent stay as they were.
    public func save(_ group: WritingGroup, audit: AuditEntry) async throws {
        try await saveRecord(audit) { database in
            let exists = try await database.select().column("id").from("writing_groups").where("id", .equal, group.id.rawValue).first()
            if exists == nil {
                try await database.insert(into: "writing_groups").model(
                    GroupRow(group, contact: nil, createdAt: audit.at), keyEncodingStrategy: .convertToSnakeCase,
                    nilEncodingStrategy: .asNil
                ).run()
            } else {
                try await database.update("writing_groups")
                    .set("name", to: group.name).set("town", to: group.town).set("country", to: group.country?.code)
                    .set("kind", to: group.kind.rawValue).set("size", to: group.size).set("shows_name", to: group.showsName)
                    .set("status", to: group.status.rawValue).set("language", to: group.language)
                    .set("verified", to: group.verified)
                    .where("id", .equal, group.id.rawValue).run()
            }
        }
    }

    /// A new private link for the group: the one it had stops working at once.
    public func replaceGroupLink(_ id: Identifier<WritingGroup>, audit: AuditEntry) async throws {
        try await saveRecord(audit) { database in
            try await database.update("writing_groups").set("link_version", to: SQLRaw("link_version + 1"))
                .where("id", .equal, id.rawValue).run()
        }
    }

    /// The organiser opened their link: the group may report from now on. False when it was confirmed already.
    public func confirmGroup(_ id: Identifier<WritingGroup>, now: Date) async throws -> Bool {
        let changed = try await engine.transaction { database in
            let waiting = try await database.select().column("id").from("writing_groups").where("id", .equal, id.rawValue)
                .where("status", .equal, GroupStatus.waiting.rawValue).first()
            guard waiting != nil else { return false }
            try await database.update("writing_groups").set("status", to: GroupStatus.confirmed.rawValue)
                .set("confirmed_at", to: Int64(now.timeIntervalSince1970 * 1000)).where("id", .equal, id.rawValue).run()
            try await Self.bumpContentVersion(on: database)
            return true
        }
        if changed { noteLocalChange() }
        return changed
    }

    /// Groups registered but never confirmed before `cutoff`, gone with their sealed addresses.
    @discardableResult
    public func forgetUnconfirmedGroups(registeredBefore cutoff: Date) async throws -> Int {
        try await engine.transaction { database in
            let ids = try await database.select().column("id").from("writing_groups")
                .where("status", .equal, GroupStatus.waiting.rawValue)
                .where("created_at", .lessThan, Int64(cutoff.timeIntervalSince1970 * 1000)).all()
                .map { try $0.decode(column: "id", as: String.self) }
            guard !ids.isEmpty else { return 0 }
            try await database.delete(from: "writing_groups").where("id", .in, ids).run()
            return ids.count
        }
    }

    public func writingGroup(_ id: Identifier<WritingGroup>) async throws -> WritingGroup? {
        try await groups { $0.where("id", .equal, id.rawValue) }.first
    }

    public func writingGroups(_ ids: [Identifier<WritingGroup>]) async throws -> [WritingGroup] {
        guard !ids.isEmpty else { return [] }
        return try await groups { $0.where("id", .in, ids.map(\.rawValue)) }
    }

    /// Every group, by name.
    public func allGroups() async throws -> [WritingGroup] {
        try await groups { $0 }
    }

    /// The organiser's sealed address; nil for a group a coordinator made without one.
    public func groupContact(_ id: Identifier<WritingGroup>) async throws -> GroupContact? {
        try await engine.read { database in
            guard
                let row = try await database.select().columns("email_lookup", "email_sealed", "hears_outcome", "consent_wording")
                    .from("writing_groups").where("id", .equal, id.rawValue).first(),
                let lookup = try row.decode(column: "email_lookup", as: String?.self),
                let sealed = try row.decode(column: "email_sealed", as: String?.self)
            else { return nil }
            return GroupContact(
                lookup: lookup, emailSealed: sealed, hearsOutcome: try row.decode(column: "hears_outcome", as: Bool.self),
                consentWording: try row.decode(column: "consent_wording", as: String?.self))
        }
    }

    private func groups(matching filter: @escaping @Sendable (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [WritingGroup] {
        try await engine.read { database in
            try await filter(
                database.select().columns(
                    "id", "name", "town", "country", "kind", "size", "shows_name", "status", "verified", "language", "link_version"
                )
                .from("writing_groups")
            )
            .orderBy("name").orderBy("id").all().map(Self.group(from:))
        }
    }

    private static func group(from row: any SQLRow) throws -> WritingGroup {
        WritingGroup(
            id: Identifier(try row.decode(column: "id", as: String.self)), name: try row.decode(column: "name", as: String.self),
            town: try row.decode(column: "town", as: String.self),
            country: try row.decode(column: "country", as: String?.self).flatMap(Country.init(rawValue:)),
            kind: GroupKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .localGroup,
            size: try row.decode(column: "size", as: Int.self), showsName: try row.decode(column: "shows_name", as: Bool.self),
            status: GroupStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .waiting,
            verified: try row.decode(column: "verified", as: Bool.self),
            language: try row.decode(column: "language", as: String.self),
            linkVersion: try row.decode(column: "link_version", as: Int.self))
    }
}

// MARK: - Reports

extension Store {
    /// Stores a group's report once per key, counted or held for a coordinator when the group's reports on this
    /// action add up to more than its kind and size make plausible. Counted reports change public totals.
    public func record(_ report: IncomingGroupReport, group: WritingGroup) async throws -> ReportOutcome {
        let shard = counterShard
        let outcome: ReportOutcome = try await engine.transaction { database in
            let row = GroupReportRow(report)
            let inserted = try await database.insert(into: "group_reports").columns(GroupReportRow.columns).values(row.binds)
                .ignoringConflicts(with: "idempotency_key").returning("idempotency_key").all()
            guard !inserted.isEmpty else { return .duplicate }
            // Two reports of one group at once are decided one after the other, or both could pass the cap.
            if database.dialect.name == "postgresql" {
                try await database.raw("SELECT id FROM writing_groups WHERE id = \(bind: group.id.rawValue) FOR UPDATE").run()
            }
            let before = try await database.raw(
                """
                SELECT COALESCE(SUM(letters + cards + signatures + other), 0) AS total FROM group_reports
                WHERE group_id = \(bind: group.id.rawValue) AND urgent_action_id = \(bind: report.input.action.rawValue)
                AND status = 'counted' AND idempotency_key <> \(bind: report.idempotencyKey)
                """
            ).first()!.decode(column: "total", as: Int.self)
            let decision = GroupReportRules.decide(report.input, group: group, countedBefore: before)
            if let reason = decision.holdReason {
                try await database.update("group_reports").set("status", to: GroupReport.Status.held.rawValue)
                    .set("hold_reason", to: reason).where("idempotency_key", .equal, report.idempotencyKey).run()
                return .flagged(reason: reason)
            }
            try await Self.addToTotals(report.input, group: group.id, shard: shard, on: database)
            // The photo is there for a coordinator who checks numbers held back; a counted report keeps none.
            if report.photo != nil {
                try await database.update("group_reports").set("photo", to: SQLLiteral.null).set("photo_type", to: SQLLiteral.null)
                    .where("idempotency_key", .equal, report.idempotencyKey).run()
            }
            return .counted
        }
        return outcome
    }

    /// A group's reports, newest first.
    public func groupReports(of group: Identifier<WritingGroup>) async throws -> [GroupReport] {
        try await groupReports { $0.where("group_id", .equal, group.rawValue) }
    }

    /// One report, by its key.
    public func groupReport(_ id: String) async throws -> GroupReport? {
        try await groupReports { $0.where("idempotency_key", .equal, id) }.first
    }

    /// How many reports wait for a coordinator, for the home page.
    public func heldGroupReportCount() async throws -> Int {
        try await engine.read { database in
            try await database.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count").from("group_reports")
                .where("status", .equal, GroupReport.Status.held.rawValue).first()!.decode(column: "count", as: Int.self)
        }
    }

    /// Reports held for a coordinator, oldest first.
    public func heldGroupReports() async throws -> [GroupReport] {
        try await groupReports { $0.where("status", .equal, GroupReport.Status.held.rawValue) }.reversed()
    }

    /// The cleaned photo sent with a report, for coordinators.
    public func groupReportPhoto(_ id: String) async throws -> (mediaType: String, bytes: [UInt8])? {
        try await engine.read { database in
            guard
                let row = try await database.select().columns("photo_type", "photo").from("group_reports")
                    .where("idempotency_key", .equal, id).first(),
                let type = try row.decode(column: "photo_type", as: String?.self),
                let data = try row.decode(column: "photo", as: Data?.self)
            else { return nil }
            return (type, [UInt8](data))
        }
    }

    /// A coordinator counts a held report or keeps it out for good. False when it is not held (any longer).
    public func review(groupReport id: String, accept: Bool, actor: String, now: Date) async throws -> Bool {
        guard let report = try await groupReport(id) else { return false }
        let shard = counterShard
        let changed = try await engine.transaction { database in
            // Decided only if still held, in the statement that decides: of two coordinators at once, one decides.
            let decided = try await database.update("group_reports")
                .set("status", to: (accept ? GroupReport.Status.counted : .rejected).rawValue).set("reviewed_by", to: actor)
                .set("photo", to: SQLLiteral.null).set("photo_type", to: SQLLiteral.null)
                .where("idempotency_key", .equal, id).where("status", .equal, GroupReport.Status.held.rawValue)
                .returning("idempotency_key").all()
            guard !decided.isEmpty else { return false }
            if accept { try await Self.addToTotals(report.input, group: report.group, shard: shard, on: database) }
            try await Self.append(
                AuditEntry(
                    at: now, actor: actor, action: accept ? "accepted group report" : "rejected group report", recordKind: "group",
                    recordID: report.group.rawValue,
                    summary: "report \(id) on action \(report.input.action.rawValue) (held: \(report.holdReason ?? "")) "
                        + (accept ? "now counted" : "kept out of the totals")),
                on: database)
            return true
        }
        return changed
    }

    private func groupReports(matching filter: @escaping @Sendable (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [GroupReport] {
        try await engine.read { database in
            try await filter(
                database.select().columns(GroupReportRow.columns.filter { $0 != "photo" && $0 != "photo_type" } + ["hold_reason"])
                    .column(SQLRaw("CASE WHEN photo IS NULL THEN 0 ELSE 1 END"), as: "has_photo").from("group_reports")
            )
            .orderBy("reported_at", .descending).orderBy("idempotency_key", .descending).all().compactMap { row in
                let from = try HistoricalDate(iso: try row.decode(column: "from_day", as: String.self))
                let to = try HistoricalDate(iso: try row.decode(column: "to_day", as: String.self))
                var counts: [GroupActionKind: Int] = [:]
                for (kind, column) in GroupReportRow.kindColumns {
                    let count = try row.decode(column: column, as: Int.self)
                    if count > 0 { counts[kind] = count }
                }
                return GroupReport(
                    id: try row.decode(column: "idempotency_key", as: String.self),
                    group: Identifier(try row.decode(column: "group_id", as: String.self)),
                    input: GroupReportInput(
                        action: Identifier(try row.decode(column: "urgent_action_id", as: String.self)),
                        target: try row.decode(column: "target_id", as: String?.self).map { Identifier($0) }, counts: counts, from: from,
                        to: to),
                    reportedAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "reported_at", as: Int64.self)) / 1000),
                    status: GroupReport.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .held,
                    holdReason: try row.decode(column: "hold_reason", as: String?.self),
                    hasPhoto: try row.decode(column: "has_photo", as: Int.self) == 1)
            }
        }
    }

    /// Groups that had a report counted on any of these actions; those who agreed to be named and a coordinator
    /// checked, by name.
    public func groupsThatActed(on actions: [Identifier<UrgentAction>]) async throws -> (count: Int, named: [WritingGroup]) {
        guard !actions.isEmpty else { return (0, []) }
        let ids: [Identifier<WritingGroup>] = try await engine.read { database in
            try await database.select().distinct().column("group_id").from("group_reports")
                .where("urgent_action_id", .in, actions.map(\.rawValue))
                .where("status", .equal, GroupReport.Status.counted.rawValue).all()
                .map { Identifier(try $0.decode(column: "group_id", as: String.self)) }
        }
        return (ids.count, try await writingGroups(ids).filter { $0.showsName && $0.verified })
    }

    /// Groups whose organiser left an address, agreed to hear news and reported on `action`, each once.
    public func groupsToTell(of action: Identifier<UrgentAction>) async throws -> [GroupToTell] {
        try await engine.read { database in
            try await database.raw(
                """
                SELECT g.id, g.email_lookup, g.email_sealed, g.language FROM writing_groups g
                WHERE g.hears_outcome = \(bind: true) AND g.email_sealed IS NOT NULL AND EXISTS (
                    SELECT 1 FROM group_reports r WHERE r.group_id = g.id AND r.urgent_action_id = \(bind: action.rawValue)
                    AND r.status <> 'rejected')
                ORDER BY g.id
                """
            ).all().map { row in
                GroupToTell(
                    group: Identifier(try row.decode(column: "id", as: String.self)),
                    lookup: try row.decode(column: "email_lookup", as: String.self),
                    emailSealed: try row.decode(column: "email_sealed", as: String.self),
                    language: try row.decode(column: "language", as: String.self))
            }
        }
    }
}

struct GroupRow: Codable, Sendable {
    var id: String
    var name: String
    var town: String
    var country: String?
    var kind: String
    var size: Int
    var showsName: Bool
    var status: String
    var verified: Bool
    var emailLookup: String?
    var emailSealed: String?
    var hearsOutcome: Bool
    var consentWording: String?
    var language: String
    var linkVersion: Int
    var createdAt: Int64

    init(_ group: WritingGroup, contact: GroupContact?, createdAt: Date) {
        id = group.id.rawValue
        name = group.name
        town = group.town
        country = group.country?.code
        kind = group.kind.rawValue
        size = group.size
        showsName = group.showsName
        status = group.status.rawValue
        verified = group.verified
        emailLookup = contact?.lookup
        emailSealed = contact?.emailSealed
        hearsOutcome = contact?.hearsOutcome ?? false
        consentWording = contact?.consentWording
        language = group.language
        linkVersion = group.linkVersion
        self.createdAt = Int64(createdAt.timeIntervalSince1970 * 1000)
    }
}

struct GroupReportRow: Sendable {
    static let kindColumns: [(kind: GroupActionKind, column: String)] = [
        (.letter, "letters"), (.card, "cards"), (.signature, "signatures"), (.other, "other"),
    ]
    static let columns = [
        "idempotency_key", "group_id", "urgent_action_id", "target_id", "from_day", "to_day", "letters", "cards", "signatures", "other",
        "reported_at", "status", "photo_type", "photo",
    ]

    let report: IncomingGroupReport

    init(_ report: IncomingGroupReport) { self.report = report }

    /// The values in the order of `columns`; counted until the caps say otherwise, in the same transaction.
    var binds: [any SQLExpression] {
        let input = report.input
        return [
            SQLBind(report.idempotencyKey), SQLBind(report.group.rawValue), SQLBind(input.action.rawValue), SQLBind(input.target?.rawValue),
            SQLBind(input.from.iso), SQLBind(input.to.iso),
        ] + Self.kindColumns.map { SQLBind(input.counts[$0.kind] ?? 0) } + [
            SQLBind(Int64((report.reportedAt.timeIntervalSince1970 * 1000).rounded())), SQLBind(GroupReport.Status.counted.rawValue),
            SQLBind(report.photo?.format.mediaType), SQLBind(report.photo.map { Data($0.bytes) }),
        ]
    }
}
