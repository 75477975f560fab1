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
        routes.post(.keepAction(.key), .editor, use: keep)
    }

    @Sendable func list(_ request: Request, context: CoordinatorContext) async throws -> Response {
        try await actionsList(context.coordinator)
    }

    @Sendable func actions(_ request: Request, context: CoordinatorContext) -> Response {
        seeOther(AdminRoute.home.path)
    }

    @Sendable func newAction(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let coordinator = context.coordinator
        let messages = coordinator.messages
        let form = try await actionForm(messages)
        guard let firstCase = form.cases.first else {
            return try renderer.response(
                MessageView(
                    admin: AdminPage(title: messages("admin.action.new"), coordinator: coordinator),
                    heading: messages("admin.action.case-first"), paragraphs: [messages("admin.action.case-first-text")],
                    copyable: [], next: Link(text: messages("admin.action.new-case"), href: AdminRoute.newRecord(.cases).path)))
        }
        var draft = UrgentAction(
            id: "", number: "", caseID: firstCase.id, title: "", summary: "", issued: HistoricalDate(day: now),
            language: messages.language.rawValue, takeAction: ActionDefaults.takeAction(messages))
        if let earlierID = request.uri.queryParameters["updates"], let earlier = form.actions.first(where: { $0.id.rawValue == earlierID })
        {
            draft = ActionDefaults.update(of: earlier, issued: HistoricalDate(day: now))
        }
        return try actionFormPage(coordinator, form: form, action: draft, isNew: true, errors: form.noErrors())
    }

    @Sendable func create(_ request: Request, context: CoordinatorContext, body: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        let form = try await actionForm(coordinator.messages)
        let base = UrgentAction(id: "", number: "", caseID: "", title: "", summary: "", issued: HistoricalDate(day: now))
        let (action, errors) = form.read(body, base: base, isNew: true)
        guard errors.isEmpty else { return try actionFormPage(coordinator, form: form, action: action, isNew: true, errors: errors) }
        try await store.save(
            action,
            audit: coordinator.audit("created", "urgent action", action.id.rawValue, "draft UA \(action.number): \(action.title)", at: now))
        return Done.created.redirect(to: action.id)
    }

    /// The dashboard, saying what the form just sent did: every change answers with a redirect here, so a
    /// reload never sends a form again.
    @Sendable func show(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let action = try await action(context)
        let query = request.uri.queryParameters
        let notice = query["done"].flatMap { Done(rawValue: String($0)) }.flatMap { done in
            done.notice(
                action, alerts: query["alerts"].flatMap { Int(String($0)) }, report: query["report"].flatMap { Int64(String($0)) },
                context.coordinator.messages)
        }
        return try await dashboard(context.coordinator, action, notice: notice)
    }

    @Sendable func save(_ request: Request, context: CoordinatorContext, body: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        let existing = try await action(context)
        let form = try await actionForm(coordinator.messages)
        let (action, errors) = form.read(body, base: existing, isNew: false)
        guard errors.isEmpty else { return try actionFormPage(coordinator, form: form, action: action, isNew: false, errors: errors) }
        try await store.save(
            action, audit: coordinator.audit("edited", "urgent action", action.id.rawValue, action.changeSummary(since: existing), at: now))
        return Done.saved.redirect(to: action.id)
    }

    @Sendable func edit(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let action = try await action(context)
        let coordinator = context.coordinator
        return try actionFormPage(
            coordinator, form: try await actionForm(coordinator.messages), action: action, isNew: false,
            errors: FormErrors(coordinator.messages))
    }

    /// The page exactly as the public will see it, with a banner saying it is a preview.
    @Sendable func preview(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let action = try await action(context)
        guard var page = try await pages.urgentAction(action.id, includingDrafts: true) else { throw HTTPError(.notFound) }
        page.page.preview = context.coordinator.messages(action.status == .draft ? "admin.preview.draft" : "admin.preview.public")
        page.page.previewBack = AdminRoute.action(action.id).path
        let html = try await cache.filled(try renderer.html(page))
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    @Sendable func review(_ request: Request, context: CoordinatorContext, body: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        let messages = coordinator.messages
        let action = try await action(context)
        guard let report = context.parameters.get("report").flatMap(Int64.init) else { throw HTTPError(.notFound) }
        let accept = body["decision"] == "accept"
        guard body["decision"] == "accept" || body["decision"] == "reject" else {
            throw HTTPError(.badRequest, message: messages("admin.review.choose"))
        }
        guard try await store.review(report: report, of: action.id, accept: accept, actor: coordinator.email, now: now) else {
            return try await dashboard(coordinator, action, error: messages("admin.review.already", ["id": String(report)]))
        }
        return (accept ? Done.accepted : Done.rejected).redirect(to: action.id, report: report)
    }

    /// The action still fits what happened: its alerts and share prompts resume. Updating, closing or
    /// editing it settles it too.
    @Sendable func keep(_ request: Request, context: CoordinatorContext, body: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        let action = try await action(context)
        let kept = try await store.confirmAction(
            action.id,
            audit: coordinator.audit("kept running", "urgent action", action.id.rawValue, "checked after a change of situation", at: now))
        guard kept else { return try await dashboard(coordinator, action, error: coordinator.messages("admin.attention.not-waiting")) }
        return Done.kept.redirect(to: action.id)
    }

    // MARK: Urgent Actions

    private func action(_ context: some RequestContext) async throws -> UrgentAction {
        try await found(store.urgentAction(Identifier(try slug(context))))
    }

    private func actionForm(_ messages: Messages) async throws -> ActionForm {
        ActionForm(
            cases: try await store.allCases(), people: try await store.allPeople(), targets: try await store.allTargets(),
            actions: try await store.allUrgentActions(), messages: messages, today: HistoricalDate(day: now))
    }

    private func actionsList(_ coordinator: Coordinator) async throws -> Response {
        let messages = coordinator.messages
        let actions = try await store.allUrgentActions()
        let allTotals = try await store.totals(of: actions.map(\.id))
        var rows: [ListView.Row] = []
        for action in actions {
            let totals = allTotals[action.id] ?? Totals()
            rows.append(
                ListView.Row(cells: [
                    .init(text: "UA \(action.number)", href: AdminRoute.action(action.id).path),
                    .init(text: action.title, badge: action.kind.badge(messages)),
                    .init(text: messages.status(action.status)), .init(text: action.deadline.map { messages.date($0).text } ?? "—"),
                    .init(text: messages.reportsAndActions(reports: totals.reports, actions: totals.actions)),
                ]))
        }
        let waiting = try await store.actionsNeedingAttention()
        let titles = Dictionary(actions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var attention: [Link] = []
        for entry in waiting {
            guard let action = titles[entry.action] else { continue }
            let what = try await whatHappened(entry, messages: messages)
            attention.append(
                Link(
                    text: messages("admin.attention.line", ["number": action.number, "title": action.title, "what": what]),
                    href: AdminRoute.action(action.id).path))
        }
        let problems = try await store.openContactProblems().count
        if problems > 0 {
            attention.append(Link(text: messages.plural("admin.contacts.waiting", count: problems), href: AdminRoute.contactProblems.path))
        }
        let heldGroupReports = try await store.heldGroupReportCount()
        if heldGroupReports > 0 {
            attention.append(
                Link(text: messages.plural("admin.group-reports.waiting", count: heldGroupReports), href: AdminRoute.groupReports.path))
        }
        let outbox = try await store.outboxStatus()
        var alerts = messages(
            "admin.outbox.status",
            [
                "waiting": messages.number(outbox.queued + outbox.sending), "sent": messages.number(outbox.sent),
                "failed": messages.number(outbox.failed),
            ])
        if outbox.resends > 0 { alerts += " " + messages.plural("admin.outbox.resends", count: outbox.resends) }
        if let problem = outbox.lastErrors.first { alerts += " " + messages("admin.outbox.problem", ["problem": problem]) }
        let newLink = Link(text: messages("admin.action.new"), href: AdminRoute.newAction.path)
        return try renderer.response(
            ListView(
                admin: AdminPage(
                    title: messages("admin.nav.actions"), coordinator: coordinator, current: AdminRoute.home.path, notice: alerts),
                heading: messages("admin.nav.actions"), intro: messages("admin.actions.intro"),
                newLink: coordinator.account.role >= .editor ? newLink : nil,
                columns: ["number", "title", "status", "deadline", "reported"].map { messages("admin.actions." + $0) }, rows: rows,
                empty: messages("admin.actions.none"),
                attention: attention.isEmpty ? nil : .init(heading: messages("admin.attention.heading"), items: attention)))
    }

    /// "Released (12 June 2025): Makhabat Tazhibek kyzy": the status change that put an action in front of coordinators.
    private func whatHappened(_ entry: ActionAttention, messages: Messages) async throws -> String {
        guard let event = try await store.event(entry.event) else { return entry.kind.label(messages) }
        // The summary's own full stop would double the sentence's.
        let summary = String(event.summary.trimmingCharacters(in: .whitespacesAndNewlines).reversed().drop { $0 == "." }.reversed())
        return messages(
            "admin.attention.event", ["kind": entry.kind.label(messages), "date": messages.date(event.date).text, "summary": summary])
    }

    /// Why this action waits, and what a coordinator can do about it; nil when it does not.
    private func attentionNote(_ id: Identifier<UrgentAction>, messages: Messages) async throws -> DashboardView.Attention? {
        guard let entry = try await store.attention(of: id) else { return nil }
        return DashboardView.Attention(
            text: messages("admin.attention.explain", ["what": try await whatHappened(entry, messages: messages)]),
            keep: AdminRoute.keepAction(id).path)
    }

    private func actionFormPage(
        _ coordinator: Coordinator, form: ActionForm, action: UrgentAction, isNew: Bool, errors: FormErrors
    ) throws -> Response {
        let messages = coordinator.messages
        let number: KeyValuePairs<String, String> = ["number": action.number]
        let view = FormView(
            admin: AdminPage(
                title: isNew ? messages("admin.action.new") : messages("admin.action.edit-title", number), coordinator: coordinator,
                current: AdminRoute.home.path),
            heading: isNew ? messages("admin.action.new") : messages("admin.action.edit-heading", number),
            intro: isNew
                ? messages("admin.action.new-intro")
                : action.status == .draft
                    ? nil : messages("admin.action.live-intro", ["status": messages.status(action.status).lowercased()]),
            action: isNew ? AdminRoute.actions.path : AdminRoute.action(action.id).path, csrf: coordinator.session.csrf,
            fields: form.fields(action, isNew: isNew, errors: errors),
            submit: messages(isNew ? "admin.form.save-draft" : "admin.form.save-changes"),
            cancel: Link(text: messages("admin.form.cancel"), href: isNew ? AdminRoute.home.path : AdminRoute.action(action.id).path))
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
            return try await dashboard(coordinator, action, error: coordinator.messages.explanation(error))
        }
        let messages = coordinator.messages
        let step: LifeCycleStep
        switch kind {
        case .publish: step = .publish
        case .reopen: step = .reopen
        case .extendDeadline:
            var errors = FormErrors(messages)
            guard let deadline = errors.date(form.text("deadline"), "deadline", required: true) else {
                return try await dashboard(coordinator, action, error: errors["deadline"])
            }
            step = .extendDeadline(to: deadline)
        case .close:
            guard let outcome = form["outcome"].flatMap(Outcome.Kind.init(rawValue:)) else {
                return try await dashboard(coordinator, action, error: messages("admin.action.choose-outcome"))
            }
            step = .close(Outcome(kind: outcome, note: form.block("note") ?? ""))
            // Closing ends the call to act for everyone: it is confirmed on a page of its own first.
            if form["confirm"] != "yes", (try? step.apply(to: action, today: HistoricalDate(day: now))) != nil {
                return try renderer.response(
                    ConfirmView.closing(action, outcome: Outcome(kind: outcome, note: form.block("note") ?? ""), coordinator: coordinator))
            }
        }
        let changed: UrgentAction
        do {
            changed = try step.apply(to: action, today: HistoricalDate(day: now))
        } catch {
            return try await dashboard(coordinator, action, error: messages.explanation(error))
        }
        try await store.save(
            changed, audit: coordinator.audit(step.auditVerb, "urgent action", action.id.rawValue, step.auditSummary(of: action), at: now))
        var queued: Int?
        if let alerts, let occasion = AlertOccasion(step, kind: changed.kind) {
            queued = try await alerts.announce(changed, occasion, now: now)
        }
        // Those who reported and asked to hear back learn how it ended, once.
        if let alerts, case .close = step { queued = (queued ?? 0) + (try await alerts.tellReporters(changed, now: now)) }
        let done: Done =
            switch step {
            case .publish: .published
            case .extendDeadline: .extended
            case .close: .closed
            case .reopen: .reopened
            }
        return done.redirect(to: action.id, alerts: queued)
    }

    private func dashboard(
        _ coordinator: Coordinator, _ action: UrgentAction, notice: String? = nil, error: String? = nil
    ) async throws -> Response {
        let facts = DashboardView.Facts(
            totals: try await store.totals(of: action.id), targets: try await store.targets(action.targets.map(\.target)),
            flagged: try await store.flaggedReports(of: action.id),
            chart: ActivityChart(counts: try await store.dailyActions(of: action.id), today: now),
            history: try await store.auditLog(limit: 20, recordID: action.id.rawValue),
            translations: try await store.translations(of: .urgentAction, action.id.rawValue), today: HistoricalDate(day: now),
            attention: try await attentionNote(action.id, messages: coordinator.messages))
        let view = DashboardView(action, facts, coordinator: coordinator, notice: notice, error: error)
        return try renderer.response(view, status: error == nil ? .ok : .unprocessableContent)
    }
}

