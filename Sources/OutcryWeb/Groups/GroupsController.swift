import Hummingbird
import OutcryCore
import OutcryStore

/// Groups on the public site: registering, the organiser's private pages, and a group's public page.
struct GroupsController: Sendable {
    let pages: GroupPages
    let renderer: PageRenderer
    /// Reports one group may send in an hour: a class reports a few times a term; a link that leaked, or a
    /// script, is held back here before anything is read or stored.
    static let reportsPerHour = ClientThrottle.Limit(count: 30, window: 3600)
    let reportThrottle = ClientThrottle(reportsPerHour, trustForwardedFor: false, capacity: 10_000)

    func addRoutes(to router: Router<OutcryRequestContext>) {
        router.get(.newGroup, use: registration)
        router.post(.newGroup, use: register)
        router.get(.group(.key), use: publicPage)
        router.get(.groupReport(.key), use: home)
        router.post(.groupReport(.key), use: report)
        router.post(.confirmGroup(.key), use: confirm)
        router.get(.groupCertificate(.key), use: certificate)
    }

    @Sendable func registration(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        try renderer.response(pages.registration(context.messages))
    }

    @Sendable func register(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        switch try await pages.register(
            try await FormBody.read(request), context.messages, peer: context.remoteAddress, forwardedFor: request.forwardedFor)
        {
        case .sent(let page): return try renderer.response(page)
        case .invalid(let page): return try renderer.response(page, status: .unprocessableContent)
        case .limited(let page, let retryAfter):
            var response = try renderer.response(page, status: .tooManyRequests)
            response.headers[.retryAfter] = String(retryAfter)
            return response
        }
    }

    @Sendable func publicPage(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        try renderer.response(try await found(pages.publicPage(Identifier(try slug(context)), context.messages)))
    }

    @Sendable func home(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let (token, group, messages) = try await group(context)
        let notice = request.uri.queryParameters["done"].flatMap { done in
            ["confirmed", "counted", "held", "duplicate"].contains(String(done)) ? messages("group.done-" + done) : nil
        }
        let chosen = request.uri.queryParameters["action"].flatMap { Slug.isValid(String($0)) ? Identifier<UrgentAction>(String($0)) : nil }
        return Self.private(try renderer.response(try await pages.home(group, token: token, messages, chosen: chosen, notice: notice)))
    }

    /// A page at a private link is kept by no cache, the browser's included: its address is the group's key.
    static func `private`(_ response: Response) -> Response {
        var response = response
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func confirm(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let (token, group, _) = try await group(context)
        _ = try await pages.store.confirmGroup(group.id, now: pages.clock.now)
        return seeOther(SiteRoute.groupReport(token).path(query: ["done": "confirmed"]))
    }

    @Sendable func report(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let (token, group, messages) = try await group(context)
        guard let action = request.uri.queryParameters["action"].flatMap({ Slug.isValid(String($0)) ? String($0) : nil }) else {
            throw HTTPError(.notFound)
        }
        if let until = reportThrottle.take(group.id.rawValue, now: pages.clock.now) {
            let minutes = max(1, Int((until.timeIntervalSince(pages.clock.now) / 60).rounded(.up)))
            var page = try await pages.home(group, token: token, messages, notice: messages.plural("group.limit-reports", count: minutes))
            page.page.title = messages("group.limit-title")
            var response = try renderer.response(page, status: .tooManyRequests)
            response.headers[.retryAfter] = String(Int(until.timeIntervalSince(pages.clock.now).rounded(.up)))
            return response
        }
        let form = try await FormBody.read(request, uploadLimit: GroupPages.uploadLimit)
        switch try await found(pages.report(group, token: token, action: Identifier(action), form: form, messages)) {
        case .done(let outcome):
            // See Other: a reload shows the page again, never a second report.
            let done =
                switch outcome {
                case .counted: "counted"
                case .flagged: "held"
                case .duplicate: "duplicate"
                }
            return seeOther(SiteRoute.groupReport(token).path(query: ["done": done]))
        case .invalid(let page):
            return Self.private(try renderer.response(page, status: .unprocessableContent))
        }
    }

    @Sendable func certificate(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let (_, group, messages) = try await group(context)
        return Self.private(try renderer.response(try await found(pages.certificate(group, messages))))
    }

    /// The group the private link in the address names, and its organiser's language; not found otherwise.
    private func group(_ context: OutcryRequestContext) async throws -> (String, WritingGroup, Messages) {
        guard let token = context.parameters.get("token") else { throw HTTPError(.notFound) }
        let (group, messages) = try await found(pages.group(in: token, context.messages))
        return (token, group, messages)
    }
}
