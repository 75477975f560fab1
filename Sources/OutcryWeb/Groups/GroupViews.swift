import OutcryCore
import OutcryStore

/// `/groups/new`: an organiser registers a school class, a local group or an event; then, the page that
/// says where the link went.
struct GroupRegistrationPage: Sendable {
    var page: PageMeta
    var form: PublicForm?
    /// After sending: the link is on its way to this address.
    var sent: String?
}

/// A form of the public site drawn from fields, like the coordinators' forms, signed with a form token.
struct PublicForm: Sendable {
    var action: String
    var token: String
    var fields: [FormField]
    var submit: String
    /// "There is a problem", with each problem linked to its field.
    var problems: [FormField]
    var enctype: String?

    init(action: String, token: String, fields: [FormField], submit: String, enctype: String? = nil) {
        self.action = action
        self.token = token
        self.fields = fields
        self.submit = submit
        self.enctype = enctype
        problems = fields.filter { $0.error != nil }
    }
}

/// The group's own page, from its private link: confirming it, reporting what it did, what it reported.
struct GroupHomePage: Sendable {
    struct Row: Sendable {
        /// The action's title, as text: the links to report are in the list above.
        var action: Link
        var what: String
        var when: String
        var status: String
        var isHeld: Bool
    }

    var page: PageMeta
    var name: String
    var notice: String?
    /// Set while the organiser has not yet confirmed: the button that does.
    var confirmTo: String?
    /// "Your group has reported 600 actions for 2 Urgent Actions."
    var summary: String?
    var reports: [Row]
    /// Open actions to report on, each leading to its form.
    var actions: [Link]
    /// The form for one action, when one was chosen.
    var reportFor: Link?
    var form: PublicForm?
    var certificate: Link?
    var publicPage: Link?
    /// The group agreed to be named, and waits for a coordinator to check it first.
    var nameWaits: String?
}

/// A group's public page: who they are and what they did, for a group that agreed to be named.
struct GroupPublicPage: Sendable {
    var page: PageMeta
    var name: String
    /// "School class · Bishkek, Kyrgyzstan"
    var about: String
    var summary: String
    var actions: [Link]
}

/// A certificate of thanks, made to be printed on one page.
struct GroupCertificatePage: Sendable {
    var page: PageMeta
    var name: String
    var about: String
    /// "took part in 2 Urgent Actions and wrote 600 letters …"
    var deed: String
    /// The actions' titles, each with its `lang` when not in the page's language.
    var actions: [Link]
    var issued: String
    var siteName: String
}

extension GroupRegistrationPage: PublicPageView { static let template = "group-register" }
extension GroupHomePage: PublicPageView { static let template = "group-home" }
extension GroupPublicPage: PublicPageView { static let template = "group" }
extension GroupCertificatePage: PublicPageView { static let template = "group-certificate" }

/// Reports held for a coordinator, each with the reason, and the photo sent with it.
struct GroupReportsView: Sendable {
    struct Row: Sendable {
        /// Where an editor's decision on it is posted.
        var decideTo: String
        /// The row heading's id, which its buttons point to: "Count it" says whose report.
        var anchor: String
        var group: Link
        var action: String
        var what: String
        var when: String
        var reason: String
        var photo: String?
    }

    var admin: AdminPage
    var heading: String
    var rows: [Row]
    var csrf: String
    var canDecide: Bool
}

extension GroupReportsView: CoordinatorPageView { static let template = "admin-group-reports" }

extension Messages {
    /// "600 letters, 40 cards and 12 signatures".
    func groupActions(_ counts: [GroupActionKind: Int]) -> String {
        list(GroupActionKind.allCases.compactMap { kind in counts[kind].map { plural("group.count-" + kind.rawValue, count: $0) } })
    }

    /// "From 3 groups: 600 letters and 40 cards.", or nil when no group reported.
    func groups(_ totals: GroupTotals) -> String? {
        totals.groups > 0 ? plural("totals.groups", count: totals.groups, ["actions": groupActions(totals.byKind)]) : nil
    }

    /// "Bishkek, Kyrgyzstan".
    func place(_ group: WritingGroup) -> String {
        ([group.town] + [group.country?.name(in: language.rawValue)].compactMap { $0 }).filter { !$0.isEmpty }.joined(separator: ", ")
    }
}

extension Sequence<GroupReport> {
    /// What these reports add up to, by kind.
    var allCounts: [GroupActionKind: Int] {
        reduce(into: [:]) { $0.merge($1.input.counts, uniquingKeysWith: +) }
    }
}
