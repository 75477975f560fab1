import Synchronization

/// Work run in a task of its own whose outcome is looked at with a time limit. A task that never ends is left
/// behind rather than awaited: awaited, it would hold the test, as `withTimeout`'s task group would.
final class Ending<T: Sendable>: Sendable {
    private let outcome = Mutex<Result<T, any Error>?>(nil)

    init(_ body: @escaping @Sendable () async throws -> T) {
        Task { [self] in
            do {
                let value = try await body()
                self.outcome.withLock { $0 = .success(value) }
            } catch {
                self.outcome.withLock { $0 = .failure(error) }
            }
        }
    }

    var hasEnded: Bool { outcome.withLock { $0 != nil } }

    /// The outcome, or nil if there is none after `seconds`.
    func result(within seconds: Int) async -> Result<T, any Error>? {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if let outcome = outcome.withLock({ $0 }) { return outcome }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }
}
