import SQLKit

/// Partner systems' keys to the API: the digest of each secret (never the secret), its scopes, its expiry
/// and when it was last used.
struct M0023_CreateAPITokens: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "api_tokens")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("secret_hash", type: .text, .notNull, .unique)
            .column("account_id", type: .text, .notNull, .references("accounts", "id"))
            .column("name", type: .text, .notNull)
            .column("scopes", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("expires_at", type: .bigint)
            .column("last_used_at", type: .bigint)
            .column("revoked_at", type: .bigint)
            .run()
    }
}
