import Foundation
import OpenAPIRuntime
import OutcryCore
import OutcryStore

/// Writes with a `write` token: draft Urgent Actions, cases, people, officials, statements, status changes,
/// and texts to import. Each is checked as the coordinators' forms check theirs, saved with an audit entry
/// naming the token, and answered with the record as `GET` shows it. A `PUT` with `If-Match` is refused (412)
/// when the record changed since that tag was read.
extension APIService {
    // MARK: Urgent Actions

    func createAction(_ input: Operations.CreateAction.Input) async throws -> Operations.CreateAction.Output {
        let token = try APICaller.require(.write)
        guard case .json(let body) = input.body else { throw Self.notJSON }
        let id = Identifier<UrgentAction>(UrgentAction.slug(forNumber: body.number))
        guard !id.rawValue.isEmpty else { throw APIProblem.invalid("/number", "A number has letters or digits, such as 30.24.") }
        guard try await store.urgentAction(id) == nil else {
            throw APIProblem(status: .conflict, detail: "An Urgent Action with the id \(id.rawValue) exists: change it with PUT.")
        }
        let action = try await checked(body, id: id)
        try await store.save(action, audit: audit(token, "created", "urgent action", id.rawValue, action.title))
        let saved = try await representation(of: action)
        return .created(.init(headers: .init(eTag: try EntityTag.of(saved)), body: .json(saved)))
    }

    func updateAction(_ input: Operations.UpdateAction.Input) async throws -> Operations.UpdateAction.Output {
        let token = try APICaller.require(.write)
        guard case .json(let body) = input.body else { throw Self.notJSON }
        guard let existing = try await store.urgentAction(Identifier(input.path.id)) else { throw APIProblem.notFound("Urgent Action") }
        guard existing.status == .draft else {
            throw APIProblem(
                status: .conflict, detail: "This action is \(existing.status.rawValue): only drafts change through the API.")
        }
        let action = try await checked(body, id: existing.id)
        try Self.checkUnchanged(try await representation(of: existing), ifMatch: input.headers.ifMatch)
        try await store.save(action, audit: audit(token, "changed", "urgent action", action.id.rawValue, action.title))
        let saved = try await representation(of: action)
        return .ok(.init(headers: .init(eTag: try EntityTag.of(saved)), body: .json(saved)))
    }

    private func checked(_ body: Components.Schemas.ActionInput, id: Identifier<UrgentAction>) async throws -> UrgentAction {
        var check = FieldCheck()
        let number = check.text(body.number, "/number", required: true, limit: 40) ?? ""
        if try await store.allUrgentActions().contains(where: { $0.number == number && $0.id != id }) {
            check.add("/number", "Another Urgent Action has this number.")
        }
        let title = check.text(body.title, "/title", required: true, limit: 300) ?? ""
        let summary = check.text(body.summary, "/summary", required: true, limit: 20_000) ?? ""
        let issued = check.date(body.issued, "/issued", required: true)
        let deadline = check.date(body.deadline, "/deadline")
        if let issued, let deadline, deadline < issued { check.add("/deadline", "The deadline is before the issue date.") }
        let caseID = Identifier<Case>(body.caseId)
        if try await store.case(caseID) == nil { check.add("/case_id", "There is no case with this id.") }
        let people: [Identifier<Person>] = check.ids(
            body.personIds, "/person_ids", known: Set(try await store.allPeople().map(\.id.rawValue)))
        let officials = Set(try await store.allTargets().map(\.id.rawValue))
        var targets: [UrgentActionTarget] = []
        for (index, entry) in (body.targets ?? []).enumerated() {
            guard officials.contains(entry.targetId) else {
                check.add("/targets/\(index)/target_id", "There is no official with this id.")
                continue
            }
            targets.append(UrgentActionTarget(target: Identifier(entry.targetId), role: entry.role == .copy ? .copy : .primary))
        }
        let language = check.language(body.language, "/language") ?? "en"
        var letters: [SampleLetter] = []
        for (index, letter) in (body.letters ?? []).enumerated() {
            let field = "/letters/\(index)"
            let target = letter.targetId.map { Identifier<Target>($0) }
            if let target, !targets.contains(where: { $0.target == target }) {
                check.add(field + "/target_id", "This official is not one of the action's.")
            }
            letters.append(
                SampleLetter(
                    target: target, language: check.language(letter.language, field + "/language") ?? language,
                    salutation: check.text(letter.salutation, field + "/salutation", required: true, limit: 300) ?? "",
                    paragraphs: check.lines(letter.paragraphs, field + "/paragraphs", limit: 5000, required: true),
                    closing: check.text(letter.closing, field + "/closing", limit: 300) ?? ""))
        }
        if let updates = body.updates, try await store.urgentAction(Identifier(updates)) == nil {
            check.add("/updates", "There is no Urgent Action with this id.")
        }
        let takeAction = check.lines(body.takeAction, "/take_action", limit: 2000)
        let asks = check.lines(body.asks, "/asks", limit: 2000)
        try check.finish()
        return UrgentAction(
            id: id, number: number, kind: body.kind.flatMap { UrgentAction.Kind(rawValue: $0.rawValue) } ?? .new, caseID: caseID,
            title: title, summary: summary, issued: issued!, deadline: deadline, language: language,
            takeAction: takeAction, asks: asks, people: people, targets: targets,
            letters: letters, status: .draft, updates: body.updates.map { Identifier($0) }, goal: body.goal)
    }

