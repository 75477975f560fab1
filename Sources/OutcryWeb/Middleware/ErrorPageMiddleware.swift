import Hummingbird
import Logging
import OutcryAPI
import OutcryCore
import OutcryStore

/// Turns every error into a readable page that keeps the real status code; unexpected errors are logged
/// with the path (never the query, which may carry personal data) and shown as a plain 500.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let renderer: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            // An API client reads problems, never pages.
            if SiteRoute.isAPI(request.uri.path) {
                return error.status == .notFound || error.status == .methodNotAllowed
                    ? OutcryAPI.refusal(method: request.method, path: request.uri.path) : OutcryAPI.problem(status: error.status)
            }
            return page(for: error.status, message: error.body, language: Self.language(context))
        } catch let refusal as RefusalError {
            let messages = Self.language(context)
            return page(for: refusal.status, message: messages(refusal.key), language: messages)
        } catch let redirect as AdminRedirect {
            throw redirect
        } catch let error as StoreError {
            switch error {
            case .notFound: return page(for: .notFound, message: nil, language: Self.language(context))
            case .duplicate, .invalid:
                return page(
                    for: .unprocessableContent, message: DraftText.capitalisingFirst("\(error)") + ".", language: Self.language(context))
            default: return failed(error, request, context)
            }
        } catch {
            return failed(error, request, context)
        }
    }

    private func failed(_ error: any Error, _ request: Request, _ context: Context) -> Response {
        if StoreError.isUnavailable(error) {
            // The database is restarting or out of reach: most likely nothing was saved (sending again counts
            // once), and the same request works once it is back. Balancers and browsers are told when to try again.
            context.logger.warning("database unavailable", metadata: ["path": .string(SiteRoute.loggable(request.uri.path))])
            var response = page(for: .serviceUnavailable, message: nil, language: Self.language(context))
            response.headers[.retryAfter] = "10"
            return response
        }
        context.logger.error(
            "request failed", metadata: ["path": .string(SiteRoute.loggable(request.uri.path)), "error": .string("\(error)")])
        return page(for: .internalServerError, message: nil, language: Self.language(context))
    }

    /// The words of the address asked for: an error page speaks its language too.
    private static func language(_ context: Context) -> Messages {
        (context as? OutcryRequestContext)?.messages ?? .english
    }

    func page(for status: HTTPResponse.Status, message: String?, language messages: Messages = .english) -> Response {
        let (heading, text): (String, String) =
            switch status.code {
            case 404: (messages("error.not-found"), messages("error.not-found-text"))
            case 400..<500: (messages("error.bad-request"), message ?? messages("error.bad-request-text"))
            case 503: (messages("error.unavailable"), messages("error.unavailable-text"))
            default: (messages("error.ours"), messages("error.ours-text"))
            }
        let model = ErrorPage(
            page: PageMeta(title: heading, description: heading, messages: messages, route: nil), status: status.code, heading: heading,
            message: text, statusLine: messages("error.status", ["status": String(status.code)]))
        do {
            return try renderer.response(model, status: status)
        } catch {
            // A theme's error template that cannot render must not hide the status: plain text keeps it.
            return Response(status: status, body: .init(byteBuffer: ByteBuffer(string: heading + "\n")))
        }
    }
}
