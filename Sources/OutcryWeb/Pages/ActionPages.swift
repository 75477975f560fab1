import Foundation
import NIOCore
import OutcryCore
import OutcryStore

/// The report form's rules at the web edge: which fields, which token.
enum ReportForm {
    static func purpose(_ action: Identifier<UrgentAction>) -> String { "report:\(action.rawValue)" }

    /// The form's issue time and nonce with a fingerprint of what was reported: a double click or a retry
    /// sends the same and is stored once, while a supporter who goes back and reports something else is
    /// counted again. Keys begin with the time, so new ones are added at the end of the index.
    static func idempotencyKey(nonce: String, input: ReportInput) -> String {
        var fingerprint = Fingerprint()
        for channel in OutcryCore.Channel.allCases { fingerprint.add("\(input.counts[channel] ?? 0)") }
        fingerprint.add(input.targets.map(\.rawValue).joined(separator: " "))
        fingerprint.add(input.country?.code ?? "")
        return "\(nonce).\(fingerprint.value)"
    }
}

/// What happened to a submitted report form.
enum ReportSubmission: Sendable {
    /// Stored (and counted, unless held for review): send the supporter to the thanks.
    case recorded(heldForReview: Bool)
    /// Something to fix: the form again, with the supporter's values and the reason.
    case invalid(ReportPage)
}

/// Acting on an Urgent Action: letters, reports, totals. Handlers decode, call one of these, render.
struct ActionPages: Sendable {
    let store: Store
    let clock: any WallClock
    let tokens: FormTokens
    let writer: ReportWriter
    let hasher: ClientHasher
    let publicURL: String
    let totalsCache: TotalsCache
    /// Nil when no data key is configured: then e-mail addresses are neither asked for nor kept.
    let vault: ContactVault?
    let signer: TotalsSigner
    let actions: ActionCache
    /// The language of the pages.
    var messages = Messages.english

    /// The same pages in another language.
    func speaking(_ messages: Messages) -> ActionPages {
        var pages = self
        pages.messages = messages
        return pages
    }

    /// `language` is the letter's, chosen apart from the page's; nil or one no letter is written in means
    /// the likeliest (`UrgentAction.letterLanguage(to:reader:)`).
    func letter(
        _ id: Identifier<UrgentAction>, to targetID: Identifier<Target>, language requested: String?, draft: LetterDraft?
    ) async throws -> LetterPage? {
        guard let (original, target) = try await actionAndTarget(id, targetID) else { return nil }
        let action = try await withTranslatedLetters(original)
        let likeliest = action.letterLanguage(to: target, reader: messages.language.rawValue)
        let language = requested.flatMap { action.letterLanguages.contains($0) ? $0 : nil } ?? likeliest
        let defaults = messages.speaking(Language(code: language)).letterDefaults
        let today = HistoricalDate(day: clock.now)
        let meta = meta(
            messages("letter.title", ["name": target.fullName, "number": action.number]),
            description: messages("letter.description", ["number": action.number]), route: .letter(id, to: targetID),
            query: language == likeliest ? "" : "?language=" + language)
        let back = try await actionLink(original)
        let page = { (letter: Letter, error: String?) in
            LetterPage(
                action: action, target: target, language: language, letter: letter, draft: draft ?? LetterDraft(), error: error,
                meta: meta, actionLink: back, messages: messages)
        }
        do {
            return page(try action.letter(to: target, in: language, draft: draft ?? LetterDraft(), on: today, defaults: defaults), nil)
        } catch {
            // Show the sample again, with the supporter's text kept in the form and the reason above it.
            return page(try action.letter(to: target, in: language, on: today, defaults: defaults), error.message(messages))
        }
    }

    func reportPage(_ id: Identifier<UrgentAction>, values: [String: String] = [:], error: String? = nil) async throws -> ReportPage? {
        guard let action = try await visibleAction(id) else { return nil }
        let targets = try await store.liveTargets(action.targets.map(\.target))
        return ReportPage(
            page: meta(messages("report.title", ["number": action.number]), description: action.title, route: .report(id)),
            actionLink: try await actionLink(action),
            report: ReportFormView(
                action: action, targets: targets, token: tokens.issue(for: ReportForm.purpose(id), now: clock.now),
                offersEmail: vault != nil, values: values,
                error: error ?? (action.status == .closed ? ReportError.actionClosed.message(messages) : nil), messages: messages),
            registerGroup: Link(text: messages("campaign.register-group"), href: messages.href(.newGroup)))
    }

