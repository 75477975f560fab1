import Foundation

/// What a site says its supporters did for one Urgent Action, as of a moment: the numbers on a report to
/// an official and in the totals CSV, in a form the site signs and anyone can check later.
///
/// The text is the thing signed: one `key: value` line each, in a fixed order, ASCII keys, numbers without
/// separators, so that the same statement always has the same bytes whatever the reader's language.
public struct TotalsStatement: Hashable, Sendable {
    /// The site that signed it (its public address).
    public var site: String
    public var action: Identifier<UrgentAction>
    public var actionNumber: String
    /// The official the numbers are for; nil when they are the action's own totals.
    public var official: Identifier<Target>?
    public var officialName: String?
    /// The day (UTC, `YYYY-MM-DD`) the numbers were read on: the same numbers on the same day are the same
    /// statement, and the site keeps it once.
    public var day: String
    public var people: Int
    public var byChannel: [Channel: Int]
    public var countries: Int
    /// What groups wrote together, apart from the people above; its lines appear only when a group reported.
    public var groups: GroupTotals
    /// The latest entry of the action's daily record of totals when the statement was made: its day and hash.
    public var record: DailyTotalsLink?

    public init(
        site: String, action: Identifier<UrgentAction>, actionNumber: String, official: Identifier<Target>? = nil,
        officialName: String? = nil, day: String, people: Int, byChannel: [Channel: Int], countries: Int,
        groups: GroupTotals = GroupTotals(), record: DailyTotalsLink?
    ) {
        // One line each, whatever was typed into a name.
        func line(_ text: String) -> String { text.split(whereSeparator: \.isNewline).joined(separator: " ") }
        self.site = line(site)
        self.action = action
        self.actionNumber = line(actionNumber)
        self.official = official
        self.officialName = officialName.map(line)
        self.day = line(day)
        self.people = people
        self.byChannel = byChannel
        self.countries = countries
        self.groups = groups
        self.record = record
    }

    static let heading = "outcry totals statement v1"

    public var actions: Int { byChannel.values.reduce(0, +) }

    /// The signed bytes.
    public var text: String {
        var lines = [
            Self.heading, "site: \(site)", "action: \(action.rawValue)", "action-number: \(actionNumber)",
        ]
        if let official { lines.append("official: \(official.rawValue)") }
        if let officialName { lines.append("official-name: \(officialName)") }
        lines.append("day: \(day)")
        lines.append("people: \(people)")
        for channel in Channel.allCases { lines.append("\(channel.rawValue): \(byChannel[channel] ?? 0)") }
        lines.append("countries: \(countries)")
        lines += groups.lines.map { "\($0.key): \($0.value)" }
        if let record { lines.append("record: \(record.day) \(record.hash)") }
        return lines.joined(separator: "\n")
    }

    /// Reads a statement's text back; nil when it is not one (a line missing, out of order, or extra).
    public init?(text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        guard lines.popFirst() == Self.heading else { return nil }
        func value(_ key: String) -> String? {
            guard let line = lines.first, line.hasPrefix(key + ": ") else { return nil }
            lines.removeFirst()
            return String(line.dropFirst(key.count + 2))
        }
        func count(_ key: String) -> Int? { value(key).flatMap { Int($0) }.flatMap { $0 >= 0 ? $0 : nil } }
        guard let site = value("site"), let action = value("action"), let number = value("action-number") else { return nil }
        let official = value("official")
        let officialName = value("official-name")
        guard let day = value("day"), Self.isDay(day), let people = count("people") else { return nil }
        var byChannel: [Channel: Int] = [:]
        for channel in Channel.allCases {
            guard let count = count(channel.rawValue) else { return nil }
            if count > 0 { byChannel[channel] = count }
        }
        guard let countries = count("countries") else { return nil }
        var groups = GroupTotals()
        if let number = count("groups") {
            groups.groups = number
            for kind in GroupActionKind.allCases {
                guard let count = count("group-" + kind.rawValue) else { return nil }
                if count > 0 { groups.byKind[kind] = count }
            }
        }
        var record: DailyTotalsLink?
        if let line = value("record") {
            let parts = line.split(separator: " ")
            guard parts.count == 2 else { return nil }
            record = DailyTotalsLink(day: String(parts[0]), hash: String(parts[1]))
        }
        guard lines.isEmpty else { return nil }
        self.init(
            site: site, action: Identifier(action), actionNumber: number, official: official.map { Identifier($0) },
            officialName: officialName, day: day, people: people, byChannel: byChannel, countries: countries, groups: groups,
            record: record)
        guard self.text == text else { return nil }
    }

    /// `YYYY-MM-DD` in UTC, as statements and the daily record name days.
    public static func day(of date: Date) -> String { HistoricalDate(day: date).iso }

    /// A whole calendar day, written as `day(of:)` writes it.
    static func isDay(_ text: String) -> Bool {
        (try? HistoricalDate(iso: text)).map { $0.day != nil && $0.iso == text } ?? false
    }
}

/// One entry of an action's daily record of totals, as a statement points to it.
public struct DailyTotalsLink: Hashable, Sendable {
    /// `YYYY-MM-DD`, in UTC.
    public var day: String
    /// The entry's hash, hex SHA-256 over the previous entry's hash and this entry's numbers.
    public var hash: String

    public init(day: String, hash: String) {
        self.day = day
        self.hash = hash
    }
}

/// A statement with its signature, as printed and pasted: the statement's lines, then `signature: …`.
public struct SignedTotalsStatement: Hashable, Sendable {
    public var statement: TotalsStatement
    /// Ed25519 over the statement's text, base64url without padding.
    public var signature: String

    public init(statement: TotalsStatement, signature: String) {
        self.statement = statement
        self.signature = signature
    }

    public var text: String { statement.text + "\nsignature: " + signature }

    /// Reads pasted text: surrounding blank space and Windows line ends are forgiven, nothing else.
    public init?(text: String) {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard let last = lines.last, last.hasPrefix("signature: "),
            let statement = TotalsStatement(text: lines.dropLast().joined(separator: "\n"))
        else { return nil }
        self.init(statement: statement, signature: String(last.dropFirst("signature: ".count)))
    }

    /// A short code for the statement that the site keeps: 60 bits of its SHA-256, in three groups of four
    /// letters and digits that cannot be mistaken for each other when typed from paper.
    public static func code(digest: some Sequence<UInt8>) -> String {
        var bits = 0
        var value = 0
        var letters = ""
        for byte in digest {
            value = (value << 8) | Int(byte)
            bits += 8
            while bits >= 5, letters.count < 12 {
                bits -= 5
                letters.append(codeAlphabet[(value >> bits) & 31])
            }
            value &= (1 << bits) - 1
            if letters.count == 12 { break }
        }
        return grouped(letters)
    }

    /// A typed code as stored: upper case, the groups' dashes and spaces dropped, the letters people confuse
    /// (O and 0, I and L and 1) read as the ones the alphabet has; nil when it is not twelve of its letters.
    public static func normalisedCode(_ typed: String) -> String? {
        var letters = ""
        for character in typed.uppercased() where character != "-" && character != " " {
            let read: Character =
                switch character {
                case "O": "0"
                case "I", "L": "1"
                default: character
                }
            guard codeAlphabet.contains(read) else { return nil }
            letters.append(read)
        }
        guard letters.count == 12 else { return nil }
        return grouped(letters)
    }

    private static func grouped(_ letters: String) -> String {
        stride(from: 0, to: 12, by: 4).map { String(letters.dropFirst($0).prefix(4)) }.joined(separator: "-")
    }

    /// Crockford's base 32.
    static let codeAlphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
}
