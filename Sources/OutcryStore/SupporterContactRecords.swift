import Foundation
import OutcryCore
import SQLKit

/// A supporter who left an e-mail address with a report and agreed to hear from the organisation: the address
/// still sealed, with the consent as it was given.
public struct ConsentedContact: Sendable, Hashable {
    /// Stable and not the address: a keyed digest of it.
    public let lookup: String
    public let emailSealed: String
    public let consentWording: String
    public let consentAt: Date
    /// Where it was given: `report:<action id>`.
    public let source: String
}

extension Store {
    /// One page of the supporters who consented, oldest consent first, and how many there are.
    public func consentedContacts(offset: Int, limit: Int) async throws -> (contacts: [ConsentedContact], total: Int) {
        try await engine.read { database in
            let total = try await database.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count").from(
                "supporter_contacts"
            )
            .first()!.decode(column: "count", as: Int.self)
            let rows = try await database.select().columns("lookup", "email_sealed", "consent_wording", "consent_at", "source")
                .from("supporter_contacts").orderBy("consent_at").orderBy("lookup").limit(limit).offset(offset).all()
            let contacts = try rows.map { row in
                ConsentedContact(
                    lookup: try row.decode(column: "lookup", as: String.self),
                    emailSealed: try row.decode(column: "email_sealed", as: String.self),
                    consentWording: try row.decode(column: "consent_wording", as: String.self),
                    consentAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "consent_at", as: Int64.self)) / 1000),
                    source: try row.decode(column: "source", as: String.self))
            }
            return (contacts, total)
        }
    }
}

/// A supporter to tell how an action ended: they reported on it, left an address and agreed to hear news.
public struct ReporterToTell: Sendable, Hashable {
    public let lookup: String
    public let emailSealed: String
    public let language: String

    public init(lookup: String, emailSealed: String, language: String) {
        self.lookup = lookup
        self.emailSealed = emailSealed
        self.language = language
    }
}

extension Store {
    /// Everyone who reported on `action` and agreed to hear news of it, each once.
    public func reportersToTell(of action: Identifier<UrgentAction>) async throws -> [ReporterToTell] {
        try await engine.read { database in
            try await database.raw(
                """
                SELECT c.lookup, c.email_sealed, c.language FROM supporter_contacts c
                JOIN supporter_contact_actions a ON a.lookup = c.lookup
                WHERE a.urgent_action_id = \(bind: action.rawValue) ORDER BY c.lookup
                """
            ).all().map { row in
                ReporterToTell(
                    lookup: try row.decode(column: "lookup", as: String.self),
                    emailSealed: try row.decode(column: "email_sealed", as: String.self),
                    language: try row.decode(column: "language", as: String?.self) ?? "en")
            }
        }
    }

    /// A supporter's address and everything kept with it, gone: from a link in a message they received. A group
    /// organiser's address goes from their groups too; the groups and what they reported stay.
    /// False when there was nothing to delete.
    public func forgetSupporter(lookup: String) async throws -> Bool {
        try await engine.transaction { database in
            let found = try await database.select().column("lookup").from("supporter_contacts").where("lookup", .equal, lookup).first()
            let organiser = try await database.select().column("id").from("writing_groups").where("email_lookup", .equal, lookup).first()
            guard found != nil || organiser != nil else { return false }
            try await database.delete(from: "supporter_contact_actions").where("lookup", .equal, lookup).run()
            for kind in ["outcome", "group-link"] {
                try await database.delete(from: "outbox").where("dedupe_key", .like, "\(kind):%:" + lookup)
                    .where("status", .equal, "queued").run()
            }
            try await database.delete(from: "supporter_contacts").where("lookup", .equal, lookup).run()
            try await database.update("writing_groups").set("email_lookup", to: SQLLiteral.null).set("email_sealed", to: SQLLiteral.null)
                .set("hears_outcome", to: false).set("consent_wording", to: SQLLiteral.null)
                .where("email_lookup", .equal, lookup).run()
            return true
        }
    }
}