/// What a new action starts with.
enum ActionDefaults {
    /// The usual steps, in the coordinator's language: a starting point to edit.
    static func takeAction(_ messages: Messages) -> [String] {
        ["write", "other-channels", "tell-us"].map { messages("admin.defaults.take-action-" + $0) }
    }

    /// A draft update ("further information") that keeps the earlier action's case, people, officials and asks.
    static func update(of earlier: UrgentAction, issued: HistoricalDate) -> UrgentAction {
        UrgentAction(
            id: "", number: "", kind: .update, caseID: earlier.caseID, title: earlier.title, summary: "", issued: issued,
            language: earlier.language, takeAction: earlier.takeAction, asks: earlier.asks, people: earlier.people,
            targets: earlier.targets, letters: earlier.letters, updates: earlier.id)
    }
}

extension UrgentActionsController {
    /// What a form sent to an action just did, carried in the dashboard's address after the redirect: only
    /// these words, and numbers, so the address can never make the page say something else.
    enum Done: String, Sendable {
        case created, saved, published, extended, closed, reopened, accepted, rejected, kept

        func redirect(to action: Identifier<UrgentAction>, alerts: Int? = nil, report: Int64? = nil) -> Response {
            seeOther(
                SiteRoute.admin(.action(action)).path(query: [
                    "done": rawValue, "alerts": alerts.map(String.init), "report": report.map(String.init),
                ]))
        }

        /// Nil when the action's state says otherwise: an address kept or typed cannot make the page claim a
        /// step the action is not in.
        func notice(_ action: UrgentAction, alerts: Int?, report: Int64?, _ messages: Messages) -> String? {
            switch self {
            case .published, .reopened: guard action.status == .published else { return nil }
            case .closed: guard action.status == .closed else { return nil }
            case .extended: guard action.deadline != nil else { return nil }
            case .created, .saved, .accepted, .rejected, .kept: break
            }
            let id = ["id": report.map(String.init) ?? ""]
            var text =
                switch self {
                case .created: messages("admin.step.created")
                case .saved: messages("admin.records.saved")
                case .published: messages("admin.step.published")
                case .extended: messages("admin.step.extended", ["deadline": action.deadline.map { messages.date($0).text } ?? ""])
                case .closed: messages("admin.step.closed")
                case .reopened: messages("admin.step.reopened")
                case .accepted: messages("admin.review.accepted", values: id)
                case .rejected: messages("admin.review.rejected", values: id)
                case .kept: messages("admin.attention.kept")
                }
            if let alerts, [.published, .closed].contains(self) {
                text += " " + messages.plural("admin.step.alerts-queued", count: alerts)
            }
            return text
        }
    }
}
