import Foundation
import Hummingbird
import OutcryCore
import OutcryStore

/// Urgent Actions, cases and targets: lists, forms, the action life cycle and its totals dashboard.
/// Viewers read; editors change; every change is saved with its audit entry in one transaction.
struct ContentRoutes: Sendable {
    let auth: AdminAuth
    let renderer: PageRenderer
    let pages: PublicPages
    let cache: PageCache
    let alerts: Alerts?

    private var store: Store { auth.store }
    private var now: Date { auth.now }

    func add(to router: Router<OutcryRequestContext>) {
        router.get(RouterPath(AdminPath.root)) { request, _ in
            let coordinator = try await auth.require(.viewer, request)
            return try await actionsList(coordinator)
        }
        router.get(RouterPath(AdminPath.actions)) { request, _ in
            _ = try await auth.require(.viewer, request)
            return seeOther(AdminPath.root)
        }
        router.get(RouterPath(AdminPath.newAction)) { request, _ in
            let coordinator = try await auth.require(.editor, request)
            let form = try await actionForm()
            guard let firstCase = form.cases.first else {
                return renderer.response("admin-message", MessageView(
                    admin: AdminPage(title: "New Urgent Action", coordinator: coordinator), heading: "First, a case",
                    paragraphs: ["An Urgent Action is always about a case. Create the case first; then come back here."],
                    copyable: [], next: Link(text: "New case", href: AdminPath.newCase)))
            }
            var draft = UrgentAction(
                id: "", number: "", caseID: firstCase.id, title: "", summary: "", issued: HistoricalDate(day: now),
                takeAction: ActionDefaults.takeAction)
            if let earlierID = request.uri.queryParameters["updates"], let earlier = form.actions.first(where: { $0.id.rawValue == earlierID }) {
                draft = ActionDefaults.update(of: earlier, issued: HistoricalDate(day: now))
            }
            return actionFormPage(coordinator, form: form, action: draft, isNew: true, errors: FormErrors())
        }
        router.post(RouterPath(AdminPath.actions)) { request, _ in
            let (coordinator, body) = try await auth.form(.editor, request)
            let form = try await actionForm()
            let base = UrgentAction(id: "", number: "", caseID: "", title: "", summary: "", issued: HistoricalDate(day: now))
            let (action, errors) = form.read(body, base: base, isNew: true)
            guard errors.isEmpty else { return actionFormPage(coordinator, form: form, action: action, isNew: true, errors: errors) }
            try await store.save(action, audit: coordinator.audit("created", "urgent action", action.id.rawValue, "draft UA \(action.number): \(action.title)", at: now))
            return seeOther(AdminPath.action(action.id))
        }
        router.get(RouterPath(AdminPath.Pattern.action)) { request, context in
            let coordinator = try await auth.require(.viewer, request)
            return try await dashboard(coordinator, try await action(context))
        }
        router.post(RouterPath(AdminPath.Pattern.action)) { request, context in
            let (coordinator, body) = try await auth.form(.editor, request)
            let existing = try await action(context)
            let form = try await actionForm()
            let (action, errors) = form.read(body, base: existing, isNew: false)
            guard errors.isEmpty else { return actionFormPage(coordinator, form: form, action: action, isNew: false, errors: errors) }
            try await store.save(
                action, audit: coordinator.audit("edited", "urgent action", action.id.rawValue, ChangeSummary.of(existing, action), at: now))
            return seeOther(AdminPath.action(action.id))
        }
        router.get(RouterPath(AdminPath.Pattern.actionVerb)) { request, context in
            let coordinator = try await auth.require(.viewer, request)
            let action = try await action(context)
            switch context.parameters.get("verb") {
            case "edit":
                guard coordinator.account.role >= .editor else { throw HTTPError(.forbidden, message: "Your account can read actions but not change them.") }
                return actionFormPage(coordinator, form: try await actionForm(), action: action, isNew: false, errors: FormErrors())
            case "preview":
                return try await preview(action)
            default:
                throw HTTPError(.notFound)
            }
        }
        router.post(RouterPath(AdminPath.Pattern.actionVerb)) { request, context in
            let (coordinator, body) = try await auth.form(.editor, request)
            return try await lifeCycle(coordinator, try await action(context), verb: context.parameters.get("verb") ?? "", form: body)
        }
        router.post(RouterPath(AdminPath.Pattern.review)) { request, context in
            let (coordinator, body) = try await auth.form(.editor, request)
            let action = try await action(context)
            guard let report = context.parameters.get("report").flatMap(Int64.init) else { throw HTTPError(.notFound) }
            let accept = body["decision"] == "accept"
            guard body["decision"] == "accept" || body["decision"] == "reject" else { throw HTTPError(.badRequest, message: "Choose accept or reject.") }
            let done = try await store.review(report: report, of: action.id, accept: accept, actor: coordinator.email, now: now)
            return try await dashboard(
                coordinator, action,
                notice: done ? (accept ? "Report \(report) accepted: it now counts in the totals." : "Report \(report) rejected: it stays out of the totals.")
                    : nil,
                error: done ? nil : "Report \(report) was already decided, perhaps by someone else. Nothing changed.")
        }

        ImportRoutes(auth: auth, renderer: renderer).add(to: router)
        for record in [
            RecordRoutes(record: Records.cases(store), auth: auth, renderer: renderer).add,
            RecordRoutes(record: Records.targets(store), auth: auth, renderer: renderer).add,
            RecordRoutes(record: Records.people(store), auth: auth, renderer: renderer).add,
            RecordRoutes(record: Records.organisations(store), auth: auth, renderer: renderer).add,
            RecordRoutes(record: Records.events(store, today: { [clock = auth.clock] in clock.now }), auth: auth, renderer: renderer).add,
            RecordRoutes(record: Records.statements(store, today: { [clock = auth.clock] in clock.now }), auth: auth, renderer: renderer).add,
        ] {
            record(router)
        }
    }

