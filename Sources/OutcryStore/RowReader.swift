import Foundation
import OutcryCore

// Ordered lists of plain values (address lines, paragraphs, name variants) are JSON text, which both
// engines store and return alike; relations between records are link tables.

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

extension Array where Element: Identifiable, Element.ID: Hashable {
    /// The elements in the order of `ids`, which is the order an editor chose.
    func ordered(like ids: [Element.ID]) -> [Element] {
        let byID = Dictionary(map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }
}
