import SQLKit

/// Supporters' e-mail addresses, kept only with consent: sealed, found by a keyed hash, with the
/// wording they agreed to and when.
struct M0007_CreateSupporterContacts: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "supporter_contacts")
            .column("lookup", type: .text, .primaryKey(autoIncrement: false))
            .column("email_sealed", type: .text, .notNull)
            .column("consent_wording", type: .text, .notNull)
            .column("consent_at", type: .bigint, .notNull)
            .column("source", type: .text, .notNull)
            .run()
    }
}
