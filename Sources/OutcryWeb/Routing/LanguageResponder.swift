import HTTPTypes
import Hummingbird

/// Serves each page supporters read in every language, under the language's code: the router sees
/// `/ru/actions/30-24` as `/actions/30-24` with the Russian `Messages` in `context.messages`, so a route is
/// registered once. English stays at the root (`/en/…` is sent there), except `/en/`, the English home
/// page that the language switcher links to: `/` alone sends a browser that prefers another of the
/// site's languages to that language's home page, and that is the only answer that depends on a header.
struct LanguageResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context == OutcryRequestContext {
    let inner: Inner
    let messages: Messages.Source

    func respond(to request: Request, context: OutcryRequestContext) async throws -> Response {
        let target = Substring(request.head.path ?? "/")
        let path = target.prefix { $0 != "?" }
        if path == "/", request.method == .get, let preferred = Language.home(for: request.headers[.acceptLanguage]) {
            var response = Response.redirect(to: SiteRoute.home.path(language: preferred.rawValue) + target.dropFirst(), type: .found)
            response.headers[.vary] = "Accept-Language"
            response.headers[.cacheControl] = "no-cache"
            return response
        }
        var context = context
        context.messages = messages(.default)
        if AdminRoute.isAdminPath(path) {
            // The coordinator area has no language in its addresses and is never cached: it follows the
            // browser until an account chooses (`CoordinatorMiddleware`).
            context.messages = messages(request.headers[.acceptLanguage].flatMap(Language.preferred(by:)) ?? .default)
            var response = try await inner.respond(to: request, context: context)
            response.headers[.vary] = "Accept-Language"
            return response
        }
        guard let (language, rest) = Language.prefix(of: target) else { return try await inner.respond(to: request, context: context) }
        let restPath = rest.prefix { $0 != "?" }
        // `//host` would be another site to a browser: no route has an empty first segment, but never risk it.
        guard SiteRoute.isLocalisedPath(restPath), !restPath.hasPrefix("//") else {
            return try await inner.respond(to: request, context: context)
        }
        if language == .default, restPath != "/" {
            return Response.redirect(to: String(rest), type: .permanent)
        }
        var head = request.head
        head.path = String(rest)
        context.messages = messages(language)
        return try await inner.respond(to: Request(head: head, body: request.body), context: context)
    }
}
