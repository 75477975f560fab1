import Foundation
import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import OutcryCore
import Testing

@testable import OutcryWeb

/// A connection's deadlines on an in-memory channel with the real lanes and codec, on the test event
/// loop's clock: whoever overstays their turn is closed; the server's own turn has no deadline.
@Suite struct ConnectionDeadlineTests {
    static let timeouts = ConnectionTimeouts(head: .seconds(10), body: .seconds(30), idle: .seconds(15))
    static let reportForm = "count_letter=2"
    static let reportHead =
        "POST \(SiteRoute.report("30-24").path) HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        + "Content-Length: \(reportForm.utf8.count)\r\n\r\n"

    static func advance(_ channel: NIOAsyncTestingChannel, _ amount: TimeAmount) async {
        await channel.testingEventLoop.advanceTime(by: amount)
    }

    @Test func anIdleConnectionIsClosedAtTheIdleDeadlineWithoutAnAnswer() async throws {
        try await RawLaneTests.withCache { cache in
            let channel = try await RawLaneTests.connection(cache, timeouts: Self.timeouts)
            await Self.advance(channel, .seconds(14))
            #expect(channel.isActive)
            await Self.advance(channel, .seconds(2))
            #expect(!channel.isActive)
            #expect(try await RawLaneTests.written(channel).isEmpty)
        }
    }

    /// A byte now and then does not move the deadline: it runs from the request's first byte.
    @Test func aHeadSentAByteAtATimeGetsA408AtTheHeadDeadline() async throws {
        try await RawLaneTests.withCache { cache in
            let channel = try await RawLaneTests.connection(cache, timeouts: Self.timeouts)
            for byte in "GET / HTTP/1.1\r\nHost: ex".utf8.prefix(9) {
                try await channel.writeInbound(ByteBuffer(bytes: [byte]))
                await Self.advance(channel, .seconds(1))
            }
            #expect(channel.isActive, "9 seconds after the first byte")
            await Self.advance(channel, .milliseconds(1100))
            #expect(!channel.isActive)
            let answer = try await RawLaneTests.written(channel)
            #expect(answer.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
            #expect(answer.contains("\r\nConnection: close\r\n"))
            #expect(answer.contains("\r\nContent-Security-Policy: "))
            #expect(answer.hasSuffix("so nothing was done. Please try again.\n"))
        }
    }

    @Test func aBodyLeftHalfSentGetsA408AtTheBodyDeadlineAndNothingIsStored() async throws {
        try await RawLaneTests.withCache { cache in
            let stored = StoredCount()
            let channel = try await RawLaneTests.connection(cache, timeouts: Self.timeouts) { action, _, _, _, _ in
                await stored.add()
                return SiteRoute.thanks(action).path
            }
            try await channel.writeInbound(ByteBuffer(string: Self.reportHead + "count_"))
            await Self.advance(channel, .seconds(29))
            #expect(channel.isActive, "a slow body has its own, longer deadline")
            #expect(try await channel.readInbound(as: HTTPRequestPart.self) != nil, "the router has the head")
            await Self.advance(channel, .seconds(2))
            #expect(!channel.isActive)
            #expect(try await RawLaneTests.written(channel).hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
            #expect(await stored.count == 0)
        }
    }

    /// No deadline while the router answers; the idle one runs from the end of the answer.
    @Test func theServersTurnHasNoDeadlineAndKeepAliveLastsFromTheLastAnswer() async throws {
        try await RawLaneTests.withCache { cache in
            let channel = try await RawLaneTests.connection(cache, timeouts: Self.timeouts)
            try await channel.writeInbound(ByteBuffer(string: RawLaneTests.get(RawLaneTests.otherPath)))
            await Self.advance(channel, .seconds(120))
            #expect(channel.isActive, "the router is still answering")
            try await RawLaneTests.answerAsRouter(channel, "<p>person</p>")
            await Self.advance(channel, .seconds(14))
            #expect(channel.isActive)
            // A cached page on the same connection, then the idle deadline from its answer.
            try await channel.writeInbound(ByteBuffer(string: RawLaneTests.get(RawLaneTests.cachedPath)))
            #expect(try await RawLaneTests.written(channel).hasSuffix(RawLaneTests.page))
            await Self.advance(channel, .seconds(14))
            #expect(channel.isActive)
            await Self.advance(channel, .seconds(2))
            #expect(!channel.isActive)
        }
    }

    /// A graceful stop that comes while the raw lane stores a report waits for its answer, which says
    /// the connection closes.
    @Test func aStopDuringAReportOnTheRawLaneAnswersItThenCloses() async throws {
        try await RawLaneTests.withCache { cache in
            let (gate, open) = AsyncStream<Void>.makeStream()
            let channel = try await RawLaneTests.connection(cache, timeouts: Self.timeouts) { action, _, _, _, _ in
                for await _ in gate { break }
                return SiteRoute.thanks(action).path
            }
            try await channel.writeInbound(ByteBuffer(string: Self.reportHead + Self.reportForm))
            channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
            await channel.testingEventLoop.run()
            #expect(channel.isActive, "the report is being stored")
            open.yield()
            let answer = try await RawLaneTests.written(channel, until: { !$0.isEmpty })
            #expect(answer.hasPrefix("HTTP/1.1 303 See Other\r\n"))
            #expect(answer.contains("\r\nConnection: close\r\n"))
            await channel.testingEventLoop.run()
            #expect(!channel.isActive)
        }
    }
}

actor StoredCount {
    private(set) var count = 0
    func add() { count += 1 }
}
