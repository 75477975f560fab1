import OutcryCore

extension LifeCycleRefusal {
    /// Why the step was refused, as the dashboard says it.
    var explanation: String {
        switch self {
        case .alreadyPublished(let status): "This action is already \(status.label.lowercased())."
        case .notReadyToPublish(let problems): "Before publishing: " + problems.map(\.wording).joined(separator: "; ") + "."
        case .notPublished(.extendDeadline): "Only a published action's deadline can be extended."
        case .notPublished: "Only a published action can be closed."
        case .deadlineNotLater(let current): "The new deadline must be after the current one (\(DateWording.text(current)))."
        case .outcomeNoteMissing:
            "Say in a sentence or two what happened; the public page shows it (at most \(Outcome.maximumNoteLength.formatted) characters)."
        case .notClosed: "Only a closed action can be reopened."
        }
    }
}

extension PublishingChecklist.Problem {
    /// What the editor still has to do, as a phrase in a list.
    var wording: String {
        switch self {
        case .noOfficialToWriteTo: "choose at least one official to write to"
        case .noSampleLetter: "write the sample letter"
        case .noSummary: "write the summary"
        }
    }
}
