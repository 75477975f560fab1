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

    /// Connects to `url` (`postgres://user:pass@host:5432/db?sslmode=disable|prefer|require`) and checks
    /// that the server answers, so a wrong address fails at start rather than at the first page.
    public init(url: String, logger: Logger) async throws {
        let configuration = try Self.configuration(from: url)
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
        runTask = Task { [client] in await client.run() }
        do {
            try await withTimeout(seconds: 10) { [client] in
                try await client.withConnection { try await $0.query("SELECT 1", logger: logger) }
            }
        } catch {
            runTask.cancel()
            throw StoreError.cannotOpen("PostgreSQL at \(Self.redacted(url)): \(String(reflecting: error))")
        }
    }

    static func configuration(from url: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url),
            ["postgres", "postgresql"].contains(components.scheme ?? ""),
            let host = components.host, !host.isEmpty
        else {
            throw StoreError.badURL("DATABASE_URL must look like postgres://user:password@host:5432/database")
        }
        let mode = components.queryItems?.last { ["sslmode", "tlsmode"].contains($0.name.lowercased()) }?.value ?? "prefer"
        let tls: PostgresClient.Configuration.TLS
        switch mode.lowercased() {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(.makeClientConfiguration())
        case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
        default: throw StoreError.badURL("DATABASE_URL sslmode “\(mode)” is not one of disable, prefer, require")
        }
        let database = String(components.path.drop { $0 == "/" })
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432,
            username: components.user?.removingPercentEncoding ?? "postgres",
            password: components.password?.removingPercentEncoding,
            database: database.isEmpty ? nil : database, tls: tls)
        configuration.options.connectTimeout = .seconds(5)
        return configuration
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

    public func shutdown() async {
        runTask.cancel()
        _ = await runTask.value
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
