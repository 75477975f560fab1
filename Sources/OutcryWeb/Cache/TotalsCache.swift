import Foundation
import OutcryCore
import OutcryStore
import Synchronization

/// Each action's totals, read from the counters at most once a second (reports on other instances show
/// within that second) and at once after a report on this one, with their renderings kept beside them.
final class TotalsCache: Sendable {
    private struct Entry {
        let totals: Totals
        let readAt: Date
        /// Renderings of these totals, by template and language (`totals.ru`).
        var rendered: [TotalsView.Rendering: String] = [:]
    }

    private let store: Store
    private let clock: any WallClock
    private let entries = Mutex<[Identifier<UrgentAction>: Entry]>([:])

    init(store: Store, clock: any WallClock) {
        self.store = store
        self.clock = clock
    }

    func totals(of action: Identifier<UrgentAction>) async throws -> Totals {
        let now = clock.now
        if let entry = entries.withLock({ $0[action] }), now.timeIntervalSince(entry.readAt) < 1 { return entry.totals }
        let totals = try await store.totals(of: action)
        entries.withLock { entries in
            // Unchanged totals keep their renderings.
            let kept = entries[action].flatMap { $0.totals == totals ? $0.rendered : nil } ?? [:]
            entries[action] = Entry(totals: totals, readAt: now, rendered: kept)
        }
        return totals
    }

    /// The totals rendered by `render`, rendered again only when they change.
    func html(
        of action: Identifier<UrgentAction>, rendering template: TotalsView.Rendering, render: (Totals) throws -> String
    ) async throws -> String {
        let totals = try await totals(of: action)
        if let cached = entries.withLock({ $0[action].flatMap { $0.totals == totals ? $0.rendered[template] : nil } }) {
            return cached
        }
        let html = try render(totals)
        entries.withLock { entries in
            if entries[action]?.totals == totals { entries[action]?.rendered[template] = html }
        }
        return html
    }

    /// The rendering of totals read less than a second ago, or nil: asks nothing of the database.
    func freshHTML(of action: Identifier<UrgentAction>, rendering template: TotalsView.Rendering) -> String? {
        let now = clock.now
        return entries.withLock { entries in
            guard let entry = entries[action], now.timeIntervalSince(entry.readAt) < 1 else { return nil }
            return entry.rendered[template]
        }
    }

    func invalidate(_ action: Identifier<UrgentAction>) {
        _ = entries.withLock { $0.removeValue(forKey: action) }
    }
}
