public import Foundation
public import Hummingbird
import OpenAPIHummingbird
import OpenAPIRuntime
public import OutcryCore
public import OutcryStore

/// The API at `/api/v1`: the operations of `openapi.json` (generated from it at build time, so the document
/// and the routes cannot part), the document itself, and a problem for every address it does not know.
public struct OutcryAPI: Sendable {
    let service: APIService
    let limits: APIRateLimits
    let buckets = RateBuckets()

    public init(
        store: Store, clock: any WallClock, links: APILinks, writer: ReportWriter, limits: APIRateLimits = .init(),
        reported: @escaping @Sendable (Identifier<UrgentAction>) -> Void
    ) {
        service = APIService(store: store, clock: clock, links: links, writer: writer, reported: reported)
        self.limits = limits
    }

    /// The OpenAPI document, as checked in.
    public static let document: Data = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"), let data = try? Data(contentsOf: url) else {
            fatalError("openapi.json is missing from the OutcryAPI bundle")
        }
        return data
    }()

    /// A problem in JSON for an API address that the router refused before the API's own middleware saw it
    /// (a method the address does not take).
    public static func problem(status: HTTPResponse.Status) -> Response {
        APIMiddleware<BasicRequestContext>.response(APIProblem(status: status, detail: nil))
    }

    public func addRoutes<Context: RequestContext>(
        to router: Router<Context>, clientAddress: @escaping @Sendable (Request, Context) -> String?
    ) throws {
        let group = router.group()
            .add(
                middleware: APIMiddleware<Context>(
                    store: service.store, clock: service.clock, limits: limits, buckets: buckets, clientAddress: clientAddress))
        // Compact JSON: partners on slow links pay for every byte.
        try service.registerHandlers(
            on: group, configuration: .init(jsonEncodingOptions: [.sortedKeys, .withoutEscapingSlashes]))
        group.get("/api/v1/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/vnd.oai.openapi+json", .cacheControl: "public, max-age=300"],
                body: .init(byteBuffer: ByteBuffer(bytes: Self.document)))
        }
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] {
            group.on("/api/v1/**", method: method) { request, _ -> Response in
                throw APIProblem(status: .notFound, detail: "The API has no \(request.method.rawValue) \(request.uri.path).")
            }
            group.on("/api", method: method) { _, _ -> Response in throw APIProblem(status: .notFound, detail: "The API is at /api/v1.") }
        }
    }
}
