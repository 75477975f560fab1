import Foundation
import OutcryTestSupport
import SQLKit
import Testing

@testable import OutcryStore

/// PostgreSQL ending a session in the middle of a transaction (a restart, an administrator): the
/// transaction fails at once, nothing more is sent on the dead connection, and the next one works.
@Suite struct LostConnectionTests {
    @Test(arguments: ThrowawayDatabase.engines.filter { $0 == .postgres })
    func aTransactionWhoseSessionIsEndedFailsAtOnceAndTheNextOneWorks(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            // Without the check, the rollback sent on the ended session waited for ever, and so did every
            // report behind it: the timeout turns that into a failure.
            let ended = await #expect(throws: (any Error).self) {
                try await withTimeout(seconds: 10) {
                    try await store.engine.transaction { database in
                        try await database.raw("UPDATE settings SET value = value WHERE key = 'schema'").run()
                        try await database.raw("SELECT pg_terminate_backend(pg_backend_pid())").run()
                    }
                }
            }
            #expect(!(ended is StoreError), "it failed by itself, not by the timeout: \(String(describing: ended))")
            let answered = try await withTimeout(seconds: 10) {
                try await store.engine.read { database in
                    try await database.raw("SELECT 1 AS one").first()?.decode(column: "one", as: Int.self)
                }
            }
            #expect(answered == 1)
        }
    }

    /// A server stopped by cancelling its services (not by a graceful shutdown) closes the store from a
    /// cancelled task. The file must close all the same: left open, SQLite's connection traps in debug
    /// builds when it is released, and a test process crashed that way in CI.
    @Test func aStoreShutDownFromACancelledTaskStillClosesItsFile() async throws {
        try await ThrowawayDatabase.withLocation(.sqlite) { location in
            guard case .sqlite(let path) = location else { return }
            let engine = try await SQLiteEngine(path: path, logger: ThrowawayDatabase.logger)
            let stopping = Task {
                while !Task.isCancelled { await Task.yield() }
                await engine.shutdown()
            }
            stopping.cancel()
            await stopping.value
            #expect(engine.isClosed)
        }
    }

    /// Work that reaches the store as it closes (a request in the last moment of a graceful shutdown, the
    /// report writer's next batch) or after it is refused with a clear error. Before, a read after the
    /// SQLite engine closed was handed to its closed event loop, which drops what it is given: the read, and
    /// whatever awaited it, waited for ever, as the whole test run once did in CI.
    @Test(arguments: ThrowawayDatabase.engines)
    func workThatReachesAClosingStoreIsRefusedNotLeftWaiting(engine kind: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withLocation(kind) { location in
            let store = try await Store.open(location, logger: ThrowawayDatabase.logger)
            let (release, releasing) = AsyncStream<Void>.makeStream()
            let (entered, entering) = AsyncStream<Void>.makeStream()
            let holding = Ending {
                try await store.engine.transaction { database in
                    entering.yield()
                    for await _ in release {}
                    return try await Self.one(database)
                }
            }
            for await _ in entered { break }
            let stopping = Ending { await store.shutdown() }
            // Arrives after the shutdown, which waits for the transaction to end.
            try await Task.sleep(for: .milliseconds(100))
            let queued = Ending { try await store.engine.read { database in try await Self.one(database) } }
            try await Task.sleep(for: .milliseconds(100))
            releasing.finish()

            #expect(try #require(await holding.result(within: 15)).get() == 1, "the transaction already running is committed")
            #expect(await stopping.result(within: 15) != nil)
            let refused = try #require(await queued.result(within: 15), "work that arrived as the store closed ends")
            #expect(throws: StoreError.closed) { try refused.get() }
            let late = try #require(
                await Ending { try await store.engine.read { database in try await Self.one(database) } }.result(within: 15),
                "work sent to a closed store ends")
            #expect(throws: StoreError.closed) { try late.get() }
            #expect(StoreError.isUnavailable(StoreError.closed), "a page asked for as the server stops is a 503, to try again")
        }
    }

    /// Two connections to one SQLite file (two instances, or the command line beside the server): a transaction
    /// that reads, then writes after the other connection has written, waits its turn instead of failing.
    @Test func aTransactionThatReadsThenWritesWaitsForAnotherConnectionsWrite() async throws {
        try await ThrowawayDatabase.withLocation(.sqlite) { location in
            let first = try await Store.open(location, logger: ThrowawayDatabase.logger)
            let second = try await Store.open(location, logger: ThrowawayDatabase.logger)
            try await first.engine.transaction { try await $0.raw("CREATE TABLE marks (mark INTEGER)").run() }
            let (release, releasing) = AsyncStream<Void>.makeStream()
            let (entered, entering) = AsyncStream<Void>.makeStream()
            let reading = Ending {
                try await first.engine.transaction { database in
                    _ = try await database.raw("SELECT count(*) AS marks FROM marks").all()
                    entering.yield()
                    for await _ in release {}
                    try await database.raw("INSERT INTO marks VALUES (1)").run()
                }
            }
            for await _ in entered { break }
            let writing = Ending { try await second.engine.transaction { try await $0.raw("INSERT INTO marks VALUES (2)").run() } }
            try await Task.sleep(for: .milliseconds(200))
            releasing.finish()
            let read = try #require(await reading.result(within: 15), "the reading transaction ends")
            let written = try #require(await writing.result(within: 15), "the other connection's write ends")
            #expect(throws: Never.self) { try read.get() }
            #expect(throws: Never.self) { try written.get() }
            let marks = try await first.engine.read { database in
                try await database.raw("SELECT count(*) AS marks FROM marks").first()?.decode(column: "marks", as: Int.self)
            }
            #expect(marks == 2)
            await second.shutdown()
            await first.shutdown()
        }
    }

    private static func one(_ database: any SQLDatabase) async throws -> Int? {
        try await database.raw("SELECT 1 AS one").first()?.decode(column: "one", as: Int.self)
    }
}
