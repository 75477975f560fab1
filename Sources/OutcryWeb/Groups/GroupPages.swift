import Foundation
import NIOCore
import OutcryCore
import OutcryStore

/// What a group's pages answer: registering, confirming, reporting, the certificate and the public page.
/// Handlers decode, call one of these, render.
struct GroupPages: Sendable {
    let store: Store
    let clock: any WallClock
    let tokens: FormTokens
    let links: GroupLinks
    let alerts: Alerts
    let vault: ContactVault
    let totals: TotalsCache
    /// Shared with the alert forms: together they may send only so many messages an hour.
    let mailLimits: AlertMailLimits
    let siteURL: String
    let siteName: String

    /// Photos of the letters of up to 5 MB, and the form's fields around them.
    static let uploadLimit = 5_000_000 + 16 * 1024
    static let registrationPurpose = "group-registration"
    static func reportPurpose(_ group: Identifier<WritingGroup>) -> String { "group-report:\(group.rawValue)" }
    /// Today is already tomorrow in Kiribati while it is today in UTC: a day up to this far ahead is no future.
    static let easternmostOffset: TimeInterval = 14 * 3600
    /// An organiser who never opens the link loses the registration, with their address, after this long.
    static let confirmationLifetime: TimeInterval = 14 * 86_400

    // MARK: Registering

    func registration(
        _ messages: Messages, group: WritingGroup? = nil, email: String = "", hearsOutcome: Bool = false,
        errors: FormErrors? = nil
    ) -> GroupRegistrationPage {
        let form = GroupForm(messages: messages, isRegistration: true)
        return GroupRegistrationPage(
            page: meta(messages("group.register-title"), messages, route: .newGroup),
            form: PublicForm(
                action: messages.href(.newGroup), token: tokens.issue(for: Self.registrationPurpose, now: clock.now),
                fields: form.fields(
                    group ?? WritingGroup(id: "", name: "", kind: .school, size: 0), email: email, hearsOutcome: hearsOutcome,
                    errors: errors ?? FormErrors(messages)),
                submit: messages("group.register-send")))
    }

    enum Registration: Sendable {
        case sent(GroupRegistrationPage)
        case invalid(GroupRegistrationPage)
        /// Too many from this connection or this site in the last hour: nothing stored, nothing sent.
        case limited(GroupRegistrationPage, retryAfter: Int)
    }

    /// A new group waits for its organiser to open the link sent to the address they gave; the page says so
    /// whether or not the address works, and the same address gets at most one such message a day.
    func register(_ form: FormBody, _ messages: Messages, peer: SocketAddress?, forwardedFor: String?) async throws -> Registration {
        var (group, errors) = GroupForm(messages: messages, isRegistration: true).read(
            form, base: WritingGroup(id: "", name: "", size: 0, status: .waiting, verified: false, language: messages.language.rawValue))
        let email = EmailAddress(form.text("email") ?? "")
        if email == nil { errors.add("email", messages("group.error-email")) }
        let hearsOutcome = form["hears-outcome"] == "yes"
        do { _ = try tokens.verify(form["token"], for: Self.registrationPurpose, now: clock.now) } catch {
            errors.add("name", messages(error == .expired ? "report.error-expired" : "report.error-token"))
        }
        guard errors.isEmpty, let email else {
            return .invalid(
                registration(messages, group: group, email: form.text("email") ?? "", hearsOutcome: hearsOutcome, errors: errors))
        }
        let now = clock.now
        if let refused = mailLimits.refusal(
            peer: peer, forwardedFor: forwardedFor, now: now, messages: messages, clientWords: "group.limit-client")
        {
            errors.add("email", refused.message)
            return .limited(
                registration(messages, group: group, email: email.value, hearsOutcome: hearsOutcome, errors: errors),
                retryAfter: refused.retryAfter)
        }
        group.id = Identifier(try await newSlug(from: group.name) { try await store.exists($0, in: .writingGroups) })
        let contact = try GroupContact(
            email: email, hearsOutcome: hearsOutcome, consentWording: messages("group-form.hears-outcome-yes"), vault: vault)
        try await store.registerGroup(group, contact: contact, now: now)
        try await alerts.sendGroupLink(group, contact: contact, url: siteURL + SiteRoute.groupReport(links.token(group)).path, now: now)
        return .sent(
            GroupRegistrationPage(
                page: meta(messages("group.sent-title"), messages, route: .newGroup), form: nil,
                sent: messages("group.sent", ["email": email.value])))
    }

    // MARK: The group's own page

    /// The group a private link names, with its pages' words in the organiser's language.
    func group(in token: String, _ messages: Messages) async throws -> (WritingGroup, Messages)? {
        guard let id = links.claimedGroup(in: token), let group = try await store.writingGroup(id), links.isGenuine(token, for: group)
        else { return nil }
        return (group, messages.speaking(Language(code: group.language)))
    }

