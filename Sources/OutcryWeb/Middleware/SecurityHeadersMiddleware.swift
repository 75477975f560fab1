import HTTPTypes
import Hummingbird

/// Strict headers on every response: no scripts at all, no framing, no third-party anything, no referrer.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        // A page that needs another policy than the strict one (the letter page's Print button) sets its own.
        for (name, value) in ResponseHead.security where name != .contentSecurityPolicy || response.headers[name] == nil {
            response.headers[name] = value
        }
        return response
    }
}
