/// The languages the site speaks, each with the plural rule its message catalog follows.
enum Language: String, CaseIterable, Sendable {
    case en, ru, ky, fr, es, de

    static let `default` = Language.en

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
