import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdOTP
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import Testing

@testable import OutcryWeb

/// Signing in through the real router: one-time links, bcrypt, lock-out, two-factor with an injected clock.
@Suite struct SignInTests {
    static let password = "correct horse battery staple"

    /// Creates an account and sets its password through the one-time link, as its owner would.
    static func account(_ role: Role, _ client: any TestClientProtocol, _ store: Store, now: Date) async throws -> String {
        let email = "\(role.rawValue)@example.org"
        let (_, token) = try await store.createAccount(email: email, role: role, actor: "test", now: now)
        let form = try await client.get("/admin/set-password/\(token)", as: nil)
        #expect(form.status == .ok)
        let set = try await client.post(
            "/admin/set-password/\(token)", [("csrf", form.hidden("csrf")!), ("password", password), ("confirmation", password)], as: nil)
        #expect(set.status == .seeOther)
        #expect(set.headers[.location] == "/admin/sign-in?done=password")
        return email
    }

    /// Signs in as a browser does: the form, with the cookie it sets, then the post.
    static func signIn(
        _ email: String, _ password: String, _ client: any TestClientProtocol, cookie: String? = nil, uri: String = "/admin/sign-in"
    ) async throws -> TestResponse {
        let form = try await client.execute(uri: uri, method: .get, headers: cookie.map { [.cookie: $0] } ?? [:])
        let signInCookie = try #require(form.sessionCookie ?? cookie)
        let body = "csrf=\(form.hidden("csrf")!)&email=\(Self.encoded(email))&password=\(Self.encoded(password))"
        return try await client.execute(
            uri: uri, method: .post,
            headers: [
                .cookie: [signInCookie, cookie].compactMap { $0 }.joined(separator: "; "),
                .contentType: "application/x-www-form-urlencoded",
            ],
            body: ByteBuffer(string: body))
    }

