import Testing

@testable import OutcryCore

@Suite struct TimelineTests {
    let caseID: Identifier<Case> = "test-case"
    let makhabat: Identifier<Person> = "makhabat"
    let aike: Identifier<Person> = "aike"

    func event(_ id: String, _ date: String, _ kind: EventKind, _ people: [Identifier<Person>]) throws -> Event {
        Event(id: Identifier(id), caseID: caseID, date: try EventDate(iso: date), kind: kind, summary: id, people: people)
    }

    @Test func statusFollowsTheLatestEventThatChangesIt() throws {
        let events = [
            try event("raid", "2024-01-16", .raid, [makhabat]),
            try event("detained", "2024-01-16", .detained, [makhabat]),
            try event("pretrial", "2024-01-16/2024-03-12", .pretrialDetention, [makhabat]),
            try event("beaten", "2024-04-05", .illTreatmentAlleged, [makhabat]),
        ]
        let status = try #require(Timeline.currentStatus(of: makhabat, in: events))
        #expect(status.status == .pretrialDetention)
        #expect(status.event == "pretrial")
        #expect(status.inCustodySince == (try EventDate(iso: "2024-01-16")))
        #expect(status.sentence == "In pre-trial detention since some time between 16 January 2024 and 12 March 2024")
    }

    @Test func orderOfRecordingDoesNotMatterOnlyDates() throws {
        let events = [
            try event("released", "2024-04-09", .releasedUnderSupervision, [aike]),
            try event("detained", "2024-01-16", .detained, [aike]),
            try event("house", "2024-03-12", .houseArrest, [aike]),
        ]
        let status = try #require(Timeline.currentStatus(of: aike, in: events))
        #expect(status.status == .releasedUnderSupervision)
        #expect(status.inCustodySince == nil)
        #expect(Timeline.ordered(events).map(\.id) == ["detained", "house", "released"])
    }

    @Test func sameDateEventsKeepTheOrderTheyWereRecordedIn() throws {
        let events = [
            try event("questioned", "2025-05-28/2025-05-29", .questioned, [aike]),
            try event("detained", "2025-05-28/2025-05-29", .detained, [aike]),
        ]
        #expect(try #require(Timeline.currentStatus(of: aike, in: events)).status == .detained)
    }

    @Test func questioningOrChargingSomeoneHeldDoesNotFreeThem() throws {
        let events = [
            try event("detained", "2024-01-16", .detained, [aike]),
            try event("charged", "2024-01-20", .charged, [aike]),
            try event("questioned", "2024-01-21", .questioned, [aike]),
        ]
        let status = try #require(Timeline.currentStatus(of: aike, in: events))
        #expect(status.status == .detained)
        #expect(status.since == (try EventDate(iso: "2024-01-16")))
    }

    @Test func eventsAboutOthersOrWithoutEffectLeaveNoStatus() throws {
        let events = [
            try event("raid", "2024-01-16", .raid, [aike]),
            try event("other", "2024-01-16", .detained, [makhabat]),
        ]
        #expect(Timeline.currentStatus(of: aike, in: events) == nil)
    }

    @Test func releaseEndsCustodyAndANewDetentionStartsItAgain() throws {
        let events = [
            try event("d1", "2023-05-01", .detained, [aike]),
            try event("r", "2023-06-01", .released, [aike]),
            try event("d2", "2024-01-16", .detained, [aike]),
            try event("s", "2024-10", .sentenced, [aike]),
        ]
        let status = try #require(Timeline.currentStatus(of: aike, in: events))
        #expect(status.status == .imprisoned)
        #expect(status.inCustodySince == (try EventDate(iso: "2024-01-16")))
    }
}
