import Foundation
import SQLKit

extension Store {
    /// Applies every migration not yet recorded, each in its own transaction, and returns the names applied.
    /// Safe to run from several instances at once on PostgreSQL: a lock serialises them.
    @discardableResult
    public func migrate(progress: (_ step: Int, _ of: Int, _ name: String) -> Void = { _, _, _ in }) async throws -> [String] {
        try await engine.transaction { database in
            try await database.create(table: "schema_migrations").ifNotExists()
                .column("name", type: .text, .primaryKey(autoIncrement: false))
                .column("applied_at", type: .text, .notNull)
                .run()
        }
        var applied: [String] = []
        for (index, migration) in Migrations.all.enumerated() {
            let name = migration.name
            let didApply = try await engine.transaction { [kind = engine.kind] database in
                if kind == .postgres {
                    // Held until this transaction ends: a second instance waits, then sees the row.
                    try await database.raw("SELECT pg_advisory_xact_lock(7201)").run()
                }
                let done = try await database.select().column("name").from("schema_migrations")
                    .where("name", .equal, name).first()
                guard done == nil else { return false }
                try await migration.prepare(on: database)
                try await database.insert(into: "schema_migrations")
                    .columns("name", "applied_at")
                    .values(SQLBind(name), SQLBind(ISO8601DateFormatter().string(from: Date())))
                    .run()
                return true
            }
            if didApply {
                applied.append(name)
                progress(index + 1, Migrations.all.count, name)
            }
        }
        return applied
    }
}
