import Foundation
import HummingbirdOTP
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import Testing

@testable import OutcryWeb

/// Moving two-factor sign-in to a new app takes what signing in takes; a session alone cannot do it.
@Suite struct TwoFactorTests {
    /// A browser signed in to `email`, its session made directly in the store.
    static func browser(_ email: String, _ store: Store, now: Date) async throws -> Browser {
        let account = try #require(try await store.signInRecord(email: email)?.account)
        let token = try await store.startSession(for: account.id, stage: .complete, now: now, lifetime: 3600)
        return Browser(
            cookie: "outcry_session=\(token)", csrf: try #require(try await store.session(token: token, now: now)).csrf, email: email)
    }

    static func code(_ totp: TOTP, _ date: Date) -> String { String(format: "%06d", totp.compute(date: date)) }

    @Test func movingToANewAppNeedsThePasswordAndACurrentCodeAndEndsOtherSessions() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let email = try await SignInTests.account(.editor, client, store, now: clock.now)
            let account = try #require(try await store.signInRecord(email: email)?.account)
            let old = TOTP(secret: "old-secret-0123456789")
            try await store.setPendingTwoFactorSecret(
                try TestApp.vault.sealMarked("old-secret-0123456789"), for: account.id, until: clock.now.addingTimeInterval(60))
            try await store.enableTwoFactor(for: account.id, step: 0, recoveryCodes: ["aaaaa-bbbbb"], actor: email, now: clock.now)
            let here = try await Self.browser(email, store, now: clock.now)
            let elsewhere = try await Self.browser(email, store, now: clock.now)

            // The session's token alone, or with the password but a wrong code: refused, nothing pending.
            let bare = try await client.post("/admin/account/two-factor/start", as: here)
            #expect(bare.status == .unauthorized)
            #expect(bare.text.contains("That password or code is not right, so your second factor was not changed."))
            let wrongCode = try await client.post(
                "/admin/account/two-factor/start", [("password", SignInTests.password), ("code", "000000")], as: here)
            #expect(wrongCode.status == .unauthorized)
            let stolenCode = try await client.post(
                "/admin/account/two-factor/start", [("password", "not the password"), ("code", Self.code(old, clock.now))], as: here)
            #expect(stolenCode.status == .unauthorized)
            #expect(try await store.signInRecord(email: email)?.pendingSecret(at: clock.now) == nil)
            #expect(try await client.get("/admin/account/two-factor", as: here).headers[.location] == "/admin/account")

            // The password and a current code: a new secret to confirm.
            let started = try await client.post(
                "/admin/account/two-factor/start", [("password", SignInTests.password), ("code", Self.code(old, clock.now))], as: here)
            #expect(started.headers[.location] == "/admin/account/two-factor")
            let sealed = try #require(try await store.signInRecord(email: email)?.pendingSecret(at: clock.now))
            let new = TOTP(secret: try TestApp.vault.openMarked(sealed))
            let on = try await client.post("/admin/account/two-factor", [("code", Self.code(new, clock.now))], as: here)
            #expect(on.text.contains("Your new authenticator is on"))

            #expect(try await client.get("/admin", as: here).status == .ok, "this session goes on")
            #expect(try await client.get("/admin", as: elsewhere).status == .seeOther, "every other session ended")
            let entry = try #require(try await store.auditLog().first)
            #expect(entry.action == "two-factor replaced" && entry.actor == email)
        }
    }

    /// A recovery code stands for the lost app, once; failures count toward the sign-in pause.
    @Test func aRecoveryCodeStandsForALostAppAndGuessesArePaused() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let email = try await SignInTests.account(.viewer, client, store, now: clock.now)
            let account = try #require(try await store.signInRecord(email: email)?.account)
            try await store.setPendingTwoFactorSecret(
                try TestApp.vault.sealMarked("lost-secret-012345678"), for: account.id, until: clock.now.addingTimeInterval(60))
            try await store.enableTwoFactor(for: account.id, step: 0, recoveryCodes: ["ccccc-ddddd"], actor: email, now: clock.now)
            let here = try await Self.browser(email, store, now: clock.now)
            for attempt in 1..<AdminAuth.failureLimit {
                let guess = try await client.post(
                    "/admin/account/two-factor/start", [("password", SignInTests.password), ("code", "guess-\(attempt)")], as: here)
                #expect(guess.status == .unauthorized)
            }
            let last = try await client.post(
                "/admin/account/two-factor/start", [("password", SignInTests.password), ("code", "guess")], as: here)
            #expect(last.status == .tooManyRequests)
            // Even the right recovery code waits.
            let paused = try await client.post(
                "/admin/account/two-factor/start", [("password", SignInTests.password), ("code", "ccccc-ddddd")], as: here)
            #expect(paused.status == .tooManyRequests)
            #expect(paused.text.contains("Changing your second factor is paused until"))
            clock.advance(seconds: AdminAuth.lockout + 1)
            let recovered = try await client.post(
                "/admin/account/two-factor/start", [("password", SignInTests.password), ("code", "CCCCC DDDDD")], as: here)
            #expect(recovered.headers[.location] == "/admin/account/two-factor")
        }
    }

    /// A new secret is shown and confirmed only for a while after it was made.
    @Test func aPendingSecretExpires() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let browser = try await store.signedIn(.viewer, now: clock.now)
            #expect(try await client.post("/admin/account/two-factor/start", as: browser).headers[.location] == "/admin/account/two-factor")
            #expect(try await client.get("/admin/account/two-factor", as: browser).status == .ok)
            clock.advance(seconds: TwoFactorController.enrolmentLifetime + 1)
            #expect(try await client.get("/admin/account/two-factor", as: browser).headers[.location] == "/admin/account")
        }
    }
}
