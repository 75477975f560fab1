import Foundation
import OutcryCore
import Synchronization

/// Always the same moment (27 November 2026, 11:02 UTC) until a test moves it on.
public final class FixedClock: WallClock {
    private let moment = Mutex(Date(timeIntervalSince1970: 1_795_777_326))

    public init() {}

    public var now: Date { moment.withLock { $0 } }

    public func advance(seconds: TimeInterval) { moment.withLock { $0 += seconds } }
}
