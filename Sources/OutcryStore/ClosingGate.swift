import Synchronization

/// Lets work into an engine until it closes, and lets the closing wait for the work already in: a report
/// being committed as the server stops is committed, and work that arrives later is refused with
/// `StoreError.closed` instead of being sent to connections that are going away (where it could wait for
/// ever for an answer).
final class ClosingGate: Sendable {
    private struct State {
        var isClosed = false
        var running = 0
        var closing: CheckedContinuation<Void, Never>?
        /// The closing has waited its patience out.
        var waitedEnough = false
    }

    private let state = Mutex(State())
    /// How long `close()` waits for work that does not end (a statement the server never answers).
    private let patience: Duration

    init(patience: Duration = .seconds(10)) {
        self.patience = patience
    }

    /// Runs `body` unless the gate is closed.
    func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try state.withLock { state in
            guard !state.isClosed else { throw StoreError.closed }
            state.running += 1
        }
        defer { left() }
        return try await body()
    }

    /// Refuses new work, then returns once the work already in has ended (or `patience` has passed).
    /// Returns false, at once, when the gate was closed before.
    func close() async -> Bool {
        let first = state.withLock { state in
            defer { state.isClosed = true }
            return !state.isClosed
        }
        guard first else { return false }
        let limit = Task { [self, patience] in
            try? await Task.sleep(for: patience)
            gaveUp()?.resume()
        }
        await withCheckedContinuation { closing in
            let drained = state.withLock { state in
                if state.running == 0 || state.waitedEnough { return true }
                state.closing = closing
                return false
            }
            if drained { closing.resume() }
        }
        limit.cancel()
        return true
    }

    private func left() {
        let closing = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.running -= 1
            return state.running == 0 ? state.closing.take() : nil
        }
        closing?.resume()
    }

    private func gaveUp() -> CheckedContinuation<Void, Never>? {
        state.withLock { state in
            state.waitedEnough = true
            return state.closing.take()
        }
    }
}
