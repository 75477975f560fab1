import Foundation
import OutcryCore
import OutcryStore
import Synchronization

/// Each action's totals, read from the counters at most once a second (reports on other instances show
/// within that second) and at once after a report on this one.
final class TotalsCache: Sendable {
    private let store: Store
    private let clock: any WallClock
    private let entries = Mutex<[Identifier<UrgentAction>: (totals: Totals, readAt: Date)]>([:])

    init(store: Store, clock: any WallClock) {
        self.store = store
        self.clock = clock
    }

    func totals(of action: Identifier<UrgentAction>) async throws -> Totals {
        let now = clock.now
        if let entry = entries.withLock({ $0[action] }), now.timeIntervalSince(entry.readAt) < 1 { return entry.totals }
        let totals = try await store.totals(of: action)
        entries.withLock { $0[action] = (totals, now) }
        return totals
    }

    func invalidate(_ action: Identifier<UrgentAction>) {
        _ = entries.withLock { $0.removeValue(forKey: action) }
    }
}
