import Foundation
import Hummingbird
import HummingbirdOTP
import OutcryCore
import OutcryStore

/// A coordinator's own account (its page; two-factor enrolment is `TwoFactorController`), and the
/// administrators' pages: accounts, the two-factor requirement and the audit log.
struct AccountController: Sendable {
    let auth: AdminAuth
    let renderer: PageRenderer
    let siteURL: String
    let siteName: String

    private var store: Store { auth.store }
    private var now: Date { auth.now }

    func addRoutes(to routes: CoordinatorRoutes) {
        routes.get(.account, .viewer, allowingEnrolment: true, use: account)
        routes.get(.users, .admin, use: users)
        routes.post(.users, .admin, use: addUser)
        for verb in AdminRoute.UserVerb.allCases {
            routes.post(.user(email: .key, verb), .admin) { _, context, _ in try await change(verb, context: context) }
        }
        routes.post(.requireTwoFactor, .admin, use: requireTwoFactor)
        routes.get(.audit, .admin, use: audit)
    }

    @Sendable func account(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let coordinator = context.coordinator
        return try await accountPage(coordinator)
    }

    @Sendable func users(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let coordinator = context.coordinator
        return try await usersPage(coordinator, notice: nil, link: nil)
    }

    @Sendable func addUser(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        let email = Account.normalised(email: form["email"] ?? "")
        guard let role = form["role"].flatMap(Role.init(rawValue:)) else { throw HTTPError(.badRequest, message: "Choose a role.") }
        do {
            let (account, token) = try await store.createAccount(email: email, role: role, actor: coordinator.email, now: now)
            return try await usersPage(
                coordinator,
                notice:
                    "Account \(account.email) created. Send its owner this link, by a channel only they read. It works once, for 72 hours.",
                link: siteURL + AdminRoute.setPassword(token).path)
        } catch StoreError.duplicate(let what) {
            return try await usersPage(coordinator, error: DraftText.capitalisingFirst(what) + " already exists.")
        } catch StoreError.invalid {
            return try await usersPage(coordinator, error: "“\(email)” is not an e-mail address.")
        }
    }

    func change(_ verb: AdminRoute.UserVerb, context: CoordinatorContext) async throws -> Response {
        let coordinator = context.coordinator
        let email = Account.normalised(email: context.parameters.get("email")?.removingPercentEncoding ?? "")
        guard email != coordinator.email else {
            return try await usersPage(coordinator, error: "You cannot change your own account here; ask another administrator.")
        }
        switch verb {
        case .disable:
            try await store.setDisabled(true, account: email, actor: coordinator.email, now: now)
            return try await usersPage(coordinator, notice: "\(email) is disabled and signed out everywhere.", link: nil)
        case .enable:
            try await store.setDisabled(false, account: email, actor: coordinator.email, now: now)
            return try await usersPage(coordinator, notice: "\(email) is enabled again.", link: nil)
        case .reset:
            let token = try await store.resetPassword(account: email, actor: coordinator.email, now: now)
            return try await usersPage(
                coordinator,
                notice: "\(email) is signed out everywhere; its password and second factor are removed. Send its owner this link:",
                link: siteURL + AdminRoute.setPassword(token).path)
        }
    }

    @Sendable func requireTwoFactor(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        let required = form["required"] == "yes"
        try await store.setRequiresTwoFactor(required, actor: coordinator.email, now: now)
        return try await usersPage(
            coordinator,
            notice: required
                ? "Every account must now use two-factor sign-in; accounts without it are sent to set it up."
                : "Two-factor sign-in is now optional.",
            link: nil)
    }

    @Sendable func audit(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let coordinator = context.coordinator
        let entries = try await store.auditLog(limit: 500)
        return try renderer.response(
            ListView(
                admin: AdminPage(title: "Audit log", coordinator: coordinator, current: AdminRoute.audit.path),
                heading: "Audit log", intro: "The latest 500 changes, newest first.", newLink: nil,
                columns: ["When", "Who", "What", "Record", "Details"],
                rows: entries.map { entry in
                    ListView.Row(cells: [
                        .init(text: DateFormatter.adminMoment.string(from: entry.at)), .init(text: entry.actor), .init(text: entry.action),
                        .init(text: "\(entry.recordKind) \(entry.recordID)"), .init(text: entry.summary),
                    ])
                },
                empty: "Nothing has been recorded yet."))
    }

    // MARK: Pages

    /// The account page; `error` (with its status) when replacing the second factor failed.
    func accountPage(_ coordinator: Coordinator, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let required = try await store.requiresTwoFactor()
        let remaining = coordinator.account.hasTwoFactor ? try await store.unusedRecoveryCodes(of: coordinator.account.id) : 0
        var password = FormField.text("password", "Your password", value: nil, required: true, type: "password")
        password.autocomplete = "current-password"
        var code = FormField.text(
            "code", "Code from your current app", value: nil,
            hint: "The 6 digits it shows now, or one of your recovery codes if you no longer have it.", required: true)
        code.autocomplete = "one-time-code"
        let replace = FormView(
            admin: AdminPage(title: "", coordinator: nil), heading: "", action: AdminRoute.twoFactorStart.path,
            csrf: coordinator.session.csrf, fields: [password, code], submit: "Move to a new phone or app")
        let view = AccountView(
            admin: AdminPage(
                title: "Your account", coordinator: coordinator, current: AdminRoute.account.path,
                error: error
                    ?? (required && !coordinator.account.hasTwoFactor
                        ? "An administrator requires two-factor sign-in. Set it up to continue." : nil)),
            email: coordinator.email, role: coordinator.account.role.label, csrf: coordinator.session.csrf,
            hasTwoFactor: coordinator.account.hasTwoFactor, recoveryCodesLeft: remaining,
            expires: DateFormatter.adminMoment.string(from: coordinator.session.expiresAt),
            startTwoFactor: AdminRoute.twoFactorStart.path, replaceTwoFactor: replace,
            signOutEverywhere: AdminRoute.signOutEverywhere.path)
        return try renderer.response(view, status: status)
    }

    private func usersPage(
        _ coordinator: Coordinator, notice: String? = nil, link: String? = nil, error: String? = nil
    ) async throws -> Response {
        let accounts = try await store.accounts()
        let view = UsersView(
            admin: AdminPage(title: "Users", coordinator: coordinator, current: AdminRoute.users.path, notice: notice, error: error),
            link: link, csrf: coordinator.session.csrf,
            accounts: accounts.map { account in
                UsersView.Row(
                    email: account.email, role: account.role.label,
                    state: account.isDisabled ? "Disabled" : account.hasPassword ? "Active" : "Waiting for a password",
                    twoFactor: account.hasTwoFactor ? "On" : "Off", isSelf: account.email == coordinator.email,
                    isDisabled: account.isDisabled,
                    disable: AdminRoute.user(email: account.email, .disable).path,
                    enable: AdminRoute.user(email: account.email, .enable).path,
                    reset: AdminRoute.user(email: account.email, .reset).path)
            },
            add: AdminRoute.users.path,
            roles: Role.allCases.reversed().map { FormField.Option(value: $0.rawValue, label: $0.label, selected: $0 == .editor) },
            requireTwoFactor: AdminRoute.requireTwoFactor.path, twoFactorRequired: try await store.requiresTwoFactor())
        return try renderer.response(view, status: error == nil ? .ok : .unprocessableContent)
    }
}
