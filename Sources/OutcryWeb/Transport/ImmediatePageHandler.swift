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
    /// The server's HTTP/1 channel: its responder and configuration serve every connection.
    let inner: HTTP1Channel
    let cache: PageCache
    let reports: ReportLane?
    let originCheck: OriginCheck

    init(responder: @escaping HTTPChannelHandler.Responder, cache: PageCache, reports: ReportLane?, originCheck: OriginCheck) {
        self.cache = cache
        self.reports = reports
        self.originCheck = originCheck
        inner = HTTP1Channel(responder: responder)
    }

    /// Each connection gets both lanes, given the same count of the requests the router is still answering:
    /// neither may answer ahead of those.
    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
        let outstanding = PendingResponses()
        do {
            try channel.pipeline.syncOperations.addHandler(
                RawLaneHandler(cache: cache, reports: reports, outstanding: outstanding, originCheck: originCheck))
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        // Set up on the connection's event loop, where the count lives.
        let shared = NIOLoopBound(outstanding, eventLoop: channel.eventLoop)
        var configuration = inner.configuration
        configuration.additionalChannelHandlers = { [cache] in [ImmediatePageHandler(cache: cache, outstanding: shared.value)] }
        return HTTP1Channel(responder: inner.responder, configuration: configuration).setup(channel: channel, logger: logger)
    }

    func handle(value: HTTP1Channel.Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    static func pageServingHTTP1(cache: PageCache, reports: ReportLane?, originCheck: OriginCheck) -> HTTPServerBuilder {
        .init { responder in PageServingHTTP1Channel(responder: responder, cache: cache, reports: reports, originCheck: originCheck) }
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
    private let outstanding: PendingResponses

    init(cache: PageCache, outstanding: PendingResponses) {
        self.cache = cache
        self.outstanding = outstanding
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            guard outstanding.count == 0, request.method == .get,
                let page = cache.immediateResponse(
                    path: String((request.path ?? "/").prefix { $0 != "?" }),
                    ifNoneMatch: request.headerFields[.ifNoneMatch].map { Substring($0) })
            else {
                outstanding.count += 1
                context.fireChannelRead(data)
                return
            }
            answering = true
            let closing = request.headerFields[.connection]?.lowercased().contains("close") ?? false
            let head = HTTPResponse(status: page.status, headerFields: ResponseHead.fields(of: page, closing: closing))
            context.write(wrapOutboundOut(.head(head)), promise: nil)
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
