import Foundation
import OutcryCore

/// What the coordinator area's shared head and foot need.
struct AdminPage: Sendable {
    struct SignedIn: Sendable {
        var email: String
        var role: String
        var csrf: String
        var nav: [NavLink]
        var signOut = AdminRoute.signOut.path
    }

    struct NavLink: Sendable {
        var text: String
        var href: String
        var current: Bool
    }

    var title: String
    var language: String
    var home = AdminRoute.home.path
    var stylesheet = SiteRoute.stylesheet.path
    var signedIn: SignedIn?
    var notice: String?
    var error: String?
    /// The catalog, as templates read it (`t`).
    let words: Words

    /// A page of a signed-in coordinator, in their language.
    init(title: String, coordinator: Coordinator, current: String? = nil, notice: String? = nil, error: String? = nil) {
        self.init(title: title, messages: coordinator.messages, coordinator: coordinator, current: current, notice: notice, error: error)
    }

    init(
        title: String, messages: Messages, coordinator: Coordinator?, current: String? = nil, notice: String? = nil, error: String? = nil
    ) {
        self.title = title
        self.notice = notice
        self.error = error
        language = messages.language.rawValue
        words = Words(messages)
        guard let coordinator else { return }
        var links: [(String, String)] = [
            ("actions", AdminRoute.home.path), ("import", AdminRoute.imports.path), ("cases", AdminRoute.records(.cases).path),
            ("status-changes", AdminRoute.records(.statusChanges).path), ("people", AdminRoute.records(.people).path),
            ("organisations", AdminRoute.records(.organisations).path), ("targets", AdminRoute.records(.targets).path),
            ("statements", AdminRoute.records(.statements).path), ("replies", AdminRoute.records(.replies).path),
            ("campaigns", AdminRoute.records(.campaigns).path), ("groups", AdminRoute.records(.groups).path),
            ("site-pages", AdminRoute.sitePages.path),
        ]
        if coordinator.account.role == .admin {
            links += [
                ("users", AdminRoute.users.path), ("api-tokens", AdminRoute.apiTokens.path), ("webhooks", AdminRoute.webhooks.path),
                ("audit", AdminRoute.audit.path),
            ]
        }
        links.append(("account", AdminRoute.account.path))
        signedIn = SignedIn(
            email: coordinator.email, role: coordinator.role, csrf: coordinator.session.csrf,
            nav: links.map { NavLink(text: messages("admin.nav." + $0.0), href: $0.1, current: $0.1 == current) })
    }
}

extension Messages {
    /// A role's name: "Editor".
    func role(_ role: Role) -> String { self("admin.role." + role.rawValue) }

    /// "27 Nov 2026, 11:02 UTC" as the language writes it: audit entries, sessions and lock-outs.
    func moment(_ date: Date) -> String {
        // English as written outside the United States: "27 Nov 2026, 11:02".
        let locale = Locale(identifier: language == .en ? "en_GB" : language.rawValue)
        return self("admin.moment", ["moment": date.formatted(Self.momentStyle.locale(locale))])
    }

    private static let momentStyle = Date.FormatStyle(date: .abbreviated, time: .shortened, timeZone: TimeZone(identifier: "UTC")!)
}

/// One form, any record: the fields say what they are and the template lays them out.
/// (Templates see stored properties only, so what they test is stored, not computed.)
struct FormView: Sendable {
    var admin: AdminPage
    var heading: String
    var intro: String?
    var action: String
    var csrf: String
    var fields: [FormField]
    var submit: String
    var cancel: Link?
    /// The problems, listed at the top with links to their fields (WCAG error identification).
    var problems: [FormField]
    /// Other pages of the same record (its translations), under the form.
    var related: [Link] = []
    /// A second form under the first, with one button (deleting a translation).
    var secondary: SecondaryForm?
    /// `multipart/form-data` for a form that sends a file.
    var enctype: String?
    /// A picture shown above the form (the portrait it replaces).
    var picture: Picture?
    /// A section at the top of the form with buttons that send it for another step than saving (an import
    /// review's "create the case"), after a first save button so that Enter still saves.
    var helpers: Helpers?

    struct Helpers: Sendable {
        var heading: String
        var lines: [String]
        var buttons: [Button]
        var notes: [String]
        var notesHeading: String
    }

    struct Button: Sendable {
        var name: String
        var value: String
        var label: String
    }

    struct Picture: Sendable {
        var src: String
        var alt: String
        var caption: String
    }

