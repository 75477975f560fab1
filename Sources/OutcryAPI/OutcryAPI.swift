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
        store: Store, clock: any WallClock, links: APILinks, writer: ReportWriter, vault: ContactVault, limits: APIRateLimits = .init(),
        reported: @escaping @Sendable (Identifier<UrgentAction>) -> Void
    ) {
        service = APIService(store: store, clock: clock, links: links, writer: writer, vault: vault, reported: reported)
        self.limits = limits
    }

    /// The OpenAPI document, as checked in.
    public static let document: Data = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"), let data = try? Data(contentsOf: url) else {
            fatalError("openapi.json is missing from the OutcryAPI bundle")
        }
        return data
    }()

    /// The answer to a request the API's routes do not take: 405 with the methods it does take when the
    /// address is one of the document's, else 404; a problem in JSON either way, never a page.
    public static func refusal(method: HTTPRequest.Method, path: String) -> Response {
        let allowed = documentedMethods(of: path)
        guard !allowed.isEmpty else {
            return APIMiddleware<BasicRequestContext>.response(APIProblem(status: .notFound, detail: "The API has no \(path)."))
        }
        let list = allowed.sorted().joined(separator: ", ")
        return APIMiddleware<BasicRequestContext>.response(
            APIProblem(
                status: .methodNotAllowed, detail: "\(path) takes \(list), not \(method.rawValue).",
                headers: [.allow: list]))
    }

    /// Any other status the server gave before the API saw the request (a body too large), as a problem.
    public static func problem(status: HTTPResponse.Status) -> Response {
        APIMiddleware<BasicRequestContext>.response(APIProblem(status: status, detail: nil))
    }

    /// Each path template of the document (`/api/v1/actions/{id}`) with its methods, in upper case.
    private static let documentedPaths: [(segments: [Substring], methods: Set<String>)] = {
        guard let object = try? JSONSerialization.jsonObject(with: document) as? [String: Any],
            let paths = object["paths"] as? [String: [String: Any]]
        else { return [] }
        let verbs: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        return paths.map { path, operations in
            (path.split(separator: "/"), Set(operations.keys.filter(verbs.contains).map { $0.uppercased() }))
        }
    }()

    static func documentedMethods(of path: String) -> Set<String> {
        let asked = path.split(separator: "/")
        guard
            let match = documentedPaths.first(where: { template in
                template.segments.count == asked.count
                    && zip(template.segments, asked).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
            })
        else { return [] }
        // A GET is also answered to HEAD.
        return match.methods.contains("GET") ? match.methods.union(["HEAD"]) : match.methods
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
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete, .options, .trace] {
            for pattern in ["/api/v1/**", "/api"] {
                group.on(.init(pattern), method: method) { request, _ -> Response in
                    Self.refusal(method: request.method, path: request.uri.path)
                }
            }
        }
    }
}
