import Foundation

/// An e-mail address a supporter gave, checked for the shape every mail system accepts; kept only with consent.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    /// Nil unless `text` is `local@domain.tld` without spaces, at most 254 characters (RFC 5321).
    public init?(_ text: String) {
        let trimmed = text.trimmingWhitespace
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard trimmed.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64,
            parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !parts[1].contains(".."),
            !trimmed.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," || $0 == ";" || $0 == "\"" })
        else { return nil }
        value = trimmed
    }

    /// The form two addresses are compared in: the domain is case-insensitive; so, in practice, is the rest.
    public var normalised: String { value.lowercased() }
    public var description: String { value }
}

/// What a supporter agreed to, in the words they were shown, and when.
public struct Consent: Hashable, Sendable {
    public static let reportFollowUp =
        "Keep my e-mail address to send me news of this case and of new Urgent Actions. I can ask for it to be deleted at any time."

    public var wording: String
    public var givenAt: Date

    public init(wording: String, givenAt: Date) {
        self.wording = wording
        self.givenAt = givenAt
    }
}
