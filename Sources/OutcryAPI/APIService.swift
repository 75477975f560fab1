import Foundation
import OpenAPIRuntime
import OutcryCore
import OutcryStore

/// The operations of the OpenAPI document (`openapi.json`), over the store: public records for everyone,
/// drafts for a `read` token, reports for a `reports` token.
struct APIService: APIProtocol {
    let store: Store
    let clock: any WallClock
    let links: APILinks
    let writer: ReportWriter
    /// Opens supporters' sealed addresses, for the `reports` scope only.
    let vault: ContactVault
    /// Called after a report was counted, so that the site's cached totals follow at once.
    let reported: @Sendable (Identifier<UrgentAction>) -> Void

    // MARK: Actions

    func listActions(_ input: Operations.ListActions.Input) async throws -> Operations.ListActions.Output {
        let paging = try Paging(page: input.query.page, perPage: input.query.perPage)
        var actions = try await visibleActions()
        if let status = input.query.status {
            if status == .draft { _ = try APICaller.require(.read) }
            actions = actions.filter { $0.status.rawValue == status.rawValue }
        }
        let query = input.query.status.map { [("status", $0.rawValue)] } ?? []
        let body = Operations.ListActions.Output.Ok.Body.JsonPayload(
            items: paging.slice(actions).map { .init($0, links: links) }, page: paging.page, perPage: paging.perPage,
            total: actions.count, totalPages: paging.totalPages(actions.count),
            _links: paging.links("/api/v1/actions", total: actions.count, query: query))
        let tag = try EntityTag.of(body)
        if EntityTag.isCurrent(tag, ifNoneMatch: input.headers.ifNoneMatch) { return .notModified(.init(headers: .init(eTag: tag))) }
        return .ok(.init(headers: .init(eTag: tag), body: .json(body)))
    }

    func getAction(_ input: Operations.GetAction.Input) async throws -> Operations.GetAction.Output {
        let body = try await representation(of: try await visibleAction(input.path.id))
        let tag = try EntityTag.of(body)
        if EntityTag.isCurrent(tag, ifNoneMatch: input.headers.ifNoneMatch) { return .notModified(.init(headers: .init(eTag: tag))) }
        return .ok(.init(headers: .init(eTag: tag), body: .json(body)))
    }

    func getActionTotals(_ input: Operations.GetActionTotals.Input) async throws -> Operations.GetActionTotals.Output {
        let action = try await visibleAction(input.path.id)
        let body = Components.Schemas.Totals(try await store.totals(of: action.id), of: action.id)
        let tag = try EntityTag.of(body)
        if EntityTag.isCurrent(tag, ifNoneMatch: input.headers.ifNoneMatch) { return .notModified(.init(headers: .init(eTag: tag))) }
        return .ok(.init(headers: .init(eTag: tag), body: .json(body)))
    }

    func recordReport(_ input: Operations.RecordReport.Input) async throws -> Operations.RecordReport.Output {
        let token = try APICaller.require(.reports)
        guard case .json(let report) = input.body else { throw APIProblem(status: .unsupportedMediaType, detail: "Send JSON.") }
        let counts = report.counts
        let outcome = try await record(
            on: input.path.id, token: token, key: report.idempotencyKey, keyField: "/idempotency_key",
            counts: [
                .letter: counts.letter, .email: counts.email, .fax: counts.fax, .call: counts.call, .social: counts.social,
                .other: counts.other,
            ].compactMapValues { $0 }, targets: (report.targetIds ?? []).map { Identifier($0) }, targetsField: "/target_ids",
            country: report.country, countryField: "/country", countsField: "/counts")
        return .created(
            .init(
                body: .json(
                    .init(status: .init(rawValue: outcome.rawValue)!, actionId: input.path.id, idempotencyKey: report.idempotencyKey))))
    }

    // MARK: Cases, people, organisations, statements

    func listCases(_ input: Operations.ListCases.Input) async throws -> Operations.ListCases.Output {
        let paging = try Paging(page: input.query.page, perPage: input.query.perPage)
        let cases = try await store.allCases().reversed() as [Case]
        let body = Operations.ListCases.Output.Ok.Body.JsonPayload(
            items: paging.slice(cases).map { .init($0, links: links) }, page: paging.page, perPage: paging.perPage, total: cases.count,
            totalPages: paging.totalPages(cases.count), _links: paging.links("/api/v1/cases", total: cases.count))
        let tag = try EntityTag.of(body)
        if EntityTag.isCurrent(tag, ifNoneMatch: input.headers.ifNoneMatch) { return .notModified(.init(headers: .init(eTag: tag))) }
        return .ok(.init(headers: .init(eTag: tag), body: .json(body)))
    }

