import OutcryCore
import SQLKit

/// Status events: the timeline of what happened to the people in a case.
public protocol EventRecords: Sendable {
    /// A case's events in the order they happened.
    func events(inCase id: Identifier<Case>) async throws -> [Event]
    /// Every event that names a person, in the order they happened.
    func events(affecting id: Identifier<Person>) async throws -> [Event]
    /// Every status change of every case, in the order they happened.
    func allEvents() async throws -> [Event]
    /// One event; nil when none has this id.
    func event(_ id: Identifier<Event>) async throws -> Event?
    /// Saves a status change; a new one goes after every event recorded so far, an edited one keeps its place.
    func save(_ event: Event, audit: AuditEntry) async throws
}

extension Store: EventRecords {
    public func events(inCase id: Identifier<Case>) async throws -> [Event] {
        try await events { $0.where("case_id", .equal, id.rawValue) }
    }

    public func events(affecting id: Identifier<Person>) async throws -> [Event] {
        try await events {
            $0.where(
                "id", .in,
                SQLSubquery.select {
                    $0.column("event_id").from("event_people").where("person_id", .equal, id.rawValue)
                })
        }
    }

    public func allEvents() async throws -> [Event] {
        try await events { $0 }
    }

    public func event(_ id: Identifier<Event>) async throws -> Event? {
        try await events { $0.where("id", .equal, id.rawValue) }.first
    }

    public func save(_ event: Event, audit: AuditEntry) async throws {
        try await saveRecord(audit) { database in
            let existing = try await database.select().column("position").from("events")
                .where("id", .equal, event.id.rawValue).first()
            let position: Int
            if let existing {
                position = try existing.decode(column: "position", as: Int.self)
            } else {
                let last = SQLFunction("COALESCE", args: SQLFunction("MAX", args: SQLColumn("position")), SQLLiteral.numeric("-1"))
                position =
                    try await database.select().column(last, as: "last")
                    .from("events").first()!.decode(column: "last", as: Int.self) + 1
            }
            try await Self.write(event, position: position, on: database)
            // Recorded now, not corrected: a typo fixed in last year's release asks nobody to look again.
            if existing == nil { try await Self.raiseAttention(for: event, on: database, now: audit.at) }
            // A release, a transfer, a sentence: partners following these people hear of it.
            if event.kind.resultingStatus != nil, !event.people.isEmpty {
                try await Self.queueWebhookEvent(
                    .personStatusChanged,
                    data: [
                        "event_id": event.id.rawValue, "case_id": event.caseID.rawValue, "kind": event.kind.rawValue,
                        "date": event.date.iso,
                        "person_ids": event.people.map(\.rawValue), "href": "/api/v1/cases/\(event.caseID.rawValue)",
                    ], on: database, now: audit.at)
            }
        }
    }

    private func events(matching filter: @escaping @Sendable (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [Event] {
        try await engine.read { database in
            let rows = try await filter(database.select().columns("*").from("events"))
                .orderBy("position")
                .all(decoding: EventRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            let owners = ("event_id", rows.map(\.id))
            let people: [String: [Identifier<Person>]] = try await database.links("event_people", owners: owners, other: "person_id")
            let organisations: [String: [Identifier<Organisation>]] = try await database.links(
                "event_organisations", owners: owners, other: "organisation_id")
            return Timeline.ordered(try rows.map { try $0.event(people: people[$0.id] ?? [], organisations: organisations[$0.id] ?? []) })
        }
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
}

struct EventRow: Codable, Sendable {
    var id: String
    var caseId: String
    var dateStart: String
    var dateEnd: String?
    var kind: String
    var summary: String
    var place: String?
    var unnamedCount: Int?
    var term: String?
    var sourceKind: String?
    var sourceId: String?
    var sourceTitle: String?
    var sourceUrl: String?
    var position: Int

    func event(people: [Identifier<Person>], organisations: [Identifier<Organisation>]) throws -> Event {
        let date: EventDate
        do throws(DateError) { date = try EventDate(iso: [dateStart, dateEnd].compactMap { $0 }.joined(separator: "/")) } catch {
            throw StoreError.corruptRow(table: "events", id: id, reason: error.description)
        }
        let source: SourceReference? =
            switch (sourceKind, sourceId) {
            case ("urgent_action", let id?): .urgentAction(Identifier(id))
            case ("statement", let id?): .statement(Identifier(id))
            case ("external", _): .external(title: sourceTitle ?? "", url: sourceUrl)
            default: nil
            }
        return Event(
            id: Identifier(id), caseID: Identifier(caseId), date: date, kind: try RowReader(table: "events", id: id).value(kind),
            summary: summary, place: place, people: people, unnamedCount: unnamedCount, organisations: organisations,
            term: term, source: source)
    }
}
