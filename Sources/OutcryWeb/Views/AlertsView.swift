import OutcryCore

/// The alerts pages: subscribing, managing, the lost-link form, and their messages.
struct AlertsView: Sendable {
    struct Choices: Sendable {
        var everything: Bool
        var byCountry: Bool
        var byTheme: Bool
        var countries: [ReportFormView.Option]
        var themes: [ReportFormView.Option]
        /// Themes are the organisation's own words, in the site's language: their `lang` on another's page.
        var themesLanguage: String?
        var instant: Bool
        var languages: [ReportFormView.Option]
    }

    struct Subscribe: Sendable {
        var token: String
        var email: String
        var consentWording: String
        var consentGiven: Bool
        var choices: Choices
    }

    struct Manage: Sendable {
        var postTo: String
        var token: String
        var confirmed: Bool
        var choices: Choices
        var export: String
        var erase: String
        var unsubscribe: String
    }

    struct Access: Sendable { var token: String }
    struct Unsubscribe: Sendable { var postTo: String }
    /// The link in the message with an action's outcome opens this page; only its button deletes the address.
    struct Forget: Sendable { var postTo: String }
    /// The confirmation link opens this page; only its button confirms, so a mail scanner that follows
    /// links cannot subscribe anyone.
    struct Confirm: Sendable { var postTo: String }

    struct Message: Sendable {
        var heading: String
        var paragraphs: [String]
        var next: Link?
    }

    var page: PageMeta
    var error: String?
    var notice: String?
    var subscribe: Subscribe?
    var manage: Manage?
    var access: Access?
    var unsubscribe: Unsubscribe?
    var confirm: Confirm?
    var forget: Forget?
    var message: Message?
    var accessLink: String
    var subscribeTo: String

    init(
        page: PageMeta, error: String? = nil, notice: String? = nil, subscribe: Subscribe? = nil, manage: Manage? = nil,
        access: Access? = nil, unsubscribe: Unsubscribe? = nil, confirm: Confirm? = nil, forget: Forget? = nil, message: Message? = nil,
        _ messages: Messages
    ) {
        self.page = page
        self.error = error
        self.notice = notice
        self.subscribe = subscribe
        self.manage = manage
        self.access = access
        self.unsubscribe = unsubscribe
        self.confirm = confirm
        self.forget = forget
        self.message = message
        accessLink = messages.href(.alertsAccess)
        subscribeTo = messages.href(.alerts)
    }
}
