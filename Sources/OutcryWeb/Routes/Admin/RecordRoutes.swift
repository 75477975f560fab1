import Foundation
import Hummingbird
import OutcryCore
import OutcryStore

/// One kind of record the coordinator area lists and edits through a form: cases, targets, people,
/// organisations, status changes and statements all follow the same five routes.
struct EditableRecord<Value: Sendable>: Sendable {
    /// "case", "target"… in the audit log and the pages' wording.
    let noun: String
    let heading: String
    let intro: String?
    /// `/admin/cases`: the list, and where a new record is posted.
    let root: String
    let table: StoredRecord
    let columns: [String]
    let blank: @Sendable () -> Value
    let id: @Sendable (Value) -> String
    let name: @Sendable (Value) -> String
    let withID: @Sendable (Value, String) -> Value
    let all: @Sendable () async throws -> [Value]
    let one: @Sendable (String) async throws -> Value?
    let cells: @Sendable (Value) -> [ListView.Cell]
    let fields: @Sendable (Value, FormErrors) async throws -> [FormField]
    let read: @Sendable (FormBody, Value) async throws -> (Value, FormErrors)
    let save: @Sendable (Value, AuditEntry) async throws -> Void

    var newPath: String { root + "/new" }
    func path(_ id: String) -> String { root + "/" + id }
}

/// The list, the blank form, creating, showing and saving one record of a kind.
struct RecordRoutes<Value: Sendable>: Sendable {
    let record: EditableRecord<Value>
    let auth: AdminAuth
    let renderer: PageRenderer

    private var now: Date { auth.now }

    func add(to router: Router<OutcryRequestContext>) {
        router.get(RouterPath(record.root)) { request, _ in
            let coordinator = try await auth.require(.viewer, request)
            let values = try await record.all()
            return renderer.response("admin-list", ListView(
                admin: AdminPage(title: record.heading, coordinator: coordinator, current: record.root),
                heading: record.heading, intro: record.intro,
                newLink: coordinator.account.role >= .editor ? Link(text: "New \(record.noun)", href: record.newPath) : nil,
                columns: record.columns,
                rows: values.map { value in
                    var cells = record.cells(value)
                    cells[0].href = record.path(record.id(value))
                    return ListView.Row(cells: cells)
                },
                empty: "None yet."))
        }
        router.get(RouterPath(record.newPath)) { request, _ in
            let coordinator = try await auth.require(.editor, request)
            return try await page(coordinator, record.blank(), isNew: true, errors: FormErrors())
        }
        router.post(RouterPath(record.root)) { request, _ in
            let (coordinator, body) = try await auth.form(.editor, request)
            let (value, errors) = try await record.read(body, record.blank())
            guard errors.isEmpty else { return try await page(coordinator, value, isNew: true, errors: errors) }
            let table = record.table
            let id = try await newSlug(from: record.name(value)) { try await auth.store.exists($0, in: table) }
            let saved = record.withID(value, id)
            try await record.save(saved, coordinator.audit("created", record.noun, id, record.name(saved), at: now))
            return seeOther(record.path(id))
        }
        router.get(RouterPath(record.root + "/:id")) { request, context in
            let coordinator = try await auth.require(.viewer, request)
            return try await page(coordinator, try await found(record.one(try slug(context))), isNew: false, errors: FormErrors())
        }
        router.post(RouterPath(record.root + "/:id")) { request, context in
            let (coordinator, body) = try await auth.form(.editor, request)
            let existing = try await found(record.one(try slug(context)))
            let (value, errors) = try await record.read(body, existing)
            guard errors.isEmpty else { return try await page(coordinator, value, isNew: false, errors: errors) }
            try await record.save(value, coordinator.audit("edited", record.noun, record.id(value), record.name(value), at: now))
            return try await page(coordinator, value, isNew: false, errors: FormErrors(), notice: "Saved.")
        }
    }

    private func page(_ coordinator: Coordinator, _ value: Value, isNew: Bool, errors: FormErrors, notice: String? = nil) async throws -> Response {
        let title = isNew ? "New \(record.noun)" : record.name(value)
        return renderer.response("admin-form", FormView(
            admin: AdminPage(title: title, coordinator: coordinator, current: record.root, notice: notice),
            heading: title,
            intro: coordinator.account.role >= .editor ? nil : "Your account can read this \(record.noun) but not change it.",
            action: isNew ? record.root : record.path(record.id(value)), csrf: coordinator.session.csrf,
            fields: try await record.fields(value, errors), submit: isNew ? "Create \(record.noun)" : "Save changes",
            cancel: Link(text: "Back to \(record.heading.lowercased())", href: record.root)),
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
