import HTTPTypes
import Hummingbird

/// Strict headers on every response: no scripts at all, no framing, no third-party anything, no referrer.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        // A page that needs more than the strict policy (the letter page's Print button) says so itself.
        let policy = response.headers[.contentSecurityPolicy]
        for (name, value) in ResponseHead.security { response.headers[name] = value }
        if policy == ResponseHead.letterPagePolicy { response.headers[.contentSecurityPolicy] = policy }
        return response
    }
}
