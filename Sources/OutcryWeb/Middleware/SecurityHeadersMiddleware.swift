import HTTPTypes
import Hummingbird

/// Strict headers on every response: no scripts at all, no framing, no third-party anything, no referrer.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        for (name, value) in ResponseHead.security { response.headers[name] = value }
        return response
    }
}
