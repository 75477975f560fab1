import Foundation
import OutcryCore

/// The Urgent Action form: its fields from an action, and an action from what was submitted.
struct ActionForm: Sendable {
    let cases: [Case]
    let people: [Person]
    let targets: [Target]
    /// Other actions this one may update.
    let actions: [UrgentAction]

    func fields(_ action: UrgentAction, isNew: Bool, errors: FormErrors = FormErrors()) -> [FormField] {
        let letter = action.letter(for: nil)
        var fields: [FormField] = []
        if isNew {
            fields.append(
                .text(
                    "number", "Number", value: action.number, hint: "As printed, for example 30.24. It cannot be changed later.",
                    required: true))
        }
        fields += [
            .choice(
                "kind", "Kind", options: UrgentAction.Kind.allCases.map { ($0.rawValue, $0.formLabel) }, selected: action.kind.rawValue),
            .choice(
                "updates", "Follows on from",
                options: [("", "None: a new action")]
                    + actions.filter { $0.id != action.id }.map { ($0.id.rawValue, "UA \($0.number): \($0.title)") },
                selected: action.updates?.rawValue ?? "",
                hint: "For an update or an outcome: the earlier action, which will link to this one."),
            .choice(
                "case", "Case", options: cases.map { ($0.id.rawValue, "\($0.title) (\($0.country.name))") },
                selected: action.caseID.rawValue),
            .text(
                "title", "Title", value: action.title,
                hint: "Country first, then what is happening: “Kyrgyzstan: Free detained journalists”.", required: true),
            .area(
                "summary", "Summary", value: action.summary, hint: "What happened and why supporters should act, in a few sentences.",
                rows: 6, required: true),
            .text("issued", "Issued on", value: action.issued.iso, required: true, type: "date"),
            .text(
                "deadline", "Act before", value: action.deadline?.iso, hint: "Optional. Leave empty when there is no deadline.",
                type: "date"),
            .text("language", "Language", value: action.language, hint: "The language code of the text, such as en, de or fr."),
            .area("take_action", "Take action: steps", value: action.takeAction.joined(separator: "\n"), hint: "One step per line."),
            .area(
                "asks", "What the officials are asked", value: action.asks.joined(separator: "\n"),
                hint: "One request per line, such as “Release them immediately”."),
            .checks(
                "person", "People at risk", options: people.map { ($0.id.rawValue, $0.name) }, selected: Set(action.people.map(\.rawValue)),
                hint: people.isEmpty ? "No people are recorded yet." : nil
            ).starting("People and officials"),
        ]
        let roles = Dictionary(action.targets.map { ($0.target, $0.role) }, uniquingKeysWith: { first, _ in first })
        for target in targets {
            fields.append(
                .choice(
                    "target-\(target.id.rawValue)", [target.fullName, target.title].compactMap { $0 }.joined(separator: ", "),
                    options: [("", "Not on this action"), ("primary", "Write to"), ("copy", "Send a copy to")],
                    selected: roles[target.id]?.rawValue ?? ""))
        }
        fields += [
            .text("salutation", "Salutation", value: letter?.salutation, hint: "“Dear President Japarov,”").starting("Sample letter"),
            .area(
                "letter", "Letter", value: letter?.paragraphs.joined(separator: "\n\n") ?? "",
                hint: "Leave a blank line between paragraphs.", rows: 12),
            .text("closing", "Closing", value: letter?.closing ?? "Yours sincerely,"),
        ]
        // The letter in other languages: each one there, and an empty set of fields for one more.
        let others = action.letters.filter { $0.target == nil && $0.language != action.language }
        for (offset, other) in (others + [SampleLetter(language: "", salutation: "", paragraphs: [], closing: "")]).enumerated() {
            let slot = offset + 1
            fields += [
                .text(
                    "letter-\(slot)-language", "Language", value: other.language,
                    hint: offset == others.count
                        ? "To add the letter in another language, give its code (ru, ky, de…) and fill these in; to remove one, empty its "
                            + "text."
                        : nil
                ).starting(offset == 0 ? "The letter in other languages" : nil),
                .text("letter-\(slot)-salutation", "Salutation", value: other.salutation),
                .area("letter-\(slot)", "Letter", value: other.paragraphs.joined(separator: "\n\n"), rows: 8),
                .text("letter-\(slot)-closing", "Closing", value: other.closing),
            ]
        }
        return errors.apply(to: fields)
    }

