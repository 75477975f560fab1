import Foundation

/// A country by its ISO 3166-1 alpha-2 code, the form stored and exchanged; the name is for people.
public struct Country: RawRepresentable, Hashable, Codable, Sendable {
    public let code: String
    public var rawValue: String { code }

    /// Accepts a known ISO 3166-1 alpha-2 code in any case; nil for anything else.
    public init?(rawValue: String) {
        let upper = rawValue.uppercased()
        guard Self.englishNames[upper] != nil else { return nil }
        code = upper
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let country = Country(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "“\(raw)” is not an ISO 3166-1 alpha-2 country code")
        }
        self = country
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }

    public var name: String { Self.englishNames[code] ?? code }

    /// The country's name in a language (an ISO 639-1 code), from ICU's data: "Киргизия", "Кыргызстан",
    /// "Kirghizistan". English keeps the names this project chose.
    public func name(in language: String) -> String {
        guard language != "en" else { return name }
        return Locale(identifier: language).localizedString(forRegionCode: code) ?? name
    }

    /// Every country, sorted by English name, for pickers.
    public static let all: [Country] = englishNames.keys.compactMap(Country.init(rawValue:)).sorted { $0.name < $1.name }

    /// Every country, sorted by its name in a language as that language sorts.
    public static func sorted(in language: String) -> [Country] {
        guard language != "en" else { return all }
        let locale = Locale(identifier: language)
        return all.map { ($0, $0.name(in: language)) }
            .sorted { $0.1.compare($1.1, locale: locale) == .orderedAscending }
            .map(\.0)
    }
}
