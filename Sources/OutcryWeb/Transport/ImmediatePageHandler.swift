import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes
import Synchronization

/// The HTTP/1 server with fast lanes for what a viral spike is made of, so that a page costs about what a
/// static file does and a report little more than its share of a group commit:
/// - `RawLaneHandler`, first in the pipeline, answers plain `GET`s of cached pages and stores report
///   forms straight from the bytes read, before any HTTP parsing, while a connection asks for nothing else;
/// - `ImmediatePageHandler`, after the HTTP codec, answers cached pages on the event loop, before the
///   router, on connections that also ask for other things.
/// Everything else goes the ordinary way through Hummingbird.
struct PageServingHTTP1Channel: ServerChildChannel {
    let inner: HTTP1Channel
    let cache: PageCache
    let reports: ReportLane?

    init(responder: @escaping HTTPChannelHandler.Responder, cache: PageCache, reports: ReportLane?) {
        self.cache = cache
        self.reports = reports
        inner = HTTP1Channel(responder: responder, configuration: .init(additionalChannelHandlers: [ImmediatePageHandler(cache: cache)]))
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
        do {
            try channel.pipeline.syncOperations.addHandler(RawLaneHandler(cache: cache, reports: reports))
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return inner.setup(channel: channel, logger: logger)
    }

    func handle(value: HTTP1Channel.Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    static func pageServingHTTP1(cache: PageCache, reports: ReportLane?) -> HTTPServerBuilder {
        .init { responder in PageServingHTTP1Channel(responder: responder, cache: cache, reports: reports) }
    }
}

/// Answers GET requests for cached pages right on the event loop, before they reach the router: no task,
/// no hop between threads. Only when no earlier request of the connection is still being answered, so
/// responses always leave in the order their requests came (HTTP/1.1 pipelining). Anything it cannot
/// answer from memory at once passes on unchanged to the router, which fills the cache for next time.
final class ImmediatePageHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let cache: PageCache
    /// True between a request this handler answered and that request's end: its remaining parts are dropped.
    private var answering = false
    /// Requests passed on to the router whose responses have not ended yet; shared with the connection's
    /// `RawLaneHandler`, which must not answer ahead of them either.
    private var outstanding = PendingResponses()

    init(cache: PageCache) {
        self.cache = cache
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if let raw = try? context.pipeline.syncOperations.handler(type: RawLaneHandler.self) { outstanding = raw.outstanding }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            guard outstanding.count == 0, request.method == .get,
                let page = cache.immediateResponse(
                    path: String((request.path ?? "/").prefix { $0 != "?" }), ifNoneMatch: request.headerFields[.ifNoneMatch].map { Substring($0) })
            else {
                outstanding.count += 1
                context.fireChannelRead(data)
                return
            }
            answering = true
            var headers = page.headers
            for (name, value) in SecurityHeaders.all { headers[name] = value }
            headers[.date] = HTTPDate.now()
            headers[.server] = "Outcry"
            if page.status == .ok { headers[.contentLength] = String(page.contentLength) }
            let closing = request.headerFields[.connection]?.lowercased().contains("close") ?? false
            if closing { headers[.connection] = "close" }
            context.write(wrapOutboundOut(.head(HTTPResponse(status: page.status, headerFields: headers))), promise: nil)
            for part in page.parts { context.write(wrapOutboundOut(.body(part)), promise: nil) }
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

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { outstanding.count = max(0, outstanding.count - 1) }
        context.write(data, promise: promise)
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
