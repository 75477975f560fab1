import Hummingbird
import OutcryCore

/// The public site: pages for supporters, readable without JavaScript or an account.
struct PublicRoutes: Sendable {
    let pages: PublicPages
    let renderer: PageRenderer
    let stylesheet: StaticAsset

    func add(to router: Router<OutcryRequestContext>) {
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
}
