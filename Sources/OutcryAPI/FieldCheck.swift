import Foundation
import OutcryCore

/// Checks a request body's fields as the coordinators' forms check theirs, gathering every problem so that
/// one answer names them all (a 422 whose `errors` point at each field).
struct FieldCheck {
    private(set) var errors: [APIProblem.FieldError] = []

    mutating func add(_ field: String, _ detail: String) { errors.append(.init(field: field, detail: detail)) }

    /// Trimmed text; nil when empty. A required field that is empty, or text over `limit`, is a problem.
    mutating func text(_ value: String?, _ field: String, required: Bool = false, limit: Int) -> String? {
        let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if trimmed.count > limit {
            add(field, "At most \(limit) characters.")
            return nil
        }
        if trimmed.isEmpty {
            if required { add(field, "This field is required.") }
            return nil
        }
        return trimmed
    }

    /// Paragraphs or lines: trimmed, empty ones left out, each at most `limit`.
    mutating func lines(_ values: [String]?, _ field: String, limit: Int, required: Bool = false) -> [String] {
        var kept: [String] = []
        for (index, value) in (values ?? []).enumerated() {
            if let text = text(value, "\(field)/\(index)", limit: limit) { kept.append(text) }
        }
        if required, kept.isEmpty { add(field, "Give at least one.") }
        return kept
    }

    mutating func date(_ value: String?, _ field: String, required: Bool = false) -> HistoricalDate? {
        guard let text = text(value, field, required: required, limit: 10) else {
            if !required, value != nil, value?.trimmingCharacters(in: .whitespaces).isEmpty == true {
                add(field, "Not a date: write 2024-04-17, 2024-04 or 2024, or leave the field out.")
            }
            return nil
        }
        do { return try HistoricalDate(iso: text) } catch {
            add(field, "Not a date: write 2024-04-17, 2024-04 or 2024.")
            return nil
        }
    }

    mutating func eventDate(_ value: String?, _ field: String) -> EventDate? {
        guard let text = text(value, field, required: true, limit: 21) else { return nil }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        do {
            guard parts.count <= 2 else { throw DateError.rangeEndsBeforeStart(text) }
            return try EventDate(try HistoricalDate(iso: parts[0]), to: parts.count == 2 ? try HistoricalDate(iso: parts[1]) : nil)
        } catch {
            add(field, "Not a date or a range: write 2024-05-28 or 2024-05-28/2024-05-29, the end after the start.")
            return nil
        }
    }

    mutating func country(_ value: String?, _ field: String, required: Bool = false) -> Country? {
        guard let text = text(value, field, required: required, limit: 100) else { return nil }
        guard let country = Country(rawValue: text) ?? Country.named(text) else {
            add(field, "Not a country Outcry knows: use its ISO 3166 code, such as KG.")
            return nil
        }
        return country
    }

    /// An ISO 639-1 code in lower case.
    mutating func language(_ value: String?, _ field: String) -> String? {
        let text = value?.trimmingCharacters(in: .whitespaces)
        guard let text else { return nil }
        guard text.count == 2, text.allSatisfy({ ("a"..."z").contains($0) }) else {
            add(field, "A language is its two-letter ISO 639-1 code, such as en or ky.")
            return nil
        }
        return text
    }

    /// Ids that must name existing records; unknown ones are problems, repeats are dropped.
    mutating func ids<T>(_ values: [String]?, _ field: String, known: Set<String>) -> [Identifier<T>] {
        var kept: [Identifier<T>] = []
        for (index, value) in (values ?? []).enumerated() {
            guard known.contains(value) else {
                add("\(field)/\(index)", "There is no record with this id.")
                continue
            }
            if !kept.contains(Identifier(value)) { kept.append(Identifier(value)) }
        }
        return kept
    }

    /// Throws the 422 naming every field that failed, if any did.
    func finish() throws(APIProblem) {
        guard !errors.isEmpty else { return }
        throw APIProblem(
            status: .unprocessableContent, detail: errors.count == 1 ? errors[0].detail : "\(errors.count) fields are not acceptable.",
            errors: errors)
    }
}
