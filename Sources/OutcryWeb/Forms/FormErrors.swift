import OutcryCore

/// Problems found in a submitted form, by field name, in words for the person who typed it, in their language.
struct FormErrors: Sendable {
    let words: Messages
    private(set) var problems: [String: String] = [:]

    init(_ words: Messages) {
        self.words = words
    }

    var isEmpty: Bool { problems.isEmpty }

    mutating func add(_ field: String, _ message: String) {
        if problems[field] == nil { problems[field] = message }
    }

    /// The message `key` of the coordinator area's catalog, filled in, for `field`.
    mutating func add(_ field: String, key: String, _ values: KeyValuePairs<String, String> = [:]) {
        add(field, words(key, values))
    }

    subscript(_ field: String) -> String? { problems[field] }

    /// One of the problems, for a page that has no field to show it beside.
    var firstProblem: String? { problems.sorted { $0.key < $1.key }.first?.value }

    /// Each field with its problem, if it has one.
    func apply(to fields: [FormField]) -> [FormField] {
        fields.map { $0.with(error: problems[$0.name]) }
    }

    /// A required line of text, at most `limit` characters. The problem is said beside the field and after its
    /// label in the summary, so it does not name the field again.
    mutating func required(_ value: String?, _ field: String, limit: Int = 300) -> String {
        guard let value, !value.isEmpty else {
            add(field, key: "admin.form.give")
            return ""
        }
        if value.count > limit { add(field, words.plural("admin.form.too-long", count: limit, ["length": words.number(value.count)])) }
        return value
    }

    /// A web address a page will link to: http(s) only, with nothing that could break out of the link.
    mutating func webAddress(_ value: String?, _ field: String) -> String? {
        if let value, !WebAddress.isSafe(value) { add(field, key: "admin.form.web-address") }
        return value
    }

    /// A calendar date typed as YYYY-MM-DD (what a date field sends), or nil when left empty.
    mutating func date(_ value: String?, _ field: String, required: Bool = false) -> HistoricalDate? {
        guard let value, !value.isEmpty else {
            if required { add(field, key: "admin.form.give-date") }
            return nil
        }
        guard value.count == 10, let date = try? HistoricalDate(iso: value) else {
            add(field, key: "admin.form.not-a-date", ["value": value])
            return nil
        }
        return date
    }

    /// An optional country code from the list.
    mutating func country(_ value: String?, _ field: String) -> Country? {
        guard let value, !value.isEmpty else { return nil }
        guard let country = Country(rawValue: value) else {
            add(field, key: "admin.form.choose-country")
            return nil
        }
        return country
    }
}

extension FormField {
    /// Every country, by its name in the coordinator's language, with "not given" first.
    /// The names come sorted once per language, as the report form has them (`ReportFormView.countries(in:)`).
    static func country(_ name: String, _ messages: Messages, selected: Country?, hint: String? = nil) -> FormField {
        .choice(
            name, messages("admin.form.country"),
            options: [("", messages("admin.form.country-not-given"))]
                + ReportFormView.countries(in: messages.language).map { ($0.code, $0.name) },
            selected: selected?.code ?? "", hint: hint)
    }
}
