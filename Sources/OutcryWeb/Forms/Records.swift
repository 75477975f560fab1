import Foundation
import OutcryCore
import OutcryStore

/// The records edited through `RecordsController`, each with its list columns, form and store calls.
enum Records {
    static func cases(_ store: Store) -> EditableRecord<Case> {
        EditableRecord(
            noun: "case", kind: .cases, table: .cases, columns: ["title", "country", "status", "people"],
            blank: { Case(id: "", title: "", country: Country(rawValue: "KG")!, summary: "") },
            id: { $0.id.rawValue }, name: { $0.title },
            withID: {
                var copy = $0
                copy.id = Identifier($1)
                return copy
            },
            all: { try await store.allCases() }, one: { try await store.case(Identifier($0)) },
            cells: { item, messages in
                [
                    .init(text: item.title), .init(text: item.country.name(in: messages.language.rawValue)),
                    .init(text: messages("admin.case-form.status-" + item.status.rawValue)),
                    .init(text: messages.number(item.people.count)),
                ]
            },
            fields: { item, errors, messages in
                CaseForm(people: try await store.allPeople(), messages: messages).fields(
                    item, isNew: item.id.rawValue.isEmpty, errors: errors)
            },
            read: { form, base, messages in CaseForm(people: try await store.allPeople(), messages: messages).read(form, base: base) },
            save: { try await store.save($0, audit: $1) }, translationKind: .case,
            related: { item, messages in
                [Link(text: messages("admin.case-picture.link"), href: AdminRoute.casePicture(item.id).path)]
            })
    }

    static func targets(_ store: Store) -> EditableRecord<Target> {
        EditableRecord(
            noun: "target", kind: .targets, table: .targets, columns: ["name", "office", "country", "last-checked", "replies"],
            blank: { Target(id: "", name: "") },
            id: { $0.id.rawValue }, name: { $0.name },
            withID: {
                var copy = $0
                copy.id = Identifier($1)
                return copy
            },
            all: { try await store.allTargets() },
            one: { try await store.targets([Identifier($0)]).first },
            cells: { target, messages in
                [
                    .init(text: target.fullName), .init(text: target.title ?? ""),
                    .init(text: target.country?.name(in: messages.language.rawValue) ?? "—"),
                    .init(text: target.lastVerified.map { messages.date($0).text } ?? messages("admin.target-form.never")),
                ]
            },
            // Those who answer most often first, with how often and when last: who replies, and who never does.
            listing: { targets, messages in
                let counts = try await store.replyCounts()
                return targets.enumerated().sorted {
                    (counts[$0.element.id]?.replies ?? 0, -$0.offset) > (counts[$1.element.id]?.replies ?? 0, -$1.offset)
                }.map { _, target in
                    let count = counts[target.id]
                    return (
                        target,
                        [
                            .init(
                                text: count.map {
                                    messages.plural(
                                        "admin.replies.count", count: $0.replies, ["date": $0.last.map { messages.date($0).text } ?? ""])
                                } ?? messages("admin.replies.never"))
                        ]
                    )
                }
            },
            fields: { target, errors, messages in TargetForm(messages: messages).fields(target, errors: errors) },
            read: { form, base, messages in TargetForm(messages: messages).read(form, base: base) },
            save: { try await store.save($0, audit: $1) },
            // What this official answered, newest first, each leading to the reply's own page.
            related: { target, messages in
                try await store.replies(from: target.id).map { reply in
                    Link(
                        text: [messages.date(reply.date).text, messages.position(reply.position), reply.summary].joined(separator: " · "),
                        href: AdminRoute.record(.replies, id: reply.id.rawValue).path)
                }
            })
    }

    static func people(_ store: Store) -> EditableRecord<Person> {
        EditableRecord(
            noun: "person", kind: .people, table: .people, columns: ["name", "other-spellings", "role"],
            blank: { Person(id: "", name: "") },
            id: { $0.id.rawValue }, name: { $0.name },
            withID: {
                var copy = $0
                copy.id = Identifier($1)
                return copy
            },
            all: { try await store.allPeople() }, one: { try await store.person(Identifier($0)) },
            cells: { person, _ in
                [
                    .init(text: person.name), .init(text: person.variants.map(\.name).joined(separator: "; ")),
                    .init(text: person.role ?? ""),
                ]
            },
            fields: { person, errors, messages in
                PersonForm(organisations: try await store.allOrganisations(), messages: messages).fields(person, errors: errors)
            },
            read: { form, base, messages in
                PersonForm(organisations: try await store.allOrganisations(), messages: messages).read(form, base: base)
            },
            save: { try await store.save($0, audit: $1) }, translationKind: .person,
            related: { person, messages in
                [Link(text: messages("admin.portrait.link"), href: AdminRoute.portrait(person.id).path)]
            })
    }

