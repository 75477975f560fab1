import HTTPTypes
import Hummingbird

/// Strict headers on every response: no scripts at all, no framing, no third-party anything, no referrer.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var policy: String {
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    }

    static var fixedHeaders: [(HTTPField.Name, String)] {
        [
        (HTTPField.Name("Referrer-Policy")!, "no-referrer"),
        (HTTPField.Name("X-Frame-Options")!, "DENY"),
        (HTTPField.Name("Permissions-Policy")!, "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
        (HTTPField.Name("Cross-Origin-Opener-Policy")!, "same-origin"),
        ]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.policy
        response.headers[.xContentTypeOptions] = "nosniff"
        for (name, value) in Self.fixedHeaders { response.headers[name] = value }
        return response
    }
}
