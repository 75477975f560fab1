import OutcryCore

/// A person at risk as lists show them: name, role and where they stand now.
struct PersonSummary: Sendable {
    var name: String
    var href: String
    var otherNames: String?
    var role: String?
    var status: String?
    var statusKey: String?
    var inCustodySince: String?

    init(_ person: Person, events: [Event], _ messages: Messages) {
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
