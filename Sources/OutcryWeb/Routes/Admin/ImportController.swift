import Foundation
import Hummingbird
import OutcryCore
import OutcryStore

/// Pasting a published Urgent Action or statement, or choosing its file (a saved web page, a PDF, a text):
/// the importer reads it into a draft, and the editor reviews it in the usual form, pre-filled, with what
/// the text did not give marked.
struct ImportController: Sendable {
    let auth: AdminAuth
    let renderer: PageRenderer

    private var store: Store { auth.store }
    private var now: Date { auth.now }

    func addRoutes(to routes: CoordinatorRoutes) {
        routes.get(.imports, .editor, use: pasteForm)
        routes.post(.imports, .editor, uploadLimit: DocumentImporter.maximumFileBytes + 64 * 1024, use: read)
        routes.get(.importDraft(.key), .editor, use: reviewDraft)
        routes.post(.importDraft(.key), .editor, use: work)
    }

    @Sendable func pasteForm(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let coordinator = context.coordinator
        return try await pastePage(coordinator, text: "", error: nil)
    }

    @Sendable func read(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        var text = form["text"] ?? ""
        var sourceName = form.text("name")
        // A file chosen is read instead of the box: a saved web page reduced to its text, a PDF through pdftotext.
        if let file = form.files["file"], !file.bytes.isEmpty {
            do {
                text = try await DocumentImporter.text(of: file.bytes, name: file.filename)
            } catch {
                return try await pastePage(
                    coordinator, text: form["text"] ?? "", error: coordinator.messages.importError(error), onFile: true)
            }
            sourceName = sourceName ?? (file.filename.isEmpty ? nil : file.filename)
        }
        let document: ImportedDocument
        do {
            document = try DocumentImporter(today: HistoricalDate(day: now)).read(text: text)
        } catch {
            return try await pastePage(coordinator, text: text, error: coordinator.messages.importError(error))
        }
        let draft = ImportDraft(
            sourceName: sourceName ?? "pasted by \(coordinator.email)", sourceText: text, document: document, importedAt: now)
        try await store.save(draft)
        try await store.record(coordinator.audit("imported", "import draft", draft.id, document.headline, at: now))
        return seeOther(AdminRoute.importDraft(draft.id).path)
    }

    @Sendable func reviewDraft(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let coordinator = context.coordinator
        let notice = request.uri.queryParameters["done"].flatMap { Step(rawValue: String($0))?.notice(coordinator.messages) }
        return try await review(coordinator, try await draft(context), notice: notice)
    }

    /// What the review form's buttons do besides saving: each makes records the text names, in place.
    enum Step: String {
        case `case`, people, officials

        func notice(_ messages: Messages) -> String {
            messages("admin.import.done-" + rawValue)
        }
    }

    /// The review form sent: kept with the draft first, whatever happens next; then a helper step that
    /// creates what the text names and comes back here, or the save.
    @Sendable func work(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        let draft = try await draft(context)
        guard let imported = draft.document.action else { return try await review(coordinator, draft) }
        var work = form.fields.filter { $0.key != "csrf" && $0.key != "step" }
        switch form["step"].flatMap(Step.init(rawValue:)) {
        case .case?:
            guard let country = imported.country.value else {
                try await store.saveWork(work, ofImportDraft: draft.id)
                var kept = draft
                kept.work = work
                return try await review(coordinator, kept, error: coordinator.messages("admin.import.case-needs-country"))
            }
            work["case"] = [try await createCase(from: imported, country: country, by: coordinator).rawValue]
        case .people?:
            let ids = try await createPeople(imported.people.value ?? [], by: coordinator)
            work["person"] = (work["person"] ?? []) + ids.map(\.rawValue).filter { !(work["person"] ?? []).contains($0) }
        case .officials?:
            for (id, role) in try await createOfficials(imported.targets.value ?? [], by: coordinator) {
                work["target-\(id.rawValue)"] = [role.rawValue]
            }
        case nil:
            try await store.saveWork(work, ofImportDraft: draft.id)
            var kept = draft
            kept.work = work
            return try await save(FormBody(lists: work), draft: kept, coordinator: coordinator)
        }
        try await store.saveWork(work, ofImportDraft: draft.id)
        return seeOther(SiteRoute.admin(.importDraft(draft.id)).path(query: ["done": form["step"]]))
    }

    /// The action as the review form gives it, saved as a draft; or the review again with the problems.
    private func save(_ form: FormBody, draft: ImportDraft, coordinator: Coordinator) async throws -> Response {
        let actionForm = try await actionForm(coordinator.messages)
        let (action, errors) = actionForm.read(
            form, base: UrgentAction(id: "", number: "", caseID: "", title: "", summary: "", issued: HistoricalDate(day: now)), isNew: true)
        guard errors.isEmpty else { return try await review(coordinator, draft, errors: errors) }
        try await store.save(
            action, audit: coordinator.audit("created", "urgent action", action.id.rawValue, "from an imported text", at: now))
        return UrgentActionsController.Done.created.redirect(to: action.id)
    }

