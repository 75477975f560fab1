import Crypto
import Foundation
import OutcryCore
import SQLKit

/// Coordinators' accounts and how they sign in (passwords, sessions, throttling, second factor), and the
/// audit log of what they change.
public protocol AccountRecords: Sendable {
    /// Creates an account without a password and returns it with the token of a one-time link to set one.
    func createAccount(email: String, role: Role, actor: String, now: Date) async throws -> (Account, String)
    /// Every account, by address.
    func accounts() async throws -> [Account]
    /// The account with this address, however it is written; nil when there is none.
    func account(email: String) async throws -> Account?
    /// What sign-in checks for the account with this address.
    func signInRecord(email: String) async throws -> SignInRecord?
    /// What sign-in checks for one account.
    func signInRecord(id: Identifier<Account>) async throws -> SignInRecord?
    /// Disables or re-enables an account; disabling also ends every session it has.
    func setDisabled(_ disabled: Bool, account email: String, actor: String, now: Date) async throws
    /// Sets the language the coordinator area speaks to an account in; nil for the browser's choice.
    func setLanguage(_ language: String?, for account: Identifier<Account>) async throws
    /// Removes the password, the second factor and every session, and returns a new one-time link's token.
    func resetPassword(account email: String, actor: String, now: Date) async throws -> String
    /// The account a set-password link belongs to, while the link is valid.
    func account(forPasswordLink token: String, now: Date) async throws -> Account?
    /// Sets the password through a one-time link, uses the link up and ends the account's sessions.
    /// False when the link is unknown, used or expired.
    func setPassword(hash passwordHash: String, link token: String, now: Date) async throws -> Bool
    /// Starts a session and returns its cookie token; the token itself is never stored.
    func startSession(
        for account: Identifier<Account>, stage: CoordinatorSession.Stage, now: Date, lifetime: TimeInterval
    ) async throws -> String
    /// The live session a cookie names, with its account as it is now; nil when unknown, expired or disabled.
    func session(token: String, now: Date) async throws -> CoordinatorSession?
    /// Ends the session a cookie names.
    func endSession(token: String) async throws
    /// Signs an account out of every browser.
    func endSessions(of account: Identifier<Account>) async throws
    /// Until when sign-in for this key is paused, if it is.
    func signInLockedUntil(key: String, now: Date) async throws -> Date?
    /// Counts a failed attempt; after `limit` failures within `window`, pauses sign-in for `lockout`
    /// and returns until when.
    func recordSignInFailure(
        key: String, now: Date, limit: Int, window: TimeInterval, lockout: TimeInterval
    ) async throws -> Date?
    /// Forgets the failed attempts of this key, after a successful sign-in.
    func clearSignInFailures(key: String) async throws
    /// Keeps a new secret until a code made from it confirms the enrolment, at the latest until `until`.
    func setPendingTwoFactorSecret(_ secret: String, for account: Identifier<Account>, until: Date) async throws
    /// Turns two-factor sign-in on with the pending secret, replacing any recovery codes with these; when it
    /// replaces a second factor that was on, ends the account's sessions but `keeping` and audits it so.
    func enableTwoFactor(
        for account: Identifier<Account>, step: Int64, recoveryCodes: [String], actor: String, now: Date, replacing: Bool,
        keeping session: String?
    ) async throws
    /// Records that the code of `step` was used; false if that step or a later one was used before (a replay).
    func useTwoFactorStep(_ step: Int64, for account: Identifier<Account>) async throws -> Bool
    /// Uses up a recovery code; false when it is not one of the account's unused codes.
    func useRecoveryCode(_ code: String, for account: Identifier<Account>, now: Date) async throws -> Bool
    /// How many of the account's recovery codes are still unused.
    func unusedRecoveryCodes(of account: Identifier<Account>) async throws -> Int
    /// Whether every account must sign in with a second factor (an administrator's setting).
    func requiresTwoFactor() async throws -> Bool
    /// Requires a second factor of every account, or stops requiring it, and records who did it.
    func setRequiresTwoFactor(_ required: Bool, actor: String, now: Date) async throws
    /// Records something that changed no row of its own (a sign-in, a failed sign-in).
    func record(_ entry: AuditEntry) async throws
    /// The latest `limit` entries, newest first, of every record or of the one with `recordID`.
    func auditLog(limit: Int, recordID: String?) async throws -> [AuditEntry]
}

