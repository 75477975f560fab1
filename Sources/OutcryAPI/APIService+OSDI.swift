import Foundation
import OpenAPIRuntime
import OutcryCore
import OutcryStore

/// The same actions as OSDI v1.2 advocacy campaigns (HAL, `osdi:` curies), and the record outreach helper,
/// so that a CRM that speaks OSDI reads campaigns and records its events' outreaches.
extension APIService {
    static let osdiCuries: [String: (any Sendable)?] = [
        "name": "osdi", "href": "http://opensupporter.github.io/osdi-docs/{rel}", "templated": true,
    ]

    /// A HAL collection's links: this page, the next and previous when there are, and the `osdi:` curies.
    static func pageLinks(_ path: String, paging: Paging, total: Int) -> [String: (any Sendable)?] {
        var links: [String: (any Sendable)?] = ["self": ["href": paging.href(path, page: paging.page)], "curies": [osdiCuries]]
        if paging.page < paging.totalPages(total) { links["next"] = ["href": paging.href(path, page: paging.page + 1)] }
        if paging.page > 1 { links["prev"] = ["href": paging.href(path, page: paging.page - 1)] }
        return links
    }

    func osdiEntryPoint(_ input: Operations.OsdiEntryPoint.Input) async throws -> Operations.OsdiEntryPoint.Output {
        let body = Components.Schemas.OSDIEntryPoint(
            motd: "Urgent Actions from this site, as OSDI advocacy campaigns.", vendorName: "Outcry", productName: "Outcry",
            osdiVersion: "1.2", maxPagesize: Paging.largestSize,
            _links: try OpenAPIObjectContainer(unvalidatedValue: [
                "self": ["href": "/api/v1/osdi"], "curies": [Self.osdiCuries],
                "osdi:advocacy_campaigns": ["href": "/api/v1/osdi/advocacy_campaigns"], "osdi:people": ["href": "/api/v1/osdi/people"],
                "docs": ["href": "/api/v1/openapi.json"],
            ]))
        let tag = try EntityTag.of(body)
        if EntityTag.isCurrent(tag, ifNoneMatch: input.headers.ifNoneMatch) { return .notModified(.init(headers: .init(eTag: tag))) }
        return .ok(.init(headers: .init(eTag: tag), body: .applicationHalJson(body)))
    }

    func osdiListAdvocacyCampaigns(
        _ input: Operations.OsdiListAdvocacyCampaigns.Input
    ) async throws -> Operations.OsdiListAdvocacyCampaigns.Output {
        let paging = try Paging(page: input.query.page, perPage: input.query.perPage)
        let actions = try await visibleActions()
        let shown = paging.slice(actions)
        let campaigns = try await advocacyCampaigns(shown)
        let path = "/api/v1/osdi/advocacy_campaigns"
        var links = Self.pageLinks(path, paging: paging, total: actions.count)
        links["osdi:advocacy_campaigns"] = campaigns.map { ["href": "\(path)/\($0.identifiers[0].dropFirst("outcry:".count))"] }
        let body = Components.Schemas.OSDIAdvocacyCampaignPage(
            totalPages: paging.totalPages(actions.count), perPage: paging.perPage, page: paging.page, totalRecords: actions.count,
            _links: try OpenAPIObjectContainer(unvalidatedValue: links), _embedded: .init(osdi_colon_advocacyCampaigns: campaigns))
        let tag = try EntityTag.of(body)
        if EntityTag.isCurrent(tag, ifNoneMatch: input.headers.ifNoneMatch) { return .notModified(.init(headers: .init(eTag: tag))) }
        return .ok(.init(headers: .init(eTag: tag), body: .applicationHalJson(body)))
    }

    func osdiGetAdvocacyCampaign(
        _ input: Operations.OsdiGetAdvocacyCampaign.Input
    ) async throws -> Operations.OsdiGetAdvocacyCampaign.Output {
        let body = try await advocacyCampaigns([try await visibleAction(input.path.id)])[0]
        let tag = try EntityTag.of(body)
        if EntityTag.isCurrent(tag, ifNoneMatch: input.headers.ifNoneMatch) { return .notModified(.init(headers: .init(eTag: tag))) }
        return .ok(.init(headers: .init(eTag: tag), body: .applicationHalJson(body)))
    }

