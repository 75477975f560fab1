import OutcryCore

/// A group's details: the organiser's registration form on the public site, and the coordinators' form,
/// which adds the language of its pages and leaves out the organiser's address and consent.
struct GroupForm: Sendable {
    let messages: Messages
    /// The public registration: asks for the organiser's address and whether they want news.
    let isRegistration: Bool

    private func words(_ name: String, _ values: KeyValuePairs<String, String> = [:]) -> String { messages("group-form.\(name)", values) }

    func fields(_ group: WritingGroup, email: String = "", hearsOutcome: Bool = false, errors: FormErrors) -> [FormField] {
        var kind = FormField.choice(
            "kind", words("kind"), options: GroupKind.allCases.map { ($0.rawValue, messages.groupKind($0)) }, selected: group.kind.rawValue)
        kind.required = true
        var fields: [FormField] = [
            .text("name", words("name"), value: group.name, hint: words("name-hint"), required: true),
            kind,
            .text(
                "size", words("size"), value: group.size > 0 ? String(group.size) : "", hint: words("size-hint"), required: true,
                type: "number"),
            .text("town", words("town"), value: group.town, required: true),
            .country("country", messages, selected: group.country),
        ]
        if isRegistration {
            var email = FormField.text("email", words("email"), value: email, hint: words("email-hint"), required: true, type: "email")
            email.autocomplete = "email"
            fields.append(email)
        } else {
            fields.append(
                .choice(
                    "language", words("language"), options: Language.allCases.map { ($0.rawValue, $0.name) },
                    selected: group.language))
        }
        fields.append(
            .checks(
                "shows-name", words("shows-name"), options: [("yes", words("shows-name-yes"))],
                selected: group.showsName ? ["yes"] : []))
        if !isRegistration {
            fields.append(
                .checks(
                    "verified", words("verified"), options: [("yes", words("verified-yes"))], selected: group.verified ? ["yes"] : []))
        }
        if isRegistration {
            fields.append(
                .checks(
                    "hears-outcome", words("hears-outcome"), options: [("yes", words("hears-outcome-yes"))],
                    selected: hearsOutcome ? ["yes"] : []))
        }
        return errors.apply(to: fields)
    }

    func read(_ form: FormBody, base: WritingGroup) -> (WritingGroup, FormErrors) {
        var errors = FormErrors(messages)
        var group = base
        group.name = errors.required(form.text("name"), "name", limit: 120)
        group.town = errors.required(form.text("town"), "town", limit: 120)
        group.country = errors.country(form.text("country"), "country")
        group.kind = form.text("kind").flatMap(GroupKind.init(rawValue:)) ?? base.kind
        let size = form.text("size").flatMap { Int($0.filter { !$0.isWhitespace }) }
        if let size, size >= 1, size <= group.kind.largestSize {
            group.size = size
        } else {
            errors.add("size", words("size-problem", ["largest": messages.number(group.kind.largestSize)]))
        }
        if !isRegistration, let language = form.text("language").flatMap(Language.init(rawValue:)) { group.language = language.rawValue }
        group.showsName = form["shows-name"] == "yes"
        if !isRegistration { group.verified = form["verified"] == "yes" }
        return (group, errors)
    }
}

extension Messages {
    /// "School class", "Local group", "Event".
    func groupKind(_ kind: GroupKind) -> String { self("group.kind-" + kind.rawValue) }
}
