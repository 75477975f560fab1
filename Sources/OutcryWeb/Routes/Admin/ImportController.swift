import Foundation
import Hummingbird
import OutcryCore
import OutcryStore

/// Pasting a published Urgent Action or statement: the importer reads it into a draft, and the editor
/// reviews it in the usual form, pre-filled, with what the text did not give marked.
struct ImportController: Sendable {
    let auth: AdminAuth
    let renderer: PageRenderer

    private var store: Store { auth.store }
    private var now: Date { auth.now }

    func addRoutes(to routes: CoordinatorRoutes) {
        routes.get(.imports, .editor, use: pasteForm)
        routes.post(.imports, .editor, use: read)
        routes.get(.importDraft(.key), .editor, use: reviewDraft)
        routes.post(.importTargets(.key), .editor, use: addTargets)
    }

    @Sendable func pasteForm(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let coordinator = context.coordinator
        return try await pastePage(coordinator, text: "", error: nil)
    }

    @Sendable func read(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        let text = form["text"] ?? ""
        let document: ImportedDocument
        do {
            document = try DocumentImporter(today: HistoricalDate(day: now)).read(text: text)
        } catch {
            return try await pastePage(coordinator, text: text, error: coordinator.messages.importError(error))
        }
        let draft = ImportDraft(
            sourceName: form.text("name") ?? "pasted by \(coordinator.email)", sourceText: text, document: document, importedAt: now)
        try await store.save(draft)
        try await store.record(coordinator.audit("imported", "import draft", draft.id, document.headline, at: now))
        return seeOther(AdminRoute.importDraft(draft.id).path)
    }

    @Sendable func reviewDraft(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let coordinator = context.coordinator
        return try await review(coordinator, try await draft(context))
    }

    @Sendable func addTargets(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        let draft = try await draft(context)
        let existing = try await store.allTargets()
        var added: [String] = []
        for official in draft.document.action?.targets.value ?? [] where Self.match(official, in: existing) == nil {
            guard let name = official.name.value else { continue }
            var target = Target(id: "", name: name)
            official.fill(&target)
            target.id = Identifier(try await newSlug(from: name) { try await store.exists($0, in: .targets) })
            try await store.save(
                target,
                audit: coordinator.audit("created", "target", target.id.rawValue, "\(target.fullName), from an imported text", at: now))
            added.append(target.fullName)
        }
        let messages = coordinator.messages
        return try await review(
            coordinator, draft,
            notice: added.isEmpty
                ? messages("admin.import.all-targets") : messages("admin.import.targets-added", ["names": added.joined(separator: "; ")]))
    }

    private func draft(_ context: some RequestContext) async throws -> ImportDraft {
        guard let id = context.parameters.get("draft"), id.count <= 40, id.allSatisfy(\.isHexDigit) else { throw HTTPError(.notFound) }
        return try await found(store.importDraft(id))
    }

    /// The target an official in the text already is, matched on the name as written.
    static func match(_ official: ImportedTarget, in targets: [Target]) -> Target? {
        guard let name = official.name.value?.lowercased() else { return nil }
        return targets.first { $0.name.lowercased() == name }
    }

    private func pastePage(_ coordinator: Coordinator, text: String, error: String?) async throws -> Response {
        let messages = coordinator.messages
        let drafts = try await store.importDrafts()
        var field = FormField.area(
            "text", messages("admin.import.text"), value: text, hint: messages("admin.import.text-hint"), rows: 16, required: true)
        field.error = error
        let view = ImportView(
            form: FormView(
                admin: AdminPage(title: messages("admin.nav.import"), coordinator: coordinator, current: AdminRoute.imports.path),
                heading: messages("admin.import.heading"), intro: messages("admin.import.intro"),
                action: AdminRoute.imports.path, csrf: coordinator.session.csrf,
                fields: [field, .text("name", messages("admin.import.source"), value: nil, hint: messages("admin.import.source-hint"))],
                submit: messages("admin.import.read")),
            drafts: drafts.map { draft in
                ListView.Row(cells: [
                    .init(text: draft.document.headline, href: AdminRoute.importDraft(draft.id).path), .init(text: draft.sourceName),
                    .init(text: messages.moment(draft.importedAt)),
                ])
            })
        return try renderer.response(view, status: error == nil ? .ok : .unprocessableContent)
    }

