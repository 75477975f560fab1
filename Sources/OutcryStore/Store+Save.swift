import Foundation
import OutcryCore
import SQLKit

extension Store {
    /// Inserts or replaces every record of `dataset` in one transaction: all of it lands, or none.
    public func save(_ dataset: Dataset) async throws {
        let problems = dataset.problems()
        guard problems.isEmpty else { throw StoreError.invalidDataset(problems) }
        try await engine.transaction { database in
            try await Self.write(dataset, on: database)
        }
        noteLocalChange()
    }

    static func write(_ dataset: Dataset, on database: any SQLDatabase) async throws {
        for organisation in dataset.organisations {
            try await write(organisation, on: database)
        }
        for person in dataset.people {
            try await write(person, on: database)
        }
        for item in dataset.cases {
            try await write(item, on: database)
        }
        for target in dataset.targets {
            try await write(target, on: database)
        }
        // An action may update one saved later in the same set: link them once all exist.
        for action in dataset.urgentActions {
            try await write(action, updates: nil, on: database)
        }
        for action in dataset.urgentActions where action.updates != nil {
            try await database.update("urgent_actions").set("updates_id", to: action.updates?.rawValue)
                .where("id", .equal, action.id.rawValue).run()
        }
        for statement in dataset.statements {
            try await write(statement, on: database)
        }
        for (position, event) in dataset.events.enumerated() {
            try await write(event, position: position, on: database)
        }
        try await bumpContentVersion(on: database)
    }

