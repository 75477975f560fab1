import Foundation

/// The languages the site speaks, each with the plural rule its message catalog follows.
enum Language: String, CaseIterable, Sendable {
    case en, ru, ky, fr, es, de

    static let `default` = Language.en

    /// One of these languages by code, or the default for any other: the catalogs a letter's fallback
    /// words come from.
    init(code: String) { self = Language(rawValue: code) ?? .default }

    /// Any language's name in itself ("Кыргызча", "Deutsch"), capitalised as a choice in a list is.
    static func name(of code: String) -> String {
        if let language = Language(rawValue: code) { return language.name }
        let name = Locale(identifier: code).localizedString(forLanguageCode: code) ?? code
        return name.prefix(1).uppercased() + name.dropFirst()
    }

    /// The language's name in itself, for the language switcher.
    var name: String {
        switch self {
        case .en: "English"
        case .ru: "Русский"
        case .ky: "Кыргызча"
        case .fr: "Français"
        case .es: "Español"
        case .de: "Deutsch"
        }
    }

    /// The language with the country it is most read in, as Open Graph writes a locale (`ky_KG`).
    var openGraphLocale: String {
        switch self {
        case .en: "en_GB"
        case .ru: "ru_RU"
        case .ky: "ky_KG"
        case .fr: "fr_FR"
        case .es: "es_ES"
        case .de: "de_DE"
        }
    }

    /// How many plural forms a message has in this language (`msgstr[0]`…), as the catalog's
    /// `Plural-Forms` header says; the standard gettext rule for each language.
    var pluralForms: Int { self == .ru ? 3 : 2 }

    /// Which of those forms `count` takes: "1 письмо, 2 письма, 5 писем, 21 письмо, 11 писем".
    func pluralForm(_ count: Int) -> Int {
        let n = abs(count)
        switch self {
        case .ru:
            if n % 10 == 1, n % 100 != 11 { return 0 }
            if (2...4).contains(n % 10), !(12...14).contains(n % 100) { return 1 }
            return 2
        case .fr: return n > 1 ? 1 : 0
        case .en, .ky, .es, .de: return n == 1 ? 0 : 1
        }
    }
}

extension Language {
    /// The language a path starts with (`/ru/actions/30-24` → `.ru`, `/actions/30-24`), and the
    /// path without it (`/actions/30-24`, `/` for `/ru`); nil when the first segment names no language.
    static func prefix(of path: Substring) -> (language: Language, rest: Substring)? {
        guard path.hasPrefix("/") else { return nil }
        let afterSlash = path.dropFirst()
        let code = afterSlash.prefix { $0 != "/" && $0 != "?" }
        guard code.count == 2, let language = Language(rawValue: String(code)) else { return nil }
        let rest = afterSlash.dropFirst(2)
        return (language, rest.isEmpty || rest.hasPrefix("?") ? "/" + rest : rest)
    }

    /// The language an `Accept-Language` header (RFC 9110 section 12.5.4) prefers among these, by
    /// weight, then by order; a region (`ru-KG`) counts as its language. Nil when it names none of them.
    static func preferred(by header: some StringProtocol) -> Language? {
        var best: (language: Language, weight: Double)?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";")
            guard let tag = parts.first?.trimmingCharacters(in: .whitespaces).lowercased() else { continue }
            let code = tag.prefix { $0 != "-" && $0 != "_" }
            guard let language = Language(rawValue: String(code)) else { continue }
            var weight = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.trimmingCharacters(in: .whitespaces)
                if pair.hasPrefix("q=") { weight = Double(pair.dropFirst(2)) ?? 0 }
            }
            if weight > 0, weight > (best?.weight ?? 0) { best = (language, weight) }
        }
        return best?.language
    }

    /// The home page `/` sends a browser to: that of the language it prefers, unless that is English or
    /// none of the site's (nil: `/` answers itself).
    static func home(for acceptLanguage: String?) -> Language? {
        guard let acceptLanguage, let language = preferred(by: acceptLanguage), language != .default else { return nil }
        return language
    }
}
