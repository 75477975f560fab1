import OutcryCore

/// `/actions/:id/letter/:target`: a letter to print for one official, and the form to make it one's own.
struct LetterPage: Sendable {
    var page: PageMeta
    var actionLink: Link
    var targetName: String
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

    init(action: UrgentAction, target: Target, letter: Letter, draft: LetterDraft, error: String?) {
        page = PageMeta(
            title: "Letter to \(target.fullName) — Urgent Action \(action.number)",
            description: "A letter to print and post about Urgent Action \(action.number)", language: action.language)
        actionLink = Link(action)
        targetName = target.fullName
        senderLines = letter.senderLines
        date = DateText(letter.date)
        recipientLines = letter.recipientLines
        salutation = letter.salutation
        paragraphs = letter.paragraphs
        closing = letter.closing
        signature = letter.signature
        postTo = SiteRoute.letter(action.id, to: target.id).path
        name = draft.name
        town = draft.town
        body = draft.body ?? letter.bodyText
        self.error = error
        reportHref = SiteRoute.report(action.id).path(query: ["target": target.id.rawValue])
    }
}

/// `/actions/:id/report` and the page after it: the form on its own, and the thanks with fresh totals.
struct ReportPage: Sendable {
    var page: PageMeta
    var actionLink: Link
    var report: ReportFormView
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
    var csvHref: String
    var actionLink: Link
}

/// `/actions/:id/share/mastodon`: the link to post from the supporter's own server.
struct SharePage: Sendable {
    var page: PageMeta
    var actionLink: Link
    var instance: String
    var link: String?
    var text: String
    var formAction: String
    var error: String?
}
