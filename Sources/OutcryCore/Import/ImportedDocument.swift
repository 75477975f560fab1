/// Where a value was read in the source text: UTF-8 byte offsets (half-open) and the 1-based line,
/// so a review form can show the editor the words it came from.
public struct TextSpan: Hashable, Codable, Sendable {
    public var start: Int
    public var end: Int
    public var line: Int

    public init(start: Int, end: Int, line: Int) {
        self.start = start
        self.end = end
        self.line = line
    }
}

/// One field of an imported draft: found in the text, with where, or missing. Nothing is ever guessed
/// to fill a missing field; the editor supplies it.
public struct Found<Value: Hashable & Codable & Sendable>: Hashable, Codable, Sendable {
    public var value: Value?
    public var span: TextSpan?

    public init(_ value: Value, at span: TextSpan?) {
        self.value = value
        self.span = span
    }

    private init() {}

    public static var missing: Found { Found() }

    public var isFound: Bool { value != nil }

    private enum CodingKeys: String, CodingKey { case found, value, span }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        value = try container.decodeIfPresent(Value.self, forKey: .value)
        span = try container.decodeIfPresent(TextSpan.self, forKey: .span)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(isFound, forKey: .found)
        try container.encodeIfPresent(value, forKey: .value)
        try container.encodeIfPresent(span, forKey: .span)
    }
}

/// What a published text turned out to be.
public enum DocumentKind: String, Hashable, Codable, Sendable, CaseIterable {
    /// A new Urgent Action.
    case new
    /// "Further information", "Update", "Follow-up": the action goes on.
    case update
    /// "Outcome", "Victory", "No further action is requested": the last word on an action.
    case closing
    /// A press statement.
    case statement
}

/// The draft an importer makes of a published text, for an editor to review before anything is saved
/// as a record. Exactly one of `action` and `statement` is set.
public struct ImportedDocument: Hashable, Codable, Sendable {
    public var kind: Found<DocumentKind>
    public var action: ImportedUrgentAction?
    public var statement: ImportedStatement?
    /// Things an editor must know that are not a field: a hidden e-mail address, a date that does not exist.
    public var notes: [String]

    public init(kind: Found<DocumentKind>, action: ImportedUrgentAction? = nil, statement: ImportedStatement? = nil, notes: [String] = []) {
        self.kind = kind
        self.action = action
        self.statement = statement
        self.notes = notes
    }
}

public struct ImportedUrgentAction: Hashable, Codable, Sendable {
    /// As printed, without the "UA" prefix: "30.24", "106/23", "98/16", "FI 098/20-2", "257-1/2014".
    public var number: Found<String>
    /// The number of the earlier action an update or closing follows.
    public var updates: Found<String>
    /// A publisher's document index ("MDE 12/4022/2016").
    public var index: Found<String>
    public var title: Found<String>
    /// The country the action is about.
    public var country: Found<Country>
    public var issued: Found<HistoricalDate>
    public var deadline: Found<HistoricalDate>
    /// Names of the people at risk, as the text writes them.
    public var people: Found<[String]>
    /// The opening account of the situation, paragraph by paragraph.
    public var summary: Found<[String]>
    /// Steps for supporters ("Write a letter…").
    public var takeAction: Found<[String]>
    /// What the officials are asked to do, one request each.
    public var asks: Found<[String]>
    /// Officials in the order the text lists them: those written to, then those sent a copy.
    public var targets: Found<[ImportedTarget]>
    public var letter: Found<ImportedLetter>
    /// BCP 47 tags of the languages supporters are asked to write in.
    public var languages: Found<[String]>
    /// "Additional information" / "Background", paragraph by paragraph.
    public var background: Found<[String]>
    /// For a closing: the sentence that says how it ended or that no further action is requested.
    public var outcome: Found<String>

    public init(
        number: Found<String> = .missing, updates: Found<String> = .missing, index: Found<String> = .missing,
        title: Found<String> = .missing, country: Found<Country> = .missing, issued: Found<HistoricalDate> = .missing,
        deadline: Found<HistoricalDate> = .missing, people: Found<[String]> = .missing, summary: Found<[String]> = .missing,
        takeAction: Found<[String]> = .missing, asks: Found<[String]> = .missing, targets: Found<[ImportedTarget]> = .missing,
        letter: Found<ImportedLetter> = .missing, languages: Found<[String]> = .missing,
        background: Found<[String]> = .missing, outcome: Found<String> = .missing
    ) {
        self.number = number
        self.updates = updates
        self.index = index
        self.title = title
        self.country = country
        self.issued = issued
        self.deadline = deadline
        self.people = people
        self.summary = summary
        self.takeAction = takeAction
        self.asks = asks
        self.targets = targets
        self.letter = letter
        self.languages = languages
        self.background = background
        self.outcome = outcome
    }
}

