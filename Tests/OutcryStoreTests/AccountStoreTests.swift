import Foundation
import OutcryCore
import OutcryTestSupport
import SQLKit
import Testing

@testable import OutcryStore

/// Accounts, sessions, throttling, two-factor and the audit log, on both engines: several instances on
/// PostgreSQL share all of it through the database.
@Suite struct AccountStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_779_726)

    @Test(arguments: ThrowawayDatabase.engines)
    func accountsLinksAndSessions(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            let (account, link) = try await store.createAccount(email: " Ana@Example.ORG", role: .editor, actor: "command line", now: now)
            #expect(account.email == "ana@example.org")
            #expect(!account.hasPassword)
            await #expect(throws: StoreError.duplicate("an account for ana@example.org")) {
                try await store.createAccount(email: "ana@example.org", role: .admin, actor: "command line", now: now)
            }
            await #expect(throws: StoreError.invalid("“not-an-address” is not an e-mail address")) {
                try await store.createAccount(email: "not-an-address", role: .admin, actor: "command line", now: now)
            }
            // Only digests are stored: the link's token and the session's cannot be read back from the database.
            let stored = try await store.engine.read { database in
                try await database.select().column("token_hash").from("account_links").all().map {
                    try $0.decode(column: "token_hash", as: String.self)
                }
            }
            #expect(stored == [Store.digest(link)])

            #expect(try await store.account(forPasswordLink: link, now: now.addingTimeInterval(Store.passwordLinkLifetime + 1)) == nil)
            #expect(try await store.setPassword(hash: "$2b$04$hash", link: link, now: now))
            #expect(!(try await store.setPassword(hash: "$2b$04$other", link: link, now: now)), "a link works once")
            #expect(try await store.signInRecord(email: "ANA@example.org")?.passwordHash == "$2b$04$hash")

            let token = try await store.startSession(for: account.id, stage: .complete, now: now, lifetime: 60)
            let session = try #require(try await store.session(token: token, now: now))
            #expect(session.account.email == "ana@example.org")
            #expect(session.csrf.count >= 32)
            #expect(try await store.session(token: token, now: now.addingTimeInterval(61)) == nil, "expired")
            #expect(try await store.session(token: token + "x", now: now) == nil)

            try await store.setDisabled(true, account: "ana@example.org", actor: "admin@example.org", now: now)
            #expect(try await store.session(token: token, now: now) == nil, "disabling ends every session")
            try await store.setDisabled(false, account: "ana@example.org", actor: "admin@example.org", now: now)
            let again = try await store.startSession(for: account.id, stage: .complete, now: now, lifetime: 60)
            let newLink = try await store.resetPassword(account: "ana@example.org", actor: "admin@example.org", now: now)
            #expect(try await store.session(token: again, now: now) == nil, "a reset ends every session")
            #expect(try await store.signInRecord(email: "ana@example.org")?.passwordHash == nil)
            #expect(try await store.account(forPasswordLink: newLink, now: now)?.email == "ana@example.org")

            let log = try await store.auditLog()
            #expect(log.map(\.action) == ["reset", "enabled", "disabled", "set password", "created"])
            #expect(log.last?.actor == "command line")
        }
    }

    @Test(arguments: ThrowawayDatabase.engines)
    func throttlingLocksAfterTheLimitAndForgetsOldFailures(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            func fail(at offset: TimeInterval) async throws -> Date? {
                try await store.recordSignInFailure(key: "k", now: now.addingTimeInterval(offset), limit: 3, window: 600, lockout: 900)
            }
            #expect(try await fail(at: 0) == nil)
            #expect(try await fail(at: 10) == nil)
            // The window restarts once the first failure is older than it.
            #expect(try await fail(at: 700) == nil)
            #expect(try await fail(at: 710) == nil)
            let until = try await fail(at: 720)
            #expect(until == now.addingTimeInterval(720 + 900))
            #expect(try await store.signInLockedUntil(key: "k", now: now.addingTimeInterval(800)) == until)
            #expect(try await store.signInLockedUntil(key: "k", now: now.addingTimeInterval(1700)) == nil)
            #expect(try await store.signInLockedUntil(key: "other", now: now) == nil)
            try await store.clearSignInFailures(key: "k")
            #expect(try await fail(at: 1800) == nil)
        }
    }

    @Test(arguments: ThrowawayDatabase.engines)
    func twoFactorStepsAndRecoveryCodesWorkOnce(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            let (account, _) = try await store.createAccount(email: "bo@example.org", role: .admin, actor: "command line", now: now)
            try await store.setPendingTwoFactorSecret("secret", for: account.id, until: now.addingTimeInterval(600))
            let pending = try #require(try await store.signInRecord(id: account.id))
            #expect(pending.totpSecret == nil, "pending until confirmed")
            #expect(pending.pendingSecret(at: now) == "secret" && pending.pendingSecret(at: now.addingTimeInterval(601)) == nil)
            try await store.enableTwoFactor(
                for: account.id, step: 100, recoveryCodes: ["aaaaa-bbbbb", "ccccc-ddddd"], actor: "bo@example.org", now: now)
            let record = try #require(try await store.signInRecord(id: account.id))
            #expect(record.totpSecret == "secret" && record.totpPendingSecret == nil && record.account.hasTwoFactor)
            #expect(!(try await store.useTwoFactorStep(100, for: account.id)), "the enrolment code is used up")
            #expect(try await store.useTwoFactorStep(101, for: account.id))
            #expect(!(try await store.useTwoFactorStep(101, for: account.id)), "a replay")
            #expect(!(try await store.useTwoFactorStep(99, for: account.id)), "an older code")
            #expect(try await store.useRecoveryCode("aaaaa-bbbbb", for: account.id, now: now))
            #expect(!(try await store.useRecoveryCode("aaaaa-bbbbb", for: account.id, now: now)))
            #expect(!(try await store.useRecoveryCode("zzzzz-zzzzz", for: account.id, now: now)))
            #expect(try await store.unusedRecoveryCodes(of: account.id) == 1)
            #expect(!(try await store.requiresTwoFactor()))
            try await store.setRequiresTwoFactor(true, actor: "bo@example.org", now: now)
            #expect(try await store.requiresTwoFactor())
        }
    }

    @Test(arguments: ThrowawayDatabase.engines)
    func editsLandWithTheirAuditEntryAndMoveTheContentVersion(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            _ = try await store.loadDemoData()
            let before = try await store.contentVersion()
            var action = try #require(try await store.urgentAction("30-24"))
            action.number = "31.24"
            action.id = "31-24"
            action.status = .draft
            action.kind = .update
            action.updates = "30-24"
            try await store.save(
                action,
                audit: AuditEntry(
                    at: now, actor: "ed@example.org", action: "created", recordKind: "urgent action", recordID: "31-24", summary: "draft"))
            #expect(try await store.contentVersion().shared == before.shared + 1)
            #expect(try await store.urgentAction("31-24") == action)
            #expect(try await store.allUrgentActions().map(\.id).contains("31-24"))
            #expect(!(try await store.publicUrgentActions().map(\.id).contains("31-24")), "a draft is never public")
            #expect(try await store.exists("31-24", in: .urgentActions))

            // A change that fails leaves neither the record nor its audit entry.
            var broken = action
            broken.caseID = "no-such-case"
            await #expect(throws: (any Error).self) {
                try await store.save(
                    broken,
                    audit: AuditEntry(
                        at: now, actor: "ed@example.org", action: "edited", recordKind: "urgent action", recordID: "31-24", summary: "case")
                )
            }
            #expect(try await store.urgentAction("31-24")?.caseID == action.caseID)
            #expect(try await store.auditLog(recordID: "31-24").map(\.action) == ["created"])
        }
    }

    @Test(arguments: ThrowawayDatabase.engines)
    func aFlaggedReportIsDecidedOnceAndAnAcceptedOneCountsFromThen(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            _ = try await store.loadDemoData()
            let reports = (0..<3).map { index in
                IncomingReport(
                    idempotencyKey: "k\(index)", urgentAction: "30-24",
                    input: ReportInput(counts: [.letter: 2, .email: 1], target: "sadyr-japarov", country: Country(rawValue: "DE")),
                    clientHash: "c", reportedAt: now, honeypotFilled: index > 0)
            }
            _ = try await store.record(reports, caps: ReportCaps(reportsPerDay: 100, actionsPerDay: 1000))
            let flagged = try await store.flaggedReports(of: "30-24")
            #expect(flagged.count == 2)
            #expect(flagged[0].counts[.letter] == 2 && flagged[0].targets == ["sadyr-japarov"])
            #expect(try await store.totals(of: "30-24").reports == 1)

            #expect(try await store.review(report: flagged[0].id, of: "30-24", accept: true, actor: "ed@example.org", now: now))
            #expect(!(try await store.review(report: flagged[0].id, of: "30-24", accept: true, actor: "ed@example.org", now: now)))
            #expect(
                !(try await store.review(report: flagged[1].id, of: "other", accept: true, actor: "ed@example.org", now: now)),
                "the report belongs to another action")
            #expect(try await store.review(report: flagged[1].id, of: "30-24", accept: false, actor: "ed@example.org", now: now))
            let totals = try await store.totals(of: "30-24")
            #expect(totals.reports == 2)
            #expect(totals.byChannel[.letter] == 4)
            #expect(totals.byTarget["sadyr-japarov"]?.reports == 2)
            #expect(totals.peopleByCountry[Country(rawValue: "DE")] == 2)
            #expect(try await store.flaggedReports(of: "30-24").isEmpty)
            let days = try await store.dailyActions(of: "30-24")
            #expect(days.count == 1 && days[0].actions == 6)
            #expect(try await store.auditLog(recordID: "30-24").map(\.action) == ["rejected report", "accepted report"])
        }
    }
}
