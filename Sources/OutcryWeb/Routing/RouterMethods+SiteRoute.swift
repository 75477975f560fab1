import Hummingbird

extension RouterMethods {
    /// Registers `handler` for GET requests of `route`'s pattern.
    @discardableResult
    func get(_ route: SiteRoute, use handler: @Sendable @escaping (Request, Context) async throws -> some ResponseGenerator) -> Self {
        get(RouterPath(route.pattern), use: handler)
    }

    /// Registers `handler` for POST requests of `route`'s pattern.
    @discardableResult
    func post(_ route: SiteRoute, use handler: @Sendable @escaping (Request, Context) async throws -> some ResponseGenerator) -> Self {
        post(RouterPath(route.pattern), use: handler)
    }
}
