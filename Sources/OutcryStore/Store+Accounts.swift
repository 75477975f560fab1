import Crypto
import Foundation
import OutcryCore
import SQLKit

/// What sign-in needs to check a password and a second factor; only the web layer's sign-in sees it.
public struct SignInRecord: Sendable {
    public let account: Account
    public let passwordHash: String?
    public let totpSecret: String?
    public let totpPendingSecret: String?
    public let totpLastStep: Int64?
}

/// A signed-in browser: whose it is, how far sign-in has gone, and the token its forms must carry.
public struct CoordinatorSession: Sendable {
    public enum Stage: String, Sendable {
        /// The password was right; the second factor is still to come.
        case password
        case complete
    }

    public let account: Account
    public let stage: Stage
    public let csrf: String
    public let expiresAt: Date
}

struct AccountRow: Codable, Sendable {
    var id: String
    var email: String
    var role: String
    var disabled: Bool
    var passwordHash: String?
    var totpPendingSecret: String?
    var totpSecret: String?
    var totpLastStep: Int64?
    var createdAt: Int64

    func account() throws -> Account {
        Account(
            id: Identifier(id), email: email, role: try RowReader(table: "accounts", id: id).value(role),
            isDisabled: disabled, hasPassword: passwordHash != nil, hasTwoFactor: totpSecret != nil,
            createdAt: Date(timeIntervalSince1970: TimeInterval(createdAt)))
    }
}

extension Store {
    /// How long a one-time set-password link stays valid.
    public static let passwordLinkLifetime: TimeInterval = 72 * 3600

    /// Creates an account without a password and returns it with the token of a one-time link to set one.
    public func createAccount(email: String, role: Role, actor: String, now: Date) async throws -> (Account, String) {
        let email = Account.normalised(email: email)
        guard EmailAddress(email) != nil else { throw StoreError.invalid("“\(email)” is not an e-mail address") }
        let row = AccountRow(
            id: randomToken(bytes: 9).lowercased().replacingOccurrences(of: "_", with: "-"), email: email, role: role.rawValue,
            disabled: false, createdAt: Int64(now.timeIntervalSince1970))
        let token = randomToken(bytes: 32)
        try await engine.transaction { database in
            let existing = try await database.select().column("id").from("accounts").where("email", .equal, email).first()
            guard existing == nil else { throw StoreError.duplicate("an account for \(email)") }
            try await database.insert(into: "accounts")
                .model(row, keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil).run()
            try await Self.insertLink(token, for: row.id, now: now, on: database)
            try await Self.append(
                AuditEntry(at: now, actor: actor, action: "created", recordKind: "account", recordID: email, summary: "role \(role.rawValue)"),
                on: database)
        }
        return (try row.account(), token)
    }

