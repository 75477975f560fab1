import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdOTP
import OutcryCore
import OutcryStore

/// Signing in (password, then a code when two-factor is on), setting a password from a one-time link,
/// and signing out here or everywhere.
struct SignInController: Sendable {
    let auth: AdminAuth
    let tokens: FormTokens
    let renderer: PageRenderer

    private var store: Store { auth.store }
    private var now: Date { auth.now }

    func addRoutes(to router: Router<OutcryRequestContext>, signedIn routes: CoordinatorRoutes) {
        router.get(.admin(.signIn), use: signInForm)
        router.post(.admin(.signIn), use: signIn)
        router.get(.admin(.secondFactor), use: codeForm)
        router.post(.admin(.secondFactor), use: secondFactor)
        router.get(.admin(.setPassword(.key)), use: setPasswordForm)
        router.post(.admin(.setPassword(.key)), use: setPassword)
        routes.post(.signOut, .viewer, allowingEnrolment: true, use: signOut)
        routes.post(.signOutEverywhere, .viewer, allowingEnrolment: true, use: signOutEverywhere)
    }

    @Sendable func signInForm(_ request: Request, context: OutcryRequestContext) throws -> Response {
        let messages = context.messages
        let notice = request.uri.queryParameters["done"] == "password" ? messages("admin.sign-in.password-set") : nil
        return try signInPage(request, messages, email: nil, next: request.uri.queryParameters["next"].map(String.init), notice: notice)
    }

    @Sendable func codeForm(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let session = try await pendingSession(request)
        return try codePage(context.messages, session: session, next: request.uri.queryParameters["next"].map(String.init), error: nil)
    }

    @Sendable func setPasswordForm(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard let account = try await store.account(forPasswordLink: token, now: now) else { return try expiredLink(context.messages) }
        return try setPasswordPage(context.messages, account: account, token: token, problem: nil)
    }

    @Sendable func signOut(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        try await store.endSession(token: context.coordinator.token)
        return seeOther(AdminRoute.signIn.path, cookie: auth.cookie(nil))
    }

    @Sendable func signOutEverywhere(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        try await store.endSessions(of: coordinator.account.id)
        try await store.record(coordinator.audit("signed out everywhere", "account", coordinator.email, "every session ended", at: now))
        return seeOther(AdminRoute.signIn.path, cookie: auth.cookie(nil))
    }

    // MARK: Password

    @Sendable func signIn(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let messages = context.messages
        let form = try await FormBody.read(request)
        let email = Account.normalised(email: form["email"] ?? "")
        // Where the coordinator was going when sent to sign in: carried in the form's address.
        let next = request.uri.queryParameters["next"].map(String.init)
        func page(_ error: String, _ status: HTTPResponse.Status) throws -> Response {
            try signInPage(request, messages, email: email, next: next, error: messages(error), status: status)
        }
        // The form's token is made for the cookie set with the form: one posted from anywhere else fails.
        guard let presession = AdminAuth.cookie(named: AdminAuth.signInCookieName, in: request) else {
            return try page("admin.sign-in.no-cookie", .badRequest)
        }
        guard (try? tokens.verify(form["csrf"], for: Self.formPurpose(presession), now: now)) != nil else {
            return try page("admin.sign-in.too-old", .badRequest)
        }
        guard !email.isEmpty, let password = form["password"], !password.isEmpty else {
            return try page("admin.sign-in.type-both", .unprocessableContent)
        }
        let client = auth.signInThrottle.client(peer: context.remoteAddress, forwardedFor: request.forwardedFor)
        if let until = auth.signInThrottle.take(client, now: now) {
            let minutes = max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
            return try signInPage(
                request, messages, email: email, next: next, error: messages.plural("admin.sign-in.busy-connection", count: minutes),
                status: .tooManyRequests)
        }
        let key = auth.throttleKey(email)
        if let until = try await store.signInLockedUntil(key: key, now: now) {
            return try locked(request, messages, until, email: email, next: next)
        }
        let record = try await store.signInRecord(email: email)
        guard let matches = try await auth.verify(password: String(password.prefix(200)), hash: record?.passwordHash) else {
            return try page("admin.sign-in.busy", .serviceUnavailable)
        }
        guard matches, let record else {
            return try await failed(request, messages, key: key, email: email, next: next, message: messages("admin.sign-in.no-match"))
        }
        try await store.clearSignInFailures(key: key)
        guard !record.account.isDisabled else {
            return try page("admin.sign-in.disabled", .forbidden)
        }
        if let previous = AdminAuth.sessionToken(in: request) { try await store.endSession(token: previous) }
        if record.totpSecret != nil {
            let token = try await store.startSession(
                for: record.account.id, stage: .password, now: now, lifetime: AdminAuth.secondFactorLifetime)
            return seeOther(carryingNext(.secondFactor, next), cookie: auth.cookie(token))
        }
        return try await complete(record.account, next: next, how: "password")
    }

