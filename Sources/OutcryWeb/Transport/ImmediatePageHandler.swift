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
    let timeouts: ConnectionTimeouts
    let metrics: OutcryMetrics?

    init(
        responder: @escaping HTTPChannelHandler.Responder, cache: PageCache, reports: ReportLane?, originCheck: OriginCheck,
        timeouts: ConnectionTimeouts, metrics: OutcryMetrics?
    ) {
        self.metrics = metrics
        self.cache = cache
        self.reports = reports
        self.originCheck = originCheck
        self.timeouts = timeouts
        inner = HTTP1Channel(responder: responder)
    }

    /// Each connection gets its deadlines and both lanes, all told of the same progress: neither lane may
    /// answer ahead of the requests the router is still answering, and each tells the deadlines whose turn it is.
    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
        let progress = ConnectionProgress(now: channel.eventLoop.now)
        do {
            try channel.pipeline.syncOperations.addHandler(ConnectionDeadlineHandler(timeouts: timeouts, progress: progress))
            try channel.pipeline.syncOperations.addHandler(
                RawLaneHandler(cache: cache, reports: reports, progress: progress, originCheck: originCheck, metrics: metrics))
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        // Set up on the connection's event loop, where the progress lives.
        let shared = NIOLoopBound(progress, eventLoop: channel.eventLoop)
        var configuration = inner.configuration
        configuration.additionalChannelHandlers = { [cache, metrics] in
            [ImmediatePageHandler(cache: cache, progress: shared.value, metrics: metrics)]
        }
        return HTTP1Channel(responder: inner.responder, configuration: configuration).setup(channel: channel, logger: logger)
    }

    func handle(value: HTTP1Channel.Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    static func pageServingHTTP1(
        cache: PageCache, reports: ReportLane?, originCheck: OriginCheck, timeouts: ConnectionTimeouts, metrics: OutcryMetrics? = nil
    ) -> HTTPServerBuilder {
        .init { responder in
            PageServingHTTP1Channel(
                responder: responder, cache: cache, reports: reports, originCheck: originCheck, timeouts: timeouts, metrics: metrics)
        }
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
    /// Counts the requests passed on to the router whose responses have not ended yet (the connection's
    /// `RawLaneHandler` must not answer ahead of them either), and tells the deadlines whose turn it is.
    private let progress: ConnectionProgress
    private let metrics: OutcryMetrics?

    init(cache: PageCache, progress: ConnectionProgress, metrics: OutcryMetrics? = nil) {
        self.metrics = metrics
        self.cache = cache
        self.progress = progress
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            let started = ContinuousClock.now
            let path = String((request.path ?? "/").prefix { $0 != "?" })
            guard progress.atRouter == 0, request.method == .get,
                path != "/" || Language.home(for: request.headerFields[.acceptLanguage]) == nil,
                let page = cache.immediateResponse(
                    path: path,
                    ifNoneMatch: request.headerFields[.ifNoneMatch].map { Substring($0) },
                    gzip: request.headerFields[.acceptEncoding].map(Gzip.isAccepted(by:)) ?? false)
            else {
                progress.atRouter += 1
                progress.headRead(at: context.eventLoop.now)
                context.fireChannelRead(data)
                return
            }
            answering = true
            let closing = request.headerFields[.connection]?.lowercased().contains("close") ?? false
            let head = HTTPResponse(status: page.status, headerFields: ResponseHead.fields(of: page, closing: closing))
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            for part in page.parts { context.write(wrapOutboundOut(.body(part)), promise: nil) }
            if closing {
                context.writeAndClose(wrapOutboundOut(.end(nil)))
            } else {
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
            let now = context.eventLoop.now
            progress.requestRead(at: now)
            progress.requestAnswered(at: now)
            metrics?.cachedPage(status: page.status.code, duration: ContinuousClock.now - started)
        case .body where answering:
            break
        case .end where answering:
            answering = false
        case .end:
            progress.requestRead(at: context.eventLoop.now)
            context.fireChannelRead(data)
        default:
            context.fireChannelRead(data)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .end:
            progress.atRouter = max(0, progress.atRouter - 1)
            progress.requestAnswered(at: context.eventLoop.now)
        case .head(var head) where head.headerFields[.contentSecurityPolicy] == nil:
            // Written by the HTTP server itself, not the router (a request it could not read): the same
            // security headers as every other answer.
            for (name, value) in ResponseHead.security { head.headerFields[name] = value }
            context.write(wrapOutboundOut(.head(head)), promise: promise)
            return
        default:
            break
        }
        context.write(data, promise: promise)
    }
}
