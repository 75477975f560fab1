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
    }

    /// The state of each of the site's languages for one record.
    static func states(of record: any Translatable, _ translations: [Translation]) -> [(Language, TranslationState)] {
        Language.allCases.filter { $0.rawValue != record.originalLanguage }.map { language in
            (language, record.state(of: translations.first { $0.language == language.rawValue }))
        }
    }

    static func label(_ state: TranslationState) -> String {
        switch state {
        case .missing: "Not translated"
        case .current: "Up to date"
        case .outdated: "Older than the original: the original has changed since"
        }
    }

    @Sendable func overview(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let (kind, id) = try Self.record(context)
        let original = try await found(self.original(kind, id))
        let translations = try await store.translations(of: kind, id)
        let heading = "Translations of \(original.name)"
        return try renderer.response(
            ListView(
                admin: AdminPage(title: heading, coordinator: context.coordinator),
                heading: heading,
                intro: "Written in \(Self.languageName(original.record.originalLanguage)). Supporters reading the site in a language "
                    + "with no translation see the original. A translation older than the original still shows: check what changed.",
                newLink: original.back, columns: ["Language", "Where it stands"],
                rows: Self.states(of: original.record, translations).map { language, state in
                    ListView.Row(cells: [
                        .init(
                            text: "\(Self.languageName(language.rawValue)) (\(language.name))",
                            href: AdminRoute.translation(kind, id: id, language: language.rawValue).path),
                        .init(text: Self.label(state), badge: state == .outdated ? "check" : nil),
                    ])
                },
                empty: "The site speaks no other language."))
    }

    @Sendable func form(_ request: Request, context: CoordinatorContext) async throws -> Response {
        let (kind, id, language) = try Self.translation(context)
        let original = try await found(self.original(kind, id))
        let existing = try await store.translations(of: kind, id).first { $0.language == language.rawValue }
        return try page(context.coordinator, original, kind, id, language, values: existing?.fields ?? [:], existing: existing)
    }

    @Sendable func save(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let (kind, id, language) = try Self.translation(context)
        let original = try await found(self.original(kind, id))
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
                error: "Nothing is translated yet: write at least one field, or go back.")
        }
        let translation = Translation(
            kind: kind, recordID: id, language: language.rawValue, fields: fields, sourceFingerprint: original.record.sourceFingerprint)
        try await store.save(
            translation,
            audit: context.coordinator.audit(
                "translated", Self.noun(kind), id, "\(original.name) in \(Self.languageName(language.rawValue))", at: now))
        return try page(context.coordinator, original, kind, id, language, values: fields, existing: translation, notice: "Saved.")
    }

    @Sendable func delete(_ request: Request, context: CoordinatorContext, form: FormBody) async throws -> Response {
        let (kind, id, language) = try Self.translation(context)
        let original = try await found(self.original(kind, id))
        _ = try await store.deleteTranslation(
            of: kind, id, in: language.rawValue,
            audit: context.coordinator.audit(
                "deleted translation", Self.noun(kind), id, "\(original.name) in \(Self.languageName(language.rawValue))", at: now))
        return seeOther(AdminRoute.translations(kind, id: id).path)
    }

    private func page(
        _ coordinator: Coordinator, _ original: Original, _ kind: Translation.Kind, _ id: String, _ language: Language,
        values: [String: [String]], existing: Translation?, notice: String? = nil, error: String? = nil
    ) throws -> Response {
        let state = original.record.state(of: existing)
        let heading = "\(original.name) in \(Self.languageName(language.rawValue))"
        let originalLanguage = original.record.originalLanguage
        let fields = original.record.translatableFields.filter { !$0.parts.isEmpty }.map { name, parts in
            let value = (values[name] ?? []).joined(separator: "\n\n")
            var field =
                Self.isOneLine(name)
                ? FormField.text(Self.formName(name), Self.label(name), value: value)
                : FormField.area(
                    Self.formName(name), Self.label(name), value: value, hint: parts.count > 1 ? "Leave a blank line between parts." : nil,
                    rows: min(16, max(3, parts.count * 3)))
            field.original = parts
            field.originalLanguage = originalLanguage
            return field
        }
        var view = FormView(
            admin: AdminPage(title: heading, coordinator: coordinator, notice: notice, error: error),
            heading: heading,
            intro: "\(Self.label(state)). Above each field, the original in \(Self.languageName(originalLanguage)). "
                + "A field left empty shows the original's words.",
            action: AdminRoute.translation(kind, id: id, language: language.rawValue).path, csrf: coordinator.session.csrf,
            fields: fields, submit: "Save the translation",
            cancel: Link(text: "All translations", href: AdminRoute.translations(kind, id: id).path))
        view.related = [original.back]
        if existing != nil {
            view.secondary = .init(
                action: AdminRoute.deleteTranslation(kind, id: id, language: language.rawValue).path, submit: "Delete this translation")
        }
        return try renderer.response(view, status: error == nil ? .ok : .unprocessableContent)
    }

    private func original(_ kind: Translation.Kind, _ id: String) async throws -> Original? {
        switch kind {
        case .urgentAction:
            return try await store.urgentAction(Identifier(id)).map {
                Original(
                    record: $0, name: "Urgent Action \($0.number)",
                    back: Link(text: "Back to Urgent Action \($0.number)", href: AdminRoute.action($0.id).path))
            }
        case .case:
            return try await store.case(Identifier(id)).map {
                Original(record: $0, name: $0.title, back: Link(text: "Back to the case", href: AdminRoute.record(.cases, id: id).path))
            }
        case .person:
            return try await store.person(Identifier(id)).map {
                Original(record: $0, name: $0.name, back: Link(text: "Back to \($0.name)", href: AdminRoute.record(.people, id: id).path))
            }
        case .statement:
            return try await store.statement(Identifier(id)).map {
                Original(
                    record: $0, name: $0.title, back: Link(text: "Back to the statement", href: AdminRoute.record(.statements, id: id).path)
                )
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

    static func languageName(_ code: String) -> String {
        Locale(identifier: "en").localizedString(forLanguageCode: code) ?? code
    }

    private static func formName(_ field: String) -> String { "t-" + field.replacingOccurrences(of: ".", with: "-") }

    private static func isOneLine(_ field: String) -> Bool {
        ["title", "letter.salutation", "letter.closing", "role"].contains(field) || field.hasSuffix(".role")
    }

    /// What an editor calls each field.
    static func label(_ field: String) -> String {
        switch field {
        case "title": "Title"
        case "summary": "What happened"
        case "take-action": "Steps for supporters"
        case "asks": "What the officials are asked"
        case "outcome": "Outcome"
        case "letter.salutation": "Letter: greeting"
        case "letter.body": "Letter: text"
        case "letter.closing": "Letter: sign-off"
        case "role": "Role"
        case "note": "Description"
        case "lead": "Lead"
        case "background": "Background"
        default:
            if field.hasPrefix("quote."), field.hasSuffix(".role") {
                "Quote \(field.dropFirst(6).dropLast(5)): the speaker's role"
            } else if field.hasPrefix("quote.") {
                "Quote \(field.dropFirst(6))"
            } else {
                field
            }
        }
    }
}
