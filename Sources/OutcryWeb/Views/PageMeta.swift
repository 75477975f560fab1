import OutcryCore

/// What the shared head and foot of every page need.
struct PageMeta: Sendable {
    var title: String
    var description: String
    var language = "en"
    var stylesheet = SiteRoute.stylesheet.path
    var home = SiteRoute.home.path
    var alerts = SiteRoute.alerts.path
    var actions = SiteRoute.actionIndex.path
    var people = SiteRoute.peopleIndex.path
    var search = SiteRoute.search.path
    /// What the search box shows: the words searched for, on the results page.
    var query = ""
    var feed = SiteRoute.actionsFeed.path
    /// Nil on the home page, which is where the breadcrumb would lead.
    var showHomeLink = true
    /// Set only when a coordinator previews a page: a banner saying so, and the way back.
    var preview: String?
    var previewBack: String?
    /// The words of the header and footer every public page shares.
    var text = ChromeText.english
}

/// The header's and footer's words, from the message catalog of the page's language.
struct ChromeText: Sendable {
    var skip, navigation, actions, people, statements, alerts, searchLabel, searchPlaceholder, searchButton, footer: String

    /// Read once: every English page carries it.
    static let english = ChromeText(Messages.english)

    init(_ messages: Messages) {
        skip = messages("chrome.skip")
        navigation = messages("chrome.nav-label")
        actions = messages("chrome.actions")
        people = messages("chrome.people")
        statements = messages("chrome.statements")
        alerts = messages("chrome.alerts")
        searchLabel = messages("chrome.search-label")
        searchPlaceholder = messages("chrome.search-placeholder")
        searchButton = messages("chrome.search-button")
        footer = messages("chrome.footer")
    }
}

/// A link a template prints as it is: text and an address built by `SiteRoute`.
struct Link: Sendable, Hashable {
    var text: String
    var href: String
}

extension Link {
    /// "Urgent Action 30.24: Kyrgyzstan: …", to the action's page.
    init(_ action: UrgentAction) {
        self.init(
            text: Messages.english("action.number-title", ["number": action.number, "title": action.title]),
            href: SiteRoute.urgentAction(action.id).path)
    }
}

/// A date as people read it, and as machines do (`<time datetime>`).
struct DateText: Sendable, Hashable {
    var text: String
    var iso: String
}
