import SQLKit

/// The About, Privacy, Contact and Accessibility pages as coordinators write them, one row per language.
struct M0019_CreateSitePages: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "site_pages")
            .column("kind", type: .text, .notNull)
            .column("language", type: .text, .notNull)
            .column("title", type: .text, .notNull)
            .column("body", type: .text, .notNull)
            .primaryKey("kind", "language")
            .run()
    }
}
