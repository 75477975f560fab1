import OutcryCore
import OutcryStore

/// Gathers what each public page shows from the store; handlers only decode, call one of these and render.
struct PublicPages: Sendable {
    /// What the public pages read: published records, never accounts, reports or subscribers.
    typealias Records = UrgentActionRecords & CaseRecords & PersonRecords & EventRecords & TargetRecords & StatementRecords
        & TranslationRecords & SitePageRecords & AttentionRecords & ReplyRecords

    let store: any Records
    let siteName: String
    let publicURL: String
    let offersEmail: Bool
    /// What day it is: an action whose deadline passed is no longer open.
    var clock: any WallClock = SystemWallClock()
    /// The language of the pages.
    var messages = Messages.english
    var language: Language { messages.language }

    /// The same pages in another language.
    func speaking(_ messages: Messages) -> PublicPages {
        var pages = self
        pages.messages = messages
        return pages
    }

    func home() async throws -> HomePage {
        let today = HistoricalDate(day: clock.now)
        let actions = try await store.publicUrgentActions()
        let cases = try await index(store.cases(Array(Set(actions.map(\.caseID)))))
        let people = try await index(store.people(Array(Set(actions.flatMap(\.people)))))
        let statements = try await store.statements(limit: 10)
        let titles = try await Titles.load(store, messages, actions: actions, statements: statements)
        func item(_ action: UrgentAction) -> HomePage.ActionItem {
            let names = action.people.compactMap { people[$0]?.name }.joined(separator: ", ")
            let (title, titleLanguage) = titles.title(action, action.title)
            return HomePage.ActionItem(
                number: messages("home.number", ["number": action.number]), title: title, titleLanguage: titleLanguage,
                closedTitle: messages("home.closed-item", ["number": action.number, "title": title]),
                href: messages.href(.urgentAction(action.id)),
                country: cases[action.caseID].map { $0.country.name(in: language.rawValue) } ?? "",
                issued: messages.date(action.issued),
                deadline: action.deadline.map(messages.date),
                people: names.isEmpty ? "" : messages("home.for", ["people": names]),
                kind: action.kind.badge(messages),
                totalsHTML: action.isOpen(on: today) ? PageCache.Hole.cardTotals(action.id, language).marker : "")
        }
        var meta = meta(siteName, description: messages("home.description"), route: .home)
        meta.showHomeLink = false
        return HomePage(
            page: meta, words: HomePage.Text(messages),
            actions: actions.filter { $0.isOpen(on: today) }.map(item),
            pastDeadlineActions: actions.filter { $0.status == .published && $0.deadlinePassed(on: today) }.map(item),
            closedActions: actions.filter { $0.status == .closed }.map(item),
            statements: statements.map {
                HomePage.StatementItem(link: titles.link($0), published: messages.date($0.published))
            })
    }

