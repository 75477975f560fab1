import Foundation
import OutcryCore
import OutcryTestSupport
import SQLKit
import Testing

@testable import OutcryStore

/// The daily record of an action's totals and the signed statements, on both engines.
@Suite struct SignedTotalsStoreTests {
    static let day = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18

    @Test(arguments: ThrowawayDatabase.engines)
    func theDailyRecordKeepsOneEntryADayChainedToTheOneBefore(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            #expect(try await store.loadDemoData())
            let first = try await store.dailyTotalsEntry(of: "30-24", totals: Totals(reports: 2, byChannel: [.letter: 3]), at: Self.day)
            #expect(first.previousHash == DailyTotalsEntry.origin && first.isIntact)
            let later = try await store.dailyTotalsEntry(
                of: "30-24", totals: Totals(reports: 5, byChannel: [.letter: 9]), at: Self.day.addingTimeInterval(3_600))
            #expect(later == first, "the day's entry is written once")
            // Two instances on the next day at once: one entry, the same for both.
            let next = Self.day.addingTimeInterval(86_400)
            async let a = store.dailyTotalsEntry(of: "30-24", totals: Totals(reports: 6, byChannel: [.letter: 10]), at: next)
            async let b = store.dailyTotalsEntry(of: "30-24", totals: Totals(reports: 7, byChannel: [.letter: 11]), at: next)
            let (one, other) = try await (a, b)
            #expect(one == other && one.previousHash == first.hash && one.isIntact)
            #expect(try await store.dailyTotals(of: "30-24").map(\.day) == ["2026-11-18", "2026-11-19"])
            #expect(try await store.dailyTotalsStillHold(first.link, of: "30-24"))
            #expect(try await store.dailyTotalsStillHold(one.link, of: "30-24"))

            try await store.engine.transaction { database in
                try await database.raw("UPDATE daily_totals SET numbers = REPLACE(numbers, 'people=2', 'people=20')").run()
            }
            #expect(try await !store.dailyTotalsStillHold(first.link, of: "30-24"), "a changed entry no longer hashes to its hash")
            #expect(try await !store.dailyTotalsStillHold(one.link, of: "30-24"), "and every entry after it is cut off")
        }
    }

    @Test(arguments: ThrowawayDatabase.engines)
    func aSignedStatementIsKeptOnceUnderItsCode(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            #expect(try await store.loadDemoData())
            let signer = try TotalsSigner(vault: ContactVault(key: Data(repeating: 7, count: 32)))
            let signed = try signer.sign(
                TotalsStatement(
                    site: "https://ua.example.org", action: "30-24", actionNumber: "30.24", day: "2026-11-18", people: 2,
                    byChannel: [.letter: 3], countries: 1, record: nil))
            let code = TotalsSigner.code(of: signed)
            try await store.keepSignedStatement(signed, code: code, at: Self.day)
            try await store.keepSignedStatement(signed, code: code, at: Self.day)
            #expect(try await store.signedStatement(code: code) == signed)
            #expect(signer.isGenuine(signed))
            let other = try TotalsSigner(vault: ContactVault(key: Data(repeating: 8, count: 32)))
            #expect(!other.isGenuine(signed), "another data key is another signing key")
            #expect(try await store.signedStatement(code: "0000-0000-0000") == nil)
        }
    }
}
