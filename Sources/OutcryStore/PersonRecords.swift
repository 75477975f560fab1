import OutcryCore
import SQLKit

/// People at risk and the organisations they belong to.
public protocol PersonRecords: Sendable {
    /// The people with these ids, in the order of `ids`; unknown ids are left out.
    func people(_ ids: [Identifier<Person>]) async throws -> [Person]
    /// One person; nil when none has this id.
    func person(_ id: Identifier<Person>) async throws -> Person?
    /// Every person, by name.
    func allPeople() async throws -> [Person]
    /// The organisations with these ids, in the order of `ids`; unknown ids are left out.
    func organisations(_ ids: [Identifier<Organisation>]) async throws -> [Organisation]
    /// Every organisation, by name.
    func allOrganisations() async throws -> [Organisation]
    /// Saves one person as they are (their organisations must exist), and records who did what.
    func save(_ person: Person, audit: AuditEntry) async throws
    /// Saves one organisation as it is, and records who did what.
    func save(_ organisation: Organisation, audit: AuditEntry) async throws
}

extension Store: PersonRecords {
    public func people(_ ids: [Identifier<Person>]) async throws -> [Person] {
        guard !ids.isEmpty else { return [] }
        return try await engine.read { database in
            let rows = try await database.rows(of: "people", where: "id", in: ids.map(\.rawValue), orderedBy: "name", as: PersonRow.self)
            let affiliations: [String: [Identifier<Organisation>]] = try await database.links(
                "person_affiliations", owners: ("person_id", rows.map(\.id)), other: "organisation_id")
            return try rows.map { try $0.person(affiliations: affiliations[$0.id] ?? []) }.ordered(like: ids)
        }
    }

    public func person(_ id: Identifier<Person>) async throws -> Person? { try await people([id]).first }

    public func allPeople() async throws -> [Person] {
        try await people(ids(of: "people", orderedBy: "name"))
    }

    public func organisations(_ ids: [Identifier<Organisation>]) async throws -> [Organisation] {
        guard !ids.isEmpty else { return [] }
        return try await engine.read { database in
            try await database.rows(of: "organisations", where: "id", in: ids.map(\.rawValue), orderedBy: "name", as: OrganisationRow.self)
                .map { try $0.organisation() }
                .ordered(like: ids)
        }
    }

    public func allOrganisations() async throws -> [Organisation] {
        try await organisations(ids(of: "organisations", orderedBy: "name"))
    }

    public func save(_ person: Person, audit: AuditEntry) async throws {
        try await saveRecord(audit) { database in try await Self.write(person, on: database) }
    }

    public func save(_ organisation: Organisation, audit: AuditEntry) async throws {
        try await saveRecord(audit) { database in try await Self.write(organisation, on: database) }
    }

    static func write(_ person: Person, on database: any SQLDatabase) async throws {
        try await database.upsert(
            into: "people",
            PersonRow(
                id: person.id.rawValue, name: person.name, variants: try jsonText(person.variants),
                role: person.role, note: person.note, portraitImageId: person.portrait?.image, portraitAlt: person.portrait?.alt))
        try await database.replaceLinks(
            "person_affiliations", owner: ("person_id", person.id), others: ("organisation_id", person.affiliations))
        try await index(.person, person.id.rawValue, [person.name] + person.variants.map(\.name), on: database)
    }

    static func write(_ organisation: Organisation, on database: any SQLDatabase) async throws {
        try await database.upsert(
            into: "organisations",
            OrganisationRow(
                id: organisation.id.rawValue, name: organisation.name, kind: organisation.kind.rawValue,
                country: organisation.country?.code, variants: try jsonText(organisation.variants)))
        try await index(.organisation, organisation.id.rawValue, [organisation.name] + organisation.variants.map(\.name), on: database)
    }
}

struct PersonRow: Codable, Sendable {
    var id: String
    var name: String
    var variants: String
    var role: String?
    var note: String?
    var portraitImageId: String?
    var portraitAlt: String?

    func nameVariants() throws -> [NameVariant] { try RowReader(table: "people", id: id).json(variants) }

    func person(affiliations: [Identifier<Organisation>]) throws -> Person {
        Person(
            id: Identifier(id), name: name, variants: try RowReader(table: "people", id: id).json(variants), role: role,
            affiliations: affiliations, note: note, portrait: portraitImageId.map { Picture(image: $0, alt: portraitAlt ?? "") })
    }
}

struct OrganisationRow: Codable, Sendable {
    var id: String
    var name: String
    var kind: String
    var country: String?
    var variants: String

    func nameVariants() throws -> [NameVariant] { try RowReader(table: "organisations", id: id).json(variants) }

    func organisation() throws -> Organisation {
        let reader = RowReader(table: "organisations", id: id)
        return Organisation(
            id: Identifier(id), name: name, kind: try reader.value(kind),
            country: country.flatMap(Country.init(rawValue:)), variants: try reader.json(variants))
    }
}
