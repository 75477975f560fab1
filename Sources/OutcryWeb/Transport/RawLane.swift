import Foundation
import Hummingbird
import NIOCore
import OutcryCore

/// Stores a report form sent to the report route (`SiteRoute.report`) and gives where to send the supporter next, or nil
/// when the form needs the ordinary way (an error to show, an action not open): the router then handles
/// the same request from the start. A form that needs the router stored nothing, so handling it twice
/// is safe, and a stored one is never stored again (its idempotency key).
typealias ReportLane =
    @Sendable (
        _ action: Identifier<UrgentAction>, _ language: Language, _ form: FormBody, _ peer: SocketAddress?, _ forwardedFor: String?
    ) async -> String?

/// First in a connection's pipeline, for what a viral spike is made of:
/// - a complete, plain `GET` of a page the cache can give from memory is answered straight from the
///   bytes read, with the cached segments written as they are (no HTTP parsing into objects, no copy);
/// - a complete report form (`SiteRoute.report`, a form body of known length) is stored through
///   the `ReportLane`, and the supporter sent to the thanks page.
/// A request of either kind that cannot be answered this way (a page not cached yet, a form with an
/// error) goes on to Hummingbird's decoder as exactly its own bytes, so the decoder stays at a message
/// boundary; while the router answers it, later requests follow it the same way, so responses leave in
/// order. The first time a connection sends anything else (another method or path, an unusual header,
/// HTTP/1.0, a request cut across reads), everything from there on goes to the decoder and this handler
/// steps aside for good.
final class RawLaneHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Forms from another site go to the router, which refuses them with its page.
    private let originCheck: OriginCheck
    /// A request head longer than this is left to the decoder and its limits.
    static let maximumHead = 8 * 1024
    /// What a connection may send while its report is being stored.
    static let maximumHeld = 256 * 1024

    private let cache: PageCache
    private let reports: ReportLane?
    private var passingOn = false
    /// A report is being stored: what arrives meanwhile waits here, so responses keep their order.
    private var storing = false
    private var held = ByteBuffer()
    /// Something went on to the decoder since the last read completed: the handlers after this one need
    /// to hear that the read is complete (when everything was answered here, they have nothing to do).
    private var forwarded = false
    /// The requests the router is still answering (counted by the connection's `ImmediatePageHandler`),
    /// and whose turn it is, told of each request this lane reads and answers.
    private let progress: ConnectionProgress
    private let metrics: OutcryMetrics?

    init(cache: PageCache, reports: ReportLane?, progress: ConnectionProgress, originCheck: OriginCheck, metrics: OutcryMetrics? = nil) {
        self.metrics = metrics
        self.cache = cache
        self.reports = reports
        self.progress = progress
        self.originCheck = originCheck
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        if passingOn {
            forwarded = true
            context.fireChannelRead(data)
        } else if storing {
            // A browser sends nothing more while it waits for its answer; a client that piles up requests
            // meanwhile is cut off rather than buffered without end.
            guard held.readableBytes + buffer.readableBytes <= Self.maximumHeld else {
                passingOn = true
                context.close(promise: nil)
                return
            }
            held.writeBuffer(&buffer)
        } else {
            process(buffer, context: context)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        guard forwarded || passingOn else { return }
        forwarded = false
        context.fireChannelReadComplete()
    }

    private func process(_ input: ByteBuffer, context: ChannelHandlerContext) {
        var buffer = input
        var answered = false
        var closing = false
        defer {
            if closing {
                passingOn = true
                context.writeAndClose(wrapOutboundOut(ByteBuffer()))
            } else if answered {
                context.flush()
            }
        }
        while buffer.readableBytes > 0, !closing {
            // A client that does not read its answers gets the rest through the router, which waits for it.
            guard context.channel.isWritable, let request = PlainRequest.parse(buffer),
                request.method == .get || buffer.readableBytes >= request.length + (request.contentLength ?? 0)
            else {
                passingOn = true
                forwarded = true
                progress.bytesArrived(at: context.eventLoop.now)
                context.fireChannelRead(wrapInboundOut(buffer))
                return
            }
            let whole = buffer.readSlice(length: request.length + (request.contentLength ?? 0))!
            let started = ContinuousClock.now
            if progress.atRouter == 0, request.method == .get,
                Language.home(for: request.acceptLanguage) == nil,
                let page = cache.immediateResponse(path: request.path, ifNoneMatch: request.ifNoneMatch, gzip: request.acceptsGzip)
            {
                closing = request.closes
                answered = true
                context.write(
                    wrapOutboundOut(ResponseHead.http1(page, closing: closing, allocator: context.channel.allocator)), promise: nil)
                for part in page.parts { context.write(wrapOutboundOut(part), promise: nil) }
                let now = context.eventLoop.now
                progress.requestRead(at: now)
                progress.requestAnswered(at: now)
                metrics?.cachedPage(status: page.status.code, duration: ContinuousClock.now - started)
            } else if progress.atRouter == 0, request.method == .post, let reports,
                let (action, language) = ReportPath.action(request.path),
                request.isForm, let length = request.contentLength, length <= FormBody.sizeLimit,
                originCheck.allows(origin: request.origin, fetchSite: request.fetchSite, host: request.host)
            {
                if answered { context.flush() }
                answered = false
                store(
                    whole, request: request, action: action, language: language, lane: reports, rest: buffer, context: context,
                    started: started)
                return
            } else {
                if answered { context.flush() }
                answered = false
                forwarded = true
                context.fireChannelRead(wrapInboundOut(whole))
            }
        }
    }

    /// Stores the report off the event loop, then answers or hands the request to the router, then goes
    /// on with what arrived meanwhile.
    private func store(
        _ whole: ByteBuffer, request: PlainRequest, action: Identifier<UrgentAction>, language: Language, lane: @escaping ReportLane,
        rest: ByteBuffer, context: ChannelHandlerContext, started: ContinuousClock.Instant
    ) {
        storing = true
        progress.storingOnRawLane = true
        progress.requestRead(at: context.eventLoop.now)
        held = rest
        let body = String(buffer: whole.getSlice(at: whole.readerIndex + request.length, length: request.contentLength ?? 0)!)
        let peer = context.channel.remoteAddress
        let forwardedFor = request.forwardedFor
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        context.eventLoop.makeFutureWithTask {
            await lane(action, language, FormBody(lists: FormBody.parse(body)), peer, forwardedFor)
        }.whenComplete { result in
            let (handler, context) = bound.value
            let progress = handler.progress
            handler.storing = false
            progress.storingOnRawLane = false
            guard context.channel.isActive else { return }
            if case .success(let location?) = result {
                handler.metrics?.request(
                    route: ReportPath.routeLabel, method: "POST", status: 303, duration: ContinuousClock.now - started)
                // During a graceful stop the answer says the connection closes, and nothing more is read.
                let closing = request.closes || progress.quiescing
                let head = ResponseHead.http1SeeOther(location, closing: closing, allocator: context.channel.allocator)
                progress.requestAnswered(at: context.eventLoop.now)
                if closing {
                    handler.passingOn = true
                    context.writeAndClose(handler.wrapOutboundOut(head))
                    return
                }
                context.writeAndFlush(handler.wrapOutboundOut(head), promise: nil)
            } else {
                progress.requestReturned()
                context.fireChannelRead(handler.wrapInboundOut(whole))
                if progress.quiescing {
                    // Held back while the report was stored; the router now closes after answering it.
                    handler.passingOn = true
                    context.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
                }
            }
            let next = handler.held
            handler.held = ByteBuffer()
            if next.readableBytes > 0 {
                if handler.passingOn {
                    context.fireChannelRead(handler.wrapInboundOut(next))
                } else {
                    handler.process(next, context: context)
                }
            }
            // Outside a socket read, the handlers after this one deliver what they were given only now.
            handler.forwarded = false
            context.fireChannelReadComplete()
        }
    }
}

