import Foundation
import OutcryCore
import OutcryStore

/// What search and the index pages show: records found by any spelling, and long lists a page at a time.
struct FindingPages: Sendable {
    typealias Records = SearchRecords & ListingRecords & UrgentActionRecords & CaseRecords & PersonRecords & StatementRecords

    let store: any Records
    static let perPage = 25
    static let foundPerKind = 20

    func search(_ query: String) async throws -> SearchPage {
        let query = String(query.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200))
        var meta = PageMeta(title: query.isEmpty ? "Search" : "Search: \(query)", description: "Find people, cases and Urgent Actions")
        meta.query = query
        guard !query.isEmpty else {
            return SearchPage(
                page: meta, heading: "Search", groups: [],
                note: "Type a name, a case or an action's number in the search box above, in any spelling or script.")
        }
        let hits = try await store.search(query, limit: Self.foundPerKind)
        func ids<T>(_ kind: SearchKey.Kind) -> [Identifier<T>] { hits.filter { $0.kind == kind }.map { Identifier($0.id) } }
        func matched(_ kind: SearchKey.Kind, _ id: String, shown: String) -> String? {
            hits.first { $0.kind == kind && $0.id == id }.map(\.label).flatMap { $0 == shown ? nil : $0 }
        }
        let people = try await store.people(ids(.person)).map { person in
            let found = matched(.person, person.id.rawValue, shown: person.name)
            return IndexPage.Item(
                title: person.name, href: SiteRoute.person(person.id).path, meta: person.role, matched: found,
                matchedLanguage: found.flatMap { label in person.variants.first { $0.name == label }?.language })
        }
        let organisations = try await store.organisations(ids(.organisation)).map { organisation in
            IndexPage.Item(
                title: organisation.name, href: SiteRoute.peopleIndex.path(query: ["organisation": organisation.id.rawValue]),
                meta: "Organisation" + (organisation.country.map { ", \($0.name)" } ?? ""),
                matched: matched(.organisation, organisation.id.rawValue, shown: organisation.name))
        }
        let cases = try await store.cases(ids(.case)).map {
            IndexPage.Item(title: $0.title, href: SiteRoute.case($0.id).path, meta: $0.country.name)
        }
        let actions = try await store.urgentActions(ids(.action)).filter { $0.status != .draft }.map {
            IndexPage.Item(
                title: "Urgent Action \($0.number): \($0.title)", href: SiteRoute.urgentAction($0.id).path,
                meta: $0.status == .closed ? "Closed" : "Open")
        }
        var statements: [IndexPage.Item] = []
        for id: Identifier<Statement> in ids(.statement) {
            if let statement = try await store.statement(id) {
                statements.append(
                    IndexPage.Item(title: statement.title, href: SiteRoute.statement(id).path, meta: DateText(statement.published).text))
            }
        }
        let groups = [
            SearchPage.Group(id: "people", heading: "People", items: people),
            SearchPage.Group(id: "organisations", heading: "Organisations", items: organisations),
            SearchPage.Group(id: "cases", heading: "Cases", items: cases),
            SearchPage.Group(id: "actions", heading: "Urgent Actions", items: actions),
            SearchPage.Group(id: "statements", heading: "Statements", items: statements),
        ].filter { !$0.items.isEmpty }
        return SearchPage(
            page: meta, heading: "Results for “\(query)”", groups: groups,
            note: groups.isEmpty ? "Nothing was found for “\(query)”. Try fewer words, or the start of a name." : nil)
    }

    func actions(_ filter: ActionFilter, page: Int) async throws -> IndexPage {
        let listing = try await store.publicActions(filter, offset: (page - 1) * Self.perPage, limit: Self.perPage)
        let facets = try await store.publicActionFacets()
        func link(_ page: Int) -> String {
            SiteRoute.actionIndex.path(query: [
                "country": filter.country?.code, "status": filter.status.map { $0 == .closed ? "closed" : "open" },
                "year": filter.year.map(String.init), "page": page == 1 ? nil : String(page),
            ])
        }
        let statusValue = filter.status.map { $0 == .closed ? "closed" : "open" } ?? ""
        return IndexPage(
            page: PageMeta(title: "Urgent Actions", description: "Every Urgent Action published here, newest first"),
            heading: "Urgent Actions", intro: "Every Urgent Action published here, newest first. Open ones still need letters.",
            filters: [
                .init(
                    name: "country", label: "Country",
                    options: [ReportFormView.Option(value: "", label: "All countries", selected: filter.country == nil)]
                        + facets.countries.map { ReportFormView.Option(value: $0.code, label: $0.name, selected: $0 == filter.country) }),
                .init(
                    name: "status", label: "Status",
                    options: [("", "Open and closed"), ("open", "Open"), ("closed", "Closed")].map {
                        ReportFormView.Option(value: $0.0, label: $0.1, selected: $0.0 == statusValue)
                    }),
                .init(
                    name: "year", label: "Year",
                    options: [ReportFormView.Option(value: "", label: "All years", selected: filter.year == nil)]
                        + facets.years.map { ReportFormView.Option(value: String($0), label: String($0), selected: $0 == filter.year) }),
            ],
            filterAction: SiteRoute.actionIndex.path,
            items: listing.items.map { action in
                IndexPage.Item(
                    title: "Urgent Action \(action.number): \(action.title)", href: SiteRoute.urgentAction(action.id).path,
                    meta: [
                        action.country?.name, (try? HistoricalDate(iso: action.issued)).map { DateText($0).text },
                        action.status == .closed ? "Closed" : "Open",
                    ].compactMap { $0 }.joined(separator: " · "))
            },
            empty: "No Urgent Action matches these choices.",
            paging: .init(page: page, total: listing.total, perPage: Self.perPage, noun: "action", link: link))
    }

    func cases(page: Int) async throws -> IndexPage {
        let listing = try await store.caseListing(offset: (page - 1) * Self.perPage, limit: Self.perPage)
        func link(_ page: Int) -> String { SiteRoute.caseIndex.path(query: ["page": page == 1 ? nil : String(page)]) }
        return IndexPage(
            page: PageMeta(title: "Cases", description: "The cases followed here"), heading: "Cases",
            intro: "Each case follows people at risk, with its timeline and its Urgent Actions.", filters: [],
            filterAction: SiteRoute.caseIndex.path,
            items: listing.items.map { IndexPage.Item(title: $0.title, href: SiteRoute.case($0.id).path, meta: $0.country?.name) },
            empty: "No case has been published yet.",
            paging: .init(page: page, total: listing.total, perPage: Self.perPage, noun: "case", link: link))
    }

    func people(organisation: Identifier<Organisation>?, page: Int) async throws -> IndexPage {
        let listing = try await store.personListing(organisation: organisation, offset: (page - 1) * Self.perPage, limit: Self.perPage)
        var named: Organisation?
        if let organisation { named = try await store.organisations([organisation]).first }
        func link(_ page: Int) -> String {
            SiteRoute.peopleIndex.path(query: ["organisation": organisation?.rawValue, "page": page == 1 ? nil : String(page)])
        }
        return IndexPage(
            page: PageMeta(title: named.map { "People: \($0.name)" } ?? "People", description: "The people at risk followed here"),
            heading: named.map { "People of \($0.name)" } ?? "People",
            intro: "Everyone whose situation is followed here, by name. Each page has their timeline.", filters: [],
            filterAction: SiteRoute.peopleIndex.path,
            items: listing.items.map { IndexPage.Item(title: $0.name, href: SiteRoute.person($0.id).path) },
            empty: "No one is listed here.",
            paging: .init(page: page, total: listing.total, perPage: Self.perPage, noun: "person", plural: "people", link: link))
    }
}