    private func review(_ coordinator: Coordinator, _ draft: ImportDraft, notice: String? = nil) async throws -> Response {
        let messages = coordinator.messages
        let admin = AdminPage(
            title: messages("admin.import.review"), coordinator: coordinator, current: AdminRoute.imports.path, notice: notice)
        let today = HistoricalDate(day: now)
        let heading = messages("admin.import.review-heading", ["headline": draft.document.headline])
        let source: KeyValuePairs<String, String> = ["source": draft.sourceName]
        if let statement = draft.document.statement {
            let form = StatementForm(
                cases: try await store.allCases(), people: try await store.allPeople(), organisations: try await store.allOrganisations(),
                messages: messages)
            var missing: Set<String> = []
            if !statement.title.isFound { missing.insert("title") }
            if !statement.date.isFound { missing.insert("published") }
            if !statement.lead.isFound { missing.insert("lead") }
            if !statement.quotes.isFound { missing.insert("quote-0") }
            return try renderer.response(
                FormView(
                    admin: admin, heading: heading, intro: messages("admin.import.review-statement", source),
                    action: AdminRoute.records(.statements).path, csrf: coordinator.session.csrf,
                    fields: form.fields(statement.draft(today: today), errors: form.noErrors()).marking(missing),
                    submit: messages("admin.import.save-statement")))
        }
        guard let imported = draft.document.action else {
            return try await pastePage(coordinator, text: draft.sourceText, error: messages("admin.import.unreadable"))
        }
        let form = ActionForm(
            cases: try await store.allCases(), people: try await store.allPeople(), targets: try await store.allTargets(),
            actions: try await store.allUrgentActions(), messages: messages, today: HistoricalDate(day: now))
        let officials = imported.targets.value ?? []
        let matched = officials.compactMap { official in
            Self.match(official, in: form.targets).map { UrgentActionTarget(target: $0.id, role: official.role) }
        }
        let caseID = form.cases.first { $0.country == imported.country.value }?.id ?? form.cases.first?.id ?? ""
        var action = imported.draft(caseID: caseID, targets: matched, today: today)
        if draft.document.kind.value == .update || draft.document.kind.value == .closing {
            action.kind = draft.document.kind.value == .update ? .update : .closing
            let earlier = imported.updates.value.map { Identifier<UrgentAction>(UrgentAction.slug(forNumber: $0)) }
            action.updates = form.actions.first { $0.id == earlier }?.id
        }
        var missing: Set<String> = []
        if !imported.number.isFound { missing.insert("number") }
        if !imported.title.isFound { missing.insert("title") }
        if !imported.summary.isFound { missing.insert("summary") }
        if !imported.issued.isFound { missing.insert("issued") }
        if !imported.deadline.isFound { missing.insert("deadline") }
        if !imported.asks.isFound { missing.insert("asks") }
        if action.letters.isEmpty { missing.formUnion(["salutation", "letter"]) }
        let view = ImportReviewView(
            form: FormView(
                admin: admin, heading: heading, intro: messages("admin.import.review-action", source),
                action: AdminRoute.actions.path, csrf: coordinator.session.csrf,
                fields: form.fields(action, isNew: true).marking(missing), submit: messages("admin.form.save-draft")),
            officials: officials.map { official in
                let target = Self.match(official, in: form.targets)
                return ImportReviewView.Official(
                    name: [official.honorific.value, official.name.value ?? messages("admin.import.no-name")].compactMap { $0 }
                        .joined(separator: " "),
                    role: messages(official.role == .copy ? "admin.import.role-copy" : "admin.import.role-primary"),
                    status: target.map { messages("admin.import.already-target", ["name": $0.fullName]) }
                        ?? messages("admin.import.not-yet-target"))
            },
            addTargets: officials.contains { Self.match($0, in: form.targets) == nil && $0.name.isFound }
                ? AdminRoute.importTargets(draft.id).path : nil,
            notes: draft.document.notes)
        return try renderer.response(view)
    }
}

extension [FormField] {
    /// Marks the fields the text did not give, so the editor sees at once what to fill in.
    func marking(_ missing: Set<String>) -> [FormField] {
        map { field in
            var field = field
            field.missing = missing.contains(field.name)
            return field
        }
    }
}
