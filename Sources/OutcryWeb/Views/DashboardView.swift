import Foundation
import OutcryCore
import OutcryStore

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
        /// "report 12", read after "Accept" and "Reject".
        var name: String
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
    var statusCode: String
    var status: String
    var kind: String?
    /// "Issued 12 May 2024. Act before 30 May 2024."
    var dates: String
    var outcome: String?
    /// Said when a published action's deadline has passed.
    var deadlinePassed: String?
    /// Why the action waits for a coordinator after a status change, and the form that keeps it running.
    var attention: Attention?
    var csrf: String
    var canEdit: Bool
    var isDraft: Bool
    var isPublished: Bool
    var isClosed: Bool
    var publishProblems: [String]
    var links: Links
    var outcomes: [FormField.Option]
    var figures: [Figure]
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

extension DashboardView {
    /// A figure in bold with its word: "**12** reports".
    struct Figure: Sendable {
        var count: String
        var label: String
    }

    /// What the store knows of an action, as the dashboard shows it to `coordinator`.
    struct Attention: Sendable {
        var text: String
        var keep: String
    }

    struct Facts: Sendable {
        var totals: Totals
        var targets: [Target]
        var flagged: [FlaggedReport]
        var chart: ActivityChart
        var history: [AuditEntry]
        var translations: [Translation]
        var today: HistoricalDate
        var attention: Attention? = nil
    }

    init(_ action: UrgentAction, _ facts: Facts, coordinator: Coordinator, notice: String?, error: String?) {
        let messages = coordinator.messages
        let totals = facts.totals
        let names = Dictionary(facts.targets.map { ($0.id, $0.fullName) }, uniquingKeysWith: { first, _ in first })
        let isDraft = action.status == .draft
        admin = AdminPage(
            title: "UA \(action.number)", coordinator: coordinator, current: AdminRoute.home.path, notice: notice, error: error)
        number = action.number
        title = action.title
        statusCode = action.status.rawValue
        status = messages.status(action.status)
        kind = action.kind.badge(messages)
        dates = [
            messages("admin.action.issued", ["date": messages.date(action.issued).text]),
            action.deadline.map { messages("admin.action.act-before", ["date": messages.date($0).text]) },
        ].compactMap { $0 }.joined(separator: " ")
        outcome = action.outcome.map { "\(messages.outcome($0.kind)): \($0.note)" }
        csrf = coordinator.session.csrf
        canEdit = coordinator.account.role >= .editor
        self.isDraft = isDraft
        isPublished = action.status == .published
        isClosed = action.status == .closed
        publishProblems = PublishingChecklist.problems(of: action, today: facts.today).map(messages.wording)
        attention = facts.attention
        deadlinePassed =
            action.status == .published && action.deadlinePassed(on: facts.today) ? messages("admin.action.deadline-passed") : nil
        links = Links(
            edit: AdminRoute.actionPage(action.id, .edit).path, preview: AdminRoute.actionPage(action.id, .preview).path,
            publicPage: isDraft ? nil : SiteRoute.urgentAction(action.id).path, csv: isDraft ? nil : SiteRoute.totalsCSV(action.id).path,
            publish: AdminRoute.actionStep(action.id, .publish).path, deadline: AdminRoute.actionStep(action.id, .extendDeadline).path,
            close: AdminRoute.actionStep(action.id, .close).path, reopen: AdminRoute.actionStep(action.id, .reopen).path,
            update: SiteRoute.admin(.newAction).path(query: ["updates": action.id.rawValue]),
            translations: AdminRoute.translations(.urgentAction, id: action.id.rawValue).path)
        outcomes = Outcome.Kind.allCases.map { FormField.Option(value: $0.rawValue, label: messages.outcome($0), selected: false) }
        figures = [
            (totals.reports, "admin.action.figure-reports"), (totals.actions, "admin.action.figure-actions"),
            (totals.countries, "admin.action.figure-countries"),
        ].map { Figure(count: messages.number($0.0), label: messages.plural($0.1, count: $0.0)) }
        byChannel = Channel.allCases.map { Line(label: messages.channels($0), count: messages.number(totals.byChannel[$0] ?? 0)) }
        byTarget = action.targets.map { entry in
            let mine = totals.byTarget[entry.target] ?? TargetTotals()
            let name = names[entry.target] ?? entry.target.rawValue
            return Line(
                label: entry.role == .copy ? messages("admin.action.copy", ["name": name]) : name,
                count: messages.reportsAndActions(reports: mine.reports, actions: mine.actions),
                href: isDraft ? nil : SiteRoute.officialsReport(action.id, for: entry.target).path)
        }
        let countryName = { (country: Country?) in country?.name(in: messages.language.rawValue) ?? messages("admin.action.no-country") }
        byCountry = totals.peopleByCountry.map { (countryName($0.key), $0.value) }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.map {
            Line(label: $0.0, count: messages.number($0.1))
        }
        chart = facts.chart.svg(messages)
        hasActivity = facts.chart.days.contains { $0.actions > 0 }
        days = facts.chart.days.reversed().filter { $0.actions > 0 }.map {
            Line(label: messages.date($0.date).text, count: messages.number($0.actions))
        }
        flagged = facts.flagged.map { report in
            Flagged(
                id: String(report.id), name: messages("admin.action.report-number", ["id": String(report.id)]),
                when: messages.moment(report.reportedAt),
                what: Channel.allCases.compactMap { channel in
                    (report.counts[channel] ?? 0) > 0
                        ? "\(messages.number(report.counts[channel]!)) \(messages.channels(channel))" : nil
                }.joined(separator: ", "),
                target: report.targets.isEmpty ? "—" : report.targets.map { names[$0] ?? $0.rawValue }.joined(separator: ", "),
                country: report.country?.name(in: messages.language.rawValue) ?? "—",
                reason: report.reason, review: AdminRoute.review(action.id, report: report.id).path)
        }
        translationStates = TranslationsController.states(of: action, facts.translations).map {
            "\(DraftText.capitalisingFirst(messages.languageName($0.0.rawValue))): \(messages.translationState($0.1).lowercased())"
        }
        // Audit entries stay as they were recorded.
        history = facts.history.map { Line(label: messages.moment($0.at), count: "\($0.actor) \($0.action): \($0.summary)") }
    }
}

extension Messages {
    /// "3 reports, 12 actions".
    func reportsAndActions(reports: Int, actions: Int) -> String {
        self(
            "admin.reports-and-actions",
            ["reports": plural("admin.count.reports", count: reports), "actions": plural("admin.count.actions", count: actions)])
    }
}