    /// The action's public page; a draft has none, except as a coordinator's preview.
    func urgentAction(_ id: Identifier<UrgentAction>, includingDrafts: Bool = false) async throws -> UrgentActionPage? {
        guard let original = try await store.urgentAction(id), original.status != .draft || includingDrafts,
            let (item, caseLanguage) = try await translated(store.case(original.caseID))
        else { return nil }
        let (action, contentLanguage) = try await translated(original)
        let events = try await store.events(inCase: item.id)
        let people = try await store.people(action.people)
        let targets = try await index(store.liveTargets(action.targets.map(\.target)))
        let related = try await store.publicUrgentActions(inCase: item.id)
        let statements = try await store.statements(aboutCase: item.id)
        let titles = try await Titles.load(store, messages, actions: related, statements: statements)
        var earlier: UrgentAction?
        if let updated = action.updates { earlier = try await store.urgentAction(updated) }
        // The sample shown: in the page's language when one is written in it, else in the action's own.
        let letter = action.letter(
            for: nil, language: action.letterLanguages.contains(language.rawValue) ? language.rawValue : action.language)
        let names = people.map(\.name)
        let today = HistoricalDate(day: clock.now)
        let isOpen = action.isOpen(on: today)
        // After a release, a death or a family's request for silence, nobody is asked to spread the call until
        // a coordinator has looked at it.
        let waiting = try await store.attention(of: action.id) != nil
        var page = UrgentActionPage(
            page: meta(
                messages("action.number-title", ["number": action.number, "title": action.title]),
                // A link preview says what is asked, in one line, when the action says it.
                description: action.asks.first ?? action.title, route: .urgentAction(id)),
            numberLabel: messages("action.number", ["number": action.number]), title: action.title,
            contentLanguage: contentLanguage, dates: DateLabels(messages), kindBadge: action.kind.badge(messages),
            isClosed: action.status == .closed, outcome: action.outcome?.note,
            issued: messages.date(action.issued), deadline: action.deadline.map(messages.date),
            country: item.country.name(in: language.rawValue),
            caseLink: Link(text: item.title, href: messages.href(.case(item.id)), linkLanguage: caseLanguage),
            updates: earlier.flatMap {
                $0.status == .draft
                    ? nil : Link(text: messages("action.number", ["number": $0.number]), href: messages.href(.urgentAction($0.id)))
            },
            laterActions: related.filter { $0.updates == action.id }.map(titles.link),
            summary: action.summary,
            people: try await summaries(people, events: events),
            takeAction: action.takeAction, asks: action.asks,
            targets: action.targets.compactMap { entry in
                targets[entry.target].map {
                    UrgentActionPage.TargetBlock($0, role: entry.role, action: action, peopleNames: names, messages)
                }
            },
            letter: letter.map {
                UrgentActionPage.Letter(
                    language: foreign($0.language), salutation: $0.salutation, paragraphs: $0.paragraphs, closing: $0.closing)
            },
            statements: statements.map(titles.link),
            totalsHTML: PageCache.Hole.totals(action.id, language, goal: action.goal).marker,
            share: isOpen && !waiting
                ? share(action, targets: action.targets.compactMap { targets[$0.target] }, names: names) : nil,
            // Past the deadline, what people did still counts: the form stays until the action is closed.
            report: action.status == .published
                ? ReportFormView(
                    action: action, targets: action.targets.compactMap { targets[$0.target] },
                    token: PageCache.Hole.reportToken(action.id).marker, offersEmail: offersEmail, messages: messages)
                : nil)
        if let outcome = action.outcome, action.status == .closed, outcome.kind != .other {
            page.outcomeKind = messages("action.outcome-kind", ["kind": messages("outcome." + outcome.kind.rawValue)])
        }
        if isOpen, let first = page.targets.first(where: { !$0.isCopy }) {
            page.primaryCall = Link(text: messages("action.write-to", ["name": first.name]), href: "#" + first.anchor)
        }
        page.strip = Array(page.people.prefix(UrgentActionPage.stripLength))
        if people.count > UrgentActionPage.stripLength {
            page.morePeople = messages.plural("action.more-people", count: people.count - UrgentActionPage.stripLength)
        }
        // The link preview shows the first portrait, else the case's picture.
        if let portrait = people.lazy.compactMap(\.portrait).first ?? item.picture, !publicURL.isEmpty {
            page.page.image = publicURL + SiteRoute.image(portrait.image).path
            page.page.imageAlt = portrait.alt
        }
        if action.status == .published {
            page.deadlinePassed = action.deadlinePassed(on: today)
            page.deadlineChip =
                page.deadlinePassed
                ? messages("action.deadline-passed")
                : action.daysLeft(on: today).map { $0 == 0 ? messages("action.last-day") : messages.plural("action.days-left", count: $0) }
        }
        return page
    }

    /// A site page in the reader's language: the coordinators' text in it, else theirs in English, else the default.
    func sitePage(_ kind: SitePage.Kind) async throws -> SitePageView {
        let written = try await store.sitePage(kind, language: language.rawValue)
        let english = written == nil && language != .default ? try await store.sitePage(kind, language: Language.default.rawValue) : nil
        let shown =
            written ?? english
            ?? SitePage(
                kind: kind, language: language.rawValue, title: messages("site." + kind.rawValue),
                body: messages("site.\(kind.rawValue)-body"))
        return SitePageView(
            page: meta(shown.title, description: shown.paragraphs.first ?? shown.title, route: .sitePage(kind)), title: shown.title,
            paragraphs: shown.paragraphs.map(SitePageView.paragraph), contentLanguage: foreign(shown.language),
            note: english == nil ? nil : messages("site.in-english"))
    }

    func `case`(_ id: Identifier<Case>) async throws -> CasePage? {
        guard let (item, contentLanguage) = try await translated(store.case(id)) else { return nil }
        let events = try await store.events(inCase: id)
        let people = try await store.people(item.people)
        let actions = try await store.publicUrgentActions(inCase: id)
        let statements = try await store.statements(aboutCase: id)
        let titles = try await Titles.load(store, messages, actions: actions, statements: statements)
        let mentioned = try await index(store.people(Array(Set(events.flatMap(\.people)))))
        let country = item.country.name(in: language.rawValue)
        return CasePage(
            page: meta("\(item.title) — \(country)", description: item.summary, route: .case(id)),
            title: item.title, contentLanguage: contentLanguage, country: country, themes: item.themes,
            themesLanguage: foreign(Translation.siteLanguage),
            summary: item.summary, isClosed: item.status == .closed,
            picture: item.picture.map { PersonSummary.Picture(src: SiteRoute.image($0.image).path, alt: $0.alt) },
            people: try await summaries(people, events: events),
            timeline: try await timeline(
                events, replies: store.replies(inCase: id), mentioned: mentioned, actions: actions, statements: statements),
            actions: actions.map(titles.link),
            statements: statements.map(titles.link))
    }

