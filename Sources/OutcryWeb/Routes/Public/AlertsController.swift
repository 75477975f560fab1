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
    /// The site's public address, for the absolute links of the `hreflang` alternates.
    let siteURL: String

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
        router.get(.forgetSupporter(.key), use: forgetForm)
        router.post(.forgetSupporter(.key), use: forget)
    }

    /// The page behind the link in an outcome message: a button, so that a mail scanner opening links deletes nothing.
    @Sendable func forgetForm(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let token = try forgetLookup(context).token
        let messages = context.messages
        return try renderer.response(
            AlertsView(
                page: meta(messages("alerts.forget-title"), messages), forget: .init(postTo: SiteRoute.forgetSupporter(token).path),
                messages))
    }

    @Sendable func forget(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let lookup = try forgetLookup(context).lookup
        _ = try await store.forgetSupporter(lookup: lookup)
        let messages = context.messages
        return try message(messages("alerts.forgotten-title"), [messages("alerts.forgotten-text")], messages)
    }

    private func forgetLookup(_ context: OutcryRequestContext) throws -> (lookup: String, token: String) {
        let token = context.parameters.get("token") ?? ""
        guard let alerts, let lookup = alerts.links.lookup(inForgetToken: token, now: now) else {
            throw RefusalError(status: .gone, key: "alerts.forget-expired")
        }
        return (lookup, token)
    }

    @Sendable func subscribeForm(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        try await subscribePage(values: nil, error: nil, context.messages)
    }

    @Sendable func subscribe(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let messages = context.messages
        let alerts = try available()
        let form = try await FormBody.read(request)
        guard (try? tokens.verify(form["token"], for: "alerts", now: now)) != nil else {
            return try await subscribePage(values: form, error: messages("alerts.error-old-form"), messages)
        }
        guard let email = form.text("email").flatMap(EmailAddress.init) else {
            return try await subscribePage(values: form, error: messages("alerts.error-email"), messages)
        }
        guard form["consent"] == "yes" else {
            return try await subscribePage(values: form, error: messages("alerts.error-consent"), messages)
        }
        let preferences: (String, AlertFilter, AlertFrequency)
        // A Result, not do/catch: Swift 6.3 crashes compiling `catch let problem as FormProblem` here.
        switch Result(catching: { () throws(FormProblem) in try Self.preferences(form) }) {
        case .success(let chosen): preferences = chosen
        case .failure(let problem): return try await subscribePage(values: form, error: problem.message(messages), messages)
        }
        if let refused = mailLimits.refusal(
            peer: context.remoteAddress, forwardedFor: request.forwardedFor, now: now, messages: messages)
        {
            return try await subscribePage(
                values: form, error: refused.message, messages, status: .tooManyRequests, retryAfter: refused.retryAfter)
        }
        try await alerts.subscribe(
            email: email, language: preferences.0, filter: preferences.1, frequency: preferences.2,
            consentWording: messages("alerts.consent"), now: now)
        return try message(
            messages("alerts.check-inbox"),
            [messages("alerts.sent-confirmation", ["email": email.value]), messages("alerts.nothing-there")], messages)
    }

    @Sendable func accessForm(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let messages = context.messages
        _ = try available()
        return try renderer.response(
            AlertsView(
                page: meta(messages("alerts.yours"), messages, route: .alertsAccess),
                access: .init(token: tokens.issue(for: "alerts-access", now: now)), messages))
    }

    @Sendable func sendAccessLink(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let messages = context.messages
        let alerts = try available()
        let form = try await FormBody.read(request)
        guard (try? tokens.verify(form["token"], for: "alerts-access", now: now)) != nil,
            let email = form.text("email").flatMap(EmailAddress.init)
        else {
            return try renderer.response(
                AlertsView(
                    page: meta(messages("alerts.yours"), messages, route: .alertsAccess), error: messages("alerts.error-access-email"),
                    access: .init(token: tokens.issue(for: "alerts-access", now: now)), messages),
                status: .unprocessableContent)
        }
        if let refused = mailLimits.refusal(
            peer: context.remoteAddress, forwardedFor: request.forwardedFor, now: now, messages: messages)
        {
            var response = try renderer.response(
                AlertsView(
                    page: meta(messages("alerts.yours"), messages, route: .alertsAccess), error: refused.message,
                    access: .init(token: tokens.issue(for: "alerts-access", now: now)), messages),
                status: .tooManyRequests)
            response.headers[.retryAfter] = String(refused.retryAfter)
            return response
        }
        try await alerts.sendAccessLink(to: email, now: now)
        return try message(messages("alerts.check-inbox"), [messages("alerts.sent-access", ["email": email.value])], messages)
    }

    /// Following the link changes nothing; the page's button does.
    @Sendable func confirmForm(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let alerts = try available()
        let token = context.parameters.get("token") ?? ""
        guard let id = alerts.links.subscription(in: token, .confirm, now: now), let stored = try await store.subscription(id) else {
            return try expired(context)
        }
        let messages = Self.messages(stored, context)
        if stored.status == .confirmed { return try confirmed(id, alerts, messages) }
        return try renderer.response(
            AlertsView(
                page: meta(messages("alerts.confirm-title"), messages), confirm: .init(postTo: SiteRoute.confirmAlerts(token).path),
                messages))
    }

    @Sendable func confirm(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let alerts = try available()
        guard let id = alerts.links.subscription(in: context.parameters.get("token") ?? "", .confirm, now: now),
            try await store.confirm(id, now: now), let stored = try await store.subscription(id)
        else { return try expired(context) }
        return try confirmed(id, alerts, Self.messages(stored, context))
    }

    private func confirmed(_ id: Identifier<Subscription>, _ alerts: Alerts, _ messages: Messages) throws -> Response {
        return try message(
            messages("alerts.on-title"), [messages("alerts.on-text")], messages,
            next: Link(text: messages("alerts.change"), href: SiteRoute.manageAlerts(alerts.links.token(id, .manage, now: now)).path))
    }

    @Sendable func manageForm(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let (_, id, token) = try subscription(context)
        guard let stored = try await store.subscription(id) else { return try expired(context) }
        return try await managePage(stored, token: token, notice: nil, error: nil, Self.messages(stored, context))
    }

    @Sendable func manage(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let (_, id, token) = try subscription(context)
        let form = try await FormBody.read(request)
        guard let stored = try await store.subscription(id) else { return try expired(context) }
        let messages = Self.messages(stored, context)
        guard (try? tokens.verify(form["token"], for: "alerts:\(id)", now: now)) != nil else {
            return try await managePage(stored, token: token, notice: nil, error: messages("alerts.error-old-manage"), messages)
        }
        // A Result, not do/catch: Swift 6.3 crashes compiling `catch let problem as FormProblem` here.
        switch Result(catching: { () throws(FormProblem) in try Self.preferences(form) }) {
        case .success(let (language, filter, frequency)):
            try await store.updatePreferences(id, language: language, filter: filter, frequency: frequency)
        case .failure(let problem):
            return try await managePage(stored, token: token, notice: nil, error: problem.message(messages), messages)
        }
        let saved = try await found(store.subscription(id))
        let chosen = Self.messages(saved, context)
        return try await managePage(saved, token: token, notice: chosen("alerts.saved"), error: nil, chosen)
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
        let messages = try await store.subscription(id).map { Self.messages($0, context) } ?? context.messages
        try await store.erase(id)
        return try message(messages("alerts.deleted-title"), [messages("alerts.deleted-text")], messages)
    }

    @Sendable func unsubscribeForm(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let (_, id, token) = try subscription(context)
        guard let stored = try await store.subscription(id) else { return try stopped(context.messages) }
        let messages = Self.messages(stored, context)
        return try renderer.response(
            AlertsView(
                page: meta(messages("alerts.stop-title"), messages), unsubscribe: .init(postTo: SiteRoute.unsubscribe(token).path),
                messages))
    }

    /// One click from the mail program (RFC 8058) or the button on the page: either way, stopped at once.
    @Sendable func unsubscribe(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let (_, id, _) = try subscription(context)
        let messages = try await store.subscription(id).map { Self.messages($0, context) } ?? context.messages
        try await store.erase(id)
        return try stopped(messages)
    }

    // MARK: Helpers

    /// The manage page's own forms carry a signed token, as every form that changes something does.
    private func checkForm(_ form: FormBody, _ id: Identifier<Subscription>) throws {
        guard (try? tokens.verify(form["token"], for: "alerts:\(id)", now: now)) != nil else {
            throw RefusalError(status: .badRequest, key: "alerts.form-too-old")
        }
    }

    private func available() throws -> Alerts {
        guard let alerts else {
            throw RefusalError(status: .notFound, key: "alerts.unavailable")
        }
        return alerts
    }

    /// A subscriber's own pages speak the language they chose for their messages.
    private static func messages(_ stored: StoredSubscription, _ context: OutcryRequestContext) -> Messages {
        context.messages.speaking(Language(rawValue: stored.language) ?? .default)
    }

    /// The subscription a manage or unsubscribe link names; an expired or forged link is a clear page, not an error.
    private func subscription(_ context: OutcryRequestContext) throws -> (Alerts, Identifier<Subscription>, String) {
        let alerts = try available()
        let token = context.parameters.get("token") ?? ""
        guard let id = alerts.links.subscription(in: token, .manage, now: now) else {
            throw RefusalError(status: .gone, key: "alerts.link-gone")
        }
        return (alerts, id, token)
    }

    /// A choice the form cannot take, named by its message key.
    struct FormProblem: Error {
        let key: String
        func message(_ messages: Messages) -> String { messages(key) }
    }

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
            guard !countries.isEmpty else { throw FormProblem(key: "alerts.error-country") }
            filter = .countries(countries)
        case "themes":
            var seen = Set<String>()
            let themes = form.all("theme").map { String($0.prefix(100)) }.filter { seen.insert($0).inserted }.prefix(50)
            guard !themes.isEmpty else { throw FormProblem(key: "alerts.error-theme") }
            filter = .themes(Array(themes))
        default:
            filter = .everything
        }
        return (language, filter, frequency)
    }

    private func choices(
        selected: AlertFilter?, frequency: AlertFrequency, language: String, _ messages: Messages
    ) async throws -> AlertsView.Choices {
        let cases = try await store.allCases()
        let countries = Array(Set(cases.map(\.country))).map { ($0, $0.name(in: messages.language.rawValue)) }
            .sorted { $0.1.localizedStandardCompare($1.1) == .orderedAscending }
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
            countries: countries.map { .init(value: $0.0.code, label: $0.1, selected: chosenCountries.contains($0.0.code)) },
            themes: themes.map { .init(value: $0, label: $0, selected: chosenThemes.contains($0)) },
            themesLanguage: messages.language.rawValue == Translation.siteLanguage ? nil : Translation.siteLanguage,
            instant: frequency == .instant,
            languages: Language.allCases.map { .init(value: $0.rawValue, label: $0.name, selected: $0.rawValue == language) })
    }

    private func subscribePage(
        values: FormBody?, error: String?, _ messages: Messages, status: HTTPResponse.Status = .unprocessableContent,
        retryAfter: Int? = nil
    ) async throws -> Response {
        _ = try available()
        let form = values ?? FormBody(lists: [:])
        let filter = try? Self.preferences(form).1
        let view = AlertsView(
            page: meta(messages("alerts.title"), messages, route: .alerts), error: error,
            subscribe: .init(
                token: tokens.issue(for: "alerts", now: now), email: form["email"] ?? "", consentWording: messages("alerts.consent"),
                consentGiven: form["consent"] == "yes",
                choices: try await choices(
                    selected: filter ?? (form["receive"] == "countries" ? .countries([]) : form["receive"] == "themes" ? .themes([]) : nil),
                    frequency: form["frequency"] == "weekly" ? .weekly : .instant,
                    language: form["language"] ?? messages.language.rawValue, messages)),
            messages)
        var response = try renderer.response(view, status: error == nil ? .ok : status)
        if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }

    private func managePage(
        _ stored: StoredSubscription, token: String, notice: String?, error: String?, _ messages: Messages
    ) async throws -> Response {
        let view = AlertsView(
            page: meta(messages("alerts.yours"), messages), error: error, notice: notice,
            manage: .init(
                postTo: SiteRoute.manageAlerts(token).path, token: tokens.issue(for: "alerts:\(stored.id)", now: now),
                confirmed: stored.status == .confirmed,
                choices: try await choices(selected: stored.filter, frequency: stored.frequency, language: stored.language, messages),
                export: SiteRoute.exportAlerts(token).path, erase: SiteRoute.eraseAlerts(token).path,
                unsubscribe: SiteRoute.unsubscribe(token).path),
            messages)
        return try renderer.response(view, status: error == nil ? .ok : .unprocessableContent)
    }

    private func message(_ heading: String, _ paragraphs: [String], _ messages: Messages, next: Link? = nil) throws -> Response {
        try renderer.response(
            AlertsView(page: meta(heading, messages), message: .init(heading: heading, paragraphs: paragraphs, next: next), messages))
    }

    /// A link that no longer works names no subscriber, so no chosen language: the page is in English.
    private func expired(_ context: OutcryRequestContext) throws -> Response {
        let messages = context.messages
        return try renderer.response(
            AlertsView(
                page: meta(messages("alerts.expired-page"), messages),
                message: .init(
                    heading: messages("alerts.expired-title"), paragraphs: [messages("alerts.expired-text")],
                    next: Link(text: messages("chrome.alerts"), href: SiteRoute.alerts.path)),
                messages),
            status: .gone)
    }

    private func stopped(_ messages: Messages) throws -> Response {
        try message(
            messages("alerts.stopped-title"), [messages("alerts.stopped-text")], messages,
            next: Link(text: messages("alerts.subscribe-again"), href: messages.href(.alerts)))
    }

    /// `route` for the pages with an address in every language; a subscriber's own pages have one address.
    private func meta(_ title: String, _ messages: Messages, route: SiteRoute? = nil) -> PageMeta {
        PageMeta(title: title, description: messages("alerts.description"), messages: messages, route: route, siteURL: siteURL)
    }
}
