import Foundation
import Hummingbird
import OutcryCore
import OutcryStore

/// A record's words in the site's other languages: which exist, which are missing, which are older than
/// the original, and a form per language with the original's words beside each field.
struct TranslationsController: Sendable {
    let store: Store
    let auth: AdminAuth
    let renderer: PageRenderer

    private var now: Date { auth.now }

    func addRoutes(to routes: CoordinatorRoutes) {
        routes.get(.translations(.urgentAction, id: .key), .viewer, use: overview)
        routes.get(.translation(.urgentAction, id: .key, language: .key), .viewer, use: form)
        routes.post(.translation(.urgentAction, id: .key, language: .key), .editor, use: save)
        routes.post(.deleteTranslation(.urgentAction, id: .key, language: .key), .editor, use: delete)
    }

    /// One record as the translation pages need it: its words, its name, and where it is edited.
    struct Original: Sendable {
        let record: any Translatable
        let name: String
        let back: Link
        /// The name as the audit log writes it, in its one language.
        var auditName: String {
            (record as? UrgentAction).map { Messages.english("admin.translations.action", ["number": $0.number]) } ?? name
        }
    }

    /// The state of each of the site's languages for one record.
    static func states(of record: any Translatable, _ translations: [Translation]) -> [(Language, TranslationState)] {
        Language.allCases.filter { $0.rawValue != record.originalLanguage }.map { language in
            (language, record.state(of: translations.first { $0.language == language.rawValue }))
        }
    }

    @Sendable func overview(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let (kind, id) = try Self.record(context)
        let original = try await found(self.original(kind, id, context.coordinator.messages))
        let translations = try await store.translations(of: kind, id)
        let messages = context.coordinator.messages
        let heading = messages("admin.translations.heading", ["name": original.name])
        return try renderer.response(
            ListView(
                admin: AdminPage(title: heading, coordinator: context.coordinator),
                heading: heading,
                intro: messages("admin.translations.intro", ["language": messages.languageName(original.record.originalLanguage)]),
                newLink: original.back, columns: [messages("admin.translations.language"), messages("admin.translations.state")],
                rows: Self.states(of: original.record, translations).map { language, state in
                    ListView.Row(cells: [
                        .init(
                            text: "\(DraftText.capitalisingFirst(messages.languageName(language.rawValue))) (\(language.name))",
                            href: AdminRoute.translation(kind, id: id, language: language.rawValue).path),
                        .init(
                            text: messages.translationState(state), badge: state == .outdated ? messages("admin.translations.check") : nil),
                    ])
                },
                empty: messages("admin.translations.none")))
    }

    @Sendable func form(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let (kind, id, language) = try Self.translation(context)
        let original = try await found(self.original(kind, id, context.coordinator.messages))
        let existing = try await store.translations(of: kind, id).first { $0.language == language.rawValue }
        // Saving answers with a redirect here, saying so: a reload never sends the form again.
        let saved = request.uri.queryParameters["done"] == "saved" && existing != nil
        return try page(
            context.coordinator, original, kind, id, language, values: existing?.fields ?? [:], existing: existing,
            notice: saved ? context.coordinator.messages("admin.records.saved") : nil)
    }

    @Sendable func save(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let (kind, id, language) = try Self.translation(context)
        let original = try await found(self.original(kind, id, context.coordinator.messages))
        var fields: [String: [String]] = [:]
        for (name, _) in original.record.translatableFields {
            let parts: [String] =
                Self.isOneLine(name)
                ? form.text(Self.formName(name)).map { [$0] } ?? [] : form.block(Self.formName(name)).map(UrgentAction.paragraphs) ?? []
            if !parts.isEmpty { fields[name] = parts }
        }
        guard !fields.isEmpty else {
            return try page(
                context.coordinator, original, kind, id, language, values: fields, existing: nil,
                error: context.coordinator.messages("admin.translations.empty"))
        }
        let translation = Translation(
            kind: kind, recordID: id, language: language.rawValue, fields: fields, sourceFingerprint: original.record.sourceFingerprint)
        try await store.save(
            translation,
            audit: context.coordinator.audit(
                "translated", Self.noun(kind), id, "\(original.auditName) in \(Self.languageName(language.rawValue))", at: now))
        return seeOther(SiteRoute.admin(.translation(kind, id: id, language: language.rawValue)).path(query: ["done": "saved"]))
    }

    @Sendable func delete(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let (kind, id, language) = try Self.translation(context)
        let original = try await found(self.original(kind, id, context.coordinator.messages))
        _ = try await store.deleteTranslation(
            of: kind, id, in: language.rawValue,
            audit: context.coordinator.audit(
                "deleted translation", Self.noun(kind), id, "\(original.auditName) in \(Self.languageName(language.rawValue))", at: now))
        return seeOther(AdminRoute.translations(kind, id: id).path)
    }

