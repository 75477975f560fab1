import Foundation
import OutcryCore

/// Every address of the site, public and coordinators', written once: the same value registers its
/// route with the router (`pattern`) and prints its link (`path`). No other file spells a path.
public enum SiteRoute: Hashable, Sendable {
    case home
    /// Liveness: the process answers.
    case health
    /// Readiness: the database answers and is fully migrated.
    case readiness
    /// What the instance counted, for Prometheus; only with the metrics token (`OUTCRY_METRICS_TOKEN`).
    case metrics
    case stylesheet
    /// The letter page's Print button, the one script of the site: without it, the button is not shown.
    case printScript
    /// The site's icon and, when the theme has one, its wordmark.
    case favicon
    case wordmark
    /// A stored picture, by an id made from its bytes and its format's extension: cached for ever.
    case image(String)
    case urgentAction(Identifier<UrgentAction>)
    case letter(Identifier<UrgentAction>, to: Identifier<Target>)
    case report(Identifier<UrgentAction>)
    case thanks(Identifier<UrgentAction>)
    case mastodonShare(Identifier<UrgentAction>)
    /// A supporter says one of an official's contacts does not work (POST, from the action page).
    case contactProblem(Identifier<UrgentAction>)
    case officialsReport(Identifier<UrgentAction>, for: Identifier<Target>)
    case totalsCSV(Identifier<UrgentAction>)
    /// The public key that signs statements of totals, as PEM.
    case signingKey
    /// Where anyone checks a signed statement of totals: `?code=` or `?statement=`.
    case verifyTotals
    case `case`(Identifier<Case>)
    case person(Identifier<Person>)
    case statement(Identifier<Statement>)
    /// Several actions run together: their combined totals, goal, and each action.
    case campaign(Identifier<Campaign>)
    /// Where an organiser registers a school class, a local group or an event.
    case newGroup
    /// A group's public page: only for a confirmed group that agreed to be named.
    case group(Identifier<WritingGroup>)
    /// A group's own page, from the private link its organiser was sent: confirming, reporting, its reports.
    case groupReport(String)
    case confirmGroup(String)
    /// A certificate of thanks for the group, made to be printed.
    case groupCertificate(String)
    /// About, Privacy, Contact, Accessibility: `/about`…
    case sitePage(SitePage.Kind)
    /// Names, cases, actions and statements found by any spelling: `?q=`.
    case search
    /// Every public Urgent Action, newest first, narrowed by `?country=`, `?status=`, `?year=`, paged by `?page=`.
    case actionIndex
    case caseIndex
    /// Everyone at risk, by name; `?organisation=` narrows it to one organisation's members.
    case peopleIndex
    case alerts
    case alertsAccess
    case confirmAlerts(String)
    case manageAlerts(String)
    case exportAlerts(String)
    case eraseAlerts(String)
    case unsubscribe(String)
    /// From the message that told a supporter how an action ended: deletes the address they left with a report.
    case forgetSupporter(String)
    case actionsFeed
    case statementsFeed
    case caseFeed(Identifier<Case>)
    case admin(AdminRoute)

    /// The link: parameter values in place, each percent-encoded as a path segment.
    public var path: String { Self.join(segments.map(\.value)) }