    public func accounts() async throws -> [Account] {
        try await engine.read { database in
            try await database.select().columns("*").from("accounts").orderBy("email")
                .all(decoding: AccountRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        }.map { try $0.account() }
    }

    public func account(email: String) async throws -> Account? {
        try await signInRecord(email: email)?.account
    }

    public func signInRecord(email: String) async throws -> SignInRecord? {
        try await signInRecord(where: "email", is: Account.normalised(email: email))
    }

    public func signInRecord(id: Identifier<Account>) async throws -> SignInRecord? {
        try await signInRecord(where: "id", is: id.rawValue)
    }

    private func signInRecord(where column: String, is value: String) async throws -> SignInRecord? {
        guard let row = try await engine.read({ database in
            try await database.select().columns("*").from("accounts").where(SQLIdentifier(column), .equal, SQLBind(value))
                .first(decoding: AccountRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        }) else { return nil }
        return SignInRecord(
            account: try row.account(), passwordHash: row.passwordHash, totpSecret: row.totpSecret,
            totpPendingSecret: row.totpPendingSecret, totpLastStep: row.totpLastStep)
    }

    /// Disables or re-enables an account; disabling also ends every session it has.
    public func setDisabled(_ disabled: Bool, account email: String, actor: String, now: Date) async throws {
        let email = Account.normalised(email: email)
        try await engine.transaction { database in
            let id = try await Self.accountID(email: email, on: database)
            try await database.update("accounts").set("disabled", to: disabled).where("id", .equal, id).run()
            if disabled { try await database.delete(from: "sessions").where("account_id", .equal, id).run() }
            try await Self.append(
                AuditEntry(
                    at: now, actor: actor, action: disabled ? "disabled" : "enabled", recordKind: "account", recordID: email,
                    summary: disabled ? "account disabled and signed out everywhere" : "account enabled"),
                on: database)
        }
    }

    /// Removes the password, the second factor and every session, and returns a new one-time link's token.
    public func resetPassword(account email: String, actor: String, now: Date) async throws -> String {
        let email = Account.normalised(email: email)
        let token = randomToken(bytes: 32)
        try await engine.transaction { database in
            let id = try await Self.accountID(email: email, on: database)
            try await database.update("accounts")
                .set("password_hash", to: SQLLiteral.null).set("totp_secret", to: SQLLiteral.null)
                .set("totp_pending_secret", to: SQLLiteral.null)
                .where("id", .equal, id).run()
            try await database.delete(from: "sessions").where("account_id", .equal, id).run()
            try await database.delete(from: "recovery_codes").where("account_id", .equal, id).run()
            try await database.delete(from: "account_links").where("account_id", .equal, id).run()
            try await Self.insertLink(token, for: id, now: now, on: database)
            try await Self.append(
                AuditEntry(
                    at: now, actor: actor, action: "reset", recordKind: "account", recordID: email,
                    summary: "password and second factor removed; a new set-password link was made"),
                on: database)
        }
        return token
    }

    /// The account a set-password link belongs to, while the link is valid.
    public func account(forPasswordLink token: String, now: Date) async throws -> Account? {
        let hash = Self.digest(token)
        guard let id = try await engine.read({ database in
            try await database.select().column("account_id").from("account_links")
                .where("token_hash", .equal, hash).where("expires_at", .greaterThan, Int64(now.timeIntervalSince1970))
                .first()?.decode(column: "account_id", as: String.self)
        }) else { return nil }
        return try await signInRecord(id: Identifier(id))?.account
    }

    /// Sets the password through a one-time link, uses the link up and ends the account's sessions.
    /// False when the link is unknown, used or expired.
    public func setPassword(hash passwordHash: String, link token: String, now: Date) async throws -> Bool {
        let hash = Self.digest(token)
        return try await engine.transaction { database in
            guard let id = try await database.select().column("account_id").from("account_links")
                .where("token_hash", .equal, hash).where("expires_at", .greaterThan, Int64(now.timeIntervalSince1970))
                .first()?.decode(column: "account_id", as: String.self)
            else { return false }
            try await database.delete(from: "account_links").where("account_id", .equal, id).run()
            try await database.update("accounts").set("password_hash", to: passwordHash).where("id", .equal, id).run()
            try await database.delete(from: "sessions").where("account_id", .equal, id).run()
            let email = try await database.select().column("email").from("accounts").where("id", .equal, id).first()!
                .decode(column: "email", as: String.self)
            try await Self.append(
                AuditEntry(at: now, actor: email, action: "set password", recordKind: "account", recordID: email, summary: "password set"),
                on: database)
            return true
        }
    }

    private static func insertLink(_ token: String, for id: String, now: Date, on database: any SQLDatabase) async throws {
        try await database.insert(into: "account_links").columns("token_hash", "account_id", "expires_at")
            .values(SQLBind(digest(token)), SQLBind(id), SQLBind(Int64(now.addingTimeInterval(passwordLinkLifetime).timeIntervalSince1970)))
            .run()
    }

    private static func accountID(email: String, on database: any SQLDatabase) async throws -> String {
        guard let id = try await database.select().column("id").from("accounts").where("email", .equal, email).first()?
            .decode(column: "id", as: String.self)
        else { throw StoreError.notFound("an account for \(email)") }
        return id
    }

    /// Hex SHA-256: how tokens and codes are kept.
    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

// MARK: - Sessions

extension Store {
    /// Starts a session and returns its cookie token; the token itself is never stored.
    public func startSession(
        for account: Identifier<Account>, stage: CoordinatorSession.Stage, now: Date, lifetime: TimeInterval
    ) async throws -> String {
        let token = randomToken(bytes: 32)
        try await engine.transaction { database in
            // Expired sessions go whenever a new one starts, so the table never grows without bound.
            try await database.delete(from: "sessions").where("expires_at", .lessThanOrEqual, Int64(now.timeIntervalSince1970)).run()
            try await database.insert(into: "sessions")
                .columns("token_hash", "account_id", "stage", "csrf", "created_at", "expires_at")
                .values(
                    SQLBind(Self.digest(token)), SQLBind(account.rawValue), SQLBind(stage.rawValue), SQLBind(randomToken(bytes: 24)),
                    SQLBind(Int64(now.timeIntervalSince1970)), SQLBind(Int64(now.addingTimeInterval(lifetime).timeIntervalSince1970)))
                .run()
        }
        return token
    }

    /// The live session a cookie names, with its account as it is now; nil when unknown, expired or disabled.
    public func session(token: String, now: Date) async throws -> CoordinatorSession? {
        let hash = Self.digest(token)
        let found = try await engine.read { database -> (String, String, String, Int64)? in
            guard let row = try await database.select().columns("account_id", "stage", "csrf", "expires_at").from("sessions")
                .where("token_hash", .equal, hash).where("expires_at", .greaterThan, Int64(now.timeIntervalSince1970)).first()
            else { return nil }
            return (
                try row.decode(column: "account_id", as: String.self), try row.decode(column: "stage", as: String.self),
                try row.decode(column: "csrf", as: String.self), try row.decode(column: "expires_at", as: Int64.self)
            )
        }
        guard let (id, stage, csrf, expires) = found, let record = try await signInRecord(id: Identifier(id)),
            !record.account.isDisabled, let stage = CoordinatorSession.Stage(rawValue: stage)
        else { return nil }
        return CoordinatorSession(
            account: record.account, stage: stage, csrf: csrf, expiresAt: Date(timeIntervalSince1970: TimeInterval(expires)))
    }

    public func endSession(token: String) async throws {
        try await engine.transaction { database in
            try await database.delete(from: "sessions").where("token_hash", .equal, Self.digest(token)).run()
        }
    }

    /// Signs an account out of every browser.
    public func endSessions(of account: Identifier<Account>) async throws {
        try await engine.transaction { database in
            try await database.delete(from: "sessions").where("account_id", .equal, account.rawValue).run()
        }
    }
}

// MARK: - Throttling

extension Store {
    /// Until when sign-in for this key is paused, if it is.
    public func signInLockedUntil(key: String, now: Date) async throws -> Date? {
        let until = try await engine.read { database in
            try await database.select().column("locked_until").from("sign_in_failures").where("key", .equal, key).first()?
                .decode(column: "locked_until", as: Int64?.self)
        }
        guard let until, until > Int64(now.timeIntervalSince1970) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(until))
    }

    /// Counts a failed attempt; after `limit` failures within `window`, pauses sign-in for `lockout`
    /// and returns until when.
    public func recordSignInFailure(
        key: String, now: Date, limit: Int, window: TimeInterval, lockout: TimeInterval
    ) async throws -> Date? {
        let seconds = Int64(now.timeIntervalSince1970)
        return try await engine.transaction { database in
            let row = try await database.select().columns("failures", "first_at").from("sign_in_failures")
                .where("key", .equal, key).first()
            var failures = 1
            var first = seconds
            if let row, let earlier = try? row.decode(column: "first_at", as: Int64.self), seconds - earlier < Int64(window) {
                failures = try row.decode(column: "failures", as: Int.self) + 1
                first = earlier
            }
            let lockedUntil: Int64? = failures >= limit ? seconds + Int64(lockout) : nil
            try await database.insert(into: "sign_in_failures").columns("key", "failures", "first_at", "locked_until")
                .values(SQLBind(key), SQLBind(lockedUntil == nil ? failures : 0), SQLBind(first), SQLBind(lockedUntil))
                .onConflict(with: ["key"]) {
                    $0.set(excludedValueOf: "failures").set(excludedValueOf: "first_at").set(excludedValueOf: "locked_until")
                }
                .run()
            return lockedUntil.map { Date(timeIntervalSince1970: TimeInterval($0)) }
        }
    }

    public func clearSignInFailures(key: String) async throws {
        try await engine.transaction { database in
            try await database.delete(from: "sign_in_failures").where("key", .equal, key).run()
        }
    }
}

// MARK: - Two-factor

extension Store {
    /// Keeps a new secret until a code made from it confirms the enrolment.
    public func setPendingTwoFactorSecret(_ secret: String, for account: Identifier<Account>) async throws {
        try await engine.transaction { database in
            try await database.update("accounts").set("totp_pending_secret", to: secret).where("id", .equal, account.rawValue).run()
        }
    }

    /// Turns two-factor sign-in on with the pending secret, replacing any recovery codes with these.
    public func enableTwoFactor(
        for account: Identifier<Account>, step: Int64, recoveryCodes: [String], actor: String, now: Date
    ) async throws {
        try await engine.transaction { database in
            try await database.update("accounts")
                .set("totp_secret", to: SQLIdentifier("totp_pending_secret"))
                .set("totp_pending_secret", to: SQLLiteral.null)
                .set("totp_last_step", to: step)
                .where("id", .equal, account.rawValue).run()
            try await database.delete(from: "recovery_codes").where("account_id", .equal, account.rawValue).run()
            let insert = database.insert(into: "recovery_codes").columns("account_id", "code_hash")
            for code in recoveryCodes { insert.values(SQLBind(account.rawValue), SQLBind(Self.digest(code))) }
            try await insert.run()
            try await Self.append(
                AuditEntry(
                    at: now, actor: actor, action: "two-factor on", recordKind: "account", recordID: actor,
                    summary: "two-factor sign-in turned on with \(recoveryCodes.count) recovery codes"),
                on: database)
        }
    }

    /// Records that the code of `step` was used; false if that step or a later one was used before (a replay).
    public func useTwoFactorStep(_ step: Int64, for account: Identifier<Account>) async throws -> Bool {
        try await engine.transaction { database in
            let last = try await database.select().column("totp_last_step").from("accounts").where("id", .equal, account.rawValue)
                .first()?.decode(column: "totp_last_step", as: Int64?.self)
            if let last, last >= step { return false }
            try await database.update("accounts").set("totp_last_step", to: step).where("id", .equal, account.rawValue).run()
            return true
        }
    }

    /// Uses up a recovery code; false when it is not one of the account's unused codes.
    public func useRecoveryCode(_ code: String, for account: Identifier<Account>, now: Date) async throws -> Bool {
        try await engine.transaction { database in
            let hash = Self.digest(code)
            let unused = try await database.select().column("code_hash").from("recovery_codes")
                .where("account_id", .equal, account.rawValue).where("code_hash", .equal, hash).where("used_at", .is, SQLLiteral.null)
                .first()
            guard unused != nil else { return false }
            try await database.update("recovery_codes").set("used_at", to: Int64(now.timeIntervalSince1970))
                .where("account_id", .equal, account.rawValue).where("code_hash", .equal, hash).run()
            return true
        }
    }

    public func unusedRecoveryCodes(of account: Identifier<Account>) async throws -> Int {
        try await engine.read { database in
            try await database.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("recovery_codes")
                .where("account_id", .equal, account.rawValue).where("used_at", .is, SQLLiteral.null)
                .first()!.decode(column: "n", as: Int.self)
        }
    }

    /// Whether every account must sign in with a second factor (an administrator's setting).
    public func requiresTwoFactor() async throws -> Bool {
        try await engine.read { database in
            try await database.select().column("value").from("settings").where("key", .equal, "require_two_factor").first()?
                .decode(column: "value", as: String.self)
        } == "yes"
    }

    public func setRequiresTwoFactor(_ required: Bool, actor: String, now: Date) async throws {
        try await engine.transaction { database in
            try await database.insert(into: "settings").columns("key", "value")
                .values(SQLBind("require_two_factor"), SQLBind(required ? "yes" : "no"))
                .onConflict(with: ["key"]) { $0.set(excludedValueOf: "value") }
                .run()
            try await Self.append(
                AuditEntry(
                    at: now, actor: actor, action: "changed", recordKind: "setting", recordID: "require_two_factor",
                    summary: required ? "two-factor sign-in required for every account" : "two-factor sign-in optional"),
                on: database)
        }
    }
}

// MARK: - Audit

extension Store {
    static func append(_ entry: AuditEntry, on database: any SQLDatabase) async throws {
        try await database.insert(into: "audit_log").columns("at", "actor", "action", "record_kind", "record_id", "summary")
            .values(
                SQLBind(Int64(entry.at.timeIntervalSince1970)), SQLBind(entry.actor), SQLBind(entry.action), SQLBind(entry.recordKind),
                SQLBind(entry.recordID), SQLBind(String(entry.summary.prefix(2000))))
            .run()
    }

    /// Records something that changed no row of its own (a sign-in, a failed sign-in).
    public func record(_ entry: AuditEntry) async throws {
        try await engine.transaction { database in try await Self.append(entry, on: database) }
    }

    /// The latest entries, newest first.
    public func auditLog(limit: Int = 200, recordID: String? = nil) async throws -> [AuditEntry] {
        try await engine.read { database in
            var query = database.select().columns("at", "actor", "action", "record_kind", "record_id", "summary").from("audit_log")
            if let recordID { query = query.where("record_id", .equal, recordID) }
            return try await query.orderBy("id", .descending).limit(limit).all().map { row in
                AuditEntry(
                    at: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "at", as: Int64.self))),
                    actor: try row.decode(column: "actor", as: String.self), action: try row.decode(column: "action", as: String.self),
                    recordKind: try row.decode(column: "record_kind", as: String.self),
                    recordID: try row.decode(column: "record_id", as: String.self),
                    summary: try row.decode(column: "summary", as: String.self))
            }
        }
    }
}
