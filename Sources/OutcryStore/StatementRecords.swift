import OutcryCore
import SQLKit

/// Public statements, with their quotes and the cases, people and organisations they speak about.
public protocol StatementRecords: Sendable {
    /// The latest `limit` statements, newest first.
    func statements(limit: Int) async throws -> [Statement]
    /// One statement; nil when none has this id.
    func statement(_ id: Identifier<Statement>) async throws -> Statement?
    /// Statements that speak about a case, newest first.
    func statements(aboutCase id: Identifier<Case>) async throws -> [Statement]
    /// Every statement, newest first.
    func allStatements() async throws -> [Statement]
    /// Saves one statement as it is (what it speaks about must exist), and records who did what.
    func save(_ statement: Statement, audit: AuditEntry) async throws
}

extension Store: StatementRecords {
    public func statements(limit: Int = 20) async throws -> [Statement] {
        try await statements { $0.limit(limit) }
    }

    public func statement(_ id: Identifier<Statement>) async throws -> Statement? {
        try await statements { $0.where("id", .equal, id.rawValue) }.first
    }

    public func statements(aboutCase id: Identifier<Case>) async throws -> [Statement] {
        try await statements {
            $0.where(
                "id", .in,
                SQLSubquery.select {
                    $0.column("statement_id").from("statement_cases").where("case_id", .equal, id.rawValue)
                })
        }
    }

    public func allStatements() async throws -> [Statement] {
        try await statements(limit: 100_000)
    }

    public func save(_ statement: Statement, audit: AuditEntry) async throws {
        try await saveRecord(audit) { database in try await Self.write(statement, on: database) }
    }

    private func statements(matching filter: @escaping @Sendable (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [Statement] {
        try await engine.read { database in
            let rows = try await filter(database.select().columns("*").from("statements").orderBy("published", .descending))
                .all(decoding: StatementRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            let ids = rows.map(\.id)
            let quotes = Dictionary(
                grouping: try await database.rows(
                    of: "statement_quotes", where: "statement_id", in: ids, orderedBy: "position", as: QuoteRow.self),
                by: \.statementId)
            let owners = ("statement_id", ids)
            let cases: [String: [Identifier<Case>]] = try await database.links("statement_cases", owners: owners, other: "case_id")
            let people: [String: [Identifier<Person>]] = try await database.links("statement_people", owners: owners, other: "person_id")
            let organisations: [String: [Identifier<Organisation>]] = try await database.links(
                "statement_organisations", owners: owners, other: "organisation_id")
            return try rows.map { row in
                try row.statement(
                    quotes: quotes[row.id] ?? [], cases: cases[row.id] ?? [], people: people[row.id] ?? [],
                    organisations: organisations[row.id] ?? [])
            }
        }
    }

    static func write(_ statement: Statement, on database: any SQLDatabase) async throws {
        try await database.upsert(
            into: "statements",
            StatementRow(
                id: statement.id.rawValue, title: statement.title, published: statement.published.iso,
                lead: try jsonText(statement.lead), background: try jsonText(statement.background)))
        try await index(
            .statement, statement.id.rawValue, [statement.title] + translatedTitles(.statement, statement.id.rawValue, on: database),
            on: database)
        try await database.delete(from: "statement_quotes").where("statement_id", .equal, statement.id.rawValue).run()
        for (position, quote) in statement.quotes.enumerated() {
            try await database.insert(into: "statement_quotes").model(
                QuoteRow(
                    statementId: statement.id.rawValue, position: position, speaker: quote.speaker, role: quote.role,
                    paragraphs: try jsonText(quote.paragraphs)),
                keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil
            ).run()
        }
        try await database.replaceLinks(
            "statement_cases", owner: ("statement_id", statement.id), others: ("case_id", statement.cases))
        try await database.replaceLinks(
            "statement_people", owner: ("statement_id", statement.id), others: ("person_id", statement.people))
        try await database.replaceLinks(
            "statement_organisations", owner: ("statement_id", statement.id), others: ("organisation_id", statement.organisations))
    }
}

struct StatementRow: Codable, Sendable {
    var id: String
    var title: String
    var published: String
    var lead: String
    var background: String

    func statement(
        quotes: [QuoteRow], cases: [Identifier<Case>], people: [Identifier<Person>], organisations: [Identifier<Organisation>]
    ) throws -> Statement {
        let reader = RowReader(table: "statements", id: id)
        return Statement(
            id: Identifier(id), title: title, published: try reader.date(published), lead: try reader.json(lead),
            quotes: try quotes.map { Quote(paragraphs: try reader.json($0.paragraphs), speaker: $0.speaker, role: $0.role) },
            background: try reader.json(background), cases: cases, people: people, organisations: organisations)
    }
}

struct QuoteRow: Codable, Sendable {
    var statementId: String
    var position: Int
    var speaker: String
    var role: String?
    var paragraphs: String
}
