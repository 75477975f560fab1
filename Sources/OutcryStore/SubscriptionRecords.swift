import Foundation
import OutcryCore
import SQLKit

/// Supporters' alert subscriptions (addresses sealed), the occasions they are told about, and what
/// a supporter's export lists.
public protocol SubscriptionRecords: Sendable {
    /// Records a request to subscribe. A new address is kept pending until confirmed; an address already
    /// there keeps its state (so the form tells nobody whether an address is subscribed) and gets its new choices
    /// only once confirmed again. Returns the subscription as stored.
    func subscribe(
        lookup: String, sealed: String, language: String, filter: AlertFilter, frequency: AlertFrequency, consent: Consent,
        now: Date
    ) async throws -> StoredSubscription
    /// One subscription; nil when none has this id.
    func subscription(_ id: Identifier<Subscription>) async throws -> StoredSubscription?
    /// The subscription of the address with this lookup hash; nil when it has none.
    func subscription(lookup: String) async throws -> StoredSubscription?
    /// Deletes the subscriptions still unconfirmed whose last request to subscribe came before `date`, and
    /// the messages still waiting for them: their confirmation links have expired. Returns how many.
    func forgetUnconfirmedSubscriptions(requestedBefore date: Date) async throws -> Int
    /// Confirms a subscription (the link in the confirmation message was followed); false if it is gone.
    func confirm(_ id: Identifier<Subscription>, now: Date) async throws -> Bool
    /// Replaces what a subscriber chose to hear about, in which language and how often.
    func updatePreferences(
        _ id: Identifier<Subscription>, language: String, filter: AlertFilter, frequency: AlertFrequency
    ) async throws
    /// Removes the subscription, the messages still waiting for it and any address kept from a report
    /// under the same lookup: after this nothing about the address is held.
    func erase(_ id: Identifier<Subscription>) async throws
    /// Confirmed subscribers of `frequency` whose filter matches an action about `item`.
    func subscribers(for item: Case, frequency: AlertFrequency) async throws -> [StoredSubscription]
    /// Every confirmed subscriber of `frequency`.
    func subscribers(frequency: AlertFrequency) async throws -> [StoredSubscription]
    /// Notes that subscribers are being told about an action (the weekly digest lists these).
    func recordOccasion(_ occasion: AlertOccasion, of action: Identifier<UrgentAction>, now: Date) async throws
    /// Occasions since `date`, oldest first.
    func occasions(since date: Date) async throws -> [(action: Identifier<UrgentAction>, occasion: AlertOccasion, at: Date)]
    /// The messages sent or waiting for a subscription: what a supporter's export lists.
    func messages(
        for id: Identifier<Subscription>
    ) async throws -> [(subject: String, status: String, createdAt: Date, sentAt: Date?)]
    /// An address kept from the report form, if one with this lookup is: its consent and where it came from.
    func reportContact(lookup: String) async throws -> (consent: Consent, source: String)?
}

/// A subscription as stored: the address sealed.
struct SubscriptionRow: Codable, Sendable {
    var id: String
    var emailLookup: String
    var emailSealed: String
    var language: String
    var filter: String
    var frequency: String
    var status: String
    var consentWording: String
    var consentAt: Int64
    var createdAt: Int64
    var confirmedAt: Int64?
}

/// A subscription with its address still sealed: what the store hands out.
public struct StoredSubscription: Sendable {
    public let id: Identifier<Subscription>
    public let emailSealed: String
    public let language: String
    public let filter: AlertFilter
    public let frequency: AlertFrequency
    public let status: Subscription.Status
    public let consent: Consent
    public let createdAt: Date
    public let confirmedAt: Date?

    public init(
        id: Identifier<Subscription>, emailSealed: String, language: String, filter: AlertFilter, frequency: AlertFrequency,
        status: Subscription.Status, consent: Consent, createdAt: Date, confirmedAt: Date?
    ) {
        self.id = id
        self.emailSealed = emailSealed
        self.language = language
        self.filter = filter
        self.frequency = frequency
        self.status = status
        self.consent = consent
        self.createdAt = createdAt
        self.confirmedAt = confirmedAt
    }