    func osdiRecordOutreach(_ input: Operations.OsdiRecordOutreach.Input) async throws -> Operations.OsdiRecordOutreach.Output {
        let token = try APICaller.require(.reports)
        let outreach: Components.Schemas.OSDIOutreachInput
        switch input.body {
        case .applicationHalJson(let body), .json(let body): outreach = body
        }
        for (index, identifier) in (outreach.identifiers ?? []).enumerated() where !(3...200).contains(identifier.count) {
            throw APIProblem.invalid("/identifiers/\(index)", "An identifier must have 3 to 200 characters.")
        }
        guard let key = input.headers.idempotencyKey ?? outreach.identifiers?.first else {
            throw APIProblem.invalid(
                "/identifiers",
                "Give the outreach an identifier of your system (\"crm:1234\") or an Idempotency-Key header, so that "
                    + "sending it again counts it once.")
        }
        let channel = Self.channel(osdiType: outreach._type)
        let count = outreach.outcry_colon_count ?? 1
        guard count >= 1 else { throw APIProblem.invalid("/outcry:count", "The count must be 1 or more.") }
        let action = try await visibleAction(input.path.id)
        let officials = try await store.targets(action.targets.map(\.target))
        var named: [Identifier<Target>] = []
        for (index, wanted) in (outreach.targets ?? []).enumerated() {
            guard let official = officials.first(where: { Self.matches(wanted, $0) }) else {
                throw APIProblem.invalid("/targets/\(index)", "No official of this campaign has this name.")
            }
            named.append(official.id)
        }
        let status = try await record(
            on: action.id.rawValue, token: token, key: key,
            keyField: input.headers.idempotencyKey == nil ? "/identifiers/0" : "Idempotency-Key",
            counts: [channel: count], targets: named, targetsField: "/targets", country: outreach.person?.postalAddresses?.first?.country,
            countryField: "/person/postal_addresses/0/country", countsField: "/outcry:count")
        let campaign = "/api/v1/osdi/advocacy_campaigns/\(action.id.rawValue)"
        return .created(
            .init(
                body: .applicationHalJson(
                    .init(
                        identifiers: outreach.identifiers ?? [key], originSystem: "Outcry",
                        actionDate: ISO8601DateFormatter().string(from: clock.now),
                        _type: outreach._type ?? "postal mail",
                        targets: officials.filter { named.isEmpty || named.contains($0.id) }.map(Self.osdiTarget),
                        outcry_colon_status: .init(rawValue: status.rawValue)!,
                        _links: try OpenAPIObjectContainer(unvalidatedValue: [
                            "curies": [Self.osdiCuries], "osdi:advocacy_campaign": ["href": campaign],
                        ])))))
    }

