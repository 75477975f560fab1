import Hummingbird

/// Routes that need no session; a coordinator route that needs one cannot be registered here by mistake.
extension RouterMethods {
    /// Registers `handler` for GET requests of `route`'s pattern.
    @discardableResult
    func get(_ route: SiteRoute, use handler: @Sendable @escaping (Request, Context) async throws -> some ResponseGenerator) -> Self {
        precondition(route.isOpen, "\(route) needs a session: register it with CoordinatorRoutes")
        return get(RouterPath(route.pattern), use: handler)
    }

    /// Registers `handler` for POST requests of `route`'s pattern.
    @discardableResult
    func post(_ route: SiteRoute, use handler: @Sendable @escaping (Request, Context) async throws -> some ResponseGenerator) -> Self {
        precondition(route.isOpen, "\(route) needs a session: register it with CoordinatorRoutes")
        return post(RouterPath(route.pattern), use: handler)
    }
}