    func getCase(_ input: Operations.GetCase.Input) async throws -> Operations.GetCase.Output {
        guard let item = try await store.case(Identifier(input.path.id)) else { throw APIProblem.notFound("case") }
        let body = try await representation(of: item)
        let tag = try EntityTag.of(body)
        if EntityTag.isCurrent(tag, ifNoneMatch: input.headers.ifNoneMatch) { return .notModified(.init(headers: .init(eTag: tag))) }
        return .ok(.init(headers: .init(eTag: tag), body: .json(body)))
    }

    func listPeople(_ input: Operations.ListPeople.Input) async throws -> Operations.ListPeople.Output {
        let paging = try Paging(page: input.query.page, perPage: input.query.perPage)
        let people = try await store.allPeople().sorted { $0.name.localizedCompare($1.name) == .orderedAscending }
        let shown = paging.slice(people)
        let events = try await store.allEvents()
        let body = Operations.ListPeople.Output.Ok.Body.JsonPayload(
            items: shown.map { .init($0, events: events, links: links) }, page: paging.page, perPage: paging.perPage,
            total: people.count, totalPages: paging.totalPages(people.count), _links: paging.links("/api/v1/people", total: people.count))
        let tag = try EntityTag.of(body)
        if EntityTag.isCurrent(tag, ifNoneMatch: input.headers.ifNoneMatch) { return .notModified(.init(headers: .init(eTag: tag))) }
        return .ok(.init(headers: .init(eTag: tag), body: .json(body)))
    }

    func getPerson(_ input: Operations.GetPerson.Input) async throws -> Operations.GetPerson.Output {
        guard let person = try await store.person(Identifier(input.path.id)) else { throw APIProblem.notFound("person") }
        let body = try await representation(of: person)
        let tag = try EntityTag.of(body)
        if EntityTag.isCurrent(tag, ifNoneMatch: input.headers.ifNoneMatch) { return .notModified(.init(headers: .init(eTag: tag))) }
        return .ok(.init(headers: .init(eTag: tag), body: .json(body)))
    }

    func listOrganisations(_ input: Operations.ListOrganisations.Input) async throws -> Operations.ListOrganisations.Output {
        let paging = try Paging(page: input.query.page, perPage: input.query.perPage)
        let all = try await store.allOrganisations().sorted { $0.name.localizedCompare($1.name) == .orderedAscending }
        let body = Operations.ListOrganisations.Output.Ok.Body.JsonPayload(
            items: paging.slice(all).map(Components.Schemas.Organisation.init), page: paging.page, perPage: paging.perPage,
            total: all.count, totalPages: paging.totalPages(all.count), _links: paging.links("/api/v1/organisations", total: all.count))
        let tag = try EntityTag.of(body)
        if EntityTag.isCurrent(tag, ifNoneMatch: input.headers.ifNoneMatch) { return .notModified(.init(headers: .init(eTag: tag))) }
        return .ok(.init(headers: .init(eTag: tag), body: .json(body)))
    }

    func listStatements(_ input: Operations.ListStatements.Input) async throws -> Operations.ListStatements.Output {
        let paging = try Paging(page: input.query.page, perPage: input.query.perPage)
        let all = try await store.allStatements().sorted { $0.published > $1.published }
        let body = Operations.ListStatements.Output.Ok.Body.JsonPayload(
            items: paging.slice(all).map { .init($0, links: links) }, page: paging.page, perPage: paging.perPage, total: all.count,
            totalPages: paging.totalPages(all.count), _links: paging.links("/api/v1/statements", total: all.count))
        let tag = try EntityTag.of(body)
        if EntityTag.isCurrent(tag, ifNoneMatch: input.headers.ifNoneMatch) { return .notModified(.init(headers: .init(eTag: tag))) }
        return .ok(.init(headers: .init(eTag: tag), body: .json(body)))
    }

    func getStatement(_ input: Operations.GetStatement.Input) async throws -> Operations.GetStatement.Output {
        guard let statement = try await store.statement(Identifier(input.path.id)) else { throw APIProblem.notFound("statement") }
        let body = Components.Schemas.Statement(statement, links: links)
        let tag = try EntityTag.of(body)
        if EntityTag.isCurrent(tag, ifNoneMatch: input.headers.ifNoneMatch) { return .notModified(.init(headers: .init(eTag: tag))) }
        return .ok(.init(headers: .init(eTag: tag), body: .json(body)))
    }

    // MARK: Shared

    func representation(of action: UrgentAction) async throws -> Components.Schemas.Action {
        async let people = store.people(action.people)
        async let targets = store.targets(action.targets.map(\.target))
        return Components.Schemas.Action(action, people: try await people, targets: try await targets, links: links)
    }

