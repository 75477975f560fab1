import Foundation
import OutcryCore
import OutcryTestSupport
import SQLKit
import Testing

@testable import OutcryStore

/// Groups and their reports, on both engines: stored once per key, held above what the group could do,
/// counted apart from individual reports, and forgotten when never confirmed.
@Suite struct GroupStoreTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18
    static let vault = try! ContactVault(key: Data(repeating: 5, count: 32))

    static func report(
        _ key: String, _ group: WritingGroup, _ counts: [GroupActionKind: Int], target: Identifier<Target>? = nil
    )
        -> IncomingGroupReport
    {
        IncomingGroupReport(
            idempotencyKey: key, group: group.id,
            input: GroupReportInput(action: "30-24", target: target, counts: counts, from: try! HistoricalDate(iso: "2026-11-17")),
            reportedAt: now)
    }

    @Test(arguments: ThrowawayDatabase.engines)
    func reportsAreStoredOnceHeldAbovePlausibleAndCountedApart(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            #expect(try await store.loadDemoData())
            let school = WritingGroup(id: "class-9b", name: "Class 9B", town: "Bishkek", kind: .school, size: 20, showsName: true)
            let library = WritingGroup(id: "library-evening", name: "Library evening", kind: .event, size: 50)
            for group in [school, library] {
                try await store.save(
                    group,
                    audit: AuditEntry(
                        at: Self.now, actor: "test", action: "created", recordKind: "group", recordID: group.id.rawValue, summary: ""))
            }
            #expect(try await store.record(Self.report("a", school, [.letter: 150], target: "sadyr-japarov"), group: school) == .counted)
            #expect(try await store.record(Self.report("a", school, [.letter: 150], target: "sadyr-japarov"), group: school) == .duplicate)
            #expect(try await store.record(Self.report("b", school, [.card: 50]), group: school) == .counted)
            // 200 is all a class of 20 plausibly writes for one action: one more card is held.
            let held = try await store.record(Self.report("c", school, [.card: 1]), group: school)
            #expect(held == .flagged(reason: "201 actions for this action from a group of 20 (school): more than the 200 plausible"))
            #expect(try await store.record(Self.report("d", library, [.signature: 400]), group: library) == .counted)

            let totals = try await store.totals(of: "30-24")
            #expect(totals.groups == GroupTotals(groups: 2, byKind: [.letter: 150, .card: 50, .signature: 400]))
            #expect(totals.byTarget["sadyr-japarov"]?.groups == GroupTotals(groups: 1, byKind: [.letter: 150]))
            #expect(totals.reports == 0 && totals.actions == 0)

            #expect(try await store.heldGroupReports().map(\.id) == ["c"])
            #expect(try await store.review(groupReport: "c", accept: false, actor: "editor@example.org", now: Self.now))
            #expect(try await !store.review(groupReport: "c", accept: true, actor: "editor@example.org", now: Self.now), "decided once")
            #expect(try await store.totals(of: "30-24").groups.actions == 600)

            let acted = try await store.groupsThatActed(on: ["30-24"])
            #expect(acted.count == 2 && acted.named.map(\.id) == ["class-9b"])
        }
    }

    @Test(arguments: ThrowawayDatabase.engines)
    func aGroupNoCoordinatorCheckedIsBelievedOnlyAsAClassAndKeepsNoPhotoOnceCounted(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            #expect(try await store.loadDemoData())
            // Anyone can register "an event of 20,000": until a coordinator checks it, it is believed as 40 people.
            let event = WritingGroup(id: "big-event", name: "Big event", kind: .event, size: 20_000, showsName: true, verified: false)
            try await store.registerGroup(
                event,
                contact: try GroupContact(
                    email: EmailAddress("organiser@example.org")!, hearsOutcome: false, consentWording: nil, vault: Self.vault),
                now: Self.now)
            let photo = try CleanImage(
                [UInt8](
                    try Data(
                        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                            .appendingPathComponent("Fixtures/images/portrait-gps.jpg"))))
            var counted = Self.report("e1", event, [.letter: 400])
            counted.photo = photo
            #expect(try await store.record(counted, group: event) == .counted)
            #expect(try await store.groupReportPhoto("e1") == nil, "a counted report keeps no photo")
            var held = Self.report("e2", event, [.letter: 1])
            held.photo = photo
            #expect(
                try await store.record(held, group: event)
                    == .flagged(
                        reason:
                            "401 actions for this action from a group of 20000 (event): more than the 400 plausible before a coordinator checks the group"
                    ))
            #expect(try await store.groupReportPhoto("e2")?.mediaType == "image/jpeg", "the coordinator who checks it sees it")
            #expect(try await store.groupsThatActed(on: ["30-24"]).named.isEmpty, "an unchecked group is not named")
            #expect(try await store.review(groupReport: "e2", accept: true, actor: "editor@example.org", now: Self.now))
            #expect(try await store.groupReportPhoto("e2") == nil, "nor once decided")
        }
    }

    @Test(arguments: ThrowawayDatabase.engines)
    func aGroupNeverConfirmedIsForgottenWithItsAddress(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            let waiting = WritingGroup(id: "waiting", name: "Waiting", size: 5, status: .waiting)
            let contact = try GroupContact(
                email: EmailAddress("organiser@example.org")!, hearsOutcome: true, consentWording: "yes", vault: Self.vault)
            try await store.registerGroup(waiting, contact: contact, now: Self.now)
            let stored = try #require(try await store.groupContact("waiting"))
            #expect(stored.emailSealed != "organiser@example.org")
            #expect(try Self.vault.open(stored.emailSealed) == "organiser@example.org")
            #expect(try await store.forgetUnconfirmedGroups(registeredBefore: Self.now) == 0)
            #expect(try await store.confirmGroup("waiting", now: Self.now))
            #expect(try await !store.confirmGroup("waiting", now: Self.now))
            try await store.registerGroup(
                WritingGroup(id: "never", name: "Never", size: 5, status: .waiting), contact: contact, now: Self.now)
            #expect(try await store.forgetUnconfirmedGroups(registeredBefore: Self.now.addingTimeInterval(1)) == 1)
            #expect(try await store.allGroups().map(\.id) == ["waiting"])
        }
    }
}
