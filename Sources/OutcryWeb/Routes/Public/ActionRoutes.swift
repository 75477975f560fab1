import HTTPTypes
import Hummingbird
import OutcryCore

/// Taking action: letters to print, the report form and its thanks, totals for officials, sharing.
struct ActionRoutes: Sendable {
    let pages: ActionPages
    let renderer: PageRenderer

    func add(to router: Router<OutcryRequestContext>) {
        router.get(RouterPath(PublicPath.Pattern.letter)) { _, context in
            let (id, target) = try ids(context)
            return renderer.response("letter", try await found(pages.letter(id, to: target, draft: nil)))
        }
        // Not stored anywhere: the supporter's name and words only come back in their own page.
        router.post(RouterPath(PublicPath.Pattern.letter)) { request, context in
            let (id, target) = try ids(context)
            let form = try await FormBody.read(request)
            let draft = LetterDraft(name: form["name"] ?? "", town: form["town"] ?? "", body: form["body"])
            let page = try await found(pages.letter(id, to: target, draft: draft))
            return renderer.response("letter", page, status: page.error == nil ? .ok : .unprocessableContent)
        }
        router.get(RouterPath(PublicPath.Pattern.report)) { request, context in
            let preset = request.uri.queryParameters.get("target").map { ["target": $0] } ?? [:]
            return renderer.response("report", try await found(pages.reportPage(Identifier(try slug(context)), values: preset)))
        }
        router.post(RouterPath(PublicPath.Pattern.report)) { request, context in
            let id = Identifier<UrgentAction>(try slug(context))
            let form = try await FormBody.read(request)
            let submission = try await found(
                pages.submitReport(
                    id, form: form, peer: context.remoteAddress, forwardedFor: request.headers[HTTPField.Name("X-Forwarded-For")!]))
            switch submission {
            case .recorded(let held):
                // See Other: a reload of the thanks page is a plain GET, never a second report.
                return Response.redirect(to: Self.thanksLocation(id, heldForReview: held), type: .normal)
            case .invalid(let page):
                return renderer.response("report", page, status: .unprocessableContent)
            }
        }
        router.get(RouterPath(PublicPath.Pattern.thanks)) { request, context in
            let held = request.uri.queryParameters.get("held") == "1"
            return renderer.response("thanks", try await found(pages.thanks(Identifier(try slug(context)), heldForReview: held)))
        }
        router.get(RouterPath(PublicPath.Pattern.officialsReport)) { _, context in
            let (id, target) = try ids(context)
            return renderer.response("officials-report", try await found(pages.officialsReport(id, for: target)))
        }
        router.get(RouterPath(PublicPath.Pattern.totalsCSV)) { _, context in
            let id = Identifier<UrgentAction>(try slug(context))
            let csv = try await found(pages.totalsCSV(id))
            var headers = HTTPFields()
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"urgent-action-\(id.rawValue)-totals.csv\""
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: csv)))
        }
        // A page with the link rather than a redirect, so this address cannot bounce visitors to any site.
        router.get(RouterPath(PublicPath.Pattern.mastodonShare)) { request, context in
            let instance = request.uri.queryParameters.get("instance") ?? ""
            let page = try await found(pages.mastodonShare(Identifier(try slug(context)), instance: instance))
            return renderer.response("share", page, status: page.link == nil ? .badRequest : .ok)
        }
    }

    static func thanksLocation(_ id: Identifier<UrgentAction>, heldForReview: Bool) -> String {
        PublicPath.thanks(id) + (heldForReview ? "?held=1" : "")
    }

    private func ids(_ context: OutcryRequestContext) throws -> (Identifier<UrgentAction>, Identifier<Target>) {
        guard let target = context.parameters.get("target"), Slug.isValid(target) else { throw HTTPError(.notFound) }
        return (Identifier(try slug(context)), Identifier(target))
    }
}