    func representation(of item: Case) async throws -> Components.Schemas.Case {
        async let people = store.people(item.people)
        async let events = store.events(inCase: item.id)
        async let actions = visibleActions(inCase: item.id)
        async let statements = store.statements(aboutCase: item.id)
        let summary = Components.Schemas.CaseSummary(item, links: links)
        return Components.Schemas.Case(
            id: summary.id, title: summary.title, country: summary.country, status: .init(rawValue: summary.status.rawValue)!,
            themes: summary.themes, url: summary.url, summary: item.summary,
            people: try await people.map { .init(id: $0.id.rawValue, name: $0.name) },
            organisationIds: item.organisations.map(\.rawValue),
            timeline: Timeline.ordered(try await events).map(Components.Schemas.Event.init),
            actionIds: try await actions.map(\.id.rawValue), statementIds: try await statements.map(\.id.rawValue))
    }

    func representation(of person: Person) async throws -> Components.Schemas.Person {
        Components.Schemas.Person(person, events: try await store.events(affecting: person.id), links: links)
    }

    /// Public actions, or every action for a `read` token; newest first.
    func visibleActions() async throws -> [UrgentAction] {
        let actions = APICaller.readsDrafts ? try await store.allUrgentActions() : try await store.publicUrgentActions()
        return actions.sorted { $0.issued != $1.issued ? $0.issued > $1.issued : $0.id.rawValue > $1.id.rawValue }
    }

    private func visibleActions(inCase id: Identifier<Case>) async throws -> [UrgentAction] {
        try await visibleActions().filter { $0.caseID == id }
    }

    /// The action with this id if the caller may see it; a draft is "not found" to the public, as on the site.
    func visibleAction(_ id: String) async throws -> UrgentAction {
        guard let action = try await store.urgentAction(Identifier(id)), action.status != .draft || APICaller.readsDrafts else {
            throw APIProblem.notFound("Urgent Action")
        }
        return action
    }

    enum Recorded: String {
        case counted
        case heldForReview = "held_for_review"
        case alreadyRecorded = "already_recorded"
    }

    /// Records a report from a partner system as the site records a supporter's: the same rules and caps,
    /// counted once per key (keys are the account's own: two partners cannot collide), and audited.
    func record(
        on actionID: String, token: APIToken, key: String, keyField: String, counts: [Channel: Int], targets: [Identifier<Target>],
        targetsField: String, country typedCountry: String?, countryField: String, countsField: String
    ) async throws -> Recorded {
        guard let action = try await store.urgentAction(Identifier(actionID)), action.status != .draft else {
            throw APIProblem.notFound("Urgent Action taking reports")
        }
        guard action.status == .published else {
            throw APIProblem(status: .conflict, detail: "This action is closed: reports are no longer counted.")
        }
        guard (3...200).contains(key.count) else { throw APIProblem.invalid(keyField, "The key must have 3 to 200 characters.") }
        var country: Country?
        if let typedCountry, !typedCountry.isEmpty {
            guard typedCountry.count <= 100 else { throw APIProblem.invalid(countryField, "A country's name has at most 100 characters.") }
            guard let known = Country(rawValue: typedCountry) ?? Country.named(typedCountry) else {
                throw APIProblem.invalid(countryField, "This is not a country Outcry knows: use its ISO 3166 code, such as KG.")
            }
            country = known
        }
        let input: ReportInput
        do throws(ReportError) {
            input = try ReportRules.validate(ReportInput(counts: counts, targets: targets, country: country), for: action)
        } catch {
            switch error {
            case .negative(let channel), .tooMany(let channel, _), .notANumber(let channel):
                throw APIProblem.invalid(countsField + "/" + channel.rawValue, error.description)
            case .nothingReported: throw APIProblem.invalid(countsField, "Every count is zero: there is nothing to record.")
            case .unknownTarget: throw APIProblem.invalid(targetsField, "An official named here is not one of this action's.")
            case .unknownCountry: throw APIProblem.invalid(countryField, error.description)
            case .actionClosed: throw APIProblem(status: .conflict, detail: error.description)
            case .actionNotFound: throw APIProblem.notFound("Urgent Action taking reports")
            }
        }
        let now = clock.now
        let outcome = try await writer.submit(
            IncomingReport(
                idempotencyKey: "api:\(token.account.rawValue):\(key)", urgentAction: action.id, input: input,
                clientHash: "api:" + token.id.rawValue, reportedAt: now))
        switch outcome {
        case .duplicate: return .alreadyRecorded
        case .counted, .flagged:
            reported(action.id)
            let held = outcome != .counted
            try await store.record(
                AuditEntry(
                    at: now, actor: token.actor, action: held ? "report held for review" : "report recorded", recordKind: "urgent action",
                    recordID: action.id.rawValue,
                    summary: input.counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }
                        .joined(separator: ", ")))
            return held ? .heldForReview : .counted
        }
    }
}