    /// A new session (never the one the browser came with), the audit entry, and on to the page asked for.
    private func complete(_ account: Account, next: String?, how: String) async throws -> Response {
        let token = try await store.startSession(for: account.id, stage: .complete, now: now, lifetime: AdminAuth.sessionLifetime)
        try await store.record(
            AuditEntry(
                at: now, actor: account.email, action: "signed in", recordKind: "account", recordID: account.email, summary: "with \(how)"))
        return seeOther(Self.safeNext(next), cookie: auth.cookie(token))
    }

    private func failed(
        _ request: Request, _ messages: Messages, key: String, email: String, next: String?, message: String
    ) async throws -> Response {
        if let until = try await store.recordSignInFailure(
            key: key, now: now, limit: AdminAuth.failureLimit, window: AdminAuth.failureWindow, lockout: AdminAuth.lockout)
        {
            return try locked(request, messages, until, email: email, next: next)
        }
        return try signInPage(request, messages, email: email, next: next, error: message, status: .unauthorized)
    }

    private func locked(_ request: Request, _ messages: Messages, _ until: Date, email: String, next: String?) throws -> Response {
        let minutes = max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
        return try signInPage(
            request, messages, email: email, next: next,
            error: messages.plural("admin.sign-in.locked", count: minutes, ["until": messages.moment(until)]), status: .tooManyRequests)
    }

    // MARK: Second factor

    private func pendingSession(_ request: Request) async throws -> (CoordinatorSession, String) {
        guard let token = AdminAuth.sessionToken(in: request), let session = try await store.session(token: token, now: now),
            session.stage == .password
        else { throw AdminRedirect.to(AdminRoute.signIn.path) }
        return (session, token)
    }

    @Sendable func secondFactor(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let messages = context.messages
        let (session, token) = try await pendingSession(request)
        let form = try await FormBody.read(request)
        try AdminAuth.checkCSRF(form, session: session)
        let account = session.account
        let key = auth.throttleKey(account.email)
        if let until = try await store.signInLockedUntil(key: key, now: now) {
            try await store.endSession(token: token)
            return try locked(request, messages, until, email: account.email, next: nil)
        }
        let code = (form["code"] ?? "").trimmingCharacters(in: .whitespaces)
        guard let record = try await store.signInRecord(id: account.id), let secret = try auth.opened(secret: record.totpSecret) else {
            throw AdminRedirect.to(AdminRoute.signIn.path)
        }
        var how: String?
        var usedBefore = false
        if let step = AdminAuth.matchingStep(of: code, secret: secret, at: now) {
            if try await store.useTwoFactorStep(step, for: account.id) {
                how = "password and authenticator code"
            } else {
                usedBefore = true
            }
        } else if try await store.useRecoveryCode(RecoveryCodes.normalised(code), for: account.id, now: now) {
            how = "password and a recovery code"
        }
        guard let how else {
            if let until = try await store.recordSignInFailure(
                key: key, now: now, limit: AdminAuth.failureLimit, window: AdminAuth.failureWindow, lockout: AdminAuth.lockout)
            {
                try await store.endSession(token: token)
                return try locked(request, messages, until, email: account.email, next: nil)
            }
            return try codePage(
                messages, session: (session, token), next: request.uri.queryParameters["next"].map(String.init),
                error: messages(usedBefore ? "admin.sign-in.code-used" : "admin.sign-in.wrong-code"), status: .unauthorized)
        }
        try await store.clearSignInFailures(key: key)
        try await store.endSession(token: token)
        return try await complete(account, next: request.uri.queryParameters["next"].map(String.init), how: how)
    }

    // MARK: Setting a password

    @Sendable func setPassword(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        let messages = context.messages
        let form = try await FormBody.read(request)
        guard let account = try await store.account(forPasswordLink: token, now: now) else { return try expiredLink(messages) }
        do {
            _ = try tokens.verify(form["csrf"], for: "set-password", now: now)
        } catch {
            return try setPasswordPage(messages, account: account, token: token, problem: messages("admin.password.too-old"))
        }
        let password = form["password"] ?? ""
        if let problem = PasswordRules.problem(with: password, confirmation: form["confirmation"] ?? "", email: account.email) {
            return try setPasswordPage(messages, account: account, token: token, problem: problem.message(messages))
        }
        guard try await store.setPassword(hash: try await auth.hash(password: password), link: token, now: now) else {
            return try expiredLink(messages)
        }
        return seeOther(SiteRoute.admin(.signIn).path(query: ["done": "password"]))
    }

    // MARK: Pages

    /// What the sign-in form's token is made for: the cookie set with the form.
    private static func formPurpose(_ presession: String) -> String { "sign-in:\(presession)" }

