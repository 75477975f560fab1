import Foundation
import NIOCore
import Testing

@testable import OutcryWeb

@Suite struct ClientThrottleTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func eachClientHasItsOwnCountForItsWindow() throws {
        let throttle = ClientThrottle(.init(count: 3, window: 60), trustForwardedFor: false)
        let one = throttle.client(peer: try SocketAddress(ipAddress: "192.0.2.1", port: 1), forwardedFor: nil)
        let sameNetwork = throttle.client(peer: try SocketAddress(ipAddress: "2001:db8:1:2::1", port: 1), forwardedFor: nil)
        let sameSixtyFour = throttle.client(peer: try SocketAddress(ipAddress: "2001:db8:1:2::ffff", port: 9), forwardedFor: nil)
        #expect(sameNetwork == sameSixtyFour, "an IPv6 /64 is one client")
        #expect(!one.contains("192.0.2.1"), "known only by a keyed hash")
        for _ in 1...3 { #expect(throttle.take(one, now: start) == nil) }
        #expect(throttle.take(one, now: start.addingTimeInterval(10)) == start.addingTimeInterval(60))
        #expect(throttle.take(sameNetwork, now: start.addingTimeInterval(10)) == nil, "another client is not held back")
        #expect(throttle.take(one, now: start.addingTimeInterval(60)) == nil, "a new window")
    }

    @Test func aFloodOfClientsIsRememberedWithinItsCapacity() {
        let throttle = ClientThrottle(.init(count: 1, window: 60), trustForwardedFor: false, capacity: 100)
        for client in 0..<1_000 { #expect(throttle.take("client \(client)", now: start) == nil) }
        // The newest are still known: a second request from one is refused.
        #expect(throttle.take("client 999", now: start) != nil)
    }

    @Test func boundedWorkTurnsAwayWhatDoesNotFit() async throws {
        let work = BoundedWork(limit: 2)
        let (gate, open) = AsyncStream<Void>.makeStream()
        let (entered, noteEntered) = AsyncStream<Void>.makeStream()
        async let first: Int? = work.run {
            noteEntered.yield()
            for await _ in gate { break }
            return 1
        }
        async let second: Int? = work.run {
            noteEntered.yield()
            for await _ in gate { break }
            return 2
        }
        var count = 0
        for await _ in entered {
            count += 1
            if count == 2 { break }
        }
        #expect(await work.run { 3 } == nil, "both places are taken")
        open.yield()
        open.yield()
        open.finish()
        #expect(await first == 1)
        #expect(await second == 2)
        #expect(await work.run { 4 } == 4, "room again")
    }
}
