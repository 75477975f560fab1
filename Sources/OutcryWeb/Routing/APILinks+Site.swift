import OutcryAPI
import OutcryCore

extension APILinks {
    /// The site's pages, as absolute addresses under the site's URL.
    static func site(_ siteURL: String) -> APILinks {
        APILinks(
            action: { siteURL + SiteRoute.urgentAction($0).path }, case: { siteURL + SiteRoute.case($0).path },
            person: { siteURL + SiteRoute.person($0).path }, statement: { siteURL + SiteRoute.statement($0).path })
    }
}

extension SiteRoute {
    /// Where the API lives: its routes come from its OpenAPI document (`OutcryAPI`), not from this table.
    static let apiPrefix = "/api/"

    static func isAPI(_ path: String) -> Bool { path.hasPrefix(apiPrefix) || path == "/api" }
}
