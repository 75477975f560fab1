import Hummingbird
import OutcryCore
import OutcryStore

/// The public site's reading pages, served from the page cache: home, Urgent Actions, cases, people,
/// statements; and the stylesheet and health check.
struct PublicPagesController: Sendable {
    let pages: PublicPages
    let renderer: PageRenderer
    let stylesheet: StaticAsset
    let printScript: StaticAsset
    let favicon: StaticAsset
    /// Only when the theme folder has one.
    let wordmark: StaticAsset?
    let cache: PageCache
    /// Why the site cannot serve yet (the database does not answer, or is not fully migrated), or nil.
    let unreadiness: @Sendable () async -> String?
    /// A stored picture by its id.
    let image: @Sendable (String) async throws -> StoredImage?

    func addRoutes(to router: Router<OutcryRequestContext>) {
        router.get(.home, use: home)
        router.get(.urgentAction(.key), use: urgentAction)
        router.get(.case(.key), use: `case`)
        router.get(.person(.key), use: person)
        router.get(.statement(.key), use: statement)
        router.get(.stylesheet, use: stylesheet)
        for kind in SitePage.Kind.allCases {
            router.get(.sitePage(kind)) { [self] request, context in
                try await cache.respond(to: request, route: .sitePage(kind), language: context.language) {
                    try renderer.html(try await pages(context).sitePage(kind))
                }
            }
        }
        router.get(.printScript) { [printScript] request, _ in printScript.response(to: request) }
        router.get(.favicon) { [favicon] request, _ in favicon.response(to: request) }
        if let wordmark { router.get(.wordmark) { request, _ in wordmark.response(to: request) } }
        router.get(.image(.key), use: picture)
        router.get(.health, use: health)
        router.get(.readiness, use: readiness)
    }

    @Sendable func home(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        try await cache.respond(to: request, route: .home, language: context.language) {
            try renderer.html(try await pages(context).home())
        }
    }

    @Sendable func urgentAction(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let id = Identifier<UrgentAction>(try slug(context))
        return try await cache.respond(to: request, route: .urgentAction(id), language: context.language) {
            try renderer.html(try await found(pages(context).urgentAction(id)))
        }
    }

    @Sendable func `case`(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let id = Identifier<Case>(try slug(context))
        return try await cache.respond(to: request, route: .case(id), language: context.language) {
            try renderer.html(try await found(pages(context).case(id)))
        }
    }

    @Sendable func person(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let id = Identifier<Person>(try slug(context))
        return try await cache.respond(to: request, route: .person(id), language: context.language) {
            try renderer.html(try await found(pages(context).person(id)))
        }
    }

    @Sendable func statement(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let id = Identifier<Statement>(try slug(context))
        return try await cache.respond(to: request, route: .statement(id), language: context.language) {
            try renderer.html(try await found(pages(context).statement(id)))
        }
    }

    @Sendable func stylesheet(_ request: Request, context: OutcryRequestContext) -> Response {
        stylesheet.response(to: request)
    }

    /// A portrait, by an address made from its bytes: it never changes, so browsers keep it for a year.
    @Sendable func picture(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let file = context.parameters.get("file") ?? ""
        // 32 hexadecimal digits and an extension: nothing else is looked up.
        let parts = file.split(separator: ".")
        guard parts.count == 2, parts[0].count == 32, parts[0].allSatisfy(\.isHexDigit),
            CleanImage.Format.allCases.contains(where: { $0.fileExtension == parts[1] }),
            let stored = try await image(file)
        else { throw HTTPError(.notFound) }
        var headers = HTTPFields()
        headers[.eTag] = "\"\(parts[0])\""
        headers[.cacheControl] = "public, max-age=31536000, immutable"
        if request.headers[.ifNoneMatch] == headers[.eTag] { return Response(status: .notModified, headers: headers) }
        headers[.contentType] = stored.mediaType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: stored.bytes)))
    }

    /// The pages in the language of the address asked for.
    private func pages(_ context: OutcryRequestContext) -> PublicPages {
        pages.speaking(context.messages)
    }

    /// Liveness, for a supervisor deciding whether to restart the process: answering is enough.
    @Sendable func health(_ request: Request, context: OutcryRequestContext) -> String { "ok\n" }

    /// Readiness, for a load balancer deciding whether to send supporters here: the database answers and
    /// has every migration; otherwise 503 with the reason, in one line.
    @Sendable func readiness(_ request: Request, context: OutcryRequestContext) async -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        guard let reason = await unreadiness() else {
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "ready\n")))
        }
        return Response(
            status: .serviceUnavailable, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "not ready: \(reason)\n")))
    }
}
