import Foundation
import Logging
import NIOCore
import OutcryCore
import OutcryTestSupport
import SQLKit
import Synchronization
import Testing

@testable import OutcryStore

/// The batch reads pages are built from: the right records, and a number of queries that does not grow
/// with the number of records.
extension StoreContractTests {
    /// Beside the demo's action: a published update and a draft in its case, and an action in the other case.
    static func addActions(to store: Store) async throws -> (update: UrgentAction, draft: UrgentAction, other: UrgentAction) {
        let demo = try DemoData.dataset()
        var update = demo.urgentActions[0]
        update.id = "31-24"
        update.number = "31.24"
        update.kind = .update
        update.updates = "30-24"
        update.issued = try HistoricalDate(iso: "2024-05-02")
        update.people = ["aike-beishekeeva"]
        update.targets = [UrgentActionTarget(target: "baktybek-amanbaev", role: .copy)]
        update.letters = []
        var draft = update
        draft.id = "32-24"
        draft.number = "32.24"
        draft.status = .draft
        draft.issued = try HistoricalDate(iso: "2024-06-10")
        draft.people = ["makhabat-tazhibek-kyzy", "aike-beishekeeva"]
        var other = demo.urgentActions[0]
        other.id = "3-25"
        other.number = "3.25"
        other.caseID = "kloop-media-2025"
        other.issued = try HistoricalDate(iso: "2025-02-01")
        other.people = ["aleksandr-aleksandrov", "aiday-erkebaeva"]
        other.targets = [UrgentActionTarget(target: "sadyr-japarov")]
        try await store.save(Dataset(urgentActions: [update, draft, other]).merged(into: demo))
        return (update, draft, other)
    }

    @Test(arguments: ThrowawayDatabase.engines)
    func aCasesPublicActionsAreTheOnesOfThatCaseOnly(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            _ = try await store.loadDemoData()
            let added = try await Self.addActions(to: store)
            let temirov = try await store.publicUrgentActions(inCase: "temirov-live-2024")
            #expect(temirov.map(\.id) == ["31-24", "30-24"], "newest first, the draft left out")
            #expect(temirov.first == added.update)
            #expect(temirov == (try await store.publicUrgentActions().filter { $0.caseID == "temirov-live-2024" }))
            #expect(try await store.publicUrgentActions(inCase: "kloop-media-2025") == [added.other])
            #expect(try await store.publicUrgentActions(inCase: "no-such-case").isEmpty)
        }
    }

    @Test(arguments: ThrowawayDatabase.engines)
    func actionsAreReadByIdInTheOrderAskedWithTheirOwnParts(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            _ = try await store.loadDemoData()
            let added = try await Self.addActions(to: store)
            let demo = try #require(try DemoData.dataset().urgentActions.first)
            let read = try await store.urgentActions(["3-25", "no-such-action", "30-24", "32-24", "31-24"])
            #expect(read == [added.other, demo, added.draft, added.update])
            #expect(read.map(\.people.count) == [2, 2, 2, 1])
            #expect(read.map(\.targets.count) == [1, 2, 1, 1])
            #expect(read.map(\.letters.count) == [1, 1, 0, 0])
            #expect(try await store.urgentActions([]).isEmpty)
            #expect(try await store.allUrgentActions() == [added.other, added.draft, added.update, demo])
        }
    }

    @Test(arguments: ThrowawayDatabase.engines)
    func theTotalsOfManyActionsAreEachActionsOwn(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            _ = try await store.loadDemoData()
            _ = try await Self.addActions(to: store)
            let now = Date(timeIntervalSince1970: 1_795_779_726)
            func report(_ key: String, _ action: Identifier<UrgentAction>, _ input: ReportInput) -> IncomingReport {
                IncomingReport(idempotencyKey: key, urgentAction: action, input: input, clientHash: key, reportedAt: now)
            }
            let germany = Country(rawValue: "DE")
            let kyrgyzstan = Country(rawValue: "KG")
            let outcomes = try await store.record(
                [
                    report("a", "30-24", ReportInput(counts: [.letter: 2], target: "sadyr-japarov", country: germany)),
                    report("b", "30-24", ReportInput(counts: [.email: 1])),
                    report("c", "31-24", ReportInput(counts: [.call: 3], country: kyrgyzstan)),
                ], caps: ReportCaps())
            #expect(outcomes == [.counted, .counted, .counted])

            let totals = try await store.totals(of: ["30-24", "31-24", "3-25"])
            #expect(totals.count == 3)
            let first = try #require(totals["30-24"])
            #expect(first.reports == 2)
            #expect(first.byChannel == [.letter: 2, .email: 1])
            #expect(first.peopleByCountry == [germany: 1, nil: 1])
            #expect(first.byTarget == ["sadyr-japarov": TargetTotals(reports: 1, byChannel: [.letter: 2], peopleByCountry: [germany: 1])])
            #expect(totals["31-24"] == Totals(reports: 1, byChannel: [.call: 3], peopleByCountry: [kyrgyzstan: 1]))
            #expect(totals["3-25"] == Totals(), "an action nobody reported on has empty totals")
            for (action, batch) in totals { #expect(try await store.totals(of: action) == batch) }
            #expect(try await store.totals(of: []).isEmpty)
        }
    }

    /// What the home page reads (its actions, their cases and people, the latest statements, the cards'
    /// totals) costs the same number of queries for one action as for many.
    @Test(arguments: ThrowawayDatabase.engines)
    func theHomePagesReadsDoNotGrowWithTheNumberOfActions(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            _ = try await store.loadDemoData()
            let counting = CountingEngine(store.engine)
            let counted = Store(engine: counting)
            func homePageQueries() async throws -> (queries: Int, actions: Int) {
                let before = counting.queries
                let actions = try await counted.publicUrgentActions()
                let cases = try await counted.cases(Array(Set(actions.map(\.caseID))))
                let people = try await counted.people(Array(Set(actions.flatMap(\.people))))
                _ = try await counted.statements(limit: 10)
                _ = try await counted.totals(of: actions.map(\.id))
                #expect(cases.count == Set(actions.map(\.caseID)).count)
                #expect(people.count == Set(actions.flatMap(\.people)).count)
                return (counting.queries - before, actions.count)
            }
            let one = try await homePageQueries()
            _ = try await Self.addActions(to: store)
            let three = try await homePageQueries()
            #expect(one.actions == 1 && three.actions == 3)
            #expect(one.queries == three.queries)
            // The actions and their targets, letters and people; the cases and their people and organisations;
            // the people and their organisations; the statements and their quotes, cases, people and
            // organisations; the totals.
            #expect(three.queries == 4 + 3 + 2 + 5 + 1)
        }
    }
}

/// An engine that counts the statements run through it, on another engine's connections.
final class CountingEngine: SQLEngine {
    let base: any SQLEngine
    private let count = Mutex(0)

    init(_ base: any SQLEngine) { self.base = base }

    var kind: SQLEngineKind { base.kind }
    var queries: Int { count.withLock { $0 } }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await base.transaction { database in try await body(CountingDatabase(base: database, engine: self)) }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await base.read { database in try await body(CountingDatabase(base: database, engine: self)) }
    }

    func shutdown() async {}

    fileprivate func counted() { count.withLock { $0 += 1 } }
}

private struct CountingDatabase: SQLDatabase {
    let base: any SQLDatabase
    let engine: CountingEngine

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        engine.counted()
        return base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        engine.counted()
        try await base.execute(sql: query, onRow)
    }
}
