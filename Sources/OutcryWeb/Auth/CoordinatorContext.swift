import Hummingbird
import NIOCore
import OutcryCore
import OutcryStore

/// The context of every coordinator route that needs a session: `CoordinatorMiddleware` has already put
/// the signed-in coordinator in it, so no handler looks for a session itself.
struct CoordinatorContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    let coordinator: Coordinator

    init(context: OutcryRequestContext) throws {
        // `CoordinatorMiddleware` runs first and has sent anyone without a session to sign in.
        guard let coordinator = context.coordinator else { throw AdminRedirect.signIn(next: AdminRoute.home.path) }
        self.coreContext = context.coreContext
        self.coordinator = coordinator
    }

    /// Forms are small; a larger body is refused before it is read.
    var maxUploadSize: Int { FormBody.sizeLimit }
}

/// Placed on the group of coordinator routes that need a session: a request without a complete one is
/// sent to sign in, coming back to where it was going.
struct CoordinatorMiddleware: RouterMiddleware {
    let auth: AdminAuth

    func handle(
        _ request: Request, context: OutcryRequestContext, next: (Request, OutcryRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        var coordinator = try await auth.coordinator(for: request)
        if let language = coordinator.account.language.flatMap(Language.init(rawValue:)) {
            context.messages = context.messages.speaking(language)
        }
        coordinator.messages = context.messages
        context.coordinator = coordinator
        return try await next(request, context)
    }
}

/// Registers coordinator routes with the role each needs; a form's CSRF token is checked before its handler
/// runs. Accounts without two-factor sign-in, where it is required, reach only the routes that set it up.
struct CoordinatorRoutes {
    let group: RouterGroup<CoordinatorContext>
    let auth: AdminAuth

    typealias Page = @Sendable (Request, CoordinatorContext) async throws -> Response
    typealias Form = @Sendable (Request, CoordinatorContext, FormBody) async throws -> Response

    func get(_ route: AdminRoute, _ role: Role, allowingEnrolment: Bool = false, use handler: @escaping Page) {
        precondition(route.needsSession, "\(route) works without a session: register it on the router")
        group.get(RouterPath(SiteRoute.admin(route).pattern)) { [auth] request, context in
            try await Self.check(context.coordinator, role, allowingEnrolment: allowingEnrolment, auth: auth)
            return try await handler(request, context)
        }
    }

    /// A form posted to `route`; with `uploadLimit`, a multipart form with files of up to that many bytes in all.
    func post(_ route: AdminRoute, _ role: Role, allowingEnrolment: Bool = false, uploadLimit: Int? = nil, use handler: @escaping Form) {
        precondition(route.needsSession, "\(route) works without a session: register it on the router")
        group.post(RouterPath(SiteRoute.admin(route).pattern)) { [auth] request, context in
            try await Self.check(context.coordinator, role, allowingEnrolment: allowingEnrolment, auth: auth)
            let form = try await FormBody.read(request, uploadLimit: uploadLimit)
            try AdminAuth.checkCSRF(form, session: context.coordinator.session)
            return try await handler(request, context, form)
        }
    }

    private static func check(_ coordinator: Coordinator, _ role: Role, allowingEnrolment: Bool, auth: AdminAuth) async throws {
        if !allowingEnrolment, !coordinator.account.hasTwoFactor, try await auth.store.requiresTwoFactor() {
            throw AdminRedirect.to(AdminRoute.account.path)
        }
        guard coordinator.account.role >= role else {
            throw HTTPError(.forbidden, message: coordinator.messages("admin.refused.role", ["role": coordinator.role]))
        }
    }
}
