import OutcryCore

/// A step that cannot be taken back quietly, asked once more before it is taken: what it will do, the
/// values it was sent with, and a way back that changes nothing.
struct ConfirmView: Sendable {
    var admin: AdminPage
    var heading: String
    var paragraphs: [String]
    var action: String
    var csrf: String
    /// The form's values, sent again with `confirm=yes`.
    var values: [Value]
    var submit: String
    var back: Link

    struct Value: Sendable {
        var name: String
        var value: String
    }

    static func closing(_ action: UrgentAction, outcome: Outcome, coordinator: Coordinator) -> ConfirmView {
        let messages = coordinator.messages
        let heading = messages("admin.close-confirm.heading", ["number": action.number])
        return ConfirmView(
            admin: AdminPage(title: heading, coordinator: coordinator, current: AdminRoute.home.path),
            heading: heading,
            paragraphs: [
                messages("admin.close-confirm.text", ["outcome": messages("outcome." + outcome.kind.rawValue)]),
                outcome.note,
            ].filter { !$0.isEmpty },
            action: AdminRoute.actionStep(action.id, .close).path, csrf: coordinator.session.csrf,
            values: [Value(name: "outcome", value: outcome.kind.rawValue), Value(name: "note", value: outcome.note)],
            submit: messages("admin.close-confirm.yes"),
            back: Link(text: messages("admin.close-confirm.back"), href: AdminRoute.action(action.id).path))
    }
}
