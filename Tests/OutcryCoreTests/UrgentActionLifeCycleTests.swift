import OutcryCore
import OutcryTestSupport
import Testing

/// The life-cycle steps as rules, without HTTP or a database: what each allows, and why it refuses.
@Suite struct UrgentActionLifeCycleTests {
    static let ready = UrgentAction.readyToPublish()
    static func day(_ iso: String) -> HistoricalDate { .day(iso) }
    static let today = day("2024-11-20")

    @Test func aCompleteDraftIsPublishedOnce() throws {
        let published = try LifeCycleStep.publish.apply(to: Self.ready, today: Self.today)
        #expect(published.status == .published)
        #expect(throws: LifeCycleRefusal.alreadyPublished(.published)) { try LifeCycleStep.publish.apply(to: published, today: Self.today) }
    }

    @Test func aDraftWithoutOfficialLetterOrSummaryIsNotPublished() {
        var draft = Self.ready
        draft.targets = [.init(target: "baktybek-amanbaev", role: .copy)]
        draft.letters = []
        draft.summary = ""
        #expect(throws: LifeCycleRefusal.notReadyToPublish([.noOfficialToWriteTo, .noSampleLetter, .noSummary])) {
            try LifeCycleStep.publish.apply(to: draft, today: Self.today)
        }
    }

    @Test func deadlinesOnlyMoveLaterAndOnlyWhilePublished() throws {
        let later = Self.day("2025-01-15")
        #expect(throws: LifeCycleRefusal.notPublished(.extendDeadline)) {
            try LifeCycleStep.extendDeadline(to: later).apply(to: Self.ready, today: Self.today)
        }
        let published = try LifeCycleStep.publish.apply(to: Self.ready, today: Self.today)
        let earlier = Self.day("2024-12-01")
        #expect(throws: LifeCycleRefusal.deadlineNotLater(current: earlier)) {
            try LifeCycleStep.extendDeadline(to: earlier).apply(to: published, today: Self.today)
        }
        #expect(try LifeCycleStep.extendDeadline(to: later).apply(to: published, today: Self.today).deadline == later)
    }

    @Test func aDeadlineIsNeverSetInThePastOrBeforeTheActionWasIssued() throws {
        var late = Self.ready
        late.deadline = Self.day("2024-11-19")
        #expect(throws: LifeCycleRefusal.notReadyToPublish([.deadlinePassed])) {
            try LifeCycleStep.publish.apply(to: late, today: Self.today)
        }
        late.deadline = Self.today
        #expect(try LifeCycleStep.publish.apply(to: late, today: Self.today).status == .published, "the last day still counts")

        var published = try LifeCycleStep.publish.apply(to: Self.ready, today: Self.today)
        published.deadline = nil
        #expect(throws: LifeCycleRefusal.deadlineInThePast(today: Self.today)) {
            try LifeCycleStep.extendDeadline(to: Self.day("2024-11-01")).apply(to: published, today: Self.today)
        }
        #expect(throws: LifeCycleRefusal.deadlineBeforeIssue(issued: published.issued)) {
            try LifeCycleStep.extendDeadline(to: Self.day("2024-10-01")).apply(to: published, today: Self.day("2024-09-01"))
        }
    }

    @Test func anActionIsOpenUntilTheEndOfItsLastDay() {
        var action = Self.ready
        action.status = .published
        action.deadline = Self.day("2024-11-30")
        #expect(action.isOpen(on: Self.today) && action.daysLeft(on: Self.today) == 10)
        #expect(action.daysLeft(on: Self.day("2024-11-30")) == 0)
        #expect(!action.isOpen(on: Self.day("2024-12-01")) && action.deadlinePassed(on: Self.day("2024-12-01")))
        action.deadline = try! HistoricalDate(year: 2024, month: 12)
        #expect(action.isOpen(on: Self.day("2024-12-31")), "a deadline known to the month lasts the month")
        action.deadline = nil
        #expect(action.isOpen(on: Self.day("2099-01-01")) && action.daysLeft(on: Self.today) == nil)
        action.status = .closed
        #expect(!action.isOpen(on: Self.today))
    }

    @Test func dayNumbersCountRealDays() {
        #expect(Self.day("1970-01-01").firstDayNumber == 0)
        #expect(Self.day("2024-03-01").firstDayNumber - Self.day("2024-02-28").firstDayNumber == 2, "2024 is a leap year")
        #expect(Self.day("2100-03-01").firstDayNumber - Self.day("2100-02-28").firstDayNumber == 1, "2100 is not")
        #expect(try! HistoricalDate(year: 2024).lastDayNumber - Self.day("2024-01-01").firstDayNumber == 365)
    }

    @Test func closingNeedsANoteOfReasonableLengthAndReopeningUndoesIt() throws {
        let published = try LifeCycleStep.publish.apply(to: Self.ready, today: Self.today)
        for note in ["", "   ", String(repeating: "a", count: Outcome.maximumNoteLength + 1)] {
            #expect(throws: LifeCycleRefusal.outcomeNoteMissing) {
                try LifeCycleStep.close(Outcome(kind: .released, note: note)).apply(to: published, today: Self.today)
            }
        }
        let closed = try LifeCycleStep.close(Outcome(kind: .chargesDropped, note: " Charges dropped. ")).apply(
            to: published, today: Self.today)
        #expect(closed.status == .closed)
        #expect(closed.outcome == Outcome(kind: .chargesDropped, note: "Charges dropped."))
        #expect(throws: LifeCycleRefusal.notPublished(.close)) {
            try LifeCycleStep.close(Outcome(kind: .other, note: "x")).apply(to: closed, today: Self.today)
        }
        let reopened = try LifeCycleStep.reopen.apply(to: closed, today: Self.today)
        #expect(reopened.status == .published)
        #expect(reopened.outcome == nil)
        #expect(throws: LifeCycleRefusal.notClosed(.published)) { try LifeCycleStep.reopen.apply(to: reopened, today: Self.today) }
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
