import Foundation
import OutcryCore

/// An Urgent Action's dashboard: its life cycle, totals, activity, flagged reports and history.
struct DashboardView: Sendable {
    struct Links: Sendable {
        var edit: String
        var preview: String
        var publicPage: String?
        var csv: String?
        var publish: String
        var deadline: String
        var close: String
        var reopen: String
        var update: String
        var translations: String
        var list = AdminRoute.home.path
    }

    struct Line: Sendable {
        var label: String
        var count: String
        var href: String? = nil
    }

    struct Flagged: Sendable {
        var id: String
        var when: String
        var what: String
        var target: String
        var country: String
        var reason: String
        var review: String
    }

    var admin: AdminPage
    var number: String
    var title: String
    var status: String
    var kind: String?
    var issued: String
    var deadline: String?
    var outcome: String?
    var csrf: String
    var canEdit: Bool
    var isDraft: Bool
    var isPublished: Bool
    var isClosed: Bool
    var publishProblems: [String]
    var links: Links
    var outcomes: [FormField.Option]
    var reports: String
    var actions: String
    var countries: String
    var byChannel: [Line]
    var byTarget: [Line]
    var byCountry: [Line]
    var chart: String
    var hasActivity: Bool
    var days: [Line]
    var flagged: [Flagged]
    /// Each of the site's other languages and where its translation stands: "Русский: up to date".
    var translationStates: [String] = []
    var history: [Line]
}