    func osdiListOutreaches(_ input: Operations.OsdiListOutreaches.Input) async throws -> Operations.OsdiListOutreaches.Output {
        _ = try APICaller.require(.reports)
        let paging = try Paging(page: input.query.page, perPage: input.query.perPage)
        let action = try await visibleAction(input.path.id)
        let (reports, total) = try await store.countedReports(
            of: action.id, offset: (paging.page - 1) * paging.perPage, limit: paging.perPage)
        let officials = try await store.targets(Array(Set(reports.flatMap(\.targets))))
        let byID = Dictionary(officials.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let campaign = "/api/v1/osdi/advocacy_campaigns/\(action.id.rawValue)"
        let outreaches = try reports.map { report in
            Components.Schemas.OSDIOutreach(
                identifiers: ["outcry:report-\(report.id)"], originSystem: "Outcry",
                actionDate: ISO8601DateFormatter().string(from: report.reportedAt), _type: Self.osdiType(report.counts),
                targets: report.targets.compactMap { byID[$0] }.map(Self.osdiTarget), outcry_colon_status: .counted,
                outcry_colon_counts: .init(report.counts), outcry_colon_country: report.country?.code,
                _links: try OpenAPIObjectContainer(unvalidatedValue: [
                    "curies": [Self.osdiCuries], "osdi:advocacy_campaign": ["href": campaign],
                ]))
        }
        let path = campaign + "/outreaches"
        let links = Self.pageLinks(path, paging: paging, total: total)
        let body = Components.Schemas.OSDIOutreachPage(
            totalPages: paging.totalPages(total), perPage: paging.perPage, page: paging.page, totalRecords: total,
            _links: try OpenAPIObjectContainer(unvalidatedValue: links), _embedded: .init(osdi_colon_outreaches: outreaches))
        let tag = try EntityTag.of(body)
        if EntityTag.isCurrent(tag, ifNoneMatch: input.headers.ifNoneMatch) { return .notModified(.init(headers: .init(eTag: tag))) }
        return .ok(.init(headers: .init(eTag: tag), body: .applicationHalJson(body)))
    }

    /// A report's channel as OSDI's outreach type; a report of several kinds is "mixed".
    static func osdiType(_ counts: [Channel: Int]) -> String {
        guard counts.count == 1, let channel = counts.keys.first else { return "mixed" }
        switch channel {
        case .letter: return "postal mail"
        case .email: return "email"
        case .call: return "phone"
        case .fax: return "fax"
        case .social: return "social"
        case .other: return "other"
        }
    }

    func osdiListPeople(_ input: Operations.OsdiListPeople.Input) async throws -> Operations.OsdiListPeople.Output {
        _ = try APICaller.require(.reports)
        let paging = try Paging(page: input.query.page, perPage: input.query.perPage)
        let (contacts, total) = try await store.consentedContacts(offset: (paging.page - 1) * paging.perPage, limit: paging.perPage)
        let people = try contacts.map { contact in
            let id = String(contact.lookup.prefix(16))
            return Components.Schemas.OSDIPerson(
                identifiers: ["outcry:\(id)"], originSystem: "Outcry",
                emailAddresses: [.init(address: try vault.open(contact.emailSealed), primary: true)],
                outcry_colon_consent: .init(
                    wording: contact.consentWording, givenDate: ISO8601DateFormatter().string(from: contact.consentAt)),
                outcry_colon_advocacyCampaign: contact.source.hasPrefix("report:")
                    ? String(contact.source.dropFirst("report:".count)) : nil,
                _links: try OpenAPIObjectContainer(unvalidatedValue: ["curies": [Self.osdiCuries]]))
        }
        let path = "/api/v1/osdi/people"
        let links = Self.pageLinks(path, paging: paging, total: total)
        let body = Components.Schemas.OSDIPeoplePage(
            totalPages: paging.totalPages(total), perPage: paging.perPage, page: paging.page, totalRecords: total,
            _links: try OpenAPIObjectContainer(unvalidatedValue: links), _embedded: .init(osdi_colon_people: people))
        let tag = try EntityTag.of(body)
        if EntityTag.isCurrent(tag, ifNoneMatch: input.headers.ifNoneMatch) { return .notModified(.init(headers: .init(eTag: tag))) }
        return .ok(.init(headers: .init(eTag: tag), body: .applicationHalJson(body)))
    }

    private func advocacyCampaigns(_ actions: [UrgentAction]) async throws -> [Components.Schemas.OSDIAdvocacyCampaign] {
        async let totals = store.totals(of: actions.map(\.id))
        let officials = try await store.targets(Array(Set(actions.flatMap { $0.targets.map(\.target) })))
        let byID = Dictionary(officials.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let reported = try await totals
        return try actions.map { action in
            let path = "/api/v1/osdi/advocacy_campaigns/\(action.id.rawValue)"
            return Components.Schemas.OSDIAdvocacyCampaign(
                identifiers: ["outcry:\(action.id.rawValue)"], originSystem: "Outcry", title: action.title, description: action.summary,
                browserUrl: links.action(action.id), actionType: "letter",
                targets: action.targets.compactMap { byID[$0.target] }.map(Self.osdiTarget),
                totalOutreaches: reported[action.id]?.actions ?? 0,
                _links: try OpenAPIObjectContainer(unvalidatedValue: [
                    "self": ["href": path], "curies": [Self.osdiCuries],
                    "osdi:record_outreach_helper": ["href": path + "/record_outreach_helper"],
                    "osdi:outreaches": ["href": path + "/outreaches"],
                ]))
        }
    }

    /// An official as OSDI names people: the last word of the name as the family name.
    static func osdiTarget(_ target: Target) -> Components.Schemas.OSDITarget {
        let words = target.name.split(separator: " ")
        return .init(
            title: target.title, organization: target.body, givenName: words.count > 1 ? words.dropLast().joined(separator: " ") : nil,
            familyName: words.last.map(String.init))
    }

    /// Whether an OSDI target names this official: the whole name, or the family name alone when it is
    /// the last word of the official's.
    static func matches(_ wanted: Components.Schemas.OSDITarget, _ official: Target) -> Bool {
        func folded(_ text: String?) -> String {
            (text ?? "").folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).split(separator: " ").joined(
                separator: " ")
        }
        let name = folded([wanted.givenName, wanted.familyName].compactMap { $0 }.joined(separator: " "))
        guard !name.isEmpty else {
            let title = folded(wanted.title)
            return !title.isEmpty && title == folded(official.title)
        }
        return folded(official.name) == name || folded(official.name).hasSuffix(" " + name)
    }

    /// OSDI's outreach types, as Outcry's channels; anything else is "other".
    static func channel(osdiType: String?) -> Channel {
        switch osdiType?.lowercased() {
        case nil, "postal mail", "letter", "mail": .letter
        case "email", "e-mail": .email
        case "phone", "call": .call
        case "fax": .fax
        case "social", "tweet", "social media": .social
        default: .other
        }
    }
}
