import Foundation
import OutcryCore
import SQLKit

/// A record a search found: its kind, its id, and the name or title, as written, whose words matched.
public struct SearchHit: Hashable, Sendable {
    public let kind: SearchKey.Kind
    public let id: String
    public let label: String
}

/// Finding people, organisations, cases, public Urgent Actions and statements by any spelling of their
/// names and titles (`SearchKey`), on both engines the same way: a range of an ordinary index.
public protocol SearchRecords: Sendable {
    /// The records whose names or titles have, for every word of `query`, a word starting with it; at most
    /// `limit` of each kind, by name.
    func search(_ query: String, limit: Int) async throws -> [SearchHit]
    /// Indexes every record again when the keys are missing or were made by an earlier `SearchKey`;
    /// returns whether it did.
    func rebuildSearchIndexIfNeeded() async throws -> Bool
}

extension Store: SearchRecords {
    /// Raised whenever `SearchKey` folds differently, so that stored keys are made again.
    static let searchIndexVersion = "1"
    /// A word this common is not looked up further than this many rows.
    static let searchRowsPerWord = 5_000

    public func search(_ query: String, limit: Int) async throws -> [SearchHit] {
        // Longest first: the rarest words narrow the search soonest.
        let words = Array(Set(SearchKey.words(query))).sorted { $0.count > $1.count }.prefix(6)
        guard !words.isEmpty else { return [] }
        let found = try await engine.read { database -> [Key: [String]] in
            var matches: [Key: [String]]?
            for word in words {
                let rows = try await database.select().columns("kind", "record_id", "label").from("search_terms")
                    .where("term", .greaterThanOrEqual, word).where("term", .lessThan, word + "{")
                    .limit(Self.searchRowsPerWord).all()
                var these: [Key: [String]] = [:]
                for row in rows {
                    let key = Key(
                        kind: try row.decode(column: "kind", as: String.self), id: try row.decode(column: "record_id", as: String.self))
                    let label = try row.decode(column: "label", as: String.self)
                    if these[key]?.contains(label) != true { these[key, default: []].append(label) }
                }
                matches = matches.map { $0.filter { these[$0.key] != nil } } ?? these
                if matches?.isEmpty == true { break }
            }
            return matches ?? [:]
        }
        // Of the spellings that matched, the one written as the query was, when there is one ("Махабат …"
        // for "Махабат"); else the first.
        let typed = query.lowercased().split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
        func label(_ labels: [String]) -> String {
            labels.first { $0.lowercased().contains(typed) } ?? labels[0]
        }
        var hits: [SearchHit] = []
        for kind in SearchKey.Kind.allCases {
            let ofKind = found.filter { $0.key.kind == kind.rawValue }
                .map { SearchHit(kind: kind, id: $0.key.id, label: label($0.value)) }
                .sorted { ($0.label.lowercased(), $0.id) < ($1.label.lowercased(), $1.id) }
            hits += ofKind.prefix(limit)
        }
        return hits
    }

    public func rebuildSearchIndexIfNeeded() async throws -> Bool {
        try await engine.transaction { database in
            let current = try await database.select().column("value").from("settings").where("key", .equal, "search_index_version")
                .first()?.decode(column: "value", as: String.self)
            guard current != Self.searchIndexVersion else { return false }
            try await database.delete(from: "search_terms").run()
            for person in try await Self.all(PersonRow.self, from: "people", on: database) {
                try await Self.index(.person, person.id, [person.name] + (try person.nameVariants()).map(\.name), on: database)
            }
            for organisation in try await Self.all(OrganisationRow.self, from: "organisations", on: database) {
                try await Self.index(
                    .organisation, organisation.id, [organisation.name] + (try organisation.nameVariants()).map(\.name), on: database)
            }
            for item in try await Self.all(CaseRow.self, from: "cases", on: database) {
                try await Self.index(.case, item.id, [item.title], on: database)
            }
            for action in try await Self.all(UrgentActionRow.self, from: "urgent_actions", on: database)
            where action.status != UrgentAction.Status.draft.rawValue {
                try await Self.index(.action, action.id, [action.title, action.number], on: database)
            }
            for statement in try await Self.all(StatementRow.self, from: "statements", on: database) {
                try await Self.index(.statement, statement.id, [statement.title], on: database)
            }
            try await database.delete(from: "settings").where("key", .equal, "search_index_version").run()
            try await database.insert(into: "settings").columns("key", "value")
                .values(SQLBind("search_index_version"), SQLBind(Self.searchIndexVersion)).run()
            return true
        }
    }

    /// Replaces the keys of one record with those of `labels` (its names or titles); no labels removes it.
    static func index(_ kind: SearchKey.Kind, _ id: String, _ labels: [String], on database: any SQLDatabase) async throws {
        try await database.delete(from: "search_terms").where("kind", .equal, kind.rawValue).where("record_id", .equal, id).run()
        var rows: [(term: String, label: String)] = []
        var seen = Set<String>()
        for label in labels where !label.isEmpty && seen.insert(label).inserted {
            for term in SearchKey.terms(label) { rows.append((term, label)) }
        }
        for chunk in stride(from: 0, to: rows.count, by: 200).map({ rows[$0..<min($0 + 200, rows.count)] }) {
            let insert = database.insert(into: "search_terms").columns("term", "kind", "record_id", "label")
            for row in chunk { insert.values(SQLBind(row.term), SQLBind(kind.rawValue), SQLBind(id), SQLBind(row.label)) }
            try await insert.run()
        }
    }

    private static func all<Row: Decodable>(_ type: Row.Type, from table: String, on database: any SQLDatabase) async throws -> [Row] {
        try await database.select().columns("*").from(table).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    private struct Key: Hashable {
        let kind: String
        let id: String
    }
}
