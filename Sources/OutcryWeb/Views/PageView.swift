/// A page's view model: plain values for its template, which it names, so no handler picks a template by
/// string and a template's name is written once.
protocol PageView: Sendable {
    /// The template, under `Resources/templates`, without `.mustache`.
    static var template: String { get }
}

/// A page of the public site, with the shared head and foot in its language.
protocol PublicPageView: PageView {
    var page: PageMeta { get }
}

extension HomePage: PublicPageView { static let template = "home" }
extension UrgentActionPage: PublicPageView { static let template = "urgent-action" }
extension CasePage: PublicPageView { static let template = "case" }
extension PersonPage: PublicPageView { static let template = "person" }
extension StatementPage: PublicPageView { static let template = "statement" }
extension ErrorPage: PublicPageView { static let template = "error" }
extension LetterPage: PublicPageView { static let template = "letter" }
extension ReportPage: PublicPageView { static let template = "report" }
extension ThanksPage: PublicPageView { static let template = "thanks" }
extension OfficialsReportPage: PublicPageView { static let template = "officials-report" }
extension ContactProblemPage: PublicPageView { static let template = "contact-problem" }
extension CampaignPage: PublicPageView { static let template = "campaign" }
extension SharePage: PublicPageView { static let template = "share" }
extension AlertsView: PublicPageView { static let template = "alerts" }
extension SitePageView: PublicPageView { static let template = "site-page" }

/// A page of the coordinator area, with its shared head and foot in the coordinator's language.
protocol CoordinatorPageView: PageView {
    var admin: AdminPage { get }
}

extension FormView: CoordinatorPageView { static let template = "admin-form" }
extension ListView: CoordinatorPageView { static let template = "admin-list" }
extension MessageView: CoordinatorPageView { static let template = "admin-message" }
extension AccountView: CoordinatorPageView { static let template = "admin-account" }
extension EnrolmentView: CoordinatorPageView { static let template = "admin-two-factor" }
extension UsersView: CoordinatorPageView { static let template = "admin-users" }
extension APITokensView: CoordinatorPageView { static let template = "admin-api-tokens" }
extension WebhooksView: CoordinatorPageView { static let template = "admin-webhooks" }
extension WebhookLogView: CoordinatorPageView { static let template = "admin-webhook" }
extension ContactProblemsView: CoordinatorPageView { static let template = "admin-contact-problems" }
extension DashboardView: CoordinatorPageView { static let template = "admin-action" }
extension ImportView: CoordinatorPageView {
    static let template = "admin-import"
    var admin: AdminPage { form.admin }
}
extension ConfirmView: CoordinatorPageView { static let template = "admin-confirm" }

extension TotalsView {
    /// The live totals render into the holes of cached pages: a block on an action's page, a line on a card.
    static let blockTemplate = "totals"
    static let cardTemplate = "totals-card"

    static func template(card: Bool) -> String { card ? cardTemplate : blockTemplate }

    /// What a rendering of totals is kept under: its template, language and goal. A value, not a name built
    /// from them: it is looked up for every page served.
    struct Rendering: Hashable, Sendable {
        var card: Bool
        var language: Language
        var goal: Int?
    }

    static func rendering(card: Bool, _ language: Language, goal: Int?) -> Rendering {
        Rendering(card: card, language: language, goal: goal)
    }
}

/// Templates that are only ever included by others.
enum Partial {
    static let names = [
        "head", "foot", "person-summary", "timeline", "report-form", "admin-head", "admin-foot", "admin-form-body", "alert-choices",
        "public-form",
    ]
}
