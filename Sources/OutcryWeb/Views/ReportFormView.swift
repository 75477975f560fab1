import OutcryCore

/// The "tell us what you did" form, with what the supporter typed kept when something needs fixing.
struct ReportFormView: Sendable {
    struct CountField: Sendable {
        var name: String
        var label: String
        var value: String
    }

    struct Option: Sendable {
        var value: String
        var label: String
        var selected: Bool
    }

    var postTo: String
    var token: String
    var counts: [CountField]
    var targets: [Option]
    /// The country as typed: a short field that the browser can fill in, instead of 249 names in every page.
    var country: String
    /// Every country to choose from: only after a typed name was not understood.
    var countries: [Option]
    var error: String?
    /// Only when addresses can be sealed; otherwise the form does not ask.
    var offersEmail: Bool
    var email: String
    var consentGiven: Bool
    var consentWording: String

    static let honeypotName = "website"

    /// Every country named and sorted as each language does, worked out once per language: ICU takes a few
    /// milliseconds over 249 names, and the report form is drawn afresh for every supporter.
    private static let countriesByLanguage: [Language: [(code: String, name: String)]] = Dictionary(
        uniqueKeysWithValues: Language.allCases.map { language in
            (language, Country.sorted(in: language.rawValue).map { ($0.code, $0.name(in: language.rawValue)) })
        })

    static func countries(in language: Language) -> [(code: String, name: String)] { countriesByLanguage[language] ?? [] }

    init(
        action: UrgentAction, targets: [Target], token: String, offersEmail: Bool, values: [String: String] = [:],
        error: String? = nil, messages: Messages
    ) {
        postTo = messages.href(.report(action.id))
        self.token = token
        counts = Channel.offered(by: targets).map {
            CountField(name: $0.formName, label: $0.label(messages), value: values[$0.formName] ?? "")
        }
        // Several officials may be ticked: one letter copied to each counts for each of them.
        let chosenTargets = Set((values["target"] ?? "").split(separator: " ").map(String.init))
        self.targets = targets.map { Option(value: $0.id.rawValue, label: $0.fullName, selected: chosenTargets.contains($0.id.rawValue)) }
        let typed = values["country"]?.trimmingCharacters(in: .whitespaces) ?? ""
        let understood = Country.named(typed)
        country = understood?.name(in: messages.language.rawValue) ?? typed
        countries =
            typed.isEmpty || understood != nil
            ? []
            : [Option(value: "", label: messages("report.no-country"), selected: true)]
                + Self.countries(in: messages.language).map { Option(value: $0.code, label: $0.name, selected: false) }
        self.error = error
        self.offersEmail = offersEmail
        email = values["email"] ?? ""
        consentGiven = values["consent"] == "yes"
        consentWording = messages("report.consent")
    }
}

extension Channel {
    /// The form field's name, stable across languages.
    var formName: String { "count_\(rawValue)" }

    /// The ways of acting an action's officials really offer: no box for faxes to an office that has no fax.
    /// Letters and other actions are always asked about (a letter can be handed in, an action taken offline).
    static func offered(by targets: [Target]) -> [Channel] {
        allCases.filter { channel in
            switch channel {
            case .letter, .other: true
            case .email: targets.contains { !$0.emails.isEmpty || $0.contactFormURL != nil }
            case .fax: targets.contains { $0.fax != nil }
            case .call: targets.contains { $0.phone != nil }
            case .social: targets.contains { !$0.socialHandles.isEmpty }
            }
        }
    }
}

/// Live totals as the public sees them.
struct TotalsView: Sendable {
    struct Line: Sendable {
        var label: String
        var count: String
    }

    var people: String
    var countries: String
    var actions: String
    var lines: [Line]
    var hasReports: Bool
    var hasCountries: Bool
    /// The sentence's parts around the bold figures: "{people} in {countries} have reported {actions}."
    var headline: [Part]
    /// "{people} acted so far.", for a card.
    var card: [Part]
    /// Read as `t` by the totals' templates, which are no page of their own.
    var words: Words
    /// How far the people who acted are toward the coordinators' goal.
    var progress: Progress?
    /// "From 3 groups: 600 letters and 40 cards.", apart from the people above; nil when no group reported.
    var groupsLine: String?

    struct Progress: Sendable {
        var value: Int
        var goal: Int
        /// "Goal: 5,000 people · 25% of the way"
        var text: String
    }

    /// Text, or a figure shown in bold.
    struct Part: Sendable {
        var text: String
        var isFigure: Bool
    }

    init(_ totals: Totals, messages: Messages, goal: Int? = nil) {
        people = messages.plural("totals.people", count: totals.reports)
        countries = messages.plural("totals.countries", count: totals.countries)
        actions = messages.plural("totals.actions", count: totals.actions)
        lines = Channel.allCases.compactMap { channel in
            totals.byChannel[channel].flatMap { $0 > 0 ? Line(label: channel.label(messages), count: messages.number($0)) : nil }
        }
        hasReports = totals.reports > 0
        hasCountries = totals.countries > 0
        let figures = ["people": people, "countries": countries, "actions": actions]
        let sentence =
            hasCountries
            ? messages.plural("totals.headline", count: totals.reports)
            : messages.plural("totals.headline-no-country", count: totals.reports)
        headline = Self.parts(sentence, figures)
        card = Self.parts(messages.plural("totals.card", count: totals.reports), figures)
        words = Words(messages)
        groupsLine = messages.groups(totals.groups)
        if let goal, goal > 0 {
            progress = Progress(
                value: min(totals.reports, goal), goal: goal,
                text: messages.plural(
                    "totals.goal", count: goal, ["percent": messages.percent(Double(totals.reports) / Double(goal))]))
        }
    }

    /// A message with `{name}` placeholders cut into text and figures.
    private static func parts(_ message: String, _ figures: [String: String]) -> [Part] {
        var parts: [Part] = []
        var rest = Substring(message)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            if !rest[..<open].isEmpty { parts.append(Part(text: String(rest[..<open]), isFigure: false)) }
            parts.append(Part(text: figures[name] ?? "", isFigure: true))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(Part(text: String(rest), isFigure: false)) }
        return parts
    }
}

extension Int {
    /// "1 person", "12,345 people".
    func counting(_ one: String, _ many: String) -> String { "\(formatted) \(self == 1 ? one : many)" }

    /// "12,345": grouped, the same everywhere (a server's locale must not change what officials read).
    var formatted: String {
        let digits = String(magnitude)
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (self < 0 ? "-" : "") + groups.joined(separator: ",")
    }
}
