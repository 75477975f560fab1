import Foundation
import HTTPTypes
import OpenAPIRuntime

/// What went wrong with an API request, sent as an RFC 9457 problem (`application/problem+json`): a status,
/// a title for the kind of problem, a detail for this occurrence and, for a bad field, which one.
struct APIProblem: Error, Sendable, Equatable {
    struct FieldError: Sendable, Equatable {
        /// A JSON pointer into the body (`/counts/letter`) or a parameter's name.
        var field: String
        var detail: String
    }

    var status: HTTPResponse.Status
    var detail: String?
    var errors: [FieldError] = []
    /// Extra headers: `WWW-Authenticate` with a 401, `Retry-After` with a 429.
    var headers: HTTPFields = [:]

    static func notFound(_ what: String) -> APIProblem { APIProblem(status: .notFound, detail: "There is no \(what) with this id.") }

    static func invalid(_ field: String, _ detail: String) -> APIProblem {
        APIProblem(status: .unprocessableContent, detail: detail, errors: [FieldError(field: field, detail: detail)])
    }

    /// The problem's kind, a page of the API's document: stable words a client can switch on.
    var type: String {
        switch status.code {
        case 400: "bad-request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not-found"
        case 405: "method-not-allowed"
        case 409: "conflict"
        case 412: "precondition-failed"
        case 413: "too-large"
        case 415: "unsupported-media-type"
        case 422: "invalid-field"
        case 429: "too-many-requests"
        case 503: "unavailable"
        default: "server-error"
        }
    }

    var body: Data {
        var object: [String: Any] = [
            "type": "/api/v1/openapi.json#problem-" + type, "title": status.reasonPhrase, "status": status.code,
        ]
        if let detail { object["detail"] = detail }
        if !errors.isEmpty { object["errors"] = errors.map { ["field": $0.field, "detail": $0.detail] } }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }
}

extension APIProblem {
    /// The problem an error thrown on the way through the generated server stands for: ours as they are;
    /// the runtime's (a parameter, a header or a body it could not read) with its status and what failed.
    init?(thrown error: any Error) {
        if let problem = error as? APIProblem {
            self = problem
            return
        }
        guard let server = error as? ServerError else { return nil }
        if let problem = server.underlyingError as? APIProblem {
            self = problem
            return
        }
        if let decoding = Self.decodingError(server.underlyingError) {
            self = Self.describing(decoding)
            return
        }
        guard (400..<500).contains(server.httpStatus.code) else { return nil }
        self = APIProblem(status: server.httpStatus, detail: Self.plain(server.underlyingError))
    }

    private static func decodingError(_ error: any Error) -> DecodingError? {
        if let decoding = error as? DecodingError { return decoding }
        // The runtime wraps a body it could not decode; its wrapper says so in its description only.
        let mirror = Mirror(reflecting: error)
        for child in mirror.children {
            if let decoding = child.value as? DecodingError { return decoding }
        }
        return nil
    }

    /// A body that is not JSON is malformed (400); JSON with a field missing or of the wrong kind is
    /// unprocessable (422), with the field's pointer.
    static func describing(_ error: DecodingError) -> APIProblem {
        // A parameter (`?per_page=x`) or a body that is not an object at all: malformed, nothing to point at.
        func malformed(_ context: DecodingError.Context) -> APIProblem? {
            context.codingPath.isEmpty
                ? APIProblem(status: .badRequest, detail: "A parameter or the body is not of the kind the API document gives for it.")
                : nil
        }
        func pointer(_ path: [any CodingKey]) -> String {
            "/" + path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: "/")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .invalid(pointer(context.codingPath + [key]), "This field is required.")
        case .typeMismatch(let type, let context):
            if let problem = malformed(context) { return problem }
            return .invalid(pointer(context.codingPath), "This field must be \(Self.kind(type)).")
        case .valueNotFound(let type, let context):
            if let problem = malformed(context) { return problem }
            return .invalid(pointer(context.codingPath), "This field must be \(Self.kind(type)), not null.")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return APIProblem(status: .badRequest, detail: "The body is not valid JSON.") }
            return .invalid(pointer(context.codingPath), "This field's value is not one of those allowed.")
        @unknown default:
            return APIProblem(status: .badRequest, detail: "The body could not be read.")
        }
    }

    private static func kind(_ type: Any.Type) -> String {
        let name = String(describing: type)
        if name.contains("Int") { return "a whole number" }
        if name.contains("String") { return "a string" }
        if name.contains("Bool") { return "true or false" }
        if name.hasPrefix("Array") || name.hasPrefix("[") { return "an array" }
        return "an object"
    }

    /// The runtime's own words for what it could not read, without Swift type names.
    private static func plain(_ error: any Error) -> String {
        let text = "\(error)"
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }
}
