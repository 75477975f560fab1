import OutcryCore

/// The life cycle's states and refusals as the coordinator area says them, in the coordinator's language.
extension Messages {
    /// Why the step was refused, as the dashboard says it.
    func explanation(_ refusal: LifeCycleRefusal) -> String {
        switch refusal {
        case .alreadyPublished(let status): self("admin.refusal.already", ["status": self.status(status).lowercased()])
        case .notReadyToPublish(let problems): self("admin.refusal.not-ready", ["problems": problems.map(wording).joined(separator: "; ")])
        case .notPublished(.extendDeadline): self("admin.refusal.extend-unpublished")
        case .notPublished: self("admin.refusal.close-unpublished")
        case .deadlineNotLater(let current): self("admin.refusal.deadline-not-later", ["deadline": date(current).text])
        case .deadlineInThePast: self("admin.refusal.deadline-past")
        case .deadlineBeforeIssue(let issued): self("admin.refusal.deadline-before-issue", ["issued": date(issued).text])
        case .outcomeNoteMissing: plural("admin.refusal.outcome-note", count: Outcome.maximumNoteLength)
        case .notClosed: self("admin.refusal.not-closed")
        }
    }

    /// What the editor still has to do, as a phrase in a list.
    func wording(_ problem: PublishingChecklist.Problem) -> String {
        switch problem {
        case .noOfficialToWriteTo: self("admin.checklist.official")
        case .noSampleLetter: self("admin.checklist.letter")
        case .noSummary: self("admin.checklist.summary")
        case .deadlinePassed: self("admin.checklist.deadline")
        }
    }

    /// "Draft", "Published", "Closed".
    func status(_ status: UrgentAction.Status) -> String { self("admin.status." + status.rawValue) }

    /// How an action ended: "Released", "Charges dropped"…
    func outcome(_ kind: Outcome.Kind) -> String { self("admin.outcome." + kind.rawValue) }

    /// A kind of action as the form offers it: "Update (further information)".
    func kind(_ kind: UrgentAction.Kind) -> String { self("admin.kind." + kind.rawValue) }

    /// "Letters", "E-mails"… as the dashboard's totals name them.
    func channels(_ channel: Channel) -> String { self("admin.channels." + channel.rawValue) }
}