    /// The case's events with the officials' replies among them, by date; on the same date, events first.
    private func timeline(
        _ events: [Event], replies: [OfficialReply], mentioned: [Identifier<Person>: Person], actions: [UrgentAction],
        statements: [Statement]
    ) async throws -> [TimelineEntry] {
        let officials = try await index(store.targets(Array(Set(replies.map(\.target)))))
        let entries =
            events.map { TimelineEntry($0, people: mentioned, actions: index(actions), statements: index(statements), messages) }
            + replies.map { TimelineEntry($0, official: officials[$0.target], actions: index(actions), messages) }
        return entries.enumerated().sorted { ($0.element.date.iso.prefix(10), $0.offset) < ($1.element.date.iso.prefix(10), $1.offset) }
            .map(\.element)
    }

    func person(_ id: Identifier<Person>) async throws -> PersonPage? {
        guard let (person, contentLanguage) = try await translated(store.person(id)) else { return nil }
        let events = try await store.events(affecting: id)
        let cases = try await store.cases(Array(Set(events.map(\.caseID))).sorted())
        let actions = try await store.publicUrgentActions()
        let statements = try await store.statements(limit: 1000)
        let mentioned = try await index(store.people(Array(Set(events.flatMap(\.people)))))
        let affiliations = try await store.organisations(person.affiliations).map(\.name)
        let mine = actions.filter { $0.people.contains(id) }
        let titles = try await Titles.load(store, messages, actions: mine, cases: cases)
        return PersonPage(
            page: meta(person.name, description: messages("person.description", ["name": person.name]), route: .person(id)),
            person: PersonSummary(person, events: events, messages, roleLanguage: contentLanguage),
            affiliationsText: affiliations.isEmpty ? nil : messages("person.works-with", ["organisations": messages.list(affiliations)]),
            note: person.note, contentLanguage: contentLanguage,
            actFor: messages("person.act-for", ["name": person.name]),
            timeline: events.map {
                TimelineEntry($0, people: mentioned, actions: index(actions), statements: index(statements), messages)
            },
            cases: cases.map(titles.link),
            actions: mine.map(titles.link))
    }

    func statement(_ id: Identifier<Statement>) async throws -> StatementPage? {
        guard let (statement, contentLanguage) = try await translated(store.statement(id)) else { return nil }
        let cases = try await store.cases(statement.cases)
        let titles = try await Titles.load(store, messages, cases: cases)
        return StatementPage(
            page: meta(statement.title, description: statement.lead.first ?? statement.title, route: .statement(id)),
            title: statement.title, contentLanguage: contentLanguage, published: messages.date(statement.published),
            lead: statement.lead,
            quotes: statement.quotes.map { StatementPage.QuoteBlock(paragraphs: $0.paragraphs, speaker: $0.speaker, role: $0.role) },
            background: statement.background,
            cases: cases.map(titles.link),
            people: try await store.people(statement.people).map { Link(text: $0.name, href: messages.href(.person($0.id))) })
    }

    /// The record in the page's language when it has a translation into it, with the `lang` its words
    /// carry: nil when they are in the page's language.
    private func translated<T: Translatable>(_ record: T?) async throws -> (T, String?)? {
        guard let record else { return nil }
        return try await store.translated([record], into: language.rawValue).first
    }

    /// People as lists show them, each role in the page's language when translated, else marked with its own.
    private func summaries(_ people: [Person], events: [Event]) async throws -> [PersonSummary] {
        try await store.translated(people, into: language.rawValue).map {
            PersonSummary($0.record, events: events, messages, roleLanguage: $0.language)
        }
    }

    /// An action in the page's language, with the letters of every translation: the letter's language is
    /// chosen apart from the page's.
    private func translated(_ action: UrgentAction) async throws -> (UrgentAction, String?) {
        var shown = action
        var contentLanguage = foreign(action.language)
        for translation in try await store.translations(of: .urgentAction, action.id.rawValue) {
            if translation.language == language.rawValue {
                shown = shown.applying(translation)
                contentLanguage = nil
            } else {
                shown = shown.addingLetter(of: translation)
            }
        }
        return (shown, contentLanguage)
    }

    /// `language` when it is not the page's: the `lang` that content in it carries.
    private func foreign(_ language: String) -> String? {
        language == self.language.rawValue ? nil : language
    }

    private func meta(_ title: String, description: String, route: SiteRoute) -> PageMeta {
        PageMeta(title: title, description: description, messages: messages, route: route, siteURL: publicURL)
    }

    private func share(_ action: UrgentAction, targets: [Target], names: [String]) -> UrgentActionPage.Share {
        func text(_ network: SocialHandle.Network) -> String {
            ActionPages.shareText(action, targets: targets, names: names, network: network, publicURL: publicURL, messages: messages)
        }
        let link = publicURL + messages.href(.urgentAction(action.id))
        let message = names.isEmpty ? action.title : messages("share.free", ["names": messages.list(names)])
        return UrgentActionPage.Share(
            x: ActionLinks.xPost(text: text(.x)), bluesky: ActionLinks.blueskyPost(text: text(.bluesky)),
            whatsApp: ActionLinks.whatsAppMessage(text: message + " " + link),
            telegram: ActionLinks.telegramShare(url: link, text: message),
            mastodonAction: messages.href(.mastodonShare(action.id)), link: link)
    }

    private func index<T: Identifiable>(_ items: [T]) -> [T.ID: T] {
        Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
