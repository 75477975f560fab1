import Foundation
import HTTPTypes
import NIOCore
import NIOHTTPTypes
import Synchronization

/// Answers GET requests for cached public pages right on the event loop, before they reach the router:
/// no task, no hop between threads, so a page under a viral spike costs about what a static file does.
/// Anything it cannot answer from memory at once (a page not cached yet, stale content, totals due for
/// a re-read) passes on unchanged to the router, which fills the cache for the next request.
final class ImmediatePageHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    private let cache: PageCache
    /// True between a request this handler answered and that request's end: its remaining parts are dropped.
    private var answering = false

    init(cache: PageCache) {
        self.cache = cache
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request) where request.method == .get:
            let path = request.path.map { String($0.prefix { $0 != "?" }) } ?? "/"
            guard let page = cache.immediateResponse(path: path, ifNoneMatch: request.headerFields[.ifNoneMatch]) else {
                context.fireChannelRead(data)
                return
            }
            answering = true
            var headers = page.headers
            for (name, value) in SecurityHeaders.all { headers[name] = value }
            headers[.date] = HTTPDate.now()
            headers[.server] = "Outcry"
            headers[.contentLength] = String(page.body.readableBytes)
            let closing = request.headerFields[.connection]?.lowercased().contains("close") ?? false
            if closing { headers[.connection] = "close" }
            context.write(wrapOutboundOut(.head(HTTPResponse(status: page.status, headerFields: headers))), promise: nil)
            if page.body.readableBytes > 0 { context.write(wrapOutboundOut(.body(page.body)), promise: nil) }
            if closing {
                context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
            } else {
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
        case .body where answering:
            break
        case .end where answering:
            answering = false
        default:
            context.fireChannelRead(data)
        }
    }
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
        let text = "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(1900 + parts.tm_year) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
        cached.withLock { $0 = (second, text) }
        return text
    }
}
