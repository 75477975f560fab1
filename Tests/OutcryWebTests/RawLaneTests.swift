import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import OutcryCore
import OutcryStore
import OutcryTestSupport
import Testing

@testable import OutcryWeb

/// The connection's fast lanes on an in-memory channel, with the real HTTP codec between them: answers in
/// the order asked, whatever the reads' boundaries, and the same head and body as the router's.
@Suite struct RawLaneTests {
    static let cachedPath = SiteRoute.statement("kloop-media-staff-detained-2025").path
    static let otherPath = SiteRoute.person("makhabat-tazhibek-kyzy").path
    static let page = "<!doctype html><p>A statement.</p>\n"

    /// A page cache on a throw-away database, holding `cachedPath`.
    static func withCache(holding html: String = page, _ body: (PageCache) async throws -> Void) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("outcry-lane-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try await Store.open(.sqlite(path: path), logger: TestApp.logger)
        do {
            _ = try await store.migrate()
            let cache = PageCache(store: store, clock: FixedClock(), fill: { _ in "" }, immediateFill: { _ in "" })
            let request = Request(
                head: HTTPRequest(method: .get, scheme: nil, authority: nil, path: cachedPath), body: .init(buffer: ByteBuffer()))
            _ = try await cache.respond(to: request, route: .statement("kloop-media-staff-detained-2025"), language: .en) { html }
            try await body(cache)
            await store.shutdown()
        } catch {
            await store.shutdown()
            throw error
        }
    }

