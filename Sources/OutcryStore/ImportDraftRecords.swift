import Crypto
import Foundation
import OutcryCore
import SQLKit

/// A draft the importer made from a published text, kept for an editor to review; never public.
public struct ImportDraft: Hashable, Sendable {
    /// A digest of the source text: the same document imported twice is one draft.
    public let id: String
    /// Where the text came from (a file name), for the editor.
    public let sourceName: String
    public let sourceText: String
    public let document: ImportedDocument
    public let importedAt: Date
    /// The review form as the editor last sent it, field by field; nil until they send it.
    public var work: [String: [String]]?

    public init(
        sourceName: String, sourceText: String, document: ImportedDocument, importedAt: Date, work: [String: [String]]? = nil
    ) {
        self.id = Self.id(of: sourceText)
        self.sourceName = sourceName
        self.sourceText = sourceText
        self.document = document
        self.importedAt = importedAt
        self.work = work
    }

    public static func id(of text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
    }
}

/// Drafts the importer made, waiting for an editor.
public protocol ImportDraftRecords: Sendable {
    /// Saves a draft in its own transaction; false when the same text was imported before (kept as it was).
    @discardableResult
    func save(_ draft: ImportDraft) async throws -> Bool
    /// Every draft waiting for review, newest first.
    func importDrafts() async throws -> [ImportDraft]
    /// One draft; nil when none has this id.
    func importDraft(_ id: String) async throws -> ImportDraft?
    /// Keeps the review form as the editor sent it with the draft.
    func saveWork(_ work: [String: [String]], ofImportDraft id: String) async throws
}

private struct ImportDraftRow: Codable, Sendable {
    let id: String
    let sourceName: String
    let sourceText: String
    let kind: String?
    let headline: String
    let draft: String
    let importedAt: Int64
    var work: String? = nil
}

extension Store: ImportDraftRecords {
    @discardableResult
    public func save(_ draft: ImportDraft) async throws -> Bool {
        let row = ImportDraftRow(
            id: draft.id, sourceName: draft.sourceName, sourceText: draft.sourceText,
            kind: draft.document.kind.value?.rawValue, headline: draft.document.headline, draft: try jsonText(draft.document),
            importedAt: Int64(draft.importedAt.timeIntervalSince1970))
        return try await engine.transaction { database in
            let existing = try await database.select().column("id").from("import_drafts").where("id", .equal, row.id).first()
            guard existing == nil else { return false }
            try await database.insert(into: "import_drafts").model(row, keyEncodingStrategy: .convertToSnakeCase).run()
            return true
        }
    }

    public func importDrafts() async throws -> [ImportDraft] {
        try await importDrafts { $0 }
    }

    public func saveWork(_ work: [String: [String]], ofImportDraft id: String) async throws {
        let text = try jsonText(work)
        try await engine.transaction { database in
            try await database.update("import_drafts").set("work", to: SQLBind(text)).where("id", .equal, id).run()
        }
    }

    public func importDraft(_ id: String) async throws -> ImportDraft? {
        try await importDrafts { $0.where("id", .equal, id) }.first
    }

    private func importDrafts(
        matching filter: @escaping @Sendable (SQLSelectBuilder) -> SQLSelectBuilder
    ) async throws -> [ImportDraft] {
        let rows = try await engine.read { database in
            try await filter(database.select().columns("*").from("import_drafts"))
                .orderBy("imported_at", .descending).orderBy("id")
                .all(decoding: ImportDraftRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        }
        return try rows.map { row in
            let reader = RowReader(table: "import_drafts", id: row.id)
            return ImportDraft(
                sourceName: row.sourceName, sourceText: row.sourceText, document: try reader.json(row.draft),
                importedAt: Date(timeIntervalSince1970: TimeInterval(row.importedAt)), work: try row.work.map { try reader.json($0) })
        }
    }
}
