import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenAPIRuntime
import OutcryCore
import OutcryStore

/// Around every `/api/v1` route: reads the token (`Authorization: Bearer …`, or OSDI's `OSDI-API-Token`),
/// refuses an unknown, revoked or expired one, applies the rate limits, and answers every error as an
/// RFC 9457 problem in JSON, never as a page.
struct APIMiddleware<Context: RequestContext>: RouterMiddleware {
    let store: Store
    let clock: any WallClock
    let limits: APIRateLimits
    let buckets: RateBuckets
    /// The client's address as the site sees it (after a trusted proxy's `X-Forwarded-For`).
    let clientAddress: @Sendable (Request, Context) -> String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            let token = try await authenticate(request)
            let key = token.map { "token:" + $0.id.rawValue } ?? RateBuckets.clientKey(clientAddress(request, context) ?? "unknown")
            if let wait = buckets.take(key, perMinute: token == nil ? limits.perClient : limits.perToken, now: clock.now) {
                throw APIProblem(
                    status: .tooManyRequests, detail: "Too many requests: please wait \(wait) seconds.",
                    headers: [.retryAfter: String(wait)])
            }
            var response = try await APICaller.$token.withValue(token) { try await next(request, context) }
            // The generated server writes header values percent-encoded, as it would a URI's parameters;
            // an entity tag must reach the client as the quoted string it is.
            if let tag = response.headers[.eTag], let plain = tag.removingPercentEncoding { response.headers[.eTag] = plain }
            // What a token reads (drafts, supporters) stays out of every shared cache; public answers are
            // revalidated with their tag.
            if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = token == nil ? "no-cache" : "private, no-store" }
            return response
        } catch {
            return response(for: error, request: request, context: context)
        }
    }

    private func authenticate(_ request: Request) async throws -> APIToken? {
        let secret: String
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                throw APIProblem(
                    status: .unauthorized, detail: "Send the token as `Authorization: Bearer <token>`.",
                    headers: [.wwwAuthenticate: "Bearer realm=\"outcry\""])
            }
            secret = String(parts[1]).trimmingCharacters(in: .whitespaces)
        } else if let osdi = request.headers[Self.osdiTokenHeader] {
            secret = osdi.trimmingCharacters(in: .whitespaces)
        } else {
            return nil
        }
        guard secret.count <= 200, let token = try await store.apiToken(secret: secret, now: clock.now) else {
            throw APIProblem(
                status: .unauthorized, detail: "This token is unknown, revoked or expired.",
                headers: [.wwwAuthenticate: "Bearer realm=\"outcry\", error=\"invalid_token\""])
        }
        return token
    }

    static var osdiTokenHeader: HTTPField.Name { HTTPField.Name("OSDI-API-Token")! }

    private func response(for error: any Error, request: Request, context: Context) -> Response {
        let problem: APIProblem
        let cause = (error as? ServerError)?.underlyingError ?? error
        if let known = APIProblem(thrown: error) {
            problem = known
        } else if let storeError = cause as? StoreError, case .notFound = storeError {
            problem = APIProblem(status: .notFound, detail: nil)
        } else if let http = cause as? HTTPError, http.status.code < 500 {
            problem = APIProblem(status: http.status, detail: http.body)
        } else if StoreError.isUnavailable(cause) {
            context.logger.warning("database unavailable", metadata: ["path": .string(request.uri.path)])
            problem = APIProblem(
                status: .serviceUnavailable, detail: "The database is out of reach for a moment: please try again shortly.",
                headers: [.retryAfter: "10"])
        } else {
            // The cause only: the runtime's own error describes the whole request, its Authorization header included.
            context.logger.error(
                "API request failed",
                metadata: [
                    "path": .string(request.uri.path), "operation": .string((error as? ServerError)?.operationID ?? "-"),
                    "error": .string(String("\(cause)".prefix(500))),
                ])
            problem = APIProblem(status: .internalServerError, detail: nil)
        }
        return Self.response(problem)
    }

    static func response(_ problem: APIProblem) -> Response {
        var headers = problem.headers
        headers[.contentType] = "application/problem+json"
        headers[.cacheControl] = "no-store"
        return Response(status: problem.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: problem.body)))
    }

}
