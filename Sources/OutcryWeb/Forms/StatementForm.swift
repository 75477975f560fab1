import Foundation
import OutcryCore

/// A press statement with its quotes: every quote already there, and one empty set of fields for another.
struct StatementForm: Sendable {
    let cases: [Case]
    let people: [Person]
    let organisations: [Organisation]

    func fields(_ statement: Statement, errors: FormErrors) -> [FormField] {
        var fields: [FormField] = [
            .text("title", "Title", value: statement.title, required: true),
            .text("published", "Published on", value: statement.published.iso, required: true, type: "date"),
            .area(
                "lead", "Text", value: statement.lead.joined(separator: "\n\n"), hint: "Leave a blank line between paragraphs.", rows: 10,
                required: true),
        ]
        for (index, quote) in (statement.quotes + [Quote(paragraphs: [], speaker: "")]).enumerated() {
            fields += [
                .area(
                    "quote-\(index)", "Quote \(index + 1)", value: quote.paragraphs.joined(separator: "\n\n"),
                    hint: index == statement.quotes.count ? "To add a quote, fill these in; to remove one, empty its text." : nil, rows: 4
                ).starting(index == 0 ? "Quotes" : nil),
                .text("quote-\(index)-speaker", "Who said it", value: quote.speaker),
                .text(
                    "quote-\(index)-role", "Their role", value: quote.role,
                    hint: "Such as “Director of the Europe and Central Asia programme”."),
            ]
        }
        fields += [
            .area("background", "Background", value: statement.background.joined(separator: "\n\n"), rows: 6).starting(
                "Background and links"),
            .checks(
                "case", "Cases it is about", options: cases.map { ($0.id.rawValue, $0.title) },
                selected: Set(statement.cases.map(\.rawValue))),
            .checks(
                "person", "People it names", options: people.map { ($0.id.rawValue, $0.name) },
                selected: Set(statement.people.map(\.rawValue))),
            .checks(
                "organisation", "Organisations it names", options: organisations.map { ($0.id.rawValue, $0.name) },
                selected: Set(statement.organisations.map(\.rawValue))),
        ]
        return errors.apply(to: fields)
    }

    func read(_ form: FormBody, base: Statement) -> (Statement, FormErrors) {
        var errors = FormErrors()
        var statement = base
        statement.title = errors.required(form.text("title"), "title", "title")
        statement.published = errors.date(form.text("published"), "published", required: true) ?? statement.published
        statement.lead = form.paragraphs("lead")
        if statement.lead.isEmpty { errors.add("lead", "Write the statement's text.") }
        var quotes: [Quote] = []
        var index = 0
        while form["quote-\(index)"] != nil, index < 50 {
            let paragraphs = form.paragraphs("quote-\(index)")
            if !paragraphs.isEmpty {
                let speaker = errors.required(form.text("quote-\(index)-speaker"), "quote-\(index)-speaker", "name of who said it")
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