    struct SecondaryForm: Sendable {
        var action: String
        var submit: String
    }

    init(
        admin: AdminPage, heading: String, intro: String? = nil, action: String, csrf: String, fields: [FormField],
        submit: String, cancel: Link? = nil
    ) {
        self.admin = admin
        self.heading = heading
        self.intro = intro
        self.action = action
        self.csrf = csrf
        self.fields = fields
        self.submit = submit
        self.cancel = cancel
        problems = fields.filter { $0.error != nil }
    }
}

struct FormField: Sendable {
    struct Option: Sendable {
        var value: String
        var label: String
        var selected: Bool
    }

    let name: String
    let id: String
    var label: String
    var value: String
    var hint: String?
    var error: String?
    /// The `type` of an `<input>`; nil for the other kinds.
    var input: String?
    /// What a file input offers to choose (`image/jpeg,image/png,image/webp`).
    var accept: String?
    var textareaRows: Int?
    var options: [Option] = []
    var checkboxes: [Option] = []
    var required = false
    var autocomplete: String?
    /// Starts a new group of fields with this heading.
    var section: String?
    /// An imported text did not give this value: the editor must.
    var missing = false
    /// What a translation translates: the original's words, paragraph by paragraph, shown above the field.
    var original: [String] = []
    var originalLanguage: String?

    private init(name: String, label: String, value: String = "", hint: String?) {
        self.name = name
        self.id = "field-" + name
        self.label = label
        self.value = value
        self.hint = hint
    }

    static func text(
        _ name: String, _ label: String, value: String?, hint: String? = nil, required: Bool = false, type: String = "text"
    ) -> FormField {
        var field = FormField(name: name, label: label, value: value ?? "", hint: hint)
        field.input = type
        field.required = required
        return field
    }

    static func area(
        _ name: String, _ label: String, value: String, hint: String? = nil, rows: Int = 5, required: Bool = false
    ) -> FormField {
        var field = FormField(name: name, label: label, value: value, hint: hint)
        field.textareaRows = rows
        field.required = required
        return field
    }

    static func choice(_ name: String, _ label: String, options: [(String, String)], selected: String?, hint: String? = nil) -> FormField {
        var field = FormField(name: name, label: label, hint: hint)
        field.options = options.map { Option(value: $0.0, label: $0.1, selected: $0.0 == selected) }
        return field
    }

    static func checks(
        _ name: String, _ label: String, options: [(String, String)], selected: Set<String>, hint: String? = nil
    ) -> FormField {
        var field = FormField(name: name, label: label, hint: hint)
        field.checkboxes = options.map { Option(value: $0.0, label: $0.1, selected: selected.contains($0.0)) }
        return field
    }

    func with(error: String?) -> FormField {
        var copy = self
        copy.error = error
        return copy
    }

    func starting(_ section: String?) -> FormField {
        var copy = self
        copy.section = section
        return copy
    }
}

/// A table of records with a link to each, and optionally one to add another.
struct ListView: Sendable {
    struct Row: Sendable {
        var cells: [Cell]
    }

    struct Cell: Sendable {
        var text: String
        var href: String?
        var badge: String?
    }

    var admin: AdminPage
    var heading: String
    var intro: String?
    var newLink: Link?
    var columns: [String]
    var rows: [Row]
    var empty: String
    /// The actions' home only: open actions a status change put in front of coordinators.
    var attention: Attention? = nil

    struct Attention: Sendable {
        var heading: String
        var items: [Link]
    }
}

/// A short page that says one thing, with a way on.
struct MessageView: Sendable {
    var admin: AdminPage
    var heading: String
    var paragraphs: [String]
    /// Shown in a box meant to be copied (a one-time link, recovery codes).
    var copyable: [String]
    var next: Link?
}

extension PasswordRules.Problem {
    func message(_ messages: Messages) -> String {
        switch self {
        case .tooShort: messages.plural("admin.password.too-short", count: PasswordRules.minimumLength)
        case .tooLong: messages.plural("admin.password.too-long", count: PasswordRules.maximumBytes)
        case .notTheSame: messages("admin.password.not-same")
        case .containsEmail: messages("admin.password.contains-email")
        case .tooFewCharacters: messages("admin.password.too-few")
        }
    }
}

extension Messages {
    /// Where a translation stands: "Up to date".
    func translationState(_ state: TranslationState) -> String {
        switch state {
        case .missing: self("admin.translations.missing")
        case .current: self("admin.translations.current")
        case .outdated: self("admin.translations.outdated")
        }
    }
}
