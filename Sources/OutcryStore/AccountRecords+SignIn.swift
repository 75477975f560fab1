import Foundation
import OutcryCore
import SQLKit

extension Store {
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
                    SQLBind(Int64(now.timeIntervalSince1970)), SQLBind(Int64(now.addingTimeInterval(lifetime).timeIntervalSince1970))
                )
                .run()
        }
        return token
    }

    public func session(token: String, now: Date) async throws -> CoordinatorSession? {
        let hash = Self.digest(token)
        let found = try await engine.read { database -> (String, String, String, Int64)? in
            guard
                let row = try await database.select().columns("account_id", "stage", "csrf", "expires_at").from("sessions")
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

    public func endSessions(of account: Identifier<Account>) async throws {
        try await engine.transaction { database in
            try await database.delete(from: "sessions").where("account_id", .equal, account.rawValue).run()
        }
    }
}

// MARK: - Throttling

extension Store {
    public func signInLockedUntil(key: String, now: Date) async throws -> Date? {
        let until = try await engine.read { database in
            try await database.select().column("locked_until").from("sign_in_failures").where("key", .equal, key).first()?
                .decode(column: "locked_until", as: Int64?.self)
        }
        guard let until, until > Int64(now.timeIntervalSince1970) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(until))
    }

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
    /// Seals the authenticator secrets an earlier version kept in the clear; returns how many accounts had any.
    public func sealTwoFactorSecrets(with vault: ContactVault) async throws -> Int {
        try await engine.transaction { database in
            let rows = try await database.select().columns("id", "totp_secret", "totp_pending_secret").from("accounts")
                .where("totp_secret", .isNot, SQLLiteral.null).orWhere("totp_pending_secret", .isNot, SQLLiteral.null).all()
            var sealed = 0
            for row in rows {
                let id = try row.decode(column: "id", as: String.self)
                var changed = false
                let update = database.update("accounts").where("id", .equal, id)
                for column in ["totp_secret", "totp_pending_secret"] {
                    guard let value = try row.decode(column: column, as: String?.self), !ContactVault.isSealed(value) else { continue }
                    update.set(SQLIdentifier(column), to: SQLBind(try vault.sealMarked(value)))
                    changed = true
                }
                if changed {
                    try await update.run()
                    sealed += 1
                }
            }
            return sealed
        }
    }

    /// A new secret to confirm with a code before `until`.
    public func setPendingTwoFactorSecret(_ secret: String, for account: Identifier<Account>, until: Date) async throws {
        try await engine.transaction { database in
            try await database.update("accounts").set("totp_pending_secret", to: secret)
                .set("totp_pending_until", to: Int64(until.timeIntervalSince1970)).where("id", .equal, account.rawValue).run()
        }
    }

    /// Turns the pending secret on with new recovery codes. Replacing a second factor that was on ends the
    /// account's other sessions (all but `keeping`), and the audit log says it was replaced.
    public func enableTwoFactor(
        for account: Identifier<Account>, step: Int64, recoveryCodes: [String], actor: String, now: Date, replacing: Bool = false,
        keeping session: String? = nil
    ) async throws {
        try await engine.transaction { database in
            try await database.update("accounts")
                .set("totp_secret", to: SQLIdentifier("totp_pending_secret"))
                .set("totp_pending_secret", to: SQLLiteral.null)
                .set("totp_pending_until", to: SQLLiteral.null)
                .set("totp_last_step", to: step)
                .where("id", .equal, account.rawValue).run()
            if replacing {
                let others = database.delete(from: "sessions").where("account_id", .equal, account.rawValue)
                if let session { others.where("token_hash", .notEqual, Self.digest(session)) }
                try await others.run()
            }
            try await database.delete(from: "recovery_codes").where("account_id", .equal, account.rawValue).run()
            let insert = database.insert(into: "recovery_codes").columns("account_id", "code_hash")
            for code in recoveryCodes { insert.values(SQLBind(account.rawValue), SQLBind(Self.digest(code))) }
            try await insert.run()
            try await Self.append(
                AuditEntry(
                    at: now, actor: actor, action: replacing ? "two-factor replaced" : "two-factor on", recordKind: "account",
                    recordID: actor,
                    summary: replacing
                        ? "a new authenticator and \(recoveryCodes.count) new recovery codes; the account's other sessions ended"
                        : "two-factor sign-in turned on with \(recoveryCodes.count) recovery codes"),
                on: database)
        }
    }

    public func useTwoFactorStep(_ step: Int64, for account: Identifier<Account>) async throws -> Bool {
        try await engine.transaction { database in
            let last = try await database.select().column("totp_last_step").from("accounts").where("id", .equal, account.rawValue)
                .first()?.decode(column: "totp_last_step", as: Int64?.self)
            if let last, last >= step { return false }
            try await database.update("accounts").set("totp_last_step", to: step).where("id", .equal, account.rawValue).run()
            return true
        }
    }

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
