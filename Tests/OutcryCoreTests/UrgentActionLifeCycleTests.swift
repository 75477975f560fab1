import OutcryCore
import OutcryTestSupport
import Testing

/// The life-cycle steps as rules, without HTTP or a database: what each allows, and why it refuses.
@Suite struct UrgentActionLifeCycleTests {
    static let ready = UrgentAction.readyToPublish()
    static func day(_ iso: String) -> HistoricalDate { .day(iso) }

    @Test func aCompleteDraftIsPublishedOnce() throws {
        let published = try LifeCycleStep.publish.apply(to: Self.ready)
        #expect(published.status == .published)
        #expect(throws: LifeCycleRefusal.alreadyPublished(.published)) { try LifeCycleStep.publish.apply(to: published) }
    }

    @Test func aDraftWithoutOfficialLetterOrSummaryIsNotPublished() {
        var draft = Self.ready
        draft.targets = [.init(target: "baktybek-amanbaev", role: .copy)]
        draft.letters = []
        draft.summary = ""
        #expect(throws: LifeCycleRefusal.notReadyToPublish([.noOfficialToWriteTo, .noSampleLetter, .noSummary])) {
            try LifeCycleStep.publish.apply(to: draft)
        }
    }

    @Test func deadlinesOnlyMoveLaterAndOnlyWhilePublished() throws {
        let later = Self.day("2025-01-15")
        #expect(throws: LifeCycleRefusal.notPublished(.extendDeadline)) {
            try LifeCycleStep.extendDeadline(to: later).apply(to: Self.ready)
        }
        let published = try LifeCycleStep.publish.apply(to: Self.ready)
        let earlier = Self.day("2024-12-01")
        #expect(throws: LifeCycleRefusal.deadlineNotLater(current: earlier)) {
            try LifeCycleStep.extendDeadline(to: earlier).apply(to: published)
        }
        #expect(try LifeCycleStep.extendDeadline(to: later).apply(to: published).deadline == later)
    }

    @Test func closingNeedsANoteOfReasonableLengthAndReopeningUndoesIt() throws {
        let published = try LifeCycleStep.publish.apply(to: Self.ready)
        for note in ["", "   ", String(repeating: "a", count: Outcome.maximumNoteLength + 1)] {
            #expect(throws: LifeCycleRefusal.outcomeNoteMissing) {
                try LifeCycleStep.close(Outcome(kind: .released, note: note)).apply(to: published)
            }
        }
        let closed = try LifeCycleStep.close(Outcome(kind: .chargesDropped, note: " Charges dropped. ")).apply(to: published)
        #expect(closed.status == .closed)
        #expect(closed.outcome == Outcome(kind: .chargesDropped, note: "Charges dropped."))
        #expect(throws: LifeCycleRefusal.notPublished(.close)) {
            try LifeCycleStep.close(Outcome(kind: .other, note: "x")).apply(to: closed)
        }
        let reopened = try LifeCycleStep.reopen.apply(to: closed)
        #expect(reopened.status == .published)
        #expect(reopened.outcome == nil)
        #expect(throws: LifeCycleRefusal.notClosed(.published)) { try LifeCycleStep.reopen.apply(to: reopened) }
    }

    @Test func theAuditLogSaysWhatEachStepDid() {
        #expect(
            LifeCycleStep.extendDeadline(to: Self.day("2025-01-15")).auditSummary(of: Self.ready)
                == "deadline 2024-12-01 → 2025-01-15")
        #expect(
            LifeCycleStep.close(Outcome(kind: .chargesDropped, note: "Dropped.")).auditSummary(of: Self.ready)
                == "closed with outcome charges dropped: Dropped.")
        var edited = Self.ready
        edited.title = "Sentenced"
        edited.deadline = nil
        #expect(edited.changeSummary(since: Self.ready) == "title, deadline changed")
        #expect(Self.ready.changeSummary(since: Self.ready) == "saved without changes")
    }

    @Test func subscribersHearOfPublishingAndClosingNotOfDeadlinesOrReopening() {
        let close = LifeCycleStep.close(Outcome(kind: .released, note: "Released."))
        #expect(AlertOccasion(.publish, kind: .new) == .published)
        #expect(AlertOccasion(.publish, kind: .update) == .updated)
        #expect(AlertOccasion(.publish, kind: .closing) == .closed)
        #expect(AlertOccasion(close, kind: .new) == .closed)
        #expect(AlertOccasion(.extendDeadline(to: Self.day("2025")), kind: .new) == nil)
        #expect(AlertOccasion(.reopen, kind: .new) == nil)
    }
}
