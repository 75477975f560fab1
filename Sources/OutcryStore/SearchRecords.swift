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
    /// Raised whenever `SearchKey` folds differently or what is indexed changes (2: translated titles), so that
    /// stored keys are made again.
    static let searchIndexVersion = "2"
    /// A word this common is not looked up further than this many rows.
    static let searchRowsPerWord = 5_000

    public func search(_ query: String, limit: Int) async throws -> [SearchHit] {
        let words = Array(Set(SearchKey.words(query)).prefix(6))
        guard !words.isEmpty else { return [] }
        let typed = query.lowercased().split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
        return try await engine.read { database -> [SearchHit] in
            // The rarest word first: its records are the only candidates the other words are checked on.
            var counted: [(word: String, count: Int)] = []
            for word in words {
                let count =
                    try await database.raw(
                        """
                        SELECT COUNT(*) AS n FROM (SELECT 1 FROM search_terms WHERE term >= \(bind: word) AND term < \(bind: word + "{")
                        LIMIT \(unsafeRaw: String(Self.searchRowsPerWord))) AS found
                        """
                    ).first()?.decode(column: "n", as: Int.self) ?? 0
                guard count > 0 else { return [] }
                counted.append((word, count))
            }
            counted.sort { ($0.count, $1.word.count) < ($1.count, $0.word.count) }
            var matches = try await Self.records(with: counted[0].word, among: nil, on: database)
            for (word, _) in counted.dropFirst() where !matches.isEmpty {
                matches.formIntersection(try await Self.records(with: word, among: matches, on: database))
            }
            // A page of each kind, then the names that matched, for those only.
            var page: [Key] = []
            for kind in SearchKey.Kind.allCases {
                page += matches.filter { $0.kind == kind.rawValue }.sorted { $0.id < $1.id }.prefix(limit)
            }
            let labels = try await Self.labels(of: Set(page), matching: counted[0].word, on: database)
            // Of the spellings that matched, the one written as the query was ("Махабат …" for "Махабат").
            return page.map { key in
                let names = labels[key] ?? []
                return SearchHit(
                    kind: SearchKey.Kind(rawValue: key.kind) ?? .person, id: key.id,
                    label: names.first { $0.lowercased().contains(typed) } ?? names.first ?? key.id)
            }
            .sorted { ($0.kind.order, $0.label.lowercased(), $0.id) < ($1.kind.order, $1.label.lowercased(), $1.id) }
        }
    }

    /// The records with a key starting with `word` (from the covering index, at most `searchRowsPerWord`);
    /// only those of `candidates` when given and few, looked up by record.
    private static func records(with word: String, among candidates: Set<Key>?, on database: any SQLDatabase) async throws -> Set<Key> {
        var rows: [any SQLRow] = []
        let range = { (query: SQLSelectBuilder) in
            query.columns("kind", "record_id").from("search_terms").where("term", .greaterThanOrEqual, word)
                .where("term", .lessThan, word + "{")
        }
        if let candidates, candidates.count <= 500 {
            for chunk in Self.chunks(Array(Set(candidates.map(\.id)))) {
                rows += try await range(database.select()).where("record_id", .in, chunk).all()
            }
        } else {
            rows = try await range(database.select()).limit(Self.searchRowsPerWord).all()
        }
        return Set(
            try rows.map {
                Key(kind: try $0.decode(column: "kind", as: String.self), id: try $0.decode(column: "record_id", as: String.self))
            })
    }

    /// The names and titles of `keys` that have a word starting with `word`.
    private static func labels(of keys: Set<Key>, matching word: String, on database: any SQLDatabase) async throws -> [Key: [String]] {
        var found: [Key: [String]] = [:]
        for chunk in Self.chunks(Array(Set(keys.map(\.id)))) {
            let rows = try await database.select().columns("kind", "record_id", "label").from("search_terms")
                .where("record_id", .in, chunk).where("term", .greaterThanOrEqual, word).where("term", .lessThan, word + "{").all()
            for row in rows {
                let key = Key(
                    kind: try row.decode(column: "kind", as: String.self), id: try row.decode(column: "record_id", as: String.self))
                let label = try row.decode(column: "label", as: String.self)
                if keys.contains(key), found[key]?.contains(label) != true { found[key, default: []].append(label) }
            }
        }
        return found
    }

    private static func chunks(_ ids: [String]) -> [[String]] {
        stride(from: 0, to: ids.count, by: 250).map { Array(ids[$0..<min($0 + 250, ids.count)]) }
    }

    public func rebuildSearchIndexIfNeeded() async throws -> Bool {
        let rebuilt = try await rebuildSearchIndex()
        // A table filled at once: PostgreSQL answers from the covering index alone only once it knows the
        // table's pages are all visible, and plans well only once it has counted them. Outside a transaction.
        if rebuilt {
            try await engine.read { database in
                if database.dialect.name == "postgresql" { try await database.raw("VACUUM (ANALYZE) search_terms").run() }
            }
        }
        return rebuilt
    }

    private func rebuildSearchIndex() async throws -> Bool {
        try await engine.transaction { database in
            // Instances starting together on one PostgreSQL: one builds, the others wait and find it built.
            if database.dialect.name == "postgresql" { try await database.raw("SELECT pg_advisory_xact_lock(7202)").run() }
            let current = try await database.select().column("value").from("settings").where("key", .equal, "search_index_version")
                .first()?.decode(column: "value", as: String.self)
            guard current != Self.searchIndexVersion else { return false }
            try await database.delete(from: "search_terms").run()
            for person in try await Self.all(PersonRow.self, from: "people", on: database) {
                try await Self.index(
                    .person, person.id, [person.name] + (try person.nameVariants()).map(\.name), replacing: false, on: database)
            }
            for organisation in try await Self.all(OrganisationRow.self, from: "organisations", on: database) {
                try await Self.index(
                    .organisation, organisation.id, [organisation.name] + (try organisation.nameVariants()).map(\.name), replacing: false,
                    on: database)
            }
            for item in try await Self.all(CaseRow.self, from: "cases", on: database) {
                try await Self.index(.case, item.id, [item.title], replacing: false, on: database)
            }
            var published = Set<String>()
            for action in try await Self.all(UrgentActionRow.self, from: "urgent_actions", on: database)
            where action.status != UrgentAction.Status.draft.rawValue {
                published.insert(action.id)
                try await Self.index(.action, action.id, [action.title, action.number], replacing: false, on: database)
            }
            for statement in try await Self.all(StatementRow.self, from: "statements", on: database) {
                try await Self.index(.statement, statement.id, [statement.title], replacing: false, on: database)
            }
            for translation in try await Self.all(TranslationRow.self, from: "translations", on: database) {
                let kind: SearchKey.Kind? =
                    switch translation.kind {
                    case Translation.Kind.urgentAction.rawValue: .action
                    case Translation.Kind.case.rawValue: .case
                    case Translation.Kind.statement.rawValue: .statement
                    default: nil
                    }
                // A draft's translated title is no more a key than its own.
                guard let kind, let title = try translation.translation().text("title"),
                    kind != .action || published.contains(translation.recordId)
                else { continue }
                try await Self.index(kind, translation.recordId, [title], replacing: false, on: database)
            }
            try await database.delete(from: "settings").where("key", .equal, "search_index_version").run()
            try await database.insert(into: "settings").columns("key", "value")
                .values(SQLBind("search_index_version"), SQLBind(Self.searchIndexVersion)).run()
            return true
        }
    }

    /// Replaces the keys of one record with those of `labels` (its names or titles); no labels removes it.
    static func index(
        _ kind: SearchKey.Kind, _ id: String, _ labels: [String], replacing: Bool = true, on database: any SQLDatabase
    ) async throws {
        if replacing {
            try await database.delete(from: "search_terms").where("kind", .equal, kind.rawValue).where("record_id", .equal, id).run()
        }
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
