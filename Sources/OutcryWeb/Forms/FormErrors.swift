import OutcryCore

/// Problems found in a submitted form, by field name, in words for the person who typed it.
struct FormErrors: Sendable {
    private(set) var messages: [String: String] = [:]

    var isEmpty: Bool { messages.isEmpty }

    mutating func add(_ field: String, _ message: String) {
        if messages[field] == nil { messages[field] = message }
    }

    subscript(_ field: String) -> String? { messages[field] }

    /// Each field with its problem, if it has one.
    func apply(to fields: [FormField]) -> [FormField] {
        fields.map { $0.with(error: messages[$0.name]) }
    }

    /// A required line of text, at most `limit` characters.
    mutating func required(_ value: String?, _ field: String, _ what: String, limit: Int = 300) -> String {
        guard let value, !value.isEmpty else {
            add(field, "Give the \(what).")
            return ""
        }
        if value.count > limit { add(field, "Shorten the \(what) to at most \(limit) characters (it has \(value.count)).") }
        return value
    }

    /// A calendar date typed as YYYY-MM-DD (what a date field sends), or nil when left empty.
    /// A web address a page will link to: http(s) only, with nothing that could break out of the link.
    mutating func webAddress(_ value: String?, _ field: String) -> String? {
        if let value, !WebAddress.isSafe(value) {
            add(field, "Give the whole address, starting with https://, with no spaces or quotes.")
        }
        return value
    }

    mutating func date(_ value: String?, _ field: String, required: Bool = false) -> HistoricalDate? {
        guard let value, !value.isEmpty else {
            if required { add(field, "Give the date, as year-month-day (2024-04-17).") }
            return nil
        }
        guard value.count == 10, let date = try? HistoricalDate(iso: value) else {
            add(field, "“\(value)” is not a date. Write it as year-month-day, for example 2024-04-17.")
            return nil
        }
        return date
    }

    /// An optional country code from the list.
    mutating func country(_ value: String?, _ field: String) -> Country? {
        guard let value, !value.isEmpty else { return nil }
        guard let country = Country(rawValue: value) else {
            add(field, "Choose a country from the list.")
            return nil
        }
        return country
    }
}

extension FormField {
    /// Every country, by its English name, with "not given" first.
    static func country(_ name: String, _ label: String, selected: Country?, hint: String? = nil) -> FormField {
        .choice(
            name, label, options: [("", "Not given")] + Country.all.map { ($0.code, $0.name) }, selected: selected?.code ?? "", hint: hint)
    }
}
