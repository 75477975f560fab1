import Foundation
import OutcryCore

struct AccountView: Sendable {
    var admin: AdminPage
    var email: String
    var role: String
    var csrf: String
    var hasTwoFactor: Bool
    /// "On. … Recovery codes left: 7."
    var twoFactorOn: String
    var expires: String
    /// The form that chooses the coordinator area's language.
    var language: FormView
    var startTwoFactor: String
    /// Asks for the password and a current code before a new secret replaces the one in use.
    var replaceTwoFactor: FormView
    var signOutEverywhere: String
}

struct EnrolmentView: Sendable {
    var admin: AdminPage
    var secret: String
    var uri: String
    /// The setup address as a QR code (SVG), for the app to scan; nil if it is too long for one.
    var qr: String?
    var form: FormView
    var notNow = AdminRoute.account.path
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

/// The administrators' page of API tokens: each token without its secret, the secret of the one just made
/// (shown in this answer only), and the form that makes one.
struct APITokensView: Sendable {
    struct Row: Sendable {
        var name: String
        var account: String
        var scopes: String
        var expires: String
        var lastUsed: String
        var state: String
        var isLive: Bool
        var revoke: String
        var revokeLabel: String
    }

    var admin: AdminPage
    /// The secret of the token just made; nil on every other answer.
    var secret: String?
    var csrf: String
    var tokens: [Row]
    /// Templates read stored fields only.
    var hasTokens: Bool
    var create: String
    var accounts: [FormField.Option]
    var scopes: [FormField.Option]
    var name: String
    var days: String
}

/// The administrators' page of webhooks: each hook, the signing secret of the one just registered (in this
/// answer only), and the form that registers one.
struct WebhooksView: Sendable {
    struct Row: Sendable {
        var url: String
        var events: String
        var added: String
        var log: String
        var logLabel: String
        var remove: String
        var removeLabel: String
    }

    var admin: AdminPage
    var secret: String?
    var csrf: String
    var hooks: [Row]
    var hasHooks: Bool
    var create: String
    var url: String
    var events: [FormField.Option]
}

/// One webhook's latest deliveries.
struct WebhookLogView: Sendable {
    struct Row: Sendable {
        var when: String
        var event: String
        var delivery: String
        var state: String
        var attempts: Int
        var answer: String
    }

    var admin: AdminPage
    var heading: String
    var deliveries: [Row]
    var hasDeliveries: Bool
    var back: String
}

/// Officials' contacts that supporters say do not work, and the editors' decisions.
struct ContactProblemsView: Sendable {
    struct Row: Sendable {
        var official: Link
        /// "Fax +996 312 62 50 12".
        var what: String
        var reports: String
        var last: String
        var checked: String
        var target: String
        var channel: String
        var value: String
    }

    var admin: AdminPage
    var heading: String
    var rows: [Row]
    var csrf: String
    var canDecide: Bool
    var action: String
}
