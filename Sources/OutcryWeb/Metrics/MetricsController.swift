import Foundation
import Hummingbird
import OutcryStore

/// Prometheus reads the instance's counts at `/metrics`, showing the token it was given
/// (`Authorization: Bearer …`). Without a configured token there is nothing at that address.
struct MetricsController: Sendable {
    let metrics: OutcryMetrics
    let token: String?
    let outbox: @Sendable () async throws -> OutboxStatus

    func addRoutes(to router: Router<OutcryRequestContext>) {
        router.get(.metrics, use: read)
    }

    @Sendable func read(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        guard let token else { throw HTTPError(.notFound) }
        var headers = HTTPFields()
        headers[.cacheControl] = "no-store"
        headers[.contentType] = "text/plain; charset=utf-8"
        let sent = request.headers[.authorization].flatMap { value in
            value.lowercased().hasPrefix("bearer ") ? String(value.dropFirst(7)).trimmingCharacters(in: .whitespaces) : nil
        }
        guard let sent, constantTimeEqual(sent, token) else {
            headers[.wwwAuthenticate] = "Bearer realm=\"outcry metrics\""
            return Response(
                status: .unauthorized, headers: headers,
                body: .init(byteBuffer: ByteBuffer(string: "the metrics need the token set in OUTCRY_METRICS_TOKEN, as a Bearer token\n")))
        }
        // The outbox is counted when asked; a database that does not answer leaves its figures as they were.
        let status = try? await outbox()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition(outbox: status))))
    }
}

/// Counts every request the router answers, by the route it matched (its pattern, never the values in
/// the address), its method and its status, with the time it took to answer (its body may take longer to write).
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: OutcryMetrics

    /// The methods counted by name; any other a client makes up counts as one, so nobody can grow the
    /// table of counters without end.
    static func label(_ method: HTTPRequest.Method) -> String {
        switch method {
        case .get, .head, .post, .put, .patch, .delete, .options: method.rawValue
        default: "other"
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            metrics.request(
                route: context.endpointPath ?? "(not found)", method: Self.label(request.method), status: response.status.code,
                duration: ContinuousClock.now - started)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.request(
                route: context.endpointPath ?? "(not found)", method: Self.label(request.method), status: status,
                duration: ContinuousClock.now - started)
            throw error
        }
    }
}
