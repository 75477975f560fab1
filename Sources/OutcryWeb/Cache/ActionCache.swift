import OutcryCore
import OutcryStore
import Synchronization

/// Urgent Actions as the report form needs them, kept while the content version holds, so a spike of
/// reports does not read the same action from the database thousands of times a second.
final class ActionCache: Sendable {
    private let store: Store
    private let versions: PageCache
    private let entries = Mutex<[Identifier<UrgentAction>: (action: UrgentAction?, version: ContentVersion)]>([:])

    init(store: Store, versions: PageCache) {
        self.store = store
        self.versions = versions
    }

    func action(_ id: Identifier<UrgentAction>) async throws -> UrgentAction? {
        let version = try await versions.currentVersion()
        if let entry = entries.withLock({ $0[id] }), entry.version == version { return entry.action }
        let action = try await store.urgentAction(id)
        entries.withLock { $0[id] = (action, version) }
        return action
    }
}