    /// The lanes of one connection, as `PageServingHTTP1Channel` sets them up, ending where the router begins.
    static func connection(
        _ cache: PageCache, timeouts: ConnectionTimeouts = ConnectionTimeouts(), reports: ReportLane? = nil
    ) async throws -> NIOAsyncTestingChannel {
        let channel = try await NIOAsyncTestingChannel { channel in
            let progress = ConnectionProgress(now: channel.eventLoop.now)
            try channel.pipeline.syncOperations.addHandler(ConnectionDeadlineHandler(timeouts: timeouts, progress: progress))
            try channel.pipeline.syncOperations.addHandler(
                RawLaneHandler(
                    cache: cache, reports: reports, progress: progress, originCheck: OriginCheck(publicURL: "https://act.example.org")
                ))
            try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(HTTPRequestDecoder()))
            try channel.pipeline.syncOperations.addHandler(HTTPResponseEncoder())
            try channel.pipeline.syncOperations.addHandler(HTTP1ToHTTPServerCodec(secure: false))
            try channel.pipeline.syncOperations.addHandler(ImmediatePageHandler(cache: cache, progress: progress))
        }
        // A connected peer, as a real connection has: the lanes answer only while it is there.
        try await channel.connect(to: SocketAddress(ipAddress: "192.0.2.1", port: 40000))
        return channel
    }

    static func get(_ path: String) -> String { "GET \(path) HTTP/1.1\r\nHost: example.org\r\n\r\n" }

    /// What the connection writes, as text, once the report lane's task has finished and `done` says so.
    static func written(_ channel: NIOAsyncTestingChannel, until done: (String) -> Bool) async throws -> String {
        var text = ""
        for _ in 0..<500 where !done(text) {
            await channel.testingEventLoop.run()
            text += try await written(channel)
            try await Task.sleep(for: .milliseconds(10))
        }
        return text
    }

    /// Everything written to the connection so far, as text.
    static func written(_ channel: NIOAsyncTestingChannel) async throws -> String {
        var text = ""
        while let buffer = try await channel.readOutbound(as: ByteBuffer.self) { text += String(buffer: buffer) }
        return text
    }

    /// The router's answer to the request it was handed: a page of its own.
    static func answerAsRouter(_ channel: NIOAsyncTestingChannel, _ body: String) async throws {
        let head = try #require(try await channel.readInbound(as: HTTPRequestPart.self))
        guard case .head = head else {
            Issue.record("expected a request head, got \(head)")
            return
        }
        #expect(try await channel.readInbound(as: HTTPRequestPart.self) == .end(nil))
        try await channel.writeOutbound(
            HTTPResponsePart.head(HTTPResponse(status: .ok, headerFields: [.contentLength: "\(body.utf8.count)"])))
        try await channel.writeOutbound(HTTPResponsePart.body(ByteBuffer(string: body)))
        try await channel.writeOutbound(HTTPResponsePart.end(nil))
    }

    @Test func aPipelinedMixIsAnsweredInTheOrderAsked() async throws {
        try await Self.withCache { cache in
            let channel = try await Self.connection(cache)
            try await channel.writeInbound(
                ByteBuffer(string: Self.get(Self.cachedPath) + Self.get(Self.otherPath) + Self.get(Self.cachedPath)))
            let first = try await Self.written(channel)
            #expect(first.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(first.hasSuffix(Self.page), "the cached page at once")
            // The second page is not cached: the router has it, and the third waits behind it.
            try await Self.answerAsRouter(channel, "<p>person</p>")
            let rest = try await Self.written(channel)
            #expect(rest.hasSuffix("<p>person</p>"), "nothing answered ahead of the router")
            try await Self.answerAsRouter(channel, "<p>third</p>")
            #expect(try await Self.written(channel).hasSuffix("<p>third</p>"))
            #expect(try await channel.readInbound(as: HTTPRequestPart.self) == nil)
        }
    }

    @Test func aRequestSplitAcrossReadsIsStillAnsweredFromTheCache() async throws {
        try await Self.withCache { cache in
            let channel = try await Self.connection(cache)
            let request = Self.get(Self.cachedPath)
            let cut = request.index(request.startIndex, offsetBy: 20)
            try await channel.writeInbound(ByteBuffer(string: String(request[..<cut])))
            #expect(try await Self.written(channel).isEmpty)
            try await channel.writeInbound(ByteBuffer(string: String(request[cut...]) + Self.get(Self.cachedPath)))
            let answers = try await Self.written(channel)
            #expect(answers.components(separatedBy: "HTTP/1.1 200 OK").count == 3, "both answered by the lane after the codec")
            #expect(answers.hasSuffix(Self.page))
            #expect(try await channel.readInbound(as: HTTPRequestPart.self) == nil, "the router was not needed")
        }
    }

    @Test func requestsArrivingWhileAReportIsStoredWaitForItsAnswer() async throws {
        try await Self.withCache { cache in
            let (gate, open) = AsyncStream<Void>.makeStream()
            let channel = try await Self.connection(cache) { action, _, form, _, _ in
                for await _ in gate { break }
                return form["count_letter"] == "2" ? SiteRoute.thanks(action).path : nil
            }
            let form = "count_letter=2"
            try await channel.writeInbound(
                ByteBuffer(
                    string:
                        "POST \(SiteRoute.report("30-24").path) HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: \(form.utf8.count)\r\n\r\n\(form)"))
            try await channel.writeInbound(ByteBuffer(string: Self.get(Self.cachedPath)))
            #expect(try await Self.written(channel).isEmpty, "nothing answered while the report is being stored")
            open.yield()
            #expect(try await channel.readInbound(as: HTTPRequestPart.self) == nil, "the report went by the lane")
            let answers = try await Self.written(channel, until: { $0.hasSuffix(Self.page) })
            let redirect = try #require(answers.range(of: "HTTP/1.1 200 OK\r\n").map { answers[..<$0.lowerBound] })
            #expect(redirect.hasPrefix("HTTP/1.1 303 See Other\r\n"), "the report's answer first")
            #expect(redirect.lowercased().contains("\r\nlocation: /actions/30-24/thanks\r\n"))
        }
    }

    /// The raw lane and the router give a page the same head (but for the date and server the HTTP server
    /// adds to the router's) and the same body, compressed or not.
    @Test(arguments: [nil, "gzip, deflate, br"])
    func theRawLaneAndTheRouterGiveTheSameHeadAndBody(acceptEncoding: String?) async throws {
        try await Self.withCache { cache in
            let router = Router(context: OutcryRequestContext.self)
            router.middlewares.add(SecurityHeadersMiddleware())
            router.get(.statement(.key)) { request, _ in
                try await cache.respond(to: request, route: .statement("kloop-media-staff-detained-2025"), language: .en) { Self.page }
            }
            let routed = try await Application(router: router).test(.router) { client in
                try await client.execute(
                    uri: Self.cachedPath, method: .get, headers: acceptEncoding.map { [.acceptEncoding: $0] } ?? [:])
            }
            let channel = try await Self.connection(cache)
            let request = Self.get(Self.cachedPath).replacing(
                "\r\n\r\n", with: acceptEncoding.map { "\r\nAccept-Encoding: \($0)\r\n\r\n" } ?? "\r\n\r\n")
            try await channel.writeInbound(ByteBuffer(string: request))
            let raw = try await Self.written(channel)
            #expect(raw.lowercased().contains("content-encoding: gzip") == (acceptEncoding != nil))
            let (head, body) = try #require(raw.range(of: "\r\n\r\n").map { (raw[..<$0.lowerBound], raw[$0.upperBound...]) })
            #expect(String(body) == String(buffer: routed.body))
            #expect(head.hasPrefix("HTTP/1.1 \(routed.status.code) "))
            var fields: [String: String] = [:]
            for line in head.split(separator: "\r\n").dropFirst() {
                let parts = line.split(separator: ":", maxSplits: 1)
                fields[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces)
            }
            for field in routed.headers {
                #expect(fields[field.name.canonicalName] == field.value, "\(field.name)")
            }
            #expect(Set(fields.keys) == Set(routed.headers.map(\.name.canonicalName)).union(["date", "server"]))
        }
    }

    /// A report form another site made a browser send is not stored by the lane: the router refuses it.
    @Test func aFormFromAnotherSiteGoesToTheRouter() async throws {
        try await Self.withCache { cache in
            let channel = try await Self.connection(cache) { action, _, _, _, _ in SiteRoute.thanks(action).path }
            let form = "count_letter=2"
            try await channel.writeInbound(
                ByteBuffer(
                    string:
                        "POST \(SiteRoute.report("30-24").path) HTTP/1.1\r\nHost: act.example.org\r\nOrigin: https://evil.example\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(form.utf8.count)\r\n\r\n\(form)"))
            #expect(try await Self.written(channel).isEmpty)
            guard case .head(let head) = try #require(try await channel.readInbound(as: HTTPRequestPart.self)) else {
                Issue.record("the router should have the form")
                return
            }
            #expect(head.headerFields[.origin] == "https://evil.example")
        }
    }
}