    // MARK: Urgent Actions

    private func action(_ context: OutcryRequestContext) async throws -> UrgentAction {
        try await found(store.urgentAction(Identifier(try slug(context))))
    }

    private func actionForm() async throws -> ActionForm {
        ActionForm(
            cases: try await store.allCases(), people: try await store.allPeople(), targets: try await store.allTargets(),
            actions: try await store.allUrgentActions())
    }

    private func actionsList(_ coordinator: Coordinator) async throws -> Response {
        let actions = try await store.allUrgentActions()
        var rows: [ListView.Row] = []
        for action in actions {
            let totals = try await store.totals(of: action.id)
            rows.append(ListView.Row(cells: [
                .init(text: "UA \(action.number)", href: AdminPath.action(action.id)),
                .init(text: action.title, badge: action.kind.badge),
                .init(text: action.status.label), .init(text: action.deadline.map(DateWording.text) ?? "—"),
                .init(text: "\(totals.reports.formatted) reports, \(totals.actions.formatted) actions"),
            ]))
        }
        let outbox = try await store.outboxStatus()
        var alerts = "Alerts by e-mail: \(outbox.queued + outbox.sending) waiting, \(outbox.sent) sent, \(outbox.failed) could not be delivered"
        if outbox.resends > 0 { alerts += ", \(outbox.resends) sent again after an interruption (same Message-ID)" }
        if let problem = outbox.lastErrors.first { alerts += ". Latest problem: \(problem)" }
        return renderer.response("admin-list", ListView(
            admin: AdminPage(title: "Urgent Actions", coordinator: coordinator, current: AdminPath.root, notice: alerts + "."),
            heading: "Urgent Actions", intro: "Drafts, published and closed actions, newest first.",
            newLink: coordinator.account.role >= .editor ? Link(text: "New Urgent Action", href: AdminPath.newAction) : nil,
            columns: ["Number", "Title", "Status", "Deadline", "Reported"], rows: rows,
            empty: "No Urgent Actions yet."))
    }

