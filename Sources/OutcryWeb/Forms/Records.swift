import Foundation
import OutcryCore
import OutcryStore

/// The records edited through `RecordsController`, each with its list columns, form and store calls.
enum Records {
    static func cases(_ store: Store) -> EditableRecord<Case> {
        EditableRecord(
            noun: "case", heading: "Cases", intro: "The situations you follow; every Urgent Action is about one.",
            kind: .cases, table: .cases, columns: ["Title", "Country", "Status", "People"],
            blank: { Case(id: "", title: "", country: Country(rawValue: "KG")!, summary: "") },
            id: { $0.id.rawValue }, name: { $0.title },
            withID: {
                var copy = $0
                copy.id = Identifier($1)
                return copy
            },
            all: { try await store.allCases() }, one: { try await store.case(Identifier($0)) },
            cells: {
                [
                    .init(text: $0.title), .init(text: $0.country.name), .init(text: $0.status == .open ? "Open" : "Closed"),
                    .init(text: String($0.people.count)),
                ]
            },
            fields: { item, errors in
                CaseForm(people: try await store.allPeople()).fields(item, isNew: item.id.rawValue.isEmpty, errors: errors)
            },
            read: { form, base in CaseForm(people: try await store.allPeople()).read(form, base: base) },
            save: { try await store.save($0, audit: $1) }, translationKind: .case)
    }

    static func targets(_ store: Store) -> EditableRecord<Target> {
        EditableRecord(
            noun: "target", heading: "Targets", intro: "Officials are kept once and chosen on each action that writes to them.",
            kind: .targets, table: .targets, columns: ["Name", "Office", "Country", "Details last checked"],
            blank: { Target(id: "", name: "") },
            id: { $0.id.rawValue }, name: { $0.name },
            withID: {
                var copy = $0
                copy.id = Identifier($1)
                return copy
            },
            all: { try await store.allTargets() }, one: { try await store.targets([Identifier($0)]).first },
            cells: {
                [
                    .init(text: $0.fullName), .init(text: $0.title ?? ""), .init(text: $0.country?.name ?? "—"),
                    .init(text: $0.lastVerified.map(DateWording.text) ?? "never"),
                ]
            },
            fields: { target, errors in TargetForm().fields(target, errors: errors) },
            read: { form, base in TargetForm().read(form, base: base) },
            save: { try await store.save($0, audit: $1) })
    }

    static func people(_ store: Store) -> EditableRecord<Person> {
        EditableRecord(
            noun: "person", heading: "People", intro: "People at risk, with every spelling of their names.",
            kind: .people, table: .people, columns: ["Name", "Other spellings", "Role"],
            blank: { Person(id: "", name: "") },
            id: { $0.id.rawValue }, name: { $0.name },
            withID: {
                var copy = $0
                copy.id = Identifier($1)
                return copy
            },
            all: { try await store.allPeople() }, one: { try await store.person(Identifier($0)) },
            cells: { [.init(text: $0.name), .init(text: $0.variants.map(\.name).joined(separator: "; ")), .init(text: $0.role ?? "")] },
            fields: { person, errors in PersonForm(organisations: try await store.allOrganisations()).fields(person, errors: errors) },
            read: { form, base in PersonForm(organisations: try await store.allOrganisations()).read(form, base: base) },
            save: { try await store.save($0, audit: $1) }, translationKind: .person)
    }

    static func organisations(_ store: Store) -> EditableRecord<Organisation> {
        EditableRecord(
            noun: "organisation", heading: "Organisations", intro: "Media outlets, authorities, courts and others named in cases.",
            kind: .organisations, table: .organisations, columns: ["Name", "Kind", "Country"],
            blank: { Organisation(id: "", name: "", kind: .mediaOutlet) },
            id: { $0.id.rawValue }, name: { $0.name },
            withID: {
                var copy = $0
                copy.id = Identifier($1)
                return copy
            },
            all: { try await store.allOrganisations() }, one: { try await store.organisations([Identifier($0)]).first },
            cells: { [.init(text: $0.name), .init(text: $0.kind.label), .init(text: $0.country?.name ?? "—")] },
            fields: { organisation, errors in OrganisationForm().fields(organisation, errors: errors) },
            read: { form, base in OrganisationForm().read(form, base: base) },
            save: { try await store.save($0, audit: $1) })
    }

    static func events(_ store: Store, today: @escaping @Sendable () -> Date) -> EditableRecord<Event> {
        @Sendable func form() async throws -> EventForm {
            EventForm(
                cases: try await store.allCases(), people: try await store.allPeople(), organisations: try await store.allOrganisations(),
                actions: try await store.allUrgentActions(), statements: try await store.allStatements())
        }
        return EditableRecord(
            noun: "status change", heading: "Status changes",
            intro: "What happened to whom and when. Each person's current situation on the public pages is worked out from these.",
            kind: .statusChanges, table: .events, columns: ["When", "What", "Case", "In a sentence"],
            // A single date is never a range that ends before it starts: this cannot throw.
            blank: { Event(id: "", caseID: "", date: try! EventDate(HistoricalDate(day: today())), kind: .detained, summary: "") },
            id: { $0.id.rawValue }, name: { "\($0.date.iso) \($0.kind.label)" },
            withID: {
                var copy = $0
                copy.id = Identifier($1)
                return copy
            },
            all: { try await store.allEvents().reversed() }, one: { try await store.event(Identifier($0)) },
            cells: {
                [
                    .init(text: DateWording.text($0.date)), .init(text: $0.kind.label), .init(text: $0.caseID.rawValue),
                    .init(text: $0.summary),
                ]
            },
            fields: { event, errors in try await form().fields(event, errors: errors) },
            read: { body, base in try await form().read(body, base: base) },
            save: { try await store.save($0, audit: $1) })
    }

    static func statements(_ store: Store, today: @escaping @Sendable () -> Date) -> EditableRecord<Statement> {
        @Sendable func form() async throws -> StatementForm {
            StatementForm(
                cases: try await store.allCases(), people: try await store.allPeople(), organisations: try await store.allOrganisations())
        }
        return EditableRecord(
            noun: "statement", heading: "Statements", intro: "Press statements are public as soon as they are saved.",
            kind: .statements, table: .statements, columns: ["Title", "Published", "Quotes"],
            blank: { Statement(id: "", title: "", published: HistoricalDate(day: today()), lead: []) },
            id: { $0.id.rawValue }, name: { $0.title },
            withID: {
                var copy = $0
                copy.id = Identifier($1)
                return copy
            },
            all: { try await store.allStatements() }, one: { try await store.statement(Identifier($0)) },
            cells: { [.init(text: $0.title), .init(text: DateWording.text($0.published)), .init(text: String($0.quotes.count))] },
            fields: { statement, errors in try await form().fields(statement, errors: errors) },
            read: { body, base in try await form().read(body, base: base) },
            save: { try await store.save($0, audit: $1) }, translationKind: .statement)
    }
}
