import Foundation
import OutcryCore
import OutcryTestSupport
import SQLKit
import Testing

@testable import OutcryStore

/// The same behaviour on every engine: what is saved comes back exactly, and nothing is half-written.
@Suite struct StoreContractTests {
    @Test(arguments: ThrowawayDatabase.engines)
    func migrationsApplyOnceAndInOrder(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine, migrated: false) { store async throws in
            var steps: [Int] = []
            let first = try await store.migrate { step, _, _ in steps.append(step) }
            #expect(first == Migrations.all.map(\.name))
            #expect(steps == Array(1...Migrations.all.count))
            #expect(try await store.migrate().isEmpty)
        }
    }

    @Test(arguments: ThrowawayDatabase.engines)
    func demoDataLoadsOnceAndComesBackExactly(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            #expect(try await store.loadDemoData())
            #expect(try await store.loadDemoData() == false)
            let expected = try DemoData.dataset()

            #expect(try await store.publicUrgentActions() == expected.urgentActions)
            #expect(try await store.urgentAction("30-24") == expected.urgentActions.first)
            #expect(try await store.cases(expected.cases.map(\.id)) == expected.cases)
            #expect(try await store.people(expected.people.map(\.id)) == expected.people)
            #expect(try await store.targets(expected.targets.map(\.id)) == expected.targets)
            #expect(try await store.organisations(expected.organisations.map(\.id)) == expected.organisations)
            #expect(try await store.statements() == expected.statements)
            for item in expected.cases {
                let stored = try await store.events(inCase: item.id)
                #expect(stored == Timeline.ordered(expected.events.filter { $0.caseID == item.id }))
            }
        }
    }

    @Test(arguments: ThrowawayDatabase.engines)
    func currentStatusIsDerivedFromTheStoredTimeline(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            _ = try await store.loadDemoData()
            let temirov = try await store.events(inCase: "temirov-live-2024")
            let makhabat = try #require(Timeline.currentStatus(of: "makhabat-tazhibek-kyzy", in: temirov))
            #expect(makhabat.status == .pretrialDetention)
            #expect(makhabat.inCustodySince == (try EventDate(iso: "2024-01-16")))
            let kloop = try await store.events(inCase: "kloop-media-2025")
            #expect(Timeline.currentStatus(of: "aleksandr-aleksandrov", in: kloop)?.status == .detained)
            #expect(Timeline.currentStatus(of: "aiday-erkebaeva", in: kloop)?.status == .questioned)

            let aike = try await store.events(affecting: "aike-beishekeeva")
            #expect(aike.allSatisfy { $0.people.contains("aike-beishekeeva") })
            #expect(aike.map(\.kind) == [.raid, .detained, .charged, .pretrialDetention])
        }
    }

    @Test(arguments: ThrowawayDatabase.engines)
    func draftsStayOutOfPublicListsAndSavingAgainReplaces(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            _ = try await store.loadDemoData()
            var dataset = try DemoData.dataset()
            var draft = dataset.urgentActions[0]
            draft.id = "31-24"
            draft.number = "31.24"
            draft.kind = .update
            draft.status = .draft
            draft.updates = "30-24"
            draft.targets = [UrgentActionTarget(target: "baktybek-amanbaev", role: .copy)]
            dataset.urgentActions = [draft]
            try await store.save(Dataset(urgentActions: [draft]).merged(into: try DemoData.dataset()))
            #expect(try await store.publicUrgentActions().map(\.id) == ["30-24"])
            #expect(try await store.urgentAction("31-24") == draft)

            draft.status = .published
            draft.title = "Further information"
            try await store.save(Dataset(urgentActions: [draft]).merged(into: try DemoData.dataset()))
            #expect(try await store.urgentAction("31-24")?.title == "Further information")
            #expect(Set(try await store.publicUrgentActions().map(\.id)) == ["30-24", "31-24"])
        }
    }

    @Test(arguments: ThrowawayDatabase.engines)
    func anInvalidDatasetWritesNothing(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            var dataset = try DemoData.dataset()
            dataset.events.append(Event(id: "orphan", caseID: "no-such-case", date: try EventDate(iso: "2024"), kind: .raid, summary: ""))
            await #expect(throws: StoreError.self) { try await store.save(dataset) }
            #expect(try await store.publicUrgentActions().isEmpty)
            #expect(try await store.people(dataset.people.map(\.id)).isEmpty)
        }
    }

    @Test(arguments: ThrowawayDatabase.engines)
    func aFailingTransactionLeavesNoTrace(engine: SQLEngineKind) async throws {
        struct Interrupted: Error {}
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            await #expect(throws: Interrupted.self) {
                try await store.engine.transaction { database in
                    try await database.insert(into: "settings").columns("key", "value").values(SQLBind("k"), SQLBind("v")).run()
                    throw Interrupted()
                }
            }
            #expect(try await store.markDone("k"))
        }
    }

    @Test(arguments: ThrowawayDatabase.engines)
    func concurrentReadsAndWritesDoNotInterfere(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            _ = try await store.loadDemoData()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        if index.isMultiple(of: 2) {
                            _ = try await store.markDone("key-\(index)")
                        } else {
                            #expect(try await store.urgentAction("30-24")?.targets.count == 2)
                        }
                    }
                }
                try await group.waitForAll()
            }
            for index in stride(from: 0, to: 20, by: 2) { #expect(try await store.markDone("key-\(index)") == false) }
        }
    }
}

extension Dataset {
    /// `self`'s records added to `base`'s, replacing those with the same id.
    func merged(into base: Dataset) -> Dataset {
        var result = base
        result.urgentActions = base.urgentActions.filter { old in !urgentActions.contains { $0.id == old.id } } + urgentActions
        return result
    }
}
