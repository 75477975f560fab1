import Crypto
import Foundation

/// `page` and `per_page` of a list, checked: 25 a page unless asked, at most 100.
struct Paging {
    static let defaultSize = 25
    static let largestSize = 100

    let page: Int
    let perPage: Int

    init(page: Int?, perPage: Int?) throws(APIProblem) {
        self.page = page ?? 1
        self.perPage = perPage ?? Self.defaultSize
        guard (1...1_000_000).contains(self.page) else { throw APIProblem(status: .badRequest, detail: "page must be 1 or more.") }
        guard (1...Self.largestSize).contains(self.perPage) else {
            throw APIProblem(status: .badRequest, detail: "per_page must be between 1 and \(Self.largestSize).")
        }
    }

    func slice<T>(_ items: [T]) -> [T] {
        let start = min(items.count, (page - 1) * perPage)
        return Array(items[start..<min(items.count, start + perPage)])
    }

    func totalPages(_ total: Int) -> Int { (total + perPage - 1) / perPage }

    /// The address of page `number` of the list at `path`, keeping the list's other parameters.
    func href(_ path: String, page number: Int, query: [(String, String)] = []) -> String {
        let pairs = query + [("page", String(number)), ("per_page", String(perPage))]
        return path + "?"
            + pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
    }

    func links(_ path: String, total: Int, query: [(String, String)] = []) -> Components.Schemas.PageLinks {
        let last = max(1, totalPages(total))
        return .init(
            _self: .init(href: href(path, page: page, query: query)),
            next: page < last ? .init(href: href(path, page: page + 1, query: query)) : nil,
            prev: page > 1 ? .init(href: href(path, page: min(page - 1, last), query: query)) : nil,
            first: .init(href: href(path, page: 1, query: query)), last: .init(href: href(path, page: last, query: query)))
    }
}

/// Entity tags of representations: a digest of the JSON a client would receive, so a client that has it
/// gets a 304 with no body (`If-None-Match`).
enum EntityTag {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func of<T: Encodable>(_ value: T) throws -> String {
        let digest = SHA256.hash(data: try encoder.encode(value))
        return "\"" + digest.prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
    }

    /// Whether `If-None-Match` names this tag (or `*`), compared weakly as RFC 9110 asks for it.
    static func isCurrent(_ tag: String, ifNoneMatch: String?) -> Bool {
        guard let ifNoneMatch else { return false }
        return ifNoneMatch.split(separator: ",").contains { candidate in
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            return trimmed == "*" || (trimmed.hasPrefix("W/") ? String(trimmed.dropFirst(2)) : trimmed) == tag
        }
    }
}
