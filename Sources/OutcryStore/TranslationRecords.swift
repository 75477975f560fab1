import OutcryCore
import SQLKit

/// Records' words in other languages: kept beside each record, one per language.
public protocol TranslationRecords: Sendable {
    /// Every translation of one record, by language.
    func translations(of kind: Translation.Kind, _ id: String) async throws -> [Translation]
    /// The translations into `language` of these records, by record id: what a list in that language shows.
    func translations(of kind: Translation.Kind, _ ids: [String], in language: String) async throws -> [String: Translation]
    /// Saves a translation in place of any in its language, and records who did it.
    func save(_ translation: Translation, audit: AuditEntry) async throws
    /// Deletes one translation, if there is one; true when there was.
    func deleteTranslation(of kind: Translation.Kind, _ id: String, in language: String, audit: AuditEntry) async throws -> Bool
}

extension TranslationRecords {
    /// These records as a reader of `language` sees them: each in that language where it is translated into
    /// it, with nil beside it; else as written, with the language it is written in. One read for them all,
    /// none when every record is written in `language`.
    public func translated<T: Translatable>(_ records: [T], into language: String) async throws -> [(record: T, language: String?)] {
        let ids = records.filter { $0.originalLanguage != language }.map(\.translationRecordID)
        let translations = ids.isEmpty ? [:] : try await translations(of: T.translationKind, ids, in: language)
        return records.map { record in
            if record.originalLanguage == language { return (record, nil) }
            if let translation = translations[record.translationRecordID] { return (record.applying(translation), nil) }
            return (record, record.originalLanguage)
        }
    }
}

extension Store: TranslationRecords {
    public func translations(of kind: Translation.Kind, _ id: String) async throws -> [Translation] {
        try await engine.read { database in
            try await database.select().columns("*").from("translations").where("kind", .equal, kind.rawValue)
                .where("record_id", .equal, id).orderBy("language")
                .all(decoding: TranslationRow.self, keyDecodingStrategy: .convertFromSnakeCase).map { try $0.translation() }
        }
    }

    public func translations(of kind: Translation.Kind, _ ids: [String], in language: String) async throws -> [String: Translation] {
        guard !ids.isEmpty else { return [:] }
        return try await engine.read { database in
            var found: [String: Translation] = [:]
            for chunk in stride(from: 0, to: ids.count, by: 250).map({ Array(ids[$0..<min($0 + 250, ids.count)]) }) {
                let rows = try await database.select().columns("*").from("translations").where("kind", .equal, kind.rawValue)
                    .where("language", .equal, language).where("record_id", .in, chunk)
                    .all(decoding: TranslationRow.self, keyDecodingStrategy: .convertFromSnakeCase)
                for row in rows { found[row.recordId] = try row.translation() }
            }
            return found
        }
    }

    public func save(_ translation: Translation, audit: AuditEntry) async throws {
        try await saveRecord(audit) { database in try await Self.write(translation, on: database) }
    }

    public func deleteTranslation(of kind: Translation.Kind, _ id: String, in language: String, audit: AuditEntry) async throws -> Bool {
        let existing = try await engine.read { database in
            try await database.select().column("language").from("translations").where("kind", .equal, kind.rawValue)
                .where("record_id", .equal, id).where("language", .equal, language).first()
        }
        guard existing != nil else { return false }
        try await saveRecord(audit) { database in
            try await database.delete(from: "translations").where("kind", .equal, kind.rawValue).where("record_id", .equal, id)
                .where("language", .equal, language).run()
            try await Self.indexTranslatedTitles(kind, id, on: database)
        }
        return true
    }

    static func write(_ translation: Translation, on database: any SQLDatabase) async throws {
        try await database.insert(into: "translations")
            .model(
                TranslationRow(
                    kind: translation.kind.rawValue, recordId: translation.recordID, language: translation.language,
                    fields: try jsonText(translation.fields), sourceFingerprint: translation.sourceFingerprint),
                keyEncodingStrategy: .convertToSnakeCase
            )
            .onConflict(with: ["kind", "record_id", "language"]) {
                $0.set(excludedValueOf: "fields").set(excludedValueOf: "source_fingerprint")
            }
            .run()
        try await indexTranslatedTitles(translation.kind, translation.recordID, on: database)
    }

    /// A record is found by its translated titles too: its search keys are made again from its own title
    /// and every translation's. People are found by their names, which no translation changes.
    static func indexTranslatedTitles(_ kind: Translation.Kind, _ id: String, on database: any SQLDatabase) async throws {
        let (table, searchKind): (String, SearchKey.Kind)
        switch kind {
        case .urgentAction: (table, searchKind) = ("urgent_actions", .action)
        case .case: (table, searchKind) = ("cases", .case)
        case .statement: (table, searchKind) = ("statements", .statement)
        case .person: return
        }
        guard let row = try await database.select().columns("*").from(table).where("id", .equal, id).first() else { return }
        if kind == .urgentAction, try row.decode(column: "status", as: String.self) == UrgentAction.Status.draft.rawValue { return }
        var labels = [try row.decode(column: "title", as: String.self)]
        if kind == .urgentAction { labels.append(try row.decode(column: "number", as: String.self)) }
        try await index(searchKind, id, labels + translatedTitles(kind, id, on: database), on: database)
    }

    /// The titles of a record's translations, for its search keys.
    static func translatedTitles(_ kind: Translation.Kind, _ id: String, on database: any SQLDatabase) async throws -> [String] {
        try await database.select().columns("*").from("translations").where("kind", .equal, kind.rawValue)
            .where("record_id", .equal, id).orderBy("language")
            .all(decoding: TranslationRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            .compactMap { try $0.translation().text("title") }
    }
}

struct TranslationRow: Codable, Sendable {
    var kind: String
    var recordId: String
    var language: String
    var fields: String
    var sourceFingerprint: String

    func translation() throws -> Translation {
        let reader = RowReader(table: "translations", id: "\(kind)/\(recordId)/\(language)")
        return Translation(
            kind: try reader.value(kind), recordID: recordId, language: language, fields: try reader.json(fields),
            sourceFingerprint: sourceFingerprint)
    }
}
