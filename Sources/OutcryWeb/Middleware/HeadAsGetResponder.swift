import Hummingbird

/// Answers HEAD as GET without the body (RFC 9110 section 9.3.2), for monitors and caches that ask first.
/// It wraps the router rather than sitting in it, because the router picks a route by method first.
struct HeadAsGetResponder<Inner: HTTPResponder>: HTTPResponder {
    typealias Context = Inner.Context
    let inner: Inner

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .head else { return try await inner.respond(to: request, context: context) }
        var head = request.head
        head.method = .get
        var response = try await inner.respond(to: Request(head: head, body: request.body), context: context)
        response.body = .init()
        return response
    }
}