    func home(
        _ group: WritingGroup, token: String, _ messages: Messages, chosen: Identifier<UrgentAction>? = nil, values: FormBody? = nil,
        errors: FormErrors? = nil, notice: String? = nil
    ) async throws -> GroupHomePage {
        let route = SiteRoute.groupReport(token)
        var page = GroupHomePage(
            page: meta(group.name, messages, route: nil), name: group.name, notice: notice, reports: [], actions: [])
        guard group.status == .confirmed else {
            page.confirmTo = SiteRoute.confirmGroup(token).path
            return page
        }
        let reports = try await store.groupReports(of: group.id)
        let open = try await store.allUrgentActions().filter { $0.status == .published }
        let reported = try await store.urgentActions(Array(Set(reports.map(\.input.action))))
        let titles = try await Titles.load(store, messages, actions: open + reported)
        let byID = Dictionary((open + reported).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        page.reports = reports.compactMap { report in
            guard let action = byID[report.input.action] else { return nil }
            return GroupHomePage.Row(
                action: titles.link(action), what: messages.groupActions(report.input.counts), when: days(report.input, messages),
                status: messages("group.status-" + report.status.rawValue), isHeld: report.status == .held)
        }
        let counted = reports.filter { $0.status == .counted }
        if !counted.isEmpty {
            page.summary = messages.plural(
                "group.summary", count: Set(counted.map(\.input.action)).count,
                ["actions": messages.groupActions(counted.allCounts)])
            page.certificate = Link(text: messages("group.certificate-link"), href: SiteRoute.groupCertificate(token).path)
        }
        if group.showsName && group.verified {
            page.publicPage = Link(text: messages("group.public-link"), href: messages.href(.group(group.id)))
        } else if group.showsName {
            page.nameWaits = messages("group.name-after-check")
        }
        page.actions = open.map { action in
            var link = titles.link(action)
            link.href = route.path(query: ["action": action.id.rawValue], fragment: "report")
            return link
        }
        if let chosen, let action = open.first(where: { $0.id == chosen }) {
            page.reportFor = titles.link(action)
            let targets = try await store.liveTargets(action.targets.map(\.target))
            page.form = PublicForm(
                action: route.path(query: ["action": action.id.rawValue]),
                token: tokens.issue(for: Self.reportPurpose(group.id), now: clock.now),
                fields: reportFields(targets: targets, values: values, messages, errors: errors ?? FormErrors(messages)),
                submit: messages("group.report-send"), enctype: "multipart/form-data")
        }
        return page
    }

    private func reportFields(targets: [Target], values: FormBody?, _ messages: Messages, errors: FormErrors) -> [FormField] {
        func value(_ name: String) -> String? { values?[name] }
        var fields: [FormField] = GroupActionKind.allCases.map { kind in
            .text(kind.rawValue, messages("group.kind-count-" + kind.rawValue), value: value(kind.rawValue), type: "number")
        }
        fields[0].section = messages("group.report-counts")
        fields.append(
            .choice(
                "target", messages("group.report-target"),
                options: [("", messages("group.report-any-target"))] + targets.map { ($0.id.rawValue, $0.fullName) },
                selected: value("target")))
        fields.append(
            .text(
                "from", messages("group.report-from"), value: value("from") ?? HistoricalDate(day: clock.now).iso, required: true,
                type: "date"))
        fields.append(.text("to", messages("group.report-to"), value: value("to"), hint: messages("group.report-to-hint"), type: "date"))
        var photo = FormField.text(
            "photo", messages("group.report-photo"), value: nil, hint: messages("group.report-photo-hint"), type: "file")
        photo.accept = CleanImage.Format.allCases.map(\.mediaType).joined(separator: ",")
        fields.append(photo)
        return errors.apply(to: fields)
    }

    enum ReportResult: Sendable {
        case done(ReportOutcome)
        case invalid(GroupHomePage)
    }

    /// Reads, checks and records a group's report for the action in the address. The same form sent twice
    /// (a double click, a retry on a bad connection) is stored once.
    func report(
        _ group: WritingGroup, token: String, action id: Identifier<UrgentAction>, form: FormBody, _ messages: Messages
    ) async throws -> ReportResult? {
        guard let action = try await store.urgentAction(id), action.status != .draft else { return nil }
        var errors = FormErrors(messages)
        func invalid() async throws -> ReportResult {
            var page = try await home(group, token: token, messages, chosen: id, values: form, errors: errors)
            // Without a form (the action closed meanwhile), the reason goes at the top of the page.
            if page.form == nil { page.notice = errors.firstProblem }
            return .invalid(page)
        }
        let nonce: String
        do { nonce = try tokens.verify(form["token"], for: Self.reportPurpose(group.id), now: clock.now) } catch {
            errors.add(GroupActionKind.letter.rawValue, messages(error == .expired ? "report.error-expired" : "report.error-token"))
            return try await invalid()
        }
        var counts: [GroupActionKind: Int] = [:]
        for kind in GroupActionKind.allCases {
            guard let text = form.text(kind.rawValue) else { continue }
            guard let count = Int(text.filter { !$0.isWhitespace }) else {
                errors.add(kind.rawValue, messages("group.error-number"))
                continue
            }
            counts[kind] = count
        }
        let from = errors.date(form.text("from"), "from", required: true)
        let to = errors.date(form.text("to"), "to")
        var photo: CleanImage?
        if let file = form.files["photo"], !file.bytes.isEmpty {
            do { photo = try CleanImage(file.bytes) } catch .notAPicture {
                errors.add("photo", key: "admin.portrait.not-a-picture")
            } catch .damaged {
                errors.add("photo", key: "admin.portrait.damaged")
            } catch .tooLarge(let width, let height) {
                errors.add("photo", key: "admin.portrait.too-large", ["width": messages.number(width), "height": messages.number(height)])
            }
        }
        guard errors.isEmpty, let from else { return try await invalid() }
        let input: GroupReportInput
        do throws(GroupReportError) {
            input = try GroupReportRules.validate(
                GroupReportInput(
                    action: id, target: form.text("target").map { Identifier($0) }, counts: counts, from: from, to: to),
                for: action, group: group, today: HistoricalDate(day: clock.now.addingTimeInterval(Self.easternmostOffset)))
        } catch {
            let (field, message) = problem(error, messages)
            errors.add(field, message)
            return try await invalid()
        }
        let outcome = try await store.record(
            IncomingGroupReport(
                idempotencyKey: "\(group.id.rawValue).\(nonce).\(fingerprint(input))", group: group.id, input: input,
                reportedAt: clock.now, photo: photo), group: group)
        if outcome == .counted { totals.invalidate(id) }
        return .done(outcome)
    }

    private func problem(_ error: GroupReportError, _ messages: Messages) -> (field: String, message: String) {
        switch error {
        case .nothingReported: (GroupActionKind.letter.rawValue, messages("group.error-nothing"))
        case .negative(let kind): (kind.rawValue, messages("group.error-negative"))
        case .tooMany(let kind, let limit): (kind.rawValue, messages("group.error-too-many", ["limit": messages.number(limit)]))
        case .unknownTarget: ("target", messages("report.error-unknown-target"))
        case .actionNotOpen: (GroupActionKind.letter.rawValue, messages("group.error-closed"))
        case .endsBeforeItStarts: ("to", messages("group.error-order"))
        case .inTheFuture: ("to", messages("group.error-future"))
        case .notConfirmed: (GroupActionKind.letter.rawValue, messages("group.error-not-confirmed"))
        }
    }

    /// What was reported, so that the same form sent with other numbers is a report of its own.
    private func fingerprint(_ input: GroupReportInput) -> String {
        var fingerprint = Fingerprint()
        for kind in GroupActionKind.allCases { fingerprint.add("\(input.counts[kind] ?? 0)") }
        fingerprint.add(input.target?.rawValue ?? "")
        fingerprint.add(input.from.iso + " " + input.to.iso)
        return fingerprint.value
    }

    /// "12 March 2026" or "10 – 12 March 2026".
    private func days(_ input: GroupReportInput, _ messages: Messages) -> String {
        input.from == input.to
            ? messages.date(input.from).text
            : messages("group.days", ["from": messages.date(input.from).text, "to": messages.date(input.to).text])
    }

    // MARK: Certificate and public page

    func certificate(_ group: WritingGroup, _ messages: Messages) async throws -> GroupCertificatePage? {
        let counted = try await store.groupReports(of: group.id).filter { $0.status == .counted }
        guard !counted.isEmpty else { return nil }
        let actions = try await store.urgentActions(Array(Set(counted.map(\.input.action))))
        let titles = try await Titles.load(store, messages, actions: actions)
        return GroupCertificatePage(
            page: meta(messages("group.certificate-title", ["name": group.name]), messages, route: nil),
            name: group.name, about: about(group, messages),
            deed: messages.plural(
                "group.deed", count: actions.count,
                ["actions": messages.groupActions(counted.allCounts)]),
            actions: actions.map(titles.link), issued: messages.date(HistoricalDate(day: clock.now)).text,
            siteName: siteName)
    }

    func publicPage(_ id: Identifier<WritingGroup>, _ messages: Messages) async throws -> GroupPublicPage? {
        guard let group = try await store.writingGroup(id), group.showsName, group.verified, group.status == .confirmed else {
            return nil
        }
        let counted = try await store.groupReports(of: group.id).filter { $0.status == .counted }
        let actions = try await store.urgentActions(Array(Set(counted.map(\.input.action)))).filter { $0.status != .draft }
        let titles = try await Titles.load(store, messages, actions: actions)
        return GroupPublicPage(
            page: meta(group.name, messages, route: .group(id)), name: group.name, about: about(group, messages),
            summary: counted.isEmpty
                ? messages("group.nothing-yet")
                : messages.plural(
                    "group.deed", count: actions.count,
                    ["actions": messages.groupActions(counted.allCounts)]),
            actions: actions.map(titles.link))
    }

    private func about(_ group: WritingGroup, _ messages: Messages) -> String {
        ([messages.groupKind(group.kind)] + [messages.place(group)].filter { !$0.isEmpty }).joined(separator: " · ")
    }

    private func meta(_ title: String, _ messages: Messages, route: SiteRoute?) -> PageMeta {
        PageMeta(title: title, description: title, messages: messages, route: route, siteURL: siteURL)
    }
}
