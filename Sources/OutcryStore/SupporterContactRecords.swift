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
