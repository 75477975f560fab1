import SQLKit

/// The counters behind the totals, in shards: on PostgreSQL each batch of reports adds to one shard of
/// the counters chosen at random, so instances committing at the same moment seldom wait on each other's
/// locks on the same rows; a total is the sum of its shards. The existing counts become shard 0.
struct M0022_ShardCounters: Migration {
    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "action_counters")
            .column("urgent_action_id", type: .text, .notNull, .references("urgent_actions", "id"))
            .column("dimension", type: .text, .notNull)
            .column("key", type: .text, .notNull)
            .column("channel", type: .text, .notNull)
            .column("shard", type: .int, .notNull)
            .column("count", type: .bigint, .notNull)
            .primaryKey("urgent_action_id", "dimension", "key", "channel", "shard")
            .run()
        try await database.raw(
            """
            INSERT INTO action_counters (urgent_action_id, dimension, key, channel, shard, count)
            SELECT urgent_action_id, dimension, key, channel, 0, count FROM action_totals
            """
        ).run()
        try await database.drop(table: "action_totals").run()
    }
}
