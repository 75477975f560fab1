import OutcryCore

/// `/`: the actions open now, and the latest statements.
struct HomePage: Sendable {
    struct ActionItem: Sendable {
        /// "UA 30.24", as the language labels a number.
        var number: String
        var title: String
        /// The `lang` of the title, when it is not translated into the page's language.
        var titleLanguage: String?
        /// "UA 30.24: title", for the list of closed actions.
        var closedTitle: String
        var href: String
        var country: String
        var issued: DateText
        var deadline: DateText?
        /// "For Makhabat Tazhibek-kyzy, …"; empty when the action names no one.
        var people: String
        var kind: String?
        /// Filled per request by the page cache.
        var totalsHTML: String
    }

    /// The page's own words; the dates' labels are cut around the date, which has its own `<time>`.
    struct Text: Sendable {
        var heading, lede, open, noneOpen, pastDeadline, closed, statements, noStatements: String
        var dates: DateLabels

        init(_ messages: Messages) {
            heading = messages("home.heading")
            lede = messages("home.lede")
            open = messages("home.open")
            noneOpen = messages("home.none-open")
            pastDeadline = messages("home.past-deadline")
            closed = messages("home.closed")
            statements = messages("home.statements")
            noStatements = messages("home.no-statements")
            dates = DateLabels(messages)
        }
    }

    struct StatementItem: Sendable {
        var link: Link
        var published: DateText
    }

    var page: PageMeta
    /// Named apart from `DateText.text`: Mustache looks a dotted name up from the innermost section.
    var words: Text
    var actions: [ActionItem]
    /// Published, but their deadline passed: no longer asked for, not yet closed.
    var pastDeadlineActions: [ActionItem]
    var closedActions: [ActionItem]
    var statements: [StatementItem]
}

/// "Issued {date}" and "Act by {date}", cut around the date, which has its own `<time>`.
struct DateLabels: Sendable {
    var issuedBefore, issuedAfter, actByBefore, actByAfter: String

    init(_ messages: Messages) {
        (issuedBefore, issuedAfter) = messages.around("dates.issued", placeholder: "date")
        (actByBefore, actByAfter) = messages.around("dates.act-by", placeholder: "date")
    }
}

extension UrgentAction.Kind {
    /// Shown next to the number, in a language; a new action needs no label.
    func badge(_ messages: Messages = .english) -> String? {
        switch self {
        case .new: nil
        case .update: messages("action.kind-update")
        case .closing: messages("action.kind-outcome")
        }
    }
}
