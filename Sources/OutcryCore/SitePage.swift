/// One of the pages about the site itself, linked at the foot of every public page, in one language:
/// written by the coordinators, or else a default text from the catalogs.
public struct SitePage: Hashable, Codable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case about, privacy, contact, accessibility
    }

    public static let titleLimit = 200
    public static let bodyLimit = 20_000

    public var kind: Kind
    /// ISO 639-1 code of the language it is written in.
    public var language: String
    public var title: String
    /// Plain text; paragraphs are separated by blank lines.
    public var body: String

    public init(kind: Kind, language: String, title: String, body: String) {
        self.kind = kind
        self.language = language
        self.title = title
        self.body = body
    }

    /// The body's paragraphs, each with its line breaks as spaces.
    public var paragraphs: [String] { UrgentAction.paragraphs(in: body) }
}
