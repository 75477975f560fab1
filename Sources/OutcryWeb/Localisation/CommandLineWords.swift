import Foundation
import OutcryCore

/// The command line's words, from the catalogs (`messages/command-line/LANGUAGE.po`), in the language of the
/// terminal's locale: `LC_ALL`, then `LC_MESSAGES`, then `LANG`, as POSIX orders them (`ru_RU.UTF-8` is
/// Russian). `C`, `POSIX`, nothing set or a language the site does not speak give English.
public struct CommandLineWords: Sendable {
    let messages: Messages

    public init(environment: [String: String]) {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let code = locale.prefix { $0.isLetter }.lowercased()
        messages = Messages(Language(rawValue: code) ?? .default)
    }

    init(_ language: Language) {
        messages = Messages(language)
    }

    /// English, whatever the terminal's locale: the README and logs keep one language.
    public static let english = CommandLineWords(.en)

    /// The language the words are in (`ru`).
    public var language: String { messages.language.rawValue }

    public func callAsFunction(_ key: String, _ values: KeyValuePairs<String, String> = [:]) -> String {
        messages(key, values)
    }

    /// The form for `count`, as the language counts ("1 файл, 2 файла, 5 файлов").
    public func plural(_ key: String, count: Int, _ values: KeyValuePairs<String, String> = [:]) -> String {
        messages.plural(key, count: count, values)
    }

    /// A number as the language writes it.
    public func number(_ value: Int) -> String { messages.number(value) }

    /// Why a text could not be read.
    public func importError(_ error: ImportError) -> String { messages.importError(error) }
}
