import OutcryCore

/// A person at risk as lists show them: name, role and where they stand now.
struct PersonSummary: Sendable {
    var name: String
    var href: String
    /// The other spellings, each with its language when the editor gave one (`Махабат Тажибек кызы`, ky).
    var otherNames: [OtherName]

    struct OtherName: Sendable {
        var name: String
        var nameLanguage: String?
    }
    var role: String?
    /// The `lang` of the role, when it is not translated into the page's language.
    var roleLanguage: String?
    var status: String?
    var statusKey: String?
    var inCustodySince: String?
    /// The portrait, or nil for the placeholder: the person's initials in a circle.
    var portrait: Picture?
    var initials: String

    struct Picture: Sendable {
        var src: String
        var alt: String
    }

    /// `roleLanguage` is the language the person's role is written in, when it is not the page's.
    init(_ person: Person, events: [Event], _ messages: Messages, roleLanguage: String? = nil) {
        self.roleLanguage = person.role == nil ? nil : roleLanguage
        name = person.name
        href = messages.href(.person(person.id))
        var seen: Set<String> = [person.name]
        otherNames = person.variants.filter { seen.insert($0.name).inserted }.map {
            OtherName(name: $0.name, nameLanguage: $0.language == messages.language.rawValue ? nil : $0.language)
        }
        role = person.role
        portrait = person.portrait.map { Picture(src: SiteRoute.image($0.image).path, alt: $0.alt) }
        initials = Self.initials(of: person.name)
        if let current = Timeline.currentStatus(of: person.id, in: events) {
            status = messages.status(current)
            statusKey = current.status.rawValue
            inCustodySince = current.inCustodySince.map { messages("status.in-custody-since", ["since": messages.since($0)]) }
        }
    }

    /// The first letters of the first and the last capitalised words of a name, as the name writes them
    /// ("MT" for Makhabat Tazhibek kyzy, "МТ" for Махабат Тажибек кызы).
    static func initials(of name: String) -> String {
        let words = name.split(whereSeparator: { $0.isWhitespace || $0 == "-" }).filter { $0.first?.isLetter == true }
        guard let first = words.first?.first else { return "" }
        let last = words.dropFirst().last { $0.first?.isUppercase == true } ?? words.dropFirst().last
        return (String(first) + (last?.first.map(String.init) ?? "")).uppercased()
    }
}