    /// The sign-in form, with a token made for this browser's sign-in cookie, set here if it has none.
    private func signInPage(
        _ request: Request, _ messages: Messages, email: String?, next: String?, notice: String? = nil, error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let existing = AdminAuth.cookie(named: AdminAuth.signInCookieName, in: request)
        let presession = existing ?? randomToken(bytes: 16)
        var fields: [FormField] = [
            .text("email", messages("admin.account.email"), value: email, type: "email"),
            .text("password", messages("admin.sign-in.password"), value: nil, type: "password"),
        ]
        fields[0].autocomplete = "username"
        fields[1].autocomplete = "current-password"
        let view = FormView(
            admin: AdminPage(title: messages("admin.sign-in.heading"), messages: messages, coordinator: nil, notice: notice, error: error),
            heading: messages("admin.sign-in.heading"), intro: messages("admin.sign-in.intro"),
            action: carryingNext(.signIn, next), csrf: tokens.issue(for: Self.formPurpose(presession), now: now), fields: fields,
            submit: messages("admin.sign-in.submit"))
        var response = try renderer.response(view, status: status)
        if existing == nil { response.headers[.setCookie] = auth.signInCookie(presession) }
        return response
    }

    private func codePage(
        _ messages: Messages, session: (CoordinatorSession, String), next: String?, error: String?, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        var code = FormField.text("code", messages("admin.sign-in.code"), value: nil, hint: messages("admin.sign-in.code-hint"))
        code.autocomplete = "one-time-code"
        let view = FormView(
            admin: AdminPage(title: messages("admin.sign-in.second-step"), messages: messages, coordinator: nil, error: error),
            heading: messages("admin.sign-in.second-step-heading"), intro: messages("admin.sign-in.as", ["email": session.0.account.email]),
            action: carryingNext(.secondFactor, next), csrf: session.0.csrf, fields: [code], submit: messages("admin.sign-in.submit"),
            cancel: Link(text: messages("admin.sign-in.start-again"), href: AdminRoute.signIn.path))
        return try renderer.response(view, status: status)
    }

    private func setPasswordPage(_ messages: Messages, account: Account, token: String, problem: String?) throws -> Response {
        var password = FormField.text(
            "password", messages("admin.password.new"), value: nil,
            hint: messages.plural("admin.password.hint", count: PasswordRules.minimumLength), type: "password")
        password.autocomplete = "new-password"
        var confirmation = FormField.text("confirmation", messages("admin.password.again"), value: nil, type: "password")
        confirmation.autocomplete = "new-password"
        let view = FormView(
            admin: AdminPage(title: messages("admin.password.heading"), messages: messages, coordinator: nil),
            heading: messages("admin.password.heading"), intro: messages("admin.password.intro", ["email": account.email]),
            action: AdminRoute.setPassword(token).path, csrf: tokens.issue(for: "set-password", now: now),
            fields: [password.with(error: problem), confirmation], submit: messages("admin.password.submit"))
        return try renderer.response(view, status: problem == nil ? .ok : .unprocessableContent)
    }

    private func expiredLink(_ messages: Messages) throws -> Response {
        try renderer.response(
            MessageView(
                admin: AdminPage(title: messages("admin.link.title"), messages: messages, coordinator: nil),
                heading: messages("admin.link.heading"),
                paragraphs: [messages.plural("admin.link.text", count: Int(Store.passwordLinkLifetime / 3600))],
                copyable: [], next: Link(text: messages("admin.sign-in.heading"), href: AdminRoute.signIn.path)),
            status: .gone)
    }

    /// `route` with where the coordinator was going, when that is a page of the coordinator area.
    private func carryingNext(_ route: AdminRoute, _ next: String?) -> String {
        guard let next, next != AdminRoute.home.path, Self.safeNext(next) == next else { return route.path }
        return SiteRoute.admin(route).path(query: ["next": next])
    }

    /// Only a path inside the coordinator area: never another site (an open redirect).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix(AdminRoute.home.path), !next.contains("//"), !next.contains("\\"),
            !next.unicodeScalars.contains(where: { $0.value < 0x21 })
        else { return AdminRoute.home.path }
        return next
    }
}

/// Ten single-use codes for when the authenticator is lost; shown once, stored hashed.
enum RecoveryCodes {
    static let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")

    static func make(count: Int = 10) -> [String] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            let letters = (0..<10).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] }
            return String(letters[0..<5]) + "-" + String(letters[5...])
        }
    }

    /// As typed: case, spaces and the dash do not matter.
    static func normalised(_ code: String) -> String {
        let letters = code.lowercased().filter { $0.isLetter || $0.isNumber }
        guard letters.count == 10 else { return code }
        return String(letters.prefix(5)) + "-" + String(letters.suffix(5))
    }
}