    init(_ row: SubscriptionRow) throws {
        let reader = RowReader(table: "subscriptions", id: row.id)
        id = Identifier(row.id)
        emailSealed = row.emailSealed
        language = row.language
        filter = try reader.json(row.filter)
        frequency = try reader.value(row.frequency)
        status = try reader.value(row.status)
        consent = Consent(wording: row.consentWording, givenAt: Date(timeIntervalSince1970: TimeInterval(row.consentAt)))
        createdAt = Date(timeIntervalSince1970: TimeInterval(row.createdAt))
        confirmedAt = row.confirmedAt.map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }
}

extension Store: SubscriptionRecords {
    public func subscribe(
        lookup: String, sealed: String, language: String, filter: AlertFilter, frequency: AlertFrequency, consent: Consent, now: Date
    ) async throws -> StoredSubscription {
        let row = SubscriptionRow(
            id: randomToken(bytes: 12), emailLookup: lookup, emailSealed: sealed, language: language, filter: try jsonText(filter),
            frequency: frequency.rawValue, status: Subscription.Status.pending.rawValue, consentWording: consent.wording,
            consentAt: Int64(consent.givenAt.timeIntervalSince1970), createdAt: Int64(now.timeIntervalSince1970), confirmedAt: nil)
        return try await engine.transaction { database in
            try await database.insert(into: "subscriptions")
                .model(row, keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil)
                .ignoringConflicts(with: "email_lookup")
                .run()
            // A new request for an address still pending starts its week again, with the new link.
            try await database.update("subscriptions").set("created_at", to: row.createdAt).where("email_lookup", .equal, lookup)
                .where("status", .equal, Subscription.Status.pending.rawValue).run()
            return try StoredSubscription(
                try await database.select().columns("*").from("subscriptions").where("email_lookup", .equal, lookup)
                    .first(decoding: SubscriptionRow.self, keyDecodingStrategy: .convertFromSnakeCase)!)
        }
    }

    public func subscription(_ id: Identifier<Subscription>) async throws -> StoredSubscription? {
        try await subscription(where: "id", is: id.rawValue)
    }

    public func subscription(lookup: String) async throws -> StoredSubscription? {
        try await subscription(where: "email_lookup", is: lookup)
    }

