/// `/cases/:id`: the people, what happened to them in order, and the documents about it.
struct CasePage: Sendable {
    var page: PageMeta
    var title: String
    /// The `lang` of the case's own words, when they are in another language than the page.
    var contentLanguage: String?
    var country: String
    var themes: [String]
    /// Themes are the organisation's own words, in the site's language: their `lang` on another's page.
    var themesLanguage: String?
    var summary: String
    var isClosed: Bool
    /// The case's picture, when it has one.
    var picture: PersonSummary.Picture?
    var people: [PersonSummary]
    var timeline: [TimelineEntry]
    var actions: [Link]
    var statements: [Link]
}

/// `/people/:id`: one person's names, situation and timeline.
struct PersonPage: Sendable {
    var page: PageMeta
    var person: PersonSummary
    /// "Works or worked with …"; nil when no organisation is named.
    var affiliationsText: String?
    var note: String?
    var contentLanguage: String?
    /// "Act for {name}".
    var actFor: String
    var timeline: [TimelineEntry]
    var cases: [Link]
    var actions: [Link]
}

/// `/statements/:id`: a press statement as published.
struct StatementPage: Sendable {
    struct QuoteBlock: Sendable {
        var paragraphs: [String]
        var speaker: String
        var role: String?
    }

    var page: PageMeta
    var title: String
    var contentLanguage: String?
    var published: DateText
    var lead: [String]
    var quotes: [QuoteBlock]
    var background: [String]
    var cases: [Link]
    var people: [Link]
}

/// Any error, with the real status code kept on the response.
struct ErrorPage: Sendable {
    var page: PageMeta
    var status: Int
    var heading: String
    var message: String
    /// "Error 404".
    var statusLine: String
}
