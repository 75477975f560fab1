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
        fingerprint.add(input.target?.rawValue ?? "")
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
    let actions: ActionCache

    func letter(_ id: Identifier<UrgentAction>, to targetID: Identifier<Target>, draft: LetterDraft?) async throws -> LetterPage? {
        guard let (action, target) = try await actionAndTarget(id, targetID) else { return nil }
        let today = HistoricalDate(day: clock.now)
        do {
            let letter = try action.letter(to: target, draft: draft ?? LetterDraft(), on: today)
            return LetterPage(action: action, target: target, letter: letter, draft: draft ?? LetterDraft(), error: nil)
        } catch {
            // Show the sample again, with the supporter's text kept in the form and the reason above it.
            let sample = try action.letter(to: target, on: today)
            return LetterPage(action: action, target: target, letter: sample, draft: draft ?? LetterDraft(), error: error.description)
        }
    }

    func reportPage(_ id: Identifier<UrgentAction>, values: [String: String] = [:], error: String? = nil) async throws -> ReportPage? {
        guard let action = try await visibleAction(id) else { return nil }
        let targets = try await store.targets(action.targets.map(\.target))
        return ReportPage(
            page: PageMeta(
                title: "Report your actions — Urgent Action \(action.number)", description: action.title, language: action.language),
            actionLink: Link(action),
            report: ReportFormView(
                action: action, targets: targets, token: tokens.issue(for: ReportForm.purpose(id), now: clock.now),
                offersEmail: vault != nil, values: values,
                error: error ?? (action.status == .closed ? ReportError.actionClosed.description : nil)))
    }

    func submitReport(
        _ id: Identifier<UrgentAction>, form: FormBody, peer: SocketAddress?, forwardedFor: String?
    ) async throws -> ReportSubmission? {
        guard let action = try await visibleAction(id) else { return nil }
        var values: [String: String] = [:]
        for name in OutcryCore.Channel.allCases.map(\.formName) + ["target", "country", "email", "consent"] { values[name] = form[name] }
        func invalid(_ message: String) async throws -> ReportSubmission {
            .invalid(try await reportPage(id, values: values, error: message)!)
        }

        let nonce: String
        do { nonce = try tokens.verify(form["token"], for: ReportForm.purpose(id), now: clock.now) } catch {
            return try await invalid(
                error == .expired
                    ? "This form was open for too long. Please check your numbers and send it again."
                    : "This form could not be accepted. Please send it again from this page.")
        }
        var counts: [OutcryCore.Channel: Int] = [:]
        for channel in OutcryCore.Channel.allCases {
            guard let text = form.text(channel.formName) else { continue }
            guard let count = Int(text) else { return try await invalid(ReportError.notANumber(channel).description) }
            counts[channel] = count
        }
        var country: Country?
        if let code = form.text("country") {
            guard let known = Country(rawValue: code) else { return try await invalid(ReportError.unknownCountry.description) }
            country = known
        }
        let input: ReportInput
        do throws(ReportError) {
            input = try ReportRules.validate(
                ReportInput(counts: counts, target: form.text("target").map { Identifier($0) }, country: country), for: action)
        } catch {
            return try await invalid(error.description)
        }
        let now = clock.now
        var contact: SealedContact?
        if let vault, let text = form.text("email") {
            guard let email = EmailAddress(text) else {
                return try await invalid("That e-mail address does not look right. Check it, or leave it empty.")
            }
            guard form["consent"] == "yes" else {
                return try await invalid("To keep your e-mail address we need your consent: tick the box, or leave the address empty.")
            }
            contact = try SealedContact(
                email: email, consent: Consent(wording: Consent.reportFollowUp, givenAt: now), source: "report:\(id.rawValue)",
                vault: vault)
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
        let targets = try await store.targets(action.targets.map(\.target))
        return ThanksPage(
            page: PageMeta(title: "Thank you — Urgent Action \(action.number)", description: action.title, language: action.language),
            actionLink: Link(action),
            totals: TotalsView(try await store.totals(of: id)),
            wasFlagged: heldForReview,
            nextSteps: targets.map { Link(text: "Write to \($0.fullName)", href: SiteRoute.letter(id, to: $0.id).path) }
                + [Link(text: "Share this action", href: SiteRoute.urgentAction(id).path(query: [:], fragment: "share-heading"))])
    }

    func officialsReport(_ id: Identifier<UrgentAction>, for targetID: Identifier<Target>) async throws -> OfficialsReportPage? {
        guard let (action, target) = try await actionAndTarget(id, targetID) else { return nil }
        let totals = try await store.totals(of: id)
        let mine = totals.byTarget[targetID] ?? TargetTotals()
        let people = try await store.people(action.people).map(\.name)
        let about = people.isEmpty ? action.title : UrgentAction.list(people)
        let today = HistoricalDate(day: clock.now)
        let headline =
            "Between \(DateWording.text(action.issued)) and \(DateWording.text(today)), "
            + "\(mine.reports.counting("person", "people")) in \(mine.countries.counting("country", "countries")) "
            + "told us they sent you \(mine.actions.counting("message", "messages")) about \(about)."
        return OfficialsReportPage(
            page: PageMeta(
                title: "Totals for \(target.fullName) — Urgent Action \(action.number)", description: headline, language: action.language),
            recipientLines: target.postalAddress, date: DateText(today),
            salutation: UrgentAction.salutation(for: target, sample: action.letter(for: target.id)),
            headline: headline,
            channels: Channel.allCases.compactMap { channel in
                (mine.byChannel[channel] ?? 0) > 0 ? .init(label: channel.label, count: mine.byChannel[channel]!.formatted) : nil
            },
            countries: mine.peopleByCountry.sorted { ($0.value, $1.key?.name ?? "") > ($1.value, $0.key?.name ?? "") }.map {
                .init(label: $0.key?.name ?? "Country not given", count: $0.value.formatted)
            },
            overall: "In all, \(totals.reports.counting("person", "people")) in \(totals.countries.counting("country", "countries")) "
                + "reported \(totals.actions.counting("action", "actions")) on Urgent Action \(action.number).",
            people: about, asks: action.asks, csvHref: SiteRoute.totalsCSV(id).path,
            actionLink: Link(action))
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
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    func mastodonShare(_ id: Identifier<UrgentAction>, instance: String) async throws -> SharePage? {
        guard let action = try await visibleAction(id), action.status == .published else { return nil }
        let targets = try await store.targets(action.targets.map(\.target))
        let names = try await store.people(action.people).map(\.name)
        let text = Self.shareText(action, targets: targets, names: names, network: .mastodon, publicURL: publicURL)
        let link = ActionLinks.mastodonPost(instance: instance, text: text)
        return SharePage(
            page: PageMeta(title: "Share on Mastodon — Urgent Action \(action.number)", description: action.title),
            actionLink: Link(action),
            instance: instance, link: link, text: text, formAction: SiteRoute.mastodonShare(id).path,
            error: link == nil ? "“\(instance)” is not a Mastodon server name. Write it like mastodon.social." : nil)
    }

    /// A post naming the officials' handles on the network, the people, and a link back to the action.
    static func shareText(
        _ action: UrgentAction, targets: [Target], names: [String], network: SocialHandle.Network, publicURL: String
    ) -> String {
        let handles = targets.flatMap(\.socialHandles).filter { $0.network == network }.map(\.handle)
        let about = names.isEmpty ? action.title : "Free " + UrgentAction.list(names)
        return (handles + [about, publicURL + SiteRoute.urgentAction(action.id).path]).joined(separator: " ")
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
            let target = try await store.targets([targetID]).first
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
