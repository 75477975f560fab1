import Foundation
import Hummingbird
import OutcryCore
import OutcryStore

/// Alerts for supporters, with no account: subscribe (confirmed by a link sent to the address), change or
/// stop them from a link, download everything held, or have it deleted.
struct AlertsController: Sendable {
    let alerts: Alerts?
    let store: Store
    let tokens: FormTokens
    let renderer: PageRenderer
    let clock: any WallClock
    let mailLimits: AlertMailLimits

    private var now: Date { clock.now }

    func addRoutes(to router: Router<OutcryRequestContext>) {
        router.get(.alerts, use: subscribeForm)
        router.post(.alerts, use: subscribe)
        router.get(.alertsAccess, use: accessForm)
        router.post(.alertsAccess, use: sendAccessLink)
        router.get(.confirmAlerts(.key), use: confirmForm)
        router.post(.confirmAlerts(.key), use: confirm)
        router.get(.manageAlerts(.key), use: manageForm)
        router.post(.manageAlerts(.key), use: manage)
        router.post(.exportAlerts(.key), use: export)
        router.post(.eraseAlerts(.key), use: erase)
        router.get(.unsubscribe(.key), use: unsubscribeForm)
        router.post(.unsubscribe(.key), use: unsubscribe)
    }

    @Sendable func subscribeForm(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        try await subscribePage(values: nil, error: nil)
    }

    @Sendable func subscribe(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let alerts = try available()
        let form = try await FormBody.read(request)
        guard (try? tokens.verify(form["token"], for: "alerts", now: now)) != nil else {
            return try await subscribePage(values: form, error: "This form was too old. Please check your choices and send it again.")
        }
        guard let email = form.text("email").flatMap(EmailAddress.init) else {
            return try await subscribePage(values: form, error: "Please give an e-mail address, such as name@example.org.")
        }
        guard form["consent"] == "yes" else {
            return try await subscribePage(values: form, error: "Please tick the box to agree to receive the alerts.")
        }
        let preferences: (String, AlertFilter, AlertFrequency)
        // A Result, not do/catch: Swift 6.3 crashes compiling `catch let problem as FormProblem` here.
        switch Result(catching: { () throws(FormProblem) in try Self.preferences(form) }) {
        case .success(let chosen): preferences = chosen
        case .failure(let problem): return try await subscribePage(values: form, error: problem.message)
        }
        if let refused = mailLimits.refusal(peer: context.remoteAddress, forwardedFor: request.forwardedFor, now: now) {
            return try await subscribePage(values: form, error: refused.message, status: .tooManyRequests, retryAfter: refused.retryAfter)
        }
        try await alerts.subscribe(email: email, language: preferences.0, filter: preferences.1, frequency: preferences.2, now: now)
        return try message(
            "Check your inbox",
            [
                "We have sent a message to \(email.value). Follow the link in it to start your alerts; until then nothing else is sent.",
                "Nothing there after a few minutes? Look in the spam folder, or send the form again tomorrow.",
            ])
    }

    @Sendable func accessForm(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        _ = try available()
        return try renderer.response(
            AlertsView(page: meta("Your alerts"), access: .init(token: tokens.issue(for: "alerts-access", now: now))))
    }

    @Sendable func sendAccessLink(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let alerts = try available()
        let form = try await FormBody.read(request)
        guard (try? tokens.verify(form["token"], for: "alerts-access", now: now)) != nil,
            let email = form.text("email").flatMap(EmailAddress.init)
        else {
            return try renderer.response(
                AlertsView(
                    page: meta("Your alerts"), error: "Please give the e-mail address your alerts go to.",
                    access: .init(token: tokens.issue(for: "alerts-access", now: now))),
                status: .unprocessableContent)
        }
        if let refused = mailLimits.refusal(peer: context.remoteAddress, forwardedFor: request.forwardedFor, now: now) {
            var response = try renderer.response(
                AlertsView(
                    page: meta("Your alerts"), error: refused.message,
                    access: .init(token: tokens.issue(for: "alerts-access", now: now))),
                status: .tooManyRequests)
            response.headers[.retryAfter] = String(refused.retryAfter)
            return response
        }
        try await alerts.sendAccessLink(to: email, now: now)
        return try message("Check your inbox", ["If \(email.value) has alerts here, a message with a link to manage them is on its way."])
    }

    /// Following the link changes nothing; the page's button does.
    @Sendable func confirmForm(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let alerts = try available()
        let token = context.parameters.get("token") ?? ""
        guard let id = alerts.links.subscription(in: token, .confirm, now: now), let stored = try await store.subscription(id) else {
            return try expired()
        }
        if stored.status == .confirmed { return try confirmed(id, alerts) }
        return try renderer.response(
            AlertsView(page: meta("Confirm your alerts"), confirm: .init(postTo: SiteRoute.confirmAlerts(token).path)))
    }

