import Foundation
import Hummingbird
import OutcryCore
import OutcryStore

/// Urgent Actions in the coordinator area: the list, the form, the life cycle and the totals dashboard.
/// Viewers read; editors change; every change is saved with its audit entry in one transaction.
struct UrgentActionsController: Sendable {
    let auth: AdminAuth
    let renderer: PageRenderer
    let pages: PublicPages
    let cache: PageCache
    let alerts: Alerts?

    private var store: Store { auth.store }
    private var now: Date { auth.now }

    func addRoutes(to routes: CoordinatorRoutes) {
        routes.get(.home, .viewer, use: list)
        routes.get(.actions, .viewer, use: actions)
        routes.get(.newAction, .editor, use: newAction)
        routes.post(.actions, .editor, use: create)
        routes.get(.action(.key), .viewer, use: show)
        routes.post(.action(.key), .editor, use: save)
        routes.get(.actionPage(.key, .edit), .editor, use: edit)
        routes.get(.actionPage(.key, .preview), .viewer, use: preview)
        for step in LifeCycleStep.Kind.allCases {
            routes.post(.actionStep(.key, step), .editor) { _, context, form in
                try await take(step, on: try await action(context), by: context.coordinator, form: form)
            }
        }
        routes.post(.review(.key, report: 0), .editor, use: review)
    }

    @Sendable func list(_ request: Request, context: CoordinatorContext) async throws -> Response {
        try await actionsList(context.coordinator)
    }

    @Sendable func actions(_ request: Request, context: CoordinatorContext) -> Response {
        seeOther(AdminRoute.home.path)
    }

    @Sendable func newAction(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let coordinator = context.coordinator
        let form = try await actionForm()
        guard let firstCase = form.cases.first else {
            return try renderer.response(
                MessageView(
                    admin: AdminPage(title: "New Urgent Action", coordinator: coordinator), heading: "First, a case",
                    paragraphs: ["An Urgent Action is always about a case. Create the case first; then come back here."],
                    copyable: [], next: Link(text: "New case", href: AdminRoute.newRecord(.cases).path)))
        }
        var draft = UrgentAction(
            id: "", number: "", caseID: firstCase.id, title: "", summary: "", issued: HistoricalDate(day: now),
            takeAction: ActionDefaults.takeAction)
        if let earlierID = request.uri.queryParameters["updates"], let earlier = form.actions.first(where: { $0.id.rawValue == earlierID })
        {
            draft = ActionDefaults.update(of: earlier, issued: HistoricalDate(day: now))
        }
        return try actionFormPage(coordinator, form: form, action: draft, isNew: true, errors: FormErrors())
    }

    @Sendable func create(_ request: Request, context: CoordinatorContext, body: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        let form = try await actionForm()
        let base = UrgentAction(id: "", number: "", caseID: "", title: "", summary: "", issued: HistoricalDate(day: now))
        let (action, errors) = form.read(body, base: base, isNew: true)
        guard errors.isEmpty else { return try actionFormPage(coordinator, form: form, action: action, isNew: true, errors: errors) }
        try await store.save(
            action,
            audit: coordinator.audit("created", "urgent action", action.id.rawValue, "draft UA \(action.number): \(action.title)", at: now))
        return seeOther(AdminRoute.action(action.id).path)
    }

    @Sendable func show(_ request: Request, context: CoordinatorContext) async throws -> Response {
        try await dashboard(context.coordinator, try await action(context))
    }

    @Sendable func save(_ request: Request, context: CoordinatorContext, body: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        let existing = try await action(context)
        let form = try await actionForm()
        let (action, errors) = form.read(body, base: existing, isNew: false)
        guard errors.isEmpty else { return try actionFormPage(coordinator, form: form, action: action, isNew: false, errors: errors) }
        try await store.save(
            action, audit: coordinator.audit("edited", "urgent action", action.id.rawValue, action.changeSummary(since: existing), at: now))
        return seeOther(AdminRoute.action(action.id).path)
    }

    @Sendable func edit(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let action = try await action(context)
        return try actionFormPage(context.coordinator, form: try await actionForm(), action: action, isNew: false, errors: FormErrors())
    }

