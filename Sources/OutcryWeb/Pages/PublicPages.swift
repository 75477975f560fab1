import OutcryCore
import OutcryStore

/// Gathers what each public page shows from the store; handlers only decode, call one of these and render.
struct PublicPages: Sendable {
    /// What the public pages read: published records, never accounts, reports or subscribers.
    typealias Records = UrgentActionRecords & CaseRecords & PersonRecords & EventRecords & TargetRecords & StatementRecords

    let store: any Records
    let siteName: String
    let publicURL: String
    let offersEmail: Bool
    /// The language of the pages that take their words from the catalogs so far (the home page).
    var messages = Messages.english

    func home() async throws -> HomePage {
        let actions = try await store.publicUrgentActions()
        let cases = try await index(store.cases(Array(Set(actions.map(\.caseID)))))
        let people = try await index(store.people(Array(Set(actions.flatMap(\.people)))))
        let language = messages.language
        func item(_ action: UrgentAction) -> HomePage.ActionItem {
            let names = action.people.compactMap { people[$0]?.name }.joined(separator: ", ")
            return HomePage.ActionItem(
                number: messages("home.number", ["number": action.number]), title: action.title,
                closedTitle: messages("home.closed-item", ["number": action.number, "title": action.title]),
                href: SiteRoute.urgentAction(action.id).path,
                country: cases[action.caseID].map { $0.country.name(in: language.rawValue) } ?? "",
                issued: DateText(action.issued, language: language),
                deadline: action.deadline.map { DateText($0, language: language) },
                people: names.isEmpty ? "" : messages("home.for", ["people": names]),
                kind: action.kind.badge(messages),
                totalsHTML: action.status == .published ? PageCache.Hole.cardTotals(action.id).marker : "")
        }
        var meta = PageMeta(title: siteName, description: messages("home.description"), language: language.rawValue, showHomeLink: false)
        meta.text = ChromeText(messages)
        return HomePage(
            page: meta, words: HomePage.Text(messages),
            actions: actions.filter { $0.status == .published }.map(item),
            closedActions: actions.filter { $0.status == .closed }.map(item),
            statements: try await store.statements(limit: 10).map {
                HomePage.StatementItem(
                    title: $0.title, href: SiteRoute.statement($0.id).path, published: DateText($0.published, language: language))
            })
    }

    /// The action's public page; a draft has none, except as a coordinator's preview.
    func urgentAction(_ id: Identifier<UrgentAction>, includingDrafts: Bool = false) async throws -> UrgentActionPage? {
        guard let action = try await store.urgentAction(id), action.status != .draft || includingDrafts,
            let item = try await store.case(action.caseID)
        else { return nil }
        let events = try await store.events(inCase: item.id)
        let people = try await store.people(action.people)
        let targets = try await index(store.targets(action.targets.map(\.target)))
        let related = try await store.publicUrgentActions(inCase: item.id)
        var earlier: UrgentAction?
        if let updated = action.updates { earlier = try await store.urgentAction(updated) }
        let letter = action.letter(for: nil)
        let names = people.map(\.name)
        let isOpen = action.status == .published
        return UrgentActionPage(
            page: PageMeta(title: "Urgent Action \(action.number): \(action.title)", description: action.title, language: action.language),
            number: action.number, title: action.title, kindBadge: action.kind.badge(),
            isClosed: action.status == .closed, outcome: action.outcome?.note,
            issued: DateText(action.issued), deadline: action.deadline.map(DateText.init),
            country: item.country.name, caseLink: Link(text: item.title, href: SiteRoute.case(item.id).path),
            updates: earlier.flatMap {
                $0.status == .draft ? nil : Link(text: "Urgent Action \($0.number)", href: SiteRoute.urgentAction($0.id).path)
            },
            laterActions: related.filter { $0.updates == action.id }.map { Link($0) },
            summary: action.summary,
            people: people.map { PersonSummary($0, events: events) },
            takeAction: action.takeAction, asks: action.asks,
            targets: action.targets.compactMap { entry in
                targets[entry.target].map { UrgentActionPage.TargetBlock($0, role: entry.role, action: action, peopleNames: names) }
            },
            letter: letter.map { UrgentActionPage.Letter(salutation: $0.salutation, paragraphs: $0.paragraphs, closing: $0.closing) },
            statements: try await store.statements(aboutCase: item.id).map { Link(text: $0.title, href: SiteRoute.statement($0.id).path) },
            totalsHTML: PageCache.Hole.totals(action.id).marker,
            share: isOpen ? share(action, targets: action.targets.compactMap { targets[$0.target] }, names: names) : nil,
            report: isOpen
                ? ReportFormView(
                    action: action, targets: action.targets.compactMap { targets[$0.target] },
                    token: PageCache.Hole.reportToken(action.id).marker, offersEmail: offersEmail)
                : nil)
    }

