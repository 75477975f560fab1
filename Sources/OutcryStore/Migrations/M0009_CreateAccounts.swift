import SQLKit

/// Coordinators' accounts, their sessions and one-time links, second-factor recovery codes, sign-in
/// throttling and the audit log. Tokens and codes are stored as SHA-256 digests only: a copy of the
/// database opens no session and sets no password.
struct M0009_CreateAccounts: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        let boolean = SQLDataType.custom(SQLRaw("BOOLEAN"))
        try await database.create(table: "accounts")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("email", type: .text, .notNull, .unique)
            .column("role", type: .text, .notNull)
            .column("disabled", type: boolean, .notNull)
            .column("password_hash", type: .text)
            // Shown once at enrolment and kept until a valid code confirms it.
            .column("totp_pending_secret", type: .text)
            .column("totp_secret", type: .text)
            // The last time step whose code was accepted: a code cannot be used twice.
            .column("totp_last_step", type: .bigint)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await database.create(table: "account_links")
            .column("token_hash", type: .text, .primaryKey(autoIncrement: false))
            .column("account_id", type: .text, .notNull, .references("accounts", "id", onDelete: .cascade))
            .column("expires_at", type: .bigint, .notNull)
            .run()
        try await database.create(table: "sessions")
            .column("token_hash", type: .text, .primaryKey(autoIncrement: false))
            .column("account_id", type: .text, .notNull, .references("accounts", "id", onDelete: .cascade))
            // "password" until the second factor is given, then "complete".
            .column("stage", type: .text, .notNull)
            .column("csrf", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .run()
        try await database.create(index: "sessions_by_account").on("sessions").column("account_id").run()
        try await database.create(table: "recovery_codes")
            .column("account_id", type: .text, .notNull, .references("accounts", "id", onDelete: .cascade))
            .column("code_hash", type: .text, .notNull)
            .column("used_at", type: .bigint)
            .primaryKey("account_id", "code_hash")
            .run()
        // Keyed by a keyed hash of the address typed, so unknown addresses are throttled like real ones
        // and the table does not list who tried to sign in.
        try await database.create(table: "sign_in_failures")
            .column("key", type: .text, .primaryKey(autoIncrement: false))
            .column("failures", type: .int, .notNull)
            .column("first_at", type: .bigint, .notNull)
            .column("locked_until", type: .bigint)
            .run()
        try await database.create(table: "audit_log")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("at", type: .bigint, .notNull)
            .column("actor", type: .text, .notNull)
            .column("action", type: .text, .notNull)
            .column("record_kind", type: .text, .notNull)
            .column("record_id", type: .text, .notNull)
            .column("summary", type: .text, .notNull)
            .run()
    }
}
