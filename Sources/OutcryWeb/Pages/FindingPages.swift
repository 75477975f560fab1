import Foundation
import OutcryCore
import OutcryStore

/// What search and the index pages show: records found by any spelling, and long lists a page at a time.
/// Every word comes from the message catalog of `messages`' language.
struct FindingPages: Sendable {
    typealias Records = SearchRecords & ListingRecords & UrgentActionRecords & CaseRecords & PersonRecords & StatementRecords
        & TranslationRecords

    let store: any Records
    var messages = Messages.english
    /// The site's public address, for the absolute links of the `hreflang` alternates.
    var siteURL = ""
    /// What day it is: an action whose deadline passed is no longer open.
    var clock: any WallClock = SystemWallClock()
    static let perPage = 25
    static let foundPerKind = 20

    /// The same pages in another language.
    func speaking(_ messages: Messages) -> FindingPages {
        var pages = self
        pages.messages = messages
        return pages
    }

    /// `link` is this page's address in this language: the language switcher keeps its query.
    private func meta(_ title: String, _ description: String, route: SiteRoute, link: String) -> PageMeta {
        let query = link.firstIndex(of: "?").map { String(link[$0...]) } ?? ""
        return PageMeta(title: title, description: description, messages: messages, route: route, siteURL: siteURL, query: query)
    }

    private func actionTitle(_ number: String, _ title: String) -> String {
        messages("action.number-title", ["number": number, "title": title])
    }

    private func countryName(_ country: Country) -> String { country.name(in: messages.language.rawValue) }

    private func dateText(_ date: HistoricalDate) -> String { DateWording.text(date, language: messages.language.rawValue) }

    /// "open", "closed", or "deadline passed".
    private func state(_ status: UrgentAction.Status, deadline: HistoricalDate?) -> String {
        if status == .closed { return messages("action.closed") }
        if let deadline, deadline.lastDayNumber < HistoricalDate(day: clock.now).firstDayNumber { return messages("action.past-deadline") }
        return messages("action.open")
    }

