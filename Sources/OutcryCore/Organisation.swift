/// A media outlet, an authority, a security service, a court, an NGO… with its other names.
public struct Organisation: Hashable, Codable, Sendable, Identifiable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case mediaOutlet = "media_outlet"
        case authority
        case securityService = "security_service"
        case court
        case ngo
        case other
    }

    public var id: Identifier<Organisation>
    public var name: String
    public var kind: Kind
    public var country: Country?
    public var variants: [NameVariant]

    public init(id: Identifier<Organisation>, name: String, kind: Kind, country: Country? = nil, variants: [NameVariant] = []) {
        self.id = id
        self.name = name
        self.kind = kind
        self.country = country
        self.variants = variants
    }
}
