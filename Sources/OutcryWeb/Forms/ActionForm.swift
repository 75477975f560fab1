import Foundation
import OutcryCore

/// The Urgent Action form: its fields from an action, and an action from what was submitted.
struct ActionForm: WordedForm, Sendable {
    static let wordsPrefix = "action-form"
    let cases: [Case]
    let people: [Person]
    let targets: [Target]
    /// Other actions this one may update.
    let actions: [UrgentAction]
    /// The coordinator's language.
    let messages: Messages
    /// A published action's deadline is never moved into the past, here as by the life-cycle step.
    let today: HistoricalDate

    func fields(_ action: UrgentAction, isNew: Bool, errors: FormErrors? = nil) -> [FormField] {
        let letter = action.letter(for: nil)
        let language = messages.language.rawValue
        var fields: [FormField] = []
        if isNew { fields.append(.text("number", label("number"), value: action.number, hint: hint("number"), required: true)) }
        fields += [
            .choice(
                "kind", label("kind"), options: UrgentAction.Kind.allCases.map { ($0.rawValue, messages.kind($0)) },
                selected: action.kind.rawValue),
            .choice(
                "updates", label("updates"),
                options: [("", messages("admin.action-form.updates-none"))]
                    + actions.filter { $0.id != action.id }.map { ($0.id.rawValue, "UA \($0.number): \($0.title)") },
                selected: action.updates?.rawValue ?? "", hint: hint("updates")),
            .choice(
                "case", label("case"),
                // An action not yet given a case (an imported text's) shows no case chosen, rather than the first.
                options: (action.caseID.rawValue.isEmpty ? [("", messages("admin.action-form.case-choose"))] : [])
                    + cases.map { ($0.id.rawValue, "\($0.title) (\($0.country.name(in: language)))") },
                selected: action.caseID.rawValue),
            .text("title", label("title"), value: action.title, hint: hint("title"), required: true),
            .area("summary", label("summary"), value: action.summary, hint: hint("summary"), rows: 6, required: true),
            .text(
                "issued", label("issued"), value: action.issued.iso, hint: messages("admin.form.date-hint"), required: true, type: "date"),
            .text(
                "deadline", label("deadline"), value: action.deadline?.iso, hint: hint("deadline") + " " + messages("admin.form.date-hint"),
                type: "date"),
            .text("goal", label("goal"), value: action.goal.map(String.init), hint: hint("goal"), type: "number"),
            .text("language", label("language"), value: action.language, hint: hint("language")),
            .area("take_action", label("take_action"), value: action.takeAction.joined(separator: "\n"), hint: hint("take_action")),
            .area("asks", label("asks"), value: action.asks.joined(separator: "\n"), hint: hint("asks")),
            .checks(
                "person", label("person"), options: people.map { ($0.id.rawValue, $0.name) }, selected: Set(action.people.map(\.rawValue)),
                hint: people.isEmpty ? hint("person") : nil
            ).starting(messages("admin.action-form.people-and-officials")),
        ]
        let roles = Dictionary(action.targets.map { ($0.target, $0.role) }, uniquingKeysWith: { first, _ in first })
        let roleOptions = [("", "none"), ("primary", "primary"), ("copy", "copy")].map {
            ($0.0, messages("admin.action-form.role-" + $0.1))
        }
        for target in targets {
            fields.append(
                .choice(
                    "target-\(target.id.rawValue)", [target.fullName, target.title].compactMap { $0 }.joined(separator: ", "),
                    options: roleOptions, selected: roles[target.id]?.rawValue ?? ""))
        }
        let defaults = messages.speaking(Language(code: action.language)).letterDefaults
        fields += [
            .text("salutation", label("salutation"), value: letter?.salutation, hint: hint("salutation"))
                .starting(messages("admin.action-form.sample-letter")),
            .area("letter", label("letter"), value: letter?.paragraphs.joined(separator: "\n\n") ?? "", hint: hint("letter"), rows: 12),
            .text("closing", label("closing"), value: letter?.closing ?? defaults.closing),
        ]
        // The letter in other languages: each one there, and an empty set of fields for one more.
        let others = action.letters.filter { $0.target == nil && $0.language != action.language }
        for (offset, other) in (others + [SampleLetter(language: "", salutation: "", paragraphs: [], closing: "")]).enumerated() {
            let slot = offset + 1
            fields += [
                .text(
                    "letter-\(slot)-language", label("language"), value: other.language,
                    hint: offset == others.count ? messages("admin.action-form.other-letter-hint") : nil
                ).starting(offset == 0 ? messages("admin.action-form.other-letters") : nil),
                .text("letter-\(slot)-salutation", label("salutation"), value: other.salutation),
                .area("letter-\(slot)", label("letter"), value: other.paragraphs.joined(separator: "\n\n"), rows: 8),
                .text("letter-\(slot)-closing", label("closing"), value: other.closing),
            ]
        }
        return errors?.apply(to: fields) ?? fields
    }