    // MARK: Cases and status changes

    func createCase(_ input: Operations.CreateCase.Input) async throws -> Operations.CreateCase.Output {
        let token = try APICaller.require(.write)
        guard case .json(let body) = input.body else { throw Self.notJSON }
        let id = try await newSlug(from: body.title) { try await store.exists($0, in: .cases) }
        let item = try await checked(body, id: Identifier(id), base: nil)
        try await store.save(item, audit: audit(token, "created", "case", id, item.title))
        let saved = try await representation(of: item)
        return .created(.init(headers: .init(eTag: try EntityTag.of(saved)), body: .json(saved)))
    }

    func updateCase(_ input: Operations.UpdateCase.Input) async throws -> Operations.UpdateCase.Output {
        let token = try APICaller.require(.write)
        guard case .json(let body) = input.body else { throw Self.notJSON }
        guard let existing = try await store.case(Identifier(input.path.id)) else { throw APIProblem.notFound("case") }
        let item = try await checked(body, id: existing.id, base: existing)
        try Self.checkUnchanged(try await representation(of: existing), ifMatch: input.headers.ifMatch)
        try await store.save(item, audit: audit(token, "changed", "case", item.id.rawValue, item.title))
        let saved = try await representation(of: item)
        return .ok(.init(headers: .init(eTag: try EntityTag.of(saved)), body: .json(saved)))
    }

    private func checked(_ body: Components.Schemas.CaseInput, id: Identifier<Case>, base: Case?) async throws -> Case {
        var check = FieldCheck()
        let title = check.text(body.title, "/title", required: true, limit: 300) ?? ""
        let country = check.country(body.country, "/country", required: true)
        let summary = check.text(body.summary, "/summary", required: true, limit: 5000) ?? ""
        let themes = check.lines(body.themes, "/themes", limit: 100)
        let people: [Identifier<Person>] = check.ids(
            body.personIds, "/person_ids", known: Set(try await store.allPeople().map(\.id.rawValue)))
        let organisations: [Identifier<Organisation>] = check.ids(
            body.organisationIds, "/organisation_ids", known: Set(try await store.allOrganisations().map(\.id.rawValue)))
        try check.finish()
        var item = base ?? Case(id: id, title: title, country: country!, summary: summary)
        item.title = title
        item.country = country!
        item.summary = summary
        item.themes = themes
        item.status = body.status.flatMap { Case.Status(rawValue: $0.rawValue) } ?? base?.status ?? .open
        item.people = people
        item.organisations = organisations
        return item
    }

