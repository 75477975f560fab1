import Foundation
import Logging
import OutcryStore
import PostgresNIO

/// The engines the contract suite runs on: SQLite always, PostgreSQL when `DATABASE_URL` names a server
/// the tests may create databases on (the test script starts a throw-away one).
enum TestDatabase {
    static var engines: [SQLEngineKind] {
        ProcessInfo.processInfo.environment["DATABASE_URL"] == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    static let logger: Logger = {
        var logger = Logger(label: "outcry-tests")
        logger.logLevel = .warning
        return logger
    }()

    /// A new, empty database of the given kind, removed after `body` returns.
    static func withStore<T>(_ kind: SQLEngineKind, migrated: Bool = true, _ body: (Store) async throws -> T) async throws -> T {
        let name = "outcry_test_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        let store: Store
        var cleanup: () async throws -> Void
        switch kind {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).sqlite").path
            store = try await Store.open(.sqlite(path: path), logger: logger)
            cleanup = {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
        case .postgres:
            let serverURL = ProcessInfo.processInfo.environment["DATABASE_URL"]!
            try await adminQuery(serverURL, "CREATE DATABASE \(name)")
            var components = URLComponents(string: serverURL)!
            components.path = "/\(name)"
            store = try await Store.open(.postgres(url: components.string!), logger: logger)
            cleanup = { try await adminQuery(serverURL, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        }
        do {
            if migrated { try await store.migrate() }
            let result = try await body(store)
            await store.shutdown()
            try await cleanup()
            return result
        } catch {
            await store.shutdown()
            try? await cleanup()
            throw error
        }
    }

    /// Runs one statement on the server's own database, for creating and dropping test databases.
    private static func adminQuery(_ url: String, _ sql: String) async throws {
        let admin = try await Store.open(.postgres(url: url), logger: logger)
        defer { Task { await admin.shutdown() } }
        try await admin.engine.read { database in try await database.raw("\(unsafeRaw: sql)").run() }
    }
}