    /// The action the form describes, built on `base` (which keeps what the form does not show: status,
    /// outcome, letters in other languages or for one target), and the problems found.
    func read(_ form: FormBody, base: UrgentAction, isNew: Bool) -> (UrgentAction, FormErrors) {
        var errors = FormErrors()
        var action = base
        if isNew {
            action.number = errors.required(form.text("number"), "number", "number", limit: 40)
            action.id = Identifier(UrgentAction.slug(forNumber: action.number))
            if !action.number.isEmpty, action.id.rawValue.isEmpty { errors.add("number", "Use letters or digits in the number.") }
            if actions.contains(where: { $0.id == action.id }) {
                errors.add("number", "Urgent Action \(action.number) exists already. Choose another number, or edit that one.")
            }
        }
        action.kind = form["kind"].flatMap(UrgentAction.Kind.init(rawValue:)) ?? .new
        action.updates = form.text("updates").map { Identifier($0) }
        if let updates = action.updates, !actions.contains(where: { $0.id == updates && $0.id != action.id }) {
            errors.add("updates", "Choose an action from the list.")
        }
        if action.kind != .new, action.updates == nil {
            errors.add("updates", "An update or an outcome follows on from an earlier action: choose it.")
        }
        if let id = form.text("case"), cases.contains(where: { $0.id.rawValue == id }) {
            action.caseID = Identifier(id)
        } else {
            errors.add("case", "Choose the case this action is about.")
        }
        action.title = errors.required(form.text("title"), "title", "title")
        action.summary = errors.required(form.block("summary"), "summary", "summary", limit: 5000)
        action.issued = errors.date(form.text("issued"), "issued", required: true) ?? action.issued
        action.deadline = errors.date(form.text("deadline"), "deadline")
        if let deadline = action.deadline, deadline < action.issued {
            errors.add("deadline", "The deadline is before the day the action was issued.")
        }
        let language = form.text("language") ?? "en"
        if !Self.isLanguageCode(language) {
            errors.add("language", "Give a language code such as en, de or pt-BR.")
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
            if salutation == nil { errors.add("salutation", "Give the letter's salutation, such as “Dear President,”.") }
            if paragraphs.isEmpty { errors.add("letter", "Write the letter, or clear the salutation too.") }
            letters.append(
                SampleLetter(
                    language: language, salutation: salutation ?? "", paragraphs: paragraphs,
                    closing: form.text("closing") ?? "Yours sincerely,"))
        }
        var slot = 1
        while form["letter-\(slot)"] != nil, slot <= 30 {
            defer { slot += 1 }
            let text = form.paragraphs("letter-\(slot)")
            guard !text.isEmpty else { continue }
            let code = form.text("letter-\(slot)-language") ?? ""
            if !Self.isLanguageCode(code) {
                errors.add("letter-\(slot)-language", "Give the language code of this letter, such as ru, ky or de.")
            } else if code == language || letters.contains(where: { $0.language == code }) {
                errors.add("letter-\(slot)-language", "There is already a letter in “\(code)”.")
            }
            let greeting = form.text("letter-\(slot)-salutation")
            if greeting == nil { errors.add("letter-\(slot)-salutation", "Give this letter's salutation.") }
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

extension UrgentAction.Kind {
    var formLabel: String {
        switch self {
        case .new: "New action"
        case .update: "Update (further information)"
        case .closing: "Outcome (closes the case's actions)"
        }
    }
}

extension Outcome.Kind {
    var label: String {
        switch self {
        case .released: "Released"
        case .chargesDropped: "Charges dropped"
        case .sentenceReduced: "Sentence reduced"
        case .noChange: "No change"
        case .other: "Other"
        }
    }
}
