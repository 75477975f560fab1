import OutcryCore

/// A campaign: its title and words, the people it hopes will act, and its actions in order.
struct CampaignForm: WordedForm, Sendable {
    static let wordsPrefix = "campaign-form"
    let actions: [UrgentAction]
    let messages: Messages

    func fields(_ campaign: Campaign, errors: FormErrors) -> [FormField] {
        errors.apply(to: [
            .text("title", label("title"), value: campaign.title, required: true),
            .area("summary", label("summary"), value: campaign.summary, rows: 4),
            .text("goal", label("goal"), value: campaign.goal.map(String.init), hint: hint("goal"), type: "number"),
            .checks(
                "action", label("actions"), options: actions.map { ($0.id.rawValue, "UA \($0.number): \($0.title)") },
                selected: Set(campaign.actions.map(\.rawValue))),
        ])
    }

    func read(_ form: FormBody, base: Campaign) -> (Campaign, FormErrors) {
        var errors = noErrors()
        var campaign = base
        campaign.title = errors.required(form.text("title"), "title")
        campaign.summary = form.block("summary") ?? ""
        if let typed = form.text("goal") {
            let digits = typed.filter { !$0.isWhitespace && $0 != "," && $0 != "." && $0 != "\u{A0}" && $0 != "\u{202F}" }
            if let goal = Int(digits), goal > 0, goal <= 100_000_000 {
                campaign.goal = goal
            } else {
                errors.add("goal", words("not-a-goal"))
            }
        } else {
            campaign.goal = nil
        }
        let known = Set(actions.map(\.id.rawValue))
        let chosen = form.all("action").filter(known.contains).map { Identifier<UrgentAction>($0) }
        // Those kept keep their order; new ones go at the end.
        campaign.actions = base.actions.filter(chosen.contains) + chosen.filter { !base.actions.contains($0) }
        if campaign.actions.isEmpty { errors.add("action", words("choose-actions")) }
        return (campaign, errors)
    }
}
