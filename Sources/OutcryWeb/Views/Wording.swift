import Foundation
import OutcryCore

/// The domain's values as a language says them: dates, lists, statuses, events, channels and the report
/// form's refusals. The core keeps its English wording for logs and the command line; pages read these.
extension Messages {
    func date(_ date: HistoricalDate) -> DateText {
        DateText(text: DateWording.text(date, language: language.rawValue), iso: date.iso)
    }

    func date(_ date: EventDate) -> DateText {
        DateText(text: DateWording.text(date, language: language.rawValue), iso: date.start.iso)
    }

    /// "since 16 January 2024", "since March 2024", or "since some time between … and …" for a range not
    /// within one month: a message for each, since languages put different words before each kind of date.
    func since(_ date: EventDate) -> String {
        if let end = date.end, !DateWording.readsAsOneDate(date) {
            return self("since.between", ["start": self.date(date.start).text, "end": self.date(end).text])
        }
        switch date.start.precision {
        case .day: return self("since.day", ["date": self.date(date).text])
        case .month:
            return self("since.month", ["date": DateWording.text(date.start, language: language.rawValue, governed: true)])
        case .year: return self("since.year", ["date": self.date(date.start).text])
        }
    }

    /// The greeting and sign-off a letter in this language falls back on.
    var letterDefaults: LetterDefaults {
        LetterDefaults(salutation: self("letter.default-salutation"), closing: self("letter.default-closing"))
    }

    /// A language named as this language names it, as in a sentence ("киргизский" in Russian).
    func languageName(_ code: String) -> String {
        Locale(identifier: language.rawValue).localizedString(forLanguageCode: code) ?? code
    }

    /// "A, B and C", as the language joins a list.
    func list(_ items: [String]) -> String {
        guard language != .en else { return UrgentAction.list(items) }
        return items.formatted(.list(type: .and).locale(Locale(identifier: language.rawValue)))
    }

    /// A short, speakable script for a phone call to an official; the ask is quoted from the action.
    func callScript(_ action: UrgentAction, to target: Target, peopleNames: [String]) -> String {
        let who = peopleNames.isEmpty ? self("call.unnamed", ["number": action.number]) : list(peopleNames)
        var script = self("call.hello", ["who": who])
        if let ask = action.asks.first {
            let official = target.title.map { self("call.the-office", ["office": $0]) } ?? target.fullName
            var urge = self("call.urge", ["official": official, "ask": Self.continuing(ask, action: action, names: peopleNames)])
            if !urge.hasSuffix(".") { urge += "." }
            script += " " + urge
        }
        return script + " " + self("call.thanks")
    }

    /// An ask as it reads after "I urge … to act:": its first letter made small, unless that would wrong a
    /// name (a person the action names, in any spelling or script) or German, which writes nouns with a capital.
    static func continuing(_ ask: String, action: UrgentAction, names: [String]) -> String {
        guard action.language != "de", let first = SearchKey.words(String(ask.prefix { !$0.isWhitespace })).first else { return ask }
        let nameWords = Set(names.flatMap(SearchKey.words))
        return nameWords.contains(first) ? ask : ask.lowercasedFirst
    }

    /// "In pre-trial detention since 16 January 2024".
    /// "Died in custody on 3 May 2025": a death is a day, not a state that lasts "since".
    func status(_ current: CurrentStatus) -> String {
        if current.status == .diedInCustody { return self("status.died-on", ["date": date(current.since).text]) }
        return self("status.since", ["status": self("status." + current.status.rawValue), "since": since(current.since)])
    }
}

extension EventKind {
    func label(_ messages: Messages) -> String { messages("event." + rawValue) }
}

extension Channel {
    func label(_ messages: Messages) -> String { messages("channel." + rawValue) }
}

extension SocialHandle.Network {
    func label(_ messages: Messages) -> String { messages("social." + rawValue) }
}

extension ReportError {
    /// The refusal as the report form shows it.
    func message(_ messages: Messages) -> String {
        switch self {
        case .nothingReported: messages("report.error-nothing")
        case .notANumber(let channel): messages("report.error-not-a-number", ["channel": channel.label(messages)])
        case .negative(let channel): messages("report.error-negative", ["channel": channel.label(messages)])
        case .tooMany(let channel, let limit):
            messages("report.error-too-many", ["channel": channel.label(messages), "limit": messages.number(limit)])
        case .unknownTarget: messages("report.error-unknown-target")
        case .unknownCountry: messages("report.error-unknown-country")
        case .actionClosed: messages("report.error-closed")
        case .actionNotFound: messages("report.error-not-found")
        }
    }
}

extension String {
    var lowercasedFirst: String {
        guard let first else { return self }
        return first.lowercased() + dropFirst()
    }
}

extension LetterError {
    /// Why the supporter's letter cannot be shown, as the letter page says it.
    func message(_ messages: Messages) -> String {
        switch self {
        case .tooLong(let field, let limit):
            messages(
                "letter.error-too-long-" + (field == "letter" ? "body" : field == "name" ? "name" : "town"),
                ["limit": messages.number(limit)])
        case .emptyBody: messages("letter.error-empty")
        }
    }
}