    @Sendable func confirm(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let alerts = try available()
        guard let id = alerts.links.subscription(in: context.parameters.get("token") ?? "", .confirm, now: now),
            try await store.confirm(id, now: now)
        else { return try expired() }
        return try confirmed(id, alerts)
    }

    private func confirmed(_ id: Identifier<Subscription>, _ alerts: Alerts) throws -> Response {
        return try message(
            "Your alerts are on", ["Thank you. You will hear of new Urgent Actions, updates and outcomes as you chose."],
            next: Link(text: "Change what you receive", href: SiteRoute.manageAlerts(alerts.links.token(id, .manage, now: now)).path))
    }

    @Sendable func manageForm(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let (_, id, token) = try subscription(context)
        guard let stored = try await store.subscription(id) else { return try expired() }
        return try await managePage(stored, token: token, notice: nil, error: nil)
    }

    @Sendable func manage(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let (_, id, token) = try subscription(context)
        let form = try await FormBody.read(request)
        guard let stored = try await store.subscription(id) else { return try expired() }
        guard (try? tokens.verify(form["token"], for: "alerts:\(id)", now: now)) != nil else {
            return try await managePage(stored, token: token, notice: nil, error: "This form was too old. Please make your choices again.")
        }
        // A Result, not do/catch: Swift 6.3 crashes compiling `catch let problem as FormProblem` here.
        switch Result(catching: { () throws(FormProblem) in try Self.preferences(form) }) {
        case .success(let (language, filter, frequency)):
            try await store.updatePreferences(id, language: language, filter: filter, frequency: frequency)
        case .failure(let problem):
            return try await managePage(stored, token: token, notice: nil, error: problem.message)
        }
        return try await managePage(try await found(store.subscription(id)), token: token, notice: "Saved.", error: nil)
    }

    @Sendable func export(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let (alerts, id, _) = try subscription(context)
        let form = try await FormBody.read(request)
        try checkForm(form, id)
        let data = try await found(alerts.export(id))
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"outcry-alerts.json\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    @Sendable func erase(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let (_, id, _) = try subscription(context)
        let form = try await FormBody.read(request)
        try checkForm(form, id)
        try await store.erase(id)
        return try message(
            "Deleted", ["Your address, your choices and the record of the messages we sent you are deleted. Nothing more will be sent."])
    }

    @Sendable func unsubscribeForm(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let (_, id, token) = try subscription(context)
        guard try await store.subscription(id) != nil else { return try stopped() }
        return try renderer.response(
            AlertsView(page: meta("Stop your alerts"), unsubscribe: .init(postTo: SiteRoute.unsubscribe(token).path)))
    }

    /// One click from the mail program (RFC 8058) or the button on the page: either way, stopped at once.
    @Sendable func unsubscribe(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let (_, id, _) = try subscription(context)
        try await store.erase(id)
        return try stopped()
    }

    // MARK: Helpers

    /// The manage page's own forms carry a signed token, as every form that changes something does.
    private func checkForm(_ form: FormBody, _ id: Identifier<Subscription>) throws {
        guard (try? tokens.verify(form["token"], for: "alerts:\(id)", now: now)) != nil else {
            throw HTTPError(.badRequest, message: "This form was too old. Go back, reload the page and try again.")
        }
    }

    private func available() throws -> Alerts {
        guard let alerts else {
            throw HTTPError(.notFound, message: "Alerts by e-mail are not available on this site yet.")
        }
        return alerts
    }

    /// The subscription a manage or unsubscribe link names; an expired or forged link is a clear page, not an error.
    private func subscription(_ context: OutcryRequestContext) throws -> (Alerts, Identifier<Subscription>, String) {
        let alerts = try available()
        let token = context.parameters.get("token") ?? ""
        guard let id = alerts.links.subscription(in: token, .manage, now: now) else {
            throw HTTPError(.gone, message: "This link no longer works. Ask for a new one on the alerts page (“Lost your link?”).")
        }
        return (alerts, id, token)
    }

    struct FormProblem: Error { let message: String }