    /// A case for the people of the text, in the country it names, with its summary; the one made before
    /// from the same text when the button is pressed again.
    private func createCase(
        from imported: ImportedUrgentAction, country: Country, by coordinator: Coordinator
    ) async throws -> Identifier<Case> {
        let people = imported.people.value ?? []
        let title =
            people.isEmpty
            ? (imported.title.value ?? coordinator.messages("action.number", ["number": imported.number.value ?? "—"]))
            : coordinator.messages.list(Array(people.prefix(4)))
        if let made = try await store.allCases().first(where: {
            $0.country == country && $0.title.caseInsensitiveCompare(title) == .orderedSame
        }) {
            return made.id
        }
        let id = Identifier<Case>(try await newSlug(from: title) { try await store.exists($0, in: .cases) })
        let item = Case(id: id, title: title, country: country, summary: (imported.summary.value ?? []).joined(separator: "\n\n"))
        try await store.save(item, audit: coordinator.audit("created", "case", id.rawValue, "\(title), from an imported text", at: now))
        return id
    }

    /// The people the text names, each recorded once: those already recorded (by any spelling) are found, not copied.
    private func createPeople(_ names: [String], by coordinator: Coordinator) async throws -> [Identifier<Person>] {
        var known = try await store.allPeople()
        var ids: [Identifier<Person>] = []
        for name in names {
            if let person = known.first(where: { $0.allNames.contains { $0.caseInsensitiveCompare(name) == .orderedSame } }) {
                ids.append(person.id)
                continue
            }
            let id = Identifier<Person>(try await newSlug(from: name) { try await store.exists($0, in: .people) })
            let person = Person(id: id, name: name)
            try await store.save(
                person, audit: coordinator.audit("created", "person", id.rawValue, "\(name), from an imported text", at: now))
            known.append(person)
            ids.append(id)
        }
        return ids
    }

    /// The officials the text names, with their roles: those already recorded are found, the others created
    /// from their contact blocks.
    private func createOfficials(
        _ officials: [ImportedTarget], by coordinator: Coordinator
    ) async throws -> [(Identifier<Target>, UrgentActionTarget.Role)] {
        var existing = try await store.allTargets()
        var chosen: [(Identifier<Target>, UrgentActionTarget.Role)] = []
        for official in officials {
            if let target = Self.match(official, in: existing) {
                chosen.append((target.id, official.role))
                continue
            }
            guard let name = official.name.value else { continue }
            var target = Target(id: "", name: name)
            official.fill(&target)
            target.id = Identifier(try await newSlug(from: name) { try await store.exists($0, in: .targets) })
            try await store.save(
                target,
                audit: coordinator.audit("created", "target", target.id.rawValue, "\(target.fullName), from an imported text", at: now))
            existing.append(target)
            chosen.append((target.id, official.role))
        }
        return chosen
    }

