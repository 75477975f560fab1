import Foundation
import Hummingbird
import OutcryCore
import OutcryStore

/// One kind of record the coordinator area lists and edits through a form: cases, targets, people,
/// organisations, status changes and statements all follow the same five routes.
struct EditableRecord<Value: Sendable>: Sendable {
    /// "case", "target"… in the audit log, which keeps one language.
    let noun: String
    /// Which of the record routes: the list, where a new record is posted, each record's page. Its words
    /// are the catalog's `admin.records.KIND.…` messages.
    let kind: AdminRoute.RecordKind
    let table: StoredRecord
    /// The list's columns, as `admin.column.…` messages.
    let columns: [String]
    let blank: @Sendable () -> Value
    let id: @Sendable (Value) -> String
    let name: @Sendable (Value) -> String
    let withID: @Sendable (Value, String) -> Value
    let all: @Sendable () async throws -> [Value]
    let one: @Sendable (String) async throws -> Value?
    let cells: @Sendable (Value, Messages) -> [ListView.Cell]
    /// The list's order and cells after `cells`, from what the list reads once for every row (how often each
    /// official replied); nil keeps `all`'s order and adds nothing.
    var listing: (@Sendable ([Value], Messages) async throws -> [(Value, [ListView.Cell])])? = nil
    let fields: @Sendable (Value, FormErrors, Messages) async throws -> [FormField]
    let read: @Sendable (FormBody, Value, Messages) async throws -> (Value, FormErrors)
    let save: @Sendable (Value, AuditEntry) async throws -> Void
    /// Set for the records whose words can be translated: their page links to their translations.
    var translationKind: Translation.Kind? = nil
    /// Other pages of a record's own (a person's portrait), linked under its form.
    var related: (@Sendable (Value, Messages) async throws -> [Link])? = nil
    /// A second form under a record's own, for editors (a group's "make a new link").
    var secondary: (@Sendable (Value, Messages) -> FormView.SecondaryForm)? = nil

    var listPath: String { AdminRoute.records(kind).path }
    var newPath: String { AdminRoute.newRecord(kind).path }
    func path(_ id: String) -> String { AdminRoute.record(kind, id: id).path }

    /// The record's page, saying what was just done (`created`, `saved`).
    func path(_ id: String, done: String) -> String { SiteRoute.admin(.record(kind, id: id)).path(query: ["done": done]) }

    /// The kind's own words ("New case", "Back to cases"): each language words each kind its own way.
    func words(_ name: String, _ messages: Messages) -> String { messages("admin.records.\(kind.rawValue).\(name)") }
}

/// The list, the blank form, creating, showing and saving one record of a kind.
struct RecordsController<Value: Sendable>: Sendable {
    let record: EditableRecord<Value>
    let auth: AdminAuth
    let renderer: PageRenderer

    private var now: Date { auth.now }

    func addRoutes(to routes: CoordinatorRoutes) {
        routes.get(.records(record.kind), .viewer, use: list)
        routes.get(.newRecord(record.kind), .editor, use: blank)
        routes.post(.records(record.kind), .editor, use: create)
        routes.get(.record(record.kind, id: .key), .viewer, use: show)
        routes.post(.record(record.kind, id: .key), .editor, use: save)
    }

    @Sendable func list(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let coordinator = context.coordinator
        let messages = coordinator.messages
        let values = try await record.all()
        let listed = try await record.listing?(values, messages) ?? values.map { ($0, []) }
        let heading = record.words("heading", messages)
        return try renderer.response(
            ListView(
                admin: AdminPage(title: heading, coordinator: coordinator, current: record.listPath),
                heading: heading, intro: record.words("intro", messages),
                newLink: coordinator.account.role >= .editor ? Link(text: record.words("new", messages), href: record.newPath) : nil,
                columns: record.columns.map { messages("admin.column." + $0) },
                rows: listed.map { value, extra in
                    var cells = record.cells(value, messages) + extra
                    cells[0].href = record.path(record.id(value))
                    return ListView.Row(cells: cells)
                },
                empty: messages("admin.records.none")))
    }

    @Sendable func blank(_ request: Request, context: CoordinatorContext) async throws -> Response {
        try await page(context.coordinator, record.blank(), isNew: true, errors: FormErrors(context.coordinator.messages))
    }

    @Sendable func create(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let (value, errors) = try await record.read(form, record.blank(), context.coordinator.messages)
        guard errors.isEmpty else { return try await page(context.coordinator, value, isNew: true, errors: errors) }
        let table = record.table
        let id = try await newSlug(from: record.name(value)) { try await auth.store.exists($0, in: table) }
        let saved = record.withID(value, id)
        try await record.save(saved, context.coordinator.audit("created", record.noun, id, record.name(saved), at: now))
        return seeOther(record.path(id, done: "created"))
    }

    /// The record's form, saying what the last one sent did: saving answers with a redirect here, so a reload
    /// never sends the form again.
    @Sendable func show(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let coordinator = context.coordinator
        let notice: String? =
            switch request.uri.queryParameters["done"] {
            case "created": coordinator.messages("admin.records.created")
            case "saved": coordinator.messages("admin.records.saved")
            case "portrait": coordinator.messages("admin.portrait.saved")
            case "removed": coordinator.messages("admin.portrait.removed")
            case "picture": coordinator.messages("admin.case-picture.saved")
            case "nopicture": coordinator.messages("admin.case-picture.removed")
            case "scan": coordinator.messages("admin.reply-scan.saved")
            case "noscan": coordinator.messages("admin.reply-scan.removed")
            case "newlink": coordinator.messages("admin.group.new-link-done")
            default: nil
            }
        return try await page(
            coordinator, try await found(record.one(try slug(context))), isNew: false, errors: FormErrors(coordinator.messages),
            notice: notice)
    }

    @Sendable func save(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let coordinator = context.coordinator
        let existing = try await found(record.one(try slug(context)))
        let (value, errors) = try await record.read(form, existing, coordinator.messages)
        guard errors.isEmpty else { return try await page(coordinator, value, isNew: false, errors: errors) }
        try await record.save(value, coordinator.audit("edited", record.noun, record.id(value), record.name(value), at: now))
        return seeOther(record.path(record.id(value), done: "saved"))
    }

    private func page(
        _ coordinator: Coordinator, _ value: Value, isNew: Bool, errors: FormErrors, notice: String? = nil
    ) async throws -> Response {
        let messages = coordinator.messages
        let title = isNew ? record.words("new", messages) : record.name(value)
        var view = FormView(
            admin: AdminPage(title: title, coordinator: coordinator, current: record.listPath, notice: notice),
            heading: title,
            intro: coordinator.account.role >= .editor ? nil : record.words("read-only", messages),
            action: isNew ? record.listPath : record.path(record.id(value)), csrf: coordinator.session.csrf,
            fields: try await record.fields(value, errors, messages),
            submit: isNew ? record.words("create", messages) : messages("admin.form.save-changes"),
            cancel: Link(text: record.words("back", messages), href: record.listPath))
        if !isNew, let kind = record.translationKind {
            view.related = [
                Link(text: record.words("translations", messages), href: AdminRoute.translations(kind, id: record.id(value)).path)
            ]
        }
        if !isNew, let related = record.related { view.related += try await related(value, messages) }
        if !isNew, coordinator.account.role >= .editor, let secondary = record.secondary { view.secondary = secondary(value, messages) }
        return try renderer.response(view, status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
