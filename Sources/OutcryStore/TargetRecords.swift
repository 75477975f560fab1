import OutcryCore
import SQLKit

/// The officials supporters write to, with how to reach them.
public protocol TargetRecords: Sendable {
    /// The targets with these ids, in the order of `ids`; unknown ids are left out.
    func targets(_ ids: [Identifier<Target>]) async throws -> [Target]
    /// Every target, by name.
    func allTargets() async throws -> [Target]
    /// Saves one target as it is, and records who did what.
    func save(_ target: Target, audit: AuditEntry) async throws
    /// The targets as supporters are offered them: without contacts coordinators marked as not working.
    func liveTargets(_ ids: [Identifier<Target>]) async throws -> [Target]
}

extension TargetRecords {
    /// Records that keep no dead contacts offer every one.
    public func liveTargets(_ ids: [Identifier<Target>]) async throws -> [Target] { try await targets(ids) }
}

extension Store: TargetRecords {
    public func targets(_ ids: [Identifier<Target>]) async throws -> [Target] {
        guard !ids.isEmpty else { return [] }
        return try await engine.read { database in
            try await database.rows(of: "targets", where: "id", in: ids.map(\.rawValue), orderedBy: "name", as: TargetRow.self)
                .map { try $0.target() }
                .ordered(like: ids)
        }
    }

    public func allTargets() async throws -> [Target] {
        try await targets(ids(of: "targets", orderedBy: "name"))
    }

    public func save(_ target: Target, audit: AuditEntry) async throws {
        try await saveRecord(audit) { database in try await Self.write(target, on: database) }
    }

    static func write(_ target: Target, on database: any SQLDatabase) async throws {
        try await database.upsert(
            into: "targets",
            TargetRow(
                id: target.id.rawValue, honorific: target.honorific, name: target.name, title: target.title,
                body: target.body, addressLines: try jsonText(target.addressLines), country: target.country?.code,
                emails: try jsonText(target.emails), fax: target.fax, phone: target.phone,
                socialHandles: try jsonText(target.socialHandles), contactFormUrl: target.contactFormURL,
                salutation: target.salutation, preferredLanguage: target.preferredLanguage,
                unusableContacts: try jsonText(target.unusableContacts), lastVerified: target.lastVerified?.iso))
    }
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

    func target() throws -> Target {
        let reader = RowReader(table: "targets", id: id)
        return Target(
            id: Identifier(id), honorific: honorific, name: name, title: title, body: body,
            addressLines: try reader.json(addressLines), country: country.flatMap(Country.init(rawValue:)),
            emails: try reader.json(emails), fax: fax, phone: phone,
            socialHandles: try reader.json(socialHandles), contactFormURL: contactFormUrl,
            salutation: salutation, preferredLanguage: preferredLanguage,
            unusableContacts: try reader.json(unusableContacts),
            lastVerified: try lastVerified.map { try reader.date($0) })
    }
}
