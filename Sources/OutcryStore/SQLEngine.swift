import SQLKit

/// A connection to one SQL engine, SQLite or PostgreSQL; the store speaks SQLKit to either.
public protocol SQLEngine: Sendable {
    /// Which engine this is, for the rare statement that differs between them.
    var kind: SQLEngineKind { get }
    /// Runs `body` on one connection inside a transaction: committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs `body` on one connection, outside any transaction, for reads.
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Closes every connection once the work already running has ended (waiting 10 seconds at most); work that
    /// arrives from the moment it is called is refused with `StoreError.closed`.
    func shutdown() async
    /// Where a task that mostly waits for this engine runs best, if anywhere in particular.
    var taskExecutor: (any TaskExecutor)? { get }
    /// Waits for other connections' notifications on `channel` until cancelled, calling `connected` when
    /// listening starts or stops (after a lost connection; it starts again by itself) and `notified` for
    /// each. Returns at once for an engine without notifications.
    func listen(
        on channel: String, connected: @escaping @Sendable (Bool) -> Void, notified: @escaping @Sendable () async -> Void
    ) async
}

extension SQLEngine {
    public var taskExecutor: (any TaskExecutor)? { nil }

    /// SQLite serves one process: there is no other instance to hear from.
    public func listen(
        on channel: String, connected: @escaping @Sendable (Bool) -> Void, notified: @escaping @Sendable () async -> Void
    ) async {}
}

public enum SQLEngineKind: String, Sendable {
    case sqlite
    case postgres
}

/// Wraps `body` in BEGIN (`begin`)/COMMIT on a connection the caller holds alone, rolling back on any error that
/// left the connection usable (`rollback`); when the connection itself is gone, the server has already
/// rolled back, and nothing more is sent on it.
func inTransaction<T: Sendable>(
    _ database: any SQLDatabase, begin: SQLQueryString = "BEGIN", rollback: (any Error) -> Bool = { _ in true },
    _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
) async throws -> T {
    try await database.raw(begin).run()
    do {
        let result = try await body(database)
        try await database.raw("COMMIT").run()
        return result
    } catch {
        if rollback(error) { try? await database.raw("ROLLBACK").run() }
        throw error
    }
}
