import Foundation

extension Country {
    /// The country a supporter typed, by its code or its name in any of many languages, whatever the case,
    /// accents or spaces: "Portugal", "portugal", "PT", "Kirghizistan", "Кыргызстан", "Deutschland".
    /// Nil when no country is called that.
    public static func named(_ typed: String) -> Country? {
        let text = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 80 else { return nil }
        if text.count == 2, let country = Country(rawValue: text) { return country }
        return namesByKey[key(text)]
    }

    /// A name as it is looked up: lower case, without accents or punctuation, spaces collapsed.
    static func key(_ name: String) -> String {
        name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .unicodeScalars.filter { CharacterSet.letters.contains($0) || $0 == " " }
            .map(String.init).joined()
            .split(separator: " ").joined(separator: " ")
    }

    /// The languages whose country names are understood: the site's and those most spoken by its supporters.
    static let namingLanguages = [
        "en", "ru", "ky", "fr", "es", "de", "pt", "it", "nl", "pl", "tr", "uk", "kk", "uz", "tg", "ar", "fa", "zh", "ja", "ko",
    ]

    /// Every country's names in those languages, and a few names people use that ISO does not.
    private static let namesByKey: [String: Country] = {
        var names: [String: Country] = [:]
        for country in all {
            for language in namingLanguages { names[key(country.name(in: language))] = names[key(country.name(in: language))] ?? country }
        }
        let common = [
            "USA": "US", "United States of America": "US", "America": "US", "UK": "GB", "Great Britain": "GB", "Britain": "GB",
            "England": "GB", "Scotland": "GB", "Wales": "GB", "Northern Ireland": "GB", "Holland": "NL", "Kirghizia": "KG",
            "Kyrgyz Republic": "KG", "Russia": "RU", "South Korea": "KR", "North Korea": "KP", "Czech Republic": "CZ",
            "Ivory Coast": "CI", "Burma": "MM", "Swaziland": "SZ", "Macedonia": "MK", "Turkey": "TR",
        ]
        for (name, code) in common { names[key(name)] = Country(rawValue: code) }
        return names
    }()
}