    func submitReport(
        _ id: Identifier<UrgentAction>, form: FormBody, peer: SocketAddress?, forwardedFor: String?
    ) async throws -> ReportSubmission? {
        guard let action = try await visibleAction(id) else { return nil }
        var values: [String: String] = [:]
        for name in OutcryCore.Channel.allCases.map(\.formName) + ["country", "email", "consent"] { values[name] = form[name] }
        values["target"] = form.all("target").joined(separator: " ")
        func invalid(_ message: String) async throws -> ReportSubmission {
            .invalid(try await reportPage(id, values: values, error: message)!)
        }

        let nonce: String
        do { nonce = try tokens.verify(form["token"], for: ReportForm.purpose(id), now: clock.now) } catch {
            return try await invalid(
                messages(error == .expired ? "report.error-expired" : "report.error-token"))
        }
        var counts: [OutcryCore.Channel: Int] = [:]
        for channel in OutcryCore.Channel.allCases {
            guard let text = form.text(channel.formName) else { continue }
            guard let count = Int(text) else { return try await invalid(ReportError.notANumber(channel).message(messages)) }
            counts[channel] = count
        }
        var country: Country?
        if let typed = form.text("country") {
            // Typed in any language, or chosen from the list shown when a typed name was not understood.
            guard let known = Country.named(typed) else { return try await invalid(ReportError.unknownCountry.message(messages)) }
            country = known
        }
        let input: ReportInput
        do throws(ReportError) {
            input = try ReportRules.validate(
                ReportInput(counts: counts, targets: form.all("target").map { Identifier($0) }, country: country), for: action)
        } catch {
            return try await invalid(error.message(messages))
        }
        let now = clock.now
        var contact: SealedContact?
        if let vault, let text = form.text("email") {
            guard let email = EmailAddress(text) else {
                return try await invalid(messages("report.error-email"))
            }
            guard form["consent"] == "yes" else {
                return try await invalid(messages("report.error-consent"))
            }
            contact = try SealedContact(
                email: email, consent: Consent(wording: messages("report.consent"), givenAt: now), source: "report:\(id.rawValue)",
                language: messages.language.rawValue, vault: vault)
        }
        let outcome = try await writer.submit(
            IncomingReport(
                idempotencyKey: ReportForm.idempotencyKey(nonce: nonce, input: input), urgentAction: id, input: input,
                clientHash: try await hasher.hash(peer: peer, forwardedFor: forwardedFor, now: now), reportedAt: now,
                honeypotFilled: form.text(ReportFormView.honeypotName) != nil, contact: contact))
        totalsCache.invalidate(id)
        if case .flagged = outcome { return .recorded(heldForReview: true) }
        return .recorded(heldForReview: false)
    }

    func thanks(_ id: Identifier<UrgentAction>, heldForReview: Bool) async throws -> ThanksPage? {
        guard let action = try await visibleAction(id) else { return nil }
        let targets = try await store.liveTargets(action.targets.map(\.target))
        return ThanksPage(
            page: meta(messages("thanks.title", ["number": action.number]), description: action.title, route: .thanks(id)),
            actionLink: try await actionLink(action),
            totals: TotalsView(try await store.totals(of: id), messages: messages),
            wasFlagged: heldForReview,
            nextSteps: targets.map {
                Link(text: messages("thanks.write-to", ["name": $0.fullName]), href: messages.href(.letter(id, to: $0.id)))
            }
                + (try await store.attention(of: id) == nil
                    ? [Link(text: messages("thanks.share"), href: messages.href(.urgentAction(id), query: [:], fragment: "share-heading"))]
                    : []))
    }

