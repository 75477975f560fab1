import Foundation
import OutcryCore

/// Name variants as an editor types them: one per line, "name | script | language", where script and
/// language may be left out (the script is then read from the letters).
enum VariantLines {
    static func text(_ variants: [NameVariant]) -> String {
        variants.map { variant in
            ([variant.name, variant.script] + (variant.language.map { [$0] } ?? [])).joined(separator: " | ")
        }.joined(separator: "\n")
    }

    static func read(_ lines: [String], field: String, errors: inout FormErrors) -> [NameVariant] {
        lines.compactMap { line in
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let name = parts.first, !name.isEmpty, parts.count <= 3 else {
                errors.add(field, key: "admin.variants.line", ["line": line])
                return nil
            }
            let script = parts.count > 1 && !parts[1].isEmpty ? parts[1] : NameVariant.script(of: name)
            guard script.count == 4, script.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                errors.add(field, key: "admin.variants.script", ["script": script])
                return nil
            }
            return NameVariant(name: name, script: script, language: parts.count > 2 && !parts[2].isEmpty ? parts[2] : nil)
        }
    }

    static func hint(_ messages: Messages) -> String { messages("admin.variants.hint") }
}

struct PersonForm: WordedForm, Sendable {
    static let wordsPrefix = "person-form"
    let organisations: [Organisation]
    let messages: Messages

    func fields(_ person: Person, errors: FormErrors) -> [FormField] {
        errors.apply(to: [
            .text("name", label("name"), value: person.name, hint: hint("name"), required: true),
            .area("variants", label("variants"), value: VariantLines.text(person.variants), hint: VariantLines.hint(messages), rows: 3),
            .text("role", label("role"), value: person.role, hint: hint("role")),
            .checks(
                "organisation", label("organisation"), options: organisations.map { ($0.id.rawValue, $0.name) },
                selected: Set(person.affiliations.map(\.rawValue)), hint: organisations.isEmpty ? hint("organisation") : nil
            ),
            .area("note", label("note"), value: person.note ?? "", hint: hint("note"), rows: 3),
        ])
    }

    func read(_ form: FormBody, base: Person) -> (Person, FormErrors) {
        var errors = noErrors()
        var person = base
        person.name = errors.required(form.text("name"), "name")
        person.variants = VariantLines.read(form.lines("variants"), field: "variants", errors: &errors)
        person.role = form.text("role")
        let known = Set(organisations.map(\.id.rawValue))
        person.affiliations = keepingOrder(of: base.affiliations, form.all("organisation").filter(known.contains).map { Identifier($0) })
        person.note = form.block("note")
        return (person, errors)
    }
}

struct OrganisationForm: WordedForm, Sendable {
    static let wordsPrefix = "organisation-form"
    let messages: Messages

    func fields(_ organisation: Organisation, errors: FormErrors) -> [FormField] {
        errors.apply(to: [
            .text("name", label("name"), value: organisation.name, required: true),
            .choice(
                "kind", label("kind"), options: Organisation.Kind.allCases.map { ($0.rawValue, messages.organisationKind($0)) },
                selected: organisation.kind.rawValue),
            .country("country", messages, selected: organisation.country),
            .area(
                "variants", label("variants"), value: VariantLines.text(organisation.variants), hint: VariantLines.hint(messages), rows: 3),
        ])
    }

    func read(_ form: FormBody, base: Organisation) -> (Organisation, FormErrors) {
        var errors = noErrors()
        var organisation = base
        organisation.name = errors.required(form.text("name"), "name")
        organisation.kind = form["kind"].flatMap(Organisation.Kind.init(rawValue:)) ?? .other
        organisation.country = errors.country(form.text("country"), "country")
        organisation.variants = VariantLines.read(form.lines("variants"), field: "variants", errors: &errors)
        return (organisation, errors)
    }
}

extension Messages {
    /// "Media outlet", "Court"…
    func organisationKind(_ kind: Organisation.Kind) -> String { self("admin.organisation-kind." + kind.rawValue) }
}

/// A status change: what happened, when (to the day, the month or the year, or between two dates), to whom, and the source.
struct EventForm: WordedForm, Sendable {
    static let wordsPrefix = "event-form"
    let cases: [Case]
    let people: [Person]
    let organisations: [Organisation]
    let actions: [UrgentAction]
    let statements: [Statement]
    let messages: Messages

