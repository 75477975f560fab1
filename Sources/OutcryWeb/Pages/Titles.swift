import OutcryCore
import OutcryStore

/// Records' titles as a page in one language shows them: translated where a translation into it exists,
/// else the original's, which then carries its own `lang`. Read once per page for all the records it lists.
struct Titles: Sendable {
    let messages: Messages
    private var translations: [Translation.Kind: [String: Translation]] = [:]

    init(messages: Messages) {
        self.messages = messages
    }

    /// The translations of these records into the page's language, in one read per kind; none is read for
    /// records written in the page's language (most, on most pages).
    static func load(
        _ store: any TranslationRecords, _ messages: Messages, actions: [UrgentAction] = [], cases: [Case] = [],
        statements: [Statement] = []
    ) async throws -> Titles {
        func ids(_ records: [some Translatable]) -> [String] {
            records.filter { $0.originalLanguage != messages.language.rawValue }.map(\.translationRecordID)
        }
        return try await load(store, messages, ids: [.urgentAction: ids(actions), .case: ids(cases), .statement: ids(statements)])
    }

    static func load(_ store: any TranslationRecords, _ messages: Messages, ids: [Translation.Kind: [String]]) async throws -> Titles {
        var titles = Titles(messages: messages)
        for (kind, ids) in ids where !ids.isEmpty {
            titles.translations[kind] = try await store.translations(of: kind, Array(Set(ids)), in: messages.language.rawValue)
        }
        return titles
    }

    /// A record's title in the page's language, and the `lang` it carries when it is in another.
    func title<T: Translatable>(_ record: T, _ title: String) -> (text: String, language: String?) {
        self.title(T.translationKind, record.translationRecordID, title, originalLanguage: record.originalLanguage)
    }

    func title(_ kind: Translation.Kind, _ id: String, _ title: String, originalLanguage: String) -> (text: String, language: String?) {
        if let translated = translations[kind]?[id]?.text("title") { return (translated, nil) }
        return (title, originalLanguage == messages.language.rawValue ? nil : originalLanguage)
    }

    /// "Urgent Action 30.24: …", to the action's page.
    func link(_ action: UrgentAction) -> Link {
        let (title, language) = title(action, action.title)
        return Link(
            text: messages("action.number-title", ["number": action.number, "title": title]), href: messages.href(.urgentAction(action.id)),
            linkLanguage: language)
    }

    func link(_ item: Case) -> Link {
        let (title, language) = title(item, item.title)
        return Link(text: title, href: messages.href(.case(item.id)), linkLanguage: language)
    }

    func link(_ statement: Statement) -> Link {
        let (title, language) = title(statement, statement.title)
        return Link(text: title, href: messages.href(.statement(statement.id)), linkLanguage: language)
    }
}
