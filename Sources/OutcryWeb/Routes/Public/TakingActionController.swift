import HTTPTypes
import Hummingbird
import OutcryCore

/// Taking action: letters to print, the report form and its thanks, totals for officials, sharing.
struct TakingActionController: Sendable {
    let pages: ActionPages
    let renderer: PageRenderer

    func addRoutes(to router: Router<OutcryRequestContext>) {
        router.get(.letter(.key, to: .key), use: letter)
        router.post(.letter(.key, to: .key), use: ownLetter)
        router.get(.report(.key), use: reportForm)
        router.post(.report(.key), use: report)
        router.get(.thanks(.key), use: thanks)
        router.get(.officialsReport(.key, for: .key), use: officialsReport)
        router.get(.totalsCSV(.key), use: totalsCSV)
        router.get(.mastodonShare(.key), use: mastodonShare)
        router.post(.contactProblem(.key), use: contactProblem)
        router.get(.campaign(.key), use: campaign)
    }

    @Sendable func campaign(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        try renderer.response(try await found(pages(context).campaign(Identifier(try slug(context)))))
    }

    @Sendable func contactProblem(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let form = try await FormBody.read(request)
        let (page, recorded) = try await found(
            pages(context).reportContactProblem(
                Identifier(try slug(context)), form: form, peer: context.remoteAddress, forwardedFor: request.forwardedFor))
        return try renderer.response(page, status: recorded ? .ok : .unprocessableContent)
    }

    @Sendable func letter(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let (id, target) = try ids(context)
        let language = request.uri.queryParameters["language"].map(String.init)
        return Self.allowingPrint(
            try renderer.response(try await found(pages(context).letter(id, to: target, language: language, draft: nil))))
    }

    /// The letter page runs the site's one script, for its Print button.
    static func allowingPrint(_ response: Response) -> Response {
        var response = response
        response.headers[.contentSecurityPolicy] = ResponseHead.letterPagePolicy
        return response
    }

    /// Not stored anywhere: the supporter's name and words only come back in their own page.
    @Sendable func ownLetter(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let (id, target) = try ids(context)
        let form = try await FormBody.read(request)
        let draft = LetterDraft(
            name: form.text("name") ?? "", town: form.text("town") ?? "", body: form["body"], salutation: form["salutation"])
        let page = try await found(pages(context).letter(id, to: target, language: form.text("language"), draft: draft))
        return Self.allowingPrint(try renderer.response(page, status: page.error == nil ? .ok : .unprocessableContent))
    }

    @Sendable func reportForm(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let preset = request.uri.queryParameters.get("target").map { ["target": $0] } ?? [:]
        return try renderer.response(try await found(pages(context).reportPage(Identifier(try slug(context)), values: preset)))
    }

    @Sendable func report(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let id = Identifier<UrgentAction>(try slug(context))
        let form = try await FormBody.read(request)
        let submission = try await found(
            pages(context).submitReport(
                id, form: form, peer: context.remoteAddress, forwardedFor: request.forwardedFor))
        switch submission {
        case .recorded(let held):
            // See Other: a reload of the thanks page is a plain GET, never a second report.
            return Response.redirect(to: Self.thanksLocation(id, language: context.language, heldForReview: held), type: .normal)
        case .invalid(let page):
            return try renderer.response(page, status: .unprocessableContent)
        }
    }

    @Sendable func thanks(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let held = request.uri.queryParameters.get("held") == "1"
        return try renderer.response(try await found(pages(context).thanks(Identifier(try slug(context)), heldForReview: held)))
    }

    @Sendable func officialsReport(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let (id, target) = try ids(context)
        return try renderer.response(try await found(pages(context).officialsReport(id, for: target)))
    }

    @Sendable func totalsCSV(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let id = Identifier<UrgentAction>(try slug(context))
        let csv = try await found(pages.totalsCSV(id))
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"urgent-action-\(id.rawValue)-totals.csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: csv)))
    }

    /// A page with the link rather than a redirect, so this address cannot bounce visitors to any site.
    @Sendable func mastodonShare(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        let instance = request.uri.queryParameters.get("instance") ?? ""
        let page = try await found(pages(context).mastodonShare(Identifier(try slug(context)), instance: instance))
        return try renderer.response(page, status: page.link == nil ? .badRequest : .ok)
    }

    static func thanksLocation(_ id: Identifier<UrgentAction>, language: Language, heldForReview: Bool) -> String {
        SiteRoute.thanks(id).path(query: ["held": heldForReview ? "1" : nil], language: language.rawValue)
    }

    /// The pages in the language of the address asked for.
    private func pages(_ context: OutcryRequestContext) -> ActionPages {
        pages.speaking(context.messages)
    }

    private func ids(_ context: OutcryRequestContext) throws -> (Identifier<UrgentAction>, Identifier<Target>) {
        guard let target = context.parameters.get("target"), Slug.isValid(target) else { throw HTTPError(.notFound) }
        return (Identifier(try slug(context)), Identifier(target))
    }
}
