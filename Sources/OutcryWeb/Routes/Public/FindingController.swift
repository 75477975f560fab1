import Hummingbird
import OutcryCore
import OutcryStore

/// Search and the index pages. Not cached: their answers depend on the query; each is a few indexed reads.
struct FindingController: Sendable {
    let pages: FindingPages
    let renderer: PageRenderer

    func addRoutes(to router: Router<OutcryRequestContext>) {
        router.get(.search, use: search)
        router.get(.actionIndex, use: actions)
        router.get(.caseIndex, use: cases)
        router.get(.peopleIndex, use: people)
    }

    @Sendable func search(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        try renderer.response(try await pages(context).search(request.uri.queryParameters["q"].map(String.init) ?? ""))
    }

    @Sendable func actions(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        var filter = ActionFilter()
        filter.country = query["country"].flatMap { Country(rawValue: String($0)) }
        switch query["status"] {
        case "open": filter.status = .published
        case "closed": filter.status = .closed
        default: break
        }
        if let year = query["year"].flatMap({ Int($0) }), (1900...3000).contains(year) { filter.year = year }
        return try renderer.response(try await pages(context).actions(filter, page: Self.page(request)))
    }

    @Sendable func cases(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        try renderer.response(try await pages(context).cases(page: Self.page(request)))
    }

    @Sendable func people(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let organisation = request.uri.queryParameters["organisation"].map(String.init).flatMap {
            Slug.isValid($0) ? Identifier<Organisation>($0) : nil
        }
        return try renderer.response(try await pages(context).people(organisation: organisation, page: Self.page(request)))
    }

    /// The pages in the language of the address asked for.
    private func pages(_ context: OutcryRequestContext) -> FindingPages {
        pages.speaking(context.messages)
    }

    /// `?page=`, from 1 to a bound no list reaches.
    static func page(_ request: Request) -> Int {
        request.uri.queryParameters["page"].flatMap { Int($0) }.map { min(max($0, 1), 100_000) } ?? 1
    }
}
