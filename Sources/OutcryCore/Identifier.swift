/// A stable, human-readable identifier (a slug such as `makhabat-tazhibek-kyzy`), typed by what it names
/// so that a person's id cannot be passed where a case's is expected.
public struct Identifier<Subject>: RawRepresentable, Hashable, Comparable, Codable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }
}

public enum Slug {
    /// Lower-case ASCII letters, digits and single hyphens: safe in a URL path without escaping.
    public static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 120, text.first != "-", text.last != "-" else { return false }
        return !text.contains("--") && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
