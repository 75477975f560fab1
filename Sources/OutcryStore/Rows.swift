import Foundation
import OutcryCore

// Rows as SQL holds them. Ordered lists of plain values (address lines, paragraphs, name variants) are
// JSON text, which both engines store and return alike; relations between records are link tables.

struct OrganisationRow: Codable, Sendable {
    var id: String
    var name: String
    var kind: String
    var country: String?
    var variants: String
}

struct PersonRow: Codable, Sendable {
    var id: String
    var name: String
    var variants: String
    var role: String?
    var note: String?
}

struct CaseRow: Codable, Sendable {
    var id: String
    var title: String
    var country: String
    var summary: String
    var themes: String
    var status: String
}

struct EventRow: Codable, Sendable {
    var id: String
    var caseId: String
    var dateStart: String
    var dateEnd: String?
    var kind: String
    var summary: String
    var place: String?
    var unnamedCount: Int?
    var term: String?
    var sourceKind: String?
    var sourceId: String?
    var sourceTitle: String?
    var sourceUrl: String?
    var position: Int
}

struct TargetRow: Codable, Sendable {
    var id: String
    var honorific: String?
    var name: String
    var title: String?
    var body: String?
    var addressLines: String
    var country: String?
    var emails: String
    var fax: String?
    var phone: String?
    var socialHandles: String
    var contactFormUrl: String?
    var salutation: String?
    var preferredLanguage: String?
    var unusableContacts: String
    var lastVerified: String?
}

struct UrgentActionRow: Codable, Sendable {
    var id: String
    var number: String
    var kind: String
    var caseId: String
    var title: String
    var summary: String
    var issued: String
    var deadline: String?
    var language: String
    var takeAction: String
    var asks: String
    var status: String
    var outcomeKind: String?
    var outcomeNote: String?
    var updatesId: String?
}

struct UrgentActionTargetRow: Codable, Sendable {
    var urgentActionId: String
    var targetId: String
    var role: String
    var position: Int
}

struct SampleLetterRow: Codable, Sendable {
    var urgentActionId: String
    var position: Int
    var targetId: String?
    var language: String
    var salutation: String
    var paragraphs: String
    var closing: String
}

struct StatementRow: Codable, Sendable {
    var id: String
    var title: String
    var published: String
    var lead: String
    var background: String
}

struct QuoteRow: Codable, Sendable {
    var statementId: String
    var position: Int
    var speaker: String
    var role: String?
    var paragraphs: String
}

/// Turns stored text back into domain values, naming the row when the text is not what was written.
struct RowReader {
    let table: String
    let id: String

    func json<T: Decodable>(_ text: String, as type: T.Type = T.self) throws -> T {
        do { return try JSONDecoder().decode(T.self, from: Data(text.utf8)) } catch {
            throw StoreError.corruptRow(table: table, id: id, reason: "\(error)")
        }
    }

    func value<T: RawRepresentable>(_ raw: String, as type: T.Type = T.self) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: raw) else {
            throw StoreError.corruptRow(table: table, id: id, reason: "unknown \(T.self) “\(raw)”")
        }
        return value
    }

    func date(_ text: String) throws -> HistoricalDate {
        do { return try HistoricalDate(iso: text) } catch {
            throw StoreError.corruptRow(table: table, id: id, reason: error.description)
        }
    }
}

func jsonText<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
