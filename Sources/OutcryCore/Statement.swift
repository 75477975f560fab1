/// A press statement: a lead, attributed quotes and background, linked to the cases it speaks about.
public struct Statement: Hashable, Codable, Sendable, Identifiable {
    public var id: Identifier<Statement>
    public var title: String
    public var published: HistoricalDate
    public var lead: [String]
    public var quotes: [Quote]
    public var background: [String]
    public var cases: [Identifier<Case>]
    public var people: [Identifier<Person>]
    public var organisations: [Identifier<Organisation>]

    public init(
        id: Identifier<Statement>, title: String, published: HistoricalDate, lead: [String], quotes: [Quote] = [],
        background: [String] = [], cases: [Identifier<Case>] = [], people: [Identifier<Person>] = [],
        organisations: [Identifier<Organisation>] = []
    ) {
        self.id = id
        self.title = title
        self.published = published
        self.lead = lead
        self.quotes = quotes
        self.background = background
        self.cases = cases
        self.people = people
        self.organisations = organisations
    }
}

public struct Quote: Hashable, Codable, Sendable {
    /// The quoted words, paragraph by paragraph, without quotation marks.
    public var paragraphs: [String]
    public var speaker: String
    public var role: String?

    public init(paragraphs: [String], speaker: String, role: String? = nil) {
        self.paragraphs = paragraphs
        self.speaker = speaker
        self.role = role
    }
}
