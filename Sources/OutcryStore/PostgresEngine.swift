import Foundation
import Logging
import NIOSSL
import PostgresKit
import PostgresNIO
import SQLKit

/// PostgreSQL through PostgresNIO's connection pool; several Outcry instances may share one database.
public final class PostgresEngine: SQLEngine {
    public let kind = SQLEngineKind.postgres
    private let client: PostgresClient
    private let runTask: Task<Void, Never>
    private let logger: Logger
    private let address: PostgresAddress
    private let gate = ClosingGate()

    /// Connects to `url` (`postgres://user:pass@host:5432/db?sslmode=disable|prefer|require`). One direct
    /// connection is tried first, so a wrong address or password fails at once with the server's reason
    /// instead of the pool retrying in the background.
    public init(url: String, logger: Logger) async throws {
        let address = try PostgresAddress(url: url)
        do {
            let probe = try await withTimeout(seconds: 10) {
                try await PostgresConnection.connect(configuration: try address.connectionConfiguration(), id: 0, logger: logger)
            }
            try await probe.close()
        } catch {
            throw StoreError.cannotOpen("PostgreSQL at \(Self.redacted(url)): \(Self.reason(error))")
        }
        client = PostgresClient(configuration: address.clientConfiguration(), backgroundLogger: logger)
        self.logger = logger
        self.address = address
        // Started immediately so the pool is running before the first lease, which would otherwise warn.
        runTask = Task.immediate { [client] in await client.run() }
    }

