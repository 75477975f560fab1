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
        try await client.withConnection { [logger] connection in
            try await inTransaction(connection.sql(queryLogLevel: nil, logger: logger), body)
        }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { [logger] connection in
            try await body(connection.sql(queryLogLevel: nil, logger: logger))
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

    public func shutdown() async {
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
