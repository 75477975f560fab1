import Foundation
import HTTPTypes
import NIOCore
import Synchronization

/// The head of every answer, whichever way it leaves: the router (`SecurityHeadersMiddleware`, then
/// Hummingbird adds `Date` and `Server`), the `ImmediatePageHandler` after the HTTP codec, or the
/// `RawLaneHandler` as bytes. One list, so the three ways cannot drift apart.
enum ResponseHead {
    static let serverName = "Outcry"

    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    /// The letter page's: the same, with the site's own scripts allowed for its Print button (`print.js`).
    static let letterPagePolicy = contentSecurityPolicy.replacingOccurrences(
        of: "default-src 'none';", with: "default-src 'none'; script-src 'self';")

    /// Strict headers on every response: no scripts at all, no framing, no third-party anything, no referrer.
    static let security: [(HTTPField.Name, String)] = [
        (.contentSecurityPolicy, contentSecurityPolicy),
        (.xContentTypeOptions, "nosniff"),
        (HTTPField.Name("Referrer-Policy")!, "no-referrer"),
        (HTTPField.Name("X-Frame-Options")!, "DENY"),
        (HTTPField.Name("Permissions-Policy")!, "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
        (HTTPField.Name("Cross-Origin-Opener-Policy")!, "same-origin"),
    ]

    /// What a server adds to a response's own fields: the security headers, `Server`, `Date`, the length
    /// of a body, and `Connection: close` when the connection ends after it.
    static func complete(_ fields: HTTPFields, contentLength: Int?, closing: Bool) -> HTTPFields {
        var fields = fields
        for (name, value) in security { fields[name] = value }
        fields[.server] = serverName
        fields[.date] = HTTPDate.now()
        if let contentLength { fields[.contentLength] = String(contentLength) }
        if closing { fields[.connection] = "close" }
        return fields
    }

    /// A cached page's whole head.
    static func fields(of page: CachedPage, closing: Bool) -> HTTPFields {
        complete(page.headers, contentLength: page.status == .ok ? page.contentLength : nil, closing: closing)
    }

    /// A cached page's head as HTTP/1.1 bytes, for the raw lane: the same fields as `fields(of:closing:)`,
    /// with the fixed ones written from lines prepared once.
    static func http1(_ page: CachedPage, closing: Bool, allocator: ByteBufferAllocator) -> ByteBuffer {
        var head = allocator.buffer(capacity: 1024)
        head.writeString(page.status == .ok ? "HTTP/1.1 200 OK\r\n" : "HTTP/1.1 304 Not Modified\r\n")
        for field in page.headers { head.writeString("\(field.name.rawName): \(field.value)\r\n") }
        if page.status == .ok { head.writeString("Content-Length: \(page.contentLength)\r\n") }
        finish(&head, closing: closing)
        return head
    }

    /// See Other to `location` as HTTP/1.1 bytes, for the raw lane, as the router answers a stored report.
    static func http1SeeOther(_ location: String, closing: Bool, allocator: ByteBufferAllocator) -> ByteBuffer {
        var head = allocator.buffer(capacity: 1024)
        head.writeString("HTTP/1.1 303 See Other\r\nLocation: \(location)\r\nContent-Length: 0\r\n")
        finish(&head, closing: closing)
        return head
    }

    /// Request Timeout as HTTP/1.1 bytes, head and body, for a request left half-sent past its deadline.
    static func http1RequestTimeout(allocator: ByteBufferAllocator) -> ByteBuffer {
        let text = "The request took too long to arrive, so nothing was done. Please try again.\n"
        var answer = allocator.buffer(capacity: 1024)
        answer.writeString(
            "HTTP/1.1 408 Request Timeout\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: \(text.utf8.count)\r\n")
        finish(&answer, closing: true)
        answer.writeString(text)
        return answer
    }

    private static func finish(_ head: inout ByteBuffer, closing: Bool) {
        head.writeString(fixedLines)
        head.writeString("Date: \(HTTPDate.now())\r\n")
        if closing { head.writeString("Connection: close\r\n") }
        head.writeString("\r\n")
    }

    /// The security headers and `Server` as header lines, prepared once: the raw lane writes them on every answer.
    private static let fixedLines = (security + [(.server, serverName)]).map { "\($0.0.rawName): \($0.1)\r\n" }.joined()
}

/// The `Date` header (RFC 9110, IMF-fixdate), formatted once a second.
enum HTTPDate {
    private static let cached = Mutex<(second: Int, text: String)>((-1, ""))
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func now() -> String {
        var seconds = time(nil)
        let second = Int(seconds)
        if let text = cached.withLock({ $0.second == second ? $0.text : nil }) { return text }
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let text =
            "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(1900 + parts.tm_year) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
        cached.withLock { $0 = (second, text) }
        return text
    }
}

extension ChannelHandlerContext {
    /// Writes `data`, then closes the connection once it has left.
    func writeAndClose(_ data: NIOAny) {
        let context = NIOLoopBound(self, eventLoop: eventLoop)
        writeAndFlush(data).whenComplete { _ in context.value.close(promise: nil) }
    }
}