/// The report form's route, the one path the report lane takes, read from the route table once; in
/// English or under another language's prefix, as `LanguageResponder` reads it.
enum ReportPath {
    private static let pattern = RoutePattern(.report(.key))
    /// How the router names the route in its metrics (`/actions/{id}/report`): reports count as one route whichever lane stores them.
    static let routeLabel = RouterPath(SiteRoute.report(.key).pattern).description

    static func action(_ path: String) -> (Identifier<UrgentAction>, Language)? {
        var language = Language.default
        var path = Substring(path)
        if let (prefixed, rest) = Language.prefix(of: path), prefixed != .default {
            (language, path) = (prefixed, rest)
        }
        guard let id = pattern.parameters(in: path)?["id"].map(String.init), Slug.isValid(id) else { return nil }
        return (Identifier(id), language)
    }
}

/// A complete HTTP/1.1 `GET` or `POST` request head with nothing unusual about it, read from the start
/// of a buffer. Its body, if any, is the `contentLength` bytes after the head.
struct PlainRequest: Equatable {
    enum Method: Equatable { case get, post }

    var method: Method
    /// The path, without the query.
    var path: String
    var ifNoneMatch: Substring?
    /// Read for `/` only, the one page whose answer depends on it.
    var acceptLanguage: String?
    /// Every `Accept-Encoding` value, joined; read for GETs only.
    var acceptEncoding: String?
    var acceptsGzip: Bool { acceptEncoding.map(Gzip.isAccepted(by:)) ?? false }
    var contentLength: Int?
    /// The body is `application/x-www-form-urlencoded`.
    var isForm = false
    /// Every `X-Forwarded-For` value, joined as HTTP joins repeated fields.
    var forwardedFor: String?
    /// The client asked to close the connection after this response.
    var closes = false
    /// Where a form says it comes from (`Origin`, `Sec-Fetch-Site`) and the host it was sent to; read for POSTs only.
    var origin: String?
    var fetchSite: String?
    var host: String?
    /// Bytes of the head, up to and including the empty line.
    var length: Int

