import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import Synchronization

/// SQLite in one file: a single connection, used by one task at a time, in WAL mode with foreign keys on.
public final class SQLiteEngine: SQLEngine {
    public let kind = SQLEngineKind.sqlite
    public let path: String
    private let connection: SQLiteConnection
    private let lock = AsyncLock()
    private let gate = ClosingGate()
    private let logger: Logger
    /// SQLite gets threads of its own: queued behind busy HTTP event loops, every statement of a
    /// transaction would wait its turn twice.
    private let threadPool: NIOThreadPool
    private let eventLoopGroup: MultiThreadedEventLoopGroup
    /// Statements of a transaction run one after another on the connection's own event loop, where each
    /// answer arrives: between two statements nothing waits for a thread busy with HTTP.
    private let executor: EventLoopTaskExecutor
    public var taskExecutor: (any TaskExecutor)? { executor }

    /// Opens (creating if needed) the database file at `path`.
    public init(path: String, logger: Logger) async throws {
        self.path = path
        self.logger = logger
        threadPool = NIOThreadPool(numberOfThreads: 1)
        threadPool.start()
        eventLoopGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        executor = EventLoopTaskExecutor(eventLoopGroup.next())
        do {
            connection = try await SQLiteConnection.open(
                storage: .file(path: path), threadPool: threadPool, logger: logger, on: executor.eventLoop)
        } catch {
            try? await threadPool.shutdownGracefully()
            try? await eventLoopGroup.shutdownGracefully()
            throw StoreError.cannotOpen("SQLite database \(path): \(error)")
        }
        let database = connection.sql(queryLogLevel: nil)
        do {
            // WAL lets readers in other processes (a backup, sqlite3) work while the server writes.
            try await database.raw("PRAGMA journal_mode = WAL").run()
            try await database.raw("PRAGMA foreign_keys = ON").run()
            try await database.raw("PRAGMA busy_timeout = 5000").run()
        } catch {
            try? await connection.close().get()
            try? await threadPool.shutdownGracefully()
            try? await eventLoopGroup.shutdownGracefully()
            throw StoreError.cannotOpen("SQLite database \(path): \(error)")
        }
    }

    private var database: any SQLDatabase { connection.sql(queryLogLevel: nil) }

    /// Whether `shutdown()` closed the database file.
    public var isClosed: Bool { connection.isClosed }

    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        // IMMEDIATE: the write lock from the start. A transaction begun plainly reads first; if another connection
        // to the file (another instance, the command line) writes meanwhile, its own first write then fails at
        // once with "database is locked", without the busy timeout's wait. A test run failed that way.
        try await withConnection { database in try await inTransaction(database, begin: "BEGIN IMMEDIATE", body) }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withConnection(body)
    }

    /// `body` alone on the connection, unless the engine is closing.
    private func withConnection<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let database = self.database
        return try await gate.run {
            try await withTaskExecutorPreference(executor) {
                try await lock.withLock { try await body(database) }
            }
        }
    }

    /// Closes the connection once the work already in has ended, even when the calling task is cancelled (a
    /// server stopped by cancellation rather than a graceful shutdown): the async `close()` gives up on
    /// cancellation and leaves the file open. A second call does nothing.
    public func shutdown() async {
        guard await gate.close() else { return }
        try? await lock.withLock { [connection] in try await connection.close().get() }
        executor.close()
        try? await threadPool.shutdownGracefully()
        try? await eventLoopGroup.shutdownGracefully()
    }
}

/// Runs the jobs of tasks that prefer it on one event loop's thread, and once that loop is to close, on
/// Dispatch's threads: an event loop that has shut down drops what it is given, and the task whose job it
/// was would never run again (a report writer finishing its batch, a request behind the closing).
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop
    private let loopIsOpen = Mutex(true)

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        // Handed over under the lock, so no job reaches the loop after `close()` returns.
        let onLoop = loopIsOpen.withLock { isOpen in
            if isOpen { eventLoop.execute { job.runSynchronously(on: executor) } }
            return isOpen
        }
        if !onLoop { DispatchQueue.global().async { job.runSynchronously(on: executor) } }
    }

    /// Sends every later job to Dispatch. Called before the loop shuts down; the jobs it was given before
    /// are still run as it closes.
    func close() {
        loopIsOpen.withLock { $0 = false }
    }
}
