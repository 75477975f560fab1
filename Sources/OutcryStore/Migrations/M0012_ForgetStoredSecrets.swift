import SQLKit

/// The secrets that signed forms and alert links were kept in the database, so a copy of it was enough to
/// forge a link; they now come from the data key, kept apart. Links signed with the old ones stop working.
struct M0012_ForgetStoredSecrets: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.delete(from: "settings").where("key", .in, ["secret:forms", "secret:alerts"]).run()
    }
}
