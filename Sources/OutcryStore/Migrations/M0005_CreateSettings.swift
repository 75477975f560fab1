import SQLKit

/// Facts about this installation that must survive restarts (such as whether the demo data was loaded).
struct M0005_CreateSettings: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "settings")
            .column("key", type: .text, .primaryKey(autoIncrement: false))
            .column("value", type: .text, .notNull)
            .run()
    }
}
