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
        routes.post(.accountLanguage, .viewer, allowingEnrolment: true, use: chooseLanguage)
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

    /// The language the coordinator area speaks to this account in, from the next page on.
    @Sendable func chooseLanguage(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        let choice = form.text("language")
        guard choice == nil || choice.flatMap(Language.init(rawValue:)) != nil else {
            return try await accountPage(
                coordinator, error: coordinator.messages("admin.account.language-unknown"), status: .unprocessableContent)
        }
        try await store.setLanguage(choice, for: coordinator.account.id)
        return seeOther(AdminRoute.account.path)
    }

    /// The accounts, saying what the last change did: disabling, enabling and the two-factor rule answer
    /// with a redirect here, so a reload never sends them again. The notice is shown only when the accounts
    /// agree with it: an address kept or typed cannot make the page claim a change that did not happen.
    @Sendable func users(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let coordinator = context.coordinator
        let messages = coordinator.messages
        let query = request.uri.queryParameters
        var notice: String?
        switch query["done"] {
        case "disabled", "enabled":
            let disabled = query["done"] == "disabled"
            if let id = query["account"].map(String.init),
                let account = try await store.accounts().first(where: { $0.id.rawValue == id && $0.isDisabled == disabled })
            {
                notice = messages(disabled ? "admin.users.disabled" : "admin.users.enabled", ["email": account.email])
            }
        case "required", "optional":
            let required = query["done"] == "required"
            if try await store.requiresTwoFactor() == required {
                notice = messages(required ? "admin.users.now-required" : "admin.users.now-optional")
            }
        default: break
        }
        return try await usersPage(coordinator, notice: notice, link: nil)
    }

    @Sendable func addUser(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        let messages = coordinator.messages
        let email = Account.normalised(email: form["email"] ?? "")
        guard let role = form["role"].flatMap(Role.init(rawValue:)) else {
            throw HTTPError(.badRequest, message: messages("admin.users.choose-role"))
        }
        do {
            let (account, token) = try await store.createAccount(email: email, role: role, actor: coordinator.email, now: now)
            return try await usersPage(
                coordinator,
                notice: messages.plural(
                    "admin.users.created", count: Int(Store.passwordLinkLifetime / 3600), ["email": account.email]),
                link: siteURL + AdminRoute.setPassword(token).path)
        } catch StoreError.duplicate {
            return try await usersPage(coordinator, error: messages("admin.users.exists", ["email": email]))
        } catch StoreError.invalid {
            return try await usersPage(coordinator, error: messages("admin.users.not-an-address", ["email": email]))
        }
    }

    func change(_ verb: AdminRoute.UserVerb, context: CoordinatorContext) async throws -> Response {
        let coordinator = context.coordinator
        let email = Account.normalised(email: context.parameters.get("email")?.removingPercentEncoding ?? "")
        let messages = coordinator.messages
        guard email != coordinator.email else {
            return try await usersPage(coordinator, error: messages("admin.users.not-yourself"))
        }
        switch verb {
        case .disable, .enable:
            try await store.setDisabled(verb == .disable, account: email, actor: coordinator.email, now: now)
            let id = try await store.accounts().first { $0.email == email }?.id.rawValue
            return seeOther(
                SiteRoute.admin(.users).path(query: ["done": verb == .disable ? "disabled" : "enabled", "account": id]))
        case .reset:
            // The one-time link is shown once, in this answer: it is kept only as a hash, so no later page could show it.
            let token = try await store.resetPassword(account: email, actor: coordinator.email, now: now)
            return try await usersPage(
                coordinator, notice: messages("admin.users.reset-done", ["email": email]),
                link: siteURL + AdminRoute.setPassword(token).path)
        }
    }

    @Sendable func requireTwoFactor(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        let required = form["required"] == "yes"
        try await store.setRequiresTwoFactor(required, actor: coordinator.email, now: now)
        return seeOther(SiteRoute.admin(.users).path(query: ["done": required ? "required" : "optional"]))
    }

    @Sendable func audit(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let coordinator = context.coordinator
        let messages = coordinator.messages
        let limit = 500
        let entries = try await store.auditLog(limit: limit)
        return try renderer.response(
            ListView(
                admin: AdminPage(title: messages("admin.nav.audit"), coordinator: coordinator, current: AdminRoute.audit.path),
                heading: messages("admin.nav.audit"), intro: messages.plural("admin.audit.intro", count: limit), newLink: nil,
                columns: ["when", "who", "what", "record", "details"].map { messages("admin.audit." + $0) },
                // The entries stay as they were recorded: a record of what was done, in the words of its day.
                rows: entries.map { entry in
                    ListView.Row(cells: [
                        .init(text: messages.moment(entry.at)), .init(text: entry.actor), .init(text: entry.action),
                        .init(text: "\(entry.recordKind) \(entry.recordID)"), .init(text: entry.summary),
                    ])
                },
                empty: messages("admin.audit.empty")))
    }

    // MARK: Pages

    /// The account page; `error` (with its status) when replacing the second factor failed.
    func accountPage(_ coordinator: Coordinator, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let messages = coordinator.messages
        let required = try await store.requiresTwoFactor()
        let remaining = coordinator.account.hasTwoFactor ? try await store.unusedRecoveryCodes(of: coordinator.account.id) : 0
        var password = FormField.text("password", messages("admin.account.password"), value: nil, required: true, type: "password")
        password.autocomplete = "current-password"
        var code = FormField.text(
            "code", messages("admin.account.current-code"), value: nil, hint: messages("admin.account.current-code-hint"), required: true)
        code.autocomplete = "one-time-code"
        let replace = FormView(
            admin: AdminPage(title: "", coordinator: coordinator), heading: "", action: AdminRoute.twoFactorStart.path,
            csrf: coordinator.session.csrf, fields: [password, code], submit: messages("admin.account.move-heading"))
        let languages = [("", messages("admin.account.language-browser"))] + Language.allCases.map { ($0.rawValue, $0.name) }
        let language = FormView(
            admin: AdminPage(title: "", coordinator: coordinator), heading: "", action: AdminRoute.accountLanguage.path,
            csrf: coordinator.session.csrf,
            fields: [
                .choice(
                    "language", messages("admin.account.language-label"), options: languages, selected: coordinator.account.language ?? "")
            ],
            submit: messages("admin.account.language-save"))
        let view = AccountView(
            admin: AdminPage(
                title: messages("admin.account.heading"), coordinator: coordinator, current: AdminRoute.account.path,
                error: error ?? (required && !coordinator.account.hasTwoFactor ? messages("admin.account.two-factor-required") : nil)),
            email: coordinator.email, role: coordinator.role, csrf: coordinator.session.csrf,
            hasTwoFactor: coordinator.account.hasTwoFactor,
            twoFactorOn: messages.plural("admin.account.two-factor-on", count: remaining),
            expires: messages.moment(coordinator.session.expiresAt), language: language,
            startTwoFactor: AdminRoute.twoFactorStart.path, replaceTwoFactor: replace,
            signOutEverywhere: AdminRoute.signOutEverywhere.path)
        return try renderer.response(view, status: status)
    }

    private func usersPage(
        _ coordinator: Coordinator, notice: String? = nil, link: String? = nil, error: String? = nil
    ) async throws -> Response {
        let messages = coordinator.messages
        let accounts = try await store.accounts()
        let view = UsersView(
            admin: AdminPage(
                title: messages("admin.nav.users"), coordinator: coordinator, current: AdminRoute.users.path, notice: notice, error: error),
            link: link, csrf: coordinator.session.csrf,
            accounts: accounts.map { account in
                UsersView.Row(
                    email: account.email, role: messages.role(account.role),
                    state: messages(
                        account.isDisabled
                            ? "admin.users.state-disabled" : account.hasPassword ? "admin.users.state-active" : "admin.users.state-waiting"),
                    twoFactor: messages(account.hasTwoFactor ? "admin.users.on" : "admin.users.off"),
                    isSelf: account.email == coordinator.email,
                    isDisabled: account.isDisabled,
                    disable: AdminRoute.user(email: account.email, .disable).path,
                    enable: AdminRoute.user(email: account.email, .enable).path,
                    reset: AdminRoute.user(email: account.email, .reset).path)
            },
            add: AdminRoute.users.path,
            roles: Role.allCases.reversed().map { FormField.Option(value: $0.rawValue, label: messages.role($0), selected: $0 == .editor) },
            requireTwoFactor: AdminRoute.requireTwoFactor.path, twoFactorRequired: try await store.requiresTwoFactor())
        return try renderer.response(view, status: error == nil ? .ok : .unprocessableContent)
    }
}