    /// The link with a query (`?held=1`) and a fragment (`#share-heading`); keys are fixed words, values
    /// are percent-encoded but for ASCII letters and digits, and a nil value leaves its key out.
    public func path(query: KeyValuePairs<String, String?>, fragment: String? = nil, language: String? = nil) -> String {
        let pairs = query.compactMap { key, value in
            value.map { key + "=" + ($0.addingPercentEncoding(withAllowedCharacters: PathSegment.queryValueCharacters) ?? "") }
        }
        return path(language: language) + (pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")) + (fragment.map { "#" + $0 } ?? "")
    }

    /// The router's pattern: `:name` in place of each parameter. The values of a route built only to be
    /// registered (`.urgentAction(.key)`) do not matter.
    public var pattern: String { Self.join(segments.map(\.pattern)) }

    /// The link for a reader of `language` (an ISO 639-1 code): pages supporters read carry the language
    /// as their first segment (`/ru/actions/30-24`); English, the default, and everything else stay at the root.
    public func path(language: String?) -> String {
        guard let language, language != Self.defaultLanguage, isLocalised else { return path }
        return "/" + language + (path == "/" ? "" : path)
    }

    public static let defaultLanguage = "en"

    /// Whether this page is served in each language (`localisedRoutes`); links to it carry the reader's.
    public var isLocalised: Bool { Self.localisedPatternTexts.contains(pattern) }

    /// Pages written for supporters, and their feeds, served in each language, as registered: the prefix is
    /// taken off before routing only for a path one of these matches, so `/ru/admin` is not found. The
    /// coordinator area, files and machine answers keep one address, and so do a supporter's own alert
    /// links: logs and the no-store rule find their secrets by that address alone.
    static let localisedRoutes: [SiteRoute] =
        [
            .home, .urgentAction(.key), .letter(.key, to: .key), .report(.key), .thanks(.key), .mastodonShare(.key), .contactProblem(.key),
            .officialsReport(.key, for: .key), .case(.key), .person(.key), .statement(.key), .search, .actionIndex, .caseIndex,
            .peopleIndex, .verifyTotals, .campaign(.key), .newGroup, .group(.key), .alerts, .alertsAccess, .actionsFeed, .statementsFeed,
            .caseFeed(.key),
        ] + SitePage.Kind.allCases.map(SiteRoute.sitePage)

    private static let localisedPatterns = localisedRoutes.map(RoutePattern.init)
    private static let localisedPatternTexts = Set(localisedRoutes.map(\.pattern))

    /// Whether `path` (without its language or query) is the address of a page served in every language.
    static func isLocalisedPath(_ path: some StringProtocol) -> Bool {
        localisedPatterns.contains { $0.parameters(in: path) != nil }
    }

    /// Registered on the router itself, outside the coordinators' group: the public site, and the
    /// coordinator routes that work without a session.
    var isOpen: Bool {
        guard case .admin(let route) = self else { return true }
        return !route.needsSession
    }

    /// Routes whose path carries a bearer secret (a one-time link, a supporter's alert links; export and
    /// erase sit under the manage link).
    static let secretBearing: [SiteRoute] = [
        .confirmAlerts(.key), .manageAlerts(.key), .unsubscribe(.key), .forgetSupporter(.key), .groupReport(.key),
        .admin(.setPassword(.key)),
    ]

    /// `path` as logs may keep it: cut before any secret it carries.
    public static func loggable(_ path: String) -> String {
        for route in secretBearing {
            let prefix = String(route.pattern.prefix { $0 != ":" })
            if path.hasPrefix(prefix) { return prefix + "…" }
        }
        return path
    }

    /// The values of this route's parameters in `path`, by name, when `path` matches its pattern.
    public func parameters(in path: some StringProtocol) -> [String: Substring]? {
        RoutePattern(self).parameters(in: path)
    }

    var segments: [PathSegment] {
        switch self {
        case .home: []
        case .health: ["healthz"]
        case .readiness: ["readyz"]
        case .metrics: ["metrics"]
        case .stylesheet: ["static", "outcry.css"]
        case .printScript: ["static", "print.js"]
        case .favicon: ["static", "favicon.svg"]
        case .wordmark: ["static", "wordmark.svg"]
        case .image(let file): ["images", .parameter("file", file)]
        case .urgentAction(let id): ["actions", .id(id)]
        case .letter(let id, let target): ["actions", .id(id), "letter", .parameter("target", target.rawValue)]
        case .report(let id): ["actions", .id(id), "report"]
        case .thanks(let id): ["actions", .id(id), "thanks"]
        case .mastodonShare(let id): ["actions", .id(id), "share", "mastodon"]
        case .contactProblem(let id): ["actions", .id(id), "contact-problem"]
        case .officialsReport(let id, let target): ["actions", .id(id), "officials", .parameter("target", target.rawValue)]
        case .totalsCSV(let id): ["actions", .id(id), "totals.csv"]
        case .signingKey: [".well-known", "outcry-signing-key"]
        case .verifyTotals: ["verify"]
        case .case(let id): ["cases", .id(id)]
        case .person(let id): ["people", .id(id)]
        case .statement(let id): ["statements", .id(id)]
        case .campaign(let id): ["campaigns", .id(id)]
        case .newGroup: ["groups", "new"]
        case .group(let id): ["groups", .id(id)]
        case .groupReport(let token): ["groups", "report", .token(token)]
        case .confirmGroup(let token): ["groups", "report", .token(token), "confirm"]
        case .groupCertificate(let token): ["groups", "report", .token(token), "certificate"]
        case .sitePage(let kind): [.literal(kind.rawValue)]
        case .search: ["search"]
        case .actionIndex: ["actions"]
        case .caseIndex: ["cases"]
        case .peopleIndex: ["people"]
        case .alerts: ["alerts"]
        case .alertsAccess: ["alerts", "access"]
        case .confirmAlerts(let token): ["alerts", "confirm", .token(token)]
        case .manageAlerts(let token): ["alerts", "manage", .token(token)]
        case .exportAlerts(let token): ["alerts", "manage", .token(token), "export"]
        case .eraseAlerts(let token): ["alerts", "manage", .token(token), "erase"]
        case .unsubscribe(let token): ["alerts", "unsubscribe", .token(token)]
        case .forgetSupporter(let token): ["alerts", "forget", .token(token)]
        case .actionsFeed: ["feeds", "actions.atom"]
        case .statementsFeed: ["feeds", "statements.atom"]
        case .caseFeed(let id): ["feeds", "cases", .parameter("file", id.rawValue + Self.feedSuffix)]
        case .admin(let route): ["admin"] + route.segments
        }
    }

    /// A case's feed is its id with this ending.
    static let feedSuffix = ".atom"

    private static func join(_ parts: [String]) -> String {
        parts.isEmpty ? "/" : "/" + parts.joined(separator: "/")
    }
}

/// The coordinator area, under `/admin`. Everything in it needs a session except signing in and setting
/// a password from a one-time link (`needsSession`).
public enum AdminRoute: Hashable, Sendable {
    case home
    case signIn
    case secondFactor
    case setPassword(String)
    case signOut
    case signOutEverywhere
    case account
    case accountLanguage
    case twoFactor
    case twoFactorStart
    case users
    case user(email: String, UserVerb)
    case requireTwoFactor
    case audit
    /// Partner systems' API tokens (administrators), and revoking one.
    case apiTokens
    case revokeAPIToken(Identifier<APIToken>)
    /// Partner systems' webhooks (administrators): the list, one hook's delivery log, removing one.
    case webhooks
    case webhook(Identifier<Webhook>)
    case removeWebhook(Identifier<Webhook>)
    case actions
    case newAction
    case action(Identifier<UrgentAction>)
    case actionStep(Identifier<UrgentAction>, LifeCycleStep.Kind)
    case actionPage(Identifier<UrgentAction>, ActionPage)
    case review(Identifier<UrgentAction>, report: Int64)
    /// A coordinator looked at an action a status change put in front of them and keeps it running as it is.
    case keepAction(Identifier<UrgentAction>)
    /// Officials' contacts supporters say do not work, and deciding on each.
    case contactProblems
    /// Replacing a group's private link; the old one stops working.
    case newGroupLink(Identifier<WritingGroup>)
    /// Groups' reports held for a coordinator; deciding on one; the photo sent with one.
    case groupReports
    case groupReport(String)
    case groupReportPhoto(String)
    case imports
    case importDraft(String)
    case records(RecordKind)
    case newRecord(RecordKind)
    case record(RecordKind, id: String)
    /// A record's translations, and the form for one language.
    /// A person's portrait: uploading one, and taking it away.
    case portrait(Identifier<Person>)
    case removePortrait(Identifier<Person>)
    /// A case's picture: uploading one, and taking it away.
    case casePicture(Identifier<Case>)
    case removeCasePicture(Identifier<Case>)
    /// The scan of an official's reply: uploading one, and taking it away.
    case replyScan(Identifier<OfficialReply>)
    case removeReplyScan(Identifier<OfficialReply>)
    case translations(Translation.Kind, id: String)
    /// The site pages, and each one's form in one language.
    case sitePages
    case sitePage(SitePage.Kind, language: String)
    case resetSitePage(SitePage.Kind, language: String)
    case translation(Translation.Kind, id: String, language: String)
    case deleteTranslation(Translation.Kind, id: String, language: String)

