import Foundation
import OutcryCore
import SQLKit

extension Store {
    /// How long a token's "last used" may lag: it is written at most once a minute, not on every call.
    static let tokenUseResolution: TimeInterval = 60

    /// Makes a token for the account with this address and returns it with its secret, which is shown once
    /// and kept only as a digest.
    public func createAPIToken(
        account email: String, name: String, scopes: Set<APIToken.Scope>, expiresAt: Date?, actor: String, now: Date
    ) async throws -> (APIToken, String) {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 100 else { throw StoreError.invalid("a token needs a name of 1 to 100 characters") }
        guard !scopes.isEmpty else { throw StoreError.invalid("a token needs at least one scope") }
        if let expiresAt, expiresAt <= now { throw StoreError.invalid("a token's expiry must be in the future") }
        let id = Identifier<APIToken>(randomToken(bytes: 9))
        let secret = "outcry_" + randomToken(bytes: 32)
        let email = Account.normalised(email: email)
        try await engine.transaction { database in
            let accountID = try await Self.accountID(email: email, on: database)
            try await database.insert(into: "api_tokens")
                .columns("id", "secret_hash", "account_id", "name", "scopes", "created_at", "expires_at")
                .values(
                    SQLBind(id.rawValue), SQLBind(Self.digest(secret)), SQLBind(accountID), SQLBind(name),
                    SQLBind(scopes.sorted().map(\.rawValue).joined(separator: ",")), SQLBind(Self.seconds(now)),
                    SQLBind(expiresAt.map(Self.seconds))
                )
                .run()
            try await Self.append(
                AuditEntry(
                    at: now, actor: actor, action: "token created", recordKind: "api token", recordID: id.rawValue,
                    summary: "\(name) for \(email): \(scopes.sorted().map(\.rawValue).joined(separator: ","))"
                        + (expiresAt.map { ", expires \(ISO8601DateFormatter().string(from: $0))" } ?? "")),
                on: database)
        }
        guard let (token, _) = try await apiTokens(id: id).first else { throw StoreError.notFound("the token just made") }
        return (token, secret)
    }

    /// Every token, live or not, newest first.
    public func apiTokens() async throws -> [APIToken] { try await apiTokens(id: nil).map(\.0) }

    /// The live token whose secret this is, with its account's role as it is now; nil when unknown, revoked,
    /// expired or its account is disabled. Notes when it was used (at most once a minute).
    public func apiToken(secret: String, now: Date) async throws -> APIToken? {
        let hash = Self.digest(secret)
        guard let (token, disabled) = try await apiTokens(secretHash: hash).first, !disabled, token.isLive(at: now) else { return nil }
        if token.lastUsedAt.map({ now.timeIntervalSince($0) >= Self.tokenUseResolution }) ?? true {
            try await engine.transaction { database in
                try await database.update("api_tokens").set("last_used_at", to: Self.seconds(now)).where("id", .equal, token.id.rawValue)
                    .run()
            }
        }
        return token
    }

    /// Revokes a token at once; false when there is no live token with this id.
    public func revokeAPIToken(_ id: Identifier<APIToken>, actor: String, now: Date) async throws -> Bool {
        try await engine.transaction { database in
            let revoked = try await database.update("api_tokens").set("revoked_at", to: Self.seconds(now))
                .where("id", .equal, id.rawValue).where("revoked_at", .is, SQLLiteral.null)
                .returning("name").all()
            guard let name = try revoked.first?.decode(column: "name", as: String.self) else { return false }
            try await Self.append(
                AuditEntry(at: now, actor: actor, action: "token revoked", recordKind: "api token", recordID: id.rawValue, summary: name),
                on: database)
            return true
        }
    }

    /// The tokens asked for, each with whether its account is disabled.
    private func apiTokens(id: Identifier<APIToken>? = nil, secretHash: String? = nil) async throws -> [(APIToken, disabled: Bool)] {
        try await engine.read { database in
            var query = database.select()
                .columns(
                    SQLColumn("id", table: "t"), SQLColumn("account_id", table: "t"), SQLColumn("name", table: "t"),
                    SQLColumn("scopes", table: "t"), SQLColumn("created_at", table: "t"), SQLColumn("expires_at", table: "t"),
                    SQLColumn("last_used_at", table: "t"), SQLColumn("revoked_at", table: "t"), SQLColumn("email", table: "a"),
                    SQLColumn("role", table: "a"), SQLColumn("disabled", table: "a")
                )
                .from(SQLAlias(SQLIdentifier("api_tokens"), as: SQLIdentifier("t")))
                .join(
                    SQLAlias(SQLIdentifier("accounts"), as: SQLIdentifier("a")), on: SQLColumn("account_id", table: "t"), .equal,
                    SQLColumn("id", table: "a"))
            if let id { query = query.where(SQLColumn("id", table: "t"), .equal, SQLBind(id.rawValue)) }
            if let secretHash { query = query.where(SQLColumn("secret_hash", table: "t"), .equal, SQLBind(secretHash)) }
            return try await query.orderBy(SQLOrderBy(expression: SQLColumn("created_at", table: "t"), direction: SQLDirection.descending))
                .all().map { row in
                    func date(_ column: String) throws -> Date? {
                        try row.decodeNil(column: column)
                            ? nil : Date(timeIntervalSince1970: TimeInterval(try row.decode(column: column, as: Int64.self)))
                    }
                    let token = APIToken(
                        id: Identifier(try row.decode(column: "id", as: String.self)),
                        account: Identifier(try row.decode(column: "account_id", as: String.self)),
                        accountEmail: try row.decode(column: "email", as: String.self),
                        accountRole: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .viewer,
                        name: try row.decode(column: "name", as: String.self),
                        scopes: APIToken.Scope.list(try row.decode(column: "scopes", as: String.self)) ?? [],
                        createdAt: try date("created_at")!, expiresAt: try date("expires_at"), lastUsedAt: try date("last_used_at"),
                        revokedAt: try date("revoked_at"))
                    return (token, try row.decode(column: "disabled", as: Bool.self))
                }
        }
    }

    private static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970) }
}
