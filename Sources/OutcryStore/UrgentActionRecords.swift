import OutcryCore
import SQLKit

/// Urgent Actions, with their targets, sample letters and the people they name.
public protocol UrgentActionRecords: Sendable {
    /// Published and closed actions, newest first; drafts never leave the coordinator area.
    func publicUrgentActions() async throws -> [UrgentAction]
    /// Public actions about one case, newest first.
    func publicUrgentActions(inCase id: Identifier<Case>) async throws -> [UrgentAction]
    /// One action, a draft included; nil when none has this id.
    func urgentAction(_ id: Identifier<UrgentAction>) async throws -> UrgentAction?
    /// The actions with these ids, drafts included, in the order of `ids`; unknown ids are left out.
    func urgentActions(_ ids: [Identifier<UrgentAction>]) async throws -> [UrgentAction]
    /// Every action, drafts included, newest first: the coordinator area's list.
    func allUrgentActions() async throws -> [UrgentAction]
    /// Saves one action as it is (its case, people and targets must exist), and records who did what.
    func save(_ action: UrgentAction, audit: AuditEntry) async throws
}

extension Store: UrgentActionRecords {
    static let publicStatuses = [UrgentAction.Status.published.rawValue, UrgentAction.Status.closed.rawValue]

    public func publicUrgentActions() async throws -> [UrgentAction] {
        try await urgentActions { $0.where("status", .in, Self.publicStatuses) }
    }

    public func publicUrgentActions(inCase id: Identifier<Case>) async throws -> [UrgentAction] {
        try await urgentActions { $0.where("status", .in, Self.publicStatuses).where("case_id", .equal, id.rawValue) }
    }

    public func urgentAction(_ id: Identifier<UrgentAction>) async throws -> UrgentAction? {
        try await urgentActions([id]).first
    }

    public func urgentActions(_ ids: [Identifier<UrgentAction>]) async throws -> [UrgentAction] {
        guard !ids.isEmpty else { return [] }
        return try await engine.read { database in
            let rows = try await database.rows(
                of: "urgent_actions", where: "id", in: ids.map(\.rawValue), orderedBy: "number", as: UrgentActionRow.self)
            return try await Self.urgentActions(from: rows, on: database).ordered(like: ids)
        }
    }

    public func allUrgentActions() async throws -> [UrgentAction] {
        try await urgentActions { $0 }
    }

    public func save(_ action: UrgentAction, audit: AuditEntry) async throws {
        try await saveRecord(audit) { database in
            let before = try await database.select().column("status").from("urgent_actions").where("id", .equal, action.id.rawValue)
                .first().map { try $0.decode(column: "status", as: String.self) }.flatMap(UrgentAction.Status.init(rawValue:))
            try await Self.write(action, updates: action.updates, on: database)
            try await Self.settleAttention(on: action, on: database)
            if let event = Self.webhookEvent(from: before, to: action.status) {
                try await Self.queueWebhookEvent(event, data: Self.webhookData(action), on: database, now: audit.at)
            }
        }
    }

    /// What partners hear of a change of status: published, changed while published, closed; nothing of drafts.
    static func webhookEvent(from before: UrgentAction.Status?, to after: UrgentAction.Status) -> Webhook.Event? {
        switch (before, after) {
        case (.published, .published): .actionUpdated
        case (_, .published): .actionPublished
        case (.published, .closed): .actionClosed
        default: nil
        }
    }

    static func webhookData(_ action: UrgentAction) -> [String: Any] {
        var data: [String: Any] = [
            "action_id": action.id.rawValue, "number": action.number, "title": action.title, "status": action.status.rawValue,
            "href": "/api/v1/actions/\(action.id.rawValue)",
        ]
        data["deadline"] = action.deadline?.iso
        if let outcome = action.outcome { data["outcome"] = ["kind": outcome.kind.rawValue, "note": outcome.note] }
        return data
    }