    private func subscription(where column: String, is value: String) async throws -> StoredSubscription? {
        try await engine.read { database in
            try await database.select().columns("*").from("subscriptions").where(SQLIdentifier(column), .equal, SQLBind(value))
                .first(decoding: SubscriptionRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        }.map(StoredSubscription.init)
    }

    public func forgetUnconfirmedSubscriptions(requestedBefore date: Date) async throws -> Int {
        let cutoff = Int64(date.timeIntervalSince1970)
        return try await engine.transaction { database in
            let expired = try await database.select().column("id").from("subscriptions")
                .where("status", .equal, Subscription.Status.pending.rawValue).where("created_at", .lessThan, cutoff).all()
                .map { try $0.decode(column: "id", as: String.self) }
            guard !expired.isEmpty else { return 0 }
            for chunk in stride(from: 0, to: expired.count, by: 500).map({ Array(expired[$0..<min($0 + 500, expired.count)]) }) {
                try await database.delete(from: "outbox").where("subscription_id", .in, chunk).run()
                try await database.delete(from: "subscriptions").where("id", .in, chunk).run()
            }
            return expired.count
        }
    }

    public func confirm(_ id: Identifier<Subscription>, now: Date) async throws -> Bool {
        try await engine.transaction { database in
            let found = try await database.select().column("status").from("subscriptions").where("id", .equal, id.rawValue).first()
            guard found != nil else { return false }
            try await database.update("subscriptions")
                .set("status", to: Subscription.Status.confirmed.rawValue).set("confirmed_at", to: Int64(now.timeIntervalSince1970))
                .where("id", .equal, id.rawValue).where("status", .equal, Subscription.Status.pending.rawValue)
                .run()
            return true
        }
    }

    public func updatePreferences(
        _ id: Identifier<Subscription>, language: String, filter: AlertFilter, frequency: AlertFrequency
    ) async throws {
        try await engine.transaction { database in
            try await database.update("subscriptions")
                .set("language", to: language).set("filter", to: try jsonText(filter)).set("frequency", to: frequency.rawValue)
                .where("id", .equal, id.rawValue).run()
        }
    }

    public func erase(_ id: Identifier<Subscription>) async throws {
        try await engine.transaction { database in
            guard
                let lookup = try await database.select().column("email_lookup").from("subscriptions").where("id", .equal, id.rawValue)
                    .first()?.decode(column: "email_lookup", as: String.self)
            else { return }
            try await database.delete(from: "outbox").where("subscription_id", .equal, id.rawValue).run()
            try await database.delete(from: "subscriptions").where("id", .equal, id.rawValue).run()
            try await database.delete(from: "supporter_contact_actions").where("lookup", .equal, lookup).run()
            try await database.delete(from: "supporter_contacts").where("lookup", .equal, lookup).run()
        }
    }

    public func subscribers(for item: Case, frequency: AlertFrequency) async throws -> [StoredSubscription] {
        try await subscribers(frequency: frequency).filter { $0.filter.matches(item) }
    }

    public func subscribers(frequency: AlertFrequency) async throws -> [StoredSubscription] {
        try await engine.read { database in
            try await database.select().columns("*").from("subscriptions")
                .where("status", .equal, Subscription.Status.confirmed.rawValue).where("frequency", .equal, frequency.rawValue)
                .orderBy("created_at").orderBy("id")
                .all(decoding: SubscriptionRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        }.map(StoredSubscription.init)
    }
}

// MARK: - Occasions, history and export

extension Store {
    public func recordOccasion(_ occasion: AlertOccasion, of action: Identifier<UrgentAction>, now: Date) async throws {
        try await engine.transaction { database in
            try await database.insert(into: "alert_occasions").columns("urgent_action_id", "occasion", "at")
                .values(SQLBind(action.rawValue), SQLBind(occasion.rawValue), SQLBind(Int64(now.timeIntervalSince1970)))
                .onConflict(with: ["urgent_action_id", "occasion"]) { $0.set(excludedValueOf: "at") }
                .run()
        }
    }

    public func occasions(since date: Date) async throws -> [(action: Identifier<UrgentAction>, occasion: AlertOccasion, at: Date)] {
        try await engine.read { database in
            try await database.select().columns("urgent_action_id", "occasion", "at").from("alert_occasions")
                .where("at", .greaterThanOrEqual, Int64(date.timeIntervalSince1970)).orderBy("at").orderBy("urgent_action_id").all()
                .compactMap { row in
                    guard let occasion = AlertOccasion(rawValue: try row.decode(column: "occasion", as: String.self)) else { return nil }
                    return (
                        Identifier(try row.decode(column: "urgent_action_id", as: String.self)), occasion,
                        Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "at", as: Int64.self)))
                    )
                }
        }
    }

    public func messages(
        for id: Identifier<Subscription>
    ) async throws -> [(subject: String, status: String, createdAt: Date, sentAt: Date?)] {
        try await engine.read { database in
            try await database.select().columns("subject", "status", "created_at", "sent_at").from("outbox")
                .where("subscription_id", .equal, id.rawValue).orderBy("id").all()
                .map { row in
                    (
                        try row.decode(column: "subject", as: String.self), try row.decode(column: "status", as: String.self),
                        Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "created_at", as: Int64.self))),
                        try row.decode(column: "sent_at", as: Int64?.self).map { Date(timeIntervalSince1970: TimeInterval($0)) }
                    )
                }
        }
    }

    public func reportContact(lookup: String) async throws -> (consent: Consent, source: String)? {
        try await engine.read { database in
            guard
                let row = try await database.select().columns("consent_wording", "consent_at", "source").from("supporter_contacts")
                    .where("lookup", .equal, lookup).first()
            else { return nil }
            return (
                Consent(
                    wording: try row.decode(column: "consent_wording", as: String.self),
                    givenAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "consent_at", as: Int64.self)))),
                try row.decode(column: "source", as: String.self)
            )
        }
    }
}