    func addStatusChange(_ input: Operations.AddStatusChange.Input) async throws -> Operations.AddStatusChange.Output {
        let token = try APICaller.require(.write)
        guard case .json(let body) = input.body else { throw Self.notJSON }
        guard let item = try await store.case(Identifier(input.path.id)) else { throw APIProblem.notFound("case") }
        var check = FieldCheck()
        let date = check.eventDate(body.date, "/date")
        let summary = check.text(body.summary, "/summary", required: true, limit: 2000) ?? ""
        let people: [Identifier<Person>] = check.ids(
            body.personIds, "/person_ids", known: Set(try await store.allPeople().map(\.id.rawValue)))
        let organisations: [Identifier<Organisation>] = check.ids(
            body.organisationIds, "/organisation_ids", known: Set(try await store.allOrganisations().map(\.id.rawValue)))
        let place = check.text(body.place, "/place", limit: 200)
        let term = check.text(body.term, "/term", limit: 200)
        try check.finish()
        let kind = EventKind(rawValue: body.kind.rawValue) ?? .other
        let id = try await newSlug(from: "\(item.id.rawValue)-\(kind.rawValue)-\(date!.iso)") { try await store.exists($0, in: .events) }
        let event = Event(
            id: Identifier(id), caseID: item.id, date: date!, kind: kind, summary: summary, place: place, people: people,
            organisations: organisations, term: term)
        try await store.save(event, audit: audit(token, "created", "status change", id, summary))
        let saved = Components.Schemas.Event(event)
        return .created(.init(headers: .init(eTag: try EntityTag.of(saved)), body: .json(saved)))
    }

    // MARK: People

    func createPerson(_ input: Operations.CreatePerson.Input) async throws -> Operations.CreatePerson.Output {
        let token = try APICaller.require(.write)
        guard case .json(let body) = input.body else { throw Self.notJSON }
        let id = try await newSlug(from: body.name) { try await store.exists($0, in: .people) }
        let person = try await checked(body, base: Person(id: Identifier(id), name: ""))
        try await store.save(person, audit: audit(token, "created", "person", id, person.name))
        let saved = try await representation(of: person)
        return .created(.init(headers: .init(eTag: try EntityTag.of(saved)), body: .json(saved)))
    }

    func updatePerson(_ input: Operations.UpdatePerson.Input) async throws -> Operations.UpdatePerson.Output {
        let token = try APICaller.require(.write)
        guard case .json(let body) = input.body else { throw Self.notJSON }
        guard let existing = try await store.person(Identifier(input.path.id)) else { throw APIProblem.notFound("person") }
        let person = try await checked(body, base: existing)
        try Self.checkUnchanged(try await representation(of: existing), ifMatch: input.headers.ifMatch)
        try await store.save(person, audit: audit(token, "changed", "person", person.id.rawValue, person.name))
        let saved = try await representation(of: person)
        return .ok(.init(headers: .init(eTag: try EntityTag.of(saved)), body: .json(saved)))
    }

    private func checked(_ body: Components.Schemas.PersonInput, base: Person) async throws -> Person {
        var check = FieldCheck()
        var person = base
        person.name = check.text(body.name, "/name", required: true, limit: 200) ?? ""
        person.variants = (body.variants ?? []).enumerated().compactMap { index, variant in
            guard let name = check.text(variant.name, "/variants/\(index)/name", required: true, limit: 200) else { return nil }
            return NameVariant(
                name: name, script: NameVariant.script(of: name), language: check.language(variant.language, "/variants/\(index)/language"))
        }
        person.role = check.text(body.role, "/role", limit: 300)
        person.affiliations = check.ids(
            body.organisationIds, "/organisation_ids", known: Set(try await store.allOrganisations().map(\.id.rawValue)))
        try check.finish()
        return person
    }

    // MARK: Officials

    func listTargets(_ input: Operations.ListTargets.Input) async throws -> Operations.ListTargets.Output {
        let paging = try Paging(page: input.query.page, perPage: input.query.perPage)
        let all = try await store.allTargets().sorted { $0.name.localizedCompare($1.name) == .orderedAscending }
        let body = Operations.ListTargets.Output.Ok.Body.JsonPayload(
            items: paging.slice(all).map(Components.Schemas.Target.init), page: paging.page, perPage: paging.perPage, total: all.count,
            totalPages: paging.totalPages(all.count), _links: paging.links("/api/v1/targets", total: all.count))
        let tag = try EntityTag.of(body)
        if EntityTag.isCurrent(tag, ifNoneMatch: input.headers.ifNoneMatch) { return .notModified(.init(headers: .init(eTag: tag))) }
        return .ok(.init(headers: .init(eTag: tag), body: .json(body)))
    }

    func getTarget(_ input: Operations.GetTarget.Input) async throws -> Operations.GetTarget.Output {
        guard let target = try await store.targets([Identifier(input.path.id)]).first else { throw APIProblem.notFound("official") }
        let body = Components.Schemas.Target(target)
        let tag = try EntityTag.of(body)
        if EntityTag.isCurrent(tag, ifNoneMatch: input.headers.ifNoneMatch) { return .notModified(.init(headers: .init(eTag: tag))) }
        return .ok(.init(headers: .init(eTag: tag), body: .json(body)))
    }