    func officialsReport(_ id: Identifier<UrgentAction>, for targetID: Identifier<Target>) async throws -> OfficialsReportPage? {
        guard let (original, target) = try await actionAndTarget(id, targetID) else { return nil }
        let language = messages.language.rawValue
        // The report is in the page's language: the asks too, when they are translated into it.
        var action = try await withTranslatedLetters(original)
        let translation = try await store.translations(of: .urgentAction, [id.rawValue], in: language).first?.value
        if let translation { action = action.applying(translation) }
        let totals = try await store.totals(of: id)
        let mine = totals.byTarget[targetID] ?? TargetTotals()
        let people = try await store.people(action.people).map(\.name)
        let about = people.isEmpty ? action.title : messages.list(people)
        let today = HistoricalDate(day: clock.now)
        let headline = messages.plural(
            "officials.headline", count: mine.actions,
            [
                "start": messages.date(action.issued).text, "end": messages.date(today).text,
                "people": messages.plural("totals.people", count: mine.reports),
                "countries": messages.plural("totals.countries", count: mine.countries), "about": about,
            ])
        return OfficialsReportPage(
            page: meta(
                messages("officials.title", ["name": target.fullName, "number": action.number]), description: headline,
                route: .officialsReport(id, for: targetID)),
            recipientLines: target.postalAddress, date: messages.date(today),
            // Greeted as a letter in the report's language greets them: with the language's greeting to anyone
            // when no letter is written in it.
            salutation: action.letterLanguages.contains(language)
                ? action.salutation(for: target, sample: action.sampleLetter(to: target, in: language), defaults: messages.letterDefaults)
                : messages.letterDefaults.salutation,
            headline: headline,
            channels: Channel.allCases.compactMap { channel in
                (mine.byChannel[channel] ?? 0) > 0
                    ? .init(label: channel.label(messages), count: messages.number(mine.byChannel[channel]!)) : nil
            },
            countries: mine.peopleByCountry.map { (name: $0.key?.name(in: language) ?? messages("officials.no-country"), count: $0.value) }
                .sorted { ($0.count, $1.name) > ($1.count, $0.name) }
                .map { .init(label: $0.name, count: messages.number($0.count)) },
            overall: messages.plural(
                "officials.overall", count: totals.actions,
                [
                    "people": messages.plural("totals.people", count: totals.reports),
                    "countries": messages.plural("totals.countries", count: totals.countries), "number": action.number,
                ]),
            people: about, asks: action.asks,
            contentLanguage: translation != nil || original.language == language ? nil : original.language,
            csvHref: SiteRoute.totalsCSV(id).path, actionLink: try await actionLink(action),
            // "Your office replied on 12 June 2024": the report remembers what the office already said.
            replied: try await store.replies(inCase: action.caseID).filter { $0.target == targetID }.map(\.date).max().map {
                messages("officials.replied", ["date": messages.date($0).text])
            },
            groupsLine: messages.groups(mine.groups),
            check: try await statementCheck(try await signedStatement(original, totals: totals, official: target)))
    }

    /// The statement of these numbers, signed, and kept under its code for the verification page. The same
    /// numbers on the same day make the same statement, kept once: views of a page add no rows.
    func signedStatement(_ action: UrgentAction, totals: Totals, official: Target?) async throws -> (SignedTotalsStatement, code: String) {
        let now = clock.now
        let entry = try await store.dailyTotalsEntry(of: action.id, totals: totals, at: now)
        let mine = official.map { totals.byTarget[$0.id] ?? TargetTotals() }
        let statement = TotalsStatement(
            site: publicURL, action: action.id, actionNumber: action.number, official: official?.id, officialName: official?.fullName,
            day: TotalsStatement.day(of: now), people: mine?.reports ?? totals.reports, byChannel: mine?.byChannel ?? totals.byChannel,
            countries: mine?.countries ?? totals.countries, groups: mine?.groups ?? totals.groups, record: entry.link)
        let signed = try signer.sign(statement)
        let code = TotalsSigner.code(of: signed)
        try await store.keepSignedStatement(signed, code: code, at: now)
        return (signed, code)
    }

    /// How a reader of the printed report checks it: the code, and a QR code of the verification address.
    private func statementCheck(_ signed: (SignedTotalsStatement, code: String)) async throws -> StatementCheck {
        // The code without its dashes, which a query would spell %2D: a shorter address, a smaller QR code.
        let address = publicURL + messages.href(.verifyTotals, query: ["code": signed.code.replacingOccurrences(of: "-", with: "")])
        return StatementCheck(
            code: signed.code, text: signed.0.text,
            howTo: messages("officials.check", ["address": publicURL + messages.href(.verifyTotals), "code": signed.code]),
            qr: QRCode(address)?.svg(label: messages("officials.check-qr")), href: address)
    }

