import Foundation
public import OutcryCore

/// The public addresses of the site's pages, which resources link to (`url`, OSDI's `browser_url`); made
/// by the web layer from its route table.
public struct APILinks: Sendable {
    public var action: @Sendable (Identifier<UrgentAction>) -> String
    public var `case`: @Sendable (Identifier<Case>) -> String
    public var person: @Sendable (Identifier<Person>) -> String
    public var statement: @Sendable (Identifier<Statement>) -> String

    public init(
        action: @escaping @Sendable (Identifier<UrgentAction>) -> String, case: @escaping @Sendable (Identifier<Case>) -> String,
        person: @escaping @Sendable (Identifier<Person>) -> String, statement: @escaping @Sendable (Identifier<Statement>) -> String
    ) {
        self.action = action
        self.case = `case`
        self.person = person
        self.statement = statement
    }
}

/// Records as the API shows them: the generated types of the OpenAPI document, never the rows.
extension Components.Schemas.ActionSummary {
    init(_ action: UrgentAction, links: APILinks) {
        self.init(
            id: action.id.rawValue, number: action.number, kind: .init(rawValue: action.kind.rawValue)!,
            status: .init(rawValue: action.status.rawValue)!, title: action.title, issued: action.issued.iso,
            deadline: action.deadline?.iso, language: action.language, caseId: action.caseID.rawValue, url: links.action(action.id))
    }
}

extension Components.Schemas.Action {
    init(_ action: UrgentAction, people: [Person], targets: [Target], links: APILinks) {
        let targetsByID = Dictionary(targets.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let peopleByID = Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.init(
            id: action.id.rawValue, number: action.number, kind: .init(rawValue: action.kind.rawValue)!,
            status: .init(rawValue: action.status.rawValue)!, title: action.title, issued: action.issued.iso,
            deadline: action.deadline?.iso, language: action.language, caseId: action.caseID.rawValue, url: links.action(action.id),
            summary: action.summary, takeAction: action.takeAction, asks: action.asks,
            people: action.people.compactMap { peopleByID[$0] }.map { .init(id: $0.id.rawValue, name: $0.name) },
            targets: action.targets.compactMap { link in
                targetsByID[link.target].map { .init(role: .init(rawValue: link.role.rawValue)!, target: .init($0)) }
            },
            letters: action.letters.map {
                .init(
                    language: $0.language, targetId: $0.target?.rawValue, salutation: $0.salutation, paragraphs: $0.paragraphs,
                    closing: $0.closing)
            },
            outcome: action.outcome.map { .init(kind: .init(rawValue: $0.kind.rawValue)!, note: $0.note) },
            updates: action.updates?.rawValue, goal: action.goal)
    }
}

extension Components.Schemas.Target {
    init(_ target: Target) {
        self.init(
            id: target.id.rawValue, honorific: target.honorific, name: target.name, title: target.title, body: target.body,
            address: target.addressLines, country: target.country?.code, emails: target.emails, fax: target.fax, phone: target.phone,
            social: target.socialHandles.map { .init(network: .init(rawValue: $0.network.rawValue) ?? .other, handle: $0.handle) },
            contactForm: target.contactFormURL, salutation: target.salutation, languages: target.preferredLanguages)
    }
}

extension Components.Schemas.Totals {
    init(_ totals: Totals, of action: Identifier<UrgentAction>) {
        self.init(
            actionId: action.rawValue, reports: totals.reports, actions: totals.actions, countries: totals.countries,
            byChannel: .init(totals.byChannel), byCountry: Self.countries(totals.peopleByCountry),
            byTarget: totals.byTarget.sorted { $0.key.rawValue < $1.key.rawValue }.map { id, counts in
                .init(
                    targetId: id.rawValue, reports: counts.reports, actions: counts.actions, byChannel: .init(counts.byChannel),
                    byCountry: Self.countries(counts.peopleByCountry), groups: .init(counts.groups))
            }, groups: .init(totals.groups))
    }

    /// Most people first; the reports without a country last.
    static func countries(_ people: [Country?: Int]) -> [Components.Schemas.CountryCount] {
        people.sorted { a, b in
            a.value != b.value ? a.value > b.value : (a.key?.code ?? "~") < (b.key?.code ?? "~")
        }.map { .init(country: $0.key?.code, people: $0.value) }
    }
}

extension Components.Schemas.ChannelCounts {
    init(_ counts: [Channel: Int]) {
        self.init(
            letter: counts[.letter] ?? 0, email: counts[.email] ?? 0, fax: counts[.fax] ?? 0, call: counts[.call] ?? 0,
            social: counts[.social] ?? 0, other: counts[.other] ?? 0)
    }
}

extension Components.Schemas.GroupCounts {
    init(_ totals: GroupTotals) {
        self.init(
            groups: totals.groups, letter: totals.byKind[.letter] ?? 0, card: totals.byKind[.card] ?? 0,
            signature: totals.byKind[.signature] ?? 0, other: totals.byKind[.other] ?? 0)
    }
}

extension Components.Schemas.Person {
    init(_ person: Person, events: [Event], links: APILinks) {
        let status = Timeline.currentStatus(of: person.id, in: events)
        self.init(
            id: person.id.rawValue, name: person.name, variants: person.variants.map(Components.Schemas.NameVariant.init),
            role: person.role, organisationIds: person.affiliations.map(\.rawValue),
            currentStatus: status.map {
                .init(
                    status: .init(rawValue: $0.status.rawValue) ?? .detained, since: $0.since.iso, inCustodySince: $0.inCustodySince?.iso,
                    text: $0.sentence)
            }, url: links.person(person.id))
    }
}

extension Components.Schemas.NameVariant {
    init(_ variant: NameVariant) {
        self.init(name: variant.name, script: variant.script, language: variant.language)
    }
}

extension Components.Schemas.Organisation {
    init(_ organisation: Organisation) {
        self.init(
            id: organisation.id.rawValue, name: organisation.name, kind: .init(rawValue: organisation.kind.rawValue) ?? .other,
            country: organisation.country?.code, variants: organisation.variants.map(Components.Schemas.NameVariant.init))
    }
}

extension Components.Schemas.Event {
    init(_ event: Event) {
        self.init(
            id: event.id.rawValue, date: event.date.iso, kind: event.kind.rawValue, summary: event.summary, place: event.place,
            personIds: event.people.map(\.rawValue), organisationIds: event.organisations.map(\.rawValue), term: event.term)
    }
}

extension Components.Schemas.CaseSummary {
    init(_ item: Case, links: APILinks) {
        self.init(
            id: item.id.rawValue, title: item.title, country: item.country.code, status: .init(rawValue: item.status.rawValue) ?? .open,
            themes: item.themes, url: links.case(item.id))
    }
}

extension Components.Schemas.StatementSummary {
    init(_ statement: Statement, links: APILinks) {
        self.init(id: statement.id.rawValue, title: statement.title, published: statement.published.iso, url: links.statement(statement.id))
    }
}

extension Components.Schemas.Statement {
    init(_ statement: Statement, links: APILinks) {
        self.init(
            id: statement.id.rawValue, title: statement.title, published: statement.published.iso, url: links.statement(statement.id),
            lead: statement.lead,
            quotes: statement.quotes.map { .init(speaker: $0.speaker, role: $0.role, paragraphs: $0.paragraphs) },
            background: statement.background, caseIds: statement.cases.map(\.rawValue), personIds: statement.people.map(\.rawValue),
            organisationIds: statement.organisations.map(\.rawValue))
    }
}
