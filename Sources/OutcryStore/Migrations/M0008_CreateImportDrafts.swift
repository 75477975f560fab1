import SQLKit

/// Drafts made by the importer from published texts, waiting for an editor's review. The source text is
/// kept with the draft so the review can show where each value was read; the id is a digest of the text,
/// so importing the same document twice keeps one draft.
struct M0008_CreateImportDrafts: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "import_drafts")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("source_name", type: .text, .notNull)
            .column("source_text", type: .text, .notNull)
            .column("kind", type: .text)
            .column("headline", type: .text, .notNull)
            .column("draft", type: .text, .notNull)
            .column("imported_at", type: .bigint, .notNull)
            .run()
    }
}
