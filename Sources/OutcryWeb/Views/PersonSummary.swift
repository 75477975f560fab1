import OutcryCore

/// A person at risk as lists show them: name, role and where they stand now.
struct PersonSummary: Sendable {
    var name: String
    var href: String
    var otherNames: String?
    var role: String?
    /// The `lang` of the role, when it is not translated into the page's language.
    var roleLanguage: String?
    var status: String?
    var statusKey: String?
    var inCustodySince: String?

    /// `roleLanguage` is the language the person's role is written in, when it is not the page's.
    init(_ person: Person, events: [Event], _ messages: Messages, roleLanguage: String? = nil) {
        self.roleLanguage = person.role == nil ? nil : roleLanguage
        name = person.name
        href = messages.href(.person(person.id))
        let others = person.allNames.dropFirst()
        otherNames = others.isEmpty ? nil : others.joined(separator: " · ")
        role = person.role
        if let current = Timeline.currentStatus(of: person.id, in: events) {
            status = messages.status(current)
            statusKey = current.status.rawValue
            inCustodySince = current.inCustodySince.map { messages("status.in-custody-since", ["since": messages.since($0)]) }
        }
    }
}