    func createTarget(_ input: Operations.CreateTarget.Input) async throws -> Operations.CreateTarget.Output {
        let token = try APICaller.require(.write)
        guard case .json(let body) = input.body else { throw Self.notJSON }
        let id = try await newSlug(from: body.name) { try await store.exists($0, in: .targets) }
        let target = try Self.checked(body, base: Target(id: Identifier(id), name: ""))
        try await store.save(target, audit: audit(token, "created", "target", id, target.name))
        let saved = Components.Schemas.Target(target)
        return .created(.init(headers: .init(eTag: try EntityTag.of(saved)), body: .json(saved)))
    }

    func updateTarget(_ input: Operations.UpdateTarget.Input) async throws -> Operations.UpdateTarget.Output {
        let token = try APICaller.require(.write)
        guard case .json(let body) = input.body else { throw Self.notJSON }
        guard let existing = try await store.targets([Identifier(input.path.id)]).first else { throw APIProblem.notFound("official") }
        let target = try Self.checked(body, base: existing)
        try Self.checkUnchanged(Components.Schemas.Target(existing), ifMatch: input.headers.ifMatch)
        try await store.save(target, audit: audit(token, "changed", "target", target.id.rawValue, target.name))
        let saved = Components.Schemas.Target(target)
        return .ok(.init(headers: .init(eTag: try EntityTag.of(saved)), body: .json(saved)))
    }

    private static func checked(_ body: Components.Schemas.TargetInput, base: Target) throws(APIProblem) -> Target {
        var check = FieldCheck()
        var target = base
        target.honorific = check.text(body.honorific, "/honorific", limit: 60)
        target.name = check.text(body.name, "/name", required: true, limit: 200) ?? ""
        target.title = check.text(body.title, "/title", limit: 300)
        target.body = check.text(body.body, "/body", limit: 300)
        target.addressLines = check.lines(body.address, "/address", limit: 300)
        target.country = check.country(body.country, "/country")
        target.emails = check.lines(body.emails, "/emails", limit: 254)
        for (index, email) in target.emails.enumerated() where EmailAddress(email) == nil {
            check.add("/emails/\(index)", "Not an e-mail address.")
        }
        target.phone = check.text(body.phone, "/phone", limit: 40)
        target.fax = check.text(body.fax, "/fax", limit: 40)
        for (field, number) in [("/phone", target.phone), ("/fax", target.fax)] {
            if let number, !number.allSatisfy({ $0.isASCII && ($0.isNumber || " +-()./".contains($0)) }) {
                check.add(field, "Digits, spaces and + - ( ) . / only.")
            }
        }
        target.socialHandles = (body.social ?? []).enumerated().compactMap { index, handle in
            guard let text = check.text(handle.handle, "/social/\(index)/handle", required: true, limit: 200) else { return nil }
            return SocialHandle(network: SocialHandle.Network(rawValue: handle.network.rawValue) ?? .other, handle: text)
        }
        target.contactFormURL = check.text(body.contactForm, "/contact_form", limit: 2000)
        if let url = target.contactFormURL, !Webhook.isAcceptable(url: url) { check.add("/contact_form", "An http or https address.") }
        target.salutation = check.text(body.salutation, "/salutation", limit: 300)
        target.preferredLanguage = check.language(body.language, "/language")
        try check.finish()
        return target
    }

    // MARK: Statements

    func createStatement(_ input: Operations.CreateStatement.Input) async throws -> Operations.CreateStatement.Output {
        let token = try APICaller.require(.write)
        guard case .json(let body) = input.body else { throw Self.notJSON }
        let id = try await newSlug(from: body.title) { try await store.exists($0, in: .statements) }
        let statement = try await checked(body, id: Identifier(id))
        try await store.save(statement, audit: audit(token, "created", "statement", id, statement.title))
        let saved = Components.Schemas.Statement(statement, links: links)
        return .created(.init(headers: .init(eTag: try EntityTag.of(saved)), body: .json(saved)))
    }