    /// The server's own words when it gave any ("password authentication failed…"), else the network's.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] { return message }
        if let underlying = error.underlying { return "\(underlying)" }
        return "\(error.code)"
    }

    /// The URL with its password replaced, for messages: secrets never reach a log.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return "(unparseable URL)" }
        if components.password != nil { components.password = "****" }
        return components.string ?? "(unparseable URL)"
    }

    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await gate.run {
            try await withOpenConnection { [logger] connection in
                try await inTransaction(OpenConnectionDatabase(connection, logger: logger), rollback: { !Self.endsConnection($0) }, body)
            }
        }
    }

    /// A connection from the pool that is still open when lent: one the server closed a moment ago (a
    /// restart) can be lent before the pool hears of it, and since nothing was sent on it yet, another
    /// is asked for instead of failing the request.
    private func withOpenConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        for attempt in 1...3 {
            do {
                return try await client.withConnection { connection in
                    guard !connection.isClosed else { throw ClosedWhenLent() }
                    return try await body(connection)
                }
            } catch is ClosedWhenLent {
                // The pool hears of the closing on the connection's event loop: give it that moment.
                try await Task.sleep(for: .milliseconds(10 * attempt))
            }
        }
        throw StoreError.connectionLost
    }

    /// Whether the error closed the connection: it was lost, or the server ended the session (a FATAL
    /// error, as when PostgreSQL shuts down or restarts). A query sent on such a connection would wait for
    /// ever for an answer (PostgresNIO 1.33), so none is.
    static func endsConnection(_ error: any Error) -> Bool {
        if error as? StoreError == .connectionLost { return true }
        guard let error = error as? PSQLError else { return false }
        switch error.code {
        case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown, .poolClosed: return true
        case .server: return ["FATAL", "PANIC"].contains(error.serverInfo?[.severity])
        default: return false
        }
    }

    /// A read on a connection the server ended a moment before (a restart, `pg_terminate_backend`) can be lent
    /// once more before the pool hears of the closing; a read changes nothing, so it is sent again, once, on
    /// another connection.
    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        @Sendable func once() async throws -> T {
            try await withOpenConnection { [logger] connection in try await body(OpenConnectionDatabase(connection, logger: logger)) }
        }
        return try await gate.run {
            do { return try await once() } catch  where Self.endsConnection(error) { return try await once() }
        }
    }

    /// On a connection of its own, outside the pool: a listening connection is never lent to a query.
    public func listen(
        on channel: String, connected: @escaping @Sendable (Bool) -> Void, notified: @escaping @Sendable () async -> Void
    ) async {
        while !Task.isCancelled {
            do {
                let connection = try await PostgresConnection.connect(
                    configuration: try address.connectionConfiguration(), id: 1, logger: logger)
                do {
                    try await connection.listen(on: channel) { notifications in
                        connected(true)
                        for try await _ in notifications { await notified() }
                    }
                } catch {}
                connected(false)
                try? await connection.close()
            } catch {
                connected(false)
                logger.debug("listening for changes failed; trying again", metadata: ["error": "\(Self.reason(error))"])
            }
            // A second between tries: meanwhile the caches ask the database every second, as without notifications.
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// Closes the pool once the work already in has ended; a second call does nothing.
    public func shutdown() async {
        guard await gate.close() else { return }
        runTask.cancel()
        _ = await runTask.value
    }
}

/// Where a PostgreSQL server is and how to reach it, as a `postgres://` URL says.
struct PostgresAddress {
    enum TLSMode { case disable, prefer, require }

    let host: String
    let port: Int
    let username: String
    let password: String?
    let database: String?
    let tls: TLSMode

    init(url: String) throws {
        guard let components = URLComponents(string: url),
            ["postgres", "postgresql"].contains(components.scheme ?? ""),
            let host = components.host, !host.isEmpty
        else {
            throw StoreError.badURL("DATABASE_URL must look like postgres://user:password@host:5432/database")
        }
        let mode = components.queryItems?.last { ["sslmode", "tlsmode"].contains($0.name.lowercased()) }?.value ?? "prefer"
        switch mode.lowercased() {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer
        case "require", "verify-ca", "verify-full": tls = .require
        default: throw StoreError.badURL("DATABASE_URL sslmode “\(mode)” is not one of disable, prefer, require")
        }
        let database = String(components.path.drop { $0 == "/" })
        self.host = host
        port = components.port ?? 5432
        username = components.user?.removingPercentEncoding ?? "postgres"
        password = components.password?.removingPercentEncoding
        self.database = database.isEmpty ? nil : database
    }

    func clientConfiguration() -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS =
            switch self.tls {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS =
            switch self.tls {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        return PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
    }
}

extension StoreError {
    /// Whether `error` says the database cannot be reached for now (a lost connection, a server shutting
    /// down, restarting or not yet accepting connections), rather than anything about the request:
    /// the same request will work again once it is back.
    public static func isUnavailable(_ error: any Error) -> Bool {
        if PostgresEngine.endsConnection(error) || error as? StoreError == .closed { return true }
        guard let error = error as? PSQLError, error.code == .server, let state = error.serverInfo?[.sqlState] else { return false }
        // Class 08, connection exceptions; class 57, operator intervention (shutdown, cannot connect now).
        return state.hasPrefix("08") || state.hasPrefix("57")
    }
}

/// A connection the pool lent after the server had closed it.
private struct ClosedWhenLent: Error {}

/// A pooled connection's SQL that sends nothing on a connection already closed: PostgresNIO 1.33 writes the
/// statement to the closed channel, the write fails unseen, and the statement's answer is awaited for
/// ever. A transaction that began just before PostgreSQL restarted would otherwise hold up every report
/// behind it. The statement fails at once instead, as it would have on the server.
struct OpenConnectionDatabase: SQLDatabase {
    private let inner: any SQLDatabase
    private let connection: PostgresConnection

    init(_ connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        inner = connection.sql(queryLogLevel: nil, logger: logger)
    }

    var logger: Logger { inner.logger }
    var eventLoop: any EventLoop { inner.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { inner.version }
    var dialect: any SQLDialect { inner.dialect }
    var queryLogLevel: Logger.Level? { inner.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        guard !connection.isClosed else { return eventLoop.makeFailedFuture(StoreError.connectionLost) }
        return inner.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        guard !connection.isClosed else { throw StoreError.connectionLost }
        try await inner.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }
}

/// Runs `body`, failing with `StoreError.timedOut` if it takes longer than `seconds`.
func withTimeout<T: Sendable>(seconds: Int, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            throw StoreError.timedOut(seconds: seconds)
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
