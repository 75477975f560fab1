import OutcryCore
import SQLKit

/// Cases: the situations actions and statements are about, with the people and organisations in them.
public protocol CaseRecords: Sendable {
    /// The cases with these ids, in the order of `ids`; unknown ids are left out.
    func cases(_ ids: [Identifier<Case>]) async throws -> [Case]
    /// One case; nil when none has this id.
    func `case`(_ id: Identifier<Case>) async throws -> Case?
    /// Every case, by title.
    func allCases() async throws -> [Case]
    /// Saves one case as it is (its people and organisations must exist), and records who did what.
    func save(_ item: Case, audit: AuditEntry) async throws
}

extension Store: CaseRecords {
    public func cases(_ ids: [Identifier<Case>]) async throws -> [Case] {
        guard !ids.isEmpty else { return [] }
        return try await engine.read { database in
            let rows = try await database.rows(of: "cases", where: "id", in: ids.map(\.rawValue), orderedBy: "title", as: CaseRow.self)
            let owners = ("case_id", rows.map(\.id))
            let people: [String: [Identifier<Person>]] = try await database.links("case_people", owners: owners, other: "person_id")
            let organisations: [String: [Identifier<Organisation>]] = try await database.links(
                "case_organisations", owners: owners, other: "organisation_id")
            return try rows.map { try $0.case(people: people[$0.id] ?? [], organisations: organisations[$0.id] ?? []) }
                .ordered(like: ids)
        }
    }

    public func `case`(_ id: Identifier<Case>) async throws -> Case? { try await cases([id]).first }

    public func allCases() async throws -> [Case] {
        try await cases(ids(of: "cases", orderedBy: "title"))
    }

    public func save(_ item: Case, audit: AuditEntry) async throws {
        try await saveRecord(audit) { database in try await Self.write(item, on: database) }
    }

    static func write(_ item: Case, on database: any SQLDatabase) async throws {
        try await database.upsert(
            into: "cases",
            CaseRow(
                id: item.id.rawValue, title: item.title, country: item.country.code, summary: item.summary,
                themes: try jsonText(item.themes), status: item.status.rawValue, pictureImageId: item.picture?.image,
                pictureAlt: item.picture?.alt))
        try await database.replaceLinks("case_people", owner: ("case_id", item.id), others: ("person_id", item.people))
        try await database.replaceLinks(
            "case_organisations", owner: ("case_id", item.id), others: ("organisation_id", item.organisations))
        try await index(.case, item.id.rawValue, [item.title] + translatedTitles(.case, item.id.rawValue, on: database), on: database)
    }
}

struct CaseRow: Codable, Sendable {
    var id: String
    var title: String
    var country: String
    var summary: String
    var themes: String
    var status: String
    var pictureImageId: String?
    var pictureAlt: String?

    func `case`(people: [Identifier<Person>], organisations: [Identifier<Organisation>]) throws -> Case {
        let reader = RowReader(table: "cases", id: id)
        guard let country = Country(rawValue: country) else {
            throw StoreError.corruptRow(table: "cases", id: id, reason: "unknown country “\(self.country)”")
        }
        var item = Case(
            id: Identifier(id), title: title, country: country, summary: summary,
            themes: try reader.json(themes), status: try reader.value(status),
            people: people, organisations: organisations)
        item.picture = pictureImageId.map { Picture(image: $0, alt: pictureAlt ?? "") }
        return item
    }
}
