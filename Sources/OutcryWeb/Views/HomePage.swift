import OutcryCore

/// `/`: the actions open now, and the latest statements.
struct HomePage: Sendable {
    struct ActionItem: Sendable {
        var number: String
        var title: String
        var href: String
        var country: String
        var issued: DateText
        var deadline: DateText?
        var people: String
        var kind: String?
        /// Filled per request by the page cache.
        var totalsHTML: String
    }

    struct StatementItem: Sendable {
        var title: String
        var href: String
        var published: DateText
    }

    var page: PageMeta
    var actions: [ActionItem]
    var closedActions: [ActionItem]
    var statements: [StatementItem]
}

extension UrgentAction.Kind {
    /// Shown next to the number; a new action needs no label.
    var badge: String? {
        switch self {
        case .new: nil
        case .update: "Further information"
        case .closing: "Outcome"
        }
    }
}

extension DateText {
    init(_ date: HistoricalDate) { self.init(text: DateWording.text(date), iso: date.iso) }
}
