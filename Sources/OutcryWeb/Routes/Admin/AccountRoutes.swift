import Foundation
import Hummingbird
import HummingbirdOTP
import OutcryCore
import OutcryStore

/// A coordinator's own account (two-factor enrolment, signing out everywhere), and the administrators'
/// pages: accounts, the two-factor requirement and the audit log.
struct AccountRoutes: Sendable {
    let auth: AdminAuth
    let renderer: PageRenderer
    let siteURL: String
    let siteName: String

    private var store: Store { auth.store }
    private var now: Date { auth.now }

    func add(to router: Router<OutcryRequestContext>) {
        router.get(RouterPath(AdminPath.account)) { request, _ in
            let coordinator = try await auth.require(.viewer, request, allowingEnrolment: true)
            return try await accountPage(coordinator)
        }
        router.post(RouterPath(AdminPath.twoFactorStart)) { request, _ in
            let (coordinator, _) = try await auth.form(.viewer, request, allowingEnrolment: true)
            try await store.setPendingTwoFactorSecret(randomToken(bytes: 20), for: coordinator.account.id)
            return seeOther(AdminPath.twoFactor)
        }
        router.get(RouterPath(AdminPath.twoFactor)) { request, _ in
            let coordinator = try await auth.require(.viewer, request, allowingEnrolment: true)
            return try await enrolmentPage(coordinator, error: nil)
        }
        router.post(RouterPath(AdminPath.twoFactor)) { request, _ in
            let (coordinator, form) = try await auth.form(.viewer, request, allowingEnrolment: true)
            guard let secret = try await store.signInRecord(id: coordinator.account.id)?.totpPendingSecret else {
                return seeOther(AdminPath.account)
            }
            guard let step = AdminAuth.matchingStep(of: form["code"] ?? "", secret: secret, at: now) else {
                return try await enrolmentPage(
                    coordinator, error: "That code does not match. Check the app shows this site's entry and type the code it shows now.")
            }
            let codes = RecoveryCodes.make()
            try await store.enableTwoFactor(for: coordinator.account.id, step: step, recoveryCodes: codes, actor: coordinator.email, now: now)
            return renderer.response(
                "admin-message",
                MessageView(
                    admin: AdminPage(title: "Two-factor sign-in is on", coordinator: coordinator, current: AdminPath.account),
                    heading: "Two-factor sign-in is on",
                    paragraphs: [
                        "From now on you sign in with your password and the code your app shows.",
                        "Keep these recovery codes somewhere safe, away from your phone (printed, or in a password manager). Each works once if you lose the app. They are shown only now.",
                    ],
                    copyable: codes, next: Link(text: "Go to the Urgent Actions", href: AdminPath.root)))
        }

        router.get(RouterPath(AdminPath.users)) { request, _ in
            let coordinator = try await auth.require(.admin, request)
            return try await usersPage(coordinator, notice: nil, link: nil)
        }
        router.post(RouterPath(AdminPath.users)) { request, _ in
            let (coordinator, form) = try await auth.form(.admin, request)
            let email = Account.normalised(email: form["email"] ?? "")
            guard let role = form["role"].flatMap(Role.init(rawValue:)) else { throw HTTPError(.badRequest, message: "Choose a role.") }
            do {
                let (account, token) = try await store.createAccount(email: email, role: role, actor: coordinator.email, now: now)
                return try await usersPage(
                    coordinator, notice: "Account \(account.email) created. Send its owner this link, by a channel only they read. It works once, for 72 hours.",
                    link: siteURL + AdminPath.setPassword(token))
            } catch StoreError.duplicate(let what) {
                return try await usersPage(coordinator, error: DraftText.capitalisingFirst(what) + " already exists.")
            } catch StoreError.invalid {
                return try await usersPage(coordinator, error: "“\(email)” is not an e-mail address.")
            }
        }
        router.post(RouterPath(AdminPath.Pattern.user)) { request, context in
            let (coordinator, _) = try await auth.form(.admin, request)
            let email = Account.normalised(email: context.parameters.get("email")?.removingPercentEncoding ?? "")
            guard email != coordinator.email else {
                return try await usersPage(coordinator, error: "You cannot change your own account here; ask another administrator.")
            }
            switch context.parameters.get("verb") {
            case "disable":
                try await store.setDisabled(true, account: email, actor: coordinator.email, now: now)
                return try await usersPage(coordinator, notice: "\(email) is disabled and signed out everywhere.", link: nil)
            case "enable":
                try await store.setDisabled(false, account: email, actor: coordinator.email, now: now)
                return try await usersPage(coordinator, notice: "\(email) is enabled again.", link: nil)
            case "reset":
                let token = try await store.resetPassword(account: email, actor: coordinator.email, now: now)
                return try await usersPage(
                    coordinator, notice: "\(email) is signed out everywhere; its password and second factor are removed. Send its owner this link:",
                    link: siteURL + AdminPath.setPassword(token))
            default:
                throw HTTPError(.notFound)
            }
        }
        router.post(RouterPath(AdminPath.requireTwoFactor)) { request, _ in
            let (coordinator, form) = try await auth.form(.admin, request)
            let required = form["required"] == "yes"
            try await store.setRequiresTwoFactor(required, actor: coordinator.email, now: now)
            return try await usersPage(
                coordinator,
                notice: required ? "Every account must now use two-factor sign-in; accounts without it are sent to set it up." : "Two-factor sign-in is now optional.",
                link: nil)
        }
        router.get(RouterPath(AdminPath.audit)) { request, _ in
            let coordinator = try await auth.require(.admin, request)
            let entries = try await store.auditLog(limit: 500)
            return renderer.response(
                "admin-list",
                ListView(
                    admin: AdminPage(title: "Audit log", coordinator: coordinator, current: AdminPath.audit),
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
    }

    // MARK: Pages

    private func accountPage(_ coordinator: Coordinator) async throws -> Response {
        let required = try await store.requiresTwoFactor()
        let remaining = coordinator.account.hasTwoFactor ? try await store.unusedRecoveryCodes(of: coordinator.account.id) : 0
        let view = AccountView(
            admin: AdminPage(
                title: "Your account", coordinator: coordinator, current: AdminPath.account,
                error: required && !coordinator.account.hasTwoFactor
                    ? "An administrator requires two-factor sign-in. Set it up to continue." : nil),
            email: coordinator.email, role: coordinator.account.role.label, csrf: coordinator.session.csrf,
            hasTwoFactor: coordinator.account.hasTwoFactor, recoveryCodesLeft: remaining,
            expires: DateFormatter.adminMoment.string(from: coordinator.session.expiresAt),
            startTwoFactor: AdminPath.twoFactorStart, signOutEverywhere: AdminPath.signOutEverywhere)
        return renderer.response("admin-account", view)
    }

    private func enrolmentPage(_ coordinator: Coordinator, error: String?) async throws -> Response {
        guard let secret = try await store.signInRecord(id: coordinator.account.id)?.totpPendingSecret else {
            return seeOther(AdminPath.account)
        }
        let uri = TOTP(secret: secret).createAuthenticatorURL(label: "\(siteName):\(coordinator.email)", issuer: siteName)
        let base32 = uri.components(separatedBy: "secret=").last?.prefix { $0 != "&" } ?? ""
        var grouped = ""
        for (index, character) in base32.enumerated() {
            if index > 0, index % 4 == 0 { grouped += " " }
            grouped.append(character)
        }
        var code = FormField.text("code", "Code from the app", value: nil, hint: "Six digits.", required: true)
        code.autocomplete = "one-time-code"
        let view = EnrolmentView(
            admin: AdminPage(title: "Set up two-factor sign-in", coordinator: coordinator, current: AdminPath.account, error: error),
            secret: grouped, uri: uri, form: FormView(
                admin: AdminPage(title: "", coordinator: nil), heading: "", action: AdminPath.twoFactor, csrf: coordinator.session.csrf,
                fields: [code.with(error: error == nil ? nil : "Not the code the app shows now.")], submit: "Turn on two-factor sign-in"))
        return renderer.response("admin-two-factor", view, status: error == nil ? .ok : .unprocessableContent)
    }

    private func usersPage(_ coordinator: Coordinator, notice: String? = nil, link: String? = nil, error: String? = nil) async throws -> Response {
        let accounts = try await store.accounts()
        let view = UsersView(
            admin: AdminPage(title: "Users", coordinator: coordinator, current: AdminPath.users, notice: notice, error: error),
            link: link, csrf: coordinator.session.csrf,
            accounts: accounts.map { account in
                UsersView.Row(
                    email: account.email, role: account.role.label,
                    state: account.isDisabled ? "Disabled" : account.hasPassword ? "Active" : "Waiting for a password",
                    twoFactor: account.hasTwoFactor ? "On" : "Off", isSelf: account.email == coordinator.email,
                    isDisabled: account.isDisabled,
                    disable: AdminPath.user(account.email, "disable"), enable: AdminPath.user(account.email, "enable"),
                    reset: AdminPath.user(account.email, "reset"))
            },
            add: AdminPath.users, roles: Role.allCases.reversed().map { FormField.Option(value: $0.rawValue, label: $0.label, selected: $0 == .editor) },
            requireTwoFactor: AdminPath.requireTwoFactor, twoFactorRequired: try await store.requiresTwoFactor())
        return renderer.response("admin-users", view, status: error == nil ? .ok : .unprocessableContent)
    }
}

struct AccountView: Sendable {
    var admin: AdminPage
    var email: String
    var role: String
    var csrf: String
    var hasTwoFactor: Bool
    var recoveryCodesLeft: Int
    var expires: String
    var startTwoFactor: String
    var signOutEverywhere: String
}

struct EnrolmentView: Sendable {
    var admin: AdminPage
    var secret: String
    var uri: String
    var form: FormView
}

struct UsersView: Sendable {
    struct Row: Sendable {
        var email: String
        var role: String
        var state: String
        var twoFactor: String
        var isSelf: Bool
        var isDisabled: Bool
        var disable: String
        var enable: String
        var reset: String
    }

    var admin: AdminPage
    var link: String?
    var csrf: String
    var accounts: [Row]
    var add: String
    var roles: [FormField.Option]
    var requireTwoFactor: String
    var twoFactorRequired: Bool
}
