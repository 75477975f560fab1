import HTTPTypes
import Hummingbird
import OutcryCore
import OutcryStore

/// Checking signed totals: the page that checks a statement, and the public key anyone can check one with.
struct TotalsCheckController: Sendable {
    let pages: TotalsCheckPages
    let renderer: PageRenderer

    func addRoutes(to router: Router<OutcryRequestContext>) {
        router.get(.verifyTotals, use: verify)
        router.get(.signingKey, use: signingKey)
    }

    /// A GET form: checking changes nothing, and the QR code on a printed report is a plain link.
    @Sendable func verify(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        // Decoded as the form encodes it (a space is "+"), not as a path is.
        let query = FormBody.parse(request.uri.query ?? "")
        let input = query["statement"]?.first ?? query["code"]?.first ?? ""
        let page = try await pages.speaking(context.messages).check(input)
        return try renderer.response(page, status: page.refusal == nil ? .ok : .unprocessableContent)
    }

    @Sendable func signingKey(_ request: Request, context: OutcryRequestContext) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/x-pem-file"
        headers[.cacheControl] = "public, max-age=3600"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: pages.signer.publicKeyPEM)))
    }
}
