import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

extension Request {
    /// Every `X-Forwarded-For` value, joined as HTTP joins repeated fields.
    var forwardedFor: String? { headers[HTTPField.Name("X-Forwarded-For")!] }
}

/// How often each client did something in a window of time, for limits that must hold before any work is
/// done (queuing a mail, checking a password). A client is what the report caps count (an IPv4 address or
/// an IPv6 /64), known here only by a keyed hash under a key that lives and dies with the process. Kept in
/// memory, per instance, and bounded: past `capacity` clients, those whose window has ended are forgotten
/// first, then the oldest.
final class ClientThrottle: Sendable {
    struct Limit: Sendable, Equatable {
        var count: Int
        var window: TimeInterval
    }

    let limit: Limit
    private let capacity: Int
    private let trustForwardedFor: Bool
    private let key = SymmetricKey(size: .bits256)
    private let windows = Mutex<[String: (start: Date, count: Int)]>([:])

    init(_ limit: Limit, trustForwardedFor: Bool, capacity: Int = 100_000) {
        self.limit = limit
        self.trustForwardedFor = trustForwardedFor
        self.capacity = capacity
    }

    /// The client a request comes from, as this throttle knows it.
    func client(peer: SocketAddress?, forwardedFor: String?) -> String {
        let address = ClientHasher.address(peer: peer, forwardedFor: forwardedFor, trustForwardedFor: trustForwardedFor)
        return Data(HMAC<SHA256>.authenticationCode(for: Data(address.utf8), using: key)).base64URL
    }

    /// Counts one more for `client`; nil while within the limit, else when its window ends (nothing is counted then).
    func take(_ client: String, now: Date) -> Date? {
        windows.withLock { windows in
            if var current = windows[client], now.timeIntervalSince(current.start) < limit.window {
                guard current.count < limit.count else { return current.start.addingTimeInterval(limit.window) }
                current.count += 1
                windows[client] = current
                return nil
            }
            if windows.count >= capacity { forgetOldest(&windows, now: now) }
            windows[client] = (now, 1)
            return nil
        }
    }

    private func forgetOldest(_ windows: inout [String: (start: Date, count: Int)], now: Date) {
        windows = windows.filter { now.timeIntervalSince($0.value.start) < limit.window }
        guard windows.count >= capacity else { return }
        let oldest = windows.sorted { $0.value.start < $1.value.start }.prefix(windows.count - capacity / 2)
        for (client, _) in oldest { windows[client] = nil }
    }
}

/// At most `limit` pieces of one kind of costly work (a password check) running or waiting at once; past
/// that, new ones are turned away at once instead of making everyone wait behind them.
final class BoundedWork: Sendable {
    private let limit: Int
    private let admitted = Mutex(0)

    init(limit: Int) {
        self.limit = limit
    }

    /// Runs `work` if there is room; nil if there was none.
    func run<T: Sendable>(_ work: () async throws -> T) async rethrows -> T? {
        let entered = admitted.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
        guard entered else { return nil }
        defer { admitted.withLock { $0 -= 1 } }
        return try await work()
    }
}
