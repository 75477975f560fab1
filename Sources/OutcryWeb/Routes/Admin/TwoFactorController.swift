import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdOTP
import OutcryCore
import OutcryStore

/// Turning two-factor sign-in on, and moving it to a new phone or app. Replacing a second factor takes
/// what signing in takes (the password and a current code, or a recovery code), ends the account's other
/// sessions and is audited as a replacement: a session alone, perhaps a stolen one, cannot swap it.
struct TwoFactorController: Sendable {
    let auth: AdminAuth
    let renderer: PageRenderer
    let siteName: String
    /// Shows the account page again when a replacement is refused.
    let account: AccountController

    /// How long a new secret may be shown and confirmed after it was made.
    static let enrolmentLifetime: TimeInterval = 1800

    private var store: Store { auth.store }
    private var now: Date { auth.now }

    func addRoutes(to routes: CoordinatorRoutes) {
        routes.post(.twoFactorStart, .viewer, allowingEnrolment: true, use: start)
        routes.get(.twoFactor, .viewer, allowingEnrolment: true, use: form)
        routes.post(.twoFactor, .viewer, allowingEnrolment: true, use: enable)
    }

    @Sendable func start(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        if coordinator.account.hasTwoFactor, let refusal = try await confirmIdentity(coordinator, form) { return refusal }
        try await store.setPendingTwoFactorSecret(
            try auth.sealed(secret: randomToken(bytes: 20)), for: coordinator.account.id,
            until: now.addingTimeInterval(Self.enrolmentLifetime))
        return seeOther(AdminRoute.twoFactor.path)
    }

    @Sendable func form(_ request: Request, context: CoordinatorContext) async throws -> Response {
        try await enrolmentPage(context.coordinator, error: nil)
    }

    @Sendable func enable(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        guard let secret = try await pendingSecret(coordinator) else { return seeOther(AdminRoute.account.path) }
        guard let step = AdminAuth.matchingStep(of: form["code"] ?? "", secret: secret, at: now) else {
            return try await enrolmentPage(coordinator, error: coordinator.messages("admin.two-factor.no-match"))
        }
        let codes = RecoveryCodes.make()
        let replacing = coordinator.account.hasTwoFactor
        try await store.enableTwoFactor(
            for: coordinator.account.id, step: step, recoveryCodes: codes, actor: coordinator.email, now: now, replacing: replacing,
            keeping: coordinator.token)
        let messages = coordinator.messages
        let heading = messages(replacing ? "admin.two-factor.replaced" : "admin.two-factor.on")
        return try renderer.response(
            MessageView(
                admin: AdminPage(title: heading, coordinator: coordinator, current: AdminRoute.account.path),
                heading: heading,
                paragraphs: [
                    messages(replacing ? "admin.two-factor.replaced-text" : "admin.two-factor.on-text"),
                    messages("admin.two-factor.keep-codes"),
                ],
                copyable: codes, next: Link(text: messages("admin.two-factor.go-on"), href: AdminRoute.home.path)))
    }

    /// Nil when the password and the code (or a recovery code) are right; else the account page saying why
    /// not. Failures count toward the same pause as failed sign-ins.
    private func confirmIdentity(_ coordinator: Coordinator, _ form: FormBody) async throws -> Response? {
        let key = auth.throttleKey(coordinator.email)
        if let until = try await store.signInLockedUntil(key: key, now: now) { return try await paused(coordinator, until) }
        guard let record = try await store.signInRecord(id: coordinator.account.id) else {
            throw AdminRedirect.to(AdminRoute.signIn.path)
        }
        guard let passwordMatches = try await auth.verify(password: String((form["password"] ?? "").prefix(200)), hash: record.passwordHash)
        else {
            return try await account.accountPage(
                coordinator, error: coordinator.messages("admin.sign-in.busy"), status: .serviceUnavailable)
        }
        let code = (form["code"] ?? "").trimmingCharacters(in: .whitespaces)
        var confirmed = false
        if passwordMatches, let secret = try auth.opened(secret: record.totpSecret) {
            if let step = AdminAuth.matchingStep(of: code, secret: secret, at: now) {
                confirmed = try await store.useTwoFactorStep(step, for: coordinator.account.id)
            } else {
                confirmed = try await store.useRecoveryCode(RecoveryCodes.normalised(code), for: coordinator.account.id, now: now)
            }
        }
        guard confirmed else {
            if let until = try await store.recordSignInFailure(
                key: key, now: now, limit: AdminAuth.failureLimit, window: AdminAuth.failureWindow, lockout: AdminAuth.lockout)
            {
                return try await paused(coordinator, until)
            }
            return try await account.accountPage(
                coordinator, error: coordinator.messages("admin.two-factor.not-changed"), status: .unauthorized)
        }
        try await store.clearSignInFailures(key: key)
        return nil
    }

    private func paused(_ coordinator: Coordinator, _ until: Date) async throws -> Response {
        try await account.accountPage(
            coordinator,
            error: coordinator.messages("admin.two-factor.paused", ["until": coordinator.messages.moment(until)]),
            status: .tooManyRequests)
    }

    private func pendingSecret(_ coordinator: Coordinator) async throws -> String? {
        try auth.opened(secret: try await store.signInRecord(id: coordinator.account.id)?.pendingSecret(at: now))
    }

    private func enrolmentPage(_ coordinator: Coordinator, error: String?) async throws -> Response {
        guard let secret = try await pendingSecret(coordinator) else { return seeOther(AdminRoute.account.path) }
        let uri = TOTP(secret: secret).createAuthenticatorURL(label: "\(siteName):\(coordinator.email)", issuer: siteName)
        let base32 = uri.components(separatedBy: "secret=").last?.prefix { $0 != "&" } ?? ""
        var grouped = ""
        for (index, character) in base32.enumerated() {
            if index > 0, index % 4 == 0 { grouped += " " }
            grouped.append(character)
        }
        let messages = coordinator.messages
        var code = FormField.text(
            "code", messages("admin.two-factor.code"), value: nil, hint: messages("admin.two-factor.code-hint"), required: true)
        code.autocomplete = "one-time-code"
        let view = EnrolmentView(
            admin: AdminPage(
                title: messages("admin.account.set-up"), coordinator: coordinator, current: AdminRoute.account.path, error: error),
            secret: grouped, uri: uri, qr: QRCode(uri)?.svg(label: messages("admin.two-factor.qr-label")),
            form: FormView(
                admin: AdminPage(title: "", coordinator: coordinator), heading: "", action: AdminRoute.twoFactor.path,
                csrf: coordinator.session.csrf,
                fields: [code.with(error: error == nil ? nil : messages("admin.two-factor.not-the-code"))],
                submit: messages("admin.two-factor.turn-on")))
        return try renderer.response(view, status: error == nil ? .ok : .unprocessableContent)
    }
}
