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
                errors.add(field, "Write “\(line)” as a name, then optionally | script | language, such as “Махабат | Cyrl | ky”.")
                return nil
            }
            let script = parts.count > 1 && !parts[1].isEmpty ? parts[1] : NameVariant.script(of: name)
            guard script.count == 4, script.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                errors.add(field, "“\(script)” is not a script code: use four letters such as Latn, Cyrl or Arab.")
                return nil
            }
            return NameVariant(name: name, script: script, language: parts.count > 2 && !parts[2].isEmpty ? parts[2] : nil)
        }
    }

    static let hint = "Other spellings, one per line: the name, then optionally | script | language (Махабат Тажибек кызы | Cyrl | ky)."
}

struct PersonForm: Sendable {
    let organisations: [Organisation]

    func fields(_ person: Person, errors: FormErrors) -> [FormField] {
        errors.apply(to: [
            .text("name", "Name", value: person.name, hint: "The spelling used in your documents.", required: true),
            .area("variants", "Other spellings", value: VariantLines.text(person.variants), hint: VariantLines.hint, rows: 3),
            .text("role", "Role", value: person.role, hint: "In your words: journalist, head of Temirov LIVE."),
            .checks(
                "organisation", "Works with", options: organisations.map { ($0.id.rawValue, $0.name) },
                selected: Set(person.affiliations.map(\.rawValue)), hint: organisations.isEmpty ? "No organisations are recorded yet." : nil
            ),
            .area("note", "Note", value: person.note ?? "", hint: "Facts that are not events: “23 years old in April 2024”.", rows: 3),
        ])
    }

    func read(_ form: FormBody, base: Person) -> (Person, FormErrors) {
        var errors = FormErrors()
        var person = base
        person.name = errors.required(form.text("name"), "name", "name")
        person.variants = VariantLines.read(form.lines("variants"), field: "variants", errors: &errors)
        person.role = form.text("role")
        let known = Set(organisations.map(\.id.rawValue))
        person.affiliations = keepingOrder(of: base.affiliations, form.all("organisation").filter(known.contains).map { Identifier($0) })
        person.note = form.block("note")
        return (person, errors)
    }
}

struct OrganisationForm: Sendable {
    func fields(_ organisation: Organisation, errors: FormErrors) -> [FormField] {
        errors.apply(to: [
            .text("name", "Name", value: organisation.name, required: true),
            .choice(
                "kind", "Kind", options: Organisation.Kind.allCases.map { ($0.rawValue, $0.label) }, selected: organisation.kind.rawValue),
            .country("country", "Country", selected: organisation.country),
            .area("variants", "Other names", value: VariantLines.text(organisation.variants), hint: VariantLines.hint, rows: 3),
        ])
    }

    func read(_ form: FormBody, base: Organisation) -> (Organisation, FormErrors) {
        var errors = FormErrors()
        var organisation = base
        organisation.name = errors.required(form.text("name"), "name", "name")
        organisation.kind = form["kind"].flatMap(Organisation.Kind.init(rawValue:)) ?? .other
        organisation.country = errors.country(form.text("country"), "country")
        organisation.variants = VariantLines.read(form.lines("variants"), field: "variants", errors: &errors)
        return (organisation, errors)
    }
}

extension Organisation.Kind {
    var label: String {
        switch self {
        case .mediaOutlet: "Media outlet"
        case .authority: "Authority"
        case .securityService: "Security service"
        case .court: "Court"
        case .ngo: "NGO"
        case .other: "Other"
        }
    }
}