    func updateStatement(_ input: Operations.UpdateStatement.Input) async throws -> Operations.UpdateStatement.Output {
        let token = try APICaller.require(.write)
        guard case .json(let body) = input.body else { throw Self.notJSON }
        guard let existing = try await store.statement(Identifier(input.path.id)) else { throw APIProblem.notFound("statement") }
        let statement = try await checked(body, id: existing.id)
        try Self.checkUnchanged(Components.Schemas.Statement(existing, links: links), ifMatch: input.headers.ifMatch)
        try await store.save(statement, audit: audit(token, "changed", "statement", statement.id.rawValue, statement.title))
        let saved = Components.Schemas.Statement(statement, links: links)
        return .ok(.init(headers: .init(eTag: try EntityTag.of(saved)), body: .json(saved)))
    }

    private func checked(_ body: Components.Schemas.StatementInput, id: Identifier<Statement>) async throws -> Statement {
        var check = FieldCheck()
        let title = check.text(body.title, "/title", required: true, limit: 300) ?? ""
        let published = check.date(body.published, "/published", required: true)
        let lead = check.lines(body.lead, "/lead", limit: 5000, required: true)
        let quotes: [Quote] = (body.quotes ?? []).enumerated().compactMap { index, quote in
            let field = "/quotes/\(index)"
            let speaker = check.text(quote.speaker, field + "/speaker", required: true, limit: 200)
            let paragraphs = check.lines(quote.paragraphs, field + "/paragraphs", limit: 5000, required: true)
            return speaker.map { Quote(paragraphs: paragraphs, speaker: $0, role: check.text(quote.role, field + "/role", limit: 300)) }
        }
        let background = check.lines(body.background, "/background", limit: 5000)
        let cases: [Identifier<Case>] = check.ids(body.caseIds, "/case_ids", known: Set(try await store.allCases().map(\.id.rawValue)))
        let people: [Identifier<Person>] = check.ids(
            body.personIds, "/person_ids", known: Set(try await store.allPeople().map(\.id.rawValue)))
        let organisations: [Identifier<Organisation>] = check.ids(
            body.organisationIds, "/organisation_ids", known: Set(try await store.allOrganisations().map(\.id.rawValue)))
        try check.finish()
        return Statement(
            id: id, title: title, published: published!, lead: lead, quotes: quotes, background: background, cases: cases, people: people,
            organisations: organisations)
    }

    // MARK: Importing

    func importText(_ input: Operations.ImportText.Input) async throws -> Operations.ImportText.Output {
        let token = try APICaller.require(.write)
        guard case .plainText(let stream) = input.body else { throw Self.notJSON }
        let bytes: [UInt8]
        do {
            bytes = try await [UInt8](collecting: stream, upTo: DocumentImporter.maximumBytes)
        } catch {
            throw APIProblem(status: .contentTooLarge, detail: "The text is larger than 1 MB.")
        }
        let document: ImportedDocument
        do throws(ImportError) {
            document = try DocumentImporter().read(bytes: bytes)
        } catch {
            throw APIProblem.invalid("/", "The importer cannot read this: \(error).")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let now = clock.now
        let draft = ImportDraft(sourceName: "sent by \(token.actor)", sourceText: text, document: document, importedAt: now)
        _ = try await store.save(draft)
        try await store.record(audit(token, "imported", "import draft", draft.id, document.headline))
        let json = try JSONDecoder().decode(OpenAPIObjectContainer.self, from: try JSONEncoder().encode(document))
        return .created(.init(body: .json(.init(additionalProperties: json))))
    }

    // MARK: Shared

    static var notJSON: APIProblem { APIProblem(status: .unsupportedMediaType, detail: "Send JSON.") }

    /// `If-Match` names the representation as it is now (or `*`); without the header, the change goes ahead.
    static func checkUnchanged<T: Encodable>(_ current: T, ifMatch: String?) throws {
        guard let ifMatch, !ifMatch.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        let tag = try EntityTag.of(current)
        guard !EntityTag.isCurrent(tag, ifNoneMatch: ifMatch) else { return }
        throw APIProblem(
            status: .preconditionFailed, detail: "The record changed since you read it: read it again, then send your change.")
    }

    func audit(_ token: APIToken, _ action: String, _ kind: String, _ id: String, _ summary: String) -> AuditEntry {
        AuditEntry(at: clock.now, actor: token.actor, action: action, recordKind: kind, recordID: id, summary: summary)
    }
}
