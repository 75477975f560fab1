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
        /// Set when the name found is another spelling than the one shown: "Found as Махабат Тажибек кызы".
        var foundAs: FoundAs?
        /// The `lang` of the title, when it is not translated into the page's language.
        var linkLanguage: String?

        init(title: String, href: String, meta: String? = nil, foundAs: FoundAs? = nil, linkLanguage: String? = nil) {
            self.title = title
            self.href = href
            self.meta = meta
            self.foundAs = foundAs
            self.linkLanguage = linkLanguage
        }

        init(_ link: Link, meta: String?) {
            self.init(title: link.text, href: link.href, meta: meta, linkLanguage: link.linkLanguage)
        }
    }

    /// "Found as {name}", cut around the name, which carries its own `lang` when it has one.
    struct FoundAs: Sendable {
        var before: String
        var name: String
        var after: String
        var language: String?
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
    /// The filters' button.
    var show: String
    var paging: Paging
}

/// Where a page is in a long list, and the links to the pages on either side.
struct Paging: Sendable {
    /// "Page 2 of 7 (160 actions)", by the plural message `key`; nil when one page holds everything.
    var position: String?
    var previous: String?
    var next: String?
    var label: String
    var previousText: String
    var nextText: String

    init(page: Int, total: Int, perPage: Int, key: String, messages: Messages, link: (Int) -> String) {
        let pages = max(1, (total + perPage - 1) / perPage)
        position =
            pages > 1 ? messages.plural(key, count: total, ["page": messages.number(page), "pages": messages.number(pages)]) : nil
        previous = page > 1 ? link(page - 1) : nil
        next = page < pages ? link(page + 1) : nil
        label = messages("paging.label")
        previousText = messages("paging.previous")
        nextText = messages("paging.next")
    }
}

extension SearchPage: PublicPageView { static let template = "search" }
extension IndexPage: PublicPageView { static let template = "index" }
