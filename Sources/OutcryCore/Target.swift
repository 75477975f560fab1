/// An official supporters write to, kept once and reused across Urgent Actions.
public struct Target: Hashable, Codable, Sendable, Identifiable {
    public var id: Identifier<Target>
    /// "H.E.", "Mr", "Dr"… exactly as it goes on the envelope.
    public var honorific: String?
    public var name: String
    /// The office held ("President of Kyrgyzstan", "Ambassador").
    public var title: String?
    /// The body the office belongs to, first line under the name on an envelope.
    public var body: String?
    public var addressLines: [String]
    public var country: Country?
    public var emails: [String]
    public var fax: String?
    public var phone: String?
    public var socialHandles: [SocialHandle]
    public var contactFormURL: String?
    /// "Dear Mr. President," — used when a letter has no salutation of its own for this target.
    public var salutation: String?
    /// The languages the official's office reads, in the order it prefers them: ISO 639-1 codes separated
    /// by commas ("ky, ru").
    public var preferredLanguage: String?
    /// Contact details the source gave in a form that cannot be used, kept so an editor can chase them
    /// (a web page that hid an address as "[email protected]").
    public var unusableContacts: [String]
    public var lastVerified: HistoricalDate?

    public init(
        id: Identifier<Target>, honorific: String? = nil, name: String, title: String? = nil, body: String? = nil,
        addressLines: [String] = [], country: Country? = nil, emails: [String] = [], fax: String? = nil,
        phone: String? = nil, socialHandles: [SocialHandle] = [], contactFormURL: String? = nil,
        salutation: String? = nil, preferredLanguage: String? = nil, unusableContacts: [String] = [],
        lastVerified: HistoricalDate? = nil
    ) {
        self.id = id
        self.honorific = honorific
        self.name = name
        self.title = title
        self.body = body
        self.addressLines = addressLines
        self.country = country
        self.emails = emails
        self.fax = fax
        self.phone = phone
        self.socialHandles = socialHandles
        self.contactFormURL = contactFormURL
        self.salutation = salutation
        self.preferredLanguage = preferredLanguage
        self.unusableContacts = unusableContacts
        self.lastVerified = lastVerified
    }

    /// `preferredLanguage` as a list: "ky, ru" → ["ky", "ru"].
    public var preferredLanguages: [String] {
        (preferredLanguage ?? "").split { $0 == "," || $0 == " " || $0 == ";" }.map { $0.lowercased() }
    }

    /// "Ambassador Baktybek Amanbaev" or "H.E. Sadyr Japarov".
    public var fullName: String { [honorific, name].compactMap { $0 }.joined(separator: " ") }

    /// The lines of a postal address, as they go on an envelope: name, office, body, then the address
    /// exactly as the editor wrote it (countries name themselves in their own way: "Kyrgyz Republic").
    public var postalAddress: [String] {
        [fullName] + [title, body].compactMap { $0 } + addressLines
    }
}

public struct SocialHandle: Hashable, Codable, Sendable {
    public enum Network: String, Codable, Sendable, CaseIterable {
        case x, bluesky, mastodon, facebook, instagram, telegram, other
    }

    public var network: Network
    /// As the network writes it: `@handle`, `handle.bsky.social`, `@user@instance`.
    public var handle: String

    public init(network: Network, handle: String) {
        self.network = network
        self.handle = handle
    }
}
