import SQLKit

/// The keys records are found by (`SearchKey`): one row per key of each name or title, with the name as
/// written. Keys are ASCII letters and digits compared byte by byte on both engines (PostgreSQL's column
/// is `COLLATE "C"`), so the words starting with a prefix are one range of the index.
struct M0014_CreateSearchTerms: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        let term: SQLDataType = database.dialect.name == "postgresql" ? .custom(SQLRaw("TEXT COLLATE \"C\"")) : .text
        try await database.create(table: "search_terms")
            .column("term", type: term, .notNull)
            .column("kind", type: .text, .notNull)
            .column("record_id", type: .text, .notNull)
            .column("label", type: .text, .notNull)
            .run()
        // Covering for "which records have a word starting so", the question every search asks first.
        try await database.create(index: "search_terms_by_term").on("search_terms").column("term").column("kind").column("record_id").run()
        // For checking a few candidates against the other words, and for replacing a record's keys.
        try await database.create(index: "search_terms_by_record").on("search_terms").column("record_id").column("term").run()
    }
}