    func `case`(_ id: Identifier<Case>) async throws -> CasePage? {
        guard let item = try await store.case(id) else { return nil }
        let events = try await store.events(inCase: id)
        let people = try await store.people(item.people)
        let actions = try await store.publicUrgentActions(inCase: id)
        let statements = try await store.statements(aboutCase: id)
        let mentioned = try await index(store.people(Array(Set(events.flatMap(\.people)))))
        return CasePage(
            page: PageMeta(title: "\(item.title) — \(item.country.name)", description: item.summary),
            title: item.title, country: item.country.name, themes: item.themes, summary: item.summary,
            isClosed: item.status == .closed,
            people: people.map { PersonSummary($0, events: events) },
            timeline: events.map { TimelineEntry($0, people: mentioned, actions: index(actions), statements: index(statements)) },
            actions: actions.map { Link($0) },
            statements: statements.map { Link(text: $0.title, href: SiteRoute.statement($0.id).path) })
    }

    func person(_ id: Identifier<Person>) async throws -> PersonPage? {
        guard let person = try await store.person(id) else { return nil }
        let events = try await store.events(affecting: id)
        let cases = try await store.cases(Array(Set(events.map(\.caseID))).sorted())
        let actions = try await store.publicUrgentActions()
        let statements = try await store.statements(limit: 1000)
        let mentioned = try await index(store.people(Array(Set(events.flatMap(\.people)))))
        return PersonPage(
            page: PageMeta(title: person.name, description: "\(person.name): situation and timeline"),
            person: PersonSummary(person, events: events),
            affiliations: try await store.organisations(person.affiliations).map(\.name),
            note: person.note,
            timeline: events.map { TimelineEntry($0, people: mentioned, actions: index(actions), statements: index(statements)) },
            cases: cases.map { Link(text: $0.title, href: SiteRoute.case($0.id).path) },
            actions: actions.filter { $0.people.contains(id) }.map {
                Link($0)
            })
    }

    func statement(_ id: Identifier<Statement>) async throws -> StatementPage? {
        guard let statement = try await store.statement(id) else { return nil }
        return StatementPage(
            page: PageMeta(title: statement.title, description: statement.lead.first ?? statement.title),
            title: statement.title, published: DateText(statement.published), lead: statement.lead,
            quotes: statement.quotes.map { StatementPage.QuoteBlock(paragraphs: $0.paragraphs, speaker: $0.speaker, role: $0.role) },
            background: statement.background,
            cases: try await store.cases(statement.cases).map { Link(text: $0.title, href: SiteRoute.case($0.id).path) },
            people: try await store.people(statement.people).map { Link(text: $0.name, href: SiteRoute.person($0.id).path) })
    }

    private func share(_ action: UrgentAction, targets: [Target], names: [String]) -> UrgentActionPage.Share {
        func text(_ network: SocialHandle.Network) -> String {
            ActionPages.shareText(action, targets: targets, names: names, network: network, publicURL: publicURL)
        }
        return UrgentActionPage.Share(
            x: ActionLinks.xPost(text: text(.x)), bluesky: ActionLinks.blueskyPost(text: text(.bluesky)),
            mastodonAction: SiteRoute.mastodonShare(action.id).path)
    }

    private func index<T: Identifiable>(_ items: [T]) -> [T.ID: T] {
        Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