    static func organisations(_ store: Store) -> EditableRecord<Organisation> {
        EditableRecord(
            noun: "organisation", kind: .organisations, table: .organisations, columns: ["name", "kind", "country"],
            blank: { Organisation(id: "", name: "", kind: .mediaOutlet) },
            id: { $0.id.rawValue }, name: { $0.name },
            withID: {
                var copy = $0
                copy.id = Identifier($1)
                return copy
            },
            all: { try await store.allOrganisations() }, one: { try await store.organisations([Identifier($0)]).first },
            cells: { organisation, messages in
                [
                    .init(text: organisation.name), .init(text: messages.organisationKind(organisation.kind)),
                    .init(text: organisation.country?.name(in: messages.language.rawValue) ?? "—"),
                ]
            },
            fields: { organisation, errors, messages in OrganisationForm(messages: messages).fields(organisation, errors: errors) },
            read: { form, base, messages in OrganisationForm(messages: messages).read(form, base: base) },
            save: { try await store.save($0, audit: $1) })
    }

    static func events(_ store: Store, today: @escaping @Sendable () -> Date) -> EditableRecord<Event> {
        @Sendable func form(_ messages: Messages) async throws -> EventForm {
            EventForm(
                cases: try await store.allCases(), people: try await store.allPeople(), organisations: try await store.allOrganisations(),
                actions: try await store.allUrgentActions(), statements: try await store.allStatements(), messages: messages)
        }
        return EditableRecord(
            noun: "status change", kind: .statusChanges, table: .events, columns: ["when", "what", "case", "sentence"],
            // A single date is never a range that ends before it starts: this cannot throw.
            blank: { Event(id: "", caseID: "", date: try! EventDate(HistoricalDate(day: today())), kind: .detained, summary: "") },
            id: { $0.id.rawValue }, name: { "\($0.date.iso) \($0.kind.label)" },
            withID: {
                var copy = $0
                copy.id = Identifier($1)
                return copy
            },
            all: { try await store.allEvents().reversed() }, one: { try await store.event(Identifier($0)) },
            cells: { event, messages in
                [
                    .init(text: messages.date(event.date).text), .init(text: event.kind.label(messages)),
                    .init(text: event.caseID.rawValue),
                    .init(text: event.summary),
                ]
            },
            fields: { event, errors, messages in try await form(messages).fields(event, errors: errors) },
            read: { body, base, messages in try await form(messages).read(body, base: base) },
            save: { try await store.save($0, audit: $1) })
    }

    static func replies(_ store: Store, today: @escaping @Sendable () -> Date) -> EditableRecord<OfficialReply> {
        @Sendable func form(_ messages: Messages) async throws -> ReplyForm {
            ReplyForm(
                targets: try await store.allTargets(), cases: try await store.allCases(), actions: try await store.allUrgentActions(),
                messages: messages)
        }
        return EditableRecord(
            noun: "official reply", kind: .replies, table: .officialReplies, columns: ["when", "official", "position", "summary"],
            blank: { OfficialReply(id: "", target: "", caseID: "", date: HistoricalDate(day: today()), summary: "") },
            id: { $0.id.rawValue }, name: { "\($0.date.iso) \($0.target.rawValue)" },
            withID: {
                var copy = $0
                copy.id = Identifier($1)
                return copy
            },
            all: { try await store.allReplies() }, one: { try await store.reply(Identifier($0)) },
            cells: { reply, messages in
                [
                    .init(text: messages.date(reply.date).text), .init(text: reply.target.rawValue),
                    .init(text: messages.position(reply.position)), .init(text: reply.summary),
                ]
            },
            fields: { reply, errors, messages in try await form(messages).fields(reply, errors: errors) },
            read: { body, base, messages in try await form(messages).read(body, base: base) },
            save: { try await store.save($0, audit: $1) },
            related: { reply, messages in
                [Link(text: messages("admin.reply-scan.link"), href: AdminRoute.replyScan(reply.id).path)]
            })
    }

