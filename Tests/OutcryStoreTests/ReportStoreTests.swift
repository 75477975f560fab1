import Foundation
import OutcryCore
import OutcryTestSupport
import SQLKit
import Synchronization
import Testing

@testable import OutcryStore

/// Reports on both engines: each counted exactly once, caps flag rather than drop, totals from counters.
@Suite struct ReportStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_779_726)

    func report(
        _ key: String, _ counts: [Channel: Int], target: Identifier<Target>? = nil, country: String? = nil,
        client: String = "client", honeypot: Bool = false
    ) -> IncomingReport {
        IncomingReport(
            idempotencyKey: key, urgentAction: "30-24",
            input: ReportInput(counts: counts, target: target, country: country.flatMap(Country.init(rawValue:))),
            clientHash: client, reportedAt: now, honeypotFilled: honeypot)
    }

    /// On PostgreSQL each commit adds to one of several shards of the counters, so instances committing at
    /// once do not queue on the same rows; the totals are their sum, whatever shards the commits took.
    @Test(arguments: ThrowawayDatabase.engines)
    func totalsAreTheSumOfTheCounterShards(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            _ = try await store.loadDemoData()
            // Each recorded on its own: a commit each, a shard each.
            for index in 0..<40 {
                let outcome = try await store.record(
                    [report("r\(index)", [.letter: 2], target: "sadyr-japarov", country: "KG", client: "c\(index)")], caps: ReportCaps())
                #expect(outcome == [.counted])
            }
            let totals = try await store.totals(of: "30-24")
            #expect(totals.reports == 40 && totals.byChannel[.letter] == 80)
            #expect(totals.byTarget["sadyr-japarov"]?.reports == 40 && totals.peopleByCountry[Country(rawValue: "KG")] == 40)
            let shards = try await store.engine.read { database in
                try await database.raw("SELECT COUNT(DISTINCT shard) AS n FROM action_counters").first()?.decode(column: "n", as: Int.self)
            }
            #expect(engine == .sqlite ? shards == 1 : shards ?? 0 > 1, "SQLite has one writer and one shard")
        }
    }

    /// One letter copied to both officials is one person and one letter in all, and counts for each of them.
    @Test(arguments: ThrowawayDatabase.engines)
    func aReportNamingSeveralOfficialsCountsOnceInAllAndForEach(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            _ = try await store.loadDemoData()
            let writer = ReportWriter(store: store)
            let both = IncomingReport(
                idempotencyKey: "both", urgentAction: "30-24",
                input: ReportInput(counts: [.letter: 1, .email: 2], targets: ["sadyr-japarov", "baktybek-amanbaev"]),
                clientHash: "client", reportedAt: now, honeypotFilled: false)
            #expect(try await writer.submit(both) == .counted)
            #expect(try await writer.submit(report("one", [.call: 1], target: "sadyr-japarov", country: "KG")) == .counted)
            let totals = try await store.totals(of: "30-24")
            #expect(totals.reports == 2 && totals.byChannel[.letter] == 1 && totals.byChannel[.email] == 2 && totals.actions == 4)
            #expect(totals.byTarget["sadyr-japarov"]?.reports == 2 && totals.byTarget["sadyr-japarov"]?.actions == 4)
            #expect(totals.byTarget["baktybek-amanbaev"]?.reports == 1 && totals.byTarget["baktybek-amanbaev"]?.byChannel[.email] == 2)
            #expect(totals.byTarget["sadyr-japarov"]?.countries == 1)

            // Held for review (an absurd single report), it names both officials there, and counts for both once accepted.
            let held = IncomingReport(
                idempotencyKey: "held", urgentAction: "30-24",
                input: ReportInput(counts: [.letter: 400], targets: ["baktybek-amanbaev", "sadyr-japarov"]),
                clientHash: "other", reportedAt: now, honeypotFilled: false)
            guard case .flagged = try await writer.submit(held) else {
                Issue.record("a report of 400 letters is held")
                return
            }
            let flagged = try #require(try await store.flaggedReports(of: "30-24").first)
            #expect(flagged.targets == ["baktybek-amanbaev", "sadyr-japarov"])
            #expect(try await store.review(report: flagged.id, of: "30-24", accept: true, actor: "test", now: now))
            let after = try await store.totals(of: "30-24")
            #expect(
                after.byTarget["baktybek-amanbaev"]?.byChannel[.letter] == 401 && after.byTarget["sadyr-japarov"]?.byChannel[.letter] == 401
            )
            #expect(after.byChannel[.letter] == 401 && after.reports == 3)
        }
    }

    @Test(arguments: ThrowawayDatabase.engines)
    func aThousandConcurrentReportsAreCountedExactly(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            _ = try await store.loadDemoData()
            let writer = ReportWriter(store: store)
            let countries = ["DE", "KG", "US", "FR", nil]
            let targets: [Identifier<Target>?] = ["sadyr-japarov", "baktybek-amanbaev", nil]
            let reports = (0..<1_000).map { index in
                report(
                    "key-\(index)", [.letter: index % 3, .email: 1 + index % 2, .call: index % 5 == 0 ? 1 : 0],
                    target: targets[index % 3], country: countries[index % 5], client: "client-\(index)")
            }
            let outcomes = try await withThrowingTaskGroup(of: ReportOutcome.self) { group in
                for item in reports { group.addTask { try await writer.submit(item) } }
                return try await group.reduce(into: [ReportOutcome]()) { $0.append($1) }
            }
            #expect(outcomes.allSatisfy { $0 == .counted })

            let totals = try await store.totals(of: "30-24")
            #expect(totals.reports == 1_000)
            for channel in Channel.allCases {
                #expect(totals.byChannel[channel, default: 0] == reports.map { $0.input.counts[channel] ?? 0 }.reduce(0, +), "\(channel)")
            }
            #expect(totals.peopleByCountry[Country(rawValue: "DE")] == 200)
            #expect(totals.peopleByCountry[nil] == 200)
            #expect(totals.countries == 4)
            let president = try #require(totals.byTarget["sadyr-japarov"])
            #expect(president.reports == 334)
            #expect(president.countries == 4)
            #expect(
                president.byChannel[.email]
                    == reports.filter { $0.input.targets == ["sadyr-japarov"] }.map { $0.input.counts[.email]! }.reduce(0, +))
            let stored = try await store.engine.read { database in
                try await database.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("action_reports").first()!
                    .decode(column: "n", as: Int.self)
            }
            #expect(stored == 1_000)
        }
    }

    @Test(arguments: ThrowawayDatabase.engines)
    func theSameKeyIsStoredOnceWhetherInOneBatchOrTwo(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            _ = try await store.loadDemoData()
            let first = report("same", [.letter: 2])
            #expect(try await store.record([first, first], caps: ReportCaps()) == [.counted, .duplicate])
            #expect(try await store.record([first], caps: ReportCaps()) == [.duplicate])
            let writer = ReportWriter(store: store)
            async let a = writer.submit(report("twice", [.email: 1]))
            async let b = writer.submit(report("twice", [.email: 1]))
            #expect(Set([try await a, try await b]) == [.counted, .duplicate])
            let totals = try await store.totals(of: "30-24")
            #expect(totals.reports == 2)
            #expect(totals.byChannel == [.letter: 2, .email: 1])
        }
    }

    @Test(arguments: ThrowawayDatabase.engines)
    func reportsOverTheCapsAreStoredFlaggedAndNotCounted(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            _ = try await store.loadDemoData()
            let caps = ReportCaps(reportsPerDay: 3, actionsPerDay: 10)
            let outcomes = try await store.record((0..<5).map { report("r\($0)", [.letter: 1], client: "busy") }, caps: caps)
            #expect(outcomes.prefix(3).allSatisfy { $0 == .counted })
            #expect(outcomes.suffix(2).allSatisfy { $0 == .flagged(reason: "more than 3 reports from one connection today") })
            #expect(
                try await store.record([report("big", [.letter: 11], client: "other")], caps: caps)
                    == [.flagged(reason: "more than 10 actions from one connection today")])
            #expect(
                try await store.record([report("bot", [.call: 1], client: "third", honeypot: true)], caps: caps)
                    == [.flagged(reason: "a field hidden from people was filled in")])
            #expect(try await store.record([report("ok", [.call: 1], client: "fourth")], caps: caps) == [.counted])

            let totals = try await store.totals(of: "30-24")
            #expect(totals.reports == 4)
            #expect(totals.byChannel == [.letter: 3, .call: 1])
            let flagged = try await store.engine.read { database in
                try await database.select().column("flag_reason").from("action_reports").where("flagged", .equal, SQLLiteral.boolean(true))
                    .all().count
            }
            #expect(flagged == 4)
        }
    }

    /// One implausible report from an address is held on its own: the reports after it, from the same
    /// address (perhaps other people behind it), are counted as before.
    @Test(arguments: ThrowawayDatabase.engines)
    func anAbsurdReportIsHeldWithoutHoldingBackItsAddress(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            _ = try await store.loadDemoData()
            let caps = ReportCaps()
            let first = try await store.record([report("huge", [.letter: 500], client: "campus")], caps: caps)
            #expect(first == [.flagged(reason: "500 actions in one report (more than 100)")])
            let later = try await store.record((0..<20).map { report("one\($0)", [.email: 1], client: "campus") }, caps: caps)
            #expect(later.allSatisfy { $0 == .counted })
            #expect(try await store.totals(of: "30-24").actions == 20)
        }
    }

    /// With a ledger, a client's counts live in memory between batches and reach the database at most once
    /// per interval; a restarted instance (a new ledger) takes them up from there.
    @Test(arguments: ThrowawayDatabase.engines)
    func aLedgerKeepsTheCapsAcrossBatchesAndWritesTheCountsBack(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            _ = try await store.loadDemoData()
            let caps = ReportCaps(reportsPerDay: 3, actionsPerDay: 100)
            func stored() async throws -> Int {
                try await store.engine.read { database in
                    try await database.select().column("reports").from("client_activity").where("client_hash", .equal, "busy").first()?
                        .decode(column: "reports", as: Int.self) ?? 0
                }
            }
            let clock = StepClock(now)
            let ledger = ClientLedger(flushInterval: 1, clock: clock)
            #expect(try await store.record([report("a", [.letter: 1], client: "busy")], caps: caps, ledger: ledger) == [.counted])
            #expect(try await stored() == 1, "the first batch writes at once")
            #expect(try await store.record([report("b", [.letter: 1], client: "busy")], caps: caps, ledger: ledger) == [.counted])
            #expect(try await store.record([report("b", [.letter: 1], client: "busy")], caps: caps, ledger: ledger) == [.duplicate])
            #expect(
                try await store.record(
                    [report("c", [.letter: 1], client: "busy"), report("d", [.letter: 1], client: "busy")],
                    caps: caps, ledger: ledger) == [.counted, .flagged(reason: "more than 3 reports from one connection today")])
            #expect(try await stored() == 1, "later batches wait for the interval")
            clock.advance(seconds: 1)
            #expect(
                try await store.record([report("e", [.letter: 1], client: "busy")], caps: caps, ledger: ledger)
                    == [.flagged(reason: "more than 3 reports from one connection today")])
            #expect(try await stored() == 5, "what was kept back goes with the next batch after the interval")

            let restarted = ClientLedger()
            #expect(
                try await store.record([report("f", [.letter: 1], client: "busy")], caps: caps, ledger: restarted)
                    == [.flagged(reason: "more than 3 reports from one connection today")])
            #expect(try await store.totals(of: "30-24").reports == 3)
        }
    }

    @Test(arguments: ThrowawayDatabase.engines)
    func saltsAreSharedPerDayAndForgottenAfterTwo(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            let today = try await store.clientSalt(for: now)
            #expect(try await store.clientSalt(for: now.addingTimeInterval(60)) == today)
            let tomorrow = now.addingTimeInterval(86_400)
            #expect(try await store.clientSalt(for: tomorrow) != today)
            try await store.forgetOldClientActivity(now: tomorrow.addingTimeInterval(2 * 86_400))
            let salts = try await store.engine.read { try await $0.select().column("day").from("client_salts").all().count }
            #expect(salts == 0)
        }
    }

    /// The first key's check is kept; an instance with another key is told so.
    @Test(arguments: ThrowawayDatabase.engines)
    func theDatabaseKnowsTheDataKeyItWasFirstUsedWith(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            let first = try ContactVault(key: Data(repeating: 1, count: 32))
            let other = try ContactVault(key: Data(repeating: 2, count: 32))
            #expect(try await store.matchesDataKey(check: first.check))
            #expect(try await store.matchesDataKey(check: first.check))
            #expect(try await !store.matchesDataKey(check: other.check))
        }
    }
}

/// A clock that moves only when told.
final class StepClock: WallClock {
    private let current: Mutex<Date>

    init(_ start: Date) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func advance(seconds: TimeInterval) { current.withLock { $0 += seconds } }
}
