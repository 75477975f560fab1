import Foundation
import Logging
import OutcryCore
import SQLKit

/// Outcry's records in SQL: one implementation for SQLite and PostgreSQL.
public final class Store: Sendable {
    public let engine: any SQLEngine

    public init(engine: any SQLEngine) {
        self.engine = engine
    }

    /// Opens the database named by `location`, without migrating it.
    public static func open(_ location: DatabaseLocation, logger: Logger) async throws -> Store {
        switch location {
        case .sqlite(let path): Store(engine: try await SQLiteEngine(path: path, logger: logger))
        case .postgres(let url): Store(engine: try await PostgresEngine(url: url, logger: logger))
        }
    }

    public func shutdown() async { await engine.shutdown() }
}

/// Where the data lives: a SQLite file (the default) or a PostgreSQL server.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public var description: String {
        switch self {
        case .sqlite(let path): "SQLite at \(path)"
        case .postgres(let url): "PostgreSQL at \(PostgresEngine.redacted(url))"
        }
    }
}

extension Store {
    /// Fails unless the database answers a trivial query.
    public func checkHealth() async throws {
        _ = try await engine.read { database in try await database.raw("SELECT 1 AS ok").all().count }
    }
}
