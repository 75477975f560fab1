import SQLKit

/// Records in other languages than their own: one row per record and language, its words as JSON, and
/// the fingerprint of the original's words it was written from.
struct M0015_CreateTranslations: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "translations")
            .column("kind", type: .text, .notNull)
            .column("record_id", type: .text, .notNull)
            .column("language", type: .text, .notNull)
            .column("fields", type: .text, .notNull)
            .column("source_fingerprint", type: .text, .notNull)
            .primaryKey("kind", "record_id", "language")
            .run()
    }
}
