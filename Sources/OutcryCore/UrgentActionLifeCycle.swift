import Foundation

/// The steps of an Urgent Action's life after it is written: a draft is published, a published action has
/// its deadline extended or is closed with an outcome, and a closed one can be reopened (closed by mistake,
/// or the person's situation turned again). Each step either gives the changed action or says why not.
public enum LifeCycleStep: Hashable, Sendable {
    case publish
    case extendDeadline(to: HistoricalDate)
    case close(Outcome)
    case reopen

    /// The kinds of step, without their values: what a coordinator asks for before a form is read.
    public enum Kind: Hashable, Sendable, CaseIterable {
        case publish, extendDeadline, close, reopen
    }

    public var kind: Kind {
        switch self {
        case .publish: .publish
        case .extendDeadline: .extendDeadline
        case .close: .close
        case .reopen: .reopen
        }
    }

    /// Refuses a step of `kind` that `action`'s status does not allow, before the step's own values are read.
    public static func checkStatus(of action: UrgentAction, for kind: Kind) throws(LifeCycleRefusal) {
        switch kind {
        case .publish: guard action.status == .draft else { throw .alreadyPublished(action.status) }
        case .extendDeadline, .close: guard action.status == .published else { throw .notPublished(kind) }
        case .reopen: guard action.status == .closed else { throw .notClosed(action.status) }
        }
    }

    /// Applies the step to `action` on `today`, or throws the reason it cannot be taken now.
    public func apply(to action: UrgentAction, today: HistoricalDate) throws(LifeCycleRefusal) -> UrgentAction {
        try Self.checkStatus(of: action, for: kind)
        var changed = action
        switch self {
        case .publish:
            let problems = PublishingChecklist.problems(of: action, today: today)
            guard problems.isEmpty else { throw .notReadyToPublish(problems) }
            changed.status = .published
        case .extendDeadline(let deadline):
            if let current = action.deadline, deadline <= current { throw .deadlineNotLater(current: current) }
            // A deadline already past would send the action out of the open ones the moment it was "extended".
            if deadline.lastDayNumber < today.firstDayNumber { throw .deadlineInThePast(today: today) }
            if deadline < action.issued { throw .deadlineBeforeIssue(issued: action.issued) }
            changed.deadline = deadline
        case .close(let outcome):
            let note = outcome.note.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !note.isEmpty, note.count <= Outcome.maximumNoteLength else { throw .outcomeNoteMissing }
            changed.status = .closed
            changed.outcome = Outcome(kind: outcome.kind, note: note)
        case .reopen:
            changed.status = .published
            changed.outcome = nil
        }
        return changed
    }

    /// The audit log's verb for the step.
    public var auditVerb: String {
        switch self {
        case .publish: "published"
        case .extendDeadline: "extended"
        case .close: "closed"
        case .reopen: "reopened"
        }
    }

    /// The audit log's account of the step taken on `action` (as it was before).
    public func auditSummary(of action: UrgentAction) -> String {
        switch self {
        case .publish: "published UA \(action.number)"
        case .extendDeadline(let deadline): "deadline \(action.deadline?.iso ?? "none") → \(deadline.iso)"
        case .close(let outcome): "closed with outcome \(outcome.kind.words): \(outcome.note)"
        case .reopen: "reopened UA \(action.number), outcome \(action.outcome?.kind.words ?? "none") removed"
        }
    }
}

/// Why a life-cycle step was refused.
public enum LifeCycleRefusal: Error, Hashable, Sendable {
    /// Publishing an action that is not a draft.
    case alreadyPublished(UrgentAction.Status)
    /// Publishing a draft that lacks what supporters need to act.
    case notReadyToPublish([PublishingChecklist.Problem])
    /// Extending or closing an action that is not published.
    case notPublished(LifeCycleStep.Kind)
    /// A new deadline on or before the current one.
    case deadlineNotLater(current: HistoricalDate)
    /// A new deadline before today.
    case deadlineInThePast(today: HistoricalDate)
    /// A new deadline before the day the action was issued.
    case deadlineBeforeIssue(issued: HistoricalDate)
    /// Closing without saying what happened, or saying it at too great a length for the public page.
    case outcomeNoteMissing
    /// Reopening an action that is not closed.
    case notClosed(UrgentAction.Status)
}

/// What a draft needs before the public sees it: someone to write to, a letter, a summary, and a
/// deadline (if it has one) still to come.
public enum PublishingChecklist {
    public enum Problem: String, Hashable, Sendable, CaseIterable {
        case noOfficialToWriteTo
        case noSampleLetter
        case noSummary
        case deadlinePassed
    }

    public static func problems(of action: UrgentAction, today: HistoricalDate) -> [Problem] {
        var problems: [Problem] = []
        if !action.targets.contains(where: { $0.role == .primary }) { problems.append(.noOfficialToWriteTo) }
        if action.letter(for: nil) == nil { problems.append(.noSampleLetter) }
        if action.summary.isEmpty { problems.append(.noSummary) }
        if action.deadlinePassed(on: today) { problems.append(.deadlinePassed) }
        return problems
    }
}

extension UrgentAction {
    /// Whether the day to act by is behind us: the action is no longer open, though what people did still counts.
    /// A deadline known only to the month or year lasts to its end.
    public func deadlinePassed(on today: HistoricalDate) -> Bool {
        guard let deadline else { return false }
        return deadline.lastDayNumber < today.firstDayNumber
    }

    /// Published and its deadline, if any, not yet passed: what the site asks people to act on.
    public func isOpen(on today: HistoricalDate) -> Bool {
        status == .published && !deadlinePassed(on: today)
    }

    /// Whole days from `today` to the deadline (0 on the day itself); nil without a deadline or once it passed.
    public func daysLeft(on today: HistoricalDate) -> Int? {
        guard let deadline, !deadlinePassed(on: today) else { return nil }
        return deadline.lastDayNumber - today.firstDayNumber
    }
}

extension Outcome.Kind {
    /// The kind in plain lower-case words ("charges dropped"), for the audit log.
    public var words: String { rawValue.replacingOccurrences(of: "_", with: " ") }
}

extension Outcome {
    /// The public page shows the note in full: a sentence or two, not an essay.
    public static let maximumNoteLength = 2000
}

extension UrgentAction {
    /// Which fields differ from `earlier`, by name, for the audit log ("title, deadline changed").
    public func changeSummary(since earlier: UrgentAction) -> String {
        let fields: [(String, Bool)] = [
            ("title", title != earlier.title), ("summary", summary != earlier.summary),
            ("kind", kind != earlier.kind || updates != earlier.updates), ("case", caseID != earlier.caseID),
            ("issued", issued != earlier.issued), ("deadline", deadline != earlier.deadline),
            ("language", language != earlier.language), ("steps", takeAction != earlier.takeAction),
            ("asks", asks != earlier.asks), ("people", people != earlier.people),
            ("officials", targets != earlier.targets), ("letter", letters != earlier.letters),
        ]
        let changed = fields.filter(\.1).map(\.0)
        return changed.isEmpty ? "saved without changes" : changed.joined(separator: ", ") + " changed"
    }
}

extension AlertOccasion {
    /// What subscribers hear of a step: news when an action is published or closed, nothing when a
    /// deadline moves or a closed action is reopened.
    public init?(_ step: LifeCycleStep, kind: UrgentAction.Kind) {
        switch (step, kind) {
        case (.extendDeadline, _), (.reopen, _): return nil
        case (.close, _), (_, .closing): self = .closed
        case (_, .update): self = .updated
        default: self = .published
        }
    }
}
