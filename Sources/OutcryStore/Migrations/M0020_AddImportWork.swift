import SQLKit

/// An import review's form as the editor left it, kept with the draft: a failed save, a helper button or
/// a closed tab never loses what was typed.
struct M0020_AddImportWork: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.alter(table: "import_drafts").column("work", type: .text).run()
    }
}
