import Foundation
import Hummingbird

/// A submitted `application/x-www-form-urlencoded` form, read with a size limit.
struct FormBody: Sendable {
    static let sizeLimit = 64 * 1024
    private let values: [String: String]

    init(values: [String: String]) { self.values = values }

    static func read(_ request: Request) async throws -> FormBody {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            throw HTTPError(.unsupportedMediaType, message: "This form must be sent by a browser as a normal form.")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: sizeLimit)
        } catch {
            throw HTTPError(.contentTooLarge, message: "What you sent is too long. Please shorten it and try again.")
        }
        return FormBody(values: parse(String(buffer: buffer)))
    }

    /// The first value of each name; later repeats are ignored.
    static func parse(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), values[name] == nil else { continue }
            values[name] = parts.count > 1 ? decode(parts[1]) ?? "" : ""
        }
        return values
    }

    private static func decode(_ part: Substring) -> String? {
        part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    subscript(_ name: String) -> String? { values[name] }

    /// The value with surrounding spaces removed, or nil when it is missing or blank.
    func text(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}
