import Foundation

/// A letter ready to print and post: the supporter's details, the official's address for a window
/// envelope, the salutation, the text and the sign-off.
public struct Letter: Hashable, Sendable {
    public var senderLines: [String]
    public var date: HistoricalDate
    public var recipientLines: [String]
    public var salutation: String
    public var paragraphs: [String]
    public var closing: String
    public var signature: String?

    /// The body as a supporter edits it: paragraphs separated by a blank line.
    public var bodyText: String { paragraphs.joined(separator: "\n\n") }
}

/// What a supporter may change before printing. Nothing of it is stored.
public struct LetterDraft: Hashable, Sendable {
    public static let nameLimit = 200
    public static let bodyLimit = 20_000

    public var name: String
    public var town: String
    public var body: String?
    /// The greeting as the supporter left it: nil keeps the sample's, empty means none (theirs is in the text).
    public var salutation: String?

    public init(name: String = "", town: String = "", body: String? = nil, salutation: String? = nil) {
        self.name = name
        self.town = town
        self.body = body
        self.salutation = salutation
    }
}

public enum LetterError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooLong(field: String, limit: Int)
    case emptyBody

    public var description: String {
        switch self {
        case .tooLong(let field, let limit): "The \(field) is too long: please keep it under \(limit) characters."
        case .emptyBody: "The letter is empty: write a few lines, or start again from the sample."
        }
    }
}

/// What a letter needs in its own language when its sample does not say it: a greeting to anyone, and a
/// sign-off. English by default; the web gives them in the letter's language.
public struct LetterDefaults: Sendable, Equatable {
    public var salutation: String
    public var closing: String

    public init(salutation: String, closing: String) {
        self.salutation = salutation
        self.closing = closing
    }

    public static let english = LetterDefaults(salutation: "Dear Sir or Madam,", closing: "Yours sincerely,")
}

extension UrgentAction {
    /// The language a letter to `target` is printed in when the supporter chose none: the reader's, when
    /// a letter is written in it; else the first the official reads that has one; else the action's own.
    public func letterLanguage(to target: Target, reader: String?) -> String {
        let available = letterLanguages
        if let reader, available.contains(reader) { return reader }
        return target.preferredLanguages.first(where: available.contains) ?? language
    }

    /// The letter to `target` in `language` (one of `letterLanguages`; another means the action's own):
    /// the sample for that target (or the action's own), in the supporter's words if they gave any, signed
    /// with their name. Greeting, text and sign-off are all in that one language.
    public func letter(
        to target: Target, in language: String? = nil, draft: LetterDraft = LetterDraft(), on date: HistoricalDate,
        defaults: LetterDefaults = .english
    ) throws(LetterError) -> Letter {
        let name = draft.name.trimmingWhitespace
        let town = draft.town.trimmingWhitespace
        if name.count > LetterDraft.nameLimit { throw .tooLong(field: "name", limit: LetterDraft.nameLimit) }
        if town.count > LetterDraft.nameLimit { throw .tooLong(field: "town or country", limit: LetterDraft.nameLimit) }
        let sample = sampleLetter(to: target, in: language ?? letterLanguage(to: target, reader: nil))
        var paragraphs = sample?.paragraphs ?? []
        var greeting = draft.salutation.map(\.trimmingWhitespace) ?? salutation(for: target, sample: sample, defaults: defaults)
        if greeting.count > LetterDraft.nameLimit { throw .tooLong(field: "greeting", limit: LetterDraft.nameLimit) }
        if let body = draft.body {
            if body.count > LetterDraft.bodyLimit { throw .tooLong(field: "letter", limit: LetterDraft.bodyLimit) }
            paragraphs = Self.paragraphs(in: body)
            // A letter in one's own words often starts with its own greeting: it replaces ours, never doubles it.
            if let first = paragraphs.first, Self.isGreeting(first, like: greeting) {
                greeting = first
                paragraphs.removeFirst()
            }
            if paragraphs.isEmpty { throw .emptyBody }
        }
        return Letter(
            senderLines: [name, town].filter { !$0.isEmpty },
            date: date,
            recipientLines: target.postalAddress,
            salutation: greeting,
            paragraphs: paragraphs,
            closing: sample.map { $0.closing.isEmpty ? defaults.closing : $0.closing } ?? defaults.closing,
            signature: name.isEmpty ? nil : name)
    }

    /// The sample in exactly `language`, for `target` first; the action's own language when none is in it.
    public func sampleLetter(to target: Target, in language: String) -> SampleLetter? {
        let inLanguage = letters.filter { $0.language == language }
        let pool = inLanguage.isEmpty ? letters.filter { $0.language == self.language } : inLanguage
        return pool.first { $0.target == target.id } ?? pool.first { $0.target == nil } ?? letter(for: target.id)
    }

    /// A letter written for this target knows best. In the action's own language, then the target's own
    /// salutation; then one made from the honorific ("Dear Ambassador Amanbaev,"), since the action's
    /// general sample greets its first official. A translated general letter greets that first official
    /// too, and anyone else by the language's greeting to anyone.
    public func salutation(for target: Target, sample: SampleLetter?, defaults: LetterDefaults = .english) -> String {
        if let sample, sample.target == target.id { return sample.salutation }
        guard let sample, sample.language != language else {
            if let salutation = target.salutation { return salutation }
            if language == "en", let honorific = target.honorific, let surname = target.name.split(separator: " ").last {
                return "Dear \(honorific) \(surname),"
            }
            return sample?.salutation ?? defaults.salutation
        }
        return targets.first { $0.role == .primary }?.target == target.id ? sample.salutation : defaults.salutation
    }

    /// Whether a paragraph is a greeting on its own: the greeting itself, or a short line ending in a comma
    /// (or "!") that starts with the same word ("Dear Mr Japarov," for "Dear President Japarov,").
    static func isGreeting(_ paragraph: String, like greeting: String) -> Bool {
        if paragraph.caseInsensitiveCompare(greeting) == .orderedSame { return true }
        guard paragraph.count <= 80, paragraph.hasSuffix(",") || paragraph.hasSuffix("!"),
            let word = greeting.split(separator: " ").first?.lowercased()
        else { return false }
        return paragraph.split(separator: " ").first?.lowercased() == word
    }

    /// Paragraphs are separated by blank lines; single line breaks inside one are kept as spaces.
    public static func paragraphs(in text: String) -> [String] {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var paragraphs: [String] = []
        var current: [String] = []
        for line in normalised.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = String(line).trimmingWhitespace
            if trimmed.isEmpty {
                if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
                current = []
            } else {
                current.append(trimmed)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
        return paragraphs
    }

    /// "A", "A and B", "A, B and C".
    public static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
