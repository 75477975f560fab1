import Foundation
import OutcryCore
import SQLKit

/// How often an official answers, for the coordinators' view of who replies.
public struct ReplyCount: Hashable, Sendable {
    public var replies: Int
    public var last: HistoricalDate?
}

/// What the public pages read of officials' replies.
public protocol ReplyRecords: Sendable {
    func replies(inCase id: Identifier<Case>) async throws -> [OfficialReply]
}

/// What officials answered. Replies are public on the case's timeline, so saving one changes content.
extension Store: ReplyRecords {
    public func save(_ reply: OfficialReply, audit: AuditEntry) async throws {
        try await saveRecord(audit) { database in
            try await database.upsert(into: "official_replies", ReplyRow(reply))
        }
    }

    public func reply(_ id: Identifier<OfficialReply>) async throws -> OfficialReply? {
        try await replies { $0.where("id", .equal, id.rawValue) }.first
    }

    /// Every reply, newest first.
    public func allReplies() async throws -> [OfficialReply] {
        try await replies { $0 }.reversed()
    }

    /// The replies on one case, oldest first.
    public func replies(inCase id: Identifier<Case>) async throws -> [OfficialReply] {
        try await replies { $0.where("case_id", .equal, id.rawValue) }
    }

    /// What one official answered, newest first.
    public func replies(from official: Identifier<Target>) async throws -> [OfficialReply] {
        try await replies { $0.where("target_id", .equal, official.rawValue) }.reversed()
    }

    /// How many times each official replied, and when last: officials who never did have no entry.
    public func replyCounts() async throws -> [Identifier<Target>: ReplyCount] {
        try await replies { $0 }.reduce(into: [:]) { counts, reply in
            var count = counts[reply.target] ?? ReplyCount(replies: 0, last: nil)
            count.replies += 1
            if count.last.map({ $0 < reply.date }) ?? true { count.last = reply.date }
            counts[reply.target] = count
        }
    }

    private func replies(matching filter: @escaping @Sendable (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [OfficialReply] {
        try await engine.read { database in
            try await filter(database.select().columns("*").from("official_replies")).orderBy("date").orderBy("id").all()
        }.map { row in
            var reply = try row.decode(model: ReplyRow.self, keyDecodingStrategy: .convertFromSnakeCase).reply()
            // Kept apart from the form's columns, which saving the reply writes, so that saving keeps the scan.
            let scan = try row.decode(model: ScanColumns.self, keyDecodingStrategy: .convertFromSnakeCase)
            if let image = scan.scanImageId { reply.scan = Picture(image: image, alt: scan.scanAlt ?? "") }
            return reply
        }
    }
}

/// A reply's scan, set through `setPicture(of: .reply…)`.
private struct ScanColumns: Decodable {
    var scanImageId: String?
    var scanAlt: String?
}

struct ReplyRow: Codable, Sendable {
    var id: String
    var targetId: String
    var caseId: String
    var urgentActionId: String?
    var date: String
    var signedBy: String
    var channel: String
    var summary: String
    var fullText: String?
    var position: String

    init(_ reply: OfficialReply) {
        id = reply.id.rawValue
        targetId = reply.target.rawValue
        caseId = reply.caseID.rawValue
        urgentActionId = reply.action?.rawValue
        date = reply.date.iso
        signedBy = reply.from
        channel = reply.channel.rawValue
        summary = reply.summary
        fullText = reply.fullText
        position = reply.position.rawValue
    }

    func reply() throws -> OfficialReply {
        let reader = RowReader(table: "official_replies", id: id)
        return OfficialReply(
            id: Identifier(id), target: Identifier(targetId), caseID: Identifier(caseId), action: urgentActionId.map { Identifier($0) },
            date: try reader.date(date), from: signedBy, channel: try reader.value(channel), summary: summary, fullText: fullText,
            position: try reader.value(position))
    }
}
