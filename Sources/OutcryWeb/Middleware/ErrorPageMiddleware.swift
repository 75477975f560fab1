import Hummingbird
import Logging
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
            return page(for: error.status, message: error.body)
        } catch let redirect as AdminRedirect {
            throw redirect
        } catch let error as StoreError {
            switch error {
            case .notFound: return page(for: .notFound, message: nil)
            case .duplicate, .invalid: return page(for: .unprocessableContent, message: DraftText.capitalisingFirst("\(error)") + ".")
            default: return failed(error, request, context)
            }
        } catch {
            return failed(error, request, context)
        }
    }

    private func failed(_ error: any Error, _ request: Request, _ context: Context) -> Response {
        context.logger.error(
            "request failed", metadata: ["path": .string(SiteRoute.loggable(request.uri.path)), "error": .string("\(error)")])
        return page(for: .internalServerError, message: nil)
    }

    func page(for status: HTTPResponse.Status, message: String?) -> Response {
        let (heading, text): (String, String) =
            switch status.code {
            case 404: ("Page not found", "There is no page at this address. It may have moved, or the link may be mistyped.")
            case 400..<500: ("This request cannot be answered", message ?? "Something in the request is not right.")
            default: ("Something went wrong on our side", "Nothing you did caused this. Please try again in a few minutes.")
            }
        let model = ErrorPage(
            page: PageMeta(title: heading, description: heading), status: status.code, heading: heading, message: text)
        do {
            return try renderer.response(model, status: status)
        } catch {
            // A theme's error template that cannot render must not hide the status: plain text keeps it.
            return Response(status: status, body: .init(byteBuffer: ByteBuffer(string: heading + "\n")))
        }
    }
}