    func search(_ query: String) async throws -> SearchPage {
        let query = String(query.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200))
        var page = meta(
            query.isEmpty ? messages("search.title") : messages("search.results-for", ["query": query]), messages("search.description"),
            route: .search, link: messages.href(.search, query: ["q": query.isEmpty ? nil : query]))
        page.query = query
        guard !query.isEmpty else {
            return SearchPage(page: page, heading: messages("search.title"), groups: [], note: messages("search.prompt"))
        }
        let hits = try await store.search(query, limit: Self.foundPerKind)
        func ids<T>(_ kind: SearchKey.Kind) -> [Identifier<T>] { hits.filter { $0.kind == kind }.map { Identifier($0.id) } }
        let labels = Dictionary(hits.map { ("\($0.kind.rawValue):\($0.id)", $0.label) }) { first, _ in first }
        let (before, after) = messages.around("search.found-as", placeholder: "name")
        /// The spelling that matched, when it is not the one shown, with its language if a variant gives one.
        func foundAs(_ kind: SearchKey.Kind, _ id: String, shown: String, variants: [NameVariant]) -> IndexPage.FoundAs? {
            guard let label = labels["\(kind.rawValue):\(id)"], label != shown else { return nil }
            return IndexPage.FoundAs(before: before, name: label, after: after, language: variants.first { $0.name == label }?.language)
        }
        let people = try await store.people(ids(.person)).map { person in
            IndexPage.Item(
                title: person.name, href: messages.href(.person(person.id)), meta: person.role,
                foundAs: foundAs(.person, person.id.rawValue, shown: person.name, variants: person.variants))
        }
        let organisations = try await store.organisations(ids(.organisation)).map { organisation in
            IndexPage.Item(
                title: organisation.name, href: messages.href(.peopleIndex, query: ["organisation": organisation.id.rawValue]),
                meta: organisation.country.map { messages("search.organisation-in", ["country": countryName($0)]) }
                    ?? messages("search.organisation"),
                foundAs: foundAs(.organisation, organisation.id.rawValue, shown: organisation.name, variants: organisation.variants))
        }
        let foundCases = try await store.cases(ids(.case))
        let foundActions = try await store.urgentActions(ids(.action)).filter { $0.status != .draft }
        var foundStatements: [Statement] = []
        for id: Identifier<Statement> in ids(.statement) {
            if let statement = try await store.statement(id) { foundStatements.append(statement) }
        }
        let titles = try await Titles.load(store, messages, actions: foundActions, cases: foundCases, statements: foundStatements)
        let cases = foundCases.map { IndexPage.Item(titles.link($0), meta: countryName($0.country)) }
        let actions = foundActions.map { IndexPage.Item(titles.link($0), meta: state($0.status, deadline: $0.deadline)) }
        let statements = foundStatements.map { IndexPage.Item(titles.link($0), meta: dateText($0.published)) }
        let groups = [
            SearchPage.Group(id: "people", heading: messages("search.people"), items: people),
            SearchPage.Group(id: "organisations", heading: messages("search.organisations"), items: organisations),
            SearchPage.Group(id: "cases", heading: messages("search.cases"), items: cases),
            SearchPage.Group(id: "actions", heading: messages("search.actions"), items: actions),
            SearchPage.Group(id: "statements", heading: messages("search.statements"), items: statements),
        ].filter { !$0.items.isEmpty }
        return SearchPage(
            page: page, heading: messages("search.results-for", ["query": query]), groups: groups,
            note: groups.isEmpty ? messages("search.nothing", ["query": query]) : nil)
    }

    func actions(_ filter: ActionFilter, page: Int) async throws -> IndexPage {
        var filter = filter
        filter.openOn = HistoricalDate(day: clock.now)
        let listing = try await store.publicActions(filter, offset: (page - 1) * Self.perPage, limit: Self.perPage)
        let titles = try await Titles.load(
            store, messages, ids: [.urgentAction: listing.items.filter { $0.language != messages.language.rawValue }.map(\.id.rawValue)])
        let facets = try await store.publicActionFacets()
        let statusValue = filter.status.map { $0 == .closed ? "closed" : "open" } ?? ""
        func link(_ page: Int) -> String {
            messages.href(
                .actionIndex,
                query: [
                    "country": filter.country?.code, "status": statusValue.isEmpty ? nil : statusValue,
                    "year": filter.year.map(String.init),
                    "page": page == 1 ? nil : String(page),
                ])
        }
        func option(_ value: String, _ label: String, _ selected: Bool) -> ReportFormView.Option {
            ReportFormView.Option(value: value, label: label, selected: selected)
        }
        return IndexPage(
            page: meta(messages("actions.title"), messages("actions.description"), route: .actionIndex, link: link(page)),
            heading: messages("actions.title"),
            intro: messages("actions.intro"),
            filters: [
                .init(
                    name: "country", label: messages("actions.country"),
                    options: [option("", messages("actions.all-countries"), filter.country == nil)]
                        + facets.countries.map { option($0.code, countryName($0), $0 == filter.country) }
                        .sorted { $0.label.localizedStandardCompare($1.label) == .orderedAscending }),
                .init(
                    name: "status", label: messages("actions.status"),
                    options: [("", "actions.open-and-closed"), ("open", "actions.filter-open"), ("closed", "actions.filter-closed")].map {
                        option($0.0, messages($0.1), $0.0 == statusValue)
                    }),
                .init(
                    name: "year", label: messages("actions.year"),
                    options: [option("", messages("actions.all-years"), filter.year == nil)]
                        + facets.years.map { option(String($0), String($0), $0 == filter.year) }),
            ],
            filterAction: messages.href(.actionIndex),
            items: listing.items.map { action in
                let (title, language) = titles.title(.urgentAction, action.id.rawValue, action.title, originalLanguage: action.language)
                return IndexPage.Item(
                    title: actionTitle(action.number, title), href: messages.href(.urgentAction(action.id)),
                    meta: [
                        action.country.map(countryName), (try? HistoricalDate(iso: action.issued)).map(dateText),
                        state(action.status, deadline: action.deadline.flatMap { try? HistoricalDate(iso: $0) }),
                    ]
                    .compactMap { $0 }.joined(separator: " · "),
                    linkLanguage: language)
            },
            empty: messages("actions.none"), show: messages("actions.show"),
            paging: Paging(page: page, total: listing.total, perPage: Self.perPage, key: "paging.actions", messages: messages, link: link))
    }

    func cases(page: Int) async throws -> IndexPage {
        let listing = try await store.caseListing(offset: (page - 1) * Self.perPage, limit: Self.perPage)
        let titles = try await Titles.load(
            store, messages, ids: [.case: messages.language.rawValue == Translation.siteLanguage ? [] : listing.items.map(\.id.rawValue)])
        func link(_ page: Int) -> String { messages.href(.caseIndex, query: ["page": page == 1 ? nil : String(page)]) }
        return IndexPage(
            page: meta(messages("cases.title"), messages("cases.description"), route: .caseIndex, link: link(page)),
            heading: messages("cases.title"),
            intro: messages("cases.intro"), filters: [], filterAction: messages.href(.caseIndex),
            items: listing.items.map {
                let (title, language) = titles.title(.case, $0.id.rawValue, $0.title, originalLanguage: Translation.siteLanguage)
                return IndexPage.Item(
                    title: title, href: messages.href(.case($0.id)), meta: $0.country.map(countryName), linkLanguage: language)
            },
            empty: messages("cases.none"), show: messages("actions.show"),
            paging: Paging(page: page, total: listing.total, perPage: Self.perPage, key: "paging.cases", messages: messages, link: link))
    }

    func people(organisation: Identifier<Organisation>?, page: Int) async throws -> IndexPage {
        let listing = try await store.personListing(organisation: organisation, offset: (page - 1) * Self.perPage, limit: Self.perPage)
        var named: Organisation?
        if let organisation { named = try await store.organisations([organisation]).first }
        func link(_ page: Int) -> String {
            messages.href(.peopleIndex, query: ["organisation": organisation?.rawValue, "page": page == 1 ? nil : String(page)])
        }
        let heading = named.map { messages("people.of", ["organisation": $0.name]) } ?? messages("people.title")
        return IndexPage(
            page: meta(heading, messages("people.description"), route: .peopleIndex, link: link(page)), heading: heading,
            intro: messages("people.intro"), filters: [],
            filterAction: messages.href(.peopleIndex),
            items: listing.items.map { IndexPage.Item(title: $0.name, href: messages.href(.person($0.id))) },
            empty: messages("people.none"), show: messages("actions.show"),
            paging: Paging(page: page, total: listing.total, perPage: Self.perPage, key: "paging.people", messages: messages, link: link))
    }
}