    /// Nil for anything else: another method or version, a chunked body or a GET with one, an upgrade, a
    /// line folded or ended by a bare CR or LF, a head not complete in this buffer; and anything the decoder
    /// and the router would judge (control bytes in a value, a repeated `Content-Type`, a `Connection` other
    /// than `close` or `keep-alive`, a form from another site), so the answer never depends on the lane.
    /// Works on the bytes: it runs for every page served this way.
    static func parse(_ buffer: ByteBuffer) -> PlainRequest? {
        buffer.withUnsafeReadableBytes { bytes -> PlainRequest? in
            guard let headEnd = headEnd(bytes, limit: min(bytes.count, RawLaneHandler.maximumHead)),
                let requestEnd = lineEnd(bytes, from: 0, to: headEnd + 1),
                starts(bytes, at: requestEnd - 9, with: " HTTP/1.1")
            else { return nil }
            let method: Method
            let pathStart: Int
            if starts(bytes, at: 0, with: "GET /") {
                (method, pathStart) = (.get, 4)
            } else if starts(bytes, at: 0, with: "POST /") {
                (method, pathStart) = (.post, 5)
            } else {
                return nil
            }
            guard requestEnd - 9 > pathStart else { return nil }
            var pathEnd = pathStart
            while pathEnd < requestEnd - 9, bytes[pathEnd] != UInt8(ascii: "?") { pathEnd += 1 }
            for index in pathStart..<(requestEnd - 9) where bytes[index] <= 0x20 || bytes[index] >= 0x7F { return nil }
            var request = PlainRequest(
                method: method, path: String(decoding: UnsafeRawBufferPointer(rebasing: bytes[pathStart..<pathEnd]), as: UTF8.self),
                length: headEnd + 4)
            var start = requestEnd + 2
            var sawContentType = false
            while start < headEnd + 2 {
                guard let end = lineEnd(bytes, from: start, to: headEnd + 2), end > start else { return nil }
                var colon = start
                while colon < end, bytes[colon] != UInt8(ascii: ":") {
                    guard isTokenCharacter(bytes[colon]) else { return nil }
                    colon += 1
                }
                guard colon > start, colon < end else { return nil }
                // Control bytes other than a tab: the decoder refuses them, so the raw lane does not judge them.
                for index in (colon + 1)..<end where (bytes[index] < 0x20 && bytes[index] != 0x09) || bytes[index] == 0x7F {
                    return nil
                }
                var valueStart = colon + 1
                var valueEnd = end
                while valueStart < valueEnd, bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09 { valueStart += 1 }
                while valueEnd > valueStart, bytes[valueEnd - 1] == 0x20 || bytes[valueEnd - 1] == 0x09 { valueEnd -= 1 }
                func named(_ name: StaticString) -> Bool {
                    colon - start == name.utf8CodeUnitCount && equalsIgnoringCase(bytes, at: start, name)
                }
                func value() -> String { String(decoding: UnsafeRawBufferPointer(rebasing: bytes[valueStart..<valueEnd]), as: UTF8.self) }
                if named("transfer-encoding") || named("upgrade") || named("expect") {
                    return nil
                } else if named("content-length") {
                    // One length, digits only; a GET never has a body here.
                    guard method == .post, request.contentLength == nil, valueEnd > valueStart, valueEnd - valueStart < 10,
                        (valueStart..<valueEnd).allSatisfy({ bytes[$0] >= 0x30 && bytes[$0] <= 0x39 })
                    else { return nil }
                    request.contentLength = Int(value())
                } else if named("content-type") {
                    guard !sawContentType else { return nil }
                    sawContentType = true
                    request.isForm =
                        valueEnd - valueStart >= 33 && equalsIgnoringCase(bytes, at: valueStart, "application/x-www-form-urlencoded")
                } else if named("if-none-match") {
                    request.ifNoneMatch = Substring(value())
                } else if named("accept-language"), request.path == "/" {
                    request.acceptLanguage = value()
                } else if method == .get, named("accept-encoding") {
                    request.acceptEncoding = request.acceptEncoding.map { "\($0), \(value())" } ?? value()
                } else if named("x-forwarded-for") {
                    request.forwardedFor = request.forwardedFor.map { "\($0), \(value())" } ?? value()
                } else if named("connection") {
                    let length = valueEnd - valueStart
                    if length == 5, equalsIgnoringCase(bytes, at: valueStart, "close") {
                        request.closes = true
                    } else if !(length == 10 && equalsIgnoringCase(bytes, at: valueStart, "keep-alive")) {
                        return nil
                    }
                } else if method == .post, named("origin") {
                    request.origin = value()
                } else if method == .post, named("sec-fetch-site") {
                    request.fetchSite = value()
                } else if method == .post, named("host") {
                    request.host = value()
                }
                start = end + 2
            }
            if method == .post, request.contentLength == nil { return nil }
            return request
        }
    }

