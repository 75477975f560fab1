import SQLKit

/// Press statements with their attributed quotes and the cases, people and organisations they name.
struct M0003_CreateStatements: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "statements")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("title", type: .text, .notNull)
            .column("published", type: .text, .notNull)
            .column("lead", type: .text, .notNull)
            .column("background", type: .text, .notNull)
            .run()
        try await database.create(table: "statement_quotes")
            .column("statement_id", type: .text, .notNull, .references("statements", "id", onDelete: .cascade))
            .position()
            .column("speaker", type: .text, .notNull)
            .column("role", type: .text)
            .column("paragraphs", type: .text, .notNull)
            .primaryKey("statement_id", "position")
            .run()
        try await database.createLinkTable(
            "statement_cases", owner: ("statement_id", "statements"), other: ("case_id", "cases"))
        try await database.createLinkTable(
            "statement_people", owner: ("statement_id", "statements"), other: ("person_id", "people"))
        try await database.createLinkTable(
            "statement_organisations", owner: ("statement_id", "statements"), other: ("organisation_id", "organisations"))
    }
}