    static func campaigns(_ store: Store) -> EditableRecord<Campaign> {
        EditableRecord(
            noun: "campaign", kind: .campaigns, table: .campaigns, columns: ["title", "actions-count"],
            blank: { Campaign(id: "", title: "") },
            id: { $0.id.rawValue }, name: { $0.title },
            withID: {
                var copy = $0
                copy.id = Identifier($1)
                return copy
            },
            all: { try await store.allCampaigns() }, one: { try await store.campaign(Identifier($0)) },
            cells: { campaign, messages in [.init(text: campaign.title), .init(text: messages.number(campaign.actions.count))] },
            fields: { campaign, errors, messages in
                CampaignForm(actions: try await store.allUrgentActions(), messages: messages).fields(campaign, errors: errors)
            },
            read: { form, base, messages in
                CampaignForm(actions: try await store.allUrgentActions(), messages: messages).read(form, base: base)
            },
            save: { try await store.save($0, audit: $1) },
            related: { campaign, messages in
                [Link(text: messages("admin.campaign.public-page"), href: SiteRoute.campaign(campaign.id).path)]
            })
    }

    /// Groups: coordinators create them (confirmed at once) and hand out their private links.
    static func groups(_ store: Store, links: GroupLinks) -> EditableRecord<WritingGroup> {
        EditableRecord(
            noun: "group", kind: .groups, table: .writingGroups, columns: ["name", "kind", "town", "size", "group-status"],
            blank: { WritingGroup(id: "", name: "", kind: .school, size: 0) },
            id: { $0.id.rawValue }, name: { $0.name },
            withID: {
                var copy = $0
                copy.id = Identifier($1)
                return copy
            },
            all: { try await store.allGroups() }, one: { try await store.writingGroup(Identifier($0)) },
            cells: { group, messages in
                [
                    .init(text: group.name), .init(text: messages.groupKind(group.kind)), .init(text: messages.place(group)),
                    .init(text: messages.number(group.size)),
                    .init(
                        text: messages(
                            group.status == .confirmed && !group.verified
                                ? "admin.group.status-unchecked" : "admin.group.status-" + group.status.rawValue)),
                ]
            },
            fields: { group, errors, messages in GroupForm(messages: messages, isRegistration: false).fields(group, errors: errors) },
            read: { form, base, messages in GroupForm(messages: messages, isRegistration: false).read(form, base: base) },
            save: { try await store.save($0, audit: $1) },
            related: { group, messages in
                [
                    Link(text: messages("admin.group.private-link"), href: SiteRoute.groupReport(links.token(group)).path),
                    Link(text: messages("admin.group.held-reports"), href: AdminRoute.groupReports.path),
                ] + (group.showsName ? [Link(text: messages("admin.group.public-page"), href: SiteRoute.group(group.id).path)] : [])
            },
            secondary: { group, messages in
                FormView.SecondaryForm(action: AdminRoute.newGroupLink(group.id).path, submit: messages("admin.group.new-link"))
            })
    }

    static func statements(_ store: Store, today: @escaping @Sendable () -> Date) -> EditableRecord<Statement> {
        @Sendable func form(_ messages: Messages) async throws -> StatementForm {
            StatementForm(
                cases: try await store.allCases(), people: try await store.allPeople(), organisations: try await store.allOrganisations(),
                messages: messages)
        }
        return EditableRecord(
            noun: "statement", kind: .statements, table: .statements, columns: ["title", "published", "quotes"],
            blank: { Statement(id: "", title: "", published: HistoricalDate(day: today()), lead: []) },
            id: { $0.id.rawValue }, name: { $0.title },
            withID: {
                var copy = $0
                copy.id = Identifier($1)
                return copy
            },
            all: { try await store.allStatements() }, one: { try await store.statement(Identifier($0)) },
            cells: { statement, messages in
                [
                    .init(text: statement.title), .init(text: messages.date(statement.published).text),
                    .init(text: messages.number(statement.quotes.count)),
                ]
            },
            fields: { statement, errors, messages in try await form(messages).fields(statement, errors: errors) },
            read: { body, base, messages in try await form(messages).read(body, base: base) },
            save: { try await store.save($0, audit: $1) }, translationKind: .statement)
    }
}