    /// One row per breakdown and channel, for a spreadsheet.
    func totalsCSV(_ id: Identifier<UrgentAction>) async throws -> String? {
        guard let action = try await visibleAction(id) else { return nil }
        let totals = try await store.totals(of: id)
        let names = Dictionary(
            try await store.targets(action.targets.map(\.target)).map { ($0.id, $0.fullName) }, uniquingKeysWith: { a, _ in a })
        var lines = ["urgent_action,breakdown,key,channel,count"]
        func add(_ breakdown: String, _ key: String, _ channel: String, _ count: Int) {
            lines.append([action.number, breakdown, key, channel, String(count)].map(CSV.field).joined(separator: ","))
        }
        add("all", "", "people", totals.reports)
        for channel in OutcryCore.Channel.allCases { add("all", "", channel.rawValue, totals.byChannel[channel] ?? 0) }
        for (target, counts) in totals.byTarget.sorted(by: { $0.key < $1.key }) {
            add("target", names[target] ?? target.rawValue, "people", counts.reports)
            for channel in Channel.allCases where (counts.byChannel[channel] ?? 0) > 0 {
                add("target", names[target] ?? target.rawValue, channel.rawValue, counts.byChannel[channel]!)
            }
        }
        for (country, people) in totals.peopleByCountry.sorted(by: { ($0.key?.code ?? "") < ($1.key?.code ?? "") }) {
            add("country", country?.code ?? "", "people", people)
        }
        // What groups wrote together, apart from people: in all, and for each official it named.
        for line in totals.groups.lines { add("groups", "", line.key, line.value) }
        for (target, counts) in totals.byTarget.sorted(by: { $0.key < $1.key }) {
            for line in counts.groups.lines { add("target_groups", names[target] ?? target.rawValue, line.key, line.value) }
        }
        // The whole action's numbers, signed: the code for the verification page, and the statement itself.
        let (signed, code) = try await signedStatement(action, totals: totals, official: nil)
        lines.append([action.number, "signed_statement", code, "", ""].map(CSV.field).joined(separator: ","))
        lines.append([action.number, "signed_statement_text", signed.text, "", ""].map(CSV.field).joined(separator: ","))
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A supporter says one of an official's contacts does not work. Counted once per client, contact and
    /// day; the answer says what happens next, or why nothing was recorded.
    func reportContactProblem(
        _ id: Identifier<UrgentAction>, form: FormBody, peer: SocketAddress?, forwardedFor: String?
    ) async throws -> (ContactProblemPage, recorded: Bool)? {
        guard let action = try await visibleAction(id) else { return nil }
        let link = try await actionLink(action)
        func answer(_ key: String, recorded: Bool, _ values: KeyValuePairs<String, String> = [:]) -> (ContactProblemPage, recorded: Bool) {
            let heading = messages(recorded ? "contact-problem.thanks" : "contact-problem.not-recorded")
            return (
                ContactProblemPage(
                    page: meta(heading, description: action.title, route: .contactProblem(id)), heading: heading,
                    text: messages(key, values), isError: !recorded, actionLink: link), recorded
            )
        }
        do { _ = try tokens.verify(form["token"], for: ReportForm.purpose(id), now: clock.now) } catch {
            return answer(error == .expired ? "contact-problem.expired" : "contact-problem.bad-form", recorded: false)
        }
        let parts = (form["contact"] ?? "").split(separator: ":")
        guard let targetID = form.text("target").map({ Identifier<Target>($0) }),
            action.targets.contains(where: { $0.target == targetID }), let target = try await store.liveTargets([targetID]).first,
            parts.count == 2, let channel = ContactChannel(rawValue: String(parts[0])), let index = Int(parts[1]),
            target.contacts(on: channel).indices.contains(index)
        else { return answer("contact-problem.choose", recorded: false) }
        let now = clock.now
        let contact = DeadContact(channel: channel, value: target.contacts(on: channel)[index])
        let taken = try await store.reportContactProblem(
            contact, of: targetID, clientHash: try await hasher.hash(peer: peer, forwardedFor: forwardedFor, now: now), now: now)
        guard taken else { return answer("contact-problem.too-many", recorded: false) }
        return answer("contact-problem.next", recorded: true, ["name": target.fullName])
    }

    /// A campaign's page: the public actions it gathers, their totals together (toward its goal), each one's.
    /// Read fresh, not cached: its totals move with every report on any of its actions.
    func campaign(_ id: Identifier<Campaign>) async throws -> CampaignPage? {
        guard let campaign = try await store.campaign(id) else { return nil }
        let found = try await store.urgentActions(campaign.actions).filter { $0.status != .draft }
        let actions = campaign.actions.compactMap { id in found.first { $0.id == id } }
        let totals = try await store.totals(of: actions.map(\.id))
        let titles = try await Titles.load(store, messages, actions: actions)
        let groups = try await store.groupsThatActed(on: actions.map(\.id))
        var combined = Totals.combined(actions.map { totals[$0.id] ?? Totals() })
        // A group that wrote for three of the actions is one group.
        combined.groups.groups = groups.count
        return CampaignPage(
            page: meta(campaign.title, description: campaign.summary.isEmpty ? campaign.title : campaign.summary, route: .campaign(id)),
            title: campaign.title, summary: campaign.summary,
            totals: TotalsView(combined, messages: messages, goal: campaign.goal),
            actions: actions.map { action in
                CampaignPage.Item(
                    link: titles.link(action), acted: messages.plural("campaign.acted", count: totals[action.id]?.reports ?? 0),
                    fromGroups: totals[action.id].flatMap { messages.groups($0.groups) },
                    isClosed: action.status == .closed)
            },
            groupsTookPart: groups.count > 0 ? messages.plural("campaign.groups", count: groups.count) : nil,
            groupNames: groups.named.map { group in
                Link(
                    text: [group.name, messages.place(group)].filter { !$0.isEmpty }.joined(separator: ", "),
                    href: messages.href(.group(group.id)))
            },
            registerGroup: Link(text: messages("campaign.register-group"), href: messages.href(.newGroup)))
    }

    func mastodonShare(_ id: Identifier<UrgentAction>, instance: String) async throws -> SharePage? {
        guard let action = try await visibleAction(id), action.status == .published else { return nil }
        let targets = try await store.liveTargets(action.targets.map(\.target))
        let names = try await store.people(action.people).map(\.name)
        let text = Self.shareText(action, targets: targets, names: names, network: .mastodon, publicURL: publicURL, messages: messages)
        let link = ActionLinks.mastodonPost(instance: instance, text: text)
        return SharePage(
            page: meta(messages("share.title", ["number": action.number]), description: action.title, route: .mastodonShare(id)),
            actionLink: try await actionLink(action),
            instance: instance, link: link, text: text, formAction: messages.href(.mastodonShare(id)),
            continueText: messages("share.continue", ["server": instance]),
            error: link == nil ? messages("share.not-a-server", ["server": instance]) : nil)
    }

    /// A post naming the officials' handles on the network, the people, and a link back to the action.
    static func shareText(
        _ action: UrgentAction, targets: [Target], names: [String], network: SocialHandle.Network, publicURL: String, messages: Messages
    ) -> String {
        let handles = targets.flatMap(\.socialHandles).filter { $0.network == network }.map(\.handle)
        let about = names.isEmpty ? action.title : messages("share.free", ["names": messages.list(names)])
        return (handles + [about, publicURL + messages.href(.urgentAction(action.id))]).joined(separator: " ")
    }

    private func meta(_ title: String, description: String, route: SiteRoute, query: String = "") -> PageMeta {
        PageMeta(title: title, description: description, messages: messages, route: route, siteURL: publicURL, query: query)
    }

    /// "← Urgent Action 30.24: …", back to the action, its title in the page's language when translated.
    private func actionLink(_ action: UrgentAction) async throws -> Link {
        try await Titles.load(store, messages, actions: [action]).link(action)
    }

    /// The action with the letter of each of its translations.
    private func withTranslatedLetters(_ action: UrgentAction) async throws -> UrgentAction {
        var action = action
        for translation in try await store.translations(of: .urgentAction, action.id.rawValue) {
            action = action.addingLetter(of: translation)
        }
        return action
    }

    /// A published or closed action, read through the cache: every page here is on a supporter's path.
    private func visibleAction(_ id: Identifier<UrgentAction>) async throws -> UrgentAction? {
        guard let action = try await actions.action(id), action.status != .draft else { return nil }
        return action
    }

    private func actionAndTarget(
        _ id: Identifier<UrgentAction>, _ targetID: Identifier<Target>
    ) async throws -> (UrgentAction, Target)? {
        guard let action = try await visibleAction(id),
            action.targets.contains(where: { $0.target == targetID }),
            let target = try await store.liveTargets([targetID]).first
        else { return nil }
        return (action, target)
    }
}

/// RFC 4180 fields, with a leading quote against spreadsheet formulas ("=HYPERLINK(…)").
enum CSV {
    static func field(_ text: String) -> String {
        var text = text
        if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