    func fields(_ event: Event, errors: FormErrors) -> [FormField] {
        let source: String =
            switch event.source {
            case .urgentAction(let id): "ua:\(id.rawValue)"
            case .statement(let id): "statement:\(id.rawValue)"
            case .external: "external"
            case nil: ""
            }
        var externalTitle: String?
        var externalURL: String?
        if case .external(let title, let url) = event.source { (externalTitle, externalURL) = (title, url) }
        return errors.apply(to: [
            .choice("case", label("case"), options: cases.map { ($0.id.rawValue, $0.title) }, selected: event.caseID.rawValue),
            .text("date", label("date"), value: event.date.iso, hint: hint("date"), required: true),
            .choice(
                "kind", label("kind"), options: EventKind.allCases.map { ($0.rawValue, $0.label(messages)) }, selected: event.kind.rawValue),
            .area("summary", label("summary"), value: event.summary, rows: 3, required: true),
            .text("place", label("place"), value: event.place),
            .checks(
                "person", label("person"), options: people.map { ($0.id.rawValue, $0.name) }, selected: Set(event.people.map(\.rawValue))),
            .text("unnamed", label("unnamed"), value: event.unnamedCount.map(String.init), hint: hint("unnamed"), type: "number"),
            .checks(
                "organisation", label("organisation"), options: organisations.map { ($0.id.rawValue, $0.name) },
                selected: Set(event.organisations.map(\.rawValue))),
            .text("term", label("term"), value: event.term, hint: hint("term")),
            .choice(
                "source", label("source"),
                options: [("", words("source-none"))]
                    + actions.map { ("ua:\($0.id.rawValue)", words("source-action", ["number": $0.number])) }
                    + statements.map { ("statement:\($0.id.rawValue)", words("source-statement", ["title": $0.title])) }
                    + [("external", words("source-external"))],
                selected: source),
            .text("source_title", label("source_title"), value: externalTitle),
            .text("source_url", label("source_url"), value: externalURL, type: "url"),
        ])
    }

    func read(_ form: FormBody, base: Event) -> (Event, FormErrors) {
        var errors = noErrors()
        var event = base
        if let id = form.text("case"), cases.contains(where: { $0.id.rawValue == id }) {
            event.caseID = Identifier(id)
        } else {
            errors.add("case", words("choose-case"))
        }
        let dateText = errors.required(form.text("date"), "date", limit: 30)
        if !dateText.isEmpty {
            do { event.date = try EventDate(iso: dateText) } catch { errors.add("date", words("not-a-date", ["value": dateText])) }
        }
        event.kind = form["kind"].flatMap(EventKind.init(rawValue:)) ?? .other
        event.summary = errors.required(form.block("summary"), "summary", limit: 2000)
        event.place = form.text("place")
        event.people = keepingOrder(
            of: base.people, form.all("person").filter(Set(people.map(\.id.rawValue)).contains).map { Identifier($0) })
        event.organisations = keepingOrder(
            of: base.organisations, form.all("organisation").filter(Set(organisations.map(\.id.rawValue)).contains).map { Identifier($0) })
        if let unnamed = form.text("unnamed") {
            if let count = Int(unnamed), count > 0, count < 100_000 {
                event.unnamedCount = count
            } else {
                errors.add("unnamed", words("whole-number"))
            }
        } else {
            event.unnamedCount = nil
        }
        if event.people.isEmpty, event.unnamedCount == nil, event.organisations.isEmpty {
            errors.add("person", words("who"))
        }
        event.term = form.text("term")
        switch form.text("source") {
        case nil: event.source = nil
        case "external"?:
            let title = errors.required(form.text("source_title"), "source_title")
            let url = errors.webAddress(form.text("source_url"), "source_url")
            event.source = .external(title: title, url: url)
        case let choice?:
            if choice.hasPrefix("ua:"), actions.contains(where: { "ua:\($0.id.rawValue)" == choice }) {
                event.source = .urgentAction(Identifier(String(choice.dropFirst(3))))
            } else if choice.hasPrefix("statement:"), statements.contains(where: { "statement:\($0.id.rawValue)" == choice }) {
                event.source = .statement(Identifier(String(choice.dropFirst(10))))
            } else {
                errors.add("source", words("choose-source"))
            }
        }
        return (event, errors)
    }
}
