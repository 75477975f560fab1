import OutcryCore

/// An official's reply: who answered, on which case and action, when, how, what they said, and where it
/// leaves the call.
struct ReplyForm: WordedForm, Sendable {
    static let wordsPrefix = "reply-form"
    let targets: [Target]
    let cases: [Case]
    let actions: [UrgentAction]
    let messages: Messages

    func fields(_ reply: OfficialReply, errors: FormErrors) -> [FormField] {
        errors.apply(to: [
            .choice("target", label("target"), options: targets.map { ($0.id.rawValue, $0.fullName) }, selected: reply.target.rawValue),
            .choice("case", label("case"), options: cases.map { ($0.id.rawValue, $0.title) }, selected: reply.caseID.rawValue),
            .choice(
                "action", label("action"),
                options: [("", words("no-action"))] + actions.map { ($0.id.rawValue, "UA \($0.number): \($0.title)") },
                selected: reply.action?.rawValue ?? ""),
            .text("date", label("date"), value: reply.date.iso, hint: hint("date"), required: true, type: "date"),
            .text("from", label("from"), value: reply.from, hint: hint("from")),
            .choice(
                "channel", label("channel"), options: Channel.allCases.map { ($0.rawValue, $0.label(messages)) },
                selected: reply.channel.rawValue),
            .choice(
                "position", label("position"),
                options: OfficialReply.Position.allCases.map { ($0.rawValue, messages.position($0)) }, selected: reply.position.rawValue),
            .area("summary", label("summary"), value: reply.summary, hint: hint("summary"), rows: 3, required: true),
            .area("full_text", label("full_text"), value: reply.fullText ?? "", rows: 8),
        ])
    }

    func read(_ form: FormBody, base: OfficialReply) -> (OfficialReply, FormErrors) {
        var errors = noErrors()
        var reply = base
        if let id = form.text("target"), targets.contains(where: { $0.id.rawValue == id }) {
            reply.target = Identifier(id)
        } else {
            errors.add("target", words("choose-target"))
        }
        if let id = form.text("case"), cases.contains(where: { $0.id.rawValue == id }) {
            reply.caseID = Identifier(id)
        } else {
            errors.add("case", words("choose-case"))
        }
        switch form.text("action") {
        case nil: reply.action = nil
        case let id?:
            if let action = actions.first(where: { $0.id.rawValue == id }), action.caseID == reply.caseID {
                reply.action = action.id
            } else {
                errors.add("action", words("action-of-case"))
            }
        }
        if let date = errors.date(form.text("date"), "date", required: true) { reply.date = date }
        reply.from = form.text("from") ?? ""
        reply.channel = form["channel"].flatMap(Channel.init(rawValue:)) ?? .letter
        reply.position = form["position"].flatMap(OfficialReply.Position.init(rawValue:)) ?? .other
        reply.summary = errors.required(form.block("summary"), "summary", limit: 2000)
        reply.fullText = form.block("full_text")
        if let text = reply.fullText, text.count > 50_000 { errors.add("full_text", words("too-long")) }
        return (reply, errors)
    }
}

extension Messages {
    /// "Acknowledged", "Denied", "Promised a review"…
    func position(_ position: OfficialReply.Position) -> String { self("reply.position." + position.rawValue) }
}
