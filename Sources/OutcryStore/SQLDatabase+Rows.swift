import OutcryCore
import SQLKit

extension SQLDatabase {
    /// Inserts `row`, or overwrites every column of the row with the same key.
    func upsert<Row: Encodable & Sendable>(into table: String, _ row: Row, conflictingOn key: String = "id") async throws {
        try await insert(into: table)
            .model(row, keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil)
            .onConflict(with: key) {
                try $0.set(excludedContentOf: row, keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil)
            }
            .run()
    }

    /// Makes the ordered links from one record to others exactly `others`.
    func replaceLinks<Owner, Other>(
        _ table: String, owner: (column: String, id: Identifier<Owner>), others: (column: String, ids: [Identifier<Other>])
    ) async throws {
        try await delete(from: table).where(SQLIdentifier(owner.column), .equal, SQLBind(owner.id.rawValue)).run()
        guard !others.ids.isEmpty else { return }
        let insert = self.insert(into: table).columns(owner.column, others.column, "position")
        for (position, id) in others.ids.enumerated() {
            insert.values(SQLBind(owner.id.rawValue), SQLBind(id.rawValue), SQLBind(position))
        }
        try await insert.run()
    }

    /// The rows of `table` whose `column` holds one of `values`, ordered by that column and then `order`.
    /// Reading many records' parts this way costs one query per part, however many records there are.
    func rows<Row: Decodable>(
        of table: String, where column: String, in values: [String], orderedBy order: String, as type: Row.Type
    ) async throws -> [Row] {
        var rows: [Row] = []
        for chunk in Self.chunks(of: values) {
            rows += try await select().columns("*").from(table)
                .where(SQLIdentifier(column), .in, chunk)
                .orderBy(SQLIdentifier(column)).orderBy(SQLIdentifier(order))
                .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        }
        return rows
    }

    /// The ids an ordered link table holds for each of `owners`, in order; an owner without links is absent.
    func links<Other>(
        _ table: String, owners: (column: String, ids: [String]), other column: String
    ) async throws -> [String: [Identifier<Other>]] {
        var links: [String: [Identifier<Other>]] = [:]
        for chunk in Self.chunks(of: owners.ids) {
            let rows = try await select().column(SQLIdentifier(owners.column)).column(SQLIdentifier(column)).from(table)
                .where(SQLIdentifier(owners.column), .in, chunk)
                .orderBy(SQLIdentifier(owners.column)).orderBy("position")
                .all()
            for row in rows {
                links[try row.decode(column: owners.column, as: String.self), default: []]
                    .append(Identifier(try row.decode(column: column, as: String.self)))
            }
        }
        return links
    }

    /// Distinct values in groups kept well under SQLite's limit of bound parameters per statement.
    private static func chunks(of values: [String]) -> [[String]] {
        var seen = Set<String>()
        let distinct = values.filter { seen.insert($0).inserted }
        return stride(from: 0, to: distinct.count, by: 500).map { Array(distinct[$0..<min($0 + 500, distinct.count)]) }
    }
}
