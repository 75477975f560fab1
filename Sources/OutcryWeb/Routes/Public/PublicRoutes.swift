import Hummingbird
import OutcryCore

/// The public site: pages for supporters, readable without JavaScript or an account.
struct PublicRoutes: Sendable {
    let pages: PublicPages
    let renderer: PageRenderer
    let stylesheet: StaticAsset
    let cache: PageCache

    func add(to router: Router<OutcryRequestContext>) {
        router.get(RouterPath(PublicPath.home)) { request, _ in
            try await cache.respond(to: request, key: PublicPath.home) { renderer.html("home", try await pages.home()) }
        }
        router.get(RouterPath(PublicPath.Pattern.urgentAction)) { request, context in
            let id = Identifier<UrgentAction>(try slug(context))
            return try await cache.respond(to: request, key: PublicPath.urgentAction(id)) {
                renderer.html("urgent-action", try await found(pages.urgentAction(id)))
            }
        }
        router.get(RouterPath(PublicPath.Pattern.case)) { request, context in
            let id = Identifier<Case>(try slug(context))
            return try await cache.respond(to: request, key: PublicPath.case(id)) {
                renderer.html("case", try await found(pages.case(id)))
            }
        }
        router.get(RouterPath(PublicPath.Pattern.person)) { request, context in
            let id = Identifier<Person>(try slug(context))
            return try await cache.respond(to: request, key: PublicPath.person(id)) {
                renderer.html("person", try await found(pages.person(id)))
            }
        }
        router.get(RouterPath(PublicPath.Pattern.statement)) { request, context in
            let id = Identifier<Statement>(try slug(context))
            return try await cache.respond(to: request, key: PublicPath.statement(id)) {
                renderer.html("statement", try await found(pages.statement(id)))
            }
        }
        router.get(RouterPath(PublicPath.stylesheet)) { request, _ in
            stylesheet.response(to: request)
        }
        router.get(RouterPath(PublicPath.health)) { _, _ in
            try await pages.store.checkHealth()
            return "ok\n"
        }
    }
}