    /// The pages of an action other than its dashboard.
    public enum ActionPage: String, CaseIterable, Sendable { case edit, preview }

    /// What an administrator can do to another account.
    public enum UserVerb: String, CaseIterable, Sendable { case disable, enable, reset }

    /// The kinds of record listed and edited through the same five routes.
    public enum RecordKind: String, CaseIterable, Sendable {
        case cases, targets, people, organisations
        case statusChanges = "status-changes"
        case statements
        case replies
        case campaigns
        case groups
    }

    /// Signing in and one-time links work without a session; everything else needs one.
    public var needsSession: Bool {
        switch self {
        case .signIn, .secondFactor, .setPassword: false
        default: true
        }
    }

    var segments: [PathSegment] {
        switch self {
        case .home: []
        case .signIn: ["sign-in"]
        case .secondFactor: ["sign-in", "code"]
        case .setPassword(let token): ["set-password", .token(token)]
        case .signOut: ["sign-out"]
        case .signOutEverywhere: ["sign-out-everywhere"]
        case .account: ["account"]
        case .accountLanguage: ["account", "language"]
        case .twoFactor: ["account", "two-factor"]
        case .twoFactorStart: ["account", "two-factor", "start"]
        case .users: ["users"]
        case .user(let email, let verb): ["users", .parameter("email", email), .literal(verb.rawValue)]
        case .requireTwoFactor: ["settings", "two-factor"]
        case .audit: ["audit"]
        case .apiTokens: ["api-tokens"]
        case .revokeAPIToken(let id): ["api-tokens", .id(id), "revoke"]
        case .webhooks: ["webhooks"]
        case .webhook(let id): ["webhooks", .id(id)]
        case .removeWebhook(let id): ["webhooks", .id(id), "remove"]
        case .actions: ["actions"]
        case .newAction: ["actions", "new"]
        case .action(let id): ["actions", .id(id)]
        case .actionStep(let id, let step): ["actions", .id(id), .literal(Self.word(for: step))]
        case .actionPage(let id, let page): ["actions", .id(id), .literal(page.rawValue)]
        case .review(let id, let report): ["actions", .id(id), "reports", .parameter("report", String(report))]
        case .keepAction(let id): ["actions", .id(id), "keep"]
        case .contactProblems: ["contacts"]
        case .newGroupLink(let id): ["groups", .id(id), "new-link"]
        case .groupReports: ["group-reports"]
        case .groupReport(let id): ["group-reports", .parameter("report", id)]
        case .groupReportPhoto(let id): ["group-reports", .parameter("report", id), "photo"]
        case .imports: ["import"]
        case .importDraft(let id): ["import", .parameter("draft", id)]
        case .records(let kind): [.literal(kind.rawValue)]
        case .newRecord(let kind): [.literal(kind.rawValue), "new"]
        case .record(let kind, let id): [.literal(kind.rawValue), .parameter("id", id)]
        case .portrait(let id): ["people", .id(id), "portrait"]
        case .removePortrait(let id): ["people", .id(id), "portrait", "remove"]
        case .casePicture(let id): ["cases", .id(id), "picture"]
        case .removeCasePicture(let id): ["cases", .id(id), "picture", "remove"]
        case .replyScan(let id): ["replies", .id(id), "scan"]
        case .removeReplyScan(let id): ["replies", .id(id), "scan", "remove"]
        case .sitePages: ["site-pages"]
        case .sitePage(let kind, let language): ["site-pages", .parameter("kind", kind.rawValue), .parameter("language", language)]
        case .resetSitePage(let kind, let language):
            ["site-pages", .parameter("kind", kind.rawValue), .parameter("language", language), "reset"]
        case .translations(let kind, let id): ["translations", .parameter("kind", kind.rawValue), .parameter("id", id)]
        case .translation(let kind, let id, let language):
            ["translations", .parameter("kind", kind.rawValue), .parameter("id", id), .parameter("language", language)]
        case .deleteTranslation(let kind, let id, let language):
            ["translations", .parameter("kind", kind.rawValue), .parameter("id", id), .parameter("language", language), "delete"]
        }
    }