    private func actionFormPage(_ coordinator: Coordinator, form: ActionForm, action: UrgentAction, isNew: Bool, errors: FormErrors) -> Response {
        let view = FormView(
            admin: AdminPage(title: isNew ? "New Urgent Action" : "Edit UA \(action.number)", coordinator: coordinator, current: AdminPath.root),
            heading: isNew ? "New Urgent Action" : "Edit Urgent Action \(action.number)",
            intro: isNew ? "It is saved as a draft: nobody outside this area sees it until you publish it." : action.status == .draft ? nil
                : "This action is \(action.status.label.lowercased()): saving changes the public page at once.",
            action: isNew ? AdminPath.actions : AdminPath.action(action.id), csrf: coordinator.session.csrf,
            fields: form.fields(action, isNew: isNew, errors: errors), submit: isNew ? "Save draft" : "Save changes",
            cancel: Link(text: "Cancel", href: isNew ? AdminPath.root : AdminPath.action(action.id)))
        return renderer.response("admin-form", view, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// The page exactly as the public will see it, with a banner saying it is a preview.
    private func preview(_ action: UrgentAction) async throws -> Response {
        guard var page = try await pages.urgentAction(action.id, includingDrafts: true) else { throw HTTPError(.notFound) }
        page.page.preview = action.status == .draft
            ? "Preview: this draft is not public. Publish it from the coordinator area." : "Preview of the public page."
        page.page.previewBack = AdminPath.action(action.id)
        let html = try await cache.filled(renderer.html("urgent-action", page))
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    private func lifeCycle(_ coordinator: Coordinator, _ action: UrgentAction, verb: String, form: FormBody) async throws -> Response {
        var changed = action
        let summary: String
        switch verb {
        case "publish":
            guard action.status == .draft else { return try await dashboard(coordinator, action, error: "This action is already \(action.status.label.lowercased()).") }
            let problems = ActionForm.publishingProblems(action)
            guard problems.isEmpty else {
                return try await dashboard(coordinator, action, error: "Before publishing: " + problems.joined(separator: "; ") + ".")
            }
            changed.status = .published
            summary = "published UA \(action.number)"
        case "deadline":
            guard action.status == .published else { return try await dashboard(coordinator, action, error: "Only a published action's deadline can be extended.") }
            var errors = FormErrors()
            guard let deadline = errors.date(form.text("deadline"), "deadline", required: true) else {
                return try await dashboard(coordinator, action, error: errors["deadline"])
            }
            if let current = action.deadline, deadline <= current {
                return try await dashboard(coordinator, action, error: "The new deadline must be after the current one (\(DateWording.text(current))).")
            }
            changed.deadline = deadline
            summary = "deadline \(action.deadline?.iso ?? "none") → \(deadline.iso)"
        case "close":
            guard action.status == .published else { return try await dashboard(coordinator, action, error: "Only a published action can be closed.") }
            guard let kind = form["outcome"].flatMap(Outcome.Kind.init(rawValue:)) else {
                return try await dashboard(coordinator, action, error: "Choose the outcome.")
            }
            guard let note = form.text("note"), note.count <= 2000 else {
                return try await dashboard(coordinator, action, error: "Say in a sentence or two what happened; the public page shows it (at most 2,000 characters).")
            }
            changed.status = .closed
            changed.outcome = Outcome(kind: kind, note: note)
            summary = "closed with outcome \(kind.label.lowercased()): \(note)"
        default:
            throw HTTPError(.notFound)
        }
        try await store.save(changed, audit: coordinator.audit(verb == "deadline" ? "extended" : verb == "close" ? "closed" : "published", "urgent action", action.id.rawValue, summary, at: now))
        var notice = switch verb {
        case "publish": "Published. The public page is live."
        case "deadline": "Deadline extended to \(changed.deadline.map(DateWording.text) ?? "")."
        default: "Closed. The public page now shows the outcome."
        }
        if verb != "deadline", let alerts {
            let occasion: AlertOccasion =
                switch (verb, changed.kind) {
                case ("close", _), (_, .closing): .closed
                case (_, .update): .updated
                default: .published
                }
            let queued = try await alerts.announce(changed, occasion, now: now)
            notice += " Alerts queued for \(queued) subscriber\(queued == 1 ? "" : "s")."
        }
        return try await dashboard(coordinator, changed, notice: notice)
    }

    private func dashboard(_ coordinator: Coordinator, _ action: UrgentAction, notice: String? = nil, error: String? = nil) async throws -> Response {
        let totals = try await store.totals(of: action.id)
        let targets = try await store.targets(action.targets.map(\.target))
        let flagged = try await store.flaggedReports(of: action.id)
        let chart = ActivityChart(counts: try await store.dailyActions(of: action.id), today: now)
        let names = Dictionary(targets.map { ($0.id, $0.fullName) }, uniquingKeysWith: { first, _ in first })
        let canEdit = coordinator.account.role >= .editor
        let view = DashboardView(
            admin: AdminPage(title: "UA \(action.number)", coordinator: coordinator, current: AdminPath.root, notice: notice, error: error),
            number: action.number, title: action.title, status: action.status.label, kind: action.kind.badge,
            issued: DateWording.text(action.issued), deadline: action.deadline.map(DateWording.text),
            outcome: action.outcome.map { "\($0.kind.label): \($0.note)" },
            csrf: coordinator.session.csrf, canEdit: canEdit,
            isDraft: action.status == .draft, isPublished: action.status == .published,
            publishProblems: ActionForm.publishingProblems(action),
            links: DashboardView.Links(
                edit: AdminPath.action(action.id, "edit"), preview: AdminPath.action(action.id, "preview"),
                publicPage: action.status == .draft ? nil : PublicPath.urgentAction(action.id),
                csv: action.status == .draft ? nil : PublicPath.totalsCSV(action.id),
                publish: AdminPath.action(action.id, "publish"), deadline: AdminPath.action(action.id, "deadline"),
                close: AdminPath.action(action.id, "close"), update: AdminPath.newAction + "?updates=" + action.id.rawValue),
            outcomes: Outcome.Kind.allCases.map { FormField.Option(value: $0.rawValue, label: $0.label, selected: false) },
            reports: totals.reports.formatted, actions: totals.actions.formatted, countries: totals.countries.formatted,
            byChannel: Channel.allCases.map { DashboardView.Line(label: $0.label, count: (totals.byChannel[$0] ?? 0).formatted) },
            byTarget: action.targets.map { entry in
                let mine = totals.byTarget[entry.target] ?? TargetTotals()
                return DashboardView.Line(
                    label: (names[entry.target] ?? entry.target.rawValue) + (entry.role == .copy ? " (copy)" : ""),
                    count: "\(mine.reports.formatted) reports, \(mine.actions.formatted) actions",
                    href: action.status == .draft ? nil : PublicPath.officialsReport(action.id, for: entry.target))
            },
            byCountry: totals.peopleByCountry.sorted { ($0.value, $1.key?.name ?? "") > ($1.value, $0.key?.name ?? "") }.map {
                DashboardView.Line(label: $0.key?.name ?? "Country not given", count: $0.value.formatted)
            },
            chart: chart.svg, hasActivity: chart.days.contains { $0.actions > 0 }, days: chart.days.reversed().filter { $0.actions > 0 }.map {
                DashboardView.Line(label: $0.label, count: $0.actions.formatted)
            },
            flagged: flagged.map { report in
                DashboardView.Flagged(
                    id: String(report.id), when: DateFormatter.adminMoment.string(from: report.reportedAt),
                    what: Channel.allCases.compactMap { channel in
                        (report.counts[channel] ?? 0) > 0 ? "\(report.counts[channel]!) \(channel.label.lowercased())" : nil
                    }.joined(separator: ", "),
                    target: report.target.map { names[$0] ?? $0.rawValue } ?? "—", country: report.country?.name ?? "—",
                    reason: report.reason, review: AdminPath.review(action.id, report: report.id))
            },
            history: try await store.auditLog(limit: 20, recordID: action.id.rawValue).map {
                DashboardView.Line(label: DateFormatter.adminMoment.string(from: $0.at), count: "\($0.actor) \($0.action): \($0.summary)")
            })
        return renderer.response("admin-action", view, status: error == nil ? .ok : .unprocessableContent)
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

/// "title, deadline changed": which fields an edit touched, for the audit log.
enum ChangeSummary {
    static func of(_ before: UrgentAction, _ after: UrgentAction) -> String {
        var changed: [String] = []
        if before.title != after.title { changed.append("title") }
        if before.summary != after.summary { changed.append("summary") }
        if before.kind != after.kind || before.updates != after.updates { changed.append("kind") }
        if before.caseID != after.caseID { changed.append("case") }
        if before.issued != after.issued { changed.append("issued") }
        if before.deadline != after.deadline { changed.append("deadline") }
        if before.language != after.language { changed.append("language") }
        if before.takeAction != after.takeAction { changed.append("steps") }
        if before.asks != after.asks { changed.append("asks") }
        if before.people != after.people { changed.append("people") }
        if before.targets != after.targets { changed.append("officials") }
        if before.letters != after.letters { changed.append("letter") }
        return changed.isEmpty ? "saved without changes" : changed.joined(separator: ", ") + " changed"
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

struct DashboardView: Sendable {
    struct Links: Sendable {
        var edit: String
        var preview: String
        var publicPage: String?
        var csv: String?
        var publish: String
        var deadline: String
        var close: String
        var update: String
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
    var history: [Line]
}
