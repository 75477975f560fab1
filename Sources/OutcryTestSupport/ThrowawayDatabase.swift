import Foundation
import Logging
import OutcryStore
import SQLKit

/// New, empty databases for tests, removed afterwards: a SQLite file always, and a database on the
/// PostgreSQL server `DATABASE_URL` names when it is set (the test script starts a throw-away one).
public enum ThrowawayDatabase {
    /// The engines a contract test runs on: SQLite always, PostgreSQL too when `DATABASE_URL` is set.
    public static var engines: [SQLEngineKind] {
        ProcessInfo.processInfo.environment["DATABASE_URL"] == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    public static let logger: Logger = {
        var logger = Logger(label: "outcry-tests")
        logger.logLevel = .warning
        return logger
    }()

    /// Where a new database of `kind` lives, for as long as `body` runs. A SQLite database is a file in
    /// `directory` (a new temporary name when nil).
    public static func withLocation<T>(
        _ kind: SQLEngineKind, directory: String? = nil, _ body: (DatabaseLocation) async throws -> T
    ) async throws -> T {
        let name = "outcry_test_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        let location: DatabaseLocation
        let cleanup: () async throws -> Void
        switch kind {
        case .sqlite:
            let path = URL(fileURLWithPath: directory ?? FileManager.default.temporaryDirectory.path)
                .appendingPathComponent("\(name).sqlite").path
            location = .sqlite(path: path)
            cleanup = { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        case .postgres:
            guard let server = ProcessInfo.processInfo.environment["DATABASE_URL"], var components = URLComponents(string: server) else {
                throw NoPostgresServer()
            }
            try await serverQuery(server, "CREATE DATABASE \(name)")
            components.path = "/\(name)"
            location = .postgres(url: components.string!)
            cleanup = { try await serverQuery(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        }
        do {
            let result = try await body(location)
            try await cleanup()
            return result
        } catch {
            try? await cleanup()
            throw error
        }
    }

    /// A new database of `kind`, open (and migrated unless told otherwise) for as long as `body` runs.
    public static func withStore<T>(_ kind: SQLEngineKind, migrated: Bool = true, _ body: (Store) async throws -> T) async throws -> T {
        try await withLocation(kind) { location in
            let store = try await Store.open(location, logger: logger)
            do {
                if migrated { try await store.migrate() }
                let result = try await body(store)
                await store.shutdown()
                return result
            } catch {
                await store.shutdown()
                throw error
            }
        }
    }

    /// One statement on the server's own database: creating and dropping test databases.
    private static func serverQuery(_ url: String, _ sql: String) async throws {
        let server = try await Store.open(.postgres(url: url), logger: logger)
        do {
            try await server.engine.read { database in try await database.raw("\(unsafeRaw: sql)").run() }
            await server.shutdown()
        } catch {
            await server.shutdown()
            throw error
        }
    }

    /// A test asked for PostgreSQL without `DATABASE_URL`.
    public struct NoPostgresServer: Error {}
}
