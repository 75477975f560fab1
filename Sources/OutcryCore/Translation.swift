/// A record's words in another language than the one it was written in: an Urgent Action, a case, a
/// person's description or a statement, kept with the record (one record, several languages), never
/// as a copy of it. Names, dates, officials and counts are the record's own in every language.
public struct Translation: Hashable, Codable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case urgentAction = "urgent_action"
        case `case`
        case person
        case statement
    }

    public var kind: Kind
    public var recordID: String
    /// The language it is written in, an ISO 639-1 code.
    public var language: String
    /// The translated words by field (`title`, `asks`, `letter.body`…): one text for a title, several for
    /// steps or paragraphs. A field left out shows the original's words.
    public var fields: [String: [String]]
    /// The original's words when this was written (`Translatable.sourceFingerprint`): once they
    /// change, the translation is older than the original.
    public var sourceFingerprint: String

    public init(kind: Kind, recordID: String, language: String, fields: [String: [String]], sourceFingerprint: String) {
        self.kind = kind
        self.recordID = recordID
        self.language = language
        self.fields = fields
        self.sourceFingerprint = sourceFingerprint
    }

    /// One field's text: the first of its parts, or nil when it has none that is not empty.
    public func text(_ field: String) -> String? {
        fields[field]?.first.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// One field's parts, or nil when it has none.
    public func parts(_ field: String) -> [String]? {
        fields[field].flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// Where a language stands for a record, as coordinators see it.
public enum TranslationState: String, Sendable, Equatable {
    /// No translation in this language.
    case missing
    /// Written from the original's present words.
    case current
    /// The original has changed since it was written.
    case outdated
}

/// A record that can be translated: the fields a translation may replace, and the record with them replaced.
public protocol Translatable: Sendable {
    static var translationKind: Translation.Kind { get }
    var translationRecordID: String { get }
    /// The language the record is written in.
    var originalLanguage: String { get }
    /// The original's words, by field, in the order an editor translates them.
    var translatableFields: [(name: String, parts: [String])] { get }
    /// The record with a translation's words in place of its own, field by field.
    func applying(_ translation: Translation) -> Self
}

extension Translatable where Self: Identifiable, ID == Identifier<Self> {
    public var translationRecordID: String { id.rawValue }
}

extension Translatable {
    /// Records without a language of their own are written in the site's.
    public var originalLanguage: String { Translation.siteLanguage }

    /// A fingerprint of the original's words (FNV-1a): a translation written from other words is outdated.
    public var sourceFingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (name, parts) in translatableFields {
            for text in [name] + parts {
                for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
                hash = (hash ^ 0xff) &* 0x100_0000_01b3
            }
        }
        return String(hash, radix: 16)
    }

    public func state(of translation: Translation?) -> TranslationState {
        guard let translation else { return .missing }
        return translation.sourceFingerprint == sourceFingerprint ? .current : .outdated
    }
}

extension UrgentAction: Translatable {
    public static let translationKind = Translation.Kind.urgentAction
    public var originalLanguage: String { language }

    /// The general sample letter in the action's own language is translated with it.
    public var translatableFields: [(name: String, parts: [String])] {
        let letter = letters.first { $0.target == nil && $0.language == language }
        return [
            ("title", [title]), ("summary", [summary]), ("take-action", takeAction), ("asks", asks),
            ("outcome", outcome.map { [$0.note] } ?? []),
            ("letter.salutation", letter.map { [$0.salutation] } ?? []), ("letter.body", letter?.paragraphs ?? []),
            ("letter.closing", letter.map { [$0.closing] } ?? []),
        ]
    }

    /// The translation's words in place, and its letter added as the general letter in its language
    /// (the letter's language is chosen apart from the page's, so every translation's letter is offered).
    public func applying(_ translation: Translation) -> UrgentAction {
        var action = self
        action.title = translation.text("title") ?? title
        action.summary = translation.text("summary") ?? summary
        action.takeAction = translation.parts("take-action") ?? takeAction
        action.asks = translation.parts("asks") ?? asks
        if let note = translation.text("outcome"), var outcome {
            outcome.note = note
            action.outcome = outcome
        }
        return action.addingLetter(of: translation)
    }

    /// Only the letter of a translation: for the letters of the languages other than the page's.
    public func addingLetter(of translation: Translation) -> UrgentAction {
        guard let body = translation.parts("letter.body"), let salutation = translation.text("letter.salutation") else { return self }
        var action = self
        action.letters.removeAll { $0.target == nil && $0.language == translation.language }
        action.letters.append(
            SampleLetter(
                language: translation.language, salutation: salutation, paragraphs: body,
                closing: translation.text("letter.closing") ?? ""))
        return action
    }

    /// The languages a letter can be printed in: the action's own first, then its translations'.
    public var letterLanguages: [String] {
        var seen = Set<String>()
        return ([language] + letters.map(\.language)).filter { language in
            letters.contains { $0.language == language } && seen.insert(language).inserted
        }
    }
}

extension Case: Translatable {
    public static let translationKind = Translation.Kind.case
    public var translatableFields: [(name: String, parts: [String])] { [("title", [title]), ("summary", [summary])] }

    public func applying(_ translation: Translation) -> Case {
        var item = self
        item.title = translation.text("title") ?? title
        item.summary = translation.text("summary") ?? summary
        return item
    }
}

extension Person: Translatable {
    public static let translationKind = Translation.Kind.person
    /// A name is the person's own in every language (its spellings are variants, not translations).
    public var translatableFields: [(name: String, parts: [String])] {
        [("role", role.map { [$0] } ?? []), ("note", note.map { [$0] } ?? [])]
    }

    public func applying(_ translation: Translation) -> Person {
        var person = self
        person.role = translation.text("role") ?? role
        person.note = translation.text("note") ?? note
        return person
    }
}

extension Statement: Translatable {
    public static let translationKind = Translation.Kind.statement
    public var translatableFields: [(name: String, parts: [String])] {
        [("title", [title]), ("lead", lead)]
            + quotes.enumerated().flatMap { index, quote in
                [("quote.\(index + 1)", quote.paragraphs), ("quote.\(index + 1).role", quote.role.map { [$0] } ?? [])]
            } + [("background", background)]
    }

    public func applying(_ translation: Translation) -> Statement {
        var statement = self
        statement.title = translation.text("title") ?? title
        statement.lead = translation.parts("lead") ?? lead
        statement.background = translation.parts("background") ?? background
        for index in statement.quotes.indices {
            statement.quotes[index].paragraphs = translation.parts("quote.\(index + 1)") ?? statement.quotes[index].paragraphs
            statement.quotes[index].role = translation.text("quote.\(index + 1).role") ?? statement.quotes[index].role
        }
        return statement
    }
}

extension Translation {
    /// The language cases, people's descriptions and statements are written in: they carry no language
    /// of their own yet (an Urgent Action does).
    public static let siteLanguage = "en"
}