    static func write(_ action: UrgentAction, updates: Identifier<UrgentAction>?, on database: any SQLDatabase) async throws {
        try await database.upsert(into: "urgent_actions", UrgentActionRow(
            id: action.id.rawValue, number: action.number, kind: action.kind.rawValue, caseId: action.caseID.rawValue,
            title: action.title, summary: action.summary, issued: action.issued.iso, deadline: action.deadline?.iso,
            language: action.language, takeAction: try jsonText(action.takeAction), asks: try jsonText(action.asks),
            status: action.status.rawValue, outcomeKind: action.outcome?.kind.rawValue,
            outcomeNote: action.outcome?.note, updatesId: updates?.rawValue))
        try await database.replaceLinks("urgent_action_people", owner: ("urgent_action_id", action.id), others: ("person_id", action.people))
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

    static func write(_ organisation: Organisation, on database: any SQLDatabase) async throws {
        try await database.upsert(into: "organisations", OrganisationRow(
            id: organisation.id.rawValue, name: organisation.name, kind: organisation.kind.rawValue,
            country: organisation.country?.code, variants: try jsonText(organisation.variants)))
    }

    static func write(_ person: Person, on database: any SQLDatabase) async throws {
        try await database.upsert(into: "people", PersonRow(
            id: person.id.rawValue, name: person.name, variants: try jsonText(person.variants),
            role: person.role, note: person.note))
        try await database.replaceLinks("person_affiliations", owner: ("person_id", person.id), others: ("organisation_id", person.affiliations))
    }

    static func write(_ item: Case, on database: any SQLDatabase) async throws {
        try await database.upsert(into: "cases", CaseRow(
            id: item.id.rawValue, title: item.title, country: item.country.code, summary: item.summary,
            themes: try jsonText(item.themes), status: item.status.rawValue))
        try await database.replaceLinks("case_people", owner: ("case_id", item.id), others: ("person_id", item.people))
        try await database.replaceLinks("case_organisations", owner: ("case_id", item.id), others: ("organisation_id", item.organisations))
    }

    static func write(_ target: Target, on database: any SQLDatabase) async throws {
        try await database.upsert(into: "targets", TargetRow(
            id: target.id.rawValue, honorific: target.honorific, name: target.name, title: target.title,
            body: target.body, addressLines: try jsonText(target.addressLines), country: target.country?.code,
            emails: try jsonText(target.emails), fax: target.fax, phone: target.phone,
            socialHandles: try jsonText(target.socialHandles), contactFormUrl: target.contactFormURL,
            salutation: target.salutation, preferredLanguage: target.preferredLanguage,
            unusableContacts: try jsonText(target.unusableContacts), lastVerified: target.lastVerified?.iso))
    }

    static func write(_ statement: Statement, on database: any SQLDatabase) async throws {
        try await database.upsert(into: "statements", StatementRow(
            id: statement.id.rawValue, title: statement.title, published: statement.published.iso,
            lead: try jsonText(statement.lead), background: try jsonText(statement.background)))
        try await database.delete(from: "statement_quotes").where("statement_id", .equal, statement.id.rawValue).run()
        for (position, quote) in statement.quotes.enumerated() {
            try await database.insert(into: "statement_quotes").model(
                QuoteRow(
                    statementId: statement.id.rawValue, position: position, speaker: quote.speaker, role: quote.role,
                    paragraphs: try jsonText(quote.paragraphs)),
                keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil
            ).run()
        }
        try await database.replaceLinks("statement_cases", owner: ("statement_id", statement.id), others: ("case_id", statement.cases))
        try await database.replaceLinks("statement_people", owner: ("statement_id", statement.id), others: ("person_id", statement.people))
        try await database.replaceLinks(
            "statement_organisations", owner: ("statement_id", statement.id), others: ("organisation_id", statement.organisations))
    }

    static func write(_ event: Event, position: Int, on database: any SQLDatabase) async throws {
        var row = EventRow(
            id: event.id.rawValue, caseId: event.caseID.rawValue, dateStart: event.date.start.iso,
            dateEnd: event.date.end?.iso, kind: event.kind.rawValue, summary: event.summary, place: event.place,
            unnamedCount: event.unnamedCount, term: event.term, position: position)
        switch event.source {
        case .urgentAction(let id): (row.sourceKind, row.sourceId) = ("urgent_action", id.rawValue)
        case .statement(let id): (row.sourceKind, row.sourceId) = ("statement", id.rawValue)
        case .external(let title, let url): (row.sourceKind, row.sourceTitle, row.sourceUrl) = ("external", title, url)
        case nil: break
        }
        try await database.upsert(into: "events", row)
        try await database.replaceLinks("event_people", owner: ("event_id", event.id), others: ("person_id", event.people))
        try await database.replaceLinks(
            "event_organisations", owner: ("event_id", event.id), others: ("organisation_id", event.organisations))
    }

    /// Records that a named, one-off load (such as the demo data) has happened; false if it already had.
    public func markDone(_ key: String) async throws -> Bool {
        try await engine.transaction { database in
            try await Self.markDone(key, on: database)
        }
    }

    static func markDone(_ key: String, on database: any SQLDatabase) async throws -> Bool {
        let existing = try await database.select().column("key").from("settings").where("key", .equal, key).first()
        guard existing == nil else { return false }
        try await database.insert(into: "settings").columns("key", "value")
            .values(SQLBind(key), SQLBind(ISO8601DateFormatter().string(from: Date()))).run()
        return true
    }
}

extension SQLDatabase {
    /// Inserts `row`, or overwrites every column of the row with the same key.
    func upsert<Row: Encodable & Sendable>(into table: String, _ row: Row, conflictingOn key: String = "id") async throws {
        try await insert(into: table)
            .model(row, keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil)
            .onConflict(with: key) {
                try $0.set(excludedContentOf: row, keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil)
            }
            .run()
    }

    /// Makes the ordered links from one record to others exactly `others`.
    func replaceLinks<Owner, Other>(
        _ table: String, owner: (column: String, id: Identifier<Owner>), others: (column: String, ids: [Identifier<Other>])
    ) async throws {
        try await delete(from: table).where(SQLIdentifier(owner.column), .equal, SQLBind(owner.id.rawValue)).run()
        guard !others.ids.isEmpty else { return }
        let insert = self.insert(into: table).columns(owner.column, others.column, "position")
        for (position, id) in others.ids.enumerated() {
            insert.values(SQLBind(owner.id.rawValue), SQLBind(id.rawValue), SQLBind(position))
        }
        try await insert.run()
    }

    /// The ids an ordered link table holds for one owner, in order.
    func links<Other>(_ table: String, owner: (column: String, id: String), other column: String) async throws -> [Identifier<Other>] {
        try await select().column(SQLIdentifier(column)).from(table)
            .where(SQLIdentifier(owner.column), .equal, SQLBind(owner.id))
            .orderBy("position")
            .all()
            .map { Identifier(try $0.decode(column: column, as: String.self)) }
    }
}
