import OutcryCore

/// One event on a case or person timeline.
struct TimelineEntry: Sendable {
    var date: DateText
    var kind: String
    var summary: String
    var place: String?
    var people: [Link]
    var unnamed: String?
    var term: String?
    var source: Link?
    /// An outside source named without an address.
    var sourceTitle: String?

    init(
        _ event: Event, people: [Identifier<Person>: Person], actions: [Identifier<UrgentAction>: UrgentAction],
        statements: [Identifier<Statement>: Statement]
    ) {
        date = DateText(text: DateWording.text(event.date), iso: event.date.start.iso)
        kind = event.kind.label
        summary = event.summary
        place = event.place
        self.people = event.people.compactMap { id in people[id].map { Link(text: $0.name, href: SiteRoute.person(id).path) } }
        if let count = event.unnamedCount, count > 0 {
            let noun = count == 1 ? "person" : "people"
            unnamed = event.people.isEmpty ? "\(count) \(noun) not named" : "and \(count) other \(noun) not named"
        }
        term = event.term
        switch event.source {
        case .urgentAction(let id):
            source = actions[id].map { Link(text: "Urgent Action \($0.number)", href: SiteRoute.urgentAction(id).path) }
        case .statement(let id):
            source = statements[id].map { Link(text: $0.title, href: SiteRoute.statement(id).path) }
        case .external(let title, let url?):
            source = Link(text: title, href: url)
        case .external(let title, nil):
            sourceTitle = title
        case nil:
            source = nil
        }
    }
}
