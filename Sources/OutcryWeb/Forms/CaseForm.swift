import Foundation
import OutcryCore

/// The case form.
struct CaseForm: Sendable {
    let people: [Person]

    func fields(_ item: Case, isNew: Bool, errors: FormErrors) -> [FormField] {
        errors.apply(to: [
            .text("title", "Title", value: item.title, hint: "Who and what, such as “Temirov LIVE journalists”.", required: true),
            .country("country", "Country", selected: isNew && errors.isEmpty ? nil : item.country),
            .area("summary", "Summary", value: item.summary, rows: 6, required: true),
            .text("themes", "Themes", value: item.themes.joined(separator: ", "), hint: "Separated by commas: press freedom, fair trial."),
            .choice("status", "Status", options: [("open", "Open: we follow it"), ("closed", "Closed")], selected: item.status.rawValue),
            .checks(
                "person", "People the case follows", options: people.map { ($0.id.rawValue, $0.name) },
                selected: Set(item.people.map(\.rawValue)),
                hint: people.isEmpty ? "No people are recorded yet." : nil),
        ])
    }

    func read(_ form: FormBody, base: Case) -> (Case, FormErrors) {
        var errors = FormErrors()
        var item = base
        item.title = errors.required(form.text("title"), "title", "title")
        if let country = errors.country(form.text("country"), "country") {
            item.country = country
        } else {
            errors.add("country", "Choose the country.")
        }
        item.summary = errors.required(form.block("summary"), "summary", "summary", limit: 5000)
        item.themes = (form["themes"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        item.status = form["status"].flatMap(Case.Status.init(rawValue:)) ?? .open
        let known = Set(people.map(\.id.rawValue))
        item.people = keepingOrder(of: base.people, form.all("person").filter(known.contains).map { Identifier($0) })
        return (item, errors)
    }
}

/// The target form: an official's contact details, kept once and chosen on every action that writes to them.
struct TargetForm: Sendable {
    func fields(_ target: Target, errors: FormErrors) -> [FormField] {
        errors.apply(to: [
            .text("honorific", "Honorific", value: target.honorific, hint: "As on the envelope: H.E., Mr, Ms, Dr."),
            .text("name", "Name", value: target.name, required: true),
            .text("title", "Office", value: target.title, hint: "President of Kyrgyzstan; Ambassador."),
            .text("body", "Body", value: target.body, hint: "The institution, the first line under the name on an envelope."),
            .area(
                "address", "Postal address", value: target.addressLines.joined(separator: "\n"),
                hint: "One line per line of the envelope, country last.", rows: 5),
            .country("country", "Country", selected: target.country),
            .area("emails", "E-mail addresses", value: target.emails.joined(separator: "\n"), hint: "One per line.", rows: 2),
            .text("phone", "Phone", value: target.phone, hint: "International format: +996 312 123456.", type: "tel"),
            .text("fax", "Fax", value: target.fax, type: "tel"),
            .area(
                "social", "Social media", value: target.socialHandles.map { "\($0.network.rawValue) \($0.handle)" }.joined(separator: "\n"),
                hint: "One per line: the network (x, bluesky, mastodon, facebook, instagram, telegram), a space, then the handle.",
                rows: 3),
            .text("contact_form", "Contact form address", value: target.contactFormURL, type: "url"),
            .text(
                "salutation", "Salutation", value: target.salutation,
                hint: "“Dear President,” — used when a letter has none for this official."),
            .text(
                "language", "Languages the office reads", value: target.preferredLanguage,
                hint: "Language codes in the order the office prefers them, such as “ky, ru”. The letter page names them to supporters."),
            .text("last_verified", "Details last checked on", value: target.lastVerified?.iso, type: "date"),
        ])
    }

    func read(_ form: FormBody, base: Target) -> (Target, FormErrors) {
        var errors = FormErrors()
        var target = base
        target.honorific = form.text("honorific")
        target.name = errors.required(form.text("name"), "name", "name")
        target.title = form.text("title")
        target.body = form.text("body")
        target.addressLines = form.lines("address")
        target.country = errors.country(form.text("country"), "country")
        target.emails = form.lines("emails")
        for email in target.emails where EmailAddress(email) == nil {
            errors.add("emails", "“\(email)” is not an e-mail address.")
        }
        target.phone = form.text("phone")
        target.fax = form.text("fax")
        for (field, number) in [("phone", target.phone), ("fax", target.fax)] {
            if let number, !number.allSatisfy({ $0.isNumber || " +-()./".contains($0) }) {
                errors.add(field, "Use digits, spaces and + only, such as +996 312 123456.")
            }
        }
        target.socialHandles = form.lines("social").compactMap { line in
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let network = SocialHandle.Network(rawValue: parts[0].lowercased()) else {
                errors.add("social", "Write “\(line)” as a network name, a space and the handle, such as “x @japarov”.")
                return nil
            }
            return SocialHandle(network: network, handle: parts[1].trimmingCharacters(in: .whitespaces))
        }
        target.contactFormURL = errors.webAddress(form.text("contact_form"), "contact_form")
        target.salutation = form.text("salutation")
        target.preferredLanguage = form.text("language")
        let codes = target.preferredLanguages
        if let wrong = codes.first(where: { !(2...3).contains($0.count) || !$0.allSatisfy { ("a"..."z").contains($0) } }) {
            errors.add("language", "“\(wrong)” is not a language code: use two letters, such as ky, ru or en, separated by commas.")
        } else if !codes.isEmpty {
            target.preferredLanguage = codes.joined(separator: ", ")
        }
        target.lastVerified = errors.date(form.text("last_verified"), "last_verified")
        return (target, errors)
    }
}

/// A new record's id from its name: a readable slug, made unique with a number when taken.
func newSlug(from text: String, isTaken: (String) async throws -> Bool) async rethrows -> String {
    var base = UrgentAction.slug(forNumber: text)
    if base.count > 60 { base = String(base.prefix(60)).trimmingCharacters(in: CharacterSet(charactersIn: "-")) }
    if base.isEmpty { base = "record" }
    var candidate = base
    var number = 2
    while try await isTaken(candidate) {
        candidate = "\(base)-\(number)"
        number += 1
    }
    return candidate
}
