import OutcryCore

/// What the shared head and foot of every page need, in the page's language: the header's links lead to
/// the pages in that language, and `languages` to this page in every other.
struct PageMeta: Sendable {
    var title: String
    var description: String
    /// The interface language (`<html lang>`); content in another language carries its own `lang`.
    var language: String
    var stylesheet = SiteRoute.stylesheet.path
    var home: String
    var alerts: String
    var actions: String
    var people: String
    var search: String
    /// What the search box shows: the words searched for, on the results page.
    var query = ""
    var feed: String
    /// The site pages linked at the foot of every page, in the page's language.
    var sitePages: [Link]
    /// Nil on the home page, which is where the breadcrumb would lead.
    var showHomeLink = true
    /// Set only when a coordinator previews a page: a banner saying so, and the way back.
    var preview: String?
    var previewBack: String?
    /// This page in each language: the `hreflang` alternates and the header's language switcher.
    var languages: [LanguageLink]
    /// The page's own absolute address, for link previews (Open Graph) and `rel="canonical"`; nil without one.
    var url: String?
    /// A picture for link previews (the first portrait), absolute, and what it shows.
    var image: String?
    var imageAlt: String?
    /// `ru_RU`: the language as Open Graph names it.
    var ogLocale: String
    /// The catalog, read by the templates as `t`.
    var words: Words

    /// One language's version of a page.
    struct LanguageLink: Sendable {
        /// The language's code, for `hreflang` and `lang`.
        var code: String
        /// The language's name in itself.
        var name: String
        /// Root-relative, for the switcher.
        var href: String
        /// Absolute, for `<link rel="alternate">`.
        var url: String
        var isCurrent: Bool
    }

    /// `route` is the page's address, without its language; nil for answers that have no address of their
    /// own (an error page), which offer no other languages. `query` (`?q=…`) is kept when switching.
    init(
        title: String, description: String, messages: Messages, route: SiteRoute?, siteURL: String = "",
        query: String = ""
    ) {
        self.title = title
        self.description = description
        language = messages.language.rawValue
        home = messages.href(.home)
        alerts = messages.href(.alerts)
        actions = messages.href(.actionIndex)
        people = messages.href(.peopleIndex)
        search = messages.href(.search)
        feed = messages.href(.actionsFeed)
        sitePages = SitePage.Kind.allCases.map { Link(text: messages("site." + $0.rawValue), href: messages.href(.sitePage($0))) }
        words = Words(messages)
        ogLocale = messages.language.openGraphLocale
        if let route, !siteURL.isEmpty { url = siteURL + route.path(language: language) + query }
        languages =
            route.map { route in
                Language.allCases.map { language in
                    let href = route.path(language: language.rawValue) + query
                    return LanguageLink(
                        code: language.rawValue, name: language.name, href: href, url: siteURL + href,
                        isCurrent: language == messages.language)
                }
            } ?? []
    }
}

/// A link a template prints as it is: text and an address built by `SiteRoute`.
struct Link: Sendable, Hashable {
    var text: String
    var href: String
    /// The `lang` of the text, when it is in another language than the page (a title not translated).
    /// Named apart from any page field: Mustache looks a nil value up in the enclosing sections.
    var linkLanguage: String?

    init(text: String, href: String, linkLanguage: String? = nil) {
        self.text = text
        self.href = href
        self.linkLanguage = linkLanguage
    }
}

/// A date as people read it, and as machines do (`<time datetime>`).
struct DateText: Sendable, Hashable {
    var text: String
    var iso: String
}
