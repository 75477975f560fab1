import Foundation
import OutcryCore

/// The case form.
struct CaseForm: WordedForm, Sendable {
    static let wordsPrefix = "case-form"
    let people: [Person]
    let messages: Messages

    func fields(_ item: Case, isNew: Bool, errors: FormErrors) -> [FormField] {
        errors.apply(to: [
            .text("title", label("title"), value: item.title, hint: hint("title"), required: true),
            .country("country", messages, selected: isNew && errors.isEmpty ? nil : item.country),
            .area("summary", label("summary"), value: item.summary, rows: 6, required: true),
            .text("themes", label("themes"), value: item.themes.joined(separator: ", "), hint: hint("themes")),
            .choice(
                "status", label("status"),
                options: [Case.Status.open, .closed].map { ($0.rawValue, words("status-choice-" + $0.rawValue)) },
                selected: item.status.rawValue),
            .checks(
                "person", label("person"), options: people.map { ($0.id.rawValue, $0.name) }, selected: Set(item.people.map(\.rawValue)),
                hint: people.isEmpty ? hint("person") : nil),
        ])
    }

    func read(_ form: FormBody, base: Case) -> (Case, FormErrors) {
        var errors = noErrors()
        var item = base
        item.title = errors.required(form.text("title"), "title")
        if let country = errors.country(form.text("country"), "country") {
            item.country = country
        } else {
            errors.add("country", words("choose-country"))
        }
        item.summary = errors.required(form.block("summary"), "summary", limit: 5000)
        item.themes = (form["themes"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        item.status = form["status"].flatMap(Case.Status.init(rawValue:)) ?? .open
        let known = Set(people.map(\.id.rawValue))
        item.people = keepingOrder(of: base.people, form.all("person").filter(known.contains).map { Identifier($0) })
        return (item, errors)
    }
}

/// The target form: an official's contact details, kept once and chosen on every action that writes to them.
struct TargetForm: WordedForm, Sendable {
    static let wordsPrefix = "target-form"
    let messages: Messages

    func fields(_ target: Target, errors: FormErrors) -> [FormField] {
        errors.apply(to: [
            .text("honorific", label("honorific"), value: target.honorific, hint: hint("honorific")),
            .text("name", label("name"), value: target.name, required: true),
            .text("title", label("title"), value: target.title, hint: hint("title")),
            .text("body", label("body"), value: target.body, hint: hint("body")),
            .area("address", label("address"), value: target.addressLines.joined(separator: "\n"), hint: hint("address"), rows: 5),
            .country("country", messages, selected: target.country),
            .area("emails", label("emails"), value: target.emails.joined(separator: "\n"), hint: hint("emails"), rows: 2),
            .text("phone", label("phone"), value: target.phone, hint: hint("phone"), type: "tel"),
            .text("fax", label("fax"), value: target.fax, type: "tel"),
            .area(
                "social", label("social"),
                value: target.socialHandles.map { "\($0.network.rawValue) \($0.handle)" }.joined(separator: "\n"),
                hint: hint("social"), rows: 3),
            .text("contact_form", label("contact_form"), value: target.contactFormURL, type: "url"),
            .text("salutation", label("salutation"), value: target.salutation, hint: hint("salutation")),
            .text("language", label("language"), value: target.preferredLanguage, hint: hint("language")),
            .text(
                "last_verified", label("last_verified"), value: target.lastVerified?.iso, hint: messages("admin.form.date-hint"),
                type: "date"),
        ])
    }

    func read(_ form: FormBody, base: Target) -> (Target, FormErrors) {
        var errors = noErrors()
        var target = base
        target.honorific = form.text("honorific")
        target.name = errors.required(form.text("name"), "name")
        target.title = form.text("title")
        target.body = form.text("body")
        target.addressLines = form.lines("address")
        target.country = errors.country(form.text("country"), "country")
        target.emails = form.lines("emails")
        for email in target.emails where EmailAddress(email) == nil {
            errors.add("emails", key: "admin.users.not-an-address", ["email": email])
        }
        target.phone = form.text("phone")
        target.fax = form.text("fax")
        for (field, number) in [("phone", target.phone), ("fax", target.fax)] {
            if let number, !number.allSatisfy({ $0.isNumber || " +-()./".contains($0) }) { errors.add(field, words("digits")) }
        }
        target.socialHandles = form.lines("social").compactMap { line in
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let network = SocialHandle.Network(rawValue: parts[0].lowercased()) else {
                errors.add("social", words("social-line", ["line": line]))
                return nil
            }
            return SocialHandle(network: network, handle: parts[1].trimmingCharacters(in: .whitespaces))
        }
        target.contactFormURL = errors.webAddress(form.text("contact_form"), "contact_form")
        target.salutation = form.text("salutation")
        target.preferredLanguage = form.text("language")
        let codes = target.preferredLanguages
        if let wrong = codes.first(where: { !(2...3).contains($0.count) || !$0.allSatisfy { ("a"..."z").contains($0) } }) {
            errors.add("language", words("language-code", ["code": wrong]))
        } else if !codes.isEmpty {
            target.preferredLanguage = codes.joined(separator: ", ")
        }
        target.lastVerified = errors.date(form.text("last_verified"), "last_verified")
        return (target, errors)
    }
}
