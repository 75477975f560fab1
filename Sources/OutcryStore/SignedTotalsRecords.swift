import Crypto
import Foundation
import OutcryCore
import SQLKit

/// One entry of an action's daily record: its totals as first read on a day (UTC), chained to the entry
/// before by hash. Changing any past entry changes every hash after it, and each signed statement names
/// the hash it saw, so a later change to past counts shows.
public struct DailyTotalsEntry: Hashable, Sendable {
    public var day: String
    public var recordedAt: Date
    /// `people=… letter=… … countries=…`: what the hash covers besides the previous hash.
    public var numbers: String
    public var previousHash: String
    public var hash: String

    public var link: DailyTotalsLink { DailyTotalsLink(day: day, hash: hash) }

    /// The first entry's previous hash.
    static let origin = String(repeating: "0", count: 64)

    static func numbers(of totals: Totals, action: Identifier<UrgentAction>, day: String) -> String {
        (["action=\(action.rawValue)", "day=\(day)", "people=\(totals.reports)"]
            + Channel.allCases.map { "\($0.rawValue)=\(totals.byChannel[$0] ?? 0)" } + ["countries=\(totals.countries)"]
            + totals.groups.lines.map { "\($0.key)=\($0.value)" })
            .joined(separator: " ")
    }

    static func hash(previous: String, numbers: String) -> String {
        SHA256.hash(data: Data((previous + "\n" + numbers).utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether the entry's hash is the hash of its own numbers and previous hash.
    var isIntact: Bool { Self.hash(previous: previousHash, numbers: numbers) == hash }
}

/// Signs statements of totals with the site's Ed25519 key, derived from the data key: no copy of the
/// database holds it, and every instance given the same data key signs with the same key.
public struct TotalsSigner: Sendable {
    private let key: Curve25519.Signing.PrivateKey

    public init(vault: ContactVault) throws {
        key = try Curve25519.Signing.PrivateKey(rawRepresentation: Data(base64Encoded: vault.secret(for: "totals signing key"))!)
    }

    /// The public key as PEM (SubjectPublicKeyInfo), as `openssl pkey -pubin` reads it.
    public var publicKeyPEM: String {
        // The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), before the 32 key bytes.
        let der = Data([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]) + key.publicKey.rawRepresentation
        return "-----BEGIN PUBLIC KEY-----\n" + der.base64EncodedString() + "\n-----END PUBLIC KEY-----\n"
    }

    public func sign(_ statement: TotalsStatement) throws -> SignedTotalsStatement {
        let signature = try key.signature(for: Data(statement.text.utf8))
        return SignedTotalsStatement(statement: statement, signature: Base64URL.encode(signature))
    }

    /// Whether this site's key made the signature.
    public func isGenuine(_ signed: SignedTotalsStatement) -> Bool {
        guard let signature = Base64URL.decode(signed.signature) else { return false }
        return key.publicKey.isValidSignature(signature, for: Data(signed.statement.text.utf8))
    }

    /// The short code a site keeps a signed statement under.
    public static func code(of signed: SignedTotalsStatement) -> String {
        SignedTotalsStatement.code(digest: SHA256.hash(data: Data(signed.text.utf8)))
    }
}

extension Store {
    /// The entry of `day` in the action's daily record: written from `totals` when the day has none yet
    /// (by whichever instance comes first), read back otherwise.
    public func dailyTotalsEntry(of action: Identifier<UrgentAction>, totals: Totals, at now: Date) async throws -> DailyTotalsEntry {
        let day = TotalsStatement.day(of: now)
        // Most calls find the day written: a read, and no write transaction, for them.
        if let latest = try await engine.read({ database in try await Self.dailyTotals(of: action, on: database, latestOnly: true).first }),
            latest.day >= day
        {
            return latest
        }
        return try await engine.transaction { database in
            let latest = try await Self.dailyTotals(of: action, on: database, latestOnly: true).first
            if let latest, latest.day >= day { return latest }
            let numbers = DailyTotalsEntry.numbers(of: totals, action: action, day: day)
            let previous = latest?.hash ?? DailyTotalsEntry.origin
            let entry = DailyTotalsEntry(
                day: day, recordedAt: now, numbers: numbers, previousHash: previous,
                hash: DailyTotalsEntry.hash(previous: previous, numbers: numbers))
            try await database.insert(into: "daily_totals")
                .columns("urgent_action_id", "day", "recorded_at", "numbers", "previous_hash", "hash")
                .values(
                    SQLBind(action.rawValue), SQLBind(day), SQLBind(Int64(now.timeIntervalSince1970)), SQLBind(numbers),
                    SQLBind(previous), SQLBind(entry.hash)
                )
                .ignoringConflicts().run()
            // Another instance may have written the day first: its entry is the one.
            return try await Self.dailyTotals(of: action, on: database, latestOnly: true).first ?? entry
        }
    }

    /// The action's daily record, oldest first.
    public func dailyTotals(of action: Identifier<UrgentAction>) async throws -> [DailyTotalsEntry] {
        try await engine.read { database in try await Self.dailyTotals(of: action, on: database, latestOnly: false) }
    }

    /// Whether the record still holds `link` and every entry up to it is intact and chained to the one before.
    public func dailyTotalsStillHold(_ link: DailyTotalsLink, of action: Identifier<UrgentAction>) async throws -> Bool {
        var previous = DailyTotalsEntry.origin
        for entry in try await dailyTotals(of: action) where entry.day <= link.day {
            guard entry.previousHash == previous, entry.isIntact else { return false }
            if entry.day == link.day { return entry.hash == link.hash }
            previous = entry.hash
        }
        return false
    }

    /// Keeps a signed statement under its code; the same statement twice is kept once.
    public func keepSignedStatement(_ signed: SignedTotalsStatement, code: String, at now: Date) async throws {
        // A report seen again with the same numbers on the same day is the same statement: a read suffices.
        guard try await signedStatement(code: code) == nil else { return }
        try await engine.transaction { database in
            try await database.insert(into: "signed_statements").columns("code", "urgent_action_id", "signed_text", "created_at")
                .values(
                    SQLBind(code), SQLBind(signed.statement.action.rawValue), SQLBind(signed.text),
                    SQLBind(Int64(now.timeIntervalSince1970))
                )
                .ignoringConflicts().run()
        }
    }

    /// The signed statement kept under `code`, as it was signed.
    public func signedStatement(code: String) async throws -> SignedTotalsStatement? {
        try await engine.read { database in
            try await database.select().column("signed_text").from("signed_statements").where("code", .equal, code).first()
        }.flatMap { SignedTotalsStatement(text: try $0.decode(column: "signed_text", as: String.self)) }
    }

    private static func dailyTotals(
        of action: Identifier<UrgentAction>, on database: any SQLDatabase, latestOnly: Bool
    ) async throws -> [DailyTotalsEntry] {
        var query = database.select().columns("day", "recorded_at", "numbers", "previous_hash", "hash").from("daily_totals")
            .where("urgent_action_id", .equal, action.rawValue)
        query = latestOnly ? query.orderBy("day", .descending).limit(1) : query.orderBy("day")
        return try await query.all().map { row in
            DailyTotalsEntry(
                day: try row.decode(column: "day", as: String.self),
                recordedAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "recorded_at", as: Int64.self))),
                numbers: try row.decode(column: "numbers", as: String.self),
                previousHash: try row.decode(column: "previous_hash", as: String.self),
                hash: try row.decode(column: "hash", as: String.self))
        }
    }
}