    private func actionForm(_ messages: Messages) async throws -> ActionForm {
        ActionForm(
            cases: try await store.allCases(), people: try await store.allPeople(), targets: try await store.allTargets(),
            actions: try await store.allUrgentActions(), messages: messages, today: HistoricalDate(day: now))
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

    /// The form, with `error` beside the box or, `onFile`, beside the file.
    private func pastePage(_ coordinator: Coordinator, text: String, error: String?, onFile: Bool = false) async throws -> Response {
        let messages = coordinator.messages
        let drafts = try await store.importDrafts()
        var field = FormField.area("text", messages("admin.import.text"), value: text, hint: messages("admin.import.text-hint"), rows: 16)
        var file = FormField.text("file", messages("admin.import.file"), value: nil, hint: messages("admin.import.file-hint"), type: "file")
        file.accept = ".txt,.html,.htm,.pdf,text/plain,text/html,application/pdf"
        if onFile { file.error = error } else { field.error = error }
        var view = ImportView(
            form: FormView(
                admin: AdminPage(title: messages("admin.nav.import"), coordinator: coordinator, current: AdminRoute.imports.path),
                heading: messages("admin.import.heading"), intro: messages("admin.import.intro"),
                action: AdminRoute.imports.path, csrf: coordinator.session.csrf,
                fields: [
                    field, file, .text("name", messages("admin.import.source"), value: nil, hint: messages("admin.import.source-hint")),
                ],
                submit: messages("admin.import.read")),
            drafts: drafts.map { draft in
                ListView.Row(cells: [
                    .init(text: draft.document.headline, href: AdminRoute.importDraft(draft.id).path), .init(text: draft.sourceName),
                    .init(text: messages.moment(draft.importedAt)),
                ])
            })
        view.form.enctype = "multipart/form-data"
        return try renderer.response(view, status: error == nil ? .ok : .unprocessableContent)
    }

    /// The review: the action form filled from the text, or from the editor's work when they sent it before;
    /// what the text names, and buttons that create what is missing in place.
    private func review(
        _ coordinator: Coordinator, _ draft: ImportDraft, notice: String? = nil, error: String? = nil, errors: FormErrors? = nil
    ) async throws -> Response {
        let messages = coordinator.messages
        let admin = AdminPage(
            title: messages("admin.import.review"), coordinator: coordinator, current: AdminRoute.imports.path, notice: notice,
            error: error)
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
        let form = try await actionForm(messages)
        let officials = imported.targets.value ?? []
        let matched = officials.compactMap { official in
            Self.match(official, in: form.targets).map { UrgentActionTarget(target: $0.id, role: official.role) }
        }
        // Never an unrelated case: one in the country the text names, else none until the editor chooses or creates one.
        let caseID = form.cases.first { $0.country == imported.country.value }?.id ?? ""
        var action = imported.draft(caseID: caseID, targets: matched, today: today)
        if draft.document.kind.value == .update || draft.document.kind.value == .closing {
            action.kind = draft.document.kind.value == .update ? .update : .closing
            let earlier = imported.updates.value.map { Identifier<UrgentAction>(UrgentAction.slug(forNumber: $0)) }
            action.updates = form.actions.first { $0.id == earlier }?.id
        }
        var fields: [FormField]
        if let work = draft.work {
            // As the editor left it: the choices read back, and every typed value exactly as typed.
            let (typed, _) = form.read(FormBody(lists: work), base: action, isNew: true)
            fields = form.fields(typed, isNew: true, errors: errors).map { field in
                var field = field
                if field.options.isEmpty, field.checkboxes.isEmpty, let value = work[field.name]?.first { field.value = value }
                return field
            }
        } else {
            var missing: Set<String> = []
            if !imported.number.isFound { missing.insert("number") }
            if !imported.title.isFound { missing.insert("title") }
            if !imported.summary.isFound { missing.insert("summary") }
            if !imported.issued.isFound { missing.insert("issued") }
            if !imported.deadline.isFound { missing.insert("deadline") }
            if !imported.asks.isFound { missing.insert("asks") }
            if action.letters.isEmpty { missing.formUnion(["salutation", "letter"]) }
            fields = form.fields(action, isNew: true).marking(missing)
        }
        var view = FormView(
            admin: admin, heading: heading, intro: messages("admin.import.review-action", source),
            action: AdminRoute.importDraft(draft.id).path, csrf: coordinator.session.csrf, fields: fields,
            submit: messages("admin.form.save-draft"))
        view.helpers = helpers(imported, form: form, messages: messages, notes: draft.document.notes)
        return try renderer.response(view, status: errors == nil && error == nil ? .ok : .unprocessableContent)
    }

    /// What the text names, each said to be recorded or not, with a button for each kind that is missing.
    private func helpers(_ imported: ImportedUrgentAction, form: ActionForm, messages: Messages, notes: [String]) -> FormView.Helpers {
        var lines: [String] = []
        var buttons: [FormView.Button] = []
        let language = messages.language.rawValue
        if let country = imported.country.value {
            let cases = form.cases.filter { $0.country == country }
            lines.append(
                messages(
                    cases.isEmpty ? "admin.import.country-no-case" : "admin.import.country-found",
                    ["country": country.name(in: language)]))
            buttons.append(.init(name: "step", value: Step.case.rawValue, label: messages("admin.import.create-case")))
        } else {
            lines.append(messages("admin.import.no-country"))
        }
        let people = imported.people.value ?? []
        let newPeople = people.filter { name in
            !form.people.contains { $0.allNames.contains { $0.caseInsensitiveCompare(name) == .orderedSame } }
        }
        if !people.isEmpty {
            lines.append(messages("admin.import.people-found", ["names": messages.list(people)]))
            buttons.append(
                .init(
                    name: "step", value: Step.people.rawValue,
                    label: messages(newPeople.isEmpty ? "admin.import.tick-people" : "admin.import.add-people")))
        } else {
            lines.append(messages("admin.import.no-people"))
        }
        let officials = imported.targets.value ?? []
        for official in officials {
            let name = [official.honorific.value, official.name.value ?? messages("admin.import.no-name")].compactMap { $0 }.joined(
                separator: " ")
            let role = messages(official.role == .copy ? "admin.import.role-copy" : "admin.import.role-primary")
            let status =
                Self.match(official, in: form.targets).map { messages("admin.import.already-target", ["name": $0.fullName]) }
                ?? messages("admin.import.not-yet-target")
            lines.append("\(name) (\(role)): \(status)")
        }
        if officials.isEmpty { lines.append(messages("admin.import.no-officials")) }
        if officials.contains(where: \.name.isFound) {
            buttons.append(.init(name: "step", value: Step.officials.rawValue, label: messages("admin.import.add-targets")))
        }
        return FormView.Helpers(
            heading: messages("admin.import.found-heading"), lines: lines, buttons: buttons, notes: notes,
            notesHeading: messages("admin.import.notes"))
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