    /// The page exactly as the public will see it, with a banner saying it is a preview.
    @Sendable func preview(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let action = try await action(context)
        guard var page = try await pages.urgentAction(action.id, includingDrafts: true) else { throw HTTPError(.notFound) }
        page.page.preview =
            action.status == .draft
            ? "Preview: this draft is not public. Publish it from the coordinator area." : "Preview of the public page."
        page.page.previewBack = AdminRoute.action(action.id).path
        let html = try await cache.filled(try renderer.html(page))
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    @Sendable func review(_ request: Request, context: CoordinatorContext, body: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        let action = try await action(context)
        guard let report = context.parameters.get("report").flatMap(Int64.init) else { throw HTTPError(.notFound) }
        let accept = body["decision"] == "accept"
        guard body["decision"] == "accept" || body["decision"] == "reject" else {
            throw HTTPError(.badRequest, message: "Choose accept or reject.")
        }
        let done = try await store.review(report: report, of: action.id, accept: accept, actor: coordinator.email, now: now)
        return try await dashboard(
            coordinator, action,
            notice: done
                ? (accept
                    ? "Report \(report) accepted: it now counts in the totals." : "Report \(report) rejected: it stays out of the totals.")
                : nil,
            error: done ? nil : "Report \(report) was already decided, perhaps by someone else. Nothing changed.")
    }

    // MARK: Urgent Actions

    private func action(_ context: some RequestContext) async throws -> UrgentAction {
        try await found(store.urgentAction(Identifier(try slug(context))))
    }

    private func actionForm() async throws -> ActionForm {
        ActionForm(
            cases: try await store.allCases(), people: try await store.allPeople(), targets: try await store.allTargets(),
            actions: try await store.allUrgentActions())
    }

    private func actionsList(_ coordinator: Coordinator) async throws -> Response {
        let actions = try await store.allUrgentActions()
        let allTotals = try await store.totals(of: actions.map(\.id))
        var rows: [ListView.Row] = []
        for action in actions {
            let totals = allTotals[action.id] ?? Totals()
            rows.append(
                ListView.Row(cells: [
                    .init(text: "UA \(action.number)", href: AdminRoute.action(action.id).path),
                    .init(text: action.title, badge: action.kind.badge()),
                    .init(text: action.status.label), .init(text: action.deadline.map(DateWording.text) ?? "—"),
                    .init(text: "\(totals.reports.formatted) reports, \(totals.actions.formatted) actions"),
                ]))
        }
        let outbox = try await store.outboxStatus()
        var alerts =
            "Alerts by e-mail: \(outbox.queued + outbox.sending) waiting, \(outbox.sent) sent, \(outbox.failed) could not be delivered"
        if outbox.resends > 0 { alerts += ", \(outbox.resends) sent again after an interruption (same Message-ID)" }
        if let problem = outbox.lastErrors.first { alerts += ". Latest problem: \(problem)" }
        return try renderer.response(
            ListView(
                admin: AdminPage(title: "Urgent Actions", coordinator: coordinator, current: AdminRoute.home.path, notice: alerts + "."),
                heading: "Urgent Actions", intro: "Drafts, published and closed actions, newest first.",
                newLink: coordinator.account.role >= .editor ? Link(text: "New Urgent Action", href: AdminRoute.newAction.path) : nil,
                columns: ["Number", "Title", "Status", "Deadline", "Reported"], rows: rows,
                empty: "No Urgent Actions yet."))
    }

    private func actionFormPage(
        _ coordinator: Coordinator, form: ActionForm, action: UrgentAction, isNew: Bool, errors: FormErrors
    ) throws -> Response {
        let view = FormView(
            admin: AdminPage(
                title: isNew ? "New Urgent Action" : "Edit UA \(action.number)", coordinator: coordinator, current: AdminRoute.home.path),
            heading: isNew ? "New Urgent Action" : "Edit Urgent Action \(action.number)",
            intro: isNew
                ? "It is saved as a draft: nobody outside this area sees it until you publish it."
                : action.status == .draft
                    ? nil
                    : "This action is \(action.status.label.lowercased()): saving changes the public page at once.",
            action: isNew ? AdminRoute.actions.path : AdminRoute.action(action.id).path, csrf: coordinator.session.csrf,
            fields: form.fields(action, isNew: isNew, errors: errors), submit: isNew ? "Save draft" : "Save changes",
            cancel: Link(text: "Cancel", href: isNew ? AdminRoute.home.path : AdminRoute.action(action.id).path))
        return try renderer.response(view, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// A life-cycle step: the form read into a Core step, the step applied or refused with the reason on the
    /// dashboard, and subscribers alerted when the public learns something new.
    private func take(
        _ kind: LifeCycleStep.Kind, on action: UrgentAction, by coordinator: Coordinator, form: FormBody
    ) async throws -> Response {
        do {
            try LifeCycleStep.checkStatus(of: action, for: kind)
        } catch {
            return try await dashboard(coordinator, action, error: error.explanation)
        }
        let step: LifeCycleStep
        switch kind {
        case .publish: step = .publish
        case .reopen: step = .reopen
        case .extendDeadline:
            var errors = FormErrors()
            guard let deadline = errors.date(form.text("deadline"), "deadline", required: true) else {
                return try await dashboard(coordinator, action, error: errors["deadline"])
            }
            step = .extendDeadline(to: deadline)
        case .close:
            guard let outcome = form["outcome"].flatMap(Outcome.Kind.init(rawValue:)) else {
                return try await dashboard(coordinator, action, error: "Choose the outcome.")
            }
            step = .close(Outcome(kind: outcome, note: form.block("note") ?? ""))
        }
        let changed: UrgentAction
        do {
            changed = try step.apply(to: action)
        } catch {
            return try await dashboard(coordinator, action, error: error.explanation)
        }
        try await store.save(
            changed, audit: coordinator.audit(step.auditVerb, "urgent action", action.id.rawValue, step.auditSummary(of: action), at: now))
        var notice =
            switch step {
            case .publish: "Published. The public page is live."
            case .extendDeadline: "Deadline extended to \(changed.deadline.map(DateWording.text) ?? "")."
            case .close: "Closed. The public page now shows the outcome."
            case .reopen: "Reopened. The public page takes reports again."
            }
        if let alerts, let occasion = AlertOccasion(step, kind: changed.kind) {
            let queued = try await alerts.announce(changed, occasion, now: now)
            notice += " Alerts queued for \(queued) subscriber\(queued == 1 ? "" : "s")."
        }
        return try await dashboard(coordinator, changed, notice: notice)
    }

    private func dashboard(
        _ coordinator: Coordinator, _ action: UrgentAction, notice: String? = nil, error: String? = nil
    ) async throws -> Response {
        let totals = try await store.totals(of: action.id)
        let targets = try await store.targets(action.targets.map(\.target))
        let flagged = try await store.flaggedReports(of: action.id)
        let chart = ActivityChart(counts: try await store.dailyActions(of: action.id), today: now)
        let names = Dictionary(targets.map { ($0.id, $0.fullName) }, uniquingKeysWith: { first, _ in first })
        let canEdit = coordinator.account.role >= .editor
        let translations = try await store.translations(of: .urgentAction, action.id.rawValue)
        var view = DashboardView(
            admin: AdminPage(
                title: "UA \(action.number)", coordinator: coordinator, current: AdminRoute.home.path, notice: notice, error: error),
            number: action.number, title: action.title, status: action.status.label, kind: action.kind.badge(),
            issued: DateWording.text(action.issued), deadline: action.deadline.map(DateWording.text),
            outcome: action.outcome.map { "\($0.kind.label): \($0.note)" },
            csrf: coordinator.session.csrf, canEdit: canEdit,
            isDraft: action.status == .draft, isPublished: action.status == .published, isClosed: action.status == .closed,
            publishProblems: PublishingChecklist.problems(of: action).map(\.wording),
            links: DashboardView.Links(
                edit: AdminRoute.actionPage(action.id, .edit).path, preview: AdminRoute.actionPage(action.id, .preview).path,
                publicPage: action.status == .draft ? nil : SiteRoute.urgentAction(action.id).path,
                csv: action.status == .draft ? nil : SiteRoute.totalsCSV(action.id).path,
                publish: AdminRoute.actionStep(action.id, .publish).path, deadline: AdminRoute.actionStep(action.id, .extendDeadline).path,
                close: AdminRoute.actionStep(action.id, .close).path, reopen: AdminRoute.actionStep(action.id, .reopen).path,
                update: SiteRoute.admin(.newAction).path(query: ["updates": action.id.rawValue]),
                translations: AdminRoute.translations(.urgentAction, id: action.id.rawValue).path),
            outcomes: Outcome.Kind.allCases.map { FormField.Option(value: $0.rawValue, label: $0.label, selected: false) },
            reports: totals.reports.formatted, actions: totals.actions.formatted, countries: totals.countries.formatted,
            byChannel: Channel.allCases.map { DashboardView.Line(label: $0.label, count: (totals.byChannel[$0] ?? 0).formatted) },
            byTarget: action.targets.map { entry in
                let mine = totals.byTarget[entry.target] ?? TargetTotals()
                return DashboardView.Line(
                    label: (names[entry.target] ?? entry.target.rawValue) + (entry.role == .copy ? " (copy)" : ""),
                    count: "\(mine.reports.formatted) reports, \(mine.actions.formatted) actions",
                    href: action.status == .draft ? nil : SiteRoute.officialsReport(action.id, for: entry.target).path)
            },
            byCountry: totals.peopleByCountry.sorted { ($0.value, $1.key?.name ?? "") > ($1.value, $0.key?.name ?? "") }.map {
                DashboardView.Line(label: $0.key?.name ?? "Country not given", count: $0.value.formatted)
            },
            chart: chart.svg, hasActivity: chart.days.contains { $0.actions > 0 },
            days: chart.days.reversed().filter { $0.actions > 0 }.map {
                DashboardView.Line(label: $0.label, count: $0.actions.formatted)
            },
            flagged: flagged.map { report in
                DashboardView.Flagged(
                    id: String(report.id), when: DateFormatter.adminMoment.string(from: report.reportedAt),
                    what: Channel.allCases.compactMap { channel in
                        (report.counts[channel] ?? 0) > 0 ? "\(report.counts[channel]!) \(channel.label.lowercased())" : nil
                    }.joined(separator: ", "),
                    target: report.target.map { names[$0] ?? $0.rawValue } ?? "—", country: report.country?.name ?? "—",
                    reason: report.reason, review: AdminRoute.review(action.id, report: report.id).path)
            },
            history: try await store.auditLog(limit: 20, recordID: action.id.rawValue).map {
                DashboardView.Line(label: DateFormatter.adminMoment.string(from: $0.at), count: "\($0.actor) \($0.action): \($0.summary)")
            })
        view.translationStates = TranslationsController.states(of: action, translations).map {
            "\(TranslationsController.languageName($0.0.rawValue)): \(TranslationsController.label($0.1).lowercased())"
        }
        return try renderer.response(view, status: error == nil ? .ok : .unprocessableContent)
    }
}

/// What a new action starts with.
enum ActionDefaults {
    static let takeAction = [
        "Write a letter in your own words or using the sample letter below.",
        "You can also e-mail, fax, call or post to the officials.",
        "Let us know the actions you took, because we share the total number with the officials.",
    ]

    /// A draft update ("further information") that keeps the earlier action's case, people, officials and asks.
    static func update(of earlier: UrgentAction, issued: HistoricalDate) -> UrgentAction {
        UrgentAction(
            id: "", number: "", kind: .update, caseID: earlier.caseID, title: earlier.title, summary: "", issued: issued,
            language: earlier.language, takeAction: earlier.takeAction, asks: earlier.asks, people: earlier.people,
            targets: earlier.targets, letters: earlier.letters, updates: earlier.id)
    }
}

extension UrgentAction.Status {
    var label: String {
        switch self {
        case .draft: "Draft"
        case .published: "Published"
        case .closed: "Closed"
        }
    }
}
