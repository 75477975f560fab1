import OutcryCore

/// Group commit for reports: submissions that arrive while a transaction is being written wait and go
/// into the next one together, so a burst costs a few commits instead of one each. Every caller returns
/// only after the transaction holding its report has committed.
public actor ReportWriter {
    private let store: Store
    private let caps: ReportCaps
    private let batchLimit: Int
    /// The day's counts per client, so the caps cost no database write per report.
    private let ledger = ClientLedger()
    private var waiting: [(report: IncomingReport, reply: CheckedContinuation<Result<ReportOutcome, any Error>, Never>)] = []
    private var isWriting = false
    /// Told of each committed batch: how many reports it held and how many of them were new.
    private let committed: @Sendable (_ size: Int, _ stored: Int) -> Void

    public init(
        store: Store, caps: ReportCaps = ReportCaps(), batchLimit: Int = 1_000,
        committed: @escaping @Sendable (_ size: Int, _ stored: Int) -> Void = { _, _ in }
    ) {
        self.store = store
        self.caps = caps
        self.batchLimit = batchLimit
        self.committed = committed
    }

    /// Stores the report and returns once it is durably committed (or refused by the database).
    public func submit(_ report: IncomingReport) async throws -> ReportOutcome {
        let result = await withCheckedContinuation { reply in
            waiting.append((report, reply))
            if !isWriting {
                isWriting = true
                // Where the engine's answers arrive (SQLite: its own thread), so that between two batches the
                // writer does not queue behind the very requests that wait for it.
                Task(executorPreference: store.engine.taskExecutor, priority: .high) { await self.writeUntilEmpty() }
            }
        }
        return try result.get()
    }

    private func writeUntilEmpty() async {
        while !waiting.isEmpty {
            let batch = Array(waiting.prefix(batchLimit))
            waiting.removeFirst(batch.count)
            do {
                let outcomes = try await store.record(batch.map(\.report), caps: caps, ledger: ledger)
                committed(batch.count, outcomes.count { $0 != .duplicate })
                for (entry, outcome) in zip(batch, outcomes) { entry.reply.resume(returning: .success(outcome)) }
            } catch {
                // One bad report must not sink its neighbours: retry them one by one.
                for entry in batch {
                    do {
                        let outcome = try await store.record([entry.report], caps: caps, ledger: ledger)[0]
                        committed(1, outcome == .duplicate ? 0 : 1)
                        entry.reply.resume(returning: .success(outcome))
                    } catch {
                        entry.reply.resume(returning: .failure(error))
                    }
                }
            }
        }
        isWriting = false
    }
}
