import Crypto
import Foundation
import OutcryCore
import SQLKit

/// A stored picture as it is served.
public struct StoredImage: Hashable, Sendable {
    public var id: String
    public var mediaType: String
    public var bytes: [UInt8]
    public var width: Int
    public var height: Int
}

extension Store {
    /// The id of a cleaned picture: from its bytes, so the same picture is stored once and its address can
    /// be cached for ever.
    public static func imageID(of image: CleanImage) -> String {
        SHA256.hash(data: image.bytes).prefix(16).map { String(format: "%02x", $0) }.joined() + "." + image.format.fileExtension
    }

    /// One stored picture; nil when none has this id (or it was removed).
    public func image(_ id: String) async throws -> StoredImage? {
        try await engine.read { database in
            try await database.select().columns("id", "media_type", "data", "width", "height").from("images").where("id", .equal, id)
                .first()
                .map { row in
                    StoredImage(
                        id: try row.decode(column: "id", as: String.self), mediaType: try row.decode(column: "media_type", as: String.self),
                        bytes: [UInt8](try row.decode(column: "data", as: Data.self)), width: try row.decode(column: "width", as: Int.self),
                        height: try row.decode(column: "height", as: Int.self))
                }
        }
    }

    /// Gives a person a portrait or a case a picture, or takes it away (`image` nil), in one transaction with
    /// its audit entry. A picture no one shows any longer is deleted at once: consent withdrawn means no
    /// longer served.
    public func setPicture(
        of owner: PictureOwner, to image: CleanImage?, alt: String, consentRecordedBy: String, audit: AuditEntry
    ) async throws {
        let id = image.map(Self.imageID(of:))
        let created = ISO8601DateFormatter().string(from: audit.at)
        let (table, column, altColumn, key) = owner.columns
        try await saveRecord(audit) { database in
            let row = try await database.select().column(column).from(table).where("id", .equal, key).first()
            let old = try row?.decode(column: column, as: String?.self) ?? nil
            if let image, let id {
                try await database.insert(into: "images")
                    .columns("id", "media_type", "data", "width", "height", "consent_recorded_by", "created")
                    .values(
                        SQLBind(id), SQLBind(image.format.mediaType), SQLBind(Data(image.bytes)), SQLBind(image.width),
                        SQLBind(image.height), SQLBind(consentRecordedBy), SQLBind(created)
                    )
                    .ignoringConflicts(with: "id")
                    .run()
            }
            try await database.update(table)
                .set(SQLIdentifier(column), to: SQLBind(id))
                .set(SQLIdentifier(altColumn), to: SQLBind(image == nil ? nil : alt))
                .where("id", .equal, key)
                .run()
            if let old, old != id {
                try await database.raw(
                    """
                    DELETE FROM images WHERE id = \(bind: old)
                    AND NOT EXISTS (SELECT 1 FROM people WHERE portrait_image_id = \(bind: old))
                    AND NOT EXISTS (SELECT 1 FROM cases WHERE picture_image_id = \(bind: old))
                    AND NOT EXISTS (SELECT 1 FROM official_replies WHERE scan_image_id = \(bind: old))
                    """
                ).run()
            }
        }
    }
}

/// What a stored picture belongs to.
public enum PictureOwner: Sendable {
    case person(Identifier<Person>)
    case `case`(Identifier<Case>)
    /// The scan of an official's reply.
    case reply(Identifier<OfficialReply>)

    /// The table, the picture's and its text's columns, and the record's id.
    var columns: (table: String, image: String, alt: String, id: String) {
        switch self {
        case .person(let id): ("people", "portrait_image_id", "portrait_alt", id.rawValue)
        case .case(let id): ("cases", "picture_image_id", "picture_alt", id.rawValue)
        case .reply(let id): ("official_replies", "scan_image_id", "scan_alt", id.rawValue)
        }
    }
}
