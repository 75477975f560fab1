import Hummingbird
import OutcryCore

/// The public site: pages for supporters, readable without JavaScript or an account.
struct PublicRoutes<Context: RequestContext>: Sendable {
    let pages: PublicPages
    let renderer: PageRenderer
    let stylesheet: StaticAsset

    func add(to router: Router<Context>) {
        router.get(RouterPath(PublicPath.home)) { _, _ in
            renderer.response("home", try await pages.home())
        }
        router.get(RouterPath(PublicPath.Pattern.urgentAction)) { _, context in
            renderer.response("urgent-action", try await found(pages.urgentAction(Identifier(try slug(context)))))
        }
        router.get(RouterPath(PublicPath.Pattern.case)) { _, context in
            renderer.response("case", try await found(pages.case(Identifier(try slug(context)))))
        }
        router.get(RouterPath(PublicPath.Pattern.person)) { _, context in
            renderer.response("person", try await found(pages.person(Identifier(try slug(context)))))
        }
        router.get(RouterPath(PublicPath.Pattern.statement)) { _, context in
            renderer.response("statement", try await found(pages.statement(Identifier(try slug(context)))))
        }
        router.get(RouterPath(PublicPath.stylesheet)) { request, _ in
            stylesheet.response(to: request)
        }
        router.get(RouterPath(PublicPath.health)) { _, _ in
            try await pages.store.checkHealth()
            return "ok\n"
        }
    }

    /// The `:id` of the path, refused early when it could not be an id, so nothing odd reaches the store.
    private func slug(_ context: Context) throws -> String {
        guard let id = context.parameters.get("id"), Slug.isValid(id) else { throw HTTPError(.notFound) }
        return id
    }

    private func found<T>(_ value: T?) throws -> T {
        guard let value else { throw HTTPError(.notFound) }
        return value
    }
}