    private func urgentActions(
        matching filter: @escaping @Sendable (SQLSelectBuilder) -> SQLSelectBuilder
    ) async throws -> [UrgentAction] {
        try await engine.read { database in
            let rows = try await filter(database.select().columns("*").from("urgent_actions"))
                .orderBy("issued", .descending).orderBy("number")
                .all(decoding: UrgentActionRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            return try await Self.urgentActions(from: rows, on: database)
        }
    }

    /// The actions of `rows`, in their order, with their parts read in one query per part for all of them.
    static func urgentActions(from rows: [UrgentActionRow], on database: any SQLDatabase) async throws -> [UrgentAction] {
        let ids = rows.map(\.id)
        let targets = Dictionary(
            grouping: try await database.rows(
                of: "urgent_action_targets", where: "urgent_action_id", in: ids, orderedBy: "position", as: UrgentActionTargetRow.self),
            by: \.urgentActionId)
        let letters = Dictionary(
            grouping: try await database.rows(
                of: "sample_letters", where: "urgent_action_id", in: ids, orderedBy: "position", as: SampleLetterRow.self),
            by: \.urgentActionId)
        let people: [String: [Identifier<Person>]] = try await database.links(
            "urgent_action_people", owners: ("urgent_action_id", ids), other: "person_id")
        return try rows.map { row in
            try row.urgentAction(targets: targets[row.id] ?? [], letters: letters[row.id] ?? [], people: people[row.id] ?? [])
        }
    }

    static func write(_ action: UrgentAction, updates: Identifier<UrgentAction>?, on database: any SQLDatabase) async throws {
        try await database.upsert(
            into: "urgent_actions",
            UrgentActionRow(
                id: action.id.rawValue, number: action.number, kind: action.kind.rawValue, caseId: action.caseID.rawValue,
                title: action.title, summary: action.summary, issued: action.issued.iso, deadline: action.deadline?.iso,
                language: action.language, takeAction: try jsonText(action.takeAction), asks: try jsonText(action.asks),
                status: action.status.rawValue, outcomeKind: action.outcome?.kind.rawValue,
                outcomeNote: action.outcome?.note, updatesId: updates?.rawValue, goal: action.goal))
        try await database.replaceLinks(
            "urgent_action_people", owner: ("urgent_action_id", action.id), others: ("person_id", action.people))
        // A draft is found by no one.
        try await index(
            .action, action.id.rawValue,
            action.status == .draft
                ? [] : [action.title, action.number] + translatedTitles(.urgentAction, action.id.rawValue, on: database),
            on: database)
        try await database.delete(from: "urgent_action_targets").where("urgent_action_id", .equal, action.id.rawValue).run()
        for (position, entry) in action.targets.enumerated() {
            try await database.insert(into: "urgent_action_targets").model(
                UrgentActionTargetRow(
                    urgentActionId: action.id.rawValue, targetId: entry.target.rawValue, role: entry.role.rawValue,
                    position: position),
                keyEncodingStrategy: .convertToSnakeCase
            ).run()
        }
        try await database.delete(from: "sample_letters").where("urgent_action_id", .equal, action.id.rawValue).run()
        for (position, letter) in action.letters.enumerated() {
            try await database.insert(into: "sample_letters").model(
                SampleLetterRow(
                    urgentActionId: action.id.rawValue, position: position, targetId: letter.target?.rawValue,
                    language: letter.language, salutation: letter.salutation,
                    paragraphs: try jsonText(letter.paragraphs), closing: letter.closing),
                keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil
            ).run()
        }
    }
}

struct UrgentActionRow: Codable, Sendable {
    var id: String
    var number: String
    var kind: String
    var caseId: String
    var title: String
    var summary: String
    var issued: String
    var deadline: String?
    var language: String
    var takeAction: String
    var asks: String
    var status: String
    var outcomeKind: String?
    var outcomeNote: String?
    var updatesId: String?
    var goal: Int?

    func urgentAction(
        targets: [UrgentActionTargetRow], letters: [SampleLetterRow], people: [Identifier<Person>]
    ) throws -> UrgentAction {
        let reader = RowReader(table: "urgent_actions", id: id)
        let outcome = try outcomeKind.map { Outcome(kind: try reader.value($0), note: outcomeNote ?? "") }
        return UrgentAction(
            id: Identifier(id), number: number, kind: try reader.value(kind), caseID: Identifier(caseId),
            title: title, summary: summary, issued: try reader.date(issued),
            deadline: try deadline.map { try reader.date($0) }, language: language,
            takeAction: try reader.json(takeAction), asks: try reader.json(asks), people: people,
            targets: try targets.map { UrgentActionTarget(target: Identifier($0.targetId), role: try reader.value($0.role)) },
            letters: try letters.map {
                SampleLetter(
                    target: $0.targetId.map { Identifier($0) }, language: $0.language, salutation: $0.salutation,
                    paragraphs: try reader.json($0.paragraphs), closing: $0.closing)
            },
            status: try reader.value(status), outcome: outcome, updates: updatesId.map { Identifier($0) }, goal: goal)
    }
}

struct UrgentActionTargetRow: Codable, Sendable {
    var urgentActionId: String
    var targetId: String
    var role: String
    var position: Int
}

struct SampleLetterRow: Codable, Sendable {
    var urgentActionId: String
    var position: Int
    var targetId: String?
    var language: String
    var salutation: String
    var paragraphs: String
    var closing: String
}