    /// The action the form describes, built on `base` (which keeps what the form does not show: status,
    /// outcome, letters in other languages or for one target), and the problems found.
    func read(_ form: FormBody, base: UrgentAction, isNew: Bool) -> (UrgentAction, FormErrors) {
        var errors = FormErrors(messages)
        var action = base
        if isNew {
            action.number = errors.required(form.text("number"), "number", limit: 40)
            action.id = Identifier(UrgentAction.slug(forNumber: action.number))
            if !action.number.isEmpty, action.id.rawValue.isEmpty { errors.add("number", key: "admin.action-form.number-letters") }
            if actions.contains(where: { $0.id == action.id }) {
                errors.add("number", key: "admin.action-form.number-taken", ["number": action.number])
            }
        }
        action.kind = form["kind"].flatMap(UrgentAction.Kind.init(rawValue:)) ?? .new
        action.updates = form.text("updates").map { Identifier($0) }
        if let updates = action.updates, !actions.contains(where: { $0.id == updates && $0.id != action.id }) {
            errors.add("updates", key: "admin.action-form.choose-action")
        }
        if action.kind != .new, action.updates == nil { errors.add("updates", key: "admin.action-form.updates-missing") }
        if let id = form.text("case"), cases.contains(where: { $0.id.rawValue == id }) {
            action.caseID = Identifier(id)
        } else {
            errors.add("case", key: "admin.action-form.choose-case")
        }
        action.title = errors.required(form.text("title"), "title")
        action.summary = errors.required(form.block("summary"), "summary", limit: 5000)
        action.issued = errors.date(form.text("issued"), "issued", required: true) ?? action.issued
        action.deadline = errors.date(form.text("deadline"), "deadline")
        if let deadline = action.deadline, deadline < action.issued { errors.add("deadline", key: "admin.action-form.deadline-early") }
        if base.status == .published, action.deadline != base.deadline, action.deadlinePassed(on: today) {
            errors.add("deadline", key: "admin.refusal.deadline-past")
        }
        action.goal = nil
        if let typed = form.text("goal") {
            // "5,000", "5 000" and "5.000" are how people write thousands.
            let digits = typed.filter { !" ,.'\u{A0}\u{202F}".contains($0) }
            if let goal = Int(digits), (1...100_000_000).contains(goal) {
                action.goal = goal
            } else {
                errors.add("goal", key: "admin.action-form.goal-number")
            }
        }
        let language = form.text("language") ?? "en"
        if !Self.isLanguageCode(language) {
            errors.add("language", key: "admin.action-form.language-code")
        } else {
            action.language = language
        }
        action.takeAction = form.lines("take_action")
        action.asks = form.lines("asks")
        let known = Set(people.map(\.id.rawValue))
        action.people = keepingOrder(of: base.people, form.all("person").filter(known.contains).map { Identifier($0) })
        let chosen: [UrgentActionTarget] = targets.compactMap { target in
            form.text("target-\(target.id.rawValue)").flatMap(UrgentActionTarget.Role.init(rawValue:)).map {
                UrgentActionTarget(target: target.id, role: $0)
            }
        }
        // Officials already on the action keep their places; new ones follow, those written to before those sent a copy.
        let kept = base.targets.compactMap { old in chosen.first { $0.target == old.target } }
        let added = chosen.filter { new in !base.targets.contains { $0.target == new.target } }
        action.targets = kept + added.filter { $0.role == .primary } + added.filter { $0.role == .copy }

        action.letters = readLetters(form, language: action.language, base: base, errors: &errors)
        return (action, errors)
    }

    /// The letter in the action's language, then those in other languages; letters written for one
    /// official alone are not on the form and are kept as they were.
    private func readLetters(_ form: FormBody, language: String, base: UrgentAction, errors: inout FormErrors) -> [SampleLetter] {
        var letters: [SampleLetter] = []
        let salutation = form.text("salutation")
        let paragraphs = form.paragraphs("letter")
        if salutation != nil || !paragraphs.isEmpty {
            if salutation == nil { errors.add("salutation", key: "admin.action-form.salutation-missing") }
            if paragraphs.isEmpty { errors.add("letter", key: "admin.action-form.letter-missing") }
            letters.append(
                SampleLetter(
                    language: language, salutation: salutation ?? "", paragraphs: paragraphs,
                    closing: form.text("closing") ?? messages.speaking(Language(code: language)).letterDefaults.closing))
        }
        var slot = 1
        while form["letter-\(slot)"] != nil, slot <= 30 {
            defer { slot += 1 }
            let text = form.paragraphs("letter-\(slot)")
            guard !text.isEmpty else { continue }
            let code = form.text("letter-\(slot)-language") ?? ""
            if !Self.isLanguageCode(code) {
                errors.add("letter-\(slot)-language", key: "admin.action-form.letter-language-code")
            } else if code == language || letters.contains(where: { $0.language == code }) {
                errors.add("letter-\(slot)-language", key: "admin.action-form.letter-language-taken", ["code": code])
            }
            let greeting = form.text("letter-\(slot)-salutation")
            if greeting == nil { errors.add("letter-\(slot)-salutation", key: "admin.action-form.other-salutation-missing") }
            letters.append(
                SampleLetter(
                    language: code, salutation: greeting ?? "", paragraphs: text, closing: form.text("letter-\(slot)-closing") ?? ""))
        }
        return letters + base.letters.filter { $0.target != nil }
    }

    /// A BCP 47 tag as people type them: en, pt-BR, zh-Hant.
    static func isLanguageCode(_ code: String) -> Bool {
        !code.isEmpty && code.count <= 20 && code.first?.isLetter == true
            && code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }
}

/// `chosen` with the ids already in `existing` in their old order, then the new ones in the order given:
/// a form lists choices alphabetically, and saving it must not reorder what an editor arranged.
func keepingOrder<T>(of existing: [Identifier<T>], _ chosen: [Identifier<T>]) -> [Identifier<T>] {
    let set = Set(chosen)
    return existing.filter(set.contains) + chosen.filter { !existing.contains($0) }
}