    /// Each life-cycle step is posted to its own address.
    private static func word(for step: LifeCycleStep.Kind) -> String {
        switch step {
        case .publish: "publish"
        case .extendDeadline: "deadline"
        case .close: "close"
        case .reopen: "reopen"
        }
    }

    /// The link: `SiteRoute.admin(self).path`.
    public var path: String { SiteRoute.admin(self).path }

    /// Whether a request's path is in the coordinator area.
    static func isAdminPath(_ path: Substring) -> Bool {
        let home = home.path
        return path == home || path.hasPrefix(home + "/")
    }
}

/// A route's segments, worked out once, for reading paths back (the raw lane reads every report's path).
struct RoutePattern: Sendable {
    private let segments: [PathSegment]

    init(_ route: SiteRoute) {
        segments = route.segments
    }

    /// The values of the parameters in `path`, by name, when `path` matches.
    func parameters(in path: some StringProtocol) -> [String: Substring]? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        guard path.hasPrefix("/"), parts.count == max(segments.count, 1) else { return nil }
        if segments.isEmpty { return parts.first?.isEmpty == true ? [:] : nil }
        var values: [String: Substring] = [:]
        for (part, segment) in zip(parts, segments) {
            switch segment {
            case .literal(let text): guard part == text else { return nil }
            case .parameter(let name, _):
                guard !part.isEmpty else { return nil }
                values[name] = Substring(part)
            }
        }
        return values
    }
}

