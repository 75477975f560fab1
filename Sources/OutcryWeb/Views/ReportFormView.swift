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
    var countries: [Option]
    var error: String?
    /// Only when addresses can be sealed; otherwise the form does not ask.
    var offersEmail: Bool
    var email: String
    var consentGiven: Bool
    var consentWording = Consent.reportFollowUp

    static let honeypotName = "website"

    init(
        action: UrgentAction, targets: [Target], token: String, offersEmail: Bool, values: [String: String] = [:],
        error: String? = nil
    ) {
        postTo = SiteRoute.report(action.id).path
        self.token = token
        counts = Channel.allCases.map { CountField(name: $0.formName, label: $0.label, value: values[$0.formName] ?? "") }
        let chosenTarget = values["target"] ?? ""
        self.targets =
            [Option(value: "", label: "Not one in particular", selected: chosenTarget.isEmpty)]
            + targets.map { Option(value: $0.id.rawValue, label: $0.fullName, selected: $0.id.rawValue == chosenTarget) }
        let chosenCountry = values["country"] ?? ""
        countries =
            [Option(value: "", label: "I'd rather not say", selected: chosenCountry.isEmpty)]
            + Country.all.map { Option(value: $0.code, label: $0.name, selected: $0.code == chosenCountry) }
        self.error = error
        self.offersEmail = offersEmail
        email = values["email"] ?? ""
        consentGiven = values["consent"] == "yes"
    }
}

extension Channel {
    /// The form field's name, stable across languages.
    var formName: String { "count_\(rawValue)" }
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
    var verb: String
    var lines: [Line]
    var hasReports: Bool
    var hasCountries: Bool

    init(_ totals: Totals) {
        people = totals.reports.counting("person", "people")
        countries = totals.countries.counting("country", "countries")
        actions = totals.actions.counting("action", "actions")
        verb = totals.reports == 1 ? "has" : "have"
        lines = Channel.allCases.compactMap { channel in
            totals.byChannel[channel].flatMap { $0 > 0 ? Line(label: channel.label, count: $0.formatted) : nil }
        }
        hasReports = totals.reports > 0
        hasCountries = totals.countries > 0
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