    /// Language, what to receive and how often, from the subscribe or manage form.
    static func preferences(_ form: FormBody) throws(FormProblem) -> (String, AlertFilter, AlertFrequency) {
        let language = (Language(rawValue: form["language"] ?? "en") ?? .en).rawValue
        let frequency = form["frequency"].flatMap(AlertFrequency.init(rawValue:)) ?? .instant
        let filter: AlertFilter
        switch form["receive"] {
        case "countries":
            // Each country once, however often a form names it: there are only so many.
            var seen = Set<Country>()
            let countries = form.all("country").compactMap(Country.init(rawValue:)).filter { seen.insert($0).inserted }
            guard !countries.isEmpty else { throw FormProblem(message: "Choose at least one country, or choose “Everything”.") }
            filter = .countries(countries)
        case "themes":
            var seen = Set<String>()
            let themes = form.all("theme").map { String($0.prefix(100)) }.filter { seen.insert($0).inserted }.prefix(50)
            guard !themes.isEmpty else { throw FormProblem(message: "Choose at least one theme, or choose “Everything”.") }
            filter = .themes(Array(themes))
        default:
            filter = .everything
        }
        return (language, filter, frequency)
    }

    private func choices(selected: AlertFilter?, frequency: AlertFrequency, language: String) async throws -> AlertsView.Choices {
        let cases = try await store.allCases()
        let countries = Array(Set(cases.map(\.country))).sorted { $0.name < $1.name }
        let themes = Array(Set(cases.flatMap(\.themes))).sorted()
        var chosenCountries: Set<String> = []
        var chosenThemes: Set<String> = []
        var receive = "everything"
        switch selected {
        case .countries(let list): (receive, chosenCountries) = ("countries", Set(list.map(\.code)))
        case .themes(let list): (receive, chosenThemes) = ("themes", Set(list))
        default: break
        }
        return AlertsView.Choices(
            everything: receive == "everything", byCountry: receive == "countries", byTheme: receive == "themes",
            countries: countries.map { .init(value: $0.code, label: $0.name, selected: chosenCountries.contains($0.code)) },
            themes: themes.map { .init(value: $0, label: $0, selected: chosenThemes.contains($0)) },
            instant: frequency == .instant,
            languages: Language.allCases.map { .init(value: $0.rawValue, label: $0.name, selected: $0.rawValue == language) })
    }

    private func subscribePage(
        values: FormBody?, error: String?, status: HTTPResponse.Status = .unprocessableContent, retryAfter: Int? = nil
    ) async throws -> Response {
        _ = try available()
        let form = values ?? FormBody(lists: [:])
        let filter = try? Self.preferences(form).1
        let view = AlertsView(
            page: meta("Urgent Action alerts"), error: error,
            subscribe: .init(
                token: tokens.issue(for: "alerts", now: now), email: form["email"] ?? "", consentWording: Consent.alerts,
                consentGiven: form["consent"] == "yes",
                choices: try await choices(
                    selected: filter ?? (form["receive"] == "countries" ? .countries([]) : form["receive"] == "themes" ? .themes([]) : nil),
                    frequency: form["frequency"] == "weekly" ? .weekly : .instant, language: form["language"] ?? "en")))
        var response = try renderer.response(view, status: error == nil ? .ok : status)
        if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }

    private func managePage(_ stored: StoredSubscription, token: String, notice: String?, error: String?) async throws -> Response {
        let view = AlertsView(
            page: meta("Your alerts"), error: error, notice: notice,
            manage: .init(
                postTo: SiteRoute.manageAlerts(token).path, token: tokens.issue(for: "alerts:\(stored.id)", now: now),
                confirmed: stored.status == .confirmed,
                choices: try await choices(selected: stored.filter, frequency: stored.frequency, language: stored.language),
                export: SiteRoute.exportAlerts(token).path, erase: SiteRoute.eraseAlerts(token).path,
                unsubscribe: SiteRoute.unsubscribe(token).path))
        return try renderer.response(view, status: error == nil ? .ok : .unprocessableContent)
    }

    private func message(_ heading: String, _ paragraphs: [String], next: Link? = nil) throws -> Response {
        try renderer.response(AlertsView(page: meta(heading), message: .init(heading: heading, paragraphs: paragraphs, next: next)))
    }

    private func expired() throws -> Response {
        try renderer.response(
            AlertsView(
                page: meta("Link not valid"),
                message: .init(
                    heading: "This link no longer works",
                    paragraphs: ["Confirmation links work for 7 days. Send the form again and use the newest message."],
                    next: Link(text: "Alerts", href: SiteRoute.alerts.path))),
            status: .gone)
    }

    private func stopped() throws -> Response {
        try message(
            "Your alerts are stopped", ["You will get no more alerts, and your address is deleted."],
            next: Link(text: "Subscribe again", href: SiteRoute.alerts.path))
    }

    private func meta(_ title: String) -> PageMeta {
        PageMeta(title: title, description: "Urgent Action alerts by e-mail")
    }
}
