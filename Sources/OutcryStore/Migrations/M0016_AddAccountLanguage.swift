import SQLKit

/// Each coordinator chooses the language of the coordinator area; none chosen means the browser's.
struct M0016_AddAccountLanguage: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.alter(table: "accounts").column("language", type: .text).run()
    }
}