    private func page(
        _ coordinator: Coordinator, _ original: Original, _ kind: Translation.Kind, _ id: String, _ language: Language,
        values: [String: [String]], existing: Translation?, notice: String? = nil, error: String? = nil
    ) throws -> Response {
        let messages = coordinator.messages
        let state = original.record.state(of: existing)
        let heading = messages("admin.translations.in", ["name": original.name, "language": messages.languageName(language.rawValue)])
        let originalLanguage = original.record.originalLanguage
        let fields = original.record.translatableFields.filter { !$0.parts.isEmpty }.map { name, parts in
            let value = (values[name] ?? []).joined(separator: "\n\n")
            let label = Self.label(name, messages)
            var field =
                Self.isOneLine(name)
                ? FormField.text(Self.formName(name), label, value: value)
                : FormField.area(
                    Self.formName(name), label, value: value, hint: parts.count > 1 ? messages("admin.translations.parts-hint") : nil,
                    rows: min(16, max(3, parts.count * 3)))
            field.original = parts
            field.originalLanguage = originalLanguage
            return field
        }
        var view = FormView(
            admin: AdminPage(title: heading, coordinator: coordinator, notice: notice, error: error),
            heading: heading,
            intro: messages(
                "admin.translations.form-intro",
                ["state": messages.translationState(state), "language": messages.languageName(originalLanguage)]),
            action: AdminRoute.translation(kind, id: id, language: language.rawValue).path, csrf: coordinator.session.csrf,
            fields: fields, submit: messages("admin.translations.save"),
            cancel: Link(text: messages("admin.translations.all"), href: AdminRoute.translations(kind, id: id).path))
        view.related = [original.back]
        if existing != nil {
            view.secondary = .init(
                action: AdminRoute.deleteTranslation(kind, id: id, language: language.rawValue).path,
                submit: messages("admin.translations.delete"))
        }
        return try renderer.response(view, status: error == nil ? .ok : .unprocessableContent)
    }

    private func original(_ kind: Translation.Kind, _ id: String, _ messages: Messages) async throws -> Original? {
        switch kind {
        case .urgentAction:
            return try await store.urgentAction(Identifier(id)).map {
                let number: KeyValuePairs<String, String> = ["number": $0.number]
                return Original(
                    record: $0, name: messages("admin.translations.action", number),
                    back: Link(text: messages("admin.translations.back-action", number), href: AdminRoute.action($0.id).path))
            }
        case .case:
            return try await store.case(Identifier(id)).map {
                Original(
                    record: $0, name: $0.title,
                    back: Link(text: messages("admin.translations.back-case"), href: AdminRoute.record(.cases, id: id).path))
            }
        case .person:
            return try await store.person(Identifier(id)).map {
                Original(
                    record: $0, name: $0.name,
                    back: Link(
                        text: messages("admin.translations.back-person", ["name": $0.name]), href: AdminRoute.record(.people, id: id).path))
            }
        case .statement:
            return try await store.statement(Identifier(id)).map {
                Original(
                    record: $0, name: $0.title,
                    back: Link(text: messages("admin.translations.back-statement"), href: AdminRoute.record(.statements, id: id).path))
            }
        }
    }

    private static func record(_ context: CoordinatorContext) throws -> (Translation.Kind, String) {
        guard let kind = context.parameters.get("kind").flatMap(Translation.Kind.init(rawValue:)),
            let id = context.parameters.get("id"), Slug.isValid(id)
        else { throw HTTPError(.notFound) }
        return (kind, id)
    }

    /// Only the site's own languages: a page exists in each of them to show the translation.
    private static func translation(_ context: CoordinatorContext) throws -> (Translation.Kind, String, Language) {
        let (kind, id) = try record(context)
        guard let language = context.parameters.get("language").flatMap(Language.init(rawValue:)) else { throw HTTPError(.notFound) }
        return (kind, id, language)
    }

    static func noun(_ kind: Translation.Kind) -> String {
        switch kind {
        case .urgentAction: "urgent action"
        case .case: "case"
        case .person: "person"
        case .statement: "statement"
        }
    }

    /// A language's English name, for the audit log, which keeps one language.
    static func languageName(_ code: String) -> String { Messages.english.languageName(code) }

    private static func formName(_ field: String) -> String { "t-" + field.replacingOccurrences(of: ".", with: "-") }

    private static func isOneLine(_ field: String) -> Bool {
        ["title", "letter.salutation", "letter.closing", "role"].contains(field) || field.hasSuffix(".role")
    }

    /// What an editor calls each field.
    static func label(_ field: String, _ messages: Messages) -> String {
        if field.hasPrefix("quote."), field.hasSuffix(".role") {
            return messages("admin.translations.field-quote-role", ["number": String(field.dropFirst(6).dropLast(5))])
        }
        if field.hasPrefix("quote.") { return messages("admin.translations.field-quote", ["number": String(field.dropFirst(6))]) }
        let key = "admin.translations.field-" + field.replacingOccurrences(of: ".", with: "-")
        return messages.has(key) ? messages(key) : field
    }
}
