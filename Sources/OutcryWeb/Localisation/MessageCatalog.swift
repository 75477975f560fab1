import Foundation

/// One language's messages, read from a gettext PO file: the format every translators' tool (Poedit,
/// Weblate, Crowdin, Transifex, Lokalize) reads and merges, with plural forms (`msgid_plural`,
/// `msgstr[n]`) and notes for translators (`#.`). Each message is named by its `msgctxt`, a stable key
/// the code uses; its `msgid` is the English text translators see. Placeholders are `{name}`.
struct MessageCatalog: Sendable {
    enum Message: Sendable, Equatable {
        case text(String)
        /// One form per plural form of the language, in `msgstr[n]` order.
        case plural([String])
    }

    struct Problem: Error, CustomStringConvertible, Equatable {
        let line: Int
        let reason: String
        var description: String { "line \(line): \(reason)" }
    }

    let messages: [String: Message]
    /// Every leading part of every key, dot included: `action.` for `action.letter.heading`.
    let prefixes: Set<String>
    /// The `nplurals` of the `Plural-Forms` header.
    let pluralForms: Int?

    /// Reads a PO file; a message without a key or a translation, a key given twice, or a line the
    /// format does not have is refused with its line.
    init(po text: String) throws(Problem) {
        var messages: [String: Message] = [:]
        var header: String?
        var entry = Entry()
        var field: String?
        var lineNumber = 0

        func finish() throws(Problem) {
            defer { entry = Entry() }
            guard entry.started else { return }
            guard let key = entry.context else {
                if entry.id == "" { header = entry.strings[0] }
                return
            }
            guard messages[key] == nil else { throw Problem(line: entry.line, reason: "“\(key)” is given twice") }
            if entry.idPlural != nil {
                let forms = entry.strings.keys.sorted().map { entry.strings[$0] ?? "" }
                guard !forms.isEmpty, forms.allSatisfy({ !$0.isEmpty }) else {
                    throw Problem(line: entry.line, reason: "“\(key)” lacks a plural form")
                }
                messages[key] = .plural(forms)
            } else {
                guard let value = entry.strings[0], !value.isEmpty else {
                    throw Problem(line: entry.line, reason: "“\(key)” has no translation")
                }
                messages[key] = .text(value)
            }
        }

        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                try finish()
                field = nil
                continue
            }
            if line.hasPrefix("#") { continue }
            if line.hasPrefix("\"") {
                guard let field else { throw Problem(line: lineNumber, reason: "a string outside any field") }
                entry.append(try Self.unquote(line, line: lineNumber), to: field)
                continue
            }
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw Problem(line: lineNumber, reason: "“\(line)” is not a PO line") }
            let (keyword, value) = (parts[0], try Self.unquote(parts[1], line: lineNumber))
            if keyword == "msgctxt", entry.started { try finish() }
            if !entry.started { entry.line = lineNumber }
            switch keyword {
            case "msgctxt", "msgid", "msgid_plural", "msgstr": field = keyword
            case _ where keyword.hasPrefix("msgstr[") && keyword.hasSuffix("]"):
                guard Int(keyword.dropFirst(7).dropLast()) != nil else { throw Problem(line: lineNumber, reason: "“\(keyword)”") }
                field = keyword
            default: throw Problem(line: lineNumber, reason: "“\(keyword)” is not a PO keyword")
            }
            entry.append(value, to: field!)
        }
        try finish()
        self.messages = messages
        prefixes = Set(
            messages.keys.flatMap { key in
                key.indices.filter { key[$0] == "." }.map { String(key[...$0]) }
            })
        pluralForms = header.flatMap(Self.pluralForms(in:))
    }

    /// One catalog of several domains' files; a key in two of them is refused.
    init(merging parts: [MessageCatalog]) throws(Problem) {
        var messages: [String: Message] = [:]
        for part in parts {
            for (key, message) in part.messages {
                guard messages.updateValue(message, forKey: key) == nil else { throw Problem(line: 0, reason: "“\(key)” is in two files") }
            }
        }
        self.messages = messages
        prefixes = parts.reduce(into: Set()) { $0.formUnion($1.prefixes) }
        pluralForms = parts.first?.pluralForms
    }

    /// A PO string: quoted, with C escapes.
    private static func unquote(_ text: String, line: Int) throws(Problem) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else {
            throw Problem(line: line, reason: "a string must be quoted")
        }
        var result = ""
        var escaping = false
        for character in text.dropFirst().dropLast() {
            if escaping {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                default: result.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }

    private static func pluralForms(in header: String) -> Int? {
        guard let range = header.range(of: "nplurals=") else { return nil }
        return Int(header[range.upperBound...].prefix { $0.isNumber })
    }

    /// The message being read.
    private struct Entry {
        var line = 0
        var context: String?
        var id: String?
        var idPlural: String?
        var strings: [Int: String] = [:]
        var started: Bool { context != nil || id != nil }

        mutating func append(_ text: String, to field: String) {
            switch field {
            case "msgctxt": context = (context ?? "") + text
            case "msgid": id = (id ?? "") + text
            case "msgid_plural": idPlural = (idPlural ?? "") + text
            case "msgstr": strings[0] = (strings[0] ?? "") + text
            default:
                let index = Int(field.dropFirst(7).dropLast()) ?? 0
                strings[index] = (strings[index] ?? "") + text
            }
        }
    }
}