/// One segment of a route: fixed text, or a named parameter with its value for links.
enum PathSegment: Hashable, Sendable, ExpressibleByStringLiteral {
    case literal(String)
    case parameter(String, String)

    init(stringLiteral value: String) { self = .literal(value) }

    static func id<T>(_ id: Identifier<T>) -> Self { .parameter("id", id.rawValue) }
    static func token(_ token: String) -> Self { .parameter("token", token) }

    /// Unreserved characters only: an id, a token or an e-mail address is one segment whatever it holds.
    static let segmentCharacters = CharacterSet.alphanumerics.intersection(.urlPathAllowed).union(CharacterSet(charactersIn: "-._~"))
    static let queryValueCharacters = CharacterSet.alphanumerics.intersection(.urlQueryAllowed)

    var value: String {
        switch self {
        case .literal(let text): text
        case .parameter(_, let value): value.addingPercentEncoding(withAllowedCharacters: Self.segmentCharacters) ?? ""
        }
    }

    var pattern: String {
        switch self {
        case .literal(let text): text
        case .parameter(let name, _): ":" + name
        }
    }
}

extension Identifier {
    /// A value for a route built only to be registered: its pattern ignores it.
    static var key: Self { Self("") }
}

extension String {
    /// A value for a route built only to be registered: its pattern ignores it.
    static var key: String { "" }
}
