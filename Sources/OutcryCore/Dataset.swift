/// A self-contained set of records — cases with their people, events, targets, actions and statements —
/// as shipped in the demo file or exchanged between installations.
public struct Dataset: Hashable, Codable, Sendable {
    public var organisations: [Organisation]
    public var people: [Person]
    public var cases: [Case]
    public var targets: [Target]
    public var urgentActions: [UrgentAction]
    public var statements: [Statement]
    public var events: [Event]
    /// The records' words in other languages; a file without any may leave the key out.
    public var translations: [Translation]

    public init(
        organisations: [Organisation] = [], people: [Person] = [], cases: [Case] = [], targets: [Target] = [],
        urgentActions: [UrgentAction] = [], statements: [Statement] = [], events: [Event] = [], translations: [Translation] = []
    ) {
        self.organisations = organisations
        self.people = people
        self.cases = cases
        self.targets = targets
        self.urgentActions = urgentActions
        self.statements = statements
        self.events = events
        self.translations = translations
    }

    private enum CodingKeys: String, CodingKey {
        case organisations, people, cases, targets, urgentActions, statements, events, translations
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        organisations = try container.decode([Organisation].self, forKey: .organisations)
        people = try container.decode([Person].self, forKey: .people)
        cases = try container.decode([Case].self, forKey: .cases)
        targets = try container.decode([Target].self, forKey: .targets)
        urgentActions = try container.decode([UrgentAction].self, forKey: .urgentActions)
        statements = try container.decode([Statement].self, forKey: .statements)
        events = try container.decode([Event].self, forKey: .events)
        translations = try container.decodeIfPresent([Translation].self, forKey: .translations) ?? []
    }

    /// Every reference that points nowhere and every id used twice, in words an editor can act on.
    public func problems() -> [String] {
        var problems: [String] = []
        func unique<T>(_ ids: [Identifier<T>], _ what: String) -> Set<Identifier<T>> {
            var seen = Set<Identifier<T>>()
            for id in ids where !seen.insert(id).inserted { problems.append("\(what) “\(id)” appears twice") }
            for id in ids where !Slug.isValid(id.rawValue) {
                problems.append("\(what) id “\(id)” must be lower-case letters, digits and hyphens")
            }
            return seen
        }
        let organisationIDs = unique(organisations.map(\.id), "organisation")
        let personIDs = unique(people.map(\.id), "person")
        let caseIDs = unique(cases.map(\.id), "case")
        let targetIDs = unique(targets.map(\.id), "target")
        let actionIDs = unique(urgentActions.map(\.id), "Urgent Action")
        let statementIDs = unique(statements.map(\.id), "statement")
        _ = unique(events.map(\.id), "event")

        func check<T>(_ ids: [Identifier<T>], in known: Set<Identifier<T>>, _ what: String, from owner: String) {
            for id in ids where !known.contains(id) { problems.append("\(owner) refers to unknown \(what) “\(id)”") }
        }
        for person in people { check(person.affiliations, in: organisationIDs, "organisation", from: "person “\(person.id)”") }
        for item in cases {
            check(item.people, in: personIDs, "person", from: "case “\(item.id)”")
            check(item.organisations, in: organisationIDs, "organisation", from: "case “\(item.id)”")
        }
        for target in targets {
            if let url = target.contactFormURL, !WebAddress.isSafe(url) {
                problems.append("target “\(target.id)” has a contact form address that is not an http(s) link: “\(url)”")
            }
        }
        for action in urgentActions {
            let owner = "Urgent Action “\(action.id)”"
            check([action.caseID], in: caseIDs, "case", from: owner)
            check(action.people, in: personIDs, "person", from: owner)
            check(action.targets.map(\.target), in: targetIDs, "target", from: owner)
            check(action.letters.compactMap(\.target), in: targetIDs, "target", from: owner)
            check(action.updates.map { [$0] } ?? [], in: actionIDs, "Urgent Action", from: owner)
            if action.id.rawValue != UrgentAction.slug(forNumber: action.number) {
                problems.append("\(owner) should have the id “\(UrgentAction.slug(forNumber: action.number))” from its number")
            }
        }
        for statement in statements {
            let owner = "statement “\(statement.id)”"
            check(statement.cases, in: caseIDs, "case", from: owner)
            check(statement.people, in: personIDs, "person", from: owner)
            check(statement.organisations, in: organisationIDs, "organisation", from: owner)
        }
        var translated = Set<String>()
        for translation in translations {
            let owner = "the \(translation.language) translation of \(translation.kind.rawValue) “\(translation.recordID)”"
            let known: Bool =
                switch translation.kind {
                case .urgentAction: actionIDs.contains(Identifier(translation.recordID))
                case .case: caseIDs.contains(Identifier(translation.recordID))
                case .person: personIDs.contains(Identifier(translation.recordID))
                case .statement: statementIDs.contains(Identifier(translation.recordID))
                }
            if !known { problems.append("\(owner) belongs to no record") }
            if !translated.insert("\(translation.kind.rawValue)/\(translation.recordID)/\(translation.language)").inserted {
                problems.append("\(owner) appears twice")
            }
        }
        for event in events {
            let owner = "event “\(event.id)”"
            check([event.caseID], in: caseIDs, "case", from: owner)
            check(event.people, in: personIDs, "person", from: owner)
            check(event.organisations, in: organisationIDs, "organisation", from: owner)
            switch event.source {
            case .urgentAction(let id): check([id], in: actionIDs, "Urgent Action", from: owner)
            case .statement(let id): check([id], in: statementIDs, "statement", from: owner)
            case .external(_, let url?) where !WebAddress.isSafe(url):
                problems.append("\(owner) cites a source address that is not an http(s) link: “\(url)”")
            case .external, nil: break
            }
        }
        return problems
    }
}
