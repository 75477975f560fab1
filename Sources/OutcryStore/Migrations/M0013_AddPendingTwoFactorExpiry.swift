import SQLKit

/// A new authenticator secret waiting to be confirmed works only for a while after it was made: a session
/// that comes back later, perhaps someone else's, cannot read it or turn it on.
struct M0013_AddPendingTwoFactorExpiry: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.alter(table: "accounts").column("totp_pending_until", type: .bigint).run()
    }
}
