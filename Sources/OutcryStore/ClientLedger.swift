import Foundation
import OutcryCore
import Synchronization

/// The day's report counts per client (per salted address hash and action), kept in memory by an
/// instance's report writer so that the abuse caps cost no database write per report.
///
/// A client's counts are read from `client_activity` the first time the writer sees it (and again a
/// minute later, to take in what other instances counted); what this instance adds is written back at
/// most once every `flushInterval`, inside the transaction of a batch of reports. Reports and totals are
/// never held back: a crash loses at most the last interval of these counts, which only decide whether
/// a later report is flagged for review.
///
/// Used by one writer at a time.
public final class ClientLedger: Sendable {
    private struct Entry {
        var count: ActivityCount
        var readAt: Date
    }

    private struct State {
        var entries: [ActivityKey: Entry] = [:]
        /// Counts added since the last write to the database.
        var pending: [ActivityKey: ActivityCount] = [:]
        var flushedAt: Date?
    }

    let flushInterval: TimeInterval
    /// After this long, a client's counts are read from the database again.
    let refreshInterval: TimeInterval
    /// Beyond this many clients, those with nothing waiting to be written are forgotten (and read again if seen).
    let capacity: Int
    let clock: any WallClock
    private let state = Mutex(State())

    public init(
        flushInterval: TimeInterval = 1, refreshInterval: TimeInterval = 60, capacity: Int = 200_000,
        clock: any WallClock = SystemWallClock()
    ) {
        self.flushInterval = flushInterval
        self.refreshInterval = refreshInterval
        self.capacity = capacity
        self.clock = clock
    }

    /// The counts known for these clients: read recently, or with additions not written yet.
    func snapshot(of keys: Set<ActivityKey>, now: Date) -> [ActivityKey: ActivityCount] {
        state.withLock { state in
            var known: [ActivityKey: ActivityCount] = [:]
            for key in keys {
                guard let entry = state.entries[key] else { continue }
                if now.timeIntervalSince(entry.readAt) < refreshInterval || state.pending[key] != nil { known[key] = entry.count }
            }
            return known
        }
    }

    func flushIsDue(now: Date) -> Bool {
        state.withLock { state in
            guard let flushedAt = state.flushedAt else { return true }
            return now.timeIntervalSince(flushedAt) >= flushInterval
        }
    }

    /// The additions not written to the database yet.
    var pending: [ActivityKey: ActivityCount] { state.withLock { $0.pending } }

    /// Takes in a committed batch: counts read from the database, counts it added, and whether the
    /// additions were written (then nothing is pending any more).
    func apply(seeded: [ActivityKey: ActivityCount], added: [ActivityKey: ActivityCount], flushed: Bool, now: Date) {
        state.withLock { state in
            for (key, count) in seeded { state.entries[key] = Entry(count: count, readAt: now) }
            for (key, count) in added {
                var entry = state.entries[key] ?? Entry(count: ActivityCount(), readAt: now)
                entry.count = entry.count.plus(count)
                state.entries[key] = entry
            }
            if flushed {
                state.pending = [:]
                state.flushedAt = now
            } else {
                state.pending.merge(added) { $0.plus($1) }
            }
            if state.entries.count > capacity {
                state.entries = state.entries.filter { state.pending[$0.key] != nil }
            }
        }
    }
}

/// One client's reports on one action on one day.
struct ActivityKey: Hashable, Sendable {
    let day: String
    let clientHash: String
    let urgentAction: String

    init(day: String, clientHash: String, urgentAction: String) {
        self.day = day
        self.clientHash = clientHash
        self.urgentAction = urgentAction
    }

    init(_ report: IncomingReport) {
        self.init(day: report.day, clientHash: report.clientHash, urgentAction: report.urgentAction.rawValue)
    }

    /// Days since 1970 (UTC), as the caps, the activity and the salts count them.
    static func day(of date: Date) -> String {
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        return String(days)
    }
}

/// How many reports one client sent on one action on one day, and the actions of those that were counted.
struct ActivityCount: Sendable, Equatable {
    var reports = 0
    var actions = 0

    /// The counts with one more report, and its actions when it was counted.
    func adding(_ report: IncomingReport, counted: Bool) -> Self {
        Self(reports: reports + 1, actions: actions + (counted ? report.input.total : 0))
    }
    func plus(_ other: Self) -> Self { Self(reports: reports + other.reports, actions: actions + other.actions) }
}