/// A status change: what happened, when (to the day, the month or the year, or between two dates), to whom, and the source.
struct EventForm: Sendable {
    let cases: [Case]
    let people: [Person]
    let organisations: [Organisation]
    let actions: [UrgentAction]
    let statements: [Statement]

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
            .choice("case", "Case", options: cases.map { ($0.id.rawValue, $0.title) }, selected: event.caseID.rawValue),
            .text(
                "date", "When", value: event.date.iso,
                hint: "As precisely as the source says: 2024-01-16, 2024-01 or 2024; between two dates as 2024-03-12/2024-04-09.",
                required: true),
            .choice("kind", "What happened", options: EventKind.allCases.map { ($0.rawValue, $0.label) }, selected: event.kind.rawValue),
            .area("summary", "In a sentence", value: event.summary, rows: 3, required: true),
            .text("place", "Where", value: event.place),
            .checks(
                "person", "People it affects", options: people.map { ($0.id.rawValue, $0.name) },
                selected: Set(event.people.map(\.rawValue))),
            .text(
                "unnamed", "People affected the source does not name", value: event.unnamedCount.map(String.init),
                hint: "A number, such as 6.", type: "number"),
            .checks(
                "organisation", "Organisations it affects", options: organisations.map { ($0.id.rawValue, $0.name) },
                selected: Set(event.organisations.map(\.rawValue))),
            .text("term", "Sentence or term", value: event.term, hint: "For a sentence or detention: as stated, “up to six years”."),
            .choice(
                "source", "Source",
                options: [("", "Not given")] + actions.map { ("ua:\($0.id.rawValue)", "Urgent Action \($0.number)") }
                    + statements.map { ("statement:\($0.id.rawValue)", "Statement: \($0.title)") } + [
                        ("external", "Another document (below)")
                    ],
                selected: source),
            .text("source_title", "Other document's title", value: externalTitle),
            .text("source_url", "Other document's address", value: externalURL, type: "url"),
        ])
    }

    func read(_ form: FormBody, base: Event) -> (Event, FormErrors) {
        var errors = FormErrors()
        var event = base
        if let id = form.text("case"), cases.contains(where: { $0.id.rawValue == id }) {
            event.caseID = Identifier(id)
        } else {
            errors.add("case", "Choose the case.")
        }
        let dateText = errors.required(form.text("date"), "date", "date", limit: 30)
        if !dateText.isEmpty {
            do { event.date = try EventDate(iso: dateText) } catch {
                errors.add(
                    "date",
                    "“\(dateText)” is not a date this form understands: write 2024-01-16, 2024-01, 2024, or two of them joined by /.")
            }
        }
        event.kind = form["kind"].flatMap(EventKind.init(rawValue:)) ?? .other
        event.summary = errors.required(form.block("summary"), "summary", "sentence", limit: 2000)
        event.place = form.text("place")
        event.people = keepingOrder(
            of: base.people, form.all("person").filter(Set(people.map(\.id.rawValue)).contains).map { Identifier($0) })
        event.organisations = keepingOrder(
            of: base.organisations, form.all("organisation").filter(Set(organisations.map(\.id.rawValue)).contains).map { Identifier($0) })
        if let unnamed = form.text("unnamed") {
            if let count = Int(unnamed), count > 0, count < 100_000 {
                event.unnamedCount = count
            } else {
                errors.add("unnamed", "Give a whole number, such as 6, or leave it empty.")
            }
        } else {
            event.unnamedCount = nil
        }
        if event.people.isEmpty, event.unnamedCount == nil, event.organisations.isEmpty {
            errors.add("person", "Choose who it affects: people, a number of unnamed people, or organisations.")
        }
        event.term = form.text("term")
        switch form.text("source") {
        case nil: event.source = nil
        case "external"?:
            let title = errors.required(form.text("source_title"), "source_title", "other document's title")
            let url = errors.webAddress(form.text("source_url"), "source_url")
            event.source = .external(title: title, url: url)
        case let choice?:
            if choice.hasPrefix("ua:"), actions.contains(where: { "ua:\($0.id.rawValue)" == choice }) {
                event.source = .urgentAction(Identifier(String(choice.dropFirst(3))))
            } else if choice.hasPrefix("statement:"), statements.contains(where: { "statement:\($0.id.rawValue)" == choice }) {
                event.source = .statement(Identifier(String(choice.dropFirst(10))))
            } else {
                errors.add("source", "Choose a source from the list.")
            }
        }
        return (event, errors)
    }
}