/// An official as a contact block gives them.
public struct ImportedTarget: Hashable, Codable, Sendable {
    public var role: UrgentActionTarget.Role
    public var honorific: Found<String>
    public var name: Found<String>
    /// The office held ("President of Kyrgyzstan", "Minister of Justice").
    public var title: Found<String>
    /// The body the office belongs to ("Presidential Administration of the Kyrgyz Republic").
    public var organisation: Found<String>
    public var addressLines: Found<[String]>
    public var emails: Found<[String]>
    public var fax: Found<String>
    public var phone: Found<String>
    public var socialHandles: Found<[SocialHandle]>
    public var contactForm: Found<String>
    public var salutation: Found<String>
    /// Contact details given in a form that cannot be used ("[email protected]"), never kept as an address.
    public var unusableContacts: [String]
    /// The whole block the official was read from.
    public var span: TextSpan?

    public init(
        role: UrgentActionTarget.Role = .primary, honorific: Found<String> = .missing, name: Found<String> = .missing,
        title: Found<String> = .missing, organisation: Found<String> = .missing, addressLines: Found<[String]> = .missing,
        emails: Found<[String]> = .missing, fax: Found<String> = .missing, phone: Found<String> = .missing,
        socialHandles: Found<[SocialHandle]> = .missing, contactForm: Found<String> = .missing,
        salutation: Found<String> = .missing, unusableContacts: [String] = [], span: TextSpan? = nil
    ) {
        self.role = role
        self.honorific = honorific
        self.name = name
        self.title = title
        self.organisation = organisation
        self.addressLines = addressLines
        self.emails = emails
        self.fax = fax
        self.phone = phone
        self.socialHandles = socialHandles
        self.contactForm = contactForm
        self.salutation = salutation
        self.unusableContacts = unusableContacts
        self.span = span
    }
}

public struct ImportedLetter: Hashable, Codable, Sendable {
    public var salutation: Found<String>
    public var paragraphs: [String]
    public var closing: Found<String>

    public init(salutation: Found<String>, paragraphs: [String], closing: Found<String>) {
        self.salutation = salutation
        self.paragraphs = paragraphs
        self.closing = closing
    }
}

public struct ImportedStatement: Hashable, Codable, Sendable {
    public var title: Found<String>
    public var date: Found<HistoricalDate>
    /// The paragraphs before the first quote or the background.
    public var lead: Found<[String]>
    public var quotes: Found<[ImportedQuote]>
    public var background: Found<[String]>
    /// People the statement speaks about (speakers are in `quotes`).
    public var people: Found<[String]>
    public var organisations: Found<[String]>

    public init(
        title: Found<String> = .missing, date: Found<HistoricalDate> = .missing, lead: Found<[String]> = .missing,
        quotes: Found<[ImportedQuote]> = .missing, background: Found<[String]> = .missing,
        people: Found<[String]> = .missing, organisations: Found<[String]> = .missing
    ) {
        self.title = title
        self.date = date
        self.lead = lead
        self.quotes = quotes
        self.background = background
        self.people = people
        self.organisations = organisations
    }
}

public struct ImportedQuote: Hashable, Codable, Sendable {
    public var speaker: String
    public var role: String?
    /// The quoted words, paragraph by paragraph, without quotation marks.
    public var paragraphs: [String]

    public init(speaker: String, role: String?, paragraphs: [String]) {
        self.speaker = speaker
        self.role = role
        self.paragraphs = paragraphs
    }
}

/// Whether each field of a draft was found, in the order an editor reviews them, for summaries and
/// for highlighting what is missing.
public struct FieldStatus: Hashable, Sendable {
    public let name: String
    public let found: Bool
    /// How many values a list field holds (officials, asks…), nil for single values.
    public let count: Int?
}

extension ImportedDocument {
    public var fieldStatuses: [FieldStatus] {
        func single<V>(_ name: String, _ field: Found<V>) -> FieldStatus { FieldStatus(name: name, found: field.isFound, count: nil) }
        func list<V>(_ name: String, _ field: Found<[V]>) -> FieldStatus {
            FieldStatus(name: name, found: field.isFound, count: field.value?.count)
        }
        if let action {
            return [
                single("number", action.number), single("updates", action.updates), single("index", action.index),
                single("title", action.title), single("country", action.country), single("issued", action.issued),
                single("deadline", action.deadline), list("people", action.people), list("summary", action.summary),
                list("take action", action.takeAction), list("asks", action.asks), list("officials", action.targets),
                single("letter", action.letter), list("languages", action.languages), list("background", action.background),
                single("outcome", action.outcome),
            ]
        }
        if let statement {
            return [
                single("title", statement.title), single("date", statement.date), list("lead", statement.lead),
                list("quotes", statement.quotes), list("background", statement.background), list("people", statement.people),
                list("organisations", statement.organisations),
            ]
        }
        return []
    }

    /// "Urgent Action 106/23", "update to UA 106/23", "statement".
    public var headline: String {
        if let statement { return "Statement" + (statement.title.value.map { ": “\($0)”" } ?? "") }
        var words: String
        switch kind.value {
        case .update: words = "Update"
        case .closing: words = "Closing"
        case .statement: words = "Statement"
        case .new: words = "Urgent Action"
        case nil: words = "Urgent Action (kind not stated)"
        }
        if let number = action?.number.value { words += " \(number)" }
        if let updates = action?.updates.value { words += " on UA \(updates)" }
        if let title = action?.title.value { words += ": “\(title)”" }
        return words
    }
}
