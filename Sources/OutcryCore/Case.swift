/// A situation followed over time, such as the prosecution of the Temirov LIVE journalists.
/// Its people, events and documents hang off it; its Urgent Actions call on supporters to act.
public struct Case: Hashable, Codable, Sendable, Identifiable {
    public enum Status: String, Codable, Sendable { case open, closed }

    public var id: Identifier<Case>
    public var title: String
    public var country: Country
    public var summary: String
    public var themes: [String]
    public var status: Status
    /// The people the case follows, in the order the organisation presents them.
    public var people: [Identifier<Person>]
    public var organisations: [Identifier<Organisation>]
    /// A picture for the case's page (the people together, a vigil), published with consent.
    public var picture: Picture?

    public init(
        id: Identifier<Case>, title: String, country: Country, summary: String, themes: [String] = [], status: Status = .open,
        people: [Identifier<Person>] = [], organisations: [Identifier<Organisation>] = []
    ) {
        self.id = id
        self.title = title
        self.country = country
        self.summary = summary
        self.themes = themes
        self.status = status
        self.people = people
        self.organisations = organisations
    }
}
