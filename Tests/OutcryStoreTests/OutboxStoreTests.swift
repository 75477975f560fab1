import Foundation
import OutcryCore
import OutcryTestSupport
import SQLKit
import Testing

@testable import OutcryStore

/// The outbox on both engines: each message claimed by one sender, never lost, resends counted.
@Suite struct OutboxStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_779_726)

    func drafts(_ count: Int, prefix: String = "m") -> [OutboxDraft] {
        (0..<count).map { index in
            OutboxDraft(
                dedupeKey: "\(prefix)-\(index)", subscription: nil, recipientSealed: "sealed-\(index)",
                messageID: "\(prefix)-\(index)@example.org",
                kind: "alert", subject: "Subject \(index)", text: "Text", html: nil, headers: ["List-Unsubscribe": "<https://x/\(index)>"])
        }
    }

    @Test(arguments: ThrowawayDatabase.engines)
    func queuedOnceClaimedOnceAndRecoveredAfterAStop(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            #expect(try await store.queue(drafts(5), now: now) == 5)
            #expect(try await store.queue(drafts(5), now: now) == 0, "the same purpose is never queued twice")
            let first = try await store.claimOutbox(worker: "a", limit: 3, lease: 60, now: now)
            #expect(first.map(\.messageID) == ["m-0@example.org", "m-1@example.org", "m-2@example.org"])
            #expect(first[0].headers == ["List-Unsubscribe": "<https://x/0>"])
            let second = try await store.claimOutbox(worker: "b", limit: 10, lease: 60, now: now)
            #expect(second.map(\.messageID) == ["m-3@example.org", "m-4@example.org"], "claimed messages are not shared")
            try await store.markSent(first[0].id, now: now)
            try await store.markUnsent(first[1].id, error: "451 try later", retryAt: now.addingTimeInterval(60))
            try await store.markUnsent(first[2].id, error: "550 no such user", retryAt: nil)

            // "b" stops while m-3 is in flight; started again, it takes back its own at once, and only
            // m-3 may already be at the server.
            try await store.markInFlight(second[0].id)
            #expect(try await store.recoverOutbox(worker: "b") == 2)
            let again = try await store.claimOutbox(worker: "b", limit: 10, lease: 60, now: now)
            #expect(again.map(\.messageID) == ["m-3@example.org", "m-4@example.org"])
            #expect(again.map(\.isResend) == [true, false])
            try await store.markInFlight(again[1].id)
            // A claim that ran out (its sender died elsewhere) is taken over, and counted as a resend.
            let later = try await store.claimOutbox(worker: "c", limit: 10, lease: 60, now: now.addingTimeInterval(61))
            #expect(Set(later.map(\.messageID)) == ["m-1@example.org", "m-3@example.org", "m-4@example.org"])
            for entry in later { try await store.markSent(entry.id, now: now) }
            let status = try await store.outboxStatus()
            #expect(status.sent == 4 && status.failed == 1 && status.queued == 0 && status.sending == 0)
            #expect(status.resends == 2, "m-3 after the restart, m-4 after the claim ran out")
            #expect(status.lastErrors.contains("550 no such user"))
        }
    }

    /// A sender with several connections claims as `worker#1`, `worker#2`…: started again, it takes back
    /// what any of them left, and nothing of another worker whose name merely starts the same way.
    @Test(arguments: ThrowawayDatabase.engines)
    func aRestartTakesBackWhatEveryConnectionLeft(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            #expect(try await store.queue(drafts(8), now: now) == 8)
            for worker in ["host:serve#1", "host:serve#2", "host:serve#12", "host:serve2#1", "host:server"] {
                #expect(try await store.claimOutbox(worker: worker, limit: 1, lease: 600, now: now).count == 1)
            }
            #expect(try await store.recoverOutbox(worker: "host:serve") == 3)
            let free = try await store.claimOutbox(worker: "other", limit: 10, lease: 600, now: now)
            #expect(free.count == 6, "the three taken back and the three never claimed; the other workers keep theirs")
        }
    }

    @Test(arguments: ThrowawayDatabase.engines)
    func concurrentSendersNeverClaimTheSameMessage(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            #expect(try await store.queue(drafts(400), now: now) == 400)
            let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        var mine: [Int64] = []
                        while true {
                            let batch = try await store.claimOutbox(worker: "w\(worker)", limit: 7, lease: 600, now: now)
                            if batch.isEmpty { return mine }
                            mine += batch.map(\.id)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(claimed.count == 400)
            #expect(Set(claimed).count == 400)
        }
    }

    @Test(arguments: ThrowawayDatabase.engines)
    func subscriptionsAreFoundByLookupAndErasedWithTheirMessages(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            _ = try await store.loadDemoData()
            let consent = Consent(wording: Consent.alerts, givenAt: now)
            let stored = try await store.subscribe(
                lookup: "L1", sealed: "S1", language: "en", filter: .countries([Country(rawValue: "KG")!]), frequency: .instant,
                consent: consent, now: now)
            let again = try await store.subscribe(
                lookup: "L1", sealed: "S1", language: "fr", filter: .everything, frequency: .weekly, consent: consent, now: now)
            #expect(again.id == stored.id && again.language == "en", "a second request changes nothing until confirmed")
            let item = try #require(try await store.case("temirov-live-2024"))
            #expect(try await store.subscribers(for: item, frequency: .instant).isEmpty, "pending subscribers hear nothing")
            #expect(try await store.confirm(stored.id, now: now))
            #expect(try await store.subscribers(for: item, frequency: .instant).map(\.id) == [stored.id])
            var other = item
            other.country = Country(rawValue: "FR")!
            #expect(try await store.subscribers(for: other, frequency: .instant).isEmpty)

            var draft = drafts(1)[0]
            draft.subscription = stored.id
            try await store.queue([draft], now: now)
            #expect(try await store.messages(for: stored.id).count == 1)
            try await store.erase(stored.id)
            #expect(try await store.subscription(lookup: "L1") == nil)
            #expect(try await store.outboxStatus() == OutboxStatus())
            #expect(!(try await store.confirm(stored.id, now: now)))
        }
    }
}
