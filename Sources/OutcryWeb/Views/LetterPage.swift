import OutcryCore

/// `/actions/:id/letter/:target`: a letter to print for one official, and the form to make it one's own.
struct LetterPage: Sendable {
    var page: PageMeta
    var actionLink: Link
    /// "Letter to {name}".
    var heading: String
    /// The `lang` of the letter, when it is in another language than the page.
    var letterLanguage: String?
    var senderLines: [String]
    var date: DateText
    var recipientLines: [String]
    var salutation: String
    var paragraphs: [String]
    var closing: String
    var signature: String?
    var postTo: String
    var name: String
    var town: String
    var body: String
    var error: String?
    var reportHref: String
    /// The letter in each language it is written in, when there are several: links to this page.
    var languages: [PageMeta.LanguageLink]
    /// The letter's language, sent back with the supporter's own words.
    var language: String
    /// "Sadyr Japarov's office reads Kyrgyz and Russian.", when this letter is in neither.
    var reads: String?
    /// How the printed letter can be sent: by post (with an address to show in an envelope's window), by fax.
    var byPost: String?
    var byFax: String?
    var printScript = SiteRoute.printScript.path

    init(
        action: UrgentAction, target: Target, language: String, letter: Letter, draft: LetterDraft, error: String?, meta: PageMeta,
        actionLink: Link, messages: Messages
    ) {
        page = meta
        self.actionLink = actionLink
        heading = messages("letter.heading", ["name": target.fullName])
        letterLanguage = language == messages.language.rawValue ? nil : language
        self.language = language
        let href = messages.href(.letter(action.id, to: target.id))
        languages =
            action.letterLanguages.count > 1
            ? action.letterLanguages.map {
                PageMeta.LanguageLink(
                    code: $0, name: Language.name(of: $0), href: href + "?language=" + $0, url: "", isCurrent: $0 == language)
            } : []
        let preferred = target.preferredLanguages
        reads =
            preferred.isEmpty || preferred.contains(language)
            ? nil : messages("letter.reads", ["name": target.fullName, "languages": messages.list(preferred.map(messages.languageName))])
        byPost = target.postalAddress.isEmpty ? nil : messages("letter.by-post")
        byFax = target.fax.map { messages("letter.by-fax", ["fax": $0]) }
        senderLines = letter.senderLines
        date = DateText(text: DateWording.text(letter.date, language: language), iso: letter.date.iso)
        recipientLines = letter.recipientLines
        salutation = letter.salutation
        paragraphs = letter.paragraphs
        closing = letter.closing
        signature = letter.signature
        postTo = messages.href(.letter(action.id, to: target.id))
        name = draft.name
        town = draft.town
        body = draft.body ?? letter.bodyText
        self.error = error
        reportHref = messages.href(.report(action.id), query: ["target": target.id.rawValue])
    }
}

/// `/actions/:id/report` and the page after it: the form on its own, and the thanks with fresh totals.
struct ReportPage: Sendable {
    var page: PageMeta
    var actionLink: Link
    var report: ReportFormView
    /// Where a class or a group registers, to report for all of them at once.
    var registerGroup: Link
}

struct ThanksPage: Sendable {
    var page: PageMeta
    var actionLink: Link
    var totals: TotalsView
    var wasFlagged: Bool
    var nextSteps: [Link]
}

/// `/actions/:id/officials/:target`: the printable report that shows an official how many people wrote.
struct OfficialsReportPage: Sendable {
    struct Row: Sendable {
        var label: String
        var count: String
    }

    var page: PageMeta
    var recipientLines: [String]
    var date: DateText
    var salutation: String
    var headline: String
    var channels: [Row]
    var countries: [Row]
    var overall: String
    var people: String
    var asks: [String]
    /// The `lang` of the asks, when they are in another language than the page.
    var contentLanguage: String?
    var csvHref: String
    var actionLink: Link
    var replied: String?
    /// What groups reported for this official, apart from the people counted above.
    var groupsLine: String?
    var check: StatementCheck
}

/// A signed statement of totals as a report prints it: how to check it, its code, a QR code of the
/// verification address, and the statement itself for pasting.
struct StatementCheck: Sendable {
    var code: String
    var text: String
    var howTo: String
    var qr: String?
    var href: String
}

/// `/actions/:id/share/mastodon`: the link to post from the supporter's own server.
struct SharePage: Sendable {
    var page: PageMeta
    var actionLink: Link
    var instance: String
    var link: String?
    var text: String
    var formAction: String
    /// "Continue to {server} to post".
    var continueText: String
    var error: String?
}

/// The answer to a supporter who said an official's contact does not work: thanks, or why it was not taken.
struct ContactProblemPage: Sendable {
    var page: PageMeta
    var heading: String
    var text: String
    var isError: Bool
    var actionLink: Link
}

/// `/campaigns/:id`: several actions run together, what people did across them, and each action.
struct CampaignPage: Sendable {
    struct Item: Sendable {
        var link: Link
        /// "120 people have acted" for this action alone.
        var acted: String
        /// "Written together by 1 group: 300 letters.", when groups reported on it.
        var fromGroups: String?
        var isClosed: Bool
    }

    var page: PageMeta
    var title: String
    var summary: String
    var totals: TotalsView
    var actions: [Item]
    /// "5 groups took part", and those who agreed to be named, with their towns.
    var groupsTookPart: String?
    var groupNames: [Link]
    var registerGroup: Link
}