    static func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }

    @Test func aOneTimeLinkSetsThePasswordOnceAndSignInStartsANewSession() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let (_, token) = try await store.createAccount(email: "Ana@Example.org", role: .editor, actor: "test", now: clock.now)
            let form = try await client.get("/admin/set-password/\(token)", as: nil)
            let csrf = form.hidden("csrf")!
            let weak = try await client.post(
                "/admin/set-password/\(token)", [("csrf", csrf), ("password", "short"), ("confirmation", "short")], as: nil)
            #expect(weak.status == .unprocessableContent)
            #expect(weak.text.contains("at least 12 characters"))
            let mismatch = try await client.post(
                "/admin/set-password/\(token)", [("csrf", csrf), ("password", Self.password), ("confirmation", Self.password + "!")],
                as: nil)
            #expect(mismatch.text.contains("not the same"))
            let set = try await client.post(
                "/admin/set-password/\(token)", [("csrf", csrf), ("password", Self.password), ("confirmation", Self.password)], as: nil)
            #expect(set.status == .seeOther)
            // The link is used up.
            #expect(try await client.get("/admin/set-password/\(token)", as: nil).status == .gone)

            let signedIn = try await Self.signIn("  ANA@example.org ", Self.password, client)
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/admin")
            let cookie = try #require(signedIn.headers[.setCookie])
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(cookie.contains("Path=/admin"))
            #expect(!cookie.contains("Secure"), "served over plain HTTP in tests")
            let browser = try #require(signedIn.sessionCookie)
            let home = try await client.execute(uri: "/admin", method: .get, headers: [.cookie: browser])
            #expect(home.status == .ok)
            #expect(home.text.contains("ana@example.org (Editor)"))

            // Signing in again gives a new session and ends the one the browser came with.
            let again = try await Self.signIn("ana@example.org", Self.password, client, cookie: browser)
            #expect(again.sessionCookie != browser)
            #expect(try await client.execute(uri: "/admin", method: .get, headers: [.cookie: browser]).status == .seeOther)
            let entries = try await store.auditLog()
            #expect(entries.contains { $0.action == "set password" && $0.actor == "ana@example.org" })
            #expect(entries.filter { $0.action == "signed in" }.count == 2)
        }
    }

    @Test func signingInLeadsBackToThePageAskedForButNeverToAnotherSite() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let email = try await Self.account(.viewer, client, store, now: clock.now)
            let sent = try await client.get("/admin/actions/30-24", as: nil)
            let location = try #require(sent.headers[.location])
            #expect(location == "/admin/sign-in?next=%2Fadmin%2Factions%2F30%2D24")
            let form = try await client.get(location, as: nil)
            #expect(form.text.contains(#"action="/admin/sign-in?next=%2Fadmin%2Factions%2F30%2D24""#))
            let back = try await Self.signIn(email, Self.password, client, uri: location)
            #expect(back.headers[.location] == "/admin/actions/30-24")
            for elsewhere in ["//evil.example/admin", "https://evil.example", "/admin/../../x\\y", "/public"] {
                let uri = "/admin/sign-in?next=" + elsewhere.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let response = try await Self.signIn(email, Self.password, client, uri: uri)
                #expect(response.headers[.location] == "/admin", "\(elsewhere)")
            }
        }
    }

    /// Another site cannot sign a browser into an account of its choosing: the form's token holds only with
    /// the cookie set beside it, in the browser the form was shown in.
    @Test func theSignInFormIsBoundToTheBrowserItWasShownIn() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let email = try await Self.account(.viewer, client, store, now: clock.now)
            let attackers = try await client.get("/admin/sign-in", as: nil)
            let token = try #require(attackers.hidden("csrf"))
            #expect(attackers.headers[.setCookie]?.contains("HttpOnly; SameSite=Strict") == true)
            func post(cookie: String?) async throws -> TestResponse {
                var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                if let cookie { headers[.cookie] = cookie }
                return try await client.execute(
                    uri: "/admin/sign-in", method: .post, headers: headers,
                    body: ByteBuffer(string: "csrf=\(token)&email=\(Self.encoded(email))&password=\(Self.encoded(Self.password))"))
            }
            let withoutCookie = try await post(cookie: nil)
            #expect(withoutCookie.status == .badRequest)
            #expect(withoutCookie.text.contains("Your browser did not send back the cookie this form needs."))
            let victims = try #require(try await client.get("/admin/sign-in", as: nil).sessionCookie)
            let withAnotherCookie = try await post(cookie: victims)
            #expect(withAnotherCookie.status == .badRequest)
            #expect(withAnotherCookie.headers[.setCookie] == nil, "no session was started")
            // The form works in the browser it was shown in.
            #expect(try await post(cookie: attackers.sessionCookie).status == .seeOther)
        }
    }

    /// Guesses from one connection are turned away before any password is checked, so a flood of them
    /// cannot hold up everyone's sign-in; the right password from there waits too, until the window ends.
    @Test func manySignInsFromOneConnectionArePausedBeforeAnyPasswordIsChecked() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let email = try await Self.account(.viewer, client, store, now: clock.now)
            for attempt in 1...AdminAuth.signInsPerClient.count {
                #expect(try await Self.signIn("guess\(attempt)@example.org", "guess", client).status == .unauthorized)
            }
            let paused = try await Self.signIn(email, Self.password, client)
            #expect(paused.status == .tooManyRequests)
            #expect(paused.text.contains("Too many sign-in attempts came from your connection. Please try again in about 10 minutes."))
            clock.advance(seconds: AdminAuth.signInsPerClient.window + 1)
            #expect(try await Self.signIn(email, Self.password, client).status == .seeOther)
        }
    }

    @Test func repeatedFailuresPauseSignInWithAClearMessageAndTimeLiftsIt() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let email = try await Self.account(.viewer, client, store, now: clock.now)
            for attempt in 1...4 {
                let response = try await Self.signIn(email, "wrong password \(attempt)", client)
                #expect(response.status == .unauthorized)
                #expect(response.text.contains("That e-mail address and password do not match an account."))
            }
            let fifth = try await Self.signIn(email, "wrong again", client)
            #expect(fifth.status == .tooManyRequests)
            #expect(
                fifth.text.contains(
                    "Too many failed attempts for this address. Sign-in is paused until 27 Nov 2026 at 11:17 UTC (about 15 minutes)."))
            // Even the right password waits.
            #expect(try await Self.signIn(email, Self.password, client).status == .tooManyRequests)
            // An address without an account is throttled the same way, so the answer tells nothing.
            for _ in 1...5 { _ = try await Self.signIn("nobody@example.org", "guess", client) }
            #expect(try await Self.signIn("nobody@example.org", "guess", client).status == .tooManyRequests)

            clock.advance(seconds: 16 * 60)
            #expect(try await Self.signIn(email, Self.password, client).status == .seeOther)
        }
    }

    @Test func twoFactorEnrolmentAndSignInFollowTheClock() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let email = try await Self.account(.admin, client, store, now: clock.now)
            let first = try await Self.signIn(email, Self.password, client)
            let cookie = try #require(first.sessionCookie)
            var browser = Browser(
                cookie: cookie,
                csrf: try await store.session(token: String(cookie.dropFirst("outcry_session=".count)), now: clock.now)!.csrf, email: email)

            #expect(try await client.post("/admin/account/two-factor/start", as: browser).headers[.location] == "/admin/account/two-factor")
            let page = try await client.get("/admin/account/two-factor", as: browser)
            let uri = try #require(page.text.range(of: "otpauth://totp/").map { String(page.text[$0.lowerBound...].prefix { $0 != "<" }) })
            #expect(uri.contains("issuer=Outcry"))
            let sealed = try #require(try await store.signInRecord(email: email)?.totpPendingSecret)
            #expect(ContactVault.isSealed(sealed), "the database keeps the authenticator secret sealed")
            let totp = TOTP(secret: try TestApp.vault.openMarked(sealed))
            func code(_ offset: TimeInterval = 0) -> String {
                String(format: "%06d", totp.compute(date: clock.now.addingTimeInterval(offset)))
            }

            let wrong = try await client.post("/admin/account/two-factor", [("code", code(-120))], as: browser)
            #expect(wrong.status == .unprocessableContent)
            #expect(try await store.signInRecord(email: email)?.totpSecret == nil)
            let on = try await client.post("/admin/account/two-factor", [("code", code())], as: browser)
            #expect(on.text.contains("Two-factor sign-in is on"))
            let recovery = try #require(
                on.text.range(of: #"<pre class="copy">"#).map {
                    on.text[$0.upperBound...].prefix { $0 != "<" }.split(separator: "\n").map(String.init)
                })
            #expect(recovery.count == 10)

            // The password alone now leads to the code page, not into the area.
            let password = try await Self.signIn(email, Self.password, client)
            #expect(password.headers[.location] == "/admin/sign-in/code")
            let pending = try #require(password.sessionCookie)
            #expect(try await client.execute(uri: "/admin", method: .get, headers: [.cookie: pending]).status == .seeOther)
            let codePage = try await client.execute(uri: "/admin/sign-in/code", method: .get, headers: [.cookie: pending])
            browser = Browser(cookie: pending, csrf: codePage.hidden("csrf")!, email: email)

            // The code used at enrolment cannot be used again (same time step); one a minute old is refused.
            let usedCode = try await client.post("/admin/sign-in/code", [("code", code())], as: browser)
            #expect(usedCode.status == .unauthorized)
            #expect(usedCode.text.contains("That code was used already. Wait for the next code your app shows"), "and it says so")
            let old = try await client.post("/admin/sign-in/code", [("code", code(-60))], as: browser)
            #expect(old.status == .unauthorized)
            #expect(old.text.contains("That code is not right."))
            clock.advance(seconds: 30)
            let signedIn = try await client.post("/admin/sign-in/code", [("code", code())], as: browser)
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/admin")
            #expect(signedIn.sessionCookie != pending, "the session is renewed once both factors are given")

            // A recovery code works once, typed in capitals and without the dash.
            let again = try await Self.signIn(email, Self.password, client)
            let againCookie = try #require(again.sessionCookie)
            let againPage = try await client.execute(uri: "/admin/sign-in/code", method: .get, headers: [.cookie: againCookie])
            let recoveryBrowser = Browser(cookie: againCookie, csrf: againPage.hidden("csrf")!, email: email)
            let typed = recovery[0].uppercased().replacingOccurrences(of: "-", with: " ")
            #expect(try await client.post("/admin/sign-in/code", [("code", typed)], as: recoveryBrowser).status == .seeOther)
            let third = try await Self.signIn(email, Self.password, client)
            let thirdCookie = try #require(third.sessionCookie)
            let thirdPage = try await client.execute(uri: "/admin/sign-in/code", method: .get, headers: [.cookie: thirdCookie])
            let used = try await client.post(
                "/admin/sign-in/code", [("code", recovery[0])],
                as: Browser(cookie: thirdCookie, csrf: thirdPage.hidden("csrf")!, email: email))
            #expect(used.status == .unauthorized)
        }
    }

    @Test func requiringTwoFactorSendsAccountsWithoutItToSetItUp() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let admin = try await store.signedIn(.admin, now: clock.now)
            let editor = try await store.signedIn(.editor, now: clock.now)
            let required = try await client.post("/admin/settings/two-factor", [("required", "yes")], as: admin)
            #expect(required.status == .seeOther && required.headers[.location] == "/admin/users?done=required")
            let blocked = try await client.get("/admin/actions/30-24", as: editor)
            #expect(blocked.status == .seeOther)
            #expect(blocked.headers[.location] == "/admin/account")
            let account = try await client.get("/admin/account", as: editor)
            #expect(account.text.contains("An administrator requires two-factor sign-in. Set it up to continue."))
            #expect(try await store.auditLog().contains { $0.recordID == "require_two_factor" && $0.actor == admin.email })
        }
    }

    @Test func disablingAnAccountEndsItsSessionsAndSigningOutEverywhereEndsAll() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let admin = try await store.signedIn(.admin, now: clock.now)
            let editor = try await store.signedIn(.editor, now: clock.now)
            #expect(try await client.get("/admin", as: editor).status == .ok)
            let disabled = try await client.postFollowingRedirect(
                "/admin/users/\(editor.email.replacingOccurrences(of: "@", with: "%40"))/disable", as: admin)
            #expect(disabled.text.contains("\(editor.email) is disabled and signed out everywhere"))
            // The notice follows the accounts, not the address: kept after the account is enabled again, it says nothing.
            let enabled = try await client.postFollowingRedirect(
                "/admin/users/\(editor.email.replacingOccurrences(of: "@", with: "%40"))/enable", as: admin)
            #expect(!enabled.text.contains("is disabled"))
            _ = try await client.post("/admin/users/\(editor.email.replacingOccurrences(of: "@", with: "%40"))/disable", as: admin)
            #expect(try await client.get("/admin", as: editor).status == .seeOther)
            // An administrator cannot lock themselves out.
            let own = try await client.post("/admin/users/\(admin.email.replacingOccurrences(of: "@", with: "%40"))/disable", as: admin)
            #expect(own.text.contains("You cannot change your own account here"))

            let viewer = try await store.signedIn(.viewer, now: clock.now)
            let token = String(viewer.cookie.dropFirst("outcry_session=".count))
            let account = try #require(try await store.session(token: token, now: clock.now)?.account.id)
            let secondToken = try await store.startSession(for: account, stage: .complete, now: clock.now, lifetime: 3600)
            let out = try await client.post("/admin/sign-out-everywhere", as: viewer)
            #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(
                try await client.execute(uri: "/admin", method: .get, headers: [.cookie: "outcry_session=\(secondToken)"]).status
                    == .seeOther)
        }
    }
}
