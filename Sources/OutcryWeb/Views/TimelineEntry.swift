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
    /// An official's reply as received, scanned.
    var replyScan: Link?

    init(
        _ event: Event, people: [Identifier<Person>: Person], actions: [Identifier<UrgentAction>: UrgentAction],
        statements: [Identifier<Statement>: Statement], _ messages: Messages
    ) {
        date = messages.date(event.date)
        kind = event.kind.label(messages)
        summary = event.summary
        place = event.place
        self.people = event.people.compactMap { id in people[id].map { Link(text: $0.name, href: messages.href(.person(id))) } }
        if let count = event.unnamedCount, count > 0 {
            unnamed = messages.plural(event.people.isEmpty ? "timeline.unnamed" : "timeline.unnamed-others", count: count)
        }
        term = event.term.map { messages("timeline.term", ["term": $0]) }
        switch event.source {
        case .urgentAction(let id):
            source = actions[id].map {
                Link(text: messages("action.number", ["number": $0.number]), href: messages.href(.urgentAction(id)))
            }
        case .statement(let id):
            source = statements[id].map { Link(text: $0.title, href: messages.href(.statement(id))) }
        case .external(let title, let url?):
            source = Link(text: title, href: url)
        case .external(let title, nil):
            sourceTitle = title
        case nil:
            source = nil
        }
    }
}

extension TimelineEntry {
    /// An official's reply on the case's timeline: who answered, what they said, and where it leaves the call.
    init(_ reply: OfficialReply, official: Target?, actions: [Identifier<UrgentAction>: UrgentAction], _ messages: Messages) {
        date = messages.date(reply.date)
        kind = messages("reply.timeline-kind", ["name": official?.fullName ?? reply.target.rawValue])
        summary = reply.summary
        people = []
        term = messages("reply.timeline-position", ["position": messages.position(reply.position)])
        // What the scan shows, in the link itself, for those who will not see the picture.
        replyScan = reply.scan.map {
            Link(
                text: [messages("reply.scan-link"), $0.alt].filter { !$0.isEmpty }.joined(separator: ": "),
                href: SiteRoute.image($0.image).path)
        }
        source = reply.action.flatMap { id in
            actions[id].map { Link(text: messages("action.number", ["number": $0.number]), href: messages.href(.urgentAction(id))) }
        }
    }
}
