import OutcryCore
import SQLKit

extension Store {
    /// Published and closed actions, newest first; drafts never leave the coordinator area.
    public func publicUrgentActions() async throws -> [UrgentAction] {
        try await engine.read { database in
            let rows = try await database.select().columns("*").from("urgent_actions")
                .where("status", .in, [UrgentAction.Status.published.rawValue, UrgentAction.Status.closed.rawValue])
                .orderBy("issued", .descending).orderBy("number")
                .all(decoding: UrgentActionRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            var actions: [UrgentAction] = []
            for row in rows { actions.append(try await Self.urgentAction(from: row, on: database)) }
            return actions
        }
    }

    public func urgentAction(_ id: Identifier<UrgentAction>) async throws -> UrgentAction? {
        try await engine.read { database in
            guard let row = try await database.select().columns("*").from("urgent_actions")
                .where("id", .equal, id.rawValue)
                .first(decoding: UrgentActionRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            else { return nil }
            return try await Self.urgentAction(from: row, on: database)
        }
    }

    /// Public actions about one case, newest first.
    public func publicUrgentActions(inCase id: Identifier<Case>) async throws -> [UrgentAction] {
        try await publicUrgentActions().filter { $0.caseID == id }
    }

    public func cases(_ ids: [Identifier<Case>]) async throws -> [Case] {
        guard !ids.isEmpty else { return [] }
        return try await engine.read { database in
            let rows = try await database.select().columns("*").from("cases")
                .where("id", .in, ids.map(\.rawValue))
                .all(decoding: CaseRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            var cases: [Case] = []
            for row in rows {
                let reader = RowReader(table: "cases", id: row.id)
                guard let country = Country(rawValue: row.country) else {
                    throw StoreError.corruptRow(table: "cases", id: row.id, reason: "unknown country “\(row.country)”")
                }
                cases.append(Case(
                    id: Identifier(row.id), title: row.title, country: country, summary: row.summary,
                    themes: try reader.json(row.themes), status: try reader.value(row.status),
                    people: try await database.links("case_people", owner: ("case_id", row.id), other: "person_id"),
                    organisations: try await database.links("case_organisations", owner: ("case_id", row.id), other: "organisation_id")))
            }
            return cases.ordered(like: ids)
        }
    }

    public func `case`(_ id: Identifier<Case>) async throws -> Case? { try await cases([id]).first }

    public func people(_ ids: [Identifier<Person>]) async throws -> [Person] {
        guard !ids.isEmpty else { return [] }
        return try await engine.read { database in
            let rows = try await database.select().columns("*").from("people")
                .where("id", .in, ids.map(\.rawValue))
                .all(decoding: PersonRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            var people: [Person] = []
            for row in rows {
                people.append(Person(
                    id: Identifier(row.id), name: row.name,
                    variants: try RowReader(table: "people", id: row.id).json(row.variants), role: row.role,
                    affiliations: try await database.links("person_affiliations", owner: ("person_id", row.id), other: "organisation_id"),
                    note: row.note))
            }
            return people.ordered(like: ids)
        }
    }

    public func person(_ id: Identifier<Person>) async throws -> Person? { try await people([id]).first }

    public func organisations(_ ids: [Identifier<Organisation>]) async throws -> [Organisation] {
        guard !ids.isEmpty else { return [] }
        return try await engine.read { database in
            try await database.select().columns("*").from("organisations")
                .where("id", .in, ids.map(\.rawValue))
                .all(decoding: OrganisationRow.self, keyDecodingStrategy: .convertFromSnakeCase)
                .map { row in
                    let reader = RowReader(table: "organisations", id: row.id)
                    return Organisation(
                        id: Identifier(row.id), name: row.name, kind: try reader.value(row.kind),
                        country: row.country.flatMap(Country.init(rawValue:)), variants: try reader.json(row.variants))
                }
                .ordered(like: ids)
        }
    }

    public func targets(_ ids: [Identifier<Target>]) async throws -> [Target] {
        guard !ids.isEmpty else { return [] }
        return try await engine.read { database in
            try await database.select().columns("*").from("targets")
                .where("id", .in, ids.map(\.rawValue))
                .all(decoding: TargetRow.self, keyDecodingStrategy: .convertFromSnakeCase)
                .map { row in
                    let reader = RowReader(table: "targets", id: row.id)
                    return Target(
                        id: Identifier(row.id), honorific: row.honorific, name: row.name, title: row.title, body: row.body,
                        addressLines: try reader.json(row.addressLines), country: row.country.flatMap(Country.init(rawValue:)),
                        emails: try reader.json(row.emails), fax: row.fax, phone: row.phone,
                        socialHandles: try reader.json(row.socialHandles), contactFormURL: row.contactFormUrl,
                        salutation: row.salutation, preferredLanguage: row.preferredLanguage,
                        unusableContacts: try reader.json(row.unusableContacts),
                        lastVerified: try row.lastVerified.map { try reader.date($0) })
                }
                .ordered(like: ids)
        }
    }

    /// A case's events in the order they happened.
    public func events(inCase id: Identifier<Case>) async throws -> [Event] {
        try await events { $0.where("case_id", .equal, id.rawValue) }
    }

    /// Every event that names a person, in the order they happened.
    public func events(affecting id: Identifier<Person>) async throws -> [Event] {
        try await events {
            $0.where("id", .in, SQLSubquery.select { $0.column("event_id").from("event_people").where("person_id", .equal, id.rawValue) })
        }
    }

    func events(matching filter: @escaping @Sendable (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [Event] {
        try await engine.read { database in
            let rows = try await filter(database.select().columns("*").from("events"))
                .orderBy("position")
                .all(decoding: EventRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            var events: [Event] = []
            for row in rows {
                let reader = RowReader(table: "events", id: row.id)
                let date: EventDate
                do throws(DateError) { date = try EventDate(iso: [row.dateStart, row.dateEnd].compactMap { $0 }.joined(separator: "/")) } catch {
                    throw StoreError.corruptRow(table: "events", id: row.id, reason: error.description)
                }
                let source: SourceReference? =
                    switch (row.sourceKind, row.sourceId) {
                    case ("urgent_action", let id?): .urgentAction(Identifier(id))
                    case ("statement", let id?): .statement(Identifier(id))
                    case ("external", _): .external(title: row.sourceTitle ?? "", url: row.sourceUrl)
                    default: nil
                    }
                events.append(Event(
                    id: Identifier(row.id), caseID: Identifier(row.caseId), date: date, kind: try reader.value(row.kind),
                    summary: row.summary, place: row.place,
                    people: try await database.links("event_people", owner: ("event_id", row.id), other: "person_id"),
                    unnamedCount: row.unnamedCount,
                    organisations: try await database.links("event_organisations", owner: ("event_id", row.id), other: "organisation_id"),
                    term: row.term, source: source))
            }
            return Timeline.ordered(events)
        }
    }

    /// Statements, newest first.
    public func statements(limit: Int = 20) async throws -> [Statement] {
        try await statements { $0.limit(limit) }
    }

    public func statement(_ id: Identifier<Statement>) async throws -> Statement? {
        try await statements { $0.where("id", .equal, id.rawValue) }.first
    }

    /// Statements that speak about a case, newest first.
    public func statements(aboutCase id: Identifier<Case>) async throws -> [Statement] {
        try await statements {
            $0.where("id", .in, SQLSubquery.select { $0.column("statement_id").from("statement_cases").where("case_id", .equal, id.rawValue) })
        }
    }

    private func statements(matching filter: @escaping @Sendable (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [Statement] {
        try await engine.read { database in
            let rows = try await filter(database.select().columns("*").from("statements").orderBy("published", .descending))
                .all(decoding: StatementRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            var statements: [Statement] = []
            for row in rows {
                let reader = RowReader(table: "statements", id: row.id)
                let quotes = try await database.select().columns("*").from("statement_quotes")
                    .where("statement_id", .equal, row.id).orderBy("position")
                    .all(decoding: QuoteRow.self, keyDecodingStrategy: .convertFromSnakeCase)
                    .map { Quote(paragraphs: try reader.json($0.paragraphs), speaker: $0.speaker, role: $0.role) }
                statements.append(Statement(
                    id: Identifier(row.id), title: row.title, published: try reader.date(row.published),
                    lead: try reader.json(row.lead), quotes: quotes, background: try reader.json(row.background),
                    cases: try await database.links("statement_cases", owner: ("statement_id", row.id), other: "case_id"),
                    people: try await database.links("statement_people", owner: ("statement_id", row.id), other: "person_id"),
                    organisations: try await database.links(
                        "statement_organisations", owner: ("statement_id", row.id), other: "organisation_id")))
            }
            return statements
        }
    }

    static func urgentAction(from row: UrgentActionRow, on database: any SQLDatabase) async throws -> UrgentAction {
        let reader = RowReader(table: "urgent_actions", id: row.id)
        let targets = try await database.select().columns("*").from("urgent_action_targets")
            .where("urgent_action_id", .equal, row.id).orderBy("position")
            .all(decoding: UrgentActionTargetRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            .map { UrgentActionTarget(target: Identifier($0.targetId), role: try reader.value($0.role)) }
        let letters = try await database.select().columns("*").from("sample_letters")
            .where("urgent_action_id", .equal, row.id).orderBy("position")
            .all(decoding: SampleLetterRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            .map {
                SampleLetter(
                    target: $0.targetId.map { Identifier($0) }, language: $0.language, salutation: $0.salutation,
                    paragraphs: try reader.json($0.paragraphs), closing: $0.closing)
            }
        let outcome = try row.outcomeKind.map { Outcome(kind: try reader.value($0), note: row.outcomeNote ?? "") }
        return UrgentAction(
            id: Identifier(row.id), number: row.number, kind: try reader.value(row.kind), caseID: Identifier(row.caseId),
            title: row.title, summary: row.summary, issued: try reader.date(row.issued),
            deadline: try row.deadline.map { try reader.date($0) }, language: row.language,
            takeAction: try reader.json(row.takeAction), asks: try reader.json(row.asks),
            people: try await database.links("urgent_action_people", owner: ("urgent_action_id", row.id), other: "person_id"),
            targets: targets, letters: letters, status: try reader.value(row.status), outcome: outcome,
            updates: row.updatesId.map { Identifier($0) })
    }
}

extension Array where Element: Identifiable, Element.ID: Hashable {
    /// The elements in the order of `ids`, which is the order an editor chose.
    func ordered(like ids: [Element.ID]) -> [Element] {
        let byID = Dictionary(map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }
}
