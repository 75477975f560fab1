import OutcryCore

/// `/search?q=`: what was found, grouped by kind, each with the name as written that matched.
struct SearchPage: Sendable {
    struct Group: Sendable {
        /// For the heading's anchor: the kind of record.
        var id: String
        var heading: String
        var items: [IndexPage.Item]
    }

    var page: PageMeta
    /// "Search" before anything is asked, then "Results for “…”"; the header's box holds the query.
    var heading: String
    var groups: [Group]
    /// Nothing was asked yet, or nothing was found: a sentence saying which, and what to try.
    var note: String?
}

/// The index pages (`/actions`, `/cases`, `/people`): a page of a long list, with filters where they help.
struct IndexPage: Sendable {
    struct Item: Sendable {
        var title: String
        var href: String
        var meta: String?
        /// Set when the name found is another spelling than the one shown: "found as Махабат Тажибек кызы".
        var matched: String?
        /// The language of `matched` is not the page's; nil lets it inherit.
        var matchedLanguage: String?
    }

    struct Filter: Sendable {
        var name: String
        var label: String
        var options: [ReportFormView.Option]
    }

    var page: PageMeta
    var heading: String
    var intro: String
    var filters: [Filter]
    var filterAction: String
    var items: [Item]
    var empty: String
    var paging: Paging
}

/// Where a page is in a long list, and the links to the pages on either side.
struct Paging: Sendable {
    /// "Page 2 of 7 (160 actions)"; nil when one page holds everything.
    var position: String?
    var previous: String?
    var next: String?

    init(page: Int, total: Int, perPage: Int, noun: String, plural: String? = nil, link: (Int) -> String) {
        let pages = max(1, (total + perPage - 1) / perPage)
        position = pages > 1 ? "Page \(page) of \(pages) (\(total) \(total == 1 ? noun : plural ?? noun + "s"))" : nil
        previous = page > 1 ? link(page - 1) : nil
        next = page < pages ? link(page + 1) : nil
    }
}

extension SearchPage: PageView { static let template = "search" }
extension IndexPage: PageView { static let template = "index" }
