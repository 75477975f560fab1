/// A numbered call to act ("UA 30.24"): who is at risk, what to ask, whom to ask and a letter to send.
public struct UrgentAction: Hashable, Codable, Sendable, Identifiable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case new
        /// "Further information": the situation changed and the action goes on.
        case update
        /// The last word on the action, with its outcome.
        case closing
    }

    public enum Status: String, Codable, Sendable, CaseIterable { case draft, published, closed }

    public var id: Identifier<UrgentAction>
    /// As printed: "30.24", "106/23", "FI 098/20-2".
    public var number: String
    public var kind: Kind
    public var caseID: Identifier<Case>
    public var title: String
    public var summary: String
    public var issued: HistoricalDate
    public var deadline: HistoricalDate?
    /// BCP 47 tag of the language the action is written in.
    public var language: String
    /// Steps for supporters ("Write a letter in your own words…").
    public var takeAction: [String]
    /// What the officials are asked to do ("release them immediately and drop all charges").
    public var asks: [String]
    public var people: [Identifier<Person>]
    public var targets: [UrgentActionTarget]
    public var letters: [SampleLetter]
    public var status: Status
    public var outcome: Outcome?
    /// The earlier action this one updates or closes.
    public var updates: Identifier<UrgentAction>?
    /// How many people the coordinators hope will act: the page shows progress toward it.
    public var goal: Int?

    public init(
        id: Identifier<UrgentAction>, number: String, kind: Kind = .new, caseID: Identifier<Case>, title: String, summary: String,
        issued: HistoricalDate, deadline: HistoricalDate? = nil, language: String = "en", takeAction: [String] = [],
        asks: [String] = [], people: [Identifier<Person>] = [], targets: [UrgentActionTarget] = [],
        letters: [SampleLetter] = [], status: Status = .draft, outcome: Outcome? = nil,
        updates: Identifier<UrgentAction>? = nil, goal: Int? = nil
    ) {
        self.id = id
        self.number = number
        self.kind = kind
        self.caseID = caseID
        self.title = title
        self.summary = summary
        self.issued = issued
        self.deadline = deadline
        self.language = language
        self.takeAction = takeAction
        self.asks = asks
        self.people = people
        self.targets = targets
        self.letters = letters
        self.status = status
        self.outcome = outcome
        self.updates = updates
        self.goal = goal
    }

    /// The URL-safe form of a number: "30.24" → "30-24", "FI 098/20-2" → "fi-098-20-2".
    public static func slug(forNumber number: String) -> String {
        var slug = ""
        for scalar in number.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug
    }

    /// The letter for a target in a language: one written for that target first, then the action's own.
    public func letter(for target: Identifier<Target>?, language: String? = nil) -> SampleLetter? {
        let language = language ?? self.language
        let inLanguage = letters.filter { $0.language == language }
        let pool = inLanguage.isEmpty ? letters : inLanguage
        return pool.first { $0.target == target && target != nil } ?? pool.first { $0.target == nil }
    }
}

/// A target's place on an action: addressed directly, or sent a copy.
public struct UrgentActionTarget: Hashable, Codable, Sendable {
    public enum Role: String, Codable, Sendable { case primary, copy }

    public var target: Identifier<Target>
    public var role: Role

    public init(target: Identifier<Target>, role: Role = .primary) {
        self.target = target
        self.role = role
    }
}

public struct SampleLetter: Hashable, Codable, Sendable {
    /// Nil when the letter suits every target of the action.
    public var target: Identifier<Target>?
    public var language: String
    public var salutation: String
    /// Paragraphs, in order.
    public var paragraphs: [String]
    public var closing: String

    public init(target: Identifier<Target>? = nil, language: String = "en", salutation: String, paragraphs: [String], closing: String) {
        self.target = target
        self.language = language
        self.salutation = salutation
        self.paragraphs = paragraphs
        self.closing = closing
    }
}

/// How an action ended, shown on its public page once closed.
public struct Outcome: Hashable, Codable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case released
        case chargesDropped = "charges_dropped"
        case sentenceReduced = "sentence_reduced"
        case noChange = "no_change"
        case other
    }

    public var kind: Kind
    public var note: String

    public init(kind: Kind, note: String) {
        self.kind = kind
        self.note = note
    }
}
