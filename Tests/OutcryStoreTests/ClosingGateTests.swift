import Testing

@testable import OutcryStore

/// How an engine closes: the work already in ends first, the work that comes later is refused, and work
/// that never ends holds the closing only as long as the gate's patience.
@Suite struct ClosingGateTests {
    @Test func closingWaitsForTheWorkAlreadyInAndRefusesTheRest() async throws {
        let gate = ClosingGate(patience: .seconds(30))
        let (release, releasing) = AsyncStream<Void>.makeStream()
        let (entered, entering) = AsyncStream<Void>.makeStream()
        let running = Task {
            try await gate.run {
                entering.yield()
                for await _ in release {}
                return "committed"
            }
        }
        for await _ in entered { break }
        let closing = Ending { await gate.close() }
        try await Task.sleep(for: .milliseconds(100))
        #expect(!closing.hasEnded, "the closing waits while the work runs")
        await #expect(throws: StoreError.closed) { try await gate.run { "too late" } }
        releasing.finish()
        #expect(try await running.value == "committed")
        #expect(try #require(await closing.result(within: 10)).get(), "the first close closes")
        #expect(await gate.close() == false, "a second close does nothing")
    }

    @Test func workThatNeverEndsHoldsTheClosingOnlyAsLongAsThePatience() async throws {
        let gate = ClosingGate(patience: .milliseconds(200))
        let (release, releasing) = AsyncStream<Void>.makeStream()
        let (entered, entering) = AsyncStream<Void>.makeStream()
        let stuck = Task {
            try await gate.run {
                entering.yield()
                for await _ in release {}
            }
        }
        for await _ in entered { break }
        let started = ContinuousClock.now
        #expect(await gate.close())
        #expect(ContinuousClock.now - started >= .milliseconds(200))
        releasing.finish()
        try await stuck.value
    }
}
