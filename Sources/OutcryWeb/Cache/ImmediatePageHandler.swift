import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes
import Synchronization

/// The HTTP/1 server with two fast lanes for cached public pages, so that a page under a viral spike costs
/// about what a static file does:
/// - `RawPageHandler`, first in the pipeline, answers plain `GET`s of cached pages from the bytes read,
///   before any HTTP parsing, for as long as a connection asks for nothing else;
/// - `ImmediatePageHandler`, after the HTTP codec, answers them on the event loop, before the router, on
///   connections that also ask for other things.
/// Everything else goes the ordinary way through Hummingbird.
struct PageServingHTTP1Channel: ServerChildChannel {
    let inner: HTTP1Channel
    let cache: PageCache

    init(responder: @escaping HTTPChannelHandler.Responder, cache: PageCache) {
        self.cache = cache
        inner = HTTP1Channel(responder: responder, configuration: .init(additionalChannelHandlers: [ImmediatePageHandler(cache: cache)]))
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
        do {
            try channel.pipeline.syncOperations.addHandler(RawPageHandler(cache: cache))
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
    static func pageServingHTTP1(cache: PageCache) -> HTTPServerBuilder {
        .init { responder in PageServingHTTP1Channel(responder: responder, cache: cache) }
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
    /// `RawPageHandler`, which must not answer ahead of them either.
    private var outstanding = PendingResponses()

    init(cache: PageCache) {
        self.cache = cache
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if let raw = try? context.pipeline.syncOperations.handler(type: RawPageHandler.self) { outstanding = raw.outstanding }
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

/// First in a connection's pipeline: answers complete, plain `GET` requests for pages the cache can give
/// from memory straight from the bytes read, with the cached segments written as they are (no HTTP parsing
/// into objects, no copy of the page). A plain GET it cannot answer yet (a page not cached, content due
/// for a check) goes on to Hummingbird's decoder as exactly its own bytes, so the decoder stays at a
/// message boundary; while such a request is being answered, later ones follow it the same way, so
/// responses leave in order. The first time a connection sends anything else — another method, a body,
/// an unusual header, HTTP/1.0, a request cut across reads — everything from there on goes to the
/// decoder and this handler steps aside for good.
final class RawPageHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// A request head longer than this is left to the decoder and its limits.
    static let maximumHead = 8 * 1024

    private let cache: PageCache
    private var passingOn = false
    /// Requests the router is still answering, counted by the connection's `ImmediatePageHandler`.
    let outstanding = PendingResponses()

    init(cache: PageCache) {
        self.cache = cache
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !passingOn else {
            context.fireChannelRead(data)
            return
        }
        var buffer = unwrapInboundIn(data)
        var answered = false
        var closing = false
        while buffer.readableBytes > 0, !closing {
            guard let request = PlainGet.parse(buffer) else {
                passingOn = true
                context.fireChannelRead(wrapInboundOut(buffer))
                break
            }
            guard outstanding.count == 0, let page = cache.immediateResponse(path: request.path, ifNoneMatch: request.ifNoneMatch) else {
                if answered { context.flush() }
                answered = false
                context.fireChannelRead(wrapInboundOut(buffer.readSlice(length: request.length)!))
                continue
            }
            buffer.moveReaderIndex(forwardBy: request.length)
            closing = request.closes
            answered = true
            context.write(wrapOutboundOut(Self.head(of: page, closing: closing, allocator: context.channel.allocator)), promise: nil)
            for part in page.parts { context.write(wrapOutboundOut(part), promise: nil) }
        }
        guard answered else { return }
        if closing {
            passingOn = true
            context.writeAndFlush(wrapOutboundOut(ByteBuffer())).whenComplete { _ in context.close(promise: nil) }
        } else {
            context.flush()
        }
    }

    /// The status line and headers: the same headers the router's way gives a cached page.
    private static func head(of page: CachedPage, closing: Bool, allocator: ByteBufferAllocator) -> ByteBuffer {
        var head = allocator.buffer(capacity: 1024)
        head.writeString(page.status == .ok ? "HTTP/1.1 200 OK\r\n" : "HTTP/1.1 304 Not Modified\r\n")
        head.writeString("ETag: \(page.eTag)\r\nCache-Control: \(CachedPage.cacheControl)\r\n")
        if page.status == .ok {
            head.writeString("Content-Type: \(CachedPage.contentType)\r\nContent-Length: \(page.contentLength)\r\n")
        }
        head.writeString(fixedHeaders)
        head.writeString("Date: \(HTTPDate.now())\r\n")
        if closing { head.writeString("Connection: close\r\n") }
        head.writeString("\r\n")
        return head
    }

    private static let fixedHeaders = SecurityHeaders.all.map { "\($0.0.rawName): \($0.1)\r\n" }.joined() + "Server: Outcry\r\n"
}

/// How many requests of one connection the router is still answering; lives on the connection's event loop.
final class PendingResponses {
    var count = 0
}

/// A complete HTTP/1.1 `GET` request head with nothing unusual about it, read from the start of a buffer.
struct PlainGet: Equatable {
    /// The path, without the query.
    var path: String
    var ifNoneMatch: Substring?
    /// The client asked to close the connection after this response.
    var closes: Bool
    /// Bytes of the head, up to and including the empty line.
    var length: Int

    /// Nil for anything but a plain GET: another method or version, a body or a header that announces
    /// one, an upgrade, a line folded or ended by a bare CR or LF, a head not complete in this buffer.
    /// Works on the bytes: it runs for every page served this way.
    static func parse(_ buffer: ByteBuffer) -> PlainGet? {
        buffer.withUnsafeReadableBytes { bytes -> PlainGet? in
            guard let headEnd = headEnd(bytes, limit: min(bytes.count, RawPageHandler.maximumHead)),
                let requestEnd = lineEnd(bytes, from: 0, to: headEnd + 1), requestEnd >= 14,
                starts(bytes, at: 0, with: "GET /"), starts(bytes, at: requestEnd - 9, with: " HTTP/1.1")
            else { return nil }
            var pathEnd = 4
            while pathEnd < requestEnd - 9 {
                let byte = bytes[pathEnd]
                guard byte > 0x20, byte < 0x7F else { return nil }
                if byte == UInt8(ascii: "?") { break }
                pathEnd += 1
            }
            for index in pathEnd..<(requestEnd - 9) where bytes[index] <= 0x20 || bytes[index] >= 0x7F { return nil }
            var request = PlainGet(
                path: String(decoding: UnsafeRawBufferPointer(rebasing: bytes[4..<pathEnd]), as: UTF8.self),
                ifNoneMatch: nil, closes: false, length: headEnd + 4)
            var start = requestEnd + 2
            while start < headEnd + 2 {
                guard let end = lineEnd(bytes, from: start, to: headEnd + 2), end > start else { return nil }
                var colon = start
                while colon < end, bytes[colon] != UInt8(ascii: ":") {
                    guard isTokenCharacter(bytes[colon]) else { return nil }
                    colon += 1
                }
                guard colon > start, colon < end else { return nil }
                var valueStart = colon + 1
                var valueEnd = end
                while valueStart < valueEnd, bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09 { valueStart += 1 }
                while valueEnd > valueStart, bytes[valueEnd - 1] == 0x20 || bytes[valueEnd - 1] == 0x09 { valueEnd -= 1 }
                func named(_ name: StaticString) -> Bool { colon - start == name.utf8CodeUnitCount && equalsIgnoringCase(bytes, at: start, name) }
                if named("content-length") || named("transfer-encoding") || named("upgrade") || named("expect") {
                    return nil
                } else if named("if-none-match") {
                    request.ifNoneMatch = Substring(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[valueStart..<valueEnd]), as: UTF8.self))
                } else if named("connection") {
                    request.closes = contains(bytes, from: valueStart, to: valueEnd, "close")
                }
                start = end + 2
            }
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
            UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"): true
        default: false
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
