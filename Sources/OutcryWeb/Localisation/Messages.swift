import Foundation
import HTTPTypes

/// The words the site says, in one language: looked up by key in the message catalogs
/// (`Resources/messages/LANGUAGE.po`), with `{name}` placeholders filled and counts in the language's
/// plural forms and number format. A key a catalog lacks falls back to English (the catalog tests make
/// sure none does). The pseudo-locale writes every message visibly altered, so that a page rendered with
/// it shows at once any word that did not come from a catalog.
struct Messages: Sendable {
    let language: Language
    private let catalog: MessageCatalog
    private let english: MessageCatalog
    private let pseudo: Bool

    /// The catalogs' domains, each a folder of `LANGUAGE.po` files: the public site's words, the
    /// coordinator area's and the command line's, so that a section can translate what supporters read
    /// first. Together they are one catalog per language; no key is in two domains.
    static let domains = ["messages", "messages/coordinators", "messages/command-line"]

    /// Every catalog, read once from the bundle.
    static let catalogs: [Language: MessageCatalog] = {
        var catalogs: [Language: MessageCatalog] = [:]
        for language in Language.allCases {
            var parts: [MessageCatalog] = []
            for domain in domains {
                let file = "\(domain)/\(language.rawValue).po"
                guard let url = Bundle.module.url(forResource: "\(domain)/\(language.rawValue)", withExtension: "po"),
                    let text = try? String(contentsOf: url, encoding: .utf8)
                else { continue }
                do {
                    parts.append(try MessageCatalog(po: text))
                } catch {
                    preconditionFailure("\(file): \(error)")
                }
            }
            guard !parts.isEmpty else { continue }
            do {
                catalogs[language] = try MessageCatalog(merging: parts)
            } catch {
                preconditionFailure("messages for \(language.rawValue): \(error)")
            }
        }
        return catalogs
    }()

    static let english = Messages(.en)

    init(_ language: Language, pseudo: Bool = false) {
        let english = Self.catalogs[.en] ?? MessageCatalog.empty
        self.language = language
        self.english = english
        catalog = Self.catalogs[language] ?? english
        self.pseudo = pseudo
    }

    /// The pseudo-locale: English, every message accented and bracketed.
    static let pseudoLocale = Messages(.en, pseudo: true)

    /// The same site's words in another language (in the pseudo-locale too, if these are).
    func speaking(_ language: Language) -> Messages {
        Messages(language, pseudo: pseudo)
    }

    /// The messages of a language as this site speaks it: in the pseudo-locale when it is configured so.
    /// Made once per language, since every request asks for one.
    struct Source: Sendable {
        private let all: [Language: Messages]

        init(pseudo: Bool = false) {
            all = Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, Messages($0, pseudo: pseudo)) })
        }

        func callAsFunction(_ language: Language) -> Messages { all[language] ?? Messages(language) }
    }

    /// Whether the catalogs have a message named `key`.
    func has(_ key: String) -> Bool { english.messages[key] != nil }

    /// Whether some message's key starts with `prefix` (`action.`).
    func hasKeys(under prefix: String) -> Bool { english.prefixes.contains(prefix) }

    /// The address of `route` for a reader of this language.
    func href(_ route: SiteRoute) -> String { route.path(language: language.rawValue) }

    /// The same, with a query and a fragment, as `SiteRoute.path(query:fragment:)` writes them.
    func href(_ route: SiteRoute, query: KeyValuePairs<String, String?>, fragment: String? = nil) -> String {
        route.path(query: query, fragment: fragment, language: language.rawValue)
    }

    func callAsFunction(_ key: String, _ values: KeyValuePairs<String, String> = [:]) -> String {
        fill(rawTemplate(key), values)
    }

    /// The same with values known only at run time.
    func callAsFunction(_ key: String, values: [String: String]) -> String {
        fill(rawTemplate(key), values.map { ($0.key, $0.value) })
    }

    /// The form for `count`, with `{count}` written as the language writes numbers ("1 234" in Russian).
    func plural(_ key: String, count: Int, _ values: KeyValuePairs<String, String> = [:]) -> String {
        let template: String
        switch catalog.messages[key] {
        case .plural(let forms)?: template = forms[min(language.pluralForm(count), forms.count - 1)]
        default:
            if case .plural(let forms)? = english.messages[key] {
                template = forms[min(Language.en.pluralForm(count), forms.count - 1)]
            } else {
                template = key
            }
        }
        return fill(template, [("count", number(count))] + values.map { ($0.key, $0.value) })
    }

    /// A message cut at `{placeholder}`, for a template that puts its own markup there (a name with its `lang`).
    func around(_ key: String, placeholder: String) -> (before: String, after: String) {
        let marker = "\u{1}"
        let parts = fill(rawTemplate(key), [(placeholder, marker)]).components(separatedBy: marker)
        return (parts[0], parts.count > 1 ? parts[1...].joined() : "")
    }

    func number(_ value: Int) -> String {
        value.formatted(.number.locale(Locale(identifier: language.rawValue)))
    }

    /// "25 %" in French, "25%" in English: a share as the language writes it, in whole percent.
    func percent(_ fraction: Double) -> String {
        fraction.formatted(.percent.precision(.fractionLength(0)).locale(Locale(identifier: language.rawValue)))
    }

    private func rawTemplate(_ key: String) -> String {
        switch catalog.messages[key] ?? english.messages[key] {
        case .text(let text)?: text
        case .plural(let forms)?: forms[0]
        case nil: key
        }
    }

    private func fill(_ template: String, _ values: some Sequence<(String, String)>) -> String {
        var text = pseudo ? Self.pseudoText(template) : template
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    private func fill(_ template: String, _ values: KeyValuePairs<String, String>) -> String {
        fill(template, values.map { ($0.key, $0.value) })
    }

    /// "[!! Ŝéåŕçĥ !!]": letters accented outside `{placeholders}`, the whole bracketed.
    static func pseudoText(_ text: String) -> String {
        var result = ""
        var inPlaceholder = false
        for character in text {
            if character == "{" { inPlaceholder = true }
            result.append(inPlaceholder ? String(character) : accented[character] ?? String(character))
            if character == "}" { inPlaceholder = false }
        }
        return "[!! " + result + " !!]"
    }

    private static let accented: [Character: String] = [
        "a": "å", "c": "ç", "e": "é", "i": "î", "n": "ñ", "o": "ö", "s": "ŝ", "u": "ü", "w": "ŵ", "y": "ý",
        "A": "Å", "C": "Ç", "E": "É", "I": "Î", "N": "Ñ", "O": "Ö", "S": "Ŝ", "U": "Ü", "W": "Ŵ", "Y": "Ý",
    ]
}

/// A refusal at the web's edge whose words are in the catalogs: the error page says it in the language of
/// the address asked for.
struct RefusalError: Error, Sendable {
    let status: HTTPResponse.Status
    /// The message's key.
    let key: String
}

extension MessageCatalog {
    static let empty = try! MessageCatalog(po: "")
}