/// What sign-in needs to check a password and a second factor; only the web layer's sign-in sees it.
public struct SignInRecord: Sendable {
    public let account: Account
    public let passwordHash: String?
    public let totpSecret: String?
    public let totpPendingSecret: String?
    /// Until when the pending secret may be shown and confirmed.
    public let totpPendingUntil: Date?
    public let totpLastStep: Int64?

    public init(
        account: Account, passwordHash: String?, totpSecret: String?, totpPendingSecret: String?, totpPendingUntil: Date?,
        totpLastStep: Int64?
    ) {
        self.account = account
        self.passwordHash = passwordHash
        self.totpSecret = totpSecret
        self.totpPendingSecret = totpPendingSecret
        self.totpPendingUntil = totpPendingUntil
        self.totpLastStep = totpLastStep
    }

    /// The secret waiting to be confirmed, while it may be.
    public func pendingSecret(at now: Date) -> String? {
        guard let until = totpPendingUntil, until > now else { return nil }
        return totpPendingSecret
    }
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

    public init(account: Account, stage: Stage, csrf: String, expiresAt: Date) {
        self.account = account
        self.stage = stage
        self.csrf = csrf
        self.expiresAt = expiresAt
    }
}

struct AccountRow: Codable, Sendable {
    var id: String
    var email: String
    var role: String
    var disabled: Bool
    var passwordHash: String?
    var totpPendingSecret: String?
    var totpPendingUntil: Int64?
    var totpSecret: String?
    var totpLastStep: Int64?
    var createdAt: Int64
    var language: String?

    func account() throws -> Account {
        Account(
            id: Identifier(id), email: email, role: try RowReader(table: "accounts", id: id).value(role),
            isDisabled: disabled, hasPassword: passwordHash != nil, hasTwoFactor: totpSecret != nil,
            createdAt: Date(timeIntervalSince1970: TimeInterval(createdAt)), language: language)
    }
}

extension Store: AccountRecords {
    /// How long a one-time set-password link stays valid.
    public static let passwordLinkLifetime: TimeInterval = 72 * 3600

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
                AuditEntry(
                    at: now, actor: actor, action: "created", recordKind: "account", recordID: email, summary: "role \(role.rawValue)"),
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
        guard
            let row = try await engine.read({ database in
                try await database.select().columns("*").from("accounts").where(SQLIdentifier(column), .equal, SQLBind(value))
                    .first(decoding: AccountRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            })
        else { return nil }
        return SignInRecord(
            account: try row.account(), passwordHash: row.passwordHash, totpSecret: row.totpSecret,
            totpPendingSecret: row.totpPendingSecret,
            totpPendingUntil: row.totpPendingUntil.map { Date(timeIntervalSince1970: TimeInterval($0)) },
            totpLastStep: row.totpLastStep)
    }

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

    public func setLanguage(_ language: String?, for account: Identifier<Account>) async throws {
        try await engine.transaction { database in
            try await database.update("accounts").set("language", to: language)
                .where("id", .equal, account.rawValue).run()
        }
    }

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

    public func account(forPasswordLink token: String, now: Date) async throws -> Account? {
        let hash = Self.digest(token)
        guard
            let id = try await engine.read({ database in
                try await database.select().column("account_id").from("account_links")
                    .where("token_hash", .equal, hash).where("expires_at", .greaterThan, Int64(now.timeIntervalSince1970))
                    .first()?.decode(column: "account_id", as: String.self)
            })
        else { return nil }
        return try await signInRecord(id: Identifier(id))?.account
    }

    public func setPassword(hash passwordHash: String, link token: String, now: Date) async throws -> Bool {
        let hash = Self.digest(token)
        return try await engine.transaction { database in
            guard
                let id = try await database.select().column("account_id").from("account_links")
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

    static func accountID(email: String, on database: any SQLDatabase) async throws -> String {
        guard
            let id = try await database.select().column("id").from("accounts").where("email", .equal, email).first()?
                .decode(column: "id", as: String.self)
        else { throw StoreError.notFound("an account for \(email)") }
        return id
    }

    /// Hex SHA-256: how tokens and codes are kept.
    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
