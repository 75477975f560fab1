import Foundation
import Logging
import OutcryCore
import SQLKit
import Synchronization

/// Outcry's records in SQL: one implementation for SQLite and PostgreSQL.
public final class Store: Sendable {
    public let engine: any SQLEngine
    /// Content saved through this instance, so its own page cache never waits for the next poll.
    let localChanges = Mutex(0)

    public init(engine: any SQLEngine) {
        self.engine = engine
    }

    /// The shard of the counters a write adds to (`M0022_ShardCounters`): one of 16 at random on PostgreSQL,
    /// where instances commit at the same moment; SQLite has one writer, and one shard.
    var counterShard: Int { engine.kind == .postgres ? Int.random(in: 0..<16) : 0 }

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
        case .sqlite(let path): "SQLite: \(path)"
        case .postgres(let url): "PostgreSQL: \(PostgresEngine.redacted(url))"
        }
    }
}

extension Store {
    /// Changes whenever published content changes, on any instance: pages cached under an older
    /// version are stale. Combines the shared counter with this instance's own saves.
    public func contentVersion() async throws -> ContentVersion {
        let shared = try await engine.read { database in
            try await database.select().column("value").from("settings").where("key", .equal, "content_version").first()
                .map { Int(try $0.decode(column: "value", as: String.self)) ?? 0 } ?? 0
        }
        return ContentVersion(shared: shared, local: localChanges.withLock { $0 })
    }

    /// This instance's saves so far; cheap enough to read on every request.
    public var localContentChanges: Int { localChanges.withLock { $0 } }

    static func bumpContentVersion(on database: any SQLDatabase) async throws {
        try await database.insert(into: "settings").columns("key", "value")
            .values(SQLBind("content_version"), SQLBind("1"))
            .onConflict(with: ["key"]) {
                $0.set(SQLIdentifier("value"), to: SQLRaw("CAST(CAST(settings.value AS INTEGER) + 1 AS TEXT)"))
            }
            .run()
        // Other instances hear of it when this transaction commits, not a moment before.
        if database.dialect.name == "postgresql" { try await database.raw("NOTIFY \(unsafeRaw: contentChannel)").run() }
    }

    /// The PostgreSQL channel a change of content is announced on.
    static let contentChannel = "outcry_content"

    /// Calls `changed` as soon as another instance changes content (PostgreSQL's notifications), until
    /// cancelled; `listening` says whether notifications arrive, so that callers poll meanwhile.
    public func watchContent(listening: @escaping @Sendable (Bool) -> Void, changed: @escaping @Sendable () async -> Void) async {
        await engine.listen(on: Self.contentChannel, connected: listening, notified: changed)
    }

    func noteLocalChange() { localChanges.withLock { $0 += 1 } }

    /// A change a coordinator makes, with the audit entry that records it; both land in one transaction.
    func saveRecord(_ audit: AuditEntry, _ write: @escaping @Sendable (any SQLDatabase) async throws -> Void) async throws {
        try await engine.transaction { database in
            try await write(database)
            try await Self.bumpContentVersion(on: database)
            try await Self.append(audit, on: database)
        }
        noteLocalChange()
    }
}

extension Store {
    /// Whether a record with this id exists in `table`: forms use it to refuse a second record with the same key.
    public func exists(_ id: String, in table: StoredRecord) async throws -> Bool {
        try await engine.read { database in
            try await database.select().column("id").from(table.rawValue).where("id", .equal, id).first() != nil
        }
    }

    /// Every id of `table`, ordered by `column`.
    func ids<T>(of table: String, orderedBy column: String) async throws -> [Identifier<T>] {
        try await engine.read { database in
            try await database.select().column("id").from(table).orderBy(SQLIdentifier(column)).orderBy("id").all()
                .map { Identifier(try $0.decode(column: "id", as: String.self)) }
        }
    }
}

/// The tables a form may check an id against.
public enum StoredRecord: String, Sendable {
    case urgentActions = "urgent_actions"
    case cases
    case targets
    case people
    case organisations
    case events
    case statements
    case officialReplies = "official_replies"
    case campaigns
    case writingGroups = "writing_groups"
}

// MARK: - Settings

extension Store {
    /// Records that a named, one-off load (such as the demo data) has happened; false if it already had.
    public func markDone(_ key: String) async throws -> Bool {
        try await engine.transaction { database in
            try await Self.markDone(key, on: database)
        }
    }

    static func markDone(_ key: String, on database: any SQLDatabase) async throws -> Bool {
        let existing = try await database.select().column("key").from("settings").where("key", .equal, key).first()
        guard existing == nil else { return false }
        try await database.insert(into: "settings").columns("key", "value")
            .values(SQLBind(key), SQLBind(ISO8601DateFormatter().string(from: Date()))).run()
        return true
    }

    /// True when `check` is the data key check this database was first used with (kept on first use).
    public func matchesDataKey(check: String) async throws -> Bool {
        try await engine.transaction { database in
            try await database.insert(into: "settings").columns("key", "value").values(SQLBind("data_key_check"), SQLBind(check))
                .ignoringConflicts(with: ["key"])
                .run()
            return try await database.select().column("value").from("settings").where("key", .equal, "data_key_check")
                .first()?.decode(column: "value", as: String.self) == check
        }
    }
}

public struct ContentVersion: Hashable, Sendable {
    public let shared: Int
    public let local: Int

    public init(shared: Int, local: Int) {
        self.shared = shared
        self.local = local
    }
}

extension Store {
    /// A consistent copy of a SQLite database in a new file, taken while the server runs (`VACUUM INTO`:
    /// one read transaction, so the copy is what the database held at one moment, and no writer waits).
    public func backUpSQLite(into path: String) async throws {
        guard engine.kind == .sqlite else { throw StoreError.invalid("a PostgreSQL database is backed up with pg_dump") }
        try await engine.read { database in try await database.raw("VACUUM INTO \(bind: path)").run() }
    }

    /// Whether the database holds an Outcry schema at all, and whether it is sound (SQLite's integrity check).
    public func checkRestored() async throws -> (isOutcry: Bool, isSound: Bool) {
        try await engine.read { database in
            let applied = try? await database.select().column("name").from("schema_migrations").all().count
            guard let applied, applied > 0 else { return (false, false) }
            guard database.dialect.name == "sqlite" else { return (true, true) }
            let check = try await database.raw("PRAGMA integrity_check").all().first?.decode(column: "integrity_check", as: String.self)
            return (true, check == "ok")
        }
    }

    /// Whether the database is empty: no Outcry table in it yet.
    public func isEmpty() async throws -> Bool {
        try await engine.read { database in
            (try? await database.select().column("name").from("schema_migrations").limit(1).all()) == nil
        }
    }
}

extension Store {
    /// Why this database is not ready to serve, or nil when it is: it answers, and every migration this
    /// version knows is applied (not while another instance is still migrating it).
    public func unreadiness() async -> String? {
        do {
            let applied = try await engine.read { database in
                try await database.select().column("name").from("schema_migrations").all().count
            }
            return applied >= Migrations.all.count ? nil : "migrations: \(applied) of \(Migrations.all.count) applied"
        } catch {
            return "database: not answering"
        }
    }
}