    /// The offset of the CR LF CR LF that ends the head, if it is within `limit`.
    private static func headEnd(_ bytes: UnsafeRawBufferPointer, limit: Int) -> Int? {
        var index = 0
        while index + 3 < limit {
            if bytes[index + 3] == 0x0A, bytes[index] == 0x0D, bytes[index + 1] == 0x0A, bytes[index + 2] == 0x0D { return index }
            index += 1
        }
        return nil
    }

    /// The offset of the CR LF ending the line that starts at `from`; nil if a bare CR or LF comes first.
    private static func lineEnd(_ bytes: UnsafeRawBufferPointer, from: Int, to limit: Int) -> Int? {
        var index = from
        while index < limit {
            switch bytes[index] {
            case 0x0D: return index + 1 < bytes.count && bytes[index + 1] == 0x0A ? index : nil
            case 0x0A: return nil
            default: index += 1
            }
        }
        return nil
    }

    private static func starts(_ bytes: UnsafeRawBufferPointer, at offset: Int, with text: StaticString) -> Bool {
        guard offset >= 0, offset + text.utf8CodeUnitCount <= bytes.count else { return false }
        return text.withUTF8Buffer { expected in expected.indices.allSatisfy { bytes[offset + $0] == expected[$0] } }
    }

    /// `text` is lower case.
    private static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, at offset: Int, _ text: StaticString) -> Bool {
        text.withUTF8Buffer { expected in
            expected.indices.allSatisfy { index in
                let byte = bytes[offset + index]
                return (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) == expected[index]
            }
        }
    }

    private static func contains(_ bytes: UnsafeRawBufferPointer, from: Int, to end: Int, _ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard end - from >= length else { return false }
        return (from...(end - length)).contains { equalsIgnoringCase(bytes, at: $0, word) }
    }

    /// RFC 9110 `tchar`.
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
            UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
            UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default: false
        }
    }
}
