import Foundation
import HTTPTypes
import Hummingbird

/// Whether a state-changing request comes from this site, by what the browser says of it. `Sec-Fetch-Site`
/// is worked out by the browser, so it decides when sent: `same-origin`, or `none` for an address typed in.
/// Browsers without it send `Origin`, which must be this site's address, as the browser reached it (the
/// `Host` it sent) or as the public URL gives it. A request that says neither (an old browser, a script)
/// passes: its form still needs its signed token.
struct OriginCheck: Sendable {
    /// `scheme://host[:port]` of the configured public URL, in lower case; nil when there is none.
    let publicOrigin: String?

    init(publicURL: String?) {
        publicOrigin = publicURL.flatMap { url in
            guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host else {
                return nil
            }
            return (scheme + "://" + host + (components.port.map { ":\($0)" } ?? "")).lowercased()
        }
    }

    func allows(origin: String?, fetchSite: String?, host: String?) -> Bool {
        if let fetchSite {
            let site = fetchSite.lowercased()
            return site == "same-origin" || site == "none"
        }
        guard let origin = origin?.lowercased() else { return true }
        if origin == publicOrigin { return true }
        guard let host = host?.lowercased(), let separator = origin.range(of: "://") else { return false }
        return origin[separator.upperBound...] == host
    }
}

/// Refuses a form (any method but GET and HEAD) that another site made a browser send: a report, an alert
/// sign-up or a sign-in posted from elsewhere changes nothing. The raw lane hands such forms here.
struct OriginCheckMiddleware<Context: RequestContext>: RouterMiddleware {
    let check: OriginCheck

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method != .get, request.method != .head else { return try await next(request, context) }
        // The API reads no cookie: its writes need a token in a header, which no other site can make a browser
        // send (that would need CORS, which the API never grants), so there is no ambient credential to abuse.
        if SiteRoute.isAPI(request.uri.path) { return try await next(request, context) }
        let fetchSite = request.headers[HTTPField.Name("Sec-Fetch-Site")!]
        guard check.allows(origin: request.headers[.origin], fetchSite: fetchSite, host: request.head.authority) else {
            throw RefusalError(status: .forbidden, key: "error.other-site")
        }
        return try await next(request, context)
    }
}
