import Foundation
import OutcryCore

/// A press statement with its quotes: every quote already there, and one empty set of fields for another.
struct StatementForm: WordedForm, Sendable {
    static let wordsPrefix = "statement-form"
    let cases: [Case]
    let people: [Person]
    let organisations: [Organisation]
    let messages: Messages

    func fields(_ statement: Statement, errors: FormErrors) -> [FormField] {
        var fields: [FormField] = [
            .text("title", label("title"), value: statement.title, required: true),
            .text(
                "published", label("published"), value: statement.published.iso, hint: messages("admin.form.date-hint"), required: true,
                type: "date"),
            .area("lead", label("lead"), value: statement.lead.joined(separator: "\n\n"), hint: hint("lead"), rows: 10, required: true),
        ]
        for (index, quote) in (statement.quotes + [Quote(paragraphs: [], speaker: "")]).enumerated() {
            fields += [
                .area(
                    "quote-\(index)", words("quote", ["number": messages.number(index + 1)]),
                    value: quote.paragraphs.joined(separator: "\n\n"),
                    hint: index == statement.quotes.count ? hint("quote") : nil, rows: 4
                ).starting(index == 0 ? words("quotes") : nil),
                .text("quote-\(index)-speaker", label("speaker"), value: quote.speaker),
                .text("quote-\(index)-role", label("role"), value: quote.role, hint: hint("role")),
            ]
        }
        fields += [
            .area("background", label("background"), value: statement.background.joined(separator: "\n\n"), rows: 6)
                .starting(words("background-and-links")),
            .checks(
                "case", label("case"), options: cases.map { ($0.id.rawValue, $0.title) }, selected: Set(statement.cases.map(\.rawValue))),
            .checks(
                "person", label("person"), options: people.map { ($0.id.rawValue, $0.name) },
                selected: Set(statement.people.map(\.rawValue))),
            .checks(
                "organisation", label("organisation"), options: organisations.map { ($0.id.rawValue, $0.name) },
                selected: Set(statement.organisations.map(\.rawValue))),
        ]
        return errors.apply(to: fields)
    }

    func read(_ form: FormBody, base: Statement) -> (Statement, FormErrors) {
        var errors = noErrors()
        var statement = base
        statement.title = errors.required(form.text("title"), "title")
        statement.published = errors.date(form.text("published"), "published", required: true) ?? statement.published
        statement.lead = form.paragraphs("lead")
        if statement.lead.isEmpty { errors.add("lead", words("lead-missing")) }
        var quotes: [Quote] = []
        var index = 0
        while form["quote-\(index)"] != nil, index < 50 {
            let paragraphs = form.paragraphs("quote-\(index)")
            if !paragraphs.isEmpty {
                let speaker = errors.required(form.text("quote-\(index)-speaker"), "quote-\(index)-speaker")
                quotes.append(Quote(paragraphs: paragraphs, speaker: speaker, role: form.text("quote-\(index)-role")))
            }
            index += 1
        }
        statement.quotes = quotes
        statement.background = form.paragraphs("background")
        statement.cases = keepingOrder(
            of: base.cases, form.all("case").filter(Set(cases.map(\.id.rawValue)).contains).map { Identifier($0) })
        statement.people = keepingOrder(
            of: base.people, form.all("person").filter(Set(people.map(\.id.rawValue)).contains).map { Identifier($0) })
        statement.organisations = keepingOrder(
            of: base.organisations, form.all("organisation").filter(Set(organisations.map(\.id.rawValue)).contains).map { Identifier($0) })
        return (statement, errors)
    }
}
