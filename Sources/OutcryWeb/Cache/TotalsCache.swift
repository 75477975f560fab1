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

    /// The totals rendered by `render`, rendered again only when they change.
    func html(of action: Identifier<UrgentAction>, template: String, render: (Totals) -> String) async throws -> String {
        let totals = try await totals(of: action)
        let key = RenderKey(template: template, totals: totals)
        if let cached = rendered.withLock({ $0[key] }) { return cached }
        let html = render(totals)
        rendered.withLock { cache in
            // Totals only grow, so old renderings are never asked for again: keep the cache small.
            if cache.count > 256 { cache.removeAll() }
            cache[key] = html
        }
        return html
    }

    /// The rendering of totals read less than a second ago, or nil.
    func freshHTML(of action: Identifier<UrgentAction>, template: String) -> String? {
        guard let entry = entries.withLock({ $0[action] }), clock.now.timeIntervalSince(entry.readAt) < 1 else { return nil }
        return rendered.withLock { $0[RenderKey(template: template, totals: entry.totals)] }
    }

    private struct RenderKey: Hashable {
        let template: String
        let totals: Totals
    }

    private let rendered = Mutex<[RenderKey: String]>([:])

    func invalidate(_ action: Identifier<UrgentAction>) {
        _ = entries.withLock { $0.removeValue(forKey: action) }
    }
}
